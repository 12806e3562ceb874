"""The pain rules of the alert engine: worst pain persisting after a week, and a flare.

Read from the daily grid (analysis.course.grid): windows count calendar days (grid rows), and a rule
applies on the rows with a diary entry. Thresholds and sources: analysis.alerts.rules; the per-episode
pass that applies them: analysis.alerts.pain_kernels (compiled, issue 12).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import level_check
from analysis.alerts import rules as r
from analysis.alerts.hits import EPS, Hits, hits, join
from analysis.course.curve import DEFAULT_CURVE, expected_fraction
from analysis.course.grid import LOGGED, POSITION
from analysis.model import columns as c
from analysis.model.vocabulary import PAIN_WORSENING, WORST_PAIN_AFTER_WEEK


def pain_hits(grid: pd.DataFrame, curve: str = DEFAULT_CURVE) -> Hits:
    """Worst pain persisting after a week, and a flare (seeds; Ostelo 2008; Menezes Costa 2012).

    The rules as stated in analysis.alerts.rules (the comment above each threshold) and in the docstrings of
    _persisting, _worst_flat and _flare below; one compiled pass per episode applies them all
    (analysis.alerts.pain_kernels.pain_rules, issue 12). Every threshold and the expected course are read
    here, at the call, and passed in: never frozen into the kernels' on-disk cache.
    """
    from analysis.alerts import pain_kernels  # numba (0.65 s to import): loaded when the rules first run

    position = grid[POSITION].to_numpy(dtype=np.int64)
    at = np.flatnonzero(grid[LOGGED].to_numpy())
    pain = grid[c.PAIN].to_numpy(dtype=float)
    worst = grid[c.WORST_PAIN].to_numpy(dtype=float)
    worst = np.where(np.isnan(worst), pain, worst)
    since_onset = grid[c.DAY].to_numpy()[at].astype(float)
    expected = expected_fraction(since_onset, curve)
    course = expected if curve == DEFAULT_CURVE else expected_fraction(since_onset)  # the plateau's: the default
    after_week, worsening = pain_kernels.pain_rules(position, pain, worst, at, since_onset, expected, course,
                                                    _persisting(), level_check.rule(), _worst_flat(), _flare(), True)
    return join([hits(grid, _on_grid(after_week, at, len(position)), WORST_PAIN_AFTER_WEEK),
                 hits(grid, _on_grid(worsening, at, len(position)), PAIN_WORSENING)])


def _on_grid(flags: np.ndarray, at: np.ndarray, size: int) -> np.ndarray:
    """Per-entry flags laid on the grid (False on the days without an entry)."""
    out = np.zeros(size, dtype=bool)
    out[at] = flags
    return out


def _persisting() -> tuple:
    """The thresholds of "the worst pain persists" (alert_rules, "worst pain after a week"): a flat course fits
    better, and the worst pain is still high without an important fall (pain_kernels.pain_rules' order).

    Per diary day, running sums over the episode give the least-squares fit of the expected course (through
    the origin, y = L x fraction, y the mean of pain and worst pain) and of the flat course (one level on the
    first FIRST_DAYS days, one since). It applies from WEEK_1_DAY when the evidence reaches
    PERSISTING_EVIDENCE and the last LEVEL_DAYS days lie above the person's expected course, or when the
    pain-alone check (analysis.alerts.level_check) finds a flat course; in both cases only while the worst pain
    (LEVEL_DAYS mean) is >= MODERATE_WORST_PAIN and has not fallen by IMPORTANT_FALL_POINTS or
    IMPORTANT_FALL_SHARE from the first days' mean; or, needing no evidence, when the worst pain has not fallen
    at all: 5+ and no logged day lower than the one before since the diary began in its first days (the same or
    higher), with level_check.UNCHANGED_WEEK_ENTRIES of days 0..WEEK_1_DAY logged and the last days above the
    course (so a diary unchanged all week warns on day
    7 itself, not on day 9 when the evidence of a noise-free diary judged at the measured noise reaches the bar).
    Once on it holds while the worst pain stays high and the last days above the course (hysteresis). The
    worst pain's own plateau (_worst_flat) is held the same way.

    The expected course is fitted to y minus the mean lead of the worst pain over the pain so far: the worst
    pain a steady step above the pain is no reason for the course not to go through zero. The evidence is
    (RSS_expected - RSS_flat) / noise, the noise being the flat course's residual variance leaving out its
    largest residual, so one odd day (a dip, a bad day) does not swamp the evidence of a diary that is
    otherwise steady, and at least NOISE_FLOOR_POINTS squared.
    """
    return (r.WEEK_1_DAY, r.FIRST_DAYS, r.LEVEL_DAYS, r.LEVEL_MIN_ENTRIES, r.MODERATE_WORST_PAIN,
            r.IMPORTANT_FALL_POINTS, r.IMPORTANT_FALL_SHARE, r.PERSISTING_EVIDENCE, r.NOISE_FLOOR_POINTS ** 2, EPS,
            level_check.UNCHANGED_WEEK_ENTRIES)


def _worst_flat() -> tuple:
    """The worst pain's own course is flat while the average course would be falling (seeds: "if the worst
    pain persists after a week"): the worst pain can stay high while the average pain eases.

    Over the last WORST_FLAT_DAYS calendar days the worst pain's least-squares slope lies at least
    WORST_FLAT_Z standard errors above the slope the average course (Menezes Costa 2012, the default curve,
    scaled to the person: the level L of _persisting's fit) has over the same days. The standard error comes from the
    worst pain's own noise (its scatter around the line, or half the mean squared day-to-day change over
    WORST_NOISE_DAYS if larger: a chance quiet run of a few days does not make a noisy diary look sure; at
    least WORST_FLAT_NOISE_FLOOR), so a noisy diary needs more to pass the bar, never less. From
    WORST_FLAT_FROM_DAY with WORST_FLAT_MIN_ENTRIES entries; held while the worst pain stays 5+ without an
    important fall: once on, a noisy day that weakens the evidence ends neither.
    """
    return (r.WORST_FLAT_FROM_DAY, r.WORST_FLAT_DAYS, r.WORST_FLAT_MIN_ENTRIES, r.WORST_FLAT_Z,
            r.WORST_NOISE_DAYS, r.WORST_FLAT_NOISE_FLOOR ** 2)


def _flare() -> tuple:
    """Pain on at least FLARE_HIGH_DAYS of the last FLARE_RECENT_DAYS days 3+, and 2 points above the mean
    of the 2 weeks before (Ostelo 2008, rules.FLARE_POINTS): the FLARE_HIGH_DAYS-th highest logged pain of the
    recent days against the mean of the FLARE_BASELINE_DAYS days before them (at least FLARE_BASELINE_MIN_ENTRIES)."""
    return (r.FLARE_RECENT_DAYS, r.FLARE_HIGH_DAYS, r.FLARE_BASELINE_DAYS, r.FLARE_BASELINE_MIN_ENTRIES,
            r.FLARE_POINTS, r.FLARE_MIN_PAIN)
