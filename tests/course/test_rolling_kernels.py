"""The compiled 7-day pain window (analysis.course.rolling_kernels) gives the window engine's very numbers."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.course import rolling_kernels
from analysis.course import windows as w


def _calendar_sums(code: np.ndarray, date: np.ndarray, pain: np.ndarray, days: int) -> tuple[np.ndarray, ...]:
    """What recovery's 7-day mean read before the kernel: each episode's rows laid on a calendar of its own
    (first to last date) and summed by analysis.course.windows.sums."""
    values, position, slots = [], [], []
    offset = 0
    for e in np.unique(code):
        mine = np.flatnonzero(code == e)
        first, last = date[mine[0]], date[mine[-1]]
        calendar = np.full(last - first + 1, np.nan)
        calendar[date[mine] - first] = pain[mine]
        values.append(calendar)
        position.append(np.arange(len(calendar)))
        slots.append(offset + date[mine] - first)
        offset += len(calendar)
    total, count = w.sums(np.concatenate(values), np.concatenate(position), days)
    slot = np.concatenate(slots)
    return total[slot], count[slot].astype(np.int64)


def _diary(rng: np.random.Generator, episodes: int, quarters: bool) -> tuple[np.ndarray, ...]:
    code, date, pain = [], [], []
    for e in range(episodes):
        n = int(rng.integers(1, 40))
        days = np.sort(rng.choice(np.arange(60), size=n, replace=False)) + 20_000 + int(rng.integers(0, 9))
        scores = rng.integers(0, 41, n) / 4.0 if quarters else rng.uniform(0, 10, n)
        if not quarters and n > 2:
            scores[1] = -0.0  # a signed zero: the engine's lag-by-lag path keeps what numpy's adding gives
        code += [e] * n
        date += days.tolist()
        pain += scores.tolist()
    return np.array(code, dtype=np.int64), np.array(date, dtype=np.int64), np.array(pain)


@pytest.mark.parametrize("quarters", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_window_sums_are_the_window_engines_numbers(seed: int, quarters: bool) -> None:
    rng = np.random.default_rng(seed)
    code, date, pain = _diary(rng, 12, quarters)
    first = np.array([date[code == e].min() for e in range(12)], dtype=np.int64)
    for days in (1, 3, 7):
        total, count = rolling_kernels.window_sums(code, date, pain, first, days)
        want_total, want_count = _calendar_sums(code, date, pain, days)
        assert np.array_equal(count, want_count)
        # bit for bit, signed zeros included
        assert np.array_equal(total.view(np.int64), want_total.view(np.int64))


@pytest.mark.parametrize("seed", range(5))
def test_the_running_minimum_is_pandas_groupby_cummin(seed: int) -> None:
    rng = np.random.default_rng(seed)
    code = rng.integers(0, 6, 300)  # rows of an episode need not be together: the minimum is per code
    values = np.round(rng.uniform(0, 10, 300), 1)
    values[rng.random(300) < 0.1] = np.nan
    expected = pd.Series(values).groupby(code).cummin().to_numpy()
    np.testing.assert_array_equal(rolling_kernels.running_min(code, values, 6), expected)
