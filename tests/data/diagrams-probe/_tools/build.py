import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_ex, gen_mm
for m in (gen_ex, gen_mm):
    for f in m.ALL:
        f()
print("built", len(gen_ex.ALL) + len(gen_mm.ALL))
