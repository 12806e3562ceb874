"""Active minutes' per-episode passes, compiled (numba): each episode's grid rows walked once, in order.

Why compiled: as numpy, the activity numbers and rules took window matrices of the million-row grid, 91 pairwise
slopes per window and a dozen full-length temporaries (0.25 s of the 2.3 s summary of 10,000 patients, issue 12).
No threshold or window length is held here: the callers pass them (a global read would be frozen into numba's
on-disk cache, refreshed only when this file changes; so Theil-Sen and Mann-Kendall live here too). `nogil`: the
summary runs episodes on two threads. error_model="numpy": 0/0 is NaN. Same numbers as the numpy they replace (a
window's mean adds its days oldest first from 0.0, the Theil-Sen slope the median of the same float32 slopes).
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def _select(buffer: np.ndarray, size: int, k: int) -> float:
    """The k-th smallest (0 = the smallest) of buffer[:size], none NaN, moved to buffer[k] (Wirth's selection):
    afterwards nothing before k is larger and nothing after it smaller."""
    lo, hi = 0, size - 1
    while lo < hi:
        pivot = buffer[k]
        i, j = lo, hi
        while i <= j:
            while buffer[i] < pivot:
                i += 1
            while pivot < buffer[j]:
                j -= 1
            if i <= j:
                buffer[i], buffer[j] = buffer[j], buffer[i]
                i += 1
                j -= 1
        if j < k:
            lo = i
        if k < i:
            hi = j
    return buffer[k]


@_compiled
def _slopes(window: np.ndarray, buffer: np.ndarray) -> tuple:
    """(logged days, slopes found): the float32 slope of every pair of logged days of `window` (oldest first;
    NaN: not logged) that is a number, into buffer[:found]. The difference and then the division are each rounded
    to float32, as in the numpy version this replaces. A NaN slope (from an infinite value) is left out."""
    size = len(window)
    logged = found = 0
    for value in window:
        logged += value == value
    for lag in range(1, size):
        step = np.float32(lag)
        for i in range(size - lag):
            slope = (np.float32(window[i + lag]) - np.float32(window[i])) / step
            if slope == slope:  # both days logged (and not an infinity less itself)
                buffer[found] = slope
                found += 1
    return logged, found


@_compiled
def median_slope(window: np.ndarray, min_values: int, buffer: np.ndarray) -> float:
    """Theil-Sen slope (value per day) of one window of daily values (oldest first; NaN: not logged).

    The median of (x_j - x_i) / (j - i) over all pairs i < j of logged days, as scipy.stats.theilslopes
    computes it; NaN with fewer than `min_values` logged days. The slopes are _slopes' float32 ones; the
    median of k(k-1)/2 of them is the mean, in float64, of the two middle ones (the same one twice when
    k(k-1)/2 is odd), NaN when the middle reaches the NaN slopes sorted last. `buffer`: room for the slopes.
    """
    logged, found = _slopes(window, buffer)
    if logged < min_values:
        return np.nan
    pairs = max(logged * (logged - 1) // 2, 1)
    low, high = (pairs - 1) // 2, pairs // 2
    if high >= found:
        return np.nan
    below = _select(buffer, found, low)
    above = below
    if high > low:  # the next one up: the smallest after the k-th
        above = buffer[high]
        for i in range(high + 1, found):
            if buffer[i] < above:
                above = buffer[i]
    return 0.5 * (np.float64(below) + np.float64(above))


@_compiled
def slope_at_most(window: np.ndarray, min_values: int, limit: float, buffer: np.ndarray) -> bool:
    """median_slope(window, min_values, buffer) <= limit, without selecting the median.

    Why: the activity rule asks only this, on tens of thousands of windows (issue 12). The slopes at or below
    `limit` are counted. Both middle slopes among them: so is their mean (rounding is monotone); neither: the mean
    is above it; else they are the largest slope at or below it and the smallest above it, and their mean is
    compared as median_slope computes it (tests/course/test_activity_kernels.py checks that the two agree).
    """
    dense = _dense(window, buffer)
    if dense:  # every day logged, finite in float32 (the usual case): the slopes counted as they are made
        logged = len(window)
        found = logged * (logged - 1) // 2
    else:
        logged, found = _slopes(window, buffer)
    if logged < min_values:
        return False
    pairs = max(logged * (logged - 1) // 2, 1)
    low, high = (pairs - 1) // 2, pairs // 2
    if high >= found:  # a NaN median
        return False
    count = _count_dense(buffer, logged, limit) if dense else _count(buffer, found, limit)
    if count > high:
        return True
    if count <= low:
        return False
    if dense:  # the limit falls between the two middle slopes: they are needed, so the slopes are made
        _slopes(window, buffer)
    below, above = -np.inf, np.inf
    for i in range(found):
        slope = np.float64(buffer[i])
        if slope <= limit:
            below = max(below, slope)
        else:
            above = min(above, slope)
    return 0.5 * (below + above) <= limit


@_compiled
def slope_buffer(trend_days: int) -> np.ndarray:
    """Room for a window's pairwise slopes and for the window itself (_dense's; compiled code checks no bounds)."""
    return np.empty(max(trend_days * (trend_days - 1) // 2, trend_days), dtype=np.float32)


@_compiled
def _dense(window: np.ndarray, buffer: np.ndarray) -> bool:
    """Whether every value of the window is finite in float32; the window in float32 into buffer[:len(window)]."""
    for i in range(len(window)):
        buffer[i] = np.float32(window[i])
        if not np.isfinite(buffer[i]):
            return False
    return True


@_compiled
def _count(buffer: np.ndarray, found: int, limit: float) -> int:
    """How many of buffer[:found] are at or below `limit`."""
    count = 0
    for i in range(found):
        count += np.float64(buffer[i]) <= limit
    return count


@_compiled
def _count_dense(buffer: np.ndarray, size: int, limit: float) -> int:
    """_count of _slopes' slopes of the window in buffer[:size] (float32, finite, no gap), made and counted."""
    count = 0
    for lag in range(1, size):
        step = np.float32(lag)
        for i in range(size - lag):
            count += np.float64((buffer[i + lag] - buffer[i]) / step) <= limit
    return count


