"""Independent consistency checker for the corpus.

1. validates every Excalidraw scene (ids, bindings, containers, frames, files,
   Obsidian text-element section);
2. re-reads every diagram with simple geometric / syntactic rules that do NOT
   look at the generator, and compares the edges it finds with the expected
   file;
3. checks every text on the board is either a component label (or alias /
   member / group) or listed in not_components, and that every expected label
   is written somewhere.
Run:  python3 check.py            (prints problems, exit 1 if any)
"""
import glob
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expect import N, KINDS, CODES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
problems = []


def P(name, msg):
    problems.append("%s: %s" % (name, msg))


# ------------------------------------------------------------------ loading
def load_scene(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".md"):
        m = re.search(r"```json\n(.*?)\n```", raw, re.S)
        return json.loads(m.group(1)), raw
    return json.loads(raw), raw


# ------------------------------------------------------------------ validation
def validate_scene(name, d, raw, path):
    for k in ("type", "version", "source", "elements", "appState", "files"):
        if k not in d:
            P(name, "missing top-level key " + k)
    if d.get("type") != "excalidraw":
        P(name, "type is not excalidraw")
    els = d["elements"]
    ids = [e["id"] for e in els]
    if len(ids) != len(set(ids)):
        P(name, "duplicate element ids")
    by = {e["id"]: e for e in els}
    common = ["id", "type", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "fillStyle",
              "strokeWidth", "strokeStyle", "roughness", "opacity", "groupIds", "frameId", "roundness", "seed",
              "version", "versionNonce", "isDeleted", "boundElements", "updated", "link", "locked"]
    idx = [e.get("index") for e in els if "index" in e]
    if idx and idx != sorted(idx):
        P(name, "fractional indices not increasing")
    for e in els:
        for k in common:
            if k not in e:
                P(name, "%s %s missing %s" % (e["type"], e["id"], k))
        t = e["type"]
        if t not in ("rectangle", "ellipse", "diamond", "text", "arrow", "line", "frame", "image", "freedraw"):
            P(name, "unexpected type " + t)
        if e.get("frameId") and (e["frameId"] not in by or by[e["frameId"]]["type"] != "frame"):
            P(name, "bad frameId on " + e["id"])
        if t == "text":
            for k in ("text", "fontSize", "fontFamily", "textAlign", "verticalAlign", "containerId", "originalText", "lineHeight"):
                if k not in e:
                    P(name, "text %s missing %s" % (e["id"], k))
            c = e.get("containerId")
            if c:
                if c not in by:
                    P(name, "text %s container missing" % e["id"])
                elif {"type": "text", "id": e["id"]} not in by[c]["boundElements"]:
                    P(name, "container %s does not list text %s" % (c, e["id"]))
        if t in ("arrow", "line", "freedraw"):
            pts = e["points"]
            if pts[0] != [0, 0]:
                P(name, "%s %s first point not 0,0" % (t, e["id"]))
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if abs((max(xs) - min(xs)) - e["width"]) > 0.01 or abs((max(ys) - min(ys)) - e["height"]) > 0.01:
                P(name, "%s %s width/height do not match points" % (t, e["id"]))
        if t in ("arrow", "line"):
            for k in ("startBinding", "endBinding", "startArrowhead", "endArrowhead", "lastCommittedPoint"):
                if k not in e:
                    P(name, "%s %s missing %s" % (t, e["id"], k))
            for bk in ("startBinding", "endBinding"):
                b = e.get(bk)
                if b:
                    tgt = by.get(b["elementId"])
                    if not tgt:
                        P(name, "arrow %s binds to missing %s" % (e["id"], b["elementId"]))
                    elif {"id": e["id"], "type": "arrow"} not in tgt["boundElements"]:
                        P(name, "element %s does not list bound arrow %s" % (tgt["id"], e["id"]))
        for b in e.get("boundElements") or []:
            o = by.get(b["id"])
            if not o:
                P(name, "%s lists missing bound element %s" % (e["id"], b["id"]))
                continue
            if b["type"] == "text" and o.get("containerId") != e["id"]:
                P(name, "%s lists text %s whose containerId differs" % (e["id"], b["id"]))
            if b["type"] == "arrow":
                sb = (o.get("startBinding") or {}).get("elementId")
                eb = (o.get("endBinding") or {}).get("elementId")
                if e["id"] not in (sb, eb):
                    P(name, "%s lists arrow %s that is not bound to it" % (e["id"], b["id"]))
        if t == "image":
            if path.endswith(".md"):
                if e["fileId"] + ": [[" not in raw:
                    P(name, "image file %s not in Embedded Files" % e["fileId"])
            elif e["fileId"] not in d["files"]:
                P(name, "image file %s missing from files" % e["fileId"])
        if t == "frame" and "name" not in e:
            P(name, "frame without name")
    if path.endswith(".md"):
        # Obsidian: every text element listed as 'text ^id'
        if not raw.startswith("---\n"):
            P(name, "no front matter")
        if "excalidraw-plugin: parsed" not in raw:
            P(name, "missing excalidraw-plugin: parsed")
        sec = re.search(r"# Text Elements\n(.*?)\n(?:%%\n)?(?:## Embedded Files\n.*?)?(?:%%\n)?#+ Drawing", raw, re.S)
        if not sec:
            P(name, "cannot find Text Elements section")
        else:
            body = sec.group(1)
            for e in els:
                if e["type"] == "text":
                    if len(e["id"]) != 8:
                        P(name, "obsidian text id not 8 chars: " + e["id"])
                    if "%s ^%s\n" % (e["originalText"], e["id"]) not in body + "\n":
                        P(name, "text %s not listed in Text Elements" % e["id"])
        if not raw.rstrip().endswith("```\n%%"):
            P(name, "drawing section does not end with ``` + %%")


