"""Probe set: Mermaid boards (original designs) + expected readings."""
import os
from expect import write, F, M, U, N

D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dump(name, text):
    with open(os.path.join(D, name), "w", encoding="utf-8") as f:
        f.write(text)


def px08():
    name = "px08_maps_tiles_shapes"
    dump(name + ".mmd", """%% maps — tiles + routing + live traffic (rough)
flowchart LR
    app((Mobile app))
    subgraph edge["Edge"]
        cdn>Cloudflare CDN]
    end
    subgraph tiles["Tile serving"]
        ts[Tile server<br/>x12 pods]
        tc[Tile cache Memcached]
        tb[(S3 tile bucket)]
    end
    subgraph routing["Routing"]
        gw[Envoy GW]
        route[Routing svc]
        rg[(PostGIS road graph)]
        eta[("ETA cache<br/>Redis, TTL 5m")]
    end
    app -->|GET /tiles/z/x/y| cdn
    cdn -- cache miss --> ts
    ts --> tc
    ts --> tb
    app --> gw --> route
    route --> rg
    route -->|hot pairs| eta
    app -. gps pings .-> ing[Location ingest]
    ing --> kq[[Kafka: gps-pings]]
    kq --> fl{{Flink traffic speeds}}
    fl -->|edge weights| rg
    n1["road graph: partition by region, 2 read replicas each"]
    n1 -.- rg

    classDef store fill:#fde2e4,stroke:#333;
    classDef edgecls fill:#e7f5ff;
    class rg,tb,eta store
    class cdn edgecls
""")
    TS, TC, TB, RG, ETA, KQ, FL = ("Tile server x12 pods", "Tile cache Memcached", "S3 tile bucket",
                                  "PostGIS road graph", "ETA cache Redis, TTL 5m", "Kafka: gps-pings",
                                  "Flink traffic speeds")
    note = "road graph: partition by region, 2 read replicas each"
    write(name, name + ".mmd", "mermaid", system="maps",
          styles=["flowchart LR with subgraphs id[\"title\"]", "shapes (( )), > ], [( )], [[ ]], {{ }}",
                  "|label| and -- text --> and -. text .-> links", "chain A --> B --> C",
                  "note node attached with -.-", "classDef / class", "x12 pods in label"],
          components={"Mobile app": "client", "Cloudflare CDN": "cdn", TS: "service", TC: "cache",
                      TB: "blob_storage", "Envoy GW": "gateway", "Routing svc": "service", RG: "database",
                      ETA: "cache", "Location ingest": "service", KQ: "queue", FL: "stream_processor"},
          instances={TS: 12},
          groups={"Edge": ["Cloudflare CDN"], "Tile serving": [TS, TC, TB],
                  "Routing": ["Envoy GW", "Routing svc", RG, ETA]},
          not_components=["Edge", "Tile serving", "Routing", "GET /tiles/z/x/y", "cache miss", "hot pairs",
                          "gps pings", "edge weights", note],
          edges=[("Mobile app", "Cloudflare CDN", False), ("Cloudflare CDN", TS, False), (TS, TC, False),
                 (TS, TB, False), ("Mobile app", "Envoy GW", False), ("Envoy GW", "Routing svc", False),
                 ("Routing svc", RG, False), ("Routing svc", ETA, False), ("Mobile app", "Location ingest", False),
                 ("Location ingest", KQ, False), (KQ, FL, False), (FL, RG, False)],
          expected=[F("NO_MONITORING"), F("CACHE_TTL", TC), F("UNBOUNDED_QUEUE", KQ)],
          must_not=[M("CACHE_TTL", ETA, "label 'Redis, TTL 5m'"),
                    M("NO_REPLICATION", RG, "note node '2 read replicas each' attached to it"),
                    M("DB_NOT_SHARDED", RG, "note node 'partition by region' attached to it"),
                    M("SPOF", TS, "label 'x12 pods'")])


