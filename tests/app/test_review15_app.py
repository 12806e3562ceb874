"""Review 15: Today's Save merging with what another window saved (analysis.review.day_merge)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary
from tests.apptest import run, stored_day

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_raising_pain_keeps_the_worst_pain_another_window_saved(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    diary.save_entry(episode, DayEntry(TODAY, 3, 4, 30, None, ""))
    diary.close()
    tab_b = run("screens/today.py")  # loaded: pain 3, worst 4
    other = Diary(fresh_diary)  # tab A: the worst pain of the afternoon was 9
    other.save_entry(episode, DayEntry(TODAY, 3, 9, 30, None, ""))
    other.close()
    tab_b.segmented_control(key="log_pain").set_value(6)  # tab B: the evening's pain, worst left as loaded
    tab_b.button(key="log_save").click().run()
    assert not tab_b.exception, tab_b.exception
    after = stored_day(fresh_diary, episode, TODAY)
    assert after.pain == 6
    assert after.worst_pain == 9, after


def _clinic_texts(at: object) -> list[str]:
    return [t.value for t in at.text]  # type: ignore[attr-defined]


def test_a_fitbit_file_given_to_a_patient_then_a_date_order_is_imported(fresh_diary: Path) -> None:
    from tests.apptest import app

    year = TODAY.year - 1
    alice = "date,pain\n" + "".join(f"{year}-11-{n:02d},5\n" for n in range(1, 11))
    fit = "Id,ActivityDate,TotalSteps,VeryActiveMinutes,FairlyActiveMinutes,LightlyActiveMinutes\n" + "".join(
        f"1503960366,11/{n}/{year},5000,10,{n},100\n" for n in range(1, 11))  # month first, no day above 12
    name = "dailyActivity_merged.csv"
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([("alice.csv", alice.encode(), "text/csv"),
                                                     (name, fit.encode(), "text/csv")]).run()
    at.button(key="clinic_import").click().run()
    at.selectbox(key=f"patient_{name}").set_value("alice").run()
    at.button(key=f"patient_{name}_import").click().run()
    assert not at.exception
    assert any("choose the date order" in t for t in _clinic_texts(at)), _clinic_texts(at)  # the second question
    at.button(key=f"order_{name}_mdy").click().run()
    assert not at.exception
    diary = Diary(fresh_diary)
    try:
        minutes = diary.entries().sort_values("date")["activity_minutes"].tolist()
    finally:
        diary.close()
    assert minutes == [10.0 + n for n in range(1, 11)], (minutes, _clinic_texts(at))


def test_resaving_a_day_on_today_keeps_its_long_imported_note(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(5), normal_activity_minutes=90)
    note = ("walked to the park and back, then physio exercises; " * 80)[:3000]
    diary.save_entry(episode, DayEntry(TODAY, 3, 4, 30, None, note))  # as an import keeps it
    diary.close()
    at = run("screens/today.py")
    at.segmented_control(key="log_pain").set_value(5)  # the evening's pain; the note is not touched
    at.button(key="log_save").click().run()
    assert not at.exception, at.exception
    after = stored_day(fresh_diary, episode, TODAY)
    assert after.pain == 5
    assert len(after.notes) == 3000 and after.notes == note


def test_a_note_typed_in_a_tab_opened_before_the_day_was_saved_elsewhere_is_saved(fresh_diary: Path) -> None:
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Tom", _ago(21), normal_activity_minutes=90)
    diary.save_entry(episode, DayEntry(_ago(1), 3, 4, 50, 0, ""))
    diary.close()
    tab_b = run("screens/today.py")  # opened first: today not logged yet
    other = Diary(fresh_diary)  # tab A saves today's pain and minutes
    other.save_entry(episode, DayEntry(TODAY, 4, 5, 40, None, ""))
    other.close()
    tab_b.text_area(key="log_notes").set_value("physio at 3pm, exercises changed")
    tab_b.button(key="log_save").click().run()
    assert not tab_b.exception, tab_b.exception
    after = stored_day(fresh_diary, episode, TODAY)
    assert after.notes == "physio at 3pm, exercises changed", after
    assert (after.pain, after.activity_minutes) == (4, 40)
