#!/usr/bin/env python3
"""Build ../cases.jsonl from probe_cases.py; refuses any label that disagrees with arithmetic."""
import json, math, os, re, sys, importlib.util
from collections import OrderedDict, Counter
HERE = os.path.dirname(os.path.abspath(__file__)); sys.path.insert(0, HERE)
import pdsl
# parser from corpus tools, used only as a cross-check of value_si
spec = importlib.util.spec_from_file_location("cbuild", "/work/shared/corpus/estimates/tools/build.py")
cb = importlib.util.module_from_spec(spec); spec.loader.exec_module(cb)
TOL, CLEAR = 0.15, 0.30
SLIPS = cb.SLIPS; UNITS = dict(cb.UNITS); UNITS["$/min"] = ("USD", "minute"); UNITS["$/week"] = ("USD", "week")
def ev(e, S):
    code = re.sub(r"@(\w+)", lambda m: f"S[{m.group(1)!r}]", e)
    return float(eval(code, {"__builtins__": {}, "math": math, "ceil": math.ceil}, {"S": S}))
spec2 = importlib.util.spec_from_file_location("pc", os.path.join(HERE, "probe_cases.py"))
m2 = importlib.util.module_from_spec(spec2); spec2.loader.exec_module(m2)
out, prob, warn = [], [], []
ns = nw = 0
for C in pdsl.CASES:
    if C["style"] == "spoken": ns += 1; cid = f"S{ns:03d}"
    else: nw += 1; cid = f"W{nw:03d}"
    raw = C["text"]; text = ""; last = 0; pos = {}; order = []
    for m in pdsl.MARK.finditer(raw):
        text += raw[last:m.start()]; k, said = m.group(1), m.group(2)
        pos[k] = (len(text), said); order.append(k); text += said; last = m.end()
    text += raw[last:]
    if "[[" in text or "]]" in text: prob.append(f"{cid}: marker")
    sp = C["claims"]
    if set(sp) != set(order): prob.append(f"{cid}: key mismatch {set(sp)^set(order)}"); continue
    stated = {k: float(eval(sp[k]["v"]) if isinstance(sp[k]["v"], str) else sp[k]["v"]) for k in order}
    assum, wrong, deps, claims = {}, {}, {}, []
    for k in order:
        s = sp[k]; refs = re.findall(r"@(\w+)", s["e"]); deps[k] = refs
        for r in refs:
            if order.index(r) >= order.index(k): prob.append(f"{cid}.{k}: forward ref")
        t = ev(s["e"], stated); a = ev(s["e"], assum); assum[k] = a
        val = stated[k]; rel = (val - t) / t; rel_a = (val - a) / a; ok = abs(rel) <= TOL
        def dw(x): return any(wrong.get(r) or dw(r) for r in deps.get(x, []))
        upw = any(wrong.get(r) or dw(r) for r in refs)
        slip = s["s"]
        if slip is not None and slip not in SLIPS: prob.append(f"{cid}.{k}: bad slip")
        if ok and slip: prob.append(f"{cid}.{k}: slip {slip} but within tol {rel:+.2%}")
        if not ok and not slip: prob.append(f"{cid}.{k}: wrong ({rel:+.2%}) but no slip; said={pos[k][1]!r} truth={t:.6g}")
        if slip and abs(rel) < CLEAR: prob.append(f"{cid}.{k}: borderline {rel:+.2%}")
        if ok and abs(rel) > 0.12: warn.append(f"{cid}.{k}: near edge {rel:+.2%}")
        wrong[k] = not ok
        label = slip
        if ok and upw and abs(rel_a) > TOL: label = "carried_error"
        said = pos[k][1]; p = cb.parse_said(said)
        if p is not None and s["k"]: p *= s["k"]
        if p is None or not math.isclose(p, val, rel_tol=1e-6):
            warn.append(f"{cid}.{k}: parse check said={said!r} parsed={p} spec={val:.6g}")
        unit, per = UNITS[s["u"]]
        bits = s["bits"] if s["bits"] is not None else bool(re.search(r"bit|bps|\dG\b", said.lower()) and unit == "B/s")
        sub = re.sub(r"@(\w+)", lambda m: cb.efmt(stated[m.group(1)]), s["e"])
        why = s["w"]
        if label is None: why = (why or "computed correctly") + f"; truth {cb.fmt(t)}, said {cb.fmt(val)} ({rel:+.1%})"
        elif label == "carried_error": why = (why + "; " if why else "") + f"right from earlier wrong value; truth {cb.fmt(t)} ({rel:+.1%}), from assumptions {cb.fmt(a)} ({rel_a:+.0%})"
        else:
            if not s["w"]: prob.append(f"{cid}.{k}: slip without why")
            why = why + f"; truth {cb.fmt(t)}, said {cb.fmt(val)} (x{val/t:.3g})"
        cl = OrderedDict(said=said, value_si=val, correct=ok, slip=label, expression=sub, why=why, unit=unit, per=per,
                         bits=bits, truth_si=t, rel_err=round(rel, 4), start=pos[k][0], depends_on=[order.index(r) for r in refs])
        if label == "carried_error": cl["truth_from_assumptions_si"] = a
        claims.append(cl)
    rec = OrderedDict(id=cid, style=C["style"], topic=C["topic"], text=text, claims=claims)
    rec["has_slip"] = any(not x["correct"] for x in claims)
    rec["slip_types"] = sorted({x["slip"] for x in claims if x["slip"] in SLIPS})
    if C["retracted"]:
        rr = []
        for r in C["retracted"]:
            if r not in text: prob.append(f"{cid}: retracted not found {r!r}")
            rr.append(OrderedDict(said=r, start=text.find(r)))
        rec["retracted"] = rr
    out.append(rec)
for w in warn: print("WARN", w)
for p in prob: print("PROBLEM", p)
print("cases", len(out), Counter(r["style"] for r in out), "slip", Counter((r["style"], r["has_slip"]) for r in out))
print("types", Counter(s for r in out for s in r["slip_types"]))
print("topics", Counter(r["topic"] for r in out))
print("claims", sum(len(r["claims"]) for r in out), "carried", sum(1 for r in out for x in r["claims"] if x["slip"] == "carried_error"))
if prob: print(len(prob), "problems; not writing"); sys.exit(1)
if "--write" in sys.argv:
    with open(os.path.join(HERE, "..", "cases.jsonl"), "w") as fh:
        for r in out: fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote")