# ------------------------------------------------------------------ excalidraw reading
SHAPES = ("rectangle", "ellipse", "diamond", "image", "frame")


def bbox(e):
    if "points" in e:
        xs = [e["x"] + p[0] for p in e["points"]]
        ys = [e["y"] + p[1] for p in e["points"]]
        return min(xs), min(ys), max(xs), max(ys)
    return e["x"], e["y"], e["x"] + e["width"], e["y"] + e["height"]


def dist_box(px, py, b):
    return math.hypot(max(b[0] - px, 0, px - b[2]), max(b[1] - py, 0, py - b[3]))


def dist_outline(px, py, b):
    """distance to the outline: outside -> to the box, inside -> to the nearest edge"""
    d = dist_box(px, py, b)
    if d > 0:
        return d
    return min(px - b[0], b[2] - px, py - b[1], b[3] - py)


def inside(b, o):
    return o[0] <= b[0] and o[1] <= b[1] and o[2] >= b[2] and o[3] >= b[3]


def read_excalidraw(name, d, exp):
    els = [e for e in d["elements"] if not e.get("isDeleted")]
    by = {e["id"]: e for e in els}
    labelset = set(exp["components"]) | set(exp.get("groups", {}))
    alias = {}
    for k, vs in list(exp.get("aliases", {}).items()) + list(exp.get("members", {}).items()):
        for v in vs:
            alias[v] = k
    for k in exp["components"]:
        alias[k] = k
    for g in exp.get("groups", {}):
        alias[g] = g
    texts = [e for e in els if e["type"] == "text"]
    free = [t for t in texts if not t.get("containerId")]
    # group id -> elements
    groups = {}
    for e in els:
        for g in e.get("groupIds", []):
            groups.setdefault(g, []).append(e)

    def nt(t):
        return N(t["text"])

    def label_of(e, seen=None):
        """label for a shape/text/group member, or None"""
        if e["type"] == "text":
            if e.get("containerId"):
                return None
            return alias.get(nt(e))
        if e["type"] == "frame":
            return alias.get(N(e.get("name", "")))
        for b in e.get("boundElements") or []:
            if b["type"] == "text":
                v = alias.get(N(by[b["id"]]["text"]))
                if v:
                    return v
        eb = bbox(e)
        # free text inside the shape (smallest containing shape wins)
        cands = []
        for t in free:
            tb = bbox(t)
            cx, cy = (tb[0] + tb[2]) / 2, (tb[1] + tb[3]) / 2
            if eb[0] <= cx <= eb[2] and eb[1] <= cy <= eb[3] and alias.get(nt(t)):
                smaller = [s for s in els if s["type"] in SHAPES and s is not e and
                           inside(bbox(s), eb) and bbox(s)[0] <= cx <= bbox(s)[2] and bbox(s)[1] <= cy <= bbox(s)[3]]
                if not smaller:
                    cands.append(t)
        if len(cands) == 1:
            return alias[nt(cands[0])]
        # group mates
        for g in e.get("groupIds", []):
            labs = {alias[nt(t)] for t in groups[g] if t["type"] == "text" and alias.get(nt(t))}
            if len(labs) == 1:
                return labs.pop()
        # stacked copy of a labelled shape
        for s in els:
            if s is not e and s["type"] == e["type"] and abs(s["width"] - e["width"]) < 1 and abs(s["height"] - e["height"]) < 1 \
                    and abs(s["x"] - e["x"]) <= 30 and abs(s["y"] - e["y"]) <= 30:
                for b in s.get("boundElements") or []:
                    if b["type"] == "text" and alias.get(N(by[b["id"]]["text"])):
                        return alias[N(by[b["id"]]["text"])]
        # nearest free text just outside the shape (or its outermost group)
        gb = eb
        if e.get("groupIds"):
            mem = groups[e["groupIds"][-1]]
            bs = [bbox(m) for m in mem]
            gb = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
        best = None
        for t in free:
            if not alias.get(nt(t)):
                continue
            tb = bbox(t)
            dd = max(0, max(tb[0] - gb[2], gb[0] - tb[2]), 0) + max(0, max(tb[1] - gb[3], gb[1] - tb[3]))
            if dd <= 45 and (best is None or dd < best[0]):
                best = (dd, t)
        if best:
            return alias[nt(best[1])]
        return None

    def endpoint_owner(px, py, bound_id):
        if bound_id:
            return by[bound_id]
        # lifeline? (dashed vertical line)
        for l in els:
            if l["type"] == "line" and l.get("strokeStyle") == "dashed" and l["width"] < 1 and l["height"] > 200:
                if abs(l["x"] - px) < 3 and l["y"] - 5 <= py <= l["y"] + l["height"] + 5:
                    top = (l["x"], l["y"])
                    near = sorted((dist_box(top[0], top[1], bbox(s)), id(s), s) for s in els
                                  if s["type"] in ("rectangle", "text") and label_of(s))
                    return near[0][2] if near and near[0][0] < 40 else None
        cands = []
        for s in els:
            if s["type"] == "text" and (s.get("containerId") or not alias.get(nt(s))):
                continue   # loose notes / arrow labels are never endpoints of an unbound arrow
            if s["type"] in SHAPES or s["type"] == "text" or (s["type"] == "line" and s.get("groupIds")):
                b = bbox(s)
                dd = dist_outline(px, py, b)
                if dd <= 45:
                    area = (b[2] - b[0]) * (b[3] - b[1])
                    cands.append((round(dd, 1), area, id(s), s))
        if not cands:
            return None
        cands.sort(key=lambda c: (c[0], c[1]))
        return cands[0][3]

    edges = set()
    through = []  # arrows that end/start on a free text that is not a component
    for a in els:
        if a["type"] not in ("arrow", "line") or a.get("groupIds"):
            continue
        if a["type"] == "line" and a.get("strokeStyle") == "dashed":
            continue  # lifelines
        pts = a["points"]
        s = (a["x"] + pts[0][0], a["y"] + pts[0][1])
        t = (a["x"] + pts[-1][0], a["y"] + pts[-1][1])
        so = endpoint_owner(*s, (a.get("startBinding") or {}).get("elementId"))
        to = endpoint_owner(*t, (a.get("endBinding") or {}).get("elementId"))
        ls = label_of(so) if so else None
        lt = label_of(to) if to else None
        heads = (a.get("startArrowhead"), a.get("endArrowhead"))
        if heads == (None, None):
            kind = None
        elif heads[0] and heads[1]:
            kind = True
        elif heads[0] and not heads[1]:
            ls, lt, so, to = lt, ls, to, so
            kind = False
        else:
            kind = False
        if ls and lt:
            edges.add((ls, lt, kind))
        else:
            through.append((so, to, ls, lt, kind, a))
    # chain through a free (non-component) text: A -> "text" -> B
    for x in through:
        for y in through:
            if x is not y and x[1] is not None and x[1] is y[0] and x[1]["type"] == "text" and x[2] and y[3]:
                edges.add((x[2], y[3], x[4]))
    # text glyph arrows  'A  →  B' on one row
    for t in free:
        if t["text"].strip() in ("→", "->", "-->"):
            tb = bbox(t)
            row = [u for u in free if u is not t and abs(bbox(u)[1] - tb[1]) < 6 and alias.get(nt(u))]
            left = [u for u in row if bbox(u)[2] <= tb[0] + 1]
            right = [u for u in row if bbox(u)[0] >= tb[2] - 1]
            if left and right:
                l = max(left, key=lambda u: bbox(u)[2])
                r = min(right, key=lambda u: bbox(u)[0])
                edges.add((alias[nt(l)], alias[nt(r)], False))
    return edges, texts


