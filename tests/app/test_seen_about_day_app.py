"""Review 27: re-saving a past day whose sign the person was seen about that day said "You were seen about this
today". Save now names the day it was, as the form's questions name it (page_rules.seen_about_words)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.model.dates import day_in_words
from analysis.review.page_rules import seen_about_words
from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)


def test_the_words_name_the_day() -> None:
    assert seen_about_words(["fever"], TODAY, TODAY).startswith("You were seen about this today: high temperature")
    said = seen_about_words(["fever"], PAST, TODAY)
    assert said.startswith(f"You were seen about this on {day_in_words(PAST, TODAY, '%a %-d %b')}: high temperature")
    assert "today" not in said


def test_resaving_a_past_day_seen_about_names_that_day(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=5), normal_activity_minutes=60)
    for ago in range(5, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 3, None, 20, 0, "",
                                           symptoms=["fever"] if ago == 2 else []))
    diary.mark_seen(episode, "red_flag_see_doctor", PAST)
    diary.close()
    at = run("screens/today.py")
    at.date_input(key="log_date").set_value(PAST).run()
    at.text_area(key="log_notes").set_value("pain worse that evening").run()
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    said = [i.value for i in at.info if "You were seen about this" in i.value]
    assert said == [seen_about_words(["fever"], PAST, TODAY)]