@_compiled
def kendall_z(window: np.ndarray) -> float:
    """Mann-Kendall z of one window (oldest first; NaN: not logged): S = the pairs of logged days i < j that rose
    less those that fell, one nearer 0, over the root of its no-trend variance with ties corrected, (n(n-1)(2n+5)
    - sum of t(t-1)(2t+5) over groups of t equal values) / 18 (Kendall 1975). 0.0 when that variance is 0."""
    size, n, s, ties = len(window), 0, 0.0, 0.0
    for i in range(size):
        if window[i] != window[i]:
            continue
        n += 1
        equal = 0  # the values equal to this one, itself included: a group of t adds (t-1)(2t+5) per member
        for j in range(size):
            if window[j] == window[i]:
                equal += 1
            if j > i and window[j] == window[j]:
                s += (window[j] > window[i]) - (window[j] < window[i])
        ties += (equal - 1) * (2 * equal + 5)
    variance = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    if n < 2 or variance <= 0.0:
        return 0.0
    corrected = s - 1.0 if s > 0 else (s + 1.0 if s < 0 else 0.0)
    return corrected / np.sqrt(variance)


@_compiled
def _mean_back(values: np.ndarray, lo: int, i: int, days: int) -> float:
    """Mean of the logged values on rows i-days+1..i, cut at row lo (the episode's first): added oldest
    first from 0.0, as numpy's nansum down a window matrix; NaN if none."""
    total = count = 0.0
    for m in range(max(lo, i - days + 1), i + 1):
        if values[m] == values[m]:
            total += values[m]
            count += 1.0
    return total / count if count > 0 else np.nan


@_compiled
def _first_week(values: np.ndarray, day: np.ndarray, position: np.ndarray, lo: int, first_week_days: int) -> float:
    """The mean of the logged values of the episode starting on row lo on days before `first_week_days` since
    onset, added in row order from 0.0 (np.bincount's); NaN if none."""
    total = count = 0.0
    for m in range(lo, len(values)):
        if day[m] >= first_week_days or (m > lo and position[m] == 0):  # the grid's days rise one a row
            break
        if values[m] == values[m]:
            total += values[m]
            count += 1.0
    return total / count


@_compiled
def _on_quarters(value: float) -> bool:
    """Whether a value keeps every window sum exact in float64: NaN, or on quarters from 0 to 2**30 (windows of at
    most 2**20 days). A sum kept sliding over such values is the very number a window read back adds up."""
    return value != value or (0.0 <= value <= 1073741824.0 and value * 4.0 == np.float64(np.int64(value * 4.0)))


@_compiled
def _share(mean: float, normal: float) -> float:
    return mean / normal if normal > 0 else np.nan  # NaN where the normal level is unknown or not positive


@_compiled
def _trend_window(values: np.ndarray, lo: int, i: int, window: np.ndarray) -> None:
    """The len(window) daily values ending on row i into `window`, oldest first (NaN before row lo)."""
    for k in range(len(window)):
        m = i - (len(window) - 1 - k)
        window[k] = values[m] if m >= lo else np.nan