# ------------------------------------------------------------------ mermaid reading
SHAPE_RE = [
    (r"\(\[", r"\]\)"), (r"\[\(", r"\)\]"), (r"\(\(", r"\)\)"), (r"\[\[", r"\]\]"), (r"\{\{", r"\}\}"),
    (r"\[/", r"/\]"), (r"\[\\", r"\\\]"), (r"\[", r"\]"), (r"\(", r"\)"), (r"\{", r"\}"), (r">", r"\]"),
]
LINK = re.compile(r"""\s*(
      <-->|<==>|<-\.->|
      ~~~|
      -->|---|-\.->|-\.-|==>|===
    )""", re.X)
LINK_TXT = re.compile(r"""\s*(?:
      --\s*"([^"]*)"\s*(-->|---)|
      --\s+([^->|"][^|]*?)\s+(-->|---)|
      -\.\s*([^.]*?)\s*\.(->|-)|
      ==\s*([^=]*?)\s*(==>|===)
    )""", re.X)


def parse_node(s, i):
    m = re.compile(r"\s*([A-Za-z0-9_\-\u0080-\uffff]+)").match(s, i)
    if not m:
        return None, None, i
    nid = m.group(1)
    j = m.end()
    label = None
    for o, c in SHAPE_RE:
        mo = re.compile(o).match(s, j)
        if mo:
            k = mo.end()
            if k < len(s) and s[k] == '"':
                end = s.index('"', k + 1)
                label = s[k + 1:end]
                mc = re.compile(c).match(s, end + 1)
                if not mc:
                    raise ValueError("bad close after quoted label: " + s[j:])
                j = mc.end()
            else:
                mc = re.compile(c).search(s, k)
                label = s[k:mc.start()]
                j = mc.end()
            break
    j2 = re.compile(r"\s*:::\w+").match(s, j)
    if j2:
        j = j2.end()
    return nid, label, j


