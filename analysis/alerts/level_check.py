"""A flat course against the expected one, judged on the pain alone over the whole course so far (issue 9).

Why a module of its own: the engine (analysis.alerts.pain_course, `_persisting`) decides when the worst pain
"persists after a week" (seeds). Its main branch compares the mean of pain and worst pain with the expected
course, judging the noise from the diary alone; this branch is a generalised likelihood ratio on the pain
alone, with the noise of a short diary taken from what was measured on a real pain log until the diary has
enough days of its own. At the measured day-to-day noise (sd 1.3) it finds persistent-high courses about
a week earlier than the main branch while average courses stay as quiet (benchmarks/RESULTS.md). The
constants live here, the compiled pass in analysis.alerts.pain_kernels: the engine runs it inside its own
pass over each episode, flat_course (the simulations, benchmarks/simulate.py) on rows in any order.

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
FIRST_DAYS = 3  # the diary's first 3 calendar days set the starting level (rules.py reads these four)
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
# An unchanged worst pain needs no statistics (seeds: "if the worst pain persists after a week", GUIDANCE.md
# section 4; README: "from day 7"): from WEEK_1_DAY, a worst pain (the pain where none is logged) of at least
# rules.MODERATE_WORST_PAIN that has not fallen at all since the diary began in the first FIRST_DAYS days after
# onset (no logged day lower than the logged day before it; the same or higher every day), while the last days lie
# above the person's expected course as every branch asks (a worst pain held at 5 while the pain falls fast is a
# recovering course: review 28), warns on that day (analysis.alerts.pain_kernels `unchanged`; held and ended as the
# other branches are). A noise-free diary (worst 8 every day) was warned on
# day 9 (this level check, at the measured noise) or 10 (the worst pain's plateau), never on day 7 (review 11).
# Why day to day and not "never below the first FIRST_DAYS days' mean": at the measured noise that also took
# noisy falling courses and warned 3.5%, 2.7%, 4.0% of average courses from day 10 (0.9%, 0.8%, 1.0% without
# it); no fall from one entry to the next left them as they were (benchmarks/RESULTS.md). Week 1 must be seen,
# not assumed: at least 5 of the 8 days 0..7 since onset logged, most of the week (a weekend and one more day
# may be missed, as in the simulations' 5% of days); with 4, half the week is unseen and could hold the fall,
# so the statistical branches decide.
UNCHANGED_WEEK_ENTRIES = 5
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
    The pass itself is compiled (analysis.alerts.pain_kernels.level_episode, one walk per episode), the one the
    engine's pain rules run too.
    """
    from analysis.alerts import pain_kernels  # numba (0.65 s to import): loaded when the check first runs

    episode = np.asarray(episode, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    since = np.asarray(since_onset, dtype=float)
    y = np.asarray(pain, dtype=float)
    size = len(y)
    if size == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool), np.full(0, np.nan)
    if expected is None:
        expected = expected_fraction(since, curve)
    expected = np.asarray(expected, dtype=float)
    order = np.lexsort((day, episode))  # by episode, then day
    ordered = bool(np.all(order[1:] > order[:-1]))
    if not ordered:
        episode, day, since, y, expected = episode[order], day[order], since[order], y[order], expected[order]
    new = np.r_[True, episode[1:] != episode[:-1]]
    on, above, evidence = pain_kernels.flat_course(day, y, since, expected, new, rule())
    if ordered:
        return on, above, evidence
    out_on, out_above, out_evidence = np.empty(size, dtype=bool), np.empty(size, dtype=bool), np.empty(size)
    out_on[order], out_above[order], out_evidence[order] = on, above, evidence
    return out_on, out_above, out_evidence


def rule() -> tuple:
    """The check's constants as the compiled pass takes them (pain_kernels.level_episode's order), read at
    each call: a constant changed here (or by a test) is never one frozen into numba's on-disk cache."""
    return (WEEK_1_DAY, FIRST_DAYS, LEVEL_DAYS, LEVEL_MIN_ENTRIES, PRIOR_DAYS * NOISE_SD ** 2, PRIOR_DAYS,
            EVIDENCE_BAR, LATE_FROM_DAY, LATE_EVIDENCE_BAR, _EPS)
