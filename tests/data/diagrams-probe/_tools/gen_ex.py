"""Probe set: Excalidraw + Obsidian boards (original designs) + expected readings."""
import os
from exlib import Scene, svg_icon
from expect import write, F, M, U, N

D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VSC = "https://marketplace.visualstudio.com/items?itemName=pomdtr.excalidraw-editor"
OBS = "https://github.com/zsviczian/obsidian-excalidraw-plugin/releases/tag/2.6.3"


def strike(s, t):
    """red line across a text, grouped with it (crossed-out item)"""
    y = t["y"] + t["height"] / 2
    ln = s.polyline([(t["x"] - 4, y), (t["x"] + t["width"] + 4, y)], sw=3)
    ln["strokeColor"] = "#e03131"
    s.group([t, ln])


# ------------------------------------------------------------ px01 API gateway (Kong)
def px01():
    name = "px01_api_gateway_kong_legend"
    s = Scene(9101)
    title = "Public API platform — edge + gateway"
    s.text(40, -120, title, size=32)
    cli = s.rect(40, 160, 150, 70, "3rd-party\napps")
    cf = s.rect(260, 160, 160, 70, "Cloudflare")
    gw = s.rect(500, 150, 190, 90, "Kong GW")
    s.text(505, 248, "x6 pods, K8s HPA", size=14)
    auth = s.rect(780, 20, 170, 70, "Auth Svc\n(OAuth2)")
    rl = s.rect(780, 150, 170, 70, "RL counters\n(Redis)")
    rlnote = "INCR + EXPIRE 60s"
    s.text(785, 228, rlnote, size=14, color="#e03131")
    orders = s.rect(780, 300, 170, 70, "Orders API")
    cat = s.rect(780, 420, 170, 70, "Catalog API")
    cfg = s.rect(500, 380, 190, 80, "Kong config\nDB (PG)")
    cfgnote = "decK sync from git"
    s.text(500, 468, cfgnote, size=14)
    odb = s.rect(1060, 300, 180, 70, "Orders DB\n(PG primary)")
    oreplica = s.rect(1320, 300, 170, 70, "PG replica")
    ccache = s.rect(1060, 420, 180, 70, "Catalog cache\n(Memcached)")
    cdb = s.rect(1320, 420, 170, 70, "Catalog\nDynamoDB")
    prom = s.rect(40, 380, 170, 70, "Prometheus")
    old = s.text(1060, 40, "Tyk?", size=20)
    strike(s, old)
    todo = "TODO: mTLS between GW and services"
    s.text(1060, 100, todo, size=16, color="#e03131")
    s.arrow(cli, cf, label="HTTPS", size=14)
    s.arrow(cf, gw)
    s.arrow(gw, auth, label="introspect", size=14)
    s.arrow(gw, rl)
    s.arrow(gw, orders)
    s.arrow(gw, cat)
    s.arrow(gw, cfg, label="reads routes", size=14)
    s.arrow(orders, odb)
    s.arrow(odb, oreplica, label="streaming repl.", size=14)
    s.arrow(cat, ccache)
    s.arrow(cat, cdb)
    s.arrow(prom, gw, style="dashed", label="scrape /metrics", size=14)
    # legend, far from everything
    lg = "Legend"
    s.text(40, 620, lg, size=18)
    s.arrow((40, 670), (140, 670), bind=False)
    s.text(160, 658, "sync call", size=14)
    s.arrow((40, 710), (140, 710), bind=False, style="dashed")
    s.text(160, 698, "pull / async", size=14)
    s.dump(os.path.join(D, name + ".excalidraw"))
    C = "3rd-party apps"
    write(name, name + ".excalidraw", "excalidraw", system="API gateway",
          styles=["bound labels with line breaks", "legend with sample arrows", "crossed-out text",
                  "TODO note", "notes beside shapes", "abbreviations GW/PG/K8s"],
          components={C: "client", "Cloudflare": "cdn", "Kong GW": "gateway", "Auth Svc (OAuth2)": "service",
                      "RL counters (Redis)": "cache", "Orders API": "service", "Catalog API": "service",
                      "Kong config DB (PG)": "database", "Orders DB (PG primary)": "database",
                      "PG replica": "database", "Catalog cache (Memcached)": "cache",
                      "Catalog DynamoDB": "database", "Prometheus": "monitoring"},
          instances={"Kong GW": 6},
          edges=[(C, "Cloudflare", False), ("Cloudflare", "Kong GW", False), ("Kong GW", "Auth Svc (OAuth2)", False),
                 ("Kong GW", "RL counters (Redis)", False), ("Kong GW", "Orders API", False),
                 ("Kong GW", "Catalog API", False), ("Kong GW", "Kong config DB (PG)", False),
                 ("Orders API", "Orders DB (PG primary)", False), ("Orders DB (PG primary)", "PG replica", False),
                 ("Catalog API", "Catalog cache (Memcached)", False), ("Catalog API", "Catalog DynamoDB", False),
                 ("Prometheus", "Kong GW", False)],
          not_components=[title, "x6 pods, K8s HPA", rlnote, cfgnote, "Tyk?", todo, "HTTPS", "introspect",
                          "reads routes", "streaming repl.", "scrape /metrics", lg, "sync call", "pull / async"],
          expected=[F("CACHE_TTL", "Catalog cache (Memcached)"),
                    F("NO_REPLICATION", "Kong config DB (PG)", note="single PG box, nothing about replicas")],
          must_not=[M("CACHE_TTL", "RL counters (Redis)", "note 'INCR + EXPIRE 60s'"),
                    M("NO_REPLICATION", "Orders DB (PG primary)", "'streaming repl.' arrow to 'PG replica'"),
                    M("NO_REPLICATION", "PG replica", "it is the replica"),
                    M("NO_MONITORING", None, "'Prometheus' box"),
                    M("SPOF", "Kong GW", "note 'x6 pods, K8s HPA'"),
                    M("ORPHAN", "Prometheus", "dashed 'scrape /metrics' arrow to Kong GW")],
          unspecified=[U("NO_REPLICATION", "Catalog DynamoDB", "DynamoDB replicates across AZs by design; nothing written")],
          notes="'Tyk?' is crossed out (alternative dropped), not a component. Legend arrows are not edges.")


