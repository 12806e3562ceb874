"""The compiled activity passes (analysis/course/activity_kernels.py): the Theil-Sen median, its shortcut for
the rule, sliding sums, thresholds passed in, no globals.

The numbers and rules themselves are tested through their callers (test_activity.py, tests/alerts); these check
what the compiled form adds: the median is numpy's median of the same float32 slopes, the rule's count of slopes
decides as that median would, the two ways of summing a window agree, and a threshold changed in rules.py is
honoured (numba's on-disk cache would freeze a global read inside a kernel).
"""
from __future__ import annotations

import numpy as np
import pytest

from analysis.alerts import finders
from analysis.alerts import rules as r
from analysis.course import activity, activity_kernels
from tests.alerts.test_alerts import activity_falling, days_of

DAYS = activity.TREND_WINDOW_DAYS


def _windows(seed: int, size: int = 600) -> np.ndarray:
    """(14, size) windows of many kinds: whole minutes, fractions, quarters, few distinct values (many ties),
    a steady fall, huge and tiny values, and gaps from none to most days."""
    rng = np.random.default_rng(seed)
    kinds = [rng.integers(0, 120, (DAYS, size)).astype(float), rng.uniform(0, 90, (DAYS, size)),
             np.round(rng.uniform(0, 90, (DAYS, size)) * 4) / 4, rng.integers(0, 4, (DAYS, size)) * 10.0,
             np.cumsum(rng.normal(-2, 3, (DAYS, size)), axis=0) + 60,
             rng.choice([0.0, 5.0, 1e-45, 1e39, np.inf, 3e38], (DAYS, size))]
    windows = kinds[seed % len(kinds)]
    windows[rng.random(windows.shape) < rng.choice([0, 0.1, 0.4, 0.6], (1, size))] = np.nan
    return windows


