"""Who depends on whom, for every component at once, as bitsets.

SPOF needs, for each candidate, everything upstream of it (ancestors) and everything that can
only be reached through it (what it dominates, seen from the entry points). Doing a graph walk
per candidate is O(V·E) per board change; this computes both for all nodes in near-linear time
(Tarjan's SCCs for the closure, Cooper–Harvey–Kennedy for dominators), so a 200-box board is
re-analysed well inside a pen stroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def closure(succ: Sequence[Sequence[int]]) -> list[int]:
    """For each node, the bitset of nodes reachable by one or more arrows (itself only when it
    sits on a cycle)."""
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comp = [-1] * n
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, pos = work[-1]
            if pos < len(succ[node]):
                work[-1] = (node, pos + 1)
                nxt = succ[node][pos]
                if index[nxt] == -1:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack[nxt] = True
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    top = stack.pop()
                    on_stack[top] = False
                    comp[top] = len(comps)
                    members.append(top)
                    if top == node:
                        break
                comps.append(members)
    # Tarjan emits components in reverse topological order: successors come first.
    own = [_bits(members) for members in comps]
    reach = [0] * len(comps)
    for c, members in enumerate(comps):
        bits = 0
        cyclic = len(members) > 1
        for m in members:
            for nxt in succ[m]:
                if comp[nxt] == c:
                    cyclic = True
                else:
                    bits |= reach[comp[nxt]] | own[comp[nxt]]
        reach[c] = bits | (own[c] if cyclic else 0)
    return [reach[comp[i]] for i in range(n)]


def dominated(succ: Sequence[Sequence[int]], roots: Iterable[int]) -> list[int]:
    """For each node, the bitset of nodes that every path from `roots` must pass it to reach
    (excluding itself). Unreachable nodes dominate nothing."""
    n = len(succ)
    root = n  # a virtual root pointing at every entry
    graph = [*succ, list(dict.fromkeys(roots))]
    preds: list[list[int]] = [[] for _ in range(n + 1)]
    for node, nexts in enumerate(graph):
        for nxt in nexts:
            preds[nxt].append(node)
    order = _postorder(graph, root)
    number = [-1] * (n + 1)
    for i, node in enumerate(order):
        number[node] = i
    rpo = order[::-1][1:]
    idom = [-1] * (n + 1)
    idom[root] = root
    changed = True
    while changed:
        changed = False
        for node in rpo:
            new = -1
            for p in preds[node]:
                if idom[p] < 0:
                    continue
                if new < 0:
                    new = p
                    continue
                a, b = p, new  # walk both up the dominator tree to their meeting point
                while a != b:
                    while number[a] < number[b]:
                        a = idom[a]
                    while number[b] < number[a]:
                        b = idom[b]
                new = a
            if new >= 0 and idom[node] != new:
                idom[node] = new
                changed = True
    sub = [0] * (n + 1)
    for node in order:  # postorder: dominator-tree children before parents
        sub[node] |= 1 << node
        if node != root:
            sub[idom[node]] |= sub[node]
    return [sub[i] & ~(1 << i) for i in range(n)]


def _postorder(graph: list[list[int]], root: int) -> list[int]:
    seen = {root}
    order: list[int] = []
    work = [(root, 0)]
    while work:
        node, pos = work[-1]
        if pos < len(graph[node]):
            work[-1] = (node, pos + 1)
            nxt = graph[node][pos]
            if nxt not in seen:
                seen.add(nxt)
                work.append((nxt, 0))
        else:
            work.pop()
            order.append(node)
    return order


def _bits(nodes: Iterable[int]) -> int:
    bits = 0
    for node in nodes:
        bits |= 1 << node
    return bits