# ------------------------------------------------------------ px02 collaborative editor
def px02():
    name = "px02_collab_editor_unbound"
    s = Scene(9102, source=VSC, newer=False, font=1)
    s.text(40, -100, "Collaborative doc editor (Google-Docs-ish)", size=28)
    scale = "~2M concurrent editors,\n50M docs"
    s.text(40, -50, scale, size=16)
    # names as loose text inside unlabeled shapes
    def boxed(x, y, w, h, label, size=18):
        r = s.rect(x, y, w, h)
        t = s.text(x + 12, y + h / 2 - 12, label, size=size)
        return r
    br = boxed(40, 160, 150, 70, "Browser")
    lb = boxed(280, 160, 130, 70, "Envoy LB")
    cs = boxed(500, 140, 210, 110, "Collab server\n(OT engine)")
    s.text(505, 258, "sticky by doc_id", size=14)
    pres = boxed(820, 20, 200, 70, "Presence\n(Redis)")
    ops = boxed(820, 170, 200, 80, "Ops log\n(ScyllaDB)")
    opsnote = "RF=3, partition by doc_id"
    s.text(822, 258, opsnote, size=14, color="#1971c2")
    snap = boxed(1120, 170, 200, 80, "Snapshots\n(PG)")
    nats = boxed(820, 330, 200, 70, "NATS\nop fan-out")
    hist = boxed(1120, 330, 200, 70, "History\nworker")
    blob = boxed(1120, 460, 200, 70, "S3 exports")
    todo = "TODO offline edits??"
    s.text(500, 420, todo, size=18, color="#e03131")
    s.arrow(br, lb, bind=False, heads=("arrow", "arrow"), gap=12, label="websocket", size=14)
    s.arrow(lb, cs, bind=False, gap=18)
    s.arrow(cs, pres, bind=False, gap=22)
    s.arrow(cs, ops, bind=False, gap=15)
    s.arrow(ops, snap, bind=False, gap=14, heads=("arrow", "arrow"), label="sync", size=14)
    s.arrow(cs, nats, bind=False, gap=20)
    s.arrow(nats, hist, bind=False, gap=16)
    s.arrow(hist, blob, bind=False, gap=24)
    s.dump(os.path.join(D, name + ".excalidraw"))
    CS, P_, O, S_, NT = "Collab server (OT engine)", "Presence (Redis)", "Ops log (ScyllaDB)", "Snapshots (PG)", "NATS op fan-out"
    write(name, name + ".excalidraw", "excalidraw", system="collaborative editor",
          styles=["older VS Code export (baseline, fontFamily 1)", "names as loose text inside unlabeled boxes",
                  "all arrows unbound, 12-24 px from shapes", "two-way websocket arrow", "two-way 'sync' between stores",
                  "scale note", "TODO note"],
          components={"Browser": "client", "Envoy LB": "load_balancer", CS: "service", P_: "cache", O: "database",
                      S_: "database", NT: "queue", "History worker": "service", "S3 exports": "blob_storage"},
          edges=[("Browser", "Envoy LB", True), ("Envoy LB", CS, False), (CS, P_, False), (CS, O, False),
                 (O, S_, True), (CS, NT, False), (NT, "History worker", False), ("History worker", "S3 exports", False)],
          not_components=["Collaborative doc editor (Google-Docs-ish)", scale, "sticky by doc_id", opsnote, todo,
                          "websocket", "sync"],
          expected=[F("NO_MONITORING"), F("CACHE_TTL", P_), F("UNBOUNDED_QUEUE", NT),
                    F("BIDIRECTIONAL_SYNC", O, with_=S_, note="two-way 'sync' arrow, no conflict rule"),
                    F("NO_REPLICATION", S_),
                    F("DB_NOT_SHARDED", S_, note="scale note '50M docs'; nothing about partitioning the PG")],
          must_not=[M("NO_REPLICATION", O, "note 'RF=3, partition by doc_id'"),
                    M("DB_NOT_SHARDED", O, "note 'RF=3, partition by doc_id'"),
                    M("BIDIRECTIONAL_SYNC", "Browser", "two-way arrow is the 'websocket' transport", with_="Envoy LB"),
                    M("ORPHAN", "S3 exports", "unbound arrow from History worker ends 24 px away")])


