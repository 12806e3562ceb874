"""Review 6 (AppTest): a warning sign logged this morning, 'I have been seen about this' this afternoon, and the
same sign back this evening, as the patient meets it on Today."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary
from tests.apptest import run

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()


def fever_this_morning(path: Path) -> int:
    """Robin, onset 5 days ago, every day logged, fever ticked on today's entry (saved this morning)."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=5), normal_activity_minutes=60)
    for ago in range(5, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 3, None, 20, 0, "",
                                           symptoms=["fever"] if ago == 0 else []))
    diary.close()
    return episode


def test_todays_fever_seen_then_the_day_resaved_stays_closed(fresh_diary: Path) -> None:
    """As landed: seen this afternoon, the evening's pain changed on Today and saved: no box comes back."""
    fever_this_morning(fresh_diary)
    at = run("screens/today.py")
    assert [w for w in at.warning if "Fever" in w.value]
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    assert not [w for w in at.warning if "Fever" in w.value]
    assert at.checkbox(key="log_symptom_fever").value is True  # the morning's tick is still on the form
    at.text_area(key="log_notes").set_value("pain worse tonight").run()
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    assert not [w for w in at.warning if "Fever or weight loss**" in w.value]  # no doctor box: still closed
    again = run("screens/today.py")
    assert not [w for w in again.warning if "Fever" in w.value]


def test_resaving_a_day_seen_about_today_does_not_ask_for_an_appointment(fresh_diary: Path) -> None:
    """FIXED (analysis/review/page_rules.py signs_seen_about, dashboard/advice.py): the evening's re-save of a day
    whose fever was marked 'I have been seen about this' that afternoon said 'make an appointment with your GP'
    while the box stayed closed, and a sign ticked all day could not be logged again. Save now says it was seen
    about, and 'It came back since' logs it again: the box opens."""
    fever_this_morning(fresh_diary)
    at = run("screens/today.py")
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    at.text_area(key="log_notes").set_value("pain worse tonight").run()
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    assert not [w.value for w in at.warning if "make an appointment with your GP" in w.value]
    [said] = [i.value for i in at.info if "You were seen about this today" in i.value]
    assert said.startswith("You were seen about this today: high temperature (fever). If it has come back")
    at.button(key="log_came_back").click().run()
    assert not at.exception, at.exception
    assert [w.value.split(":")[0] for w in at.warning if "Fever" in w.value] == ["**Fever or weight loss**"]
    again = run("screens/today.py")
    assert [w.value.split(":")[0] for w in again.warning if "Fever" in w.value] == ["**Fever or weight loss**"]
