"""The pain rules of the alert engine: worst pain persisting after a week, and a flare.

Read from the daily grid (analysis.course.grid) with the one window engine
(analysis.course.windows): every value is per grid row (calendar day), and a rule
applies on the rows with a diary entry. Thresholds and sources: analysis.alerts.rules.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import level_check
from analysis.alerts import rules as r
from analysis.alerts.hits import EPS, Hits, hits, join
from analysis.course import windows as w
from analysis.course.curve import DEFAULT_CURVE, expected_fraction
from analysis.course.grid import LOGGED, POSITION
from analysis.model import columns as c


class PainDays:
    """The grid's entry rows (`at`, calendar order) with their episode numbers and positions.

    Why: the pain rules read windows on every calendar day but decide on diary days only.
    """

    def __init__(self, grid: pd.DataFrame) -> None:
        self.position = grid[POSITION].to_numpy()
        self.episode = np.cumsum(self.position == 0) - 1  # per grid row: episode number
        self.at = np.flatnonzero(grid[LOGGED].to_numpy())
        self.code = self.episode[self.at]
        self.count = int(self.episode[-1]) + 1 if len(self.episode) else 0
        new = np.ones(len(self.code), dtype=bool)
        new[1:] = self.code[1:] != self.code[:-1]
        self.start = np.maximum.accumulate(np.where(new, np.arange(len(self.code)), 0))  # its episode's first entry row
        # positions rise within an episode (one grid row per calendar day, in order): the first entry is the earliest
        entry_position = self.position[self.at]
        self.since_first = entry_position - entry_position[self.start]  # days since the first entry
        self.size = len(self.position)

    def spread(self, values: np.ndarray) -> np.ndarray:
        """Per-entry-row values laid on the grid, NaN on the other days."""
        out = np.full(self.size, np.nan)
        out[self.at] = values
        return out


def pain_hits(grid: pd.DataFrame, curve: str = DEFAULT_CURVE) -> Hits:
    """Worst pain persisting after a week, and a flare (seeds; Ostelo 2008; Menezes Costa 2012)."""
    days = PainDays(grid)
    pain = grid[c.PAIN].to_numpy(dtype=float)
    worst = grid[c.WORST_PAIN].to_numpy(dtype=float)
    worst = np.where(np.isnan(worst), pain, worst)
    after_week = np.zeros(days.size, dtype=bool)
    after_week[days.at] = _persisting(pain, worst, days, grid[c.DAY].to_numpy()[days.at], curve)
    logged = grid[LOGGED].to_numpy()
    return join([hits(grid, after_week, "worst_pain_after_week"),
                 hits(grid, _flare(pain, days.position) & logged, "pain_worsening")])


def _persisting(pain: np.ndarray, worst: np.ndarray, days: PainDays, since_onset: np.ndarray,
                curve: str) -> np.ndarray:
    """Per entry row: the worst pain persists (alert_rules, "worst pain after a week"): a flat course fits better.

    Running sums per episode in calendar order give, on every diary day, the least-squares fit of
    the expected course (through the origin, y = L x fraction) and of the flat course (two levels).
    """
    at, position = days.at, days.position
    y = ((pain + worst) / 2)[at]
    expected = expected_fraction(since_onset, curve)  # once for the three fits below
    fraction = np.where(np.isnan(y), np.nan, expected)
    first = days.since_first < r.FIRST_DAYS
    # the pain alone against the expected course, noise from the measured sd until the diary has its own
    # (first: its running sums come and go before this rule's own are built, the summary's peak memory)
    level_on, level_above, _ = level_check.flat_course(days.code, position[at], since_onset, pain[at], curve,
                                                       expected)
    lead, level, evidence = _fits(y, fraction, ((worst - pain) / 2)[at], first, days)
    recent_y = w.mean(days.spread(y), position, r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[at]
    recent_f = w.mean(days.spread(fraction), position, r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[at]
    above = recent_y - lead > level * recent_f + EPS  # the last days lie above the expected course
    del recent_y, recent_f, lead, y, fraction  # what is held while _worst_flat runs is the summary's peak
    worst_7d = w.mean(worst, position, r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES)[at]
    early = first & ~np.isnan(worst[at])
    with np.errstate(invalid="ignore", divide="ignore"):
        early = (np.bincount(days.code[early], worst[at][early], minlength=days.count)
                 / np.bincount(days.code[early], minlength=days.count))[days.code]
    fall = early - worst_7d
    high = ((worst_7d >= r.MODERATE_WORST_PAIN - EPS) & (fall < r.IMPORTANT_FALL_POINTS - EPS)
            & (fall < r.IMPORTANT_FALL_SHARE * early - EPS))  # NaN: False
    del worst_7d, early, fall
    still = high & above
    on = still & (since_onset >= r.WEEK_1_DAY) & (evidence >= r.PERSISTING_EVIDENCE - EPS)
    del evidence
    on, still = on | (high & level_on), still | (high & level_above)
    # the worst pain's own plateau (alert_rules, WORST_FLAT_*), held while the worst pain stays 5+ without an
    # important fall; once on, a noisy day that weakens the evidence ends neither
    flat = high & _worst_flat(worst, level, days, since_onset, expected if curve == DEFAULT_CURVE else None)
    return w.hold(on, still, days.code, days.start) | w.hold(flat, high, days.code, days.start)


def _fits(y: np.ndarray, fraction: np.ndarray, gap: np.ndarray, first: np.ndarray,
          days: PainDays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per entry row: (lead, level, evidence) of _persisting's two least-squares fits.

    Why a function of its own: its two dozen running sums of a million diary days are dropped when it
    returns, before the pain-alone check and the worst pain's plateau add theirs (the summary's peak memory).
    """
    present = ~np.isnan(y)
    yz, fz = np.where(present, y, 0.0), np.where(present, fraction, 0.0)

    def running(values: np.ndarray) -> np.ndarray:
        return w.running(values, days.start)

    sf2, sfy, n = running(fz * fz), running(fz * yz), running(present.astype(float))
    parts = []
    for part in (first & present, ~first & present):
        k, s1, s2 = running(part.astype(float)), running(np.where(part, yz, 0.0)), running(np.where(part, yz * yz, 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            parts.append(np.where(k > 0, s2 - s1 * s1 / np.maximum(k, 1.0), 0.0))
        del k, s1, s2
    sy2, sy, sf = running(yz * yz), running(yz), running(fz)
    del fz
    # gap: y's share of the worst pain's lead over the pain
    with np.errstate(invalid="ignore", divide="ignore"):
        # the expected course is fitted to y minus the mean lead so far: the worst pain a steady step above the
        # pain is no reason for the course not to go through zero
        lead = running(np.where(present, gap, 0.0)) / n
        sfy_own = sfy - lead * sf
        del sfy, sf
        level = sfy_own / sf2  # L: the person's onset pain on the published course
        rss_expected = np.maximum(sy2 - 2 * lead * sy + n * lead * lead - sfy_own * level, 0.0)
        del sy2, sy, sfy_own, sf2
        rss_flat = np.maximum(parts[0] + parts[1], 0.0)
        del parts
        # the noise leaves out the flat course's largest residual, so one odd day (a dip, a bad day) does not
        # swamp the evidence of a diary that is otherwise steady
        late = ~first & present
        level_late = running(np.where(late, yz, 0.0)) / running(late.astype(float))
        # running highest and lowest y since the first days, per episode: a running maximum over episodes laid
        # 100 apart (y is 0-10, -50 stands for "none yet"), so one accumulate serves them all
        episode = days.code.astype(float) * 100.0
        high = np.maximum.accumulate(np.where(late, y, -50.0) + episode) - episode
        low = -(np.maximum.accumulate(np.where(late, -y, -50.0) + episode) - episode)
        largest = np.maximum((high - level_late) ** 2, (level_late - low) ** 2)
        largest = np.where((high > -50.0) & ~np.isnan(level_late), largest, 0.0)
        del episode, low, level_late
        noise = np.maximum((rss_flat - largest) / np.maximum(n - 3.0, 1.0), r.NOISE_FLOOR_POINTS ** 2)
        evidence = (rss_expected - rss_flat) / noise
    return lead, level, evidence


def _worst_flat(worst: np.ndarray, level: np.ndarray, days: PainDays, since_onset: np.ndarray,
                expected: np.ndarray | None = None) -> np.ndarray:
    """Per entry row: the worst pain's own course is flat while the average course would be falling (seeds:
    "if the worst pain persists after a week"): the worst pain can stay high while the average pain eases.

    Over the last WORST_FLAT_DAYS calendar days the worst pain's least-squares slope lies at least
    WORST_FLAT_Z standard errors above the slope the average course (Menezes Costa 2012, scaled to the
    person: `level`) has over the same days. The standard error comes from the worst pain's own noise
    (its scatter around the line, or its day-to-day changes over WORST_NOISE_DAYS if larger, at least
    WORST_FLAT_NOISE_FLOOR), so a noisy diary needs more to pass the bar, never less.
    """
    at, position = days.at, days.position
    present = ~np.isnan(worst)
    day_sums = w.day_sums(present, position, r.WORST_FLAT_DAYS, at)
    n, slope, variance, spread = w.line(worst, position, r.WORST_FLAT_DAYS, at, day_sums)
    # the average course's slope over the same logged days, at the person's level
    logged = present[at]
    expected = expected_fraction(since_onset) if expected is None else expected  # the default curve's
    course = days.spread(np.where(logged, expected, np.nan))
    # the same logged days (the worst pain is missing off the entry rows): the days' sums are the ones above
    same = day_sums is not None and np.array_equal(np.isnan(course), ~present)
    course_slope = w.line(course, position, r.WORST_FLAT_DAYS, at, day_sums if same else None)[1]
    del course, logged, present, day_sums  # not held while the noise is measured (the summary's peak memory)
    with np.errstate(invalid="ignore", divide="ignore"):
        # the noise: the larger of the scatter around the line and half the mean squared day-to-day change over
        # a longer stretch (more values: a chance quiet run of a few days does not make a noisy diary look sure)
        step = worst - w.lag(worst, position, 1)
        changes = w.mean(step * step, position, r.WORST_NOISE_DAYS, r.WORST_FLAT_MIN_ENTRIES)[at] / 2
        noise = np.fmax(np.fmax(variance, changes), r.WORST_FLAT_NOISE_FLOOR ** 2)
        error = np.sqrt(noise / spread)
        z = (slope - level * course_slope) / error
    return (since_onset >= r.WORST_FLAT_FROM_DAY) & (n >= r.WORST_FLAT_MIN_ENTRIES) & (z >= r.WORST_FLAT_Z - EPS)


def _flare(pain: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Per grid row: pain on at least FLARE_HIGH_DAYS of the last FLARE_RECENT_DAYS days 3+, and 2 points and
    30% above the mean of the 2 weeks before (Ostelo 2008)."""
    recent_days = [w.lag(pain, position, k) for k in range(r.FLARE_RECENT_DAYS)]
    logged = sum((~np.isnan(day)).astype(np.int64) for day in recent_days)
    # the FLARE_HIGH_DAYS-th highest logged value: it is reached on at least that many days
    ranked = _highest(recent_days, r.FLARE_HIGH_DAYS)
    recent = np.where(logged >= r.FLARE_HIGH_DAYS, ranked, np.nan)
    best = w.mean(pain, position, r.FLARE_BASELINE_DAYS, r.FLARE_BASELINE_MIN_ENTRIES)
    best = w.lag(best, position, r.FLARE_RECENT_DAYS)  # the 14 days before the recent days
    with np.errstate(invalid="ignore"):
        return ((recent >= best + r.FLARE_POINTS - EPS) & (recent >= best * (1 + r.FLARE_SHARE) - EPS)
                & (recent >= r.FLARE_MIN_PAIN - EPS))


def _highest(rows: list[np.ndarray], rank: int) -> np.ndarray:
    """Per column: the `rank`-th highest of the values in `rows` (NaN counts as -inf), element-wise.

    Why not a sort: sorting a (days x grid) matrix along its short axis strides through memory. Keeping
    the `rank` highest so far (or, when fewer, the len(rows) - rank + 1 lowest: the 4th highest of 5 is
    the 2nd lowest) with element-wise maximum and minimum passes picks the very same value.
    """
    if not rows or rank > len(rows):
        return np.full(len(rows[0]) if rows else 0, -np.inf)
    low = len(rows) - rank + 1 < rank  # fewer values to keep from the bottom
    keep = len(rows) - rank + 1 if low else rank
    first, second = (np.minimum, np.maximum) if low else (np.maximum, np.minimum)
    kept: list[np.ndarray] = []  # the `keep` most extreme so far, the most extreme first
    for row in rows:
        value = np.where(np.isnan(row), -np.inf, row)
        for i, old in enumerate(kept):  # insert `value`: each level keeps the more extreme, passes the other on
            kept[i], value = first(old, value), second(old, value)
        if len(kept) < keep:
            kept.append(value)
    return kept[-1]
