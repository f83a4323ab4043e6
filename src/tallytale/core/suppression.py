"""Secondary suppression on a table with its margins, so no hidden cell can be worked out
from the published ones.

The table with its margins is an (R+1) x (C+1) grid G (last row = column totals, last
column = row totals, corner = grand total). Every row and every column of G is one linear
constraint ("cells add up to the total"). Hidden entries are the unknowns. Draw a
bipartite graph with a vertex per grid row and per grid column and an edge per hidden
entry. The unknowns that the published figures pin down exactly are precisely the edges on
no cycle (the bridges): the null space of the constraint system is the cycle space of this
graph. "A line with exactly one hidden entry" is the simplest bridge (a leaf), but two
hidden blocks joined by a single hidden cell also leak that cell. So secondary suppression
runs until the graph has no bridge at all.
"""

from __future__ import annotations

from collections import deque

Pos = tuple[int, int]


def _lines(n_rows: int, n_cols: int) -> list[list[Pos]]:
    rows = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    cols = [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    return rows + cols


def _pick(
    candidates: list[Pos], grid: list[list[int]], fixes_another: set[Pos] | None = None
) -> Pos | None:
    """Smallest non-zero candidate.

    Candidates in ``fixes_another`` (hiding them also mends a second line) come first; ties
    prefer inner cells over totals, then position, so the result is deterministic.
    """
    last_r, last_c = len(grid) - 1, len(grid[0]) - 1
    nonzero = [p for p in candidates if grid[p[0]][p[1]] > 0]
    if not nonzero:
        return None
    preferred = fixes_another or set()
    return min(
        nonzero,
        key=lambda p: (
            p not in preferred,
            grid[p[0]][p[1]],
            p[0] == last_r or p[1] == last_c,
            p,
        ),
    )


def _find_bridge(n_rows: int, n_cols: int, hidden: set[Pos]) -> Pos | None:
    """First hidden entry (in sorted order) that lies on no cycle of hidden entries."""
    # vertices: rows 0..n_rows-1, columns n_rows..n_rows+n_cols-1; edge id = position
    adj: dict[int, list[tuple[int, Pos]]] = {}
    for i, j in hidden:
        adj.setdefault(i, []).append((n_rows + j, (i, j)))
        adj.setdefault(n_rows + j, []).append((i, (i, j)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    bridges: list[Pos] = []
    counter = 0
    for root in sorted(adj):
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, Pos | None, int]] = [(root, None, 0)]
        while stack:
            v, via, idx = stack[-1]
            if idx < len(adj[v]):
                stack[-1] = (v, via, idx + 1)
                w, edge = adj[v][idx]
                if edge == via:
                    continue
                if w in order:
                    low[v] = min(low[v], order[w])
                else:
                    order[w] = low[w] = counter
                    counter += 1
                    stack.append((w, edge, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[v])
                    if low[v] > order[parent] and via is not None:
                        bridges.append(via)
    return min(bridges) if bridges else None


def _component(start: int, n_rows: int, hidden: set[Pos], without: Pos) -> set[int]:
    adj: dict[int, list[int]] = {}
    for i, j in hidden:
        if (i, j) == without:
            continue
        adj.setdefault(i, []).append(n_rows + j)
        adj.setdefault(n_rows + j, []).append(i)
    seen = {start}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in adj.get(v, ()):
            if w not in seen:
                seen.add(w)
                queue.append(w)
    return seen


def secondary_suppression(grid: list[list[int]], primary: set[Pos]) -> set[Pos]:
    """Add hidden entries until no hidden entry of ``grid`` is exactly recoverable."""
    n_rows, n_cols = len(grid), len(grid[0])
    hidden = set(primary)
    secondary: set[Pos] = set()
    lines = _lines(n_rows, n_cols)
    while True:
        # 1. A line with exactly one hidden entry gives it away by subtraction: hide the
        #    smallest other non-zero entry of that line, preferring one whose crossing line
        #    also has a lone hidden entry (mends both at once). Repeat until stable.
        added: Pos | None = None
        row_hidden = [sum((i, j) in hidden for j in range(n_cols)) for i in range(n_rows)]
        col_hidden = [sum((i, j) in hidden for i in range(n_rows)) for j in range(n_cols)]
        for line in lines:
            in_line = [p for p in line if p in hidden]
            if len(in_line) == 1:
                is_row = line[0][0] == line[-1][0]
                mends = {
                    p
                    for p in line
                    if (col_hidden[p[1]] if is_row else row_hidden[p[0]]) == 1 and p not in hidden
                }
                added = _pick([p for p in line if p not in hidden], grid, mends)
                if added is None:  # impossible: the hidden entry is non-zero, line sums to 0
                    raise AssertionError("line with one hidden entry and no other non-zero")
                break
        if added is None:
            # 2. A hidden entry joining two otherwise separate groups of hidden entries
            #    (a bridge) is recovered by adding and subtracting whole lines. Hide an
            #    entry that closes a cycle through it (preferred) or at least reaches out.
            bridge = _find_bridge(n_rows, n_cols, hidden)
            if bridge is None:
                return secondary
            side_u = _component(bridge[0], n_rows, hidden, bridge)
            side_v = _component(n_rows + bridge[1], n_rows, hidden, bridge)

            def crosses(p: Pos, a: set[int], b: set[int] | None) -> bool:
                r, c = p[0], n_rows + p[1]
                if b is None:
                    return (r in a) != (c in a)
                return (r in a and c in b) or (r in b and c in a)

            free = [(i, j) for i in range(n_rows) for j in range(n_cols) if (i, j) not in hidden]
            added = _pick([p for p in free if crosses(p, side_u, side_v)], grid)
            if added is None:
                added = _pick([p for p in free if crosses(p, side_u, None)], grid)
            if added is None:
                added = _pick([p for p in free if crosses(p, side_v, None)], grid)
            if added is None:  # impossible: the bridge's value is a sum of free entries
                raise AssertionError("bridge with no non-zero crossing entry")
        hidden.add(added)
        secondary.add(added)
