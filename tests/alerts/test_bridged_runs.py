"""Days in a row of a flag where one day not in the diary does not end the run (day_kernels.bridged_runs: the
opioid rule's count, review 8)."""
from __future__ import annotations

import numpy as np

from analysis.alerts.day_kernels import bridged_runs


def runs(pattern: str, bridge: int = 1) -> list[int]:
    """'x' a flagged day, '.' a logged day without the flag, ' ' a day not logged; '|' starts a new episode."""
    days = pattern.replace("|", "")
    starts = [i - k for k, i in enumerate(j for j, ch in enumerate(pattern) if ch == "|")]
    position = np.zeros(len(days), dtype=np.int64)
    for i in range(1, len(days)):
        position[i] = 0 if i in starts else position[i - 1] + 1
    flags = np.array([ch == "x" for ch in days])
    logged = np.array([ch != " " for ch in days])
    return bridged_runs(flags, logged, position, bridge).tolist()


def test_one_day_not_logged_carries_the_run_two_end_it():
    assert runs("xxx xx") == [1, 2, 3, 3, 4, 5]
    assert runs("xxx  xx") == [1, 2, 3, 3, 0, 1, 2]


def test_a_logged_day_without_the_flag_ends_the_run():
    assert runs("xxx.xx") == [1, 2, 3, 0, 1, 2]


def test_a_new_episode_starts_a_new_run():
    assert runs("xxx|xx") == [1, 2, 3, 1, 2]
