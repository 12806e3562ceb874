"""The Mann-Kendall z of one window (analysis/course/activity_kernels.kendall_z), against its textbook formula and
its invariances: the test the activity rule asks before it calls minutes "less and less" (review 34)."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from analysis.course.activity_kernels import kendall_z


def _textbook(window: np.ndarray) -> float:
    """S over pairs i < j of logged values, tie-corrected variance (Kendall 1975), continuity correction."""
    y = window[~np.isnan(window)]
    n = len(y)
    i, j = np.triu_indices(n, 1)
    s = float(np.sign(y[j] - y[i]).sum())
    _, t = np.unique(y, return_counts=True)
    variance = (n * (n - 1) * (2 * n + 5) - float((t * (t - 1) * (2 * t + 5)).sum())) / 18
    if n < 2 or variance <= 0:
        return 0.0
    return (s - np.sign(s)) / math.sqrt(variance)


def test_a_steady_fall_of_seven_days() -> None:
    """All 21 pairs fall: S = -21, variance 7 x 6 x 19 / 18, z = -20 / 6.66."""
    assert math.isclose(kendall_z(np.arange(7.0)[::-1].copy()), -20 / math.sqrt(7 * 6 * 19 / 18))
    assert kendall_z(np.full(7, 30.0)) == 0.0  # every value equal: no variance, no trend
    assert kendall_z(np.array([np.nan, 5.0, np.nan])) == 0.0


windows = st.lists(st.one_of(st.none(), st.integers(0, 6).map(lambda v: 10.0 * v)), min_size=2, max_size=14)


@given(windows)
def test_the_kernel_is_the_textbook_z(values: list) -> None:
    window = np.array([np.nan if v is None else v for v in values])
    assert math.isclose(kendall_z(window), _textbook(window), abs_tol=1e-12)


@given(windows, st.floats(0.5, 4), st.floats(-100, 100))
def test_reversed_is_negated_and_a_rescaling_changes_nothing(values: list, scale: float, shift: float) -> None:
    window = np.array([np.nan if v is None else v for v in values])
    z = kendall_z(window)
    assert math.isclose(kendall_z(window[::-1].copy()), -z, abs_tol=1e-12)
    assert math.isclose(kendall_z(window * scale + shift), z, abs_tol=1e-12)
