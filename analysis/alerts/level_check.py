"""A flat course against the expected one, judged on the pain alone over the whole course so far (issue 9).

Why a module of its own: the engine (analysis.alerts.engine, `_persisting`) decides when the worst pain
"persists after a week" (seeds). Its main branch compares the mean of pain and worst pain with the expected
course, judging the noise from the diary alone; this branch is a generalised likelihood ratio on the pain
alone, with the noise of a short diary taken from what was measured on a real pain log until the diary has
enough days of its own. At the measured day-to-day noise (sd 1.3) it finds persistent-high courses about
a week earlier than the main branch while average courses stay as quiet (benchmarks/RESULTS.md). Pure numpy:
the engine passes one value per diary row, in any order.

Two courses are fitted by least squares to each diary's pain on every diary day since its first (running
sums, so the evidence grows with the days logged and one dip or one bad day moves it little):

- expected: pain = L x fraction(day since onset), the published average course (Menezes Costa 2012,
  analysis.course.curve) scaled to the person's own onset level L;
- flat: one level on the diary's first FIRST_DAYS calendar days, one level on every day since (a course
  that falls a little and then stays flat, or never falls).

evidence = (RSS_expected - RSS_flat) / noise variance, the noise being the smaller of the two fits' residual
variance shrunk towards NOISE_SD with the weight of PRIOR_DAYS diary days: a short diary is judged at the
measured noise, a long one at its own, and a noise-free diary (a clinician's test) is not judged at zero
noise. The branch applies from WEEK_1_DAY when the evidence reaches EVIDENCE_BAR (LATE_EVIDENCE_BAR after three
weeks) and the last LEVEL_DAYS days' pain lies above the person's expected course (never for a course
recovering faster than usual).
"""
from __future__ import annotations

import numpy as np

from analysis.course.curve import DEFAULT_CURVE, expected_fraction

# Seeds: "if the worst pain persists after a week" (GUIDANCE.md section 4): judged from day 7 after onset.
WEEK_1_DAY = 7
FIRST_DAYS = 3  # the diary's first 3 calendar days set the starting level (as analysis.alerts.rules.FIRST_DAYS)
LEVEL_DAYS = 7  # "the last days lie above the expected course": mean of the last 7 calendar days ...
LEVEL_MIN_ENTRIES = 3  # ... with at least 3 entries
# Day-to-day noise of a daily 0-10 pain score: sd 1.27 measured on the one real personal daily pain log among
# the shared real files (painlogs/tristanbreen_pain.csv, benchmarks/simulate.py real_noise(); RESULTS.md).
NOISE_SD = 1.3
# The measured noise counts as this many diary days of evidence about the person's own noise: with 14 days
# logged, half the estimate is the diary's own (benchmarks/RESULTS.md, "level check": 7 and 14 gave the same
# detection at the same false-alarm rate within 2 points; 14 keeps a noise-free diary's noise near 1).
PRIOR_DAYS = 14.0
# The bar, spent where the warning is wanted (benchmarks/RESULTS.md "level check"; simulate.py, 1,000 diaries a
# class, noise sd 1.3, seeds 2026, 1 and 2). Up to day 21 (the seeds' "after a week" to the Dutch GPs' 3-4 week
# review, GUIDANCE.md section 4) the bar is 14; from day 22 it is 30: an average course's evidence does not
# grow with the days, a flat course's grows by about 5-10 a day after week 3, so the higher late bar costs
# persistent courses a day or two and keeps the average course from being warned in its long tail. With these
# the average-course diaries warned from day 10 stay where they were without this branch (0.9%, 0.8%, 1.0%;
# target <= 1%, issue 9) and the pain rule finds persistent-high courses by day 21 in 61-63% (26% without). One
# bar of 18 on every day: 44%; one bar of 14: 62% but 1.2% of average courses warned; 13 up to day 21: 1.1%.
EVIDENCE_BAR = 14.0  # days WEEK_1_DAY..LATE_FROM_DAY - 1
LATE_FROM_DAY = 22  # from day 22 (after three weeks) ...
LATE_EVIDENCE_BAR = 30.0  # ... the bar is 30
_EPS = 1e-9


