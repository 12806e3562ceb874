"""Review 4: the Diary page and the daily plan walked as a patient would (AppTest): correct last week's values,
delete a day, export the CSV and import it again; every value must come back."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.storage import Diary
from analysis.storage.records import DayEntry, DoseEntry
from analysis.workflows.diary_io import export_csv
from tests.apptest import app
from tests.cli_run import cli

TODAY = dt.date.today()
ONSET = TODAY - dt.timedelta(days=9)
NOTES = ['walked, then "sat" down', "line one\nline two", "back 😣 better 🙂", "=1+1", ""]


def _robin(path: Path) -> int:
    """Robin: five days of last week, each an edge a person makes: pain with no activity, a day with only a
    warning sign, two medicines, notes with commas, quotes, line breaks, emoji and a formula."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    days = [DayEntry(ONSET, 7, 8, None, None, NOTES[0]),
            DayEntry(ONSET + dt.timedelta(days=1), 6.5, None, 15, 1.5, NOTES[1],
                     [DoseEntry("ibuprofen", 400, 3), DoseEntry("paracetamol", 1000, 2)]),
            DayEntry(ONSET + dt.timedelta(days=2), 6, None, None, None, NOTES[2], [], ["leg_pain"]),
            DayEntry(ONSET + dt.timedelta(days=3), 5, 6, 20, 0, NOTES[3]),
            DayEntry(ONSET + dt.timedelta(days=4), 5, None, 25, None, NOTES[4])]
    for entry in days:
        diary.save_entry(episode, entry)
    diary.close()
    return episode


def _edit(at, edited_rows: dict) -> None:
    """What the grid sends after cells are typed into (positions in the table, newest first), then Save."""
    at.session_state["diary_editor"] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="diary_save").click().run()
    assert not at.exception, at.exception


def test_diary_corrections_delete_and_export_come_back_through_import(fresh_diary: Path, tmp_path: Path) -> None:
    episode = _robin(fresh_diary)
    at = app().switch_page("screens/diary.py").run()
    assert not at.exception, at.exception
    # newest first: row 0 is onset+4, row 4 the onset day
    _edit(at, {0: {"activity_minutes": None, "notes": "sofa, then a 5' walk"},
               3: {"pain": 6, "bed_rest_hours": 2.5}, 4: {"notes": 'a\n"b",c 😀'}})
    at.selectbox(key="delete_day").set_value(ONSET + dt.timedelta(days=3)).run()
    at.button(key="delete_ask").click().run()
    at.button(key="delete_confirm").click().run()
    assert not at.exception, at.exception
    diary = Diary(fresh_diary)
    stored = {d.date(): diary.entry(episode, d.date()) for d in diary.entries([episode])["date"]}
    assert sorted(stored) == [ONSET + dt.timedelta(days=n) for n in (0, 1, 2, 4)]
    assert stored[ONSET + dt.timedelta(days=4)].activity_minutes is None
    assert stored[ONSET + dt.timedelta(days=4)].notes == "sofa, then a 5' walk"
    assert (stored[ONSET + dt.timedelta(days=1)].pain, stored[ONSET + dt.timedelta(days=1)].bed_rest_hours) == (6, 2.5)
    assert stored[ONSET].notes == 'a\n"b",c 😀'

    exported = tmp_path / "backtrack-diary.csv"
    exported.write_text(export_csv(diary, patient="Robin"), encoding="utf-8", newline="")
    diary.close()
    assert "=1+1" not in exported.read_text().replace("'=1+1", "")  # neutralised for a spreadsheet
    again = tmp_path / "again.db"
    result = cli("import", str(exported), "--db", str(again))
    assert result.returncode == 0, result.stderr
    first, second = Diary(fresh_diary), Diary(again)
    try:
        for table in ("entries", "doses", "symptoms"):
            a = getattr(first, table)().drop(columns="episode_id")
            b = getattr(second, table)().drop(columns="episode_id")
            assert a.equals(b), (table, a, b)
    finally:
        first.close()
        second.close()


