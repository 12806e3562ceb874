"""The compiled grouping of alert days into runs (analysis/alerts/history_kernels.py).

The runs' behaviour is tested through the engine (test_alerts.py, test_safety.py); these check what the
compiled form adds: its ordering is numpy's stable sort, the engine's hits grouped straight from their codes
(history.hit_history) are the history of the alert_days frame, and a bridge changed in rules.py is honoured
(numba's on-disk cache would freeze a global read inside a kernel).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.alerts import engine as a
from analysis.alerts import history_kernels
from analysis.alerts import rules as r
from analysis.alerts.carried import carried_days
from analysis.alerts.finders import carried_signs
from analysis.course.grid import daily_grid
from analysis.model import columns as c
from tests.alerts.test_alerts import Frames, diary, hand, on, random_diaries, series
from tests.property_budget import examples


@pytest.mark.parametrize("seed", range(8))
def test_day_order_is_a_stable_sort_keeping_each_days_first_row(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 400))
    episode, rule = rng.integers(0, 4, size), rng.integers(0, 5, size)
    day, rank = rng.integers(0, 30, size), rng.integers(0, 3, size) * 10 + rng.integers(0, 2, size)
    if seed % 2:  # mostly in order, as the rules give them
        by = np.lexsort((day, episode))
        episode, rule, day, rank = episode[by], rule[by], day[by], rank[by]
    order = np.lexsort((rank, day, rule, episode))  # stable
    keys = np.stack([episode[order], rule[order], day[order]])
    expected = order[np.r_[True, (np.diff(keys, axis=1) != 0).any(axis=0)]]
    got = history_kernels.day_order(episode, rule, day, rank, 4, 5)
    assert np.array_equal(got, expected)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_diaries(), st.integers(0, 80))
def test_hits_grouped_straight_are_the_history_of_the_days_frame(frames: Frames, as_of_day: int) -> None:
    before = carried_signs(carried_days(*frames))  # an earlier episode's numbness the details name (review 35)
    for as_of in (None, on(as_of_day)):
        days = a.alert_days(*frames, as_of=as_of)
        pd.testing.assert_frame_equal(a.alerts(*frames, as_of=as_of),
                                      a.alert_history(days, frames[0], as_of, frames[1], frames[2],
                                                      signs_before=before))
    grid = daily_grid(*frames)  # the summary's way: the diary days read off the grid
    days = a.alert_days(*frames)
    pd.testing.assert_frame_equal(a.alerts(*frames, grid=grid),
                                  a.alert_history(days, frames[0], None, frames[1], frames[2], grid=grid,
                                                  signs_before=before))


def test_a_bridge_changed_in_the_rules_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    frames = hand(diary(series(12, 1)), [], {2: ["leg_pain"], 5: ["leg_pain"]})  # two diary days missed between

    def runs() -> list:
        history = a.alerts(*frames)
        return history[history[a.CODE] == "radiating_leg_pain"][[c.DATE, a.LAST_DATE]].values.tolist()

    assert r.BRIDGE_DIARY_DAYS == 1 and runs() == [[on(5), on(5)], [on(2), on(2)]]
    monkeypatch.setattr(r, "BRIDGE_DIARY_DAYS", 2)
    assert runs() == [[on(2), on(5)]]


@pytest.mark.parametrize("seed", range(6))
def test_named_signs_are_each_runs_own_signs_in_the_order_first_logged(seed: int) -> None:
    """Runs in any order (the history's come by episode), episodes with many symptoms or none."""
    rng = np.random.default_rng(seed)
    size, runs, base = int(rng.integers(0, 300)), int(rng.integers(1, 60)), 6
    episode, time, sign = rng.integers(0, 5, size), rng.integers(0, 40, size), rng.integers(0, base, size)
    by = np.lexsort((sign, time, episode))
    episode, time, sign = episode[by], time[by], sign[by]
    run_episode, start = rng.integers(0, 6, runs), rng.integers(0, 40, runs)
    end, rule = start + rng.integers(0, 10, runs), rng.integers(0, 3, runs)
    if seed % 2:
        by = np.argsort(run_episode, kind="stable")
        run_episode, start, end, rule = run_episode[by], start[by], end[by], rule[by]
    belongs = rng.random((3, base)) < 0.6
    got = history_kernels.named_signs(episode, time, sign, run_episode, start, end, rule, belongs, base)
    for j in range(runs):
        named: list[int] = []
        for k in range(size):
            mine = episode[k] == run_episode[j] and start[j] <= time[k] <= end[j] and belongs[rule[j], sign[k]]
            if mine and sign[k] not in named:
                named.append(int(sign[k]))
        assert got[j] == sum((s + 1) * base ** i for i, s in enumerate(named)), j