def parse_mermaid(text):
    nodes, edges, groups, group_ids = {}, [], {}, {}
    stack = []
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        k = lines[1:].index("---") + 1
        lines = lines[k + 1:]
    joined, buf = [], ""
    for raw in lines:
        buf = (buf + "\n" + raw) if buf else raw
        if buf.count('"') % 2 == 0:
            joined.append(buf)
            buf = ""
    for raw in joined:
        s = raw.strip()
        if not s or s.startswith("%%"):
            continue
        if re.match(r"^(flowchart|graph)\b", s):
            continue
        if re.match(r"^(classDef|class|style|linkStyle|click|direction)\b", s):
            continue
        m = re.match(r'^subgraph\s+(?:"([^"]+)"|([\w\-]+)\s*\["([^"]+)"\]|([\w\-]+)\s*\[([^\]]+)\]|(.+))$', s)
        if m:
            title = m.group(1) or m.group(3) or m.group(5) or m.group(6)
            gid = m.group(2) or m.group(4) or title
            title = title.strip()
            groups.setdefault(title, [])
            group_ids[gid.strip()] = title
            stack.append(title)
            continue
        if s == "end":
            stack.pop()
            continue
        if re.match(r"^[\w\-]+@\{.*\}$", s):
            continue
        # statement: node (link node)*  with & lists
        i = 0
        prev = []
        while i < len(s):
            cur = []
            while True:
                nid, lab, i = parse_node(s, i)
                if nid is None:
                    break
                if lab is not None or nid not in nodes:
                    if nid not in group_ids:
                        nodes[nid] = lab if lab is not None else nodes.get(nid, nid)
                cur.append(nid)
                for g in stack:
                    if nid not in group_ids:
                        groups[g].append(nid)
                m2 = re.compile(r"\s*&").match(s, i)
                if m2:
                    i = m2.end()
                    continue
                break
            if prev and cur:
                for a in prev:
                    for b in cur:
                        edges.append((a, b, link_kind))
            prev = cur
            if i >= len(s):
                break
            mt = LINK_TXT.match(s, i)
            ml = LINK.match(s, i)
            if mt and (not ml or mt.end() > ml.end()):
                tok = [g for g in mt.groups() if g is not None][-1]
                i = mt.end()
            elif ml:
                tok = ml.group(1)
                i = ml.end()
                mp = re.compile(r"\|([^|]*)\|").match(s, i)
                if mp:
                    i = mp.end()
            else:
                break
            link_kind = {"<-->": True, "<==>": True, "<-.->": True, "---": None, "-.-": None, "===": None,
                         "~~~": "invisible", "-": None}.get(tok, False)
    return nodes, edges, groups, group_ids