def _numpy_median(window: np.ndarray, min_values: int) -> float:
    """The definition, as numpy: every pair's slope in float32 (NaN for a missing day), sorted (NaN last), the
    mean in float64 of the two middle ones of the k(k-1)/2 pairs of logged days."""
    logged = int((~np.isnan(window)).sum())
    if logged < min_values:
        return np.nan
    values = window.astype(np.float32)
    slopes = np.sort(np.concatenate([(values[lag:] - values[:-lag]) / np.float32(lag) for lag in range(1, DAYS)]))
    pairs = max(logged * (logged - 1) // 2, 1)
    return 0.5 * (np.float64(slopes[(pairs - 1) // 2]) + slopes[pairs // 2])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the huge values overflow float32, as they did in numpy
@pytest.mark.parametrize("seed", range(6))
def test_the_median_is_numpys_median_of_the_float32_slopes(seed: int) -> None:
    windows = _windows(seed)
    found = activity.theil_sen_slopes(windows)
    expected = np.array([_numpy_median(windows[:, j], activity.TREND_MIN_VALUES) for j in range(windows.shape[1])])
    assert np.array_equal(found, expected, equal_nan=True)  # 0.0 == -0.0: numpy's sort orders those either way


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("seed", range(6))
def test_the_rules_count_of_slopes_decides_as_the_median(seed: int) -> None:
    """slope_at_most(window, limit) is median_slope(window) <= limit, at the median itself, a hair either side
    of it, and at the rule's own limit."""
    windows = _windows(seed)
    buffer = np.empty(DAYS * (DAYS - 1) // 2, dtype=np.float32)
    window = np.empty(DAYS)
    checked = 0
    for j in range(windows.shape[1]):
        median = activity_kernels.median_slope(np.ascontiguousarray(windows[:, j]), activity.TREND_MIN_VALUES,
                                               buffer)
        limits = [r.ACTIVITY_DECLINE_PER_DAY + 1e-9, 0.0]
        if np.isfinite(median):
            limits += [median, np.nextafter(median, -np.inf), np.nextafter(median, np.inf), median - 0.5]
        for limit in limits:
            window[:] = windows[:, j]
            assert activity_kernels.slope_at_most(window, activity.TREND_MIN_VALUES, limit, buffer) == (
                median <= limit), (j, limit, median)
            checked += 1
    assert checked > 1000


def _grid(seed: int) -> tuple[np.ndarray, ...]:
    """A random grid of a dozen episodes: gaps, unknown normal levels, minutes on quarters or not (or once not),
    pain on a grid of halves (or once not); a late start (day > 0) on some."""
    rng = np.random.default_rng(seed)
    parts: dict[str, list] = {name: [] for name in ("position", "minutes", "day", "normal", "pain", "logged")}
    for episode in range(12):
        size, start = int(rng.integers(1, 70)), int(rng.integers(0, 5))
        minutes = np.maximum(rng.uniform(10, 90) + rng.normal(-1, 2) * np.arange(size) + rng.normal(0, 9, size), 0)
        logged = rng.random(size) < 0.85
        minutes = np.round(minutes) if episode % 3 else minutes / 3
        pain = np.round(2 * rng.uniform(0, 5, size)) / 2
        odd = int(rng.integers(0, size))  # one value off the quarters, midway: summed day by day from there on
        minutes[odd] += 0.1 if episode % 3 == 1 else 0.0
        pain[odd] += 0.1 if episode % 4 == 1 else 0.0
        parts["position"].append(np.arange(size))
        parts["minutes"].append(np.where(logged & (rng.random(size) < 0.9), minutes, np.nan))
        parts["day"].append(np.arange(size) + start)
        parts["normal"].append(np.full(size, rng.choice([60.0, 45.0, np.nan, 0.0])))
        parts["pain"].append(np.where(logged, pain, np.nan))
        parts["logged"].append(logged)
    grid = {name: np.concatenate(values) for name, values in parts.items()}
    return (grid["position"].astype(np.int64), grid["minutes"], grid["day"].astype(np.int64), grid["normal"],
            grid["pain"], grid["logged"])


@pytest.mark.parametrize("seed", range(6))
def test_sliding_sums_are_the_sums_read_back_day_by_day(seed: int) -> None:
    """The same masks either way, under the rules' thresholds and under thresholds drawn across the values (so
    a window summed over the wrong days would flip some)."""
    position, minutes, day, normal, pain, logged = _grid(seed)
    rng = np.random.default_rng(seed)
    check_in = np.where(rng.random(int(logged.sum())) < 0.2, 7.0, np.nan)
    rules = [finders._activity_rule()] + [
        (7, -2.0, 7, 6, -4.0, rng.uniform(0, 3), 21, rng.uniform(-20, 20), 42, rng.uniform(0.2, 1.5), 8.0, 7, 3,
         rng.uniform(0, 5), 1e-9, rng.uniform(0, 1), rng.uniform(-3, 0))
        for _ in range(30)]
    fired = 0
    for rule in rules:
        for given in (check_in, np.zeros(0)):
            sliding = activity_kernels.activity_rules(position, minutes, day, normal, pain, logged, given,
                                                      activity.kernel_windows(), rule, True)
            read_back = activity_kernels.activity_rules(position, minutes, day, normal, pain, logged, given,
                                                        activity.kernel_windows(), rule, False)
            assert all(np.array_equal(a, b) for a, b in zip(sliding, read_back, strict=True))
            fired += sum(int(mask.sum()) for mask in sliding)
    assert fired


def test_the_daily_numbers_are_read_from_the_same_windows() -> None:
    """daily_values' 7-day mean, share, first-week mean and trend on a hand-made grid."""
    position = np.arange(20, dtype=np.int64)
    minutes = np.where(position % 5 == 4, np.nan, 100.0 - 3.0 * position)
    logged = np.ones(20, dtype=bool)
    mean, share, trend, first = activity_kernels.daily_values(position, minutes, position, np.full(20, 80.0),
                                                              logged, activity.kernel_windows())
    week = minutes[13:20]
    assert mean[19] == np.nanmean(week) and share[19] == np.nanmean(week) / 80.0
    assert trend[19] == -3.0 and np.isnan(trend[5])  # six values logged by day 5: not enough
    assert (first == np.nanmean(minutes[:7])).all()


def test_a_threshold_changed_in_the_rules_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert days_of(activity_falling(), "activity_declining")
    monkeypatch.setattr(r, "ACTIVITY_DECLINE_PER_DAY", -20.0)
    monkeypatch.setattr(r, "SHORT_DECLINE_PER_DAY", -20.0)
    assert days_of(activity_falling(), "activity_declining")  # 150 down to 10: still more than half its level
    monkeypatch.setattr(r, "RELATIVE_DECLINE_SHARE", 0.0)  # none: only the slopes in minutes a day
    assert days_of(activity_falling(), "activity_declining") == []
    monkeypatch.setattr(r, "RELATIVE_DECLINE_SHARE", 0.5)
    monkeypatch.setattr(r, "RELATIVE_DECLINE_FLOOR", -20.0)  # at least 20 minutes a day: none is that steep
    assert days_of(activity_falling(), "activity_declining") == []
    monkeypatch.setattr(r, "SHORT_DECLINE_PER_DAY", -4.0)
    monkeypatch.setattr(r, "DECLINE_Z", 9.0)  # no fall of 14 or 7 days is that sure
    assert days_of(activity_falling(), "activity_declining") == []


@pytest.mark.parametrize("trend_days", [1, 2, 3, 14])
def test_the_slope_buffer_holds_the_window_too(trend_days: int) -> None:
    """_dense writes the window itself into the slopes' buffer first; compiled code checks no bounds, so a
    trend window of 2 days or fewer (one pairwise slope or none) must still have room for it."""
    buffer = activity_kernels.slope_buffer(trend_days)
    assert len(buffer) >= max(trend_days, trend_days * (trend_days - 1) // 2)