def flat_course(episode: np.ndarray, day: np.ndarray, since_onset: np.ndarray, pain: np.ndarray,
                curve: str = DEFAULT_CURVE, expected: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per diary row: does a flat course fit the pain clearly better than the expected course?

    `episode`: any integer code per row (rows of one episode share it); `day`: the row's calendar day number;
    `since_onset`: days since the episode's onset; `pain`: the day's average pain 0-10 (NaN: not logged).
    One row per episode and day, in any order. Returns three arrays aligned with the rows: `on` (from day 7
    the evidence reaches EVIDENCE_BAR, LATE_EVIDENCE_BAR from LATE_FROM_DAY, and the last LEVEL_DAYS days lie
    above the expected course), `above` (the last LEVEL_DAYS days' pain lies above the expected course: what
    keeps a warning once given) and `evidence` (the likelihood ratio statistic, NaN before two values).
    `expected`: expected_fraction(since_onset, curve) per row, when the caller has it (computed once).
    """
    episode = np.asarray(episode, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    since = np.asarray(since_onset, dtype=float)
    y = np.asarray(pain, dtype=float)
    size = len(y)
    none = np.zeros(size, dtype=bool)
    if size == 0:
        return none, none.copy(), np.full(0, np.nan)
    key = episode * (1 << 32) + day  # by episode, then day
    ordered = bool(np.all(key[1:] > key[:-1]))
    order = np.arange(size) if ordered else np.argsort(key, kind="stable")  # the engine's rows are usually in order
    key, ep, dd = (key, episode, day) if ordered else (key[order], episode[order], day[order])  # no copies in order
    yy, ss = (y, since) if ordered else (y[order], since[order])
    new_episode = np.r_[True, ep[1:] != ep[:-1]]
    start = np.maximum.accumulate(np.where(new_episode, np.arange(size), 0))  # each row's episode's first row
    present = ~np.isnan(yy)
    yz = np.where(present, yy, 0.0)
    if expected is None:
        expected = expected_fraction(ss, curve)
    elif not ordered:
        expected = np.asarray(expected, dtype=float)[order]
    fraction = np.where(present, expected, 0.0)
    first = (dd - dd[start]) < FIRST_DAYS

    level, evidence = _fits(start, present, yz, fraction, first)
    recent_y, recent_f = _recent_means(key, yz, fraction, present)
    with np.errstate(invalid="ignore"):
        above = recent_y > level * recent_f + _EPS  # NaN: False
        bar = np.where(ss >= LATE_FROM_DAY, LATE_EVIDENCE_BAR, EVIDENCE_BAR)
        on = above & (ss >= WEEK_1_DAY) & (evidence >= bar - _EPS)
    if ordered:
        return on, above, evidence
    out_on, out_above, out_evidence = np.empty(size, dtype=bool), np.empty(size, dtype=bool), np.empty(size)
    out_on[order], out_above[order], out_evidence[order] = on, above, evidence
    return out_on, out_above, out_evidence


def _fits(start: np.ndarray, present: np.ndarray, yz: np.ndarray, fraction: np.ndarray,
          first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per sorted row: (level, evidence) of the two least-squares fits, from running sums since each row's
    episode's first row (`start`). Why a function: its dozen running sums are dropped when it returns."""

    def running(values: np.ndarray) -> np.ndarray:
        total = np.cumsum(values)
        return total - (total[start] - values[start])

    # each sum made just before it is needed and dropped just after (a million rows each: the peak memory)
    n, syy = running(present.astype(float)), running(yz * yz)
    early = first & present  # the first days' sums; the later days' are the totals less these
    k0, s10 = running(early.astype(float)), running(np.where(early, yz, 0.0))
    s20 = running(np.where(early, yz * yz, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        flat_first = np.where(k0 > 0, s20 - s10 * s10 / np.maximum(k0, 1.0), 0.0)
    k1 = n - k0
    del k0
    s11 = running(yz) - s10
    del s10
    s21 = syy - s20
    del s20
    with np.errstate(invalid="ignore", divide="ignore"):
        rss_flat = flat_first + np.where(k1 > 0, s21 - s11 * s11 / np.maximum(k1, 1.0), 0.0)
        del flat_first, k1, s11, s21
        sff, sfy = running(fraction * fraction), running(fraction * yz)
        level = sfy / sff  # L: the person's onset pain on the published course
        rss_expected = np.maximum(syy - sfy * level, 0.0)
        del sff, sfy, syy
        rss_flat = np.maximum(rss_flat, 0.0)
        own = np.minimum(rss_expected, rss_flat)
        variance = (PRIOR_DAYS * NOISE_SD ** 2 + own) / (PRIOR_DAYS + np.maximum(n - 2.0, 0.0))
        evidence = np.where(n >= 2, (rss_expected - rss_flat) / variance, np.nan)
    return level, evidence


def _recent_means(key: np.ndarray, yz: np.ndarray, fraction: np.ndarray,
                  present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per sorted row (`key`: episode x 2**32 + day, increasing): mean pain and mean expected fraction over the
    logged days of the last LEVEL_DAYS calendar days of its episode (NaN with fewer than LEVEL_MIN_ENTRIES)."""
    begin = np.searchsorted(key, key - (LEVEL_DAYS - 1), side="left")
    end = np.arange(1, len(key) + 1)

    def window(values: np.ndarray) -> np.ndarray:
        total = np.empty(len(values) + 1)
        total[0] = 0.0
        np.cumsum(values, out=total[1:])
        return total[end] - total[begin]

    count = window(present.astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        enough = count >= LEVEL_MIN_ENTRIES
        return (np.where(enough, window(yz) / count, np.nan),
                np.where(enough, window(fraction) / count, np.nan))
