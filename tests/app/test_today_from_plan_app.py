"""Review 27: Today shows the day's plan as analysis builds it (analysis.review.today_plan.plan_for). The page used
to work out the pause and "see the GP first" itself and wrote the paused sentence in two places; now the pause,
what to do now and the GP line are the plan's, and the paused sentence is said once (analysis.plan.text)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.plan.text import GP_FIRST_CHANGE, PAUSED_WORDS
from analysis.review.today_plan import plan_for
from analysis.storage import DayEntry, Diary
from tests.apptest import run, texts

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()
ONSET = TODAY - dt.timedelta(days=5)


def _robin(path: Path, symptoms: list[str], screening: dict[str, bool | None] | None = None) -> int:
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60, screening=screening)
    diary.save_entry(episode, DayEntry(ONSET, 3, None, 15, 0, ""))
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 3, None, 20, 0, "", symptoms=symptoms))
    diary.close()
    return episode


def test_a_paused_plan_lists_the_plans_own_messages_and_says_paused_once(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary, ["saddle_numbness"])
    plan = plan_for(Diary(fresh_diary), episode, TODAY)
    assert plan.paused and plan.to_do_now and plan.to_do_now[0] == plan.pause_reason
    at = run("screens/today.py")
    assert [e.value for e in at.error if e.value in plan.to_do_now] == list(plan.to_do_now)
    assert texts(at).count("Your usual plan is paused") == 1
    assert PAUSED_WORDS in [m.value for m in at.markdown]
    assert not at.get("progress") and "Today's plan**" not in texts(at)  # no routine under a paused plan


def test_see_the_gp_first_is_the_plans_line(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary, [], screening={"long_term_steroids": True})
    plan = plan_for(Diary(fresh_diary), episode, TODAY)
    assert plan.see_gp_first and not plan.paused
    at = run("screens/today.py")
    assert f"{plan.see_gp_first} {GP_FIRST_CHANGE}" in [w.value for w in at.warning]