# ------------------------------------------------------------ px03 digital wallet, German
def px03():
    name = "px03_wallet_german"
    s = Scene(9103)
    t = "Digitale Geldbörse – Architektur"
    s.text(40, -100, t, size=30)
    u = s.ellipse(40, 170, 150, 80, "Nutzer\n(App)")
    gw = s.rect(280, 170, 170, 80, "API-GW")
    wal = s.rect(540, 160, 200, 100, "Wallet-Dienst")
    s.text(545, 268, "×8 Pods", size=14)
    bal = s.rect(860, 160, 210, 100, "Kontostand-DB\n(Spanner)")
    psp = s.rect(540, 400, 200, 80, "Zahlungsanbieter\n(Stripe)")
    q = s.rect(860, 400, 210, 80, "Ereignis-MQ\n(Kafka)")
    qn = "max. 200k Nachrichten"
    s.text(862, 488, qn, size=14, color="#e03131")
    ntf = s.rect(1160, 400, 190, 80, "Benachrichtigungen")
    fraud = s.rect(1160, 160, 190, 100, "Betrugs-\nerkennung")
    mon = "Metriken + Logs → Datadog"
    s.text(40, 520, mon, size=16, color="#2f9e44")
    s.arrow(u, gw)
    s.arrow(gw, wal)
    s.arrow(wal, bal, label="schreiben\n(stark konsistent)", size=14, via=[(800, 185)])
    s.arrow(wal, bal, label="lesen\n(eventual, veraltet ok)", size=14, via=[(800, 240)])
    s.arrow(wal, psp, label="Aufladung", size=14)
    s.arrow(wal, q)
    s.arrow(q, ntf)
    s.arrow(q, fraud)
    s.dump(os.path.join(D, name + ".excalidraw"))
    W, B, Q = "Wallet-Dienst", "Kontostand-DB (Spanner)", "Ereignis-MQ (Kafka)"
    write(name, name + ".excalidraw", "excalidraw", system="digital wallet",
          styles=["German labels", "two arrows to one store: strong write + eventual read", "monitoring only as a note",
                  "'×8 Pods' instance note", "queue bound written in German"],
          components={"Nutzer (App)": "client", "API-GW": "gateway", W: "service", B: "database",
                      "Zahlungsanbieter (Stripe)": "external", Q: "queue", "Benachrichtigungen": "service",
                      "Betrugs- erkennung": "service"},
          instances={W: 8},
          edges=[("Nutzer (App)", "API-GW", False), ("API-GW", W, False), (W, B, False),
                 (W, "Zahlungsanbieter (Stripe)", False), (W, Q, False), (Q, "Benachrichtigungen", False),
                 (Q, "Betrugs- erkennung", False)],
          not_components=[t, "×8 Pods", qn, mon, "schreiben (stark konsistent)", "lesen (eventual, veraltet ok)",
                          "Aufladung"],
          expected=[F("MIXED_CONSISTENCY", B, note="write 'stark konsistent', read 'eventual, veraltet ok' on the same store")],
          must_not=[M("UNBOUNDED_QUEUE", Q, "note 'max. 200k Nachrichten'"),
                    M("NO_MONITORING", None, "note 'Metriken + Logs → Datadog'"),
                    M("SPOF", W, "note '×8 Pods'")],
          unspecified=[U("NO_REPLICATION", B, "Spanner replicates by design but nothing is written")],
          notes="Label 'Betrugs-\\nerkennung' normalises to 'Betrugs- erkennung' (hyphenated line break).")


