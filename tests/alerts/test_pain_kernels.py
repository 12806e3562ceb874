"""The compiled pain rules (analysis/alerts/pain_kernels.py): sliding sums, thresholds passed in, no globals.

The rules' behaviour is tested through the engine (test_alerts.py, test_level_check.py); these check what the
compiled form adds: its two ways of summing a window agree, and a threshold changed in rules.py is honoured
(numba's on-disk cache would freeze a global read inside a kernel).
"""
from __future__ import annotations

import numpy as np
import pytest

from analysis.alerts import level_check, pain_course, pain_kernels
from analysis.alerts import rules as r
from analysis.course.curve import expected_fraction
from tests.alerts.test_alerts import days_of, severe_persisting


def _grid(seed: int) -> tuple[np.ndarray, ...]:
    """A random grid of a dozen episodes: gaps, missing worst pain, pain on a grid of halves, flares."""
    rng = np.random.default_rng(seed)
    position, pain, worst, logged, since = [], [], [], [], []
    for _ in range(12):
        size, onset = int(rng.integers(1, 70)), int(rng.integers(0, 5))
        level = rng.uniform(2, 9) - rng.uniform(0, 0.08) * np.arange(size)
        level[25:31] += 4  # a flare on the longer ones
        values = np.clip(np.round(2 * (level + rng.normal(0, 1.3, size))) / 2, 0, 10)
        position.append(np.arange(size))
        pain.append(values)
        worst.append(np.where(rng.random(size) < 0.2, np.nan, np.clip(values + rng.integers(0, 3, size), 0, 10)))
        logged.append(rng.random(size) < 0.85)
        since.append(np.arange(size) + onset)
    logged_all = np.concatenate(logged)
    pain_all = np.where(logged_all, np.concatenate(pain), np.nan)
    worst_all = np.where(logged_all, np.concatenate(worst), np.nan)
    worst_all = np.where(np.isnan(worst_all), pain_all, worst_all)
    at = np.flatnonzero(logged_all)
    return np.concatenate(position), pain_all, worst_all, at, np.concatenate(since)[at].astype(float)


@pytest.mark.parametrize("seed", range(6))
def test_sliding_sums_are_the_sums_read_back_day_by_day(seed: int) -> None:
    position, pain, worst, at, since = _grid(seed)
    expected = expected_fraction(since)
    rules = (pain_course._persisting(), level_check.rule(), pain_course._worst_flat(), pain_course._flare())
    sliding = pain_kernels.pain_rules(position, pain, worst, at, since, expected, expected, *rules, True)
    read_back = pain_kernels.pain_rules(position, pain, worst, at, since, expected, expected, *rules, False)
    assert np.array_equal(sliding[0], read_back[0]) and np.array_equal(sliding[1], read_back[1])


def test_a_threshold_changed_in_the_rules_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert days_of(severe_persisting(), "worst_pain_after_week")
    monkeypatch.setattr(r, "MODERATE_WORST_PAIN", 11.0)
    assert days_of(severe_persisting(), "worst_pain_after_week") == []


@pytest.mark.parametrize("seed", range(4))
def test_the_worst_pains_line_is_the_least_squares_fit(seed: int) -> None:
    """The worst pain's window sums (_walk, read back) give np.polyfit's slope over the last WORST_FLAT_DAYS
    calendar days (what tests/course/test_grid.py checked of windows.line before the rules were compiled)."""
    rng = np.random.default_rng(seed)
    day = np.sort(rng.choice(60, 40, replace=False)).astype(np.int64)
    worst = np.where(rng.random(40) < 0.2, np.nan, np.round(rng.uniform(0, 10, 40), 1))
    pain = worst - 1.0
    y = (pain + worst) / 2
    step = np.r_[np.nan, np.where(np.diff(day) == 1, np.diff(worst), np.nan)]
    windows = (r.LEVEL_DAYS, r.WORST_FLAT_DAYS, r.WORST_NOISE_DAYS, r.FLARE_RECENT_DAYS, r.FLARE_BASELINE_DAYS)
    fitted = 0
    for i in range(len(day)):
        _, _, n, sx, sxx, sy, _, sxy, *_ = pain_kernels._walk(day, pain, worst, y, step, i, windows)
        inside = (day > day[i] - r.WORST_FLAT_DAYS) & (day <= day[i]) & ~np.isnan(worst)
        assert n == inside.sum()
        if n >= 2:
            slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
            assert slope == pytest.approx(np.polyfit(day[inside], worst[inside], 1)[0], abs=1e-9)
            fitted += 1
    assert fitted > 20
