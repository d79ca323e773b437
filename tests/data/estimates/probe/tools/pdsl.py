"""probe DSL: text with [[key|said]] markers; claim spec c(value, unit, expr, slip, why, k)."""
import re
CASES = []
def c(v, u, e, s=None, w="", bits=None, k=None):
    return dict(v=v, u=u, e=e, s=s, w=w, bits=bits, k=k)
def case(style, topic, text, claims, retracted=None):
    CASES.append(dict(style=style, topic=topic, text=text, claims=claims, retracted=retracted or []))
MARK = re.compile(r"\[\[(\w+)\|(.+?)\]\]", re.S)
