"""Rolling windows over the daily grid (analysis.course.grid): the one window engine.

Every rule that looks back ("the last 7 days", "the 14 days before", "k days earlier") reads
calendar days, not diary rows. The grid has one row per episode and calendar day, episodes end
to end in calendar order, and `position` says how many days each row is after its episode's
first grid day. A window of N days ending on a row is then the N rows ending there, cut at
the episode's start: "k days earlier" is k rows back wherever position >= k. Every function
works on all episodes at once, one numpy pass per lag, never a loop per patient or day.

Sums run lag by lag over small numbers (at most a few weeks), so a mean of 7, 7 and 7 is
exactly 7: no long cumulative sums whose rounding could put a value a hair past a threshold.
The one exception is exact by construction: values on a grid of quarters (scores, minutes,
counts, day numbers), not negative and far below 2**53, have exact sums in any order, so for
them a window's sum is read as the difference of two cumulative sums, the same number the lag
loop gives in two passes instead of one per day (issue 12; `_exact`).
"""
from __future__ import annotations

import numpy as np


def lag(values: np.ndarray, position: np.ndarray, k: int) -> np.ndarray:
    """Per row: the value k calendar days earlier in the same episode (NaN before the episode starts)."""
    out = np.full(len(values), np.nan)
    if k == 0:
        out[:] = values
    elif k < len(values):
        out[k:] = values[:-k]
    out[position < k] = np.nan
    return out


# Exact sums in any order: values on a grid of quarters (scores, halves, minutes, counts), not negative,
# all of them together far below 2**53 (2**46: room for squares and day-weighted sums of a long diary).
_QUARTERS = 4.0
_EXACT_BELOW = 2.0 ** 46


def _exact(filled: np.ndarray, scale: float = 1.0) -> bool:
    """Whether every sum of `filled` (times day numbers up to `scale`, squared) is exact in float64.

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
    return (float(quarters.sum()) * _QUARTERS * max(largest, 1.0) + len(filled)) * scale * scale < _EXACT_BELOW


def _window_start(position: np.ndarray, days: int) -> np.ndarray:
    """Per row: the first row of its window of `days` calendar days, cut at its episode's start."""
    return np.arange(len(position)) - np.minimum(position, max(days - 1, 0))


def _days_exact(size: int, position: np.ndarray) -> bool:
    """Whether the sums of day offsets (and their squares) over `size` rows are whole numbers below 2**53,
    hence exact from cumulative sums."""
    scale = float(position.max(initial=0)) + 1.0
    return size * scale * scale < _EXACT_BELOW


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