# ------------------------------------------------------------ px04 video conferencing, icons
def px04():
    name = "px04_video_conf_icons"
    s = Scene(9104)
    t = "Video calls (Zoom-like) v0.3"
    s.text(40, -100, t, size=30)
    ph = s.image(40, 180, 64, 64, svg_icon("phone"))
    s.text(30, 250, "Participants", size=16)
    sig = s.image(300, 60, 64, 64, svg_icon("server"))
    s.text(372, 78, "Signaling (WS)", size=16)
    # stacked SFU icons
    for k in (2, 1):
        s.image(300 + 10 * k, 260 + 10 * k, 64, 64, svg_icon("server"))
    sfu = s.image(300, 260, 64, 64, svg_icon("server"))
    s.text(300, 350, "SFU (mediasoup)", size=16)
    turn = s.rect(40, 420, 170, 70, "TURN / STUN")
    s.text(45, 498, "x N, anycast", size=14)
    room = s.rect(620, 40, 190, 80, "Room state\n(Redis)")
    rec = s.rect(620, 260, 190, 80, "Recorder")
    rq = s.rect(900, 260, 190, 80, "Recording jobs\n(SQS)")
    rqn = "queue cap: 20k jobs"
    s.text(900, 348, rqn, size=14)
    tx = s.rect(1180, 260, 170, 80, "Transcoder")
    s3 = s.rect(1180, 420, 170, 80, "S3 recordings")
    ana = s.rect(620, 460, 190, 80, "Call analytics")
    s.arrow(ph, sig, label="join", size=14)
    s.arrow(ph, sfu, label="RTP/SRTP", size=14)
    s.arrow(ph, turn)
    s.arrow(sig, room)
    s.arrow(sfu, rec)
    s.arrow(rec, rq)
    s.arrow(rq, tx)
    s.arrow(tx, s3)
    s.dump(os.path.join(D, name + ".excalidraw"))
    R, Q = "Room state (Redis)", "Recording jobs (SQS)"
    write(name, name + ".excalidraw", "excalidraw", system="video conferencing",
          styles=["embedded SVG icons with names beside/below", "stacked icon copies", "x N note", "orphan box",
                  "queue cap note"],
          components={"Participants": "client", "Signaling (WS)": "service", "SFU (mediasoup)": "service",
                      "TURN / STUN": "service", R: "cache", "Recorder": "service", Q: "queue",
                      "Transcoder": "service", "S3 recordings": "blob_storage", "Call analytics": "service"},
          instances={"SFU (mediasoup)": 3, "TURN / STUN": "many"},
          edges=[("Participants", "Signaling (WS)", False), ("Participants", "SFU (mediasoup)", False),
                 ("Participants", "TURN / STUN", False), ("Signaling (WS)", R, False),
                 ("SFU (mediasoup)", "Recorder", False), ("Recorder", Q, False), (Q, "Transcoder", False),
                 ("Transcoder", "S3 recordings", False)],
          not_components=[t, "x N, anycast", rqn, "join", "RTP/SRTP"],
          expected=[F("NO_MONITORING"), F("CACHE_TTL", R), F("ORPHAN", "Call analytics")],
          must_not=[M("UNBOUNDED_QUEUE", Q, "note 'queue cap: 20k jobs'"),
                    M("SPOF", "SFU (mediasoup)", "three stacked SFU icons"),
                    M("SPOF", "TURN / STUN", "note 'x N, anycast'")])