def mermaid_blocks(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".mmd"):
        return [raw]
    return re.findall(r"```mermaid\n(.*?)```", raw, re.S)


def read_mermaid(name, path, exp):
    found_edges, labels, texts = set(), set(), set()
    for blk in mermaid_blocks(path):
        first = [l.strip() for l in blk.split("\n") if l.strip() and not l.strip().startswith("%%")]
        if first and first[0] == "---":
            k = first[1:].index("---") + 1
            for l in first[1:k]:
                if l.startswith("title:"):
                    texts.add(N(l.split(":", 1)[1]))
            first = first[k + 1:]
        if not first:
            continue
        if first[0].startswith("sequenceDiagram"):
            parts = {}
            for l in first[1:]:
                m = re.match(r"participant\s+(\S+)\s+as\s+(.+)$", l)
                if m:
                    parts[m.group(1)] = N(m.group(2))
                    continue
                m = re.match(r"(\w+)\s*-+>>\s*(\w+)\s*:\s*(.*)$", l)
                if m:
                    e = (parts.get(m.group(1), m.group(1)), parts.get(m.group(2), m.group(2)), False)
                    texts.add(N(m.group(3)))
                    found_edges.add(e)
                    if e not in {tuple(x) for x in exp["edges"]}:
                        P(name, "sequence message %s not among expected edges" % (e,))
                m = re.match(r"Note over [^:]+:\s*(.*)$", l)
                if m:
                    texts.add(N(m.group(1)))
            labels.update(parts.values())
            for v in parts.values():
                if v not in exp["components"]:
                    P(name, "sequence participant %s not a component" % v)
            continue
        if first[0].startswith("erDiagram"):
            for l in first[1:]:
                m = re.match(r"(\w+)\s+[|o}{]+--[|o}{]+\s+(\w+)\s*:\s*\"?([^\"]*)\"?", l)
                if m:
                    texts.update({m.group(1), m.group(2), N(m.group(3))})
            continue
        nodes, edges, groups, gids = parse_mermaid("\n".join(
            l for l in blk.split("\n") if not l.strip().startswith("%%")))
        lab = {k: N(v) for k, v in nodes.items()}
        for k, v in gids.items():
            lab[k] = N(v)
            texts.add(N(v))
        for a, b, kind in edges:
            if kind == "invisible":
                continue
            la, lb = lab.get(a, a), lab.get(b, b)
            grp = exp.get("groups", {})
            if (la in exp["not_components"] and la not in grp) or (lb in exp["not_components"] and lb not in grp):
                continue  # annotation links
            found_edges.add((la, lb, kind))
        labels.update(lab.values())
        for g, ms in groups.items():
            gm = sorted({lab[m] for m in ms})
            eg = sorted(exp.get("groups", {}).get(N(g), []))
            if N(g) in exp.get("groups", {}) and gm != eg:
                P(name, "group %s members %s != expected %s" % (g, gm, eg))
        for l in re.findall(r"\|\"?([^|\"]+)\"?\|", blk):
            texts.add(N(l))
        for m in re.finditer(r'--\s*"([^"]*)"\s*-->|-\.\s*([^.\n]*?)\s*\.->', blk):
            texts.add(N(m.group(1) or m.group(2)))
    return found_edges, labels, texts


