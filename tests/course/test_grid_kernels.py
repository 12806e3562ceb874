"""The compiled passes of the grid and the dose log (analysis/course/grid_kernels.py, dose_kernels.py) and the
day-counting rules (analysis/alerts/day_kernels.py): the numbers the numpy they replaced gave, no globals.

Why: numba freezes a global read inside a kernel into its on-disk cache, so a changed threshold would be
silently ignored; and each kernel must give what a plain numpy statement of its job gives, in any row order.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.alerts import day_kernels
from analysis.course import dose_kernels, medication_use
from analysis.course import windows as w


@pytest.mark.parametrize("seed", range(4))
def test_held_days_are_the_window_counts(seed: int) -> None:
    """held: the flag set and its count over the last `days` calendar days (windows.count) past the bar."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 30, 12)
    position = np.concatenate([np.arange(n) for n in lengths]).astype(np.int64)
    flags = rng.random(len(position)) < 0.5
    for days, bar, above in ((7, 2, True), (7, 3, False), (14, 7, False), (1, 0, True), (3, 2.5, False)):
        counts = w.count(flags, position, days)
        expected = flags & ((counts > bar) if above else (counts >= bar))
        none = np.zeros(0, dtype=np.int64)
        np.testing.assert_array_equal(day_kernels.held(flags, position, days, bar, above, none), expected)



@pytest.mark.parametrize("size", [0, 1, 7, 1000])
def test_positions_are_flatnonzero(size: int) -> None:
    """positions: np.flatnonzero's int64 positions, empty, all set, none set, and a strided (non-contiguous) mask."""
    rng = np.random.default_rng(size)
    for flags in (rng.random(size) < 0.3, np.ones(size, dtype=bool), np.zeros(size, dtype=bool),
                  (rng.random(2 * size) < 0.5)[::2]):
        found = day_kernels.positions(flags)
        assert found.dtype == np.int64
        np.testing.assert_array_equal(found, np.flatnonzero(flags))

def _numpy_runs(group: np.ndarray, dnum: np.ndarray) -> np.ndarray:
    """The runs of consecutive days as one sort of packed keys found them (run_days before it was compiled)."""
    key = (group.astype(np.int64) << 32) | (dnum - dnum.min())
    unique, inverse = np.unique(key, return_inverse=True)
    new_run = np.r_[True, ((unique[1:] >> 32) != (unique[:-1] >> 32)) | (np.diff(unique) != 1)]
    index = np.arange(len(unique))
    return (index - np.maximum.accumulate(np.where(new_run, index, 0)) + 1)[inverse]


@pytest.mark.parametrize("seed", range(4))
def test_run_days_in_any_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 5, 300).astype(np.int64)
    dnum = rng.integers(20_000, 20_040, 300).astype(np.int64)
    np.testing.assert_array_equal(medication_use.run_days(group, dnum), _numpy_runs(group, dnum))


@pytest.mark.parametrize("seed", range(4))
def test_daily_sums_are_bincounts_in_row_order(seed: int) -> None:
    """The daily sums: one row per episode, day and medicine, sorted so; totals NaN only when every row's is."""
    rng = np.random.default_rng(seed)
    size = 400
    code, dnum = rng.integers(0, 6, size).astype(np.int64), rng.integers(0, 10, size).astype(np.int64)
    med = rng.integers(0, 4, size).astype(np.int64)
    cls = med // 2
    total = np.where(rng.random(size) < 0.3, np.nan, rng.uniform(0, 1000, size))
    count = rng.uniform(0, 3, size)
    order = np.argsort(code * 10 + dnum, kind="stable").astype(np.int64)
    found = dose_kernels.daily_sums(code, dnum, med, cls, total, count, order, 4)
    key = (code * 10 + dnum) * 4 + med
    unique, inverse = np.unique(key, return_inverse=True)
    known = ~np.isnan(total)
    sums = np.bincount(inverse, weights=np.where(known, total, 0.0), minlength=len(unique))
    sums[np.bincount(inverse, weights=known, minlength=len(unique)) == 0] = np.nan
    np.testing.assert_array_equal(found[0], unique // 40)
    np.testing.assert_array_equal(found[1], unique // 4 % 10)
    np.testing.assert_array_equal(found[2], unique % 4)
    np.testing.assert_array_equal(found[3], (unique % 4) // 2)
    np.testing.assert_array_equal(found[4], sums)
    np.testing.assert_array_equal(found[5], np.bincount(inverse, weights=count, minlength=len(unique)))


def test_a_shuffled_dose_log_gives_the_same_daily_totals() -> None:
    rng = np.random.default_rng(7)
    size = 500
    doses = pd.DataFrame({
        "episode_id": rng.integers(1, 6, size), "date": pd.to_datetime(20_000 + rng.integers(0, 20, size), unit="D"),
        "medicine": rng.choice(["ibuprofen", "codeine", "paracetamol", "aspirin"], size),
        "drug_class": None, "count": rng.integers(1, 3, size).astype(float),
        "total_mg": np.where(rng.random(size) < 0.2, np.nan, rng.choice([75.0, 200.0, 500.0], size))})
    ordered = doses.sort_values(["episode_id", "date"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(medication_use.daily_totals(doses), medication_use.daily_totals(ordered))