# ------------------------------------------------------------ px05 stock exchange, frames
def px05():
    name = "px05_stock_exchange_frames"
    s = Scene(9105)
    t = "Exchange core — order path"
    s.text(40, -120, t, size=30)
    f1 = s.frame("DC1 (primary)", 20, 0, 1220, 560)
    f2 = s.frame("DR site", 1300, 0, 420, 560)
    brk = s.rect(60, 200, 150, 70, "Brokers\n(FIX)", frame=f1)
    og = s.rect(280, 200, 170, 70, "Order GW", frame=f1)
    s.text(285, 278, "x4", size=14, frame=f1)
    risk = s.rect(520, 60, 170, 70, "Pre-trade\nrisk", frame=f1)
    me = s.rect(520, 200, 190, 80, "Matching\nengine", frame=f1)
    men = "single instance, in-memory book"
    s.text(520, 288, men, size=14, color="#e03131", frame=f1)
    md = s.rect(800, 60, 190, 70, "Market data\npublisher", frame=f1)
    jr = s.rect(800, 220, 190, 80, "Trade journal\n(PG)", frame=f1)
    aud = s.rect(800, 400, 190, 70, "Audit search\n(OpenSearch)", frame=f1)
    # etcd cluster group box with nodes
    ec = s.rect(280, 360, 300, 170, frame=f1)
    s.text(292, 368, "etcd cluster", size=16, frame=f1)
    nodes = [s.rect(292 + 95 * i, 420, 80, 50, "etcd-%d" % (i + 1), size=14, frame=f1) for i in range(3)]
    sb = s.rect(1380, 220, 190, 80, "Journal\nstandby", frame=f2)
    dd = "Datadog agent on every host"
    s.text(1330, 450, dd, size=14, frame=f2)
    s.arrow(brk, og)
    s.arrow(og, me)
    s.arrow(me, risk, heads=(None, "arrow"))
    s.arrow(me, md, label="ticks", size=14)
    s.arrow(me, jr, label="append fills", size=14)
    s.arrow(jr, aud, label="CDC", size=14)
    s.arrow(jr, sb, label="sync replication", size=14)
    s.arrow(me, ec, label="leader lease", size=14)
    s.dump(os.path.join(D, name + ".excalidraw"))
    ME, J, E = "Matching engine", "Trade journal (PG)", "etcd cluster"
    write(name, name + ".excalidraw", "excalidraw", system="stock exchange",
          styles=["frames (DC1 / DR site)", "cluster box holding node boxes", "explicit 'single instance' note",
                  "monitoring only as a note", "arrow into a cluster container"],
          components={"Brokers (FIX)": "client", "Order GW": "gateway", "Pre-trade risk": "service", ME: "service",
                      "Market data publisher": "service", J: "database",
                      "Audit search (OpenSearch)": "search_index", E: "database", "Journal standby": "database"},
          instances={"Order GW": 4},
          members={E: ["etcd-1", "etcd-2", "etcd-3"]},
          edges=[("Brokers (FIX)", "Order GW", False), ("Order GW", ME, False), (ME, "Pre-trade risk", False),
                 (ME, "Market data publisher", False), (ME, J, False), (J, "Audit search (OpenSearch)", False),
                 (J, "Journal standby", False), (ME, E, False)],
          not_components=[t, "DC1 (primary)", "DR site", "x4", men, dd, "ticks", "append fills", "CDC",
                          "sync replication", "leader lease"],
          expected=[F("SPOF", ME, note="note 'single instance, in-memory book'; every order flows through it")],
          must_not=[M("NO_REPLICATION", J, "'sync replication' arrow to Journal standby"),
                    M("NO_REPLICATION", "Journal standby", "it is the standby"),
                    M("NO_REPLICATION", E, "cluster of etcd-1..etcd-3"),
                    M("NO_MONITORING", None, "note 'Datadog agent on every host'"),
                    M("SPOF", "Order GW", "note 'x4'"),
                    M("ORPHAN", E, "'leader lease' arrow from Matching engine into the cluster box")])