# ------------------------------------------------------------------ expected checks
def check_expected(name, exp):
    for k, v in exp["components"].items():
        if v not in KINDS:
            P(name, "bad kind %s for %s" % (v, k))
    comps = set(exp["components"])
    for f in exp["findings_expected"] + exp["findings_must_not"]:
        if f["code"] not in CODES:
            P(name, "bad code " + f["code"])
    for f in exp["findings_must_not"]:
        if not f.get("fact"):
            P(name, "must_not without fact: %s" % f)
    for f in exp["findings_expected"]:
        if f["code"] == "NO_MONITORING":
            if any(v == "monitoring" for v in exp["components"].values()):
                P(name, "NO_MONITORING expected but a monitoring component exists")
        if f["code"] == "ORPHAN":
            c = f["component"]
            if any(c in (a, b) for a, b, _ in exp["edges"]):
                P(name, "ORPHAN expected for connected " + c)
            if any(c in ms for g, ms in exp.get("groups", {}).items()
                   if any(g in (a, b) for a, b, _ in exp["edges"])):
                P(name, "ORPHAN expected for member of a connected group " + c)
        if f["code"] in ("NO_REPLICATION", "DB_NOT_SHARDED") and exp["components"].get(f["component"]) != "database":
            P(name, "%s on non-database %s" % (f["code"], f["component"]))
        if f["code"] == "CACHE_TTL" and exp["components"].get(f["component"]) != "cache":
            P(name, "CACHE_TTL on non-cache " + f["component"])
        if f["code"] == "UNBOUNDED_QUEUE" and exp["components"].get(f["component"]) != "queue":
            P(name, "UNBOUNDED_QUEUE on non-queue " + f["component"])
        if f["code"] == "BIDIRECTIONAL_SYNC":
            a, b = f["component"], f["with"]
            if [a, b, True] not in exp["edges"] and [b, a, True] not in exp["edges"]:
                P(name, "BIDIRECTIONAL_SYNC without a two-way edge %s %s" % (a, b))
    # every component (not in a connected group) that has no edge must be an expected ORPHAN
    connected = set()
    for a, b, _ in exp["edges"]:
        connected |= {a, b}
        for g in (a, b):
            connected |= set(exp.get("groups", {}).get(g, []))
    orphans = {f["component"] for f in exp["findings_expected"] if f["code"] == "ORPHAN"}
    for c in comps - connected:
        if c not in orphans:
            P(name, "unconnected component %s not listed as ORPHAN" % c)
    # no component both expected and must-not for the same code
    ek = {(f["code"], f["component"]) for f in exp["findings_expected"]}
    for f in exp["findings_must_not"]:
        if (f["code"], f["component"]) in ek:
            P(name, "contradiction on %s %s" % (f["code"], f["component"]))
    # every cache / queue / database must be addressed explicitly for its main finding
    need = {"cache": "CACHE_TTL", "queue": "UNBOUNDED_QUEUE", "database": "NO_REPLICATION"}
    addressed = {(f["code"], f["component"]) for f in exp["findings_expected"] + exp["findings_must_not"] +
                 exp.get("findings_unspecified", [])}
    for c, k in exp["components"].items():
        if k in need and (need[k], c) not in addressed:
            P(name, "%s %s neither expected, ruled out nor marked unspecified" % (need[k], c))
    if not any(v == "monitoring" for v in exp["components"].values()) and comps:
        has = any(f["code"] == "NO_MONITORING" for f in exp["findings_expected"] + exp["findings_must_not"] +
                  exp.get("findings_unspecified", []))
        if not has:
            P(name, "no monitoring component but NO_MONITORING not addressed")


