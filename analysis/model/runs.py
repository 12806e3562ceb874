"""Runs of equal values in sorted arrays: the one way the analyses find where each episode's rows start.

Why: the diary, a parsed file and the daily grid keep each episode's rows together, so the start of each
episode is one comparison of neighbours: a single pass over a million rows, where a group-by or a binary
search per episode costs several (issue 12). The idiom was written out in six modules before this one.
"""
from __future__ import annotations

import numpy as np


def run_heads(values: np.ndarray) -> np.ndarray:
    """Positions (intp) where a run of equal neighbours starts: always 0 for a non-empty array, none for an
    empty one."""
    values = np.asarray(values)
    if not len(values):
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.r_[True, values[1:] != values[:-1]])


def run_lengths(heads: np.ndarray, size: int) -> np.ndarray:
    """The length of each run that starts at `heads` (from run_heads of an array of `size` rows)."""
    return np.diff(np.r_[heads, size])


def ascending(values: np.ndarray) -> bool:
    """Whether `values` never decrease (an empty or one-value array does not)."""
    values = np.asarray(values)
    return bool((values[1:] >= values[:-1]).all())