# ------------------------------------------------------------ px06 top-k, chained text labels + emoji
def px06():
    name = "px06_topk_chained_labels"
    s = Scene(9106)
    t = "Top-K trending songs 🎵 (last 1h / 24h)"
    s.text(40, -110, t, size=28)
    sc = "1B plays/day, ~12k/s avg"
    s.text(40, -60, sc, size=16)
    pl = s.rect(40, 170, 160, 70, "📱 Players")
    ing = s.rect(290, 170, 170, 70, "Play ingest")
    pu = s.rect(550, 170, 190, 70, "Pulsar\nplays-topic")
    fl = s.rect(830, 170, 180, 70, "Flink\ncount-min")
    ch = s.rect(1100, 60, 180, 80, "CH (raw plays)")
    tk = s.rect(1100, 260, 180, 80, "Top-K cache\n(Redis ZSET)")
    tkn = "EX 120 on each window key"
    s.text(1100, 348, tkn, size=14)
    api = s.rect(830, 400, 180, 70, "Trending API")
    web = s.rect(550, 400, 180, 70, "🌐 Web app")
    # (1)..(5) numbered arrows + one chain through a loose text
    s.arrow(pl, ing, label="(1)", size=14)
    s.arrow(ing, pu, label="(2)", size=14)
    s.arrow(pu, fl, label="(3)", size=14)
    mid = s.text(1030, 100, "batch\nflush", size=14)
    a1 = s.arrow(fl, mid, bind=True)
    a2 = s.arrow(mid, ch, bind=True)
    s.arrow(fl, tk, label="(4) ZADD", size=14)
    s.arrow(api, tk, label="(5) ZREVRANGE", size=14)
    s.arrow(web, api)
    s.dump(os.path.join(D, name + ".excalidraw"))
    P, CH, TK = "Pulsar plays-topic", "CH (raw plays)", "Top-K cache (Redis ZSET)"
    write(name, name + ".excalidraw", "excalidraw", system="top-k",
          styles=["emoji in labels", "numbered arrow labels", "arrow -> loose text -> arrow chain",
                  "abbreviation CH = ClickHouse", "scale note"],
          components={"📱 Players": "client", "Play ingest": "service", P: "queue", "Flink count-min": "stream_processor",
                      CH: "database", TK: "cache", "Trending API": "service", "🌐 Web app": "client"},
          edges=[("📱 Players", "Play ingest", False), ("Play ingest", P, False), (P, "Flink count-min", False),
                 ("Flink count-min", CH, False), ("Flink count-min", TK, False), ("Trending API", TK, False),
                 ("🌐 Web app", "Trending API", False)],
          not_components=[t, sc, tkn, "(1)", "(2)", "(3)", "batch flush", "(4) ZADD", "(5) ZREVRANGE"],
          expected=[F("NO_MONITORING"), F("UNBOUNDED_QUEUE", P), F("NO_REPLICATION", CH),
                    F("DB_NOT_SHARDED", CH, note="'1B plays/day' written, nothing about partitioning CH")],
          must_not=[M("CACHE_TTL", TK, "note 'EX 120 on each window key'"),
                    M("ORPHAN", CH, "arrow via the 'batch flush' text from Flink")],
          notes="'🌐 Web app' is treated as a client (browser UI).")