@_compiled
def daily_values(position: np.ndarray, values: np.ndarray, day: np.ndarray, normal: np.ndarray,
                 logged: np.ndarray, windows: tuple) -> tuple:
    """Per grid row with an entry (`logged`), in grid order: the 7-day mean, its share of normal, the 14-day
    trend and the episode's first-week mean (analysis.course.activity.grid_activity's numbers).
    `windows`: (MEAN_WINDOW_DAYS, TREND_WINDOW_DAYS, TREND_MIN_VALUES, FIRST_WEEK_DAYS).
    """
    mean_days, trend_days, min_values, first_week_days = windows
    size = np.count_nonzero(logged)
    mean, share, trend, first = np.empty(size), np.empty(size), np.empty(size), np.empty(size)
    window = np.empty(trend_days)
    buffer = slope_buffer(trend_days)
    k = lo = 0
    first_mean = 0.0
    for i in range(len(position)):
        if position[i] == 0:  # an episode's first row
            lo, first_mean = i, _first_week(values, day, position, i, first_week_days)
        if logged[i]:
            mean[k] = _mean_back(values, lo, i, mean_days)
            share[k] = _share(mean[k], normal[i])
            _trend_window(values, lo, i, window)
            trend[k] = median_slope(window, min_values, buffer)
            first[k] = first_mean
            k += 1
    return mean, share, trend, first


@_compiled
def _pain_mean(pain: np.ndarray, lo: int, i: int, days: int, min_count: int) -> float:
    """The mean pain over rows i-days+1..i (cut at row lo), today first then each day before it, a missing
    day adding 0.0 (analysis.course.windows.mean's lag loop); NaN with fewer than `min_count` logged."""
    total = pain[i] if pain[i] == pain[i] else 0.0
    count = 1.0 if pain[i] == pain[i] else 0.0
    for m in range(i - 1, max(lo, i - days + 1) - 1, -1):
        if pain[m] == pain[m]:
            total += pain[m]
            count += 1.0
        else:
            total += 0.0
    return total / count if count >= min_count else np.nan


@_compiled
def _slide(values: np.ndarray, lo: int, i: int, days: int, total: float, count: float) -> tuple:
    """The sum and count of the logged values of the `days` rows ending on row i (cut at row lo), from
    those of the window ending on row i-1: row i added, row i-days taken off."""
    if values[i] == values[i]:
        total += values[i]
        count += 1.0
    leaving = i - days
    if leaving >= lo and values[leaving] == values[leaving]:
        total -= values[leaving]
        count -= 1.0
    return total, count


