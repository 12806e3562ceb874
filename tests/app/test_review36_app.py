"""Review 36's browser explorer, headless: back pain started again from the sidebar on a day already logged takes
that day into the new episode (one row per person and date), and the page says so below the banner."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.plan.exercises import EXERCISES
from analysis.storage import DayEntry, Diary, DoseEntry
from dashboard.setup import DIARY_READY, DIARY_READY_LOGGED
from tests.apptest import run

TODAY = dt.date.today()


def test_a_new_episode_started_on_a_logged_day_takes_that_day(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    first = diary.add_episode("Sam", TODAY - dt.timedelta(days=10), normal_activity_minutes=45)
    for back in range(10, -1, -1):
        diary.save_entry(first, DayEntry(TODAY - dt.timedelta(days=back), 6, 7, 20,
                                         doses=[DoseEntry("ibuprofen", 400, 3)] if back == 0 else []))
    diary.set_exercises_done(first, TODAY, [EXERCISES[0].id])
    diary.close()
    at = run("screens/today.py")
    at.button(key=f"FormSubmitter:new_episode_{first}-Start the new episode").click().run()  # onset: today
    assert not at.exception, at.exception
    second = at.session_state["episode_id"]
    assert second != first
    said = [s.value for s in at.success]
    assert f"Already logged, now part of this new episode: {TODAY.day} {TODAY:%b %Y}." in said
    assert DIARY_READY_LOGGED in said and DIARY_READY not in said  # not "log today's pain": today is logged
    diary = Diary(fresh_diary)
    try:
        entries = diary.entries()
        assert entries.groupby("date").size().max() == 1  # one row per date for Sam
        today = entries[entries["date"].dt.date == TODAY]
        assert today["episode_id"].tolist() == [second] and today["pain"].tolist() == [6]
        assert diary.doses([second])["medicine"].tolist() == ["ibuprofen"]
        assert diary.exercise_ticks([second])["exercise_id"].tolist() == [EXERCISES[0].id]
        assert len(diary.entries([first])) == 10
    finally:
        diary.close()


def test_a_new_episode_dated_before_the_current_one_is_refused_in_one_sentence(fresh_diary: Path) -> None:
    """Review 36's second explorer: Fay's episode from 16 days ago, a new one dated 24 days ago was started, then
    today saved again in it: two pains for one day."""
    diary = Diary(fresh_diary)
    fay = diary.add_episode("Fay", TODAY - dt.timedelta(days=16), normal_activity_minutes=45)
    for back in range(16, -1, -1):
        diary.save_entry(fay, DayEntry(TODAY - dt.timedelta(days=back), 3, 4, 30))
    diary.close()
    at = run("screens/today.py")
    at.date_input(key=f"new_episode_{fay}_onset").set_value(TODAY - dt.timedelta(days=24))
    at.button(key=f"FormSubmitter:new_episode_{fay}-Start the new episode").click().run()
    assert not at.exception, at.exception
    assert at.session_state["episode_id"] == fay  # nothing started
    assert any(e.value.startswith("A new episode starts after Fay's latest one began") for e in at.error), \
        [e.value for e in at.error]
    diary = Diary(fresh_diary)
    try:
        assert len(diary.episodes()) == 1
    finally:
        diary.close()
