"""The 7-day mean of the pain rows, compiled (numba): each row's window read back over its own episode.

Why compiled: as numpy, the mean behind the status, recurrence and trajectory (analysis.course.recovery
rolling_mean) laid every episode's rows on a calendar of its own, checked the sums for exactness and took
cumulative sums over the whole calendar (a tenth of what recovery and the outlook cost per summary,
issue 12). Here each row walks back over the few rows before it in its episode.

Sums: the same numbers as the one window engine (analysis.course.windows.sums) on that calendar. It adds
the row's own pain first, then the day before, then each day before that (the order of its lag loop), a
day of the calendar without an entry adding 0.0 (as its filled zeros do: -0.0 + 0.0 is 0.0); where every
sum is exact, any order gives these numbers, so the cumulative sums it then takes agree too. What the
kernel does NOT hold: the window's length (passed in by recovery, which declares it with its source).
`nogil`: the summary runs halves of the episodes on two threads.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def window_sums(code: np.ndarray, date: np.ndarray, pain: np.ndarray, first: np.ndarray,
                days: int) -> tuple:
    """Per row: (sum, count) of the pain on the `days` calendar days ending on its date, cut at its episode's
    first date (`first`, per episode). Rows are sorted by (code, date), one per date, pain never NaN."""
    rows = len(code)
    total = np.empty(rows)
    count = np.empty(rows, np.int64)
    back = np.zeros(max(days, 1))  # back[k]: the pain k days before the row's date, 0.0 where none
    for i in range(rows):
        e = code[i]
        for k in range(days):
            back[k] = 0.0
        found = 1
        j = i - 1
        while j >= 0 and code[j] == e and date[i] - date[j] < days:
            back[date[i] - date[j]] = pain[j]
            found += 1
            j -= 1
        value = pain[i]
        for k in range(1, days):
            if date[i] - k >= first[e]:
                value += back[k]
        total[i] = value
        count[i] = found
    return total, count


@_compiled
def running_min(code: np.ndarray, values: np.ndarray, codes: int) -> np.ndarray:
    """Per row: the lowest of `values` so far among the rows of its code (`codes` of them), in row order:
    pandas' groupby(code).cummin(), NaN rows giving NaN and leaving the running minimum as it was."""
    lowest = np.full(max(codes, 1), np.inf)
    found = np.empty(len(values))
    for i in range(len(values)):
        value = values[i]
        if np.isnan(value):
            found[i] = np.nan
            continue
        e = code[i]
        if value < lowest[e]:
            lowest[e] = value
        found[i] = lowest[e]
    return found
