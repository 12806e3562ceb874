"""The pain rules' per-episode passes, compiled (numba): each episode's diary days walked once, in order.

Why compiled: as numpy, the pain rules (analysis.alerts.pain_course, analysis.alerts.level_check) took
hundreds of full-length passes over a million grid rows, one temporary array per running sum and lag
(0.9 s of the 3 s summary of 10,000 patients, issue 12). Here each kernel walks an episode's diary
entries once: running sums reset at the episode's first entry, windows read back over the last few
calendar days, and the hysteresis of a rule held in one flag per episode.

What the kernels do NOT hold: any threshold or curve. The callers pass every constant (declared in
analysis.alerts.rules and analysis.alerts.level_check, the rules as data) and the expected course
(analysis.course.curve, computed in numpy) as arguments. A rules.* global read here would be frozen into
numba's on-disk cache, which is invalidated only when this file changes: a changed threshold would be
silently ignored. `nogil`: the summary may run halves of the episodes on two threads.

Sums: a window's sums add the newest day first, then each day before it (the order of the numpy lag
loop, analysis.course.windows), or slide (today added, the day leaving taken off) where every sum is exact
(_exact) and so the same number; running sums add each episode's days from its first, so no episode's
rounding depends on the other patients in the file. error_model="numpy": 0/0 is NaN, as in numpy, not
an exception; the rules' NaN comparisons are False. One file on purpose: numba's cache of a kernel is
refreshed only when the kernel's own file changes, not when a kernel it calls (and inlines) does.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def _nonnegative(x: float) -> float:
    """np.maximum(x, 0.0): NaN stays NaN."""
    return x if (x > 0.0 or x != x) else 0.0


@_compiled
def _larger(a: float, b: float) -> float:
    """np.maximum(a, b): NaN if either is NaN."""
    if a != a or b != b:
        return np.nan
    return a if a > b else b


@_compiled
def _larger_known(a: float, b: float) -> float:
    """np.fmax(a, b): the larger, ignoring a NaN."""
    if a != a:
        return b
    if b != b:
        return a
    return a if a > b else b


@_compiled
def level_episode(day: np.ndarray, pain: np.ndarray, since: np.ndarray, expected: np.ndarray, rule: tuple,
                  wanted: np.ndarray, on: np.ndarray, above: np.ndarray, evidence: np.ndarray) -> None:
    """analysis.alerts.level_check.flat_course for one episode's entries (calendar order), on the entries
    `wanted` (the running sums take every entry; `on`, `above` and `evidence` are left alone elsewhere).

    `rule`: (WEEK_1_DAY, FIRST_DAYS, LEVEL_DAYS, LEVEL_MIN_ENTRIES, PRIOR_DAYS x NOISE_SD ** 2, PRIOR_DAYS,
    EVIDENCE_BAR, LATE_FROM_DAY, LATE_EVIDENCE_BAR, eps), see level_check.
    """
    week_1_day, first_days, level_days, min_entries, prior_variance, prior_days, bar, late_from, late_bar, eps = rule
    n = syy = sy = sff = sfy = k0 = s10 = s20 = 0.0
    for j in range(len(day)):
        y, here = pain[j], day[j]
        if y == y:
            f = expected[j]
            n += 1.0
            syy += y * y
            sy += y
            sff += f * f
            sfy += f * y
            if here - day[0] < first_days:
                k0 += 1.0
                s10 += y
                s20 += y * y
        if not wanted[j]:
            continue
        # the flat course: one level on the first days, one on every day since; the expected: L x fraction
        flat_first = s20 - s10 * s10 / max(k0, 1.0) if k0 > 0 else 0.0
        k1, s11, s21 = n - k0, sy - s10, syy - s20
        rss_flat = _nonnegative(flat_first + (s21 - s11 * s11 / max(k1, 1.0) if k1 > 0 else 0.0))
        level = sfy / sff
        rss_expected = _nonnegative(syy - sfy * level)
        own = np.nan if rss_expected != rss_expected else min(rss_expected, rss_flat)  # np.minimum
        variance = (prior_variance + own) / (prior_days + max(n - 2.0, 0.0))
        strength = (rss_expected - rss_flat) / variance if n >= 2 else np.nan
        # the last LEVEL_DAYS calendar days' mean pain and expected fraction (the newest day first)
        count = total_y = total_f = 0.0
        m = j
        while m >= 0 and day[m] >= here - (level_days - 1):
            if pain[m] == pain[m]:
                count += 1.0
                total_y += pain[m]
                total_f += expected[m]
            m -= 1
        recent_y = total_y / count if count >= min_entries else np.nan
        recent_f = total_f / count if count >= min_entries else np.nan
        lifted = recent_y > level * recent_f + eps
        high_bar = late_bar if since[j] >= late_from else bar
        on[j] = lifted and since[j] >= week_1_day and strength >= high_bar - eps
        above[j] = lifted
        evidence[j] = strength


@_compiled
def flat_course(day: np.ndarray, pain: np.ndarray, since: np.ndarray, expected: np.ndarray,
                new: np.ndarray, rule: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """level_episode over every episode of rows sorted by episode and day (`new`: the row starts one)."""
    size = len(day)
    on = np.zeros(size, dtype=np.bool_)
    above = np.zeros(size, dtype=np.bool_)
    evidence = np.empty(size)
    wanted = np.ones(size, dtype=np.bool_)
    lo = 0
    while lo < size:
        hi = lo + 1
        while hi < size and not new[hi]:
            hi += 1
        level_episode(day[lo:hi], pain[lo:hi], since[lo:hi], expected[lo:hi], rule, wanted[lo:hi], on[lo:hi],
                      above[lo:hi], evidence[lo:hi])
        lo = hi
    return on, above, evidence


@_compiled
def _exact(day: np.ndarray, pain: np.ndarray, worst: np.ndarray) -> bool:
    """Whether every window sum of an episode's pain and worst pain is exact in float64: values NaN or on
    a grid of quarters from 0 to 10,000, days below 2**20, so each partial sum is representable. Then sums
    kept sliding (today's values added, the days leaving a window taken off) are the very numbers the
    newest-first walk (_walk) adds up, at a few operations a day instead of one per day of each window."""
    if len(day) and day[-1] >= 1 << 20:
        return False
    for values in (pain, worst):
        for value in values:
            if value == value and not (0.0 <= value <= 10000.0 and value * 4.0 == np.rint(value * 4.0)):
                return False
    return True


@_compiled
def _still_high(day: np.ndarray, worst: np.ndarray, persisting: tuple, exact: bool) -> np.ndarray:
    """Per entry: the worst pain is still high: its mean over the last LEVEL_DAYS calendar days (at least
    LEVEL_MIN_ENTRIES) is >= MODERATE_WORST_PAIN and has not fallen by IMPORTANT_FALL_POINTS or
    IMPORTANT_FALL_SHARE from the first FIRST_DAYS days' mean (NaN: none logged)."""
    _, first_days, days, min_entries, moderate, fall_points, fall_share, _, _, eps, _ = persisting
    early_total = early_count = 0.0
    for i in range(len(day)):
        if day[i] - day[0] < first_days and worst[i] == worst[i]:
            early_total += worst[i]
            early_count += 1.0
    early = early_total / early_count
    high = np.zeros(len(day), dtype=np.bool_)
    count = total = 0.0
    oldest = 0
    for i in range(len(day)):
        if exact:  # sliding
            if worst[i] == worst[i]:
                count += 1.0
                total += worst[i]
            while day[oldest] <= day[i] - days:
                if worst[oldest] == worst[oldest]:
                    count -= 1.0
                    total -= worst[oldest]
                oldest += 1
        else:  # read back, the newest first
            count = total = 0.0
            m = i
            while m >= 0 and day[m] > day[i] - days:
                if worst[m] == worst[m]:
                    count += 1.0
                    total += worst[m]
                m -= 1
        if count >= min_entries:
            recent = total / count
            fall = early - recent
            high[i] = recent >= moderate - eps and fall < fall_points - eps and fall < fall_share * early - eps
    return high


@_compiled
def _walk(day: np.ndarray, pain: np.ndarray, worst: np.ndarray, y: np.ndarray, step: np.ndarray, i: int,
          windows: tuple) -> tuple:
    """Entry i's window sums read back day by day, the newest first (any values): over the last LEVEL_DAYS
    the count and sum of y; over WORST_FLAT_DAYS the worst pain's line at x = day minus today (n, sx, sxx,
    sy, syy, sxy); over WORST_NOISE_DAYS the count and sum of its squared day-to-day changes; over the
    FLARE_BASELINE_DAYS before the FLARE_RECENT_DAYS the pain's."""
    level_days, flat_days, noise_days, recent_days, baseline_days = windows
    c7 = t7 = n = sx = sxx = sy = syy = sxy = cs = ts = cb = tb = 0.0
    here, reach, m = day[i], max(level_days, flat_days, noise_days, recent_days + baseline_days) - 1, i
    while m >= 0 and here - day[m] <= reach:
        back, value = here - day[m], worst[m]
        if back < level_days and y[m] == y[m]:
            c7 += 1.0
            t7 += y[m]
        if back < flat_days and value == value:
            n += 1.0
            sx -= back
            sxx += back * back
            sy += value
            syy += value * value
            sxy -= back * value
        if back < noise_days and step[m] == step[m]:
            cs += 1.0
            ts += step[m] * step[m]
        if recent_days <= back < recent_days + baseline_days and here >= recent_days and pain[m] == pain[m]:
            cb += 1.0
            tb += pain[m]
        m -= 1
    return c7, t7, n, sx, sxx, sy, syy, sxy, cs, ts, cb, tb


@_compiled
def pain_rules(position: np.ndarray, pain: np.ndarray, worst: np.ndarray, at: np.ndarray, since: np.ndarray,
               expected: np.ndarray, course: np.ndarray, persisting: tuple, level: tuple, worst_flat: tuple,
               flare: tuple, slide: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per diary entry (`at`: the grid's entry rows): (worst pain after a week, pain worsening).

    Grid rows: position, pain, worst (the pain where missing); per entry: since (days since onset),
    expected (the curve's fraction), course (the default curve's, for the worst pain's plateau). The rule
    tuples, in pain_course's order: persisting = (WEEK_1_DAY, FIRST_DAYS, LEVEL_DAYS, LEVEL_MIN_ENTRIES,
    MODERATE_WORST_PAIN, IMPORTANT_FALL_POINTS, IMPORTANT_FALL_SHARE, PERSISTING_EVIDENCE, NOISE_FLOOR_POINTS ** 2,
    eps, UNCHANGED_WEEK_ENTRIES); level: level_episode's; worst_flat = (WORST_FLAT_FROM_DAY,
    WORST_FLAT_DAYS, WORST_FLAT_MIN_ENTRIES, WORST_FLAT_Z, WORST_NOISE_DAYS, WORST_FLAT_NOISE_FLOOR ** 2);
    flare = (FLARE_RECENT_DAYS, FLARE_HIGH_DAYS, FLARE_BASELINE_DAYS, FLARE_BASELINE_MIN_ENTRIES,
    FLARE_POINTS, FLARE_MIN_PAIN). `slide`: sliding sums on exact episodes (False: every
    window read back; tests check the two agree).
    """
    size = len(at)
    after_week = np.zeros(size, dtype=np.bool_)
    worsening = np.zeros(size, dtype=np.bool_)
    lo = 0
    while lo < size:
        hi = lo + 1  # within an episode the position rises one per grid row
        while hi < size and position[at[hi]] - position[at[hi - 1]] == at[hi] - at[hi - 1]:
            hi += 1
        _episode(position[at[lo:hi]], pain[at[lo:hi]], worst[at[lo:hi]], since[lo:hi], expected[lo:hi],
                 course[lo:hi], persisting, level, worst_flat, flare, slide, after_week[lo:hi], worsening[lo:hi])
        lo = hi
    return after_week, worsening


@_compiled
def _episode(day: np.ndarray, pain: np.ndarray, worst: np.ndarray, since: np.ndarray, expected: np.ndarray,
             course: np.ndarray, persisting: tuple, level: tuple, worst_flat: tuple, flare: tuple, slide: bool,
             after_week: np.ndarray, worsening: np.ndarray) -> None:
    """pain_rules for one episode's entries (calendar order; day: the grid position).

    The worst pain after a week applies only while the worst pain is high (`high`: the LEVEL_DAYS mean
    >= MODERATE_WORST_PAIN without an important fall), so its other windows are read on those days only.
    A worst pain not fallen since the diary began needs no evidence (`unchanged`, level_check.UNCHANGED_WEEK_ENTRIES).
    """
    week_1_day, first_days, level_days, min_entries, moderate, _, _, bar, noise_floor2, eps, entries_1 = persisting
    flat_from, flat_days, flat_min, flat_z, noise_days, flat_floor2 = worst_flat
    recent_days, high_days, baseline_days, baseline_min, flare_points, flare_min = flare
    windows = (level_days, flat_days, noise_days, recent_days, baseline_days)
    size, exact = len(day), slide and _exact(day, pain, worst)
    y = np.empty(size)  # the day's mean of pain and worst pain; the worst pain's change from the day before
    step = np.empty(size)
    for i in range(size):
        y[i] = (pain[i] + worst[i]) / 2
        step[i] = worst[i] - worst[i - 1] if i > 0 and day[i] - day[i - 1] == 1 else np.nan
    high = _still_high(day, worst, persisting, exact)
    level_on = np.zeros(size, dtype=np.bool_)
    level_above = np.zeros(size, dtype=np.bool_)
    level_episode(day, pain, since, expected, level, high, level_on, level_above, np.empty(size))
    # running sums of the two fits (y: the mean of pain and worst pain) and of the first days' level
    n = sf2 = sfy = sy2 = sy = sf = sgap = k0 = s10 = s20 = k1 = s11 = s21 = 0.0
    high_late = -np.inf
    low_late = np.inf
    held, held_flat = False, False
    # the worst pain's lowest, last, any fall, entries in week 1, and the day since onset it was first logged
    lowest, previous, fell, week_count, began = np.inf, np.nan, False, 0.0, np.inf
    # sliding window sums (exact episodes) and each window's oldest entry; the baseline's newest + 1
    r7 = rt7 = rn = rd = rdd = ry = ryy = rdy = rs = rts = rb = rtb = 0.0
    o7 = o10 = o19 = ob_in = ob_out = 0
    for i in range(size):
        here, yi, f = day[i], y[i], expected[i]
        if yi == yi:
            n, sf2, sfy, sy2, sy, sf = n + 1.0, sf2 + f * f, sfy + f * yi, sy2 + yi * yi, sy + yi, sf + f
            sgap += (worst[i] - pain[i]) / 2
            if here - day[0] < first_days:
                k0, s10, s20 = k0 + 1.0, s10 + yi, s20 + yi * yi
            else:
                k1 = k1 + 1.0
                s11, s21, high_late, low_late = s11 + yi, s21 + yi * yi, max(high_late, yi), min(low_late, yi)
        if worst[i] == worst[i]:
            lowest, fell = min(lowest, worst[i]), fell or worst[i] < previous - eps
            previous, began = worst[i], min(began, since[i])
            if since[i] <= week_1_day:
                week_count += 1.0
        # the windows ending today: the values' sums, sliding when exact, else read back
        if exact:
            w = worst[i]
            if yi == yi:
                r7, rt7 = r7 + 1.0, rt7 + yi
            if w == w:
                rn, rd, rdd, ry, ryy, rdy = rn + 1.0, rd + here, rdd + here * here, ry + w, ryy + w * w, rdy + here * w
            if step[i] == step[i]:
                rs, rts = rs + 1.0, rts + step[i] * step[i]
            while day[o7] <= here - level_days:
                if y[o7] == y[o7]:
                    r7, rt7 = r7 - 1.0, rt7 - y[o7]
                o7 += 1
            while day[o10] <= here - flat_days:
                w, d = worst[o10], day[o10]
                if w == w:
                    rn, rd, rdd, ry, ryy, rdy = rn - 1.0, rd - d, rdd - d * d, ry - w, ryy - w * w, rdy - d * w
                o10 += 1
            while day[o19] <= here - noise_days:
                if step[o19] == step[o19]:
                    rs, rts = rs - 1.0, rts - step[o19] * step[o19]
                o19 += 1
            while ob_in <= i and day[ob_in] <= here - recent_days:
                if pain[ob_in] == pain[ob_in]:
                    rb, rtb = rb + 1.0, rtb + pain[ob_in]
                ob_in += 1
            while ob_out < ob_in and day[ob_out] <= here - recent_days - baseline_days:
                if pain[ob_out] == pain[ob_out]:
                    rb, rtb = rb - 1.0, rtb - pain[ob_out]
                ob_out += 1
            count7 = r7
            total_y = rt7
            wn = rn
            wsy = ry
            wsyy = ryy
            wsx = rd - here * rn
            wsxx = here * here * rn - 2.0 * here * rd + rdd
            wsxy, count_step, total_step, count_best, total_best = rdy - here * ry, rs, rts, rb, rtb
        else:
            (count7, total_y, wn, wsx, wsxx, wsy, wsyy, wsxy, count_step, total_step, count_best,
             total_best) = _walk(day, pain, worst, y, step, i, windows)
        # a flare: the FLARE_HIGH_DAYS-th highest pain of the recent days reaches each bar over the mean of the
        # days before, i.e. at least FLARE_HIGH_DAYS of them do
        best = total_best / count_best if count_best >= baseline_min else np.nan
        if best == best:
            reached, m = 0, i
            while m >= 0 and here - day[m] < recent_days:
                p = pain[m]
                if p >= best + flare_points - eps and p >= flare_min - eps:
                    reached += 1
                m -= 1
            worsening[i] = reached >= high_days
        if not high[i]:  # neither branch of the worst pain after a week applies, nor holds
            held = held_flat = False
            continue
        # the expected course, fitted to y less the mean lead of the worst pain so far, against the flat
        lead = sgap / n
        sfy_own = sfy - lead * sf
        fitted = sfy_own / sf2  # L: the person's onset pain on the published course
        rss_expected = _nonnegative(sy2 - 2 * lead * sy + n * lead * lead - sfy_own * fitted)
        rss_flat = _nonnegative((s20 - s10 * s10 / max(k0, 1.0) if k0 > 0 else 0.0)
                                + (s21 - s11 * s11 / max(k1, 1.0) if k1 > 0 else 0.0))
        # the noise leaves out the flat course's largest residual (one odd day)
        level_late, largest = s11 / k1, 0.0
        if k1 > 0 and level_late == level_late:
            above_late, below_late = high_late - level_late, level_late - low_late
            largest = max(above_late * above_late, below_late * below_late)
        noise = _larger((rss_flat - largest) / max(n - 3.0, 1.0), noise_floor2)
        strength = (rss_expected - rss_flat) / noise
        # read back, the newest first (not on a grid of quarters): the expected course's sums
        count_f = total_f = cn = csx = csxx = csy = csxy = 0.0
        m = i
        while m >= 0 and here - day[m] < max(level_days, flat_days):
            back = here - day[m]
            if back < level_days and y[m] == y[m]:
                count_f, total_f = count_f + 1.0, total_f + expected[m]
            point = course[m]
            if back < flat_days and worst[m] == worst[m] and point == point:
                cn, csx, csxx, csy, csxy = cn + 1.0, csx - back, csxx + back * back, csy + point, csxy - back * point
            m -= 1
        # worst pain after a week: the last days above the course, the worst pain still high, no important fall
        recent_y = total_y / count7 if count7 >= min_entries else np.nan
        recent_f = total_f / count_f if count_f >= min_entries else np.nan
        above = recent_y - lead > fitted * recent_f + eps
        on = above and since[i] >= week_1_day and strength >= bar - eps
        # the worst pain 5+ and never lower than the entry before since the diary began in the first days, most of
        # week 1 logged, and (as every branch) the last days above the person's expected course: a worst pain held
        # at 5 while the pain falls fast is a recovering course, not one that persists (review 28)
        unchanged = since[i] >= week_1_day and began < first_days and week_count >= entries_1 and \
            lowest >= moderate - eps and not fell
        on, still = on or level_on[i] or (unchanged and above), above or level_above[i]
        # the worst pain's own plateau: its slope against the course's over the same days, in standard errors
        spread = wn * wsxx - wsx * wsx
        slope = (wn * wsxy - wsx * wsy) / spread if spread > 0 else np.nan
        centred = wsxx - wsx * wsx / wn
        rss = (wsyy - wsy * wsy / wn) - slope * slope * centred
        variance = _nonnegative(rss) / max(wn - 2, 1.0) if wn >= 3 else np.nan
        course_spread = cn * csxx - csx * csx
        course_slope = (cn * csxy - csx * csy) / course_spread if course_spread > 0 else np.nan
        changes = (total_step / count_step if count_step >= flat_min else np.nan) / 2
        error = np.sqrt(_larger_known(_larger_known(variance, changes), flat_floor2) / centred)
        z = (slope - fitted * course_slope) / error
        flat = since[i] >= flat_from and wn >= flat_min and z >= flat_z - eps
        # held while above the course, or while the worst pain has still not fallen once (review 36: an unchanged
        # worst pain of 7 went quiet on days 8-9 as the pain fell fast, and came back on day 11 as a second alert)
        held = on or (held and (still or unchanged))
        held_flat = flat or held_flat
        after_week[i] = held or held_flat