@_compiled
def _falling(values: np.ndarray, lo: int, i: int, window: np.ndarray, min_values: int, per_day: float,
             z_limit: float, buffer: np.ndarray, share: float = 0.0, floor: float = -np.inf) -> bool:
    """Whether the len(window) days ending on row i fall by `per_day` or more, or (`share`, when the later half's
    mean is down by that share of the earlier half's) by that share over the window if at or below `floor` a day
    (Theil-Sen, `min_values` logged), and beyond the noise (Mann-Kendall z at or below `z_limit`)."""
    _trend_window(values, lo, i, window)
    level = _mean_back(values, lo, i - len(window) // 2, len(window) - len(window) // 2) if share > 0 else np.nan
    if level == level and _mean_back(values, lo, i, len(window) // 2) <= (1.0 - share) * level:
        per_day = max(per_day, min(-share * level / (len(window) - 1), floor))
    return slope_at_most(window, min_values, per_day, buffer) and kendall_z(window) <= z_limit


@_compiled
def activity_rules(position: np.ndarray, values: np.ndarray, day: np.ndarray, normal: np.ndarray,
                   pain: np.ndarray, logged: np.ndarray, check_in: np.ndarray, windows: tuple,
                   rule: tuple, slide: bool) -> tuple:
    """Grid-length masks of the four activity rules (analysis.alerts.finders._activity_hits says what they
    mean): (activity declining, no progress by week 3, not as active as before by week 6, pain persisting).
    Per grid row with an entry: the 7-day mean and its share of normal, the first week's mean, the 14- and 7-day
    trends (only where `declining` can hold: from DECLINE_FROM_DAY, below normal), the pain's weekly mean (from
    WEEK_6_DAY). On a mark day (WEEK_3_DAY, WEEK_6_DAY) without an entry, the week-3 and week-6 rules say what
    they said on the episode's latest entry if it lies within the last MEAN_WINDOW_DAYS.
    `check_in`: per entry the recent weekly check-in's mean (NaN: none), or empty when no entry has one.
    `windows`: daily_values'. `rule`: (DECLINE_FROM_DAY, ACTIVITY_DECLINE_PER_DAY, SHORT_TREND_DAYS,
    SHORT_TREND_MIN_VALUES, SHORT_DECLINE_PER_DAY, DECLINE_Z, WEEK_3_DAY, PROGRESS_MARGIN_MINUTES, WEEK_6_DAY,
    NORMAL_ACTIVITY_SHARE, PSFS_AS_BEFORE_MEAN, PAIN_WEEK_DAYS, PAIN_WEEK_MIN_ENTRIES, NOT_RECOVERED_PAIN, eps,
    RELATIVE_DECLINE_SHARE, RELATIVE_DECLINE_FLOOR). `slide`: sliding sums while the values are on quarters (False:
    every window read back; tests check the two agree).
    """
    mean_days, trend_days, min_values, first_week_days = windows
    (decline_from, decline_per_day, short_days, short_min, short_per_day, decline_z, week_3, margin, week_6,
     normal_share, as_before, pain_days, pain_min, not_recovered, eps, relative, floor) = rule
    size = len(position)
    declining, not_built = np.zeros(size, dtype=np.bool_), np.zeros(size, dtype=np.bool_)
    not_before, persisting = np.zeros(size, dtype=np.bool_), np.zeros(size, dtype=np.bool_)
    window = np.empty(trend_days)
    short = np.empty(short_days)
    buffer = slope_buffer(max(trend_days, short_days))
    slide = slide and max(mean_days, pain_days) <= 1 << 20
    k = lo = latest = 0
    first_mean = minutes = minutes_count = pain_total = pain_count = 0.0
    built_state = before_state = minutes_exact = pain_exact = False
    for i in range(size):
        here = day[i]
        if position[i] == 0:  # an episode's first row: its sums and states start afresh
            lo, latest, built_state, before_state = i, -1, False, False
            first_mean = _first_week(values, day, position, i, first_week_days)
            minutes = minutes_count = pain_total = pain_count = 0.0
            minutes_exact = pain_exact = slide
        # sliding sums while every value so far is on quarters (then the window's sums read back from here on)
        minutes_exact = minutes_exact and _on_quarters(values[i])
        if minutes_exact:
            minutes, minutes_count = _slide(values, lo, i, mean_days, minutes, minutes_count)
        pain_exact = pain_exact and _on_quarters(pain[i])
        if pain_exact:
            pain_total, pain_count = _slide(pain, lo, i, pain_days, pain_total, pain_count)
        if not logged[i]:  # a mark day without an entry: judged with the diary as it stands
            if latest >= 0 and here - day[latest] < mean_days:
                if here == week_3:
                    not_built[i] = built_state
                if here == week_6:
                    not_before[i] = before_state
            continue
        if minutes_exact:
            mean = minutes / minutes_count if minutes_count > 0 else np.nan
        else:
            mean = _mean_back(values, lo, i, mean_days)
        share = _share(mean, normal[i])
        if here >= decline_from and not share >= 1.0:  # an unknown normal counts as below
            declining[i] = _falling(values, lo, i, window, min_values, decline_per_day + eps, -decline_z + eps,
                                    buffer, relative, floor + eps) or _falling(
                values, lo, i, short, short_min, short_per_day + eps, -decline_z + eps, buffer)
        built_state = not share >= normal_share - eps and mean < first_mean + margin - eps
        psfs = check_in[k] if len(check_in) else np.nan
        before_state = share < normal_share - eps if psfs != psfs else psfs < as_before - eps
        not_built[i] = here >= week_3 and built_state
        not_before[i] = here >= week_6 and before_state
        if here >= week_6:
            if pain_exact:
                weekly = pain_total / pain_count if pain_count >= pain_min else np.nan
            else:
                weekly = _pain_mean(pain, lo, i, pain_days, pain_min)
            persisting[i] = weekly >= not_recovered - eps
        latest = i
        k += 1
    return declining, not_built, not_before, persisting


@_compiled
def judged_at(values: np.ndarray, starts: np.ndarray, length: np.ndarray, offset: np.ndarray,
              normal: np.ndarray, windows: tuple) -> tuple:
    """Per episode (its grid rows starts..starts+length-1): the 7-day mean, its share of normal and the
    14-day trend of the windows ending `offset` days after the episode's first grid day (past its last
    day nothing is logged; before its first, nothing at all: NaN). `windows`: daily_values'."""
    mean_days, trend_days, min_values, _ = windows
    size = len(starts)
    mean, share, trend = np.empty(size), np.empty(size), np.empty(size)
    window = np.empty(trend_days)
    buffer = slope_buffer(trend_days)
    for e in range(size):
        for k in range(trend_days):  # the day offset - (trend_days - 1 - k), oldest first
            back = offset[e] - (trend_days - 1 - k)
            inside = offset[e] >= 0 and 0 <= back < length[e]
            window[k] = values[starts[e] + back] if inside else np.nan
        total = count = 0.0  # the last mean_days of the window, oldest first from 0.0 (numpy's nansum)
        for k in range(trend_days - mean_days, trend_days):
            if window[k] == window[k]:
                total += window[k]
                count += 1.0
        mean[e] = total / count if count > 0 else np.nan
        share[e] = _share(mean[e], normal[e])
        trend[e] = median_slope(window, min_values, buffer)
    return mean, share, trend