def px09():
    name = "px09_email_service_td"
    dump(name + ".mmd", """flowchart TD
    sender((Internet senders)) -->|SMTP :25| mta[Inbound MTA<br/>Postfix x6]
    mta --> spam{{Spam filter<br/>rspamd}}
    spam --> rules[(Spam rules DB<br/>MySQL)]
    spam -- clean --> mq[[MQ: Pulsar inbound]]
    mq --> dw[Delivery workers]
    dw --> mbox[("Mailbox store<br/>ScyllaDB, RF=3")]
    dw --> idx[(OpenSearch<br/>mail index)]
    dw --> att[(S3 attachments)]
    user((Webmail / IMAP clients)) --> lb[HAProxy LB] --> imap[IMAP / API svc]
    imap --> mbox
    imap -->|search| idx
    imap --> hc[("Memcached<br/>headers, TTL 10m")]
    imap -- outbound --> relay[Outbound relay] --> sg>SendGrid]
    n1["300M mailboxes, ~40B msgs stored"]
    subgraph obs [Observability]
        graf[Grafana + Loki]
    end
    graf -.-> mta
    graf -.-> imap
    classDef ext fill:#eee,stroke-dasharray: 4 2;
    class sg ext
""")
    MTA, SP, R, MQ, MB, IX, HC = ("Inbound MTA Postfix x6", "Spam filter rspamd", "Spam rules DB MySQL",
                                  "MQ: Pulsar inbound", "Mailbox store ScyllaDB, RF=3", "OpenSearch mail index",
                                  "Memcached headers, TTL 10m")
    note = "300M mailboxes, ~40B msgs stored"
    write(name, name + ".mmd", "mermaid", system="email service",
          styles=["flowchart TD", "{{ }} for a filter service", "[[ ]] queue", "> ] for an external provider",
                  "unconnected note node with scale", "subgraph id [title]", "monitoring in a subgraph"],
          components={"Internet senders": "client", MTA: "service", SP: "service", R: "database", MQ: "queue",
                      "Delivery workers": "service", MB: "database", IX: "search_index",
                      "S3 attachments": "blob_storage", "Webmail / IMAP clients": "client",
                      "HAProxy LB": "load_balancer", "IMAP / API svc": "service", HC: "cache",
                      "Outbound relay": "service", "SendGrid": "external", "Grafana + Loki": "monitoring"},
          instances={MTA: 6},
          groups={"Observability": ["Grafana + Loki"]},
          not_components=["Observability", "SMTP :25", "clean", "search", "outbound", note],
          edges=[("Internet senders", MTA, False), (MTA, SP, False), (SP, R, False), (SP, MQ, False),
                 (MQ, "Delivery workers", False), ("Delivery workers", MB, False), ("Delivery workers", IX, False),
                 ("Delivery workers", "S3 attachments", False), ("Webmail / IMAP clients", "HAProxy LB", False),
                 ("HAProxy LB", "IMAP / API svc", False), ("IMAP / API svc", MB, False),
                 ("IMAP / API svc", IX, False), ("IMAP / API svc", HC, False),
                 ("IMAP / API svc", "Outbound relay", False), ("Outbound relay", "SendGrid", False),
                 ("Grafana + Loki", MTA, False), ("Grafana + Loki", "IMAP / API svc", False)],
          expected=[F("UNBOUNDED_QUEUE", MQ), F("NO_REPLICATION", R)],
          must_not=[M("NO_REPLICATION", MB, "label 'ScyllaDB, RF=3'"),
                    M("CACHE_TTL", HC, "label 'headers, TTL 10m'"),
                    M("NO_MONITORING", None, "node 'Grafana + Loki'"),
                    M("SPOF", MTA, "label 'Postfix x6'")],
          unspecified=[U("DB_NOT_SHARDED", MB, "ScyllaDB partitions by design; no key written"),
                       U("DB_NOT_SHARDED", R, "small rules table; scale note is about mailboxes")])


def px10():
    name = "px10_presence_two_blocks"
    dump(name + ".md", """# Presence (online / last seen)

Assume 20M concurrent users, heartbeat every 30 s. Friends see status within ~5 s.

## Write path

```mermaid
flowchart LR
    dev((Phones)) <-->|heartbeat ws| gw[WS GW<br/>x20]
    gw --> ps[Presence svc]
    ps --> kv[(Presence KV<br/>Redis Cluster)]
    ps --> bus[[NATS presence.changed]]
```

## Fan-out + last seen

```mermaid
flowchart TD
    bus[[NATS presence.changed]] --> fan[Fan-out svc]
    fan -->|push status| gw2[WS GW<br/>x20]
    fan --> fr[(Friends graph<br/>PG, 2 replicas)]
    subgraph cold [cold path]
        arch[Last-seen writer] --> ls[(Last seen<br/>DynamoDB)]
    end
    bus --> arch
```

Not drawn yet: multi-region. Heartbeat keys should expire — need to decide the timeout.
""")
    GW, KV, BUS, FR, LS = ("WS GW x20", "Presence KV Redis Cluster", "NATS presence.changed",
                           "Friends graph PG, 2 replicas", "Last seen DynamoDB")
    write(name, name + ".md", "mermaid-in-markdown", system="presence",
          styles=["two flowchart blocks in one Markdown file", "same labels in both blocks (one component)",
                  "<--> websocket transport", "subgraph with bare id [title]", "facts only in prose are not used"],
          components={"Phones": "client", GW: "gateway", "Presence svc": "service", KV: "cache", BUS: "queue",
                      "Fan-out svc": "service", FR: "database", "Last-seen writer": "service", LS: "database"},
          instances={GW: 20},
          groups={"cold path": ["Last-seen writer", LS]},
          not_components=["cold path", "heartbeat ws", "push status"],
          edges=[("Phones", GW, True), (GW, "Presence svc", False), ("Presence svc", KV, False),
                 ("Presence svc", BUS, False), (BUS, "Fan-out svc", False), ("Fan-out svc", GW, False),
                 ("Fan-out svc", FR, False), ("Last-seen writer", LS, False), (BUS, "Last-seen writer", False)],
          expected=[F("NO_MONITORING"), F("CACHE_TTL", KV, note="prose says keys 'should expire' but no TTL decided; prose is not diagram"),
                    F("UNBOUNDED_QUEUE", BUS)],
          must_not=[M("NO_REPLICATION", FR, "label 'PG, 2 replicas'"),
                    M("SPOF", GW, "label 'WS GW x20'"),
                    M("BIDIRECTIONAL_SYNC", "Phones", "two-way link is the 'heartbeat ws' transport", with_=GW)],
          unspecified=[U("NO_REPLICATION", LS, "DynamoDB replicates across AZs by design; nothing written"),
                       U("DB_NOT_SHARDED", FR, "scale only in prose")])


