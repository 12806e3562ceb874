"""The day-counting rules' pass, compiled (numba): "on N of the last M calendar days", walked once per grid.

Why compiled: bed rest on more than two of 7 days, paracetamol alone on 3 of 7, oral steroids on 7 of 14
(analysis.alerts.engine) each took an integer cumulative sum, a window-start array, a float copy of the
counts and a comparison over the million rows of the grid (issue 12). Here one walk keeps each window's
count as it slides: the day entering added, the day leaving taken off, reset at each episode's first row.

What the kernel does NOT hold: any threshold. The engine passes each rule's window and number of days
(declared in analysis.alerts.rules); a rules.* global read here would be frozen into numba's on-disk
cache. `nogil`: the summary may run halves of the episodes on two threads.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def held(flags: np.ndarray, position: np.ndarray, days: int, bar: float, above: bool,
         prior: np.ndarray, every_day: bool = False) -> np.ndarray:
    """Per grid row: `flags` is set (any row with `every_day`) and the number of the last `days` calendar days it
    was set on (today counted; analysis.course.windows.count's window) is more than `bar` (`above`) or at least
    `bar`.

    `position`: days since the episode's first grid row (0 starts an episode; rows are consecutive days).
    `prior`: per row, the days before the episode's first row that count in its window (the person's earlier
    episode: analysis.alerts.carried.prior_counts); empty: none.
    """
    size = len(flags)
    found = np.zeros(size, dtype=np.bool_)
    span = max(days, 1)
    count = 0
    carried = len(prior) == size
    for i in range(size):
        if position[i] == 0:
            count = 0
        if flags[i]:
            count += 1
        if position[i] >= span and flags[i - span]:
            count -= 1
        total = count + prior[i] if carried else count
        found[i] = (flags[i] or every_day) and (total > bar if above else total >= bar)
    return found


@_compiled
def positions(flags: np.ndarray) -> np.ndarray:
    """np.flatnonzero(flags) (int64), without holding the GIL: numpy's holds it through the whole pass, and a
    summary reads a million-row mask per rule, on two threads at once (analysis.alerts.hits, issue 12)."""
    count = 0
    for flag in flags:
        if flag:
            count += 1
    found = np.empty(count, dtype=np.int64)
    at = 0
    for i in range(len(flags)):
        if flags[i]:
            found[at] = i
            at += 1
    return found