# ------------------------------------------------------------ px07 obsidian: distributed lock
def px07():
    name = "px07_distributed_lock_obsidian"
    s = Scene(9107, source=OBS, newer=True, font=5, obsidian=True)
    t = "Distributed lock service"
    s.text(40, -90, t, size=30)
    req = "- leases, fencing tokens\n- 30k lock ops/s"
    s.text(40, -40, req, size=16)
    jobs = s.rect(40, 170, 170, 70, "Job schedulers")
    s.text(45, 248, "~300 pods", size=14)
    lb = s.rect(290, 170, 150, 70, "L4 LB")
    ls = s.rect(520, 170, 180, 70, "Lock API")
    s.text(525, 248, "3 replicas", size=14)
    zkbox = s.rect(800, 100, 330, 200)
    s.text(812, 108, "ZooKeeper ensemble", size=16)
    zk = [s.rect(812 + 105 * i, 170, 95, 60, "zk%d" % (i + 1), size=16) for i in range(3)]
    ft = s.rect(520, 380, 180, 80, "Fencing\ntoken DB")
    lc = s.rect(800, 380, 180, 80, "Holder cache\n(Memcached)")
    s.line(jobs, lb, gap=8)
    s.line(lb, ls, gap=8)
    s.arrow(ls, zkbox, label="ephemeral znodes", size=14)
    s.arrow(ls, ft)
    s.arrow(ls, lc)
    s.dump_obsidian(os.path.join(D, name + ".excalidraw.md"), variant="old")
    Z, FT, LC = "ZooKeeper ensemble", "Fencing token DB", "Holder cache (Memcached)"
    write(name, name + ".excalidraw.md", "obsidian-excalidraw", system="distributed lock",
          styles=["Obsidian old layout", "line connectors without arrowheads", "cluster box with zk1..zk3",
                  "names inside unlabeled container", "instance notes"],
          components={"Job schedulers": "client", "L4 LB": "load_balancer", "Lock API": "service", Z: "database",
                      FT: "database", LC: "cache"},
          instances={"Job schedulers": 300, "Lock API": 3},
          members={Z: ["zk1", "zk2", "zk3"]},
          edges=[("Job schedulers", "L4 LB", None), ("L4 LB", "Lock API", None), ("Lock API", Z, False),
                 ("Lock API", FT, False), ("Lock API", LC, False)],
          not_components=[t, req, "~300 pods", "3 replicas", "ephemeral znodes"],
          expected=[F("NO_MONITORING"), F("NO_REPLICATION", FT), F("CACHE_TTL", LC)],
          must_not=[M("NO_REPLICATION", Z, "ensemble of zk1, zk2, zk3"),
                    M("SPOF", "Lock API", "note '3 replicas'")])


ALL = [px01, px02, px03, px04, px05, px06, px07]
