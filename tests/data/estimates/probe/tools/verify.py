#!/usr/bin/env python3
"""Independent re-check of cases.jsonl (reads only the JSONL, not the case sources)."""
import json, math, os, sys
from collections import Counter

P = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases.jsonl")
TOL, CLEAR = 0.15, 0.30
SLIPS = {"power_of_ten", "bits_bytes", "per_day_per_second", "multiplier", "percent_base",
         "unit_prefix", "dropped_factor", "arithmetic"}
REQ = ["id", "style", "topic", "text", "claims"]
CREQ = ["said", "value_si", "correct", "slip", "expression", "why"]
err = []
rows = [json.loads(l) for l in open(P)]
ids = Counter(r["id"] for r in rows)
err += [f"dup id {k}" for k, v in ids.items() if v > 1]
for r in rows:
    for k in REQ:
        if k not in r: err.append(f"{r.get('id')}: missing {k}")
    if r["style"] not in ("spoken", "written"): err.append(f"{r['id']}: style")
    t = r["text"]; last_end = -1
    for i, c in enumerate(r["claims"]):
        tag = f"{r['id']}.{i}"
        for k in CREQ:
            if k not in c: err.append(f"{tag}: missing {k}")
        if t[c["start"]:c["start"] + len(c["said"])] != c["said"]: err.append(f"{tag}: said/start mismatch")
        if c["start"] < last_end: err.append(f"{tag}: overlapping/out of order")
        last_end = c["start"] + len(c["said"])
        tv = float(eval(c["expression"], {"__builtins__": {}, "math": math, "ceil": math.ceil}))
        if not math.isclose(tv, c["truth_si"], rel_tol=1e-9): err.append(f"{tag}: expression {c['expression']} -> {tv} != truth {c['truth_si']}")
        rel = (c["value_si"] - tv) / tv
        if abs(rel - c["rel_err"]) > 1e-3: err.append(f"{tag}: rel_err")
        ok = abs(rel) <= TOL
        if ok != c["correct"]: err.append(f"{tag}: correct flag {c['correct']} but rel {rel:+.3f}")
        s = c["slip"]
        if s is None and not ok: err.append(f"{tag}: wrong but no slip")
        if s in SLIPS and (ok or abs(rel) < CLEAR): err.append(f"{tag}: slip {s} not clearly wrong (rel {rel:+.3f})")
        if s == "carried_error":
            if not ok: err.append(f"{tag}: carried but not correct")
            def upstream_bad(j, seen=()):
                d = r["claims"][j]
                return (not d["correct"]) or d["slip"] == "carried_error" or any(upstream_bad(k) for k in d["depends_on"])
            if not any(upstream_bad(j) for j in c["depends_on"]): err.append(f"{tag}: carried without bad upstream")
            a = c["truth_from_assumptions_si"]
            if abs((c["value_si"] - a) / a) <= TOL: err.append(f"{tag}: carried but matches assumptions")
        if s is not None and s not in SLIPS and s != "carried_error": err.append(f"{tag}: unknown slip {s}")
        if c["unit"] == "B/s" and c["bits"] is None: err.append(f"{tag}: bits flag")
    hs = any(not c["correct"] for c in r["claims"])
    if hs != r["has_slip"]: err.append(f"{r['id']}: has_slip")
    st = sorted({c["slip"] for c in r["claims"] if c["slip"] in SLIPS})
    if st != r["slip_types"]: err.append(f"{r['id']}: slip_types")
    for x in r.get("retracted", []):
        if t[x["start"]:x["start"] + len(x["said"])] != x["said"]: err.append(f"{r['id']}: retracted offset")
st = Counter(r["style"] for r in rows)
hs = Counter((r["style"], r["has_slip"]) for r in rows)
print("cases", len(rows), dict(st), "with slip", sum(r["has_slip"] for r in rows), dict(hs))
print("claims", sum(len(r["claims"]) for r in rows))
if err:
    print("\n".join(err)); print(len(err), "ERRORS"); sys.exit(1)
print("ALL CHECKS PASSED")