def test_diary_table_saves_worst_pain_below_the_average_as_the_average(fresh_diary: Path) -> None:
    """FIXED (analysis/review/diary_edits.py worst_not_below_average, used by the Diary page's Save): the table
    stored average pain 9 with worst pain 8 (and a worst of 3 under an average of 7), a day Today never saves
    and the day's own export then imported with a warning to check which is which."""
    episode = _robin(fresh_diary)
    at = app().switch_page("screens/diary.py").run()
    _edit(at, {4: {"pain": 9}, 2: {"worst_pain": 3}})
    diary = Diary(fresh_diary)
    try:
        onset, third = diary.entry(episode, ONSET), diary.entry(episode, ONSET + dt.timedelta(days=2))
        assert (onset.pain, onset.worst_pain) == (9, 9)
        assert (third.pain, third.worst_pain) == (6, 6)
        untouched = diary.entry(episode, ONSET + dt.timedelta(days=1))
        assert (untouched.pain, untouched.worst_pain) == (6.5, None)
    finally:
        diary.close()


# ---- the daily plan -----------------------------------------------------------------------------------------

def _walking_text(at) -> str:
    [bar] = at.get("progress")
    return bar.proto.text


def _building(path: Path, symptoms_yesterday: list[str]) -> int:
    """Onset 4 days ago, normal 60 minutes, every target walked (15, 20, 25, 30), `symptoms_yesterday` on the
    last day: the target would now be 35."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=4), normal_activity_minutes=60)
    for n, minutes in enumerate((15, 20, 25, 30)):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=4 - n), 6, None, minutes, None, "", [],
                                           symptoms_yesterday if n == 3 else []))
    diary.close()
    return episode


def test_the_walking_target_builds_up_on_an_ordinary_course(fresh_diary: Path) -> None:
    """The control for the two below: the same course without a warning sign raises the target to 35."""
    _building(fresh_diary, [])
    at = app().switch_page("screens/today.py").run()
    assert _walking_text(at).startswith("🚶 Walk 35 min today")


@pytest.mark.parametrize("sign", ["numbness", "fever"])
def test_the_walking_target_is_not_raised_while_a_red_flag_warning_is_active(fresh_diary: Path, sign: str) -> None:
    """FIXED (analysis/plan/walking.py walking_course, fed by analysis/plan/doctor_hold.py): the target rose from
    30 to 35 the day after new numbness (new_numbness_weakness: 'call your GP today') or fever
    (red_flag_see_doctor) was reported, and Today said nothing of the warning. Now the target is held
    ('held: see your doctor first') and Today shows the warning above the plan until the person is seen."""
    _building(fresh_diary, [sign])
    at = app().switch_page("screens/today.py").run()
    assert not at.exception, at.exception
    assert _walking_text(at).startswith("🚶 Walk 30 min today")


def test_ticks_stay_on_their_day_when_the_date_changes_in_an_open_session(fresh_diary: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The page left open over midnight: yesterday's ticks are yesterday's, today starts unticked, and a tick
    made after the date changed is stored on the new day (and read back after a restart)."""
    episode = _building(fresh_diary, [])
    at = app().switch_page("screens/today.py").run()
    at.checkbox(key="plan_ex_knee_rolls").check().run()
    monkeypatch.setattr("dashboard.ui.today", lambda: TODAY + dt.timedelta(days=1))
    at.run()
    assert not at.exception, at.exception
    assert at.checkbox(key="plan_ex_knee_rolls").value is False
    at.checkbox(key="plan_ex_press_up").check().run()
    diary = Diary(fresh_diary)
    ticks = diary.exercise_ticks([episode])
    diary.close()
    assert sorted(zip(ticks["date"].dt.date, ticks["exercise_id"], strict=True)) == [
        (TODAY, "knee_rolls"), (TODAY + dt.timedelta(days=1), "press_up")]
    again = app().switch_page("screens/today.py").run()  # a restart, on the new day
    assert again.checkbox(key="plan_ex_press_up").value is True
    assert again.checkbox(key="plan_ex_knee_rolls").value is False


def test_restoring_an_automatic_backup_while_another_program_writes_says_busy(fresh_diary: Path,
                                                                            quick_busy: None) -> None:
    """FIXED (analysis/storage/backups.py): the Diary page's restore buttons hung the page for as long as another
    program (a CLI import) held the write lock; now it says in one sentence that the diary is busy."""
    import sqlite3

    episode = _robin(fresh_diary)
    diary = Diary(fresh_diary)
    diary.auto_backup("import")
    diary.close()
    at = app().switch_page("screens/diary.py").run()
    at.button(key="auto_backup_restore").click().run()  # asked first (review 12), then confirmed while busy
    holder = sqlite3.connect(fresh_diary, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        at.button(key="auto_backup_confirm").click().run(timeout=90)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "The diary is busy with an import or save, so it was not restored; try again in a moment."]
    diary = Diary(fresh_diary)
    try:
        assert len(diary.entries([episode])) == 5
    finally:
        diary.close()
