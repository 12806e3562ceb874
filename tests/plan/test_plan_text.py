"""`plan`'s text says why the walk was held or stalled in the very words of Today's note (analysis.plan.text.walk_note,
read by analysis.review.page_rules.walking_line too; review 24)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from analysis.plan import walking
from analysis.plan.daily import DailyPlan
from analysis.plan.text import HELD_WORDS, STALLED_WORDS, plan_lines, walk_note
from analysis.review.page_rules import walking_line


def _plan(state: str, stalled: bool = False, minutes: float | None = 15.0) -> DailyPlan:
    target = walking.WalkingTarget(minutes, state, 3, None if minutes is None else minutes / 3, stalled)
    return DailyPlan("2026-03-10", 9, False, None, minutes, None, walking=target)


@pytest.mark.parametrize("state", [walking.HELD_MISSED, walking.HELD_SHORT, walking.HELD_FLARE, walking.RESTARTED])
def test_the_cli_gives_todays_note_under_the_walk(state: str) -> None:
    plan = _plan(state)
    assert plan_lines(plan)[2] == HELD_WORDS[state] == walking_line(plan).note == walk_note(plan.walking)


def test_a_stall_gives_the_physiotherapist_line_and_building_up_gives_none() -> None:
    stalled = _plan(walking.HELD_SHORT, stalled=True)
    assert plan_lines(stalled)[2] == STALLED_WORDS == walking_line(stalled).note
    building = _plan(walking.BUILDING)
    assert walk_note(building.walking) is None and plan_lines(building)[2].startswith("Heat or ice")


def test_a_walk_with_no_target_is_said_so_not_a_crash() -> None:
    plan = replace(_plan(walking.PAUSED, minutes=None), walking_target_minutes=None)
    assert plan_lines(plan)[1] == "Walk: no target."
