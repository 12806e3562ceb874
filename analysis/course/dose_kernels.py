"""The dose log's per-day passes, compiled (numba): each episode's dose rows walked once, in day order.

Why compiled: summing a million dose rows per episode, day and medicine, and counting how many days in a
row each medicine or class was taken, took two sorts of packed integer keys and a dozen full-length
temporaries (a tenth of the summary of 10,000 patients, issue 12). The rows come in episode and day order
(storage reads them so; a stable sort puts them so otherwise), so one walk holds each day's few medicines
in a small table and each class's latest day in another.

What the kernels do NOT hold: any threshold or name. Sums add each group's rows in the order given, from
0.0 (as numpy's bincount does), so a total is the same number whichever way it was summed before. One file
on purpose: numba's cache of a kernel is refreshed only when the kernel's own file changes. `nogil`: the
summary may run halves of the episodes on two threads.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def daily_sums(code: np.ndarray, dnum: np.ndarray, med: np.ndarray, cls: np.ndarray, total: np.ndarray,
               count: np.ndarray, order: np.ndarray, n_med: int) -> tuple:
    """Per episode, day and medicine (in that order): the rows' summed total mg (NaN when no row knew it),
    summed count and class (the group's last row's), walking the rows in `order` (episode and day order).

    Returns (code, dnum, med, cls, total, doses), one entry per group.
    """
    size = len(order)
    out_code = np.empty(size, dtype=np.int64)
    out_dnum = np.empty(size, dtype=np.int64)
    out_med = np.empty(size, dtype=np.int64)
    out_cls = np.empty(size, dtype=np.int64)
    out_total = np.empty(size)
    out_doses = np.empty(size)
    sum_total = np.zeros(n_med)
    known = np.zeros(n_med, dtype=np.int64)
    doses = np.zeros(n_med)
    last_cls = np.zeros(n_med, dtype=np.int64)
    used = np.zeros(n_med, dtype=np.bool_)
    touched = np.empty(n_med, dtype=np.int64)
    out = 0
    lo = 0
    while lo < size:
        first = order[lo]
        hi = lo
        taken = 0
        while hi < size and code[order[hi]] == code[first] and dnum[order[hi]] == dnum[first]:
            i = order[hi]
            m = med[i]
            if not used[m]:
                used[m] = True
                sum_total[m] = 0.0
                known[m] = 0
                doses[m] = 0.0
                # the day's medicines kept in ascending order (a day holds a few): insertion
                k = taken
                while k > 0 and touched[k - 1] > m:
                    touched[k] = touched[k - 1]
                    k -= 1
                touched[k] = m
                taken += 1
            if total[i] == total[i]:
                sum_total[m] += total[i]
                known[m] += 1
            else:
                sum_total[m] += 0.0
            doses[m] += count[i]
            last_cls[m] = cls[i]
            hi += 1
        for k in range(taken):
            m = touched[k]
            out_code[out] = code[first]
            out_dnum[out] = dnum[first]
            out_med[out] = m
            out_cls[out] = last_cls[m]
            out_total[out] = sum_total[m] if known[m] > 0 else np.nan
            out_doses[out] = doses[m]
            used[m] = False
            out += 1
        lo = hi
    return (out_code[:out], out_dnum[:out], out_med[:out], out_cls[:out], out_total[:out], out_doses[:out])


@_compiled
def runs(code: np.ndarray, sub: np.ndarray, dnum: np.ndarray, n_sub: int) -> np.ndarray:
    """Per row: the run of consecutive calendar days of its (code, sub) ending on its day, counting it.

    The rows of one code come together, and within a code each sub's days do not go back (rows in episode
    and day order, or in (code, day) order with one sub). Two rows of one (code, sub, day) get one run.
    """
    size = len(dnum)
    found = np.empty(size, dtype=np.int64)
    last_day = np.zeros(n_sub, dtype=np.int64)
    run = np.zeros(n_sub, dtype=np.int64)
    for j in range(size):
        if j == 0 or code[j] != code[j - 1]:
            run[:] = 0  # a new code: no sub has a day yet
        s, d = sub[j], dnum[j]
        if run[s] > 0 and last_day[s] == d:
            pass
        elif run[s] > 0 and last_day[s] == d - 1:
            run[s] += 1
        else:
            run[s] = 1
        last_day[s] = d
        found[j] = run[s]
    return found
