"""Today on an earlier date (AppTest): the questions name that day, not "today", and the form still works.

Why: a person in pain correcting Monday on Wednesday read "Pain on average today", "Any of these today?" and
"ibuprofen: times today" while Monday was being filled in, and could answer for the wrong day. On today's date
the words stay as they were (the browser tests and people find the questions by them).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.storage import DayEntry
from tests.apptest import robin_on_today, stored_day

TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)
ON_PAST = f"on {PAST:%a} {PAST.day} {PAST:%b}"  # "on Mon 30 Nov"
TODAYS = {"log_pain": "Pain on average today (0 = no pain, 10 = worst imaginable)",
          "log_worst": "Worst pain today (optional)"}


def _labels(at: AppTest) -> dict[str, str]:
    """The pain scales' labels, the warning-sign heading and the ibuprofen row's count, as shown."""
    labels = {key: at.segmented_control(key=key).label for key in TODAYS}
    labels["symptoms"] = next(m.value for m in at.markdown if str(m.value).startswith("**Any of these"))
    labels["times"] = at.number_input(key="log_times_ibuprofen").label
    return labels


def test_an_earlier_date_is_asked_about_by_its_date_and_saved_on_it(fresh_diary: Path) -> None:
    episode, at = robin_on_today(fresh_diary)
    at.multiselect(key="log_meds").set_value(["ibuprofen"]).run()
    assert _labels(at) == {**TODAYS, "symptoms": "**Any of these today?**", "times": "ibuprofen: times today"}
    at.date_input(key="log_date").set_value(PAST).run()
    assert not at.exception, at.exception
    at.multiselect(key="log_meds").set_value(["ibuprofen"]).run()  # the new date's form starts empty
    assert _labels(at) == {"log_pain": f"Pain on average {ON_PAST} (0 = no pain, 10 = worst imaginable)",
                           "log_worst": f"Worst pain {ON_PAST} (optional)",
                           "symptoms": f"**Any of these {ON_PAST}?**", "times": f"ibuprofen: times {ON_PAST}"}
    # a pain chosen under the dated question is kept through the rerun and saved on that date, not today
    at.segmented_control(key="log_pain").set_value(6).run()
    at.number_input(key="log_times_ibuprofen").set_value(2).run()
    assert at.segmented_control(key="log_pain").value == 6
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    saved = stored_day(fresh_diary, episode, PAST)
    assert saved is not None and saved.pain == 6
    assert [(d.medicine, d.count) for d in saved.doses] == [("ibuprofen", 2)]
    assert stored_day(fresh_diary, episode, TODAY) is None
    assert f"Saved {PAST.day} {PAST:%b}." in [t.value for t in at.toast]


def test_switching_dates_back_and_forth_keeps_each_days_values_and_words(fresh_diary: Path) -> None:
    _, at = robin_on_today(fresh_diary, DayEntry(PAST, 6, 8, 20))
    for _ in range(2):
        at.date_input(key="log_date").set_value(PAST).run()
        assert not at.exception, at.exception
        assert at.segmented_control(key="log_pain").label.startswith(f"Pain on average {ON_PAST} (")
        assert (at.segmented_control(key="log_pain").value, at.segmented_control(key="log_worst").value) == (6, 8)
        assert at.number_input(key="log_activity").value == 20
        at.date_input(key="log_date").set_value(TODAY).run()
        assert {key: at.segmented_control(key=key).label for key in TODAYS} == TODAYS  # exactly as before
        assert at.segmented_control(key="log_pain").value is None  # today is not logged: empty again
