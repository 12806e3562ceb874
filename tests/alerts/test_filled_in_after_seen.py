"""A sign filled in for an earlier day after an "I have been seen about this" mark is not closed by it (review 34,
a code reader): "cannot move a leg" filled in for 3 November after a visit on 5 November about the saddle
numbness of 4 November joined the run the visit had closed and stayed quiet, though nobody had assessed it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from analysis.alerts import engine as a
from analysis.storage import DayEntry, Diary
from tests.cli_run import cli

ONSET = dt.date(2026, 11, 1)
HEADER = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient,onset_date,"
          "normal_activity_minutes,episode\n")


def _day(n: int) -> dt.date:
    return ONSET + dt.timedelta(days=n)


def _emergency(diary: Diary) -> pd.Series:
    history = a.alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=_day(8), seen=diary.seen())
    return history[history["code"] == "red_flag_emergency"].iloc[-1]


def _seen_about_saddle_numbness(diary: Diary) -> int:
    """Pat's episode: days 0-7 but 4, saddle numbness on day 3, seen about it on day 4. Returns the episode id."""
    episode = diary.add_episode("Pat", ONSET, normal_activity_minutes=60)
    for n in (0, 1, 2, 3, 5, 6, 7):
        diary.save_entry(episode, DayEntry(_day(n), 4, 5, 30, symptoms=["saddle_numbness"] if n == 3 else []))
    diary.mark_seen(episode, "red_flag_emergency", _day(4))
    return episode


def test_a_past_day_filled_in_on_today_after_the_visit_reopens_the_emergency(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    episode = _seen_about_saddle_numbness(diary)
    assert not bool(_emergency(diary)["active"])  # the visit closed the saddle numbness
    diary.save_entry(episode, DayEntry(_day(2), 4, 5, 30, symptoms=["cannot_move_leg"]))  # "Pick an earlier date"
    alert = _emergency(diary)
    assert bool(alert["active"]) and alert["severity"] == "urgent"
    assert "Cannot move a leg" in alert["detail"]
    diary.mark_seen(episode, "red_flag_emergency", _day(7))  # seen again about it: closed again
    assert not bool(_emergency(diary)["active"])
    diary.close()


def test_a_sign_imported_for_an_earlier_day_after_the_visit_reopens_it_and_a_second_import_changes_nothing(
        tmp_path: Path) -> None:
    db, first, later = tmp_path / "d.db", tmp_path / "first.csv", tmp_path / "later.csv"
    first.write_text(HEADER + "".join(
        f"{_day(n)},4,5,30,0,,{'saddle_numbness' if n == 3 else ''},,P,{ONSET},60,E1\n" for n in (0, 1, 2, 3, 5, 6, 7)))
    later.write_text(HEADER + f"{_day(2)},4,5,30,0,,cannot_move_leg,,P,{ONSET},60,E1\n")
    assert cli("import", "--db", db, first).returncode == 0
    assert cli("seen", "--db", db, "--patient", "P", "--code", "red_flag_emergency", "--date", str(_day(4))
               ).returncode == 0

    def emergency() -> dict:
        records = json.loads(cli("summary", "--db", db, "--json").stdout)
        return next(alert for alert in records[0]["alerts"] if alert["code"] == "red_flag_emergency")

    assert not emergency()["active"]
    assert cli("import", "--db", db, first).returncode == 0  # the same file again: nothing new, still closed
    assert not emergency()["active"]
    assert cli("import", "--db", db, later).returncode == 0
    assert emergency()["active"] and emergency()["severity"] == "urgent"


def test_numbness_filled_in_after_an_emergency_visit_is_the_warning_not_the_emergency_back(tmp_path: Path) -> None:
    """Review 34's code reader: saddle numbness on day 3, seen on day 4; numbness alone then filled in for day 1
    reopened the emergency ("call 999"). Numbness on one day is the GP warning; the emergency stays closed."""
    diary = Diary(tmp_path / "d.db")
    episode = _seen_about_saddle_numbness(diary)
    diary.save_entry(episode, DayEntry(_day(1), 4, 5, 30, symptoms=["numbness"]))
    history = a.alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=_day(7), seen=diary.seen())
    diary.close()
    active = set(history.loc[history["active"].astype(bool), "code"])
    assert "red_flag_emergency" not in active
    assert "new_numbness_weakness" in active


def test_the_export_of_a_diary_with_a_sign_filled_in_after_the_visit_keeps_it_open_in_the_copy(
        tmp_path: Path) -> None:
    """Review 34's code reader: the export wrote the visit's mark and the filled-in sign as plain text, so a Clinic
    that imported it (a fresh diary: no save times) had the mark close the sign the patient's diary showed open."""
    from analysis.workflows.diary_io import export_csv, import_bytes

    diary = Diary(tmp_path / "home.db")
    episode = _seen_about_saddle_numbness(diary)
    diary.save_entry(episode, DayEntry(_day(2), 4, 5, 30, symptoms=["cannot_move_leg"]))
    assert bool(_emergency(diary)["active"])
    text = export_csv(diary)
    diary.close()
    practice = Diary(tmp_path / "practice.db")
    import_bytes(practice, text.encode(), "home.csv")
    assert bool(_emergency(practice)["active"])
    practice.close()