def day_sums(present: np.ndarray, position: np.ndarray, days: int, at: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """line's sums of the days alone (count, sum and sum of squares of the day offsets) at rows `at`, for
    the rows where `present` holds; None when they could round (then line sums everything lag by lag).

    Why: two lines over the same logged days (a value and its expected course) share them.
    """
    if not _days_exact(len(present), position):
        return None
    return _day_sums(present.astype(float), position, days, at)


def line(values: np.ndarray, position: np.ndarray, days: int, at: np.ndarray,
         days_read: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """At rows `at`: the least-squares line through the values of the last `days` calendar days.

    Returns (count, slope per day, residual variance around the line (NaN below 3 values), the days'
    centred sum of squares: the slope's variance is the residual variance over it). `days_read`:
    day_sums of the same present values, position, days and rows, when the caller has them.
    """
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    weight = present.astype(float)
    scale = float(position.max(initial=0)) + 1.0
    if _days_exact(len(values), position):  # the days' sums are whole numbers: exact from cumulative sums
        n, sx, sxx = _day_sums(weight, position, days, at) if days_read is None else days_read
        del present, weight  # a million rows each: not held while the values' sums are built
        sy, sxy, syy = (_value_sums if _exact(filled, scale) else _value_sums_by_lag)(filled, position, days, at)
    else:
        n, sx, sy, sxy, sxx, syy = _line_sums_by_lag(filled, weight, position, days, at)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = n * sxx - sx * sx
        slope = np.where(spread > 0, (n * sxy - sx * sy) / spread, np.nan)
        # residual sum of squares: S_yy - slope^2 S_xx, both centred
        centred = sxx - sx * sx / n
        rss = (syy - sy * sy / n) - slope * slope * centred
        variance = np.where(n >= 3, np.maximum(rss, 0.0) / np.maximum(n - 2, 1.0), np.nan)
    return n, slope, variance, centred


def _windows(position: np.ndarray, days: int, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row `at`: the window's first row, and the row's day (x = day_j - day_i, as floats)."""
    return at - np.minimum(position[at], max(days - 1, 0)), position[at].astype(float)


def _window_sum(values: np.ndarray, low: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Per row `at`: the sum of `values` from row `low` to it, as the difference of two cumulative sums."""
    total = _cumulative(values)
    return total[at + 1] - total[low]


def _day_sums(weight: np.ndarray, position: np.ndarray, days: int,
              at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """line's n, sx (sum of -k) and sxx (sum of k*k) over the logged days, from cumulative sums: whole
    numbers far below 2**53, so the very numbers the lag-by-lag sums give."""
    low, here = _windows(position, days, at)
    day = position.astype(float)
    n, s_day, s_day2 = (_window_sum(v, low, at) for v in (weight, day * weight, day * day * weight))
    return n, s_day - here * n, here * here * n - 2.0 * here * s_day + s_day2


def _value_sums(filled: np.ndarray, position: np.ndarray, days: int,
                at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """line's sy, sxy (sum of -k*y) and syy from cumulative sums, for values where every sum is exact
    (_exact): the same numbers as _value_sums_by_lag."""
    low, here = _windows(position, days, at)
    sy = _window_sum(filled, low, at)
    return sy, _window_sum(position.astype(float) * filled, low, at) - here * sy, _window_sum(filled * filled, low, at)


def _value_sums_by_lag(filled: np.ndarray, position: np.ndarray, days: int,
                       at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """line's sy, sxy and syy at rows `at`, lag by lag (any values)."""
    sy, syy, sxy = filled.copy(), filled * filled, np.zeros(len(filled))
    for k in range(1, min(days, len(filled))):  # x = -k: the day k days before, on every row at once
        inside = position[k:] >= k
        y = filled[:-k]
        np.add(sy[k:], y, out=sy[k:], where=inside)
        np.add(syy[k:], y * y, out=syy[k:], where=inside)
        np.subtract(sxy[k:], k * y, out=sxy[k:], where=inside)
    return sy[at], sxy[at], syy[at]


def _line_sums_by_lag(filled: np.ndarray, weight: np.ndarray, position: np.ndarray, days: int,
                      at: np.ndarray) -> tuple[np.ndarray, ...]:
    """line's sums at rows `at`, lag by lag (any values): n, sx, sy, sxy, sxx, syy."""
    n, sy, syy = weight.copy(), filled.copy(), filled * filled
    sx, sxy, sxx = (np.zeros(len(filled)) for _ in range(3))
    for k in range(1, min(days, len(filled))):  # x = -k: the day k days before, on every row at once
        inside = position[k:] >= k
        p, y = weight[:-k], filled[:-k]
        np.add(n[k:], p, out=n[k:], where=inside)
        np.add(sy[k:], y, out=sy[k:], where=inside)
        np.add(syy[k:], y * y, out=syy[k:], where=inside)
        np.subtract(sx[k:], k * p, out=sx[k:], where=inside)
        np.subtract(sxy[k:], k * y, out=sxy[k:], where=inside)
        np.add(sxx[k:], (k * k) * p, out=sxx[k:], where=inside)
    return tuple(part[at] for part in (n, sx, sy, sxy, sxx, syy))


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


def running(values: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Per row: the sum of `values` from its episode's first row (`start`, per row) to the row."""
    total = _cumulative(np.asarray(values, dtype=float))
    return total[1:] - total[start]


def hold(on: np.ndarray, keep: np.ndarray, episode: np.ndarray, first: np.ndarray | None = None) -> np.ndarray:
    """Per row (rows in calendar order, `episode` non-decreasing): `on`, or on earlier in its episode with
    `keep` on every row since (hysteresis). `first`: each row's episode's first row, when the caller has it."""
    row = np.arange(len(on))
    if first is None:
        first = np.searchsorted(episode, episode)  # first row of each row's episode
    last_on = np.maximum.accumulate(np.where(on, row, -1)) if len(on) else row
    last_off = np.maximum.accumulate(np.where(keep | on, -1, row)) if len(on) else row
    return (last_on >= first) & (last_on > last_off)
