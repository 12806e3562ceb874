"""Today's pain scales (AppTest): nothing pre-set on a new date, the stored pain on a saved one, and a Save
without a pain stores nothing, keeps what was typed and says in one sentence what to do.

Why: a slider that started at 0 stored pain 0 for a day whose pain was never given (tests/app/test_walk_app.py).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.review.page_rules import pain_needed
from analysis.storage import DayEntry
from tests.apptest import robin_on_today, stored_day

TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_a_new_date_has_no_pain_chosen(fresh_diary: Path) -> None:
    _, at = robin_on_today(fresh_diary)
    assert at.segmented_control(key="log_pain").value is None
    assert at.segmented_control(key="log_worst").value is None  # optional, and not pre-set either
    assert at.segmented_control(key="log_pain").options == [str(n) for n in range(11)]  # 0..10, one tap each


def test_save_without_a_pain_stores_nothing_keeps_the_form_and_says_what_to_do(fresh_diary: Path) -> None:
    episode, at = robin_on_today(fresh_diary)
    at.number_input(key="log_activity").set_value(30)
    at.segmented_control(key="log_worst").set_value(7)
    at.text_area(key="log_notes").set_value("stiff in the morning")
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    assert stored_day(fresh_diary, episode, TODAY) is None  # nothing stored
    assert not at.toast  # no "Saved today."
    sentence = pain_needed(None, TODAY, TODAY)
    assert _warnings(at) == [sentence]  # one sentence, next to the form
    assert "choose today's pain from 0 to 10" in sentence
    # nothing typed is lost
    assert at.number_input(key="log_activity").value == 30
    assert at.segmented_control(key="log_worst").value == 7
    assert at.text_area(key="log_notes").value == "stiff in the morning"
    # choosing a pain takes the sentence away, and Save then stores the day as typed
    at.segmented_control(key="log_pain").set_value(5).run()
    assert sentence not in _warnings(at)
    at.button(key="log_save").click().run()
    saved = stored_day(fresh_diary, episode, TODAY)
    assert saved is not None
    assert (saved.pain, saved.worst_pain, saved.activity_minutes, saved.notes) == (5, 7, 30, "stiff in the morning")
    assert "Saved today." in [t.value for t in at.toast]


def test_a_saved_day_shows_its_stored_pain_and_worst_pain(fresh_diary: Path) -> None:
    _, at = robin_on_today(fresh_diary, DayEntry(PAST, 6, 8, 20), DayEntry(PAST - dt.timedelta(days=1), 3, None, 10))
    at.date_input(key="log_date").set_value(PAST).run()
    assert (at.segmented_control(key="log_pain").value, at.segmented_control(key="log_worst").value) == (6, 8)
    at.date_input(key="log_date").set_value(PAST - dt.timedelta(days=1)).run()
    assert at.segmented_control(key="log_pain").value == 3
    assert at.segmented_control(key="log_worst").value is None  # not recorded: shown empty, not as a number
    at.date_input(key="log_date").set_value(TODAY).run()  # back on a new date: empty again
    assert at.segmented_control(key="log_pain").value is None


def test_a_worst_pain_below_the_average_is_saved_as_the_average(fresh_diary: Path) -> None:
    """The rule the page already had (entry_from_form): worst pain is never below the day's average."""
    episode, at = robin_on_today(fresh_diary)
    at.segmented_control(key="log_pain").set_value(6)
    at.segmented_control(key="log_worst").set_value(4)
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    assert stored_day(fresh_diary, episode, TODAY).worst_pain == 6
