"""Rolling windows over the daily grid (analysis.course.grid): the one window engine.

Every rule that looks back ("the last 7 days", "the 14 days before", "k days earlier") reads
calendar days, not diary rows. The grid has one row per episode and calendar day, episodes end
to end in calendar order, and `position` says how many days each row is after its episode's
first grid day. A window of N days ending on a row is then the N rows ending there, cut at
the episode's start: "k days earlier" is k rows back wherever position >= k. Every function
works on all episodes at once, one numpy pass per lag, never a loop per patient or day. (The pain
rules walk each episode in one compiled pass instead, summing in the same order: analysis.alerts.pain_kernels.)

Sums run lag by lag over small numbers (at most a few weeks), so a mean of 7, 7 and 7 is
exactly 7: no long cumulative sums whose rounding could put a value a hair past a threshold.
The one exception is exact by construction: values on a grid of quarters (scores, minutes,
counts, day numbers), not negative and far below 2**53, have exact sums in any order, so for
them a window's sum is read as the difference of two cumulative sums, the same number the lag
loop gives in two passes instead of one per day (issue 12; `_exact`).
"""
from __future__ import annotations

import numpy as np

# Exact sums in any order: values on a grid of quarters (scores, halves, minutes, counts), not negative,
# all of them together far below 2**53 (2**46: room for squares and day-weighted sums of a long diary).
_QUARTERS = 4.0
_EXACT_BELOW = 2.0 ** 46


def _exact(filled: np.ndarray) -> bool:
    """Whether every sum of `filled` (and of its squares) is exact in float64.

    Why: then a window sum read from a cumulative sum is the very number the lag-by-lag sum gives
    (each partial sum is representable, so no order can round), at a fraction of the passes (issue 12).
    Negative values (and -0.0) take the lag-by-lag path: their signed zeros would not be kept.
    """
    if not len(filled) or np.signbit(filled).any():
        return not len(filled)
    quarters = filled * _QUARTERS
    largest = float(quarters.max())  # nothing negative or NaN here: all are finite when the largest is
    if not np.isfinite(largest) or not np.equal(np.rint(quarters), quarters).all():
        return False
    return float(quarters.sum()) * _QUARTERS * max(largest, 1.0) + len(filled) < _EXACT_BELOW


def _window_start(position: np.ndarray, days: int) -> np.ndarray:
    """Per row: the first row of its window of `days` calendar days, cut at its episode's start."""
    return np.arange(len(position)) - np.minimum(position, max(days - 1, 0))


def _cumulative(values: np.ndarray) -> np.ndarray:
    """[0, v0, v0+v1, ...]: a window's sum is the difference of two of these."""
    total = np.empty(len(values) + 1)
    total[0] = 0.0
    np.cumsum(values, out=total[1:])
    return total


def exact_sums(values: np.ndarray, position: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray] | None:
    """sums, when every sum of the values is exact (_exact): then any order of adding gives these very
    numbers, a day-by-day matrix's too; None otherwise (the caller keeps its own order of adding)."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    if not _exact(filled):
        return None
    low = _window_start(position, days)
    totals, counts = _cumulative(filled), _cumulative(present.astype(float))
    return totals[1:] - totals[low], counts[1:] - counts[low]


def sums(values: np.ndarray, position: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row: (sum, count) of the non-missing values in the last `days` calendar days, the row's included."""
    found = exact_sums(values, position, days)
    if found is not None:
        return found
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    weight = present.astype(float)
    total, count = filled.copy(), present.astype(float)
    for k in range(1, min(days, len(values))):
        inside = position[k:] >= k
        np.add(total[k:], filled[:-k], out=total[k:], where=inside)
        np.add(count[k:], weight[:-k], out=count[k:], where=inside)
    return total, count


def mean(values: np.ndarray, position: np.ndarray, days: int, min_count: int = 1) -> np.ndarray:
    """Per row: the mean of the non-missing values in the last `days` calendar days; NaN with fewer than
    `min_count` of them."""
    total, count = sums(values, position, days)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count >= min_count, total / count, np.nan)


def count(flags: np.ndarray, position: np.ndarray, days: int) -> np.ndarray:
    """Per row: on how many of the last `days` calendar days `flags` was set (missing counts as not set).

    Why integers: a count is a whole number in any order of summing, so it is read from one integer
    cumulative sum, with no check of exactness and no float pass (the numbers sums gives, as floats).
    """
    if not len(flags):
        return np.zeros(0)
    low = _window_start(position, days)
    total = np.empty(len(flags) + 1, dtype=np.int64)
    total[0] = 0
    np.cumsum(np.asarray(flags, dtype=bool), out=total[1:])
    return (total[1:] - total[low]).astype(float)


def matrix(values: np.ndarray, position: np.ndarray, days: int, at: np.ndarray,
           beyond: np.ndarray | None = None) -> np.ndarray:
    """The `days` daily values ending on each row `at` (plus `beyond` days past it), oldest first:
    shape (days, len(at)), NaN before the episode starts and past its last grid day.

    Why `beyond`: a summary judged at a date after the diary's last day still looks back from that
    date; the days past the grid hold nothing.
    """
    shift = np.zeros(len(at), dtype=np.int64) if beyond is None else np.asarray(beyond, dtype=np.int64)
    out = np.full((days, len(at)), np.nan)
    reach = position[at]
    for k in range(days):  # row days-1-k of the window: k days before its end
        back = k - shift  # days before the row `at`; negative: past it, nothing logged there
        ok = (back >= 0) & (reach >= back)
        out[days - 1 - k] = np.where(ok, values[np.clip(at - back, 0, max(len(values) - 1, 0))], np.nan) \
            if len(values) else np.nan
    return out
