"""Data-safety review (AppTest): opening a saved day on Today and saving it again must keep what it holds.

Each test stores a day the way an import (or the Diary table) can store it, opens that date on the Today page,
changes only the note, presses Save, and checks every other field came back as it was. Each failed before
dashboard/screens/today.py remembered what it loaded (remember_loaded): a widget left as loaded saves the stored
value, and doses the form cannot show are kept. The last test: a delete asked on the Diary page.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.storage import DayEntry, Diary, DoseEntry
from tests.apptest import app

PAST = dt.date.today() - dt.timedelta(days=2)


def _resave_with_a_new_note(fresh_diary: Path, saved: DayEntry) -> DayEntry:
    """Store `saved`, open its date on Today, change the note only, Save; return the day as stored after."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    diary.save_entry(episode, saved)
    at = app().run()
    at.date_input(key="log_date").set_value(PAST).run()
    assert not at.exception, at.exception
    at.text_area(key="log_notes").set_value("added a line on Today").run()
    at.button(key="log_save").click().run()
    assert not at.exception and not at.error
    after = diary.entry(episode, PAST)
    diary.close()
    return after


def test_a_half_point_pain_survives_a_resave_on_today(fresh_diary: Path) -> None:
    """The integer sliders turned an imported (or Diary-table) 4.5 into 4 on a re-save."""
    after = _resave_with_a_new_note(fresh_diary, DayEntry(PAST, 4.5, 6.5, 20, 0, "first"))
    assert (after.pain, after.worst_pain, after.notes) == (4.5, 6.5, "added a line on Today")


def test_fields_not_recorded_stay_not_recorded_after_a_resave_on_today(fresh_diary: Path) -> None:
    """'Not recorded' became 0 minutes, 0 hours in bed and worst pain = pain (and a tracker then kept away)."""
    after = _resave_with_a_new_note(fresh_diary, DayEntry(PAST, 5, None, None, None, "first"))
    assert (after.worst_pain, after.activity_minutes, after.bed_rest_hours) == (None, None, None)


def test_two_doses_of_one_medicine_survive_a_resave_on_today(fresh_diary: Path) -> None:
    """Widgets keyed by medicine name: two doses of one medicine raised StreamlitDuplicateElementKey."""
    doses = [DoseEntry("ibuprofen", 400, 2), DoseEntry("ibuprofen", 200, 1)]
    after = _resave_with_a_new_note(fresh_diary, DayEntry(PAST, 5, 6, 20, 0, "first", doses))
    assert after.doses == doses


def test_today_opens_on_a_day_with_two_doses_of_one_medicine(fresh_diary: Path) -> None:
    """Such a day imported for today made the Today page fail on opening."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    diary.save_entry(episode, DayEntry(dt.date.today(), 5, 6, 20, 0, "",
                                       [DoseEntry("ibuprofen", 400, 1), DoseEntry("ibuprofen", 400, 1)]))
    diary.close()
    at = app().run()
    assert not at.exception, at.exception


def test_a_medicine_outside_the_pick_list_survives_a_resave_on_today(fresh_diary: Path) -> None:
    """An import stores medicines not in the pick list (drug class 'other'); a re-save on Today deleted them."""
    doses = [DoseEntry("melatonin", 3, 1), DoseEntry("ibuprofen", 400, 1)]
    after = _resave_with_a_new_note(fresh_diary, DayEntry(PAST, 5, 6, 20, 0, "first", doses))
    assert sorted(d.medicine for d in after.doses) == ["ibuprofen", "melatonin"]


def test_a_delete_asked_in_one_diary_never_deletes_from_another(fresh_diary: Path) -> None:
    """Fixed here: dashboard/screens/diary.py kept the day asked to delete as a bare date, so after switching
    the sidebar to another diary the question still stood and deleted that date there."""
    diary = Diary(fresh_diary)
    first = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    second = diary.add_episode("Alex", dt.date.today() - dt.timedelta(days=9))
    for episode, note in ((first, "Robin's day"), (second, "Alex's day")):
        diary.save_entry(episode, DayEntry(PAST, 5, 6, 20, 0, note))
    at = app()
    at.session_state["episode_id"] = first
    at.switch_page("screens/diary.py").run()
    assert not at.exception
    at.button(key="delete_ask").click().run()  # "Delete everything logged on ...?" for Robin's diary
    at.selectbox(key="episode_id").set_value(second).run()  # then the sidebar switches to Alex's diary
    if any(b.key == "delete_confirm" for b in at.button):
        at.button(key="delete_confirm").click().run()
    assert not at.exception
    assert diary.entry(second, PAST) is not None, "Alex's day was deleted by a question asked in Robin's diary"
    diary.close()


def test_saving_twice_on_a_day_with_doses_the_form_cannot_show_keeps_each_once(fresh_diary: Path) -> None:
    """The doses Today cannot show are kept, and added once: a second Save does not add them again."""
    doses = [DoseEntry("ibuprofen", 400, 2), DoseEntry("ibuprofen", 200, 1), DoseEntry("melatonin", 3, 1)]
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    diary.save_entry(episode, DayEntry(PAST, 4.5, None, None, None, "first", doses))
    at = app().run()
    at.date_input(key="log_date").set_value(PAST).run()
    assert "ibuprofen 400 mg x2; ibuprofen 200 mg x1; melatonin 3 mg x1" in " ".join(c.value for c in at.caption)
    at.multiselect(key="log_meds").set_value(["paracetamol"]).run()
    at.button(key="log_save").click().run()
    at.segmented_control(key="log_pain").set_value(6).run()
    at.button(key="log_save").click().run()
    assert not at.exception and not at.error
    after = diary.entry(episode, PAST)
    assert sorted((d.medicine, d.dose_mg, d.count) for d in after.doses) == [
        ("ibuprofen", 200, 1), ("ibuprofen", 400, 2), ("melatonin", 3, 1), ("paracetamol", 500, 1)]
    # the worst pain slider was left as loaded: still not recorded
    assert (after.pain, after.worst_pain, after.activity_minutes, after.bed_rest_hours) == (6, None, None, None)
    diary.close()


def test_a_kept_medicine_name_is_shown_literally(fresh_diary: Path) -> None:
    """An imported medicine's name is the person's text: its markdown characters are shown, never rendered."""
    diary = Diary(fresh_diary)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10))
    diary.save_entry(episode, DayEntry(PAST, 4, None, None, None, "", [DoseEntry("st_john*s [wort](x)", 300, 1)]))
    diary.close()
    at = app().run()
    at.date_input(key="log_date").set_value(PAST).run()
    shown = " ".join(c.value for c in at.caption)
    assert r"st\_john\*s \[wort\]\(x\) 300 mg x1" in shown