def check_quotes(name, exp, path):
    """every 'quoted' fragment in a fact/note must be written in the diagram"""
    raw = open(path, encoding="utf-8").read()
    if exp["format"].startswith("mermaid"):
        hay = N(raw)
    else:
        d, _ = load_scene(path)
        hay = " | ".join(N(x.get("text", "")) for x in d["elements"] if x["type"] == "text") + " | " + \
            " | ".join(x.get("name", "") for x in d["elements"] if x["type"] == "frame")
    for f in exp["findings_must_not"] + exp["findings_expected"]:
        for q in re.findall(r"'([^']+)'", f.get("fact") or f.get("note") or ""):
            if N(q) not in hay:
                P(name, "quoted fact %r not written in the diagram" % q)


def main():
    for ep in sorted(glob.glob(os.path.join(ROOT, "expected", "*.json"))):
        exp = json.load(open(ep, encoding="utf-8"))
        name = os.path.basename(ep)[:-5]
        path = os.path.join(ROOT, exp["source"])
        if not os.path.exists(path):
            P(name, "source missing")
            continue
        check_expected(name, exp)
        check_quotes(name, exp, path)
        E = {(a, b, bi) for a, b, bi in exp["edges"]}
        known = set(exp["components"]) | set(exp.get("groups", {})) | set(exp["not_components"])
        for vs in list(exp.get("aliases", {}).values()) + list(exp.get("members", {}).values()):
            known |= set(vs)
        if exp["format"].startswith("mermaid"):
            found, labels, texts = read_mermaid(name, path, exp)
            for l in labels:
                if l not in known:
                    P(name, "mermaid node label %r not accounted for" % l)
            for t in texts:
                if t and t not in known:
                    P(name, "mermaid text %r not accounted for" % t)
            for c in exp["components"]:
                if c not in labels:
                    P(name, "expected component %r not a node label" % c)
        else:
            d, raw = load_scene(path)
            validate_scene(name, d, raw, path)
            found, texts = read_excalidraw(name, d, exp)
            written = {N(t["text"]) for t in texts} | {N(f.get("name", "")) for f in d["elements"] if f["type"] == "frame"}
            for t in written:
                if t and t not in known:
                    P(name, "text %r is neither a component/alias nor in not_components" % t)
            for c in exp["components"]:
                al = [c] + exp.get("aliases", {}).get(c, [])
                if not any(a in written for a in al):
                    P(name, "expected component %r not written on the board" % c)
            for t in exp["not_components"]:
                if t not in written:
                    P(name, "not_component %r not written on the board" % t)
        # compare edges
        missing = E - found
        extra = found - E
        for e in sorted(missing, key=str):
            P(name, "expected edge not found by the reader: %s" % (e,))
        for e in sorted(extra, key=str):
            P(name, "reader found an edge not in expected: %s" % (e,))
    if problems:
        print("\n".join(problems))
        print("\n%d problem(s)" % len(problems))
        sys.exit(1)
    print("all %d expected files consistent" % len(glob.glob(os.path.join(ROOT, "expected", "*.json"))))


if __name__ == "__main__":
    main()