def px11():
    name = "px11_image_cdn_sequence"
    dump(name + ".mmd", """sequenceDiagram
    autonumber
    participant B as Browser
    participant E as Edge PoP (Cloudflare)
    participant I as Image resizer
    participant C as Resize cache (Memcached)
    participant S as S3 originals
    B->>E: GET /img/123?w=400
    alt edge hit
        E-->>B: 200 (cached at edge)
    else edge miss
        E->>I: resize(123, 400)
        I->>C: get 123:400
        C-->>I: miss
        I->>S: GetObject 123
        S-->>I: original bytes
        I->>C: set 123:400
        Note over C: TTL 5m, LRU
        I-->>E: webp 400w
        E-->>B: 200 + Cache-Control 1d
    end
""")
    B, E, I, C, S = "Browser", "Edge PoP (Cloudflare)", "Image resizer", "Resize cache (Memcached)", "S3 originals"
    write(name, name + ".mmd", "mermaid", system="CDN (image delivery)",
          styles=["sequenceDiagram with participant aliases", "alt/else blocks", "Note over a participant",
                  "call/reply pairs", "autonumber"],
          components={B: "client", E: "cdn", I: "service", C: "cache", S: "blob_storage"},
          not_components=["GET /img/123?w=400", "200 (cached at edge)", "resize(123, 400)", "get 123:400", "miss",
                          "GetObject 123", "original bytes", "set 123:400", "TTL 5m, LRU", "webp 400w",
                          "200 + Cache-Control 1d"],
          edges=[(B, E, False), (E, B, False), (E, I, False), (I, C, False), (C, I, False), (I, S, False),
                 (S, I, False), (I, E, False)],
          expected=[F("NO_MONITORING")],
          must_not=[M("CACHE_TTL", C, "note 'TTL 5m, LRU'"),
                    M("BIDIRECTIONAL_SYNC", I, "call/reply pair, not a data sync", with_=C)])


def px12():
    name = "px12_feature_flags_front_matter"
    dump(name + ".mmd", """---
title: Feature flags — control + eval
---
flowchart TD
    admin([Admin UI]) -- "edit flag" --> api[Flag API]
    api --> pg[(Flags DB<br/>PG primary)]
    pg -. WAL .-> rep[(PG read replica)]
    api -- publish JSON --> s3[(S3 flag snapshots)]
    cdn>Fastly CDN] -- origin pull --> s3
    sdk((SDKs in services)) -->|poll every 30s| cdn
    sdk -.-> evq[[Kinesis eval events]]
    evq --> agg{{Flink exposure agg}}
    agg --> ch[(CH exposure counts)]
    dash[Experiment dashboard] --> ch
    todo["TODO: audit log + approvals"]
    classDef store fill:#fff3bf;
    class pg,rep,s3,ch store
""")
    PG, RP, S3, Q, AG, CH = ("Flags DB PG primary", "PG read replica", "S3 flag snapshots", "Kinesis eval events",
                             "Flink exposure agg", "CH exposure counts")
    write(name, name + ".mmd", "mermaid", system="feature flags",
          styles=["YAML front-matter title", "([ ]) stadium client", "-- \"quoted\" --> and -- text --> labels",
                  "-. text .-> replication", "CDN pulling from origin (arrow direction = request)",
                  "TODO note node", "product dashboard (not monitoring)"],
          components={"Admin UI": "client", "Flag API": "service", PG: "database", RP: "database", S3: "blob_storage",
                      "Fastly CDN": "cdn", "SDKs in services": "client", Q: "queue", AG: "stream_processor",
                      CH: "database", "Experiment dashboard": "client"},
          not_components=["Feature flags — control + eval", "edit flag", "WAL", "publish JSON", "origin pull",
                          "poll every 30s", "TODO: audit log + approvals"],
          edges=[("Admin UI", "Flag API", False), ("Flag API", PG, False), (PG, RP, False), ("Flag API", S3, False),
                 ("Fastly CDN", S3, False), ("SDKs in services", "Fastly CDN", False), ("SDKs in services", Q, False),
                 (Q, AG, False), (AG, CH, False), ("Experiment dashboard", CH, False)],
          expected=[F("NO_MONITORING", note="'Experiment dashboard' is product UI, not monitoring"),
                    F("UNBOUNDED_QUEUE", Q), F("NO_REPLICATION", CH)],
          must_not=[M("NO_REPLICATION", PG, "'WAL' link to 'PG read replica'"),
                    M("NO_REPLICATION", RP, "it is the replica"),
                    M("ORPHAN", "TODO: audit log + approvals", "a TODO note node, not a component")])


ALL = [px08, px09, px10, px11, px12]
