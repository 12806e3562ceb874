"""Numbness two days running: the emergency names both reports, and a visit about the emergency is a doctor's view
of the same numbness (review 33: after "I have been seen about this" on the emergency, Today still asked the person
to call their GP about the same numbness, held the walk, and Progress kept the warning's card)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis.alerts.engine import alerts
from analysis.alerts.seen_after import COVERED_BY, with_covered
from analysis.plan.doctor_hold import doctor_days
from analysis.review.page_rules import doctor_first, without_covered
from analysis.storage import DayEntry, Diary

ONSET = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return ONSET + dt.timedelta(days=n)


def diary_with(path: Path, signs: dict[int, list[str]], days: int = 8) -> tuple[Diary, int]:
    """Days 0 to `days` - 1 logged (pain 4), with `signs` on the days given."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    for n in range(days):
        diary.save_entry(episode, DayEntry(day(n), 4, None, 20, 0, "", symptoms=signs.get(n, [])))
    return diary, episode


def history(diary: Diary, as_of: dt.date) -> pd.DataFrame:
    return alerts(diary.entries(), diary.doses(), diary.symptoms(), as_of=as_of, seen=diary.seen())


def active(found: pd.DataFrame) -> dict[str, str]:
    return {row.code: row.detail for row in found[found["active"]].itertuples()}


def test_the_emergency_of_numbness_two_days_running_names_both_days(tmp_path: Path) -> None:
    diary, _ = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["numbness"]})
    found = active(history(diary, day(7)))
    assert found["red_flag_emergency"].endswith("first reported on 6 March 2026, last reported 7 March 2026")
    emergency = history(diary, day(7)).query("code == 'red_flag_emergency'")
    assert emergency["date"].dt.date.tolist() == [day(6)]  # only the words: the run still starts on its second day


def test_an_emergency_with_no_numbness_the_day_before_keeps_its_one_day(tmp_path: Path) -> None:
    diary, _ = diary_with(tmp_path / "d.db", {4: ["numbness"], 6: ["bladder_bowel"]})
    assert active(history(diary, day(7)))["red_flag_emergency"].endswith("reported on 7 March 2026")


def test_a_visit_about_the_emergency_closes_the_numbness_warning_of_the_same_days(tmp_path: Path) -> None:
    diary, episode = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["numbness"]})
    assert {"red_flag_emergency", "new_numbness_weakness"} <= set(active(history(diary, day(7))))
    diary.mark_seen(episode, "red_flag_emergency", day(7))
    after = history(diary, day(7))
    assert not after.query("code in ('red_flag_emergency', 'new_numbness_weakness')")["active"].any()
    warning = after.query("code == 'new_numbness_weakness'")
    assert warning["seen_date"].dt.date.tolist() == [day(7)]
    # the walk is no longer held for it: the visit ends the hold of the same numbness
    assert doctor_days(diary.symptoms(), diary.seen())["doctor_seen"].tolist()[-1]


def test_numbness_after_the_visit_opens_the_warning_again(tmp_path: Path) -> None:
    diary, episode = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["numbness"]}, days=10)
    diary.mark_seen(episode, "red_flag_emergency", day(7))
    diary.save_entry(episode, DayEntry(day(10), 4, None, 20, 0, "", symptoms=["numbness"]))
    assert "new_numbness_weakness" in active(history(diary, day(10)))


def test_a_visit_about_the_emergency_does_not_close_a_fever() -> None:
    """Only warnings whose every sign is the emergency's: fever is not (COVERED_BY)."""
    assert COVERED_BY == {"red_flag_emergency": ("new_numbness_weakness",)}
    marks = pd.DataFrame({"episode_id": [1, 1], "code": ["red_flag_emergency", "red_flag_see_doctor"],
                          "seen_date": ["2026-03-08", "2026-03-08"]})
    assert sorted(with_covered(marks)["code"]) == ["new_numbness_weakness", "red_flag_emergency",
                                                   "red_flag_see_doctor"]
    fever_only = marks.iloc[[1]]
    assert with_covered(fever_only) is fever_only


def test_progress_and_today_leave_the_covered_warning_to_the_emergency(tmp_path: Path) -> None:
    diary, _ = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["numbness"], 7: ["fever"]})
    found = history(diary, day(7))
    cards = without_covered(found)
    assert set(cards.loc[cards["active"], "code"]) >= {"red_flag_emergency", "red_flag_see_doctor"}
    assert "new_numbness_weakness" not in set(cards.loc[cards["active"], "code"])
    assert doctor_first(found)["code"].tolist() == ["red_flag_see_doctor"]
    closed = found.assign(active=False)
    assert without_covered(closed).equals(closed)  # nothing open: nothing left out


def test_a_bladder_emergency_the_day_after_numbness_keeps_its_own_day(tmp_path: Path) -> None:
    """Review 33's code reader: numbness on 6 March, loss of bladder control on 7 March read "first reported on 6
    March": the bladder trouble is 7 March's (for suspected cauda equina the onset matters)."""
    diary, _ = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["bladder_bowel"]})
    assert active(history(diary, day(7)))["red_flag_emergency"].endswith("reported on 7 March 2026")


def test_the_clinic_says_who_saw_the_covered_warning(tmp_path: Path) -> None:
    """The emergency's mark by a clinician closes the numbness warning: the Clinic's line says a clinician, not the
    patient (it looked the mark up by the warning's own code)."""
    from analysis.review.triage import seen_alert_lines

    diary, episode = diary_with(tmp_path / "d.db", {5: ["numbness"], 6: ["numbness"]})
    diary.mark_seen(episode, "red_flag_emergency", day(7), by="clinician")
    lines = seen_alert_lines(history(diary, day(7)), diary.seen([episode]))
    assert lines and all(who == "clinician" and "by a clinician" in line for who, line in lines), lines


def test_an_old_diary_opened_read_only_reads_its_acknowledgements(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Review 33's code reader: a diary from before m014 opened read-only (never upgraded) raised 'no such column:
    last_report' on Progress and in the Parquet export."""
    import sqlite3

    from sqlite_utils import Database

    from analysis.storage import migrations

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.migrations.apply(old, stop_before="m014_acknowledged_last_report")
    old.execute("INSERT INTO patients(id, name) VALUES (1, 'Ann')")
    old.execute("INSERT INTO episodes(id, patient_id, label, onset_date) VALUES (3, 1, '', '2026-03-01')")
    old.execute("INSERT INTO acknowledgements(episode_id, code, fingerprint) VALUES (3, 'fever', 'fever:2026-03-02')")
    old.conn.commit()
    old.conn.close()
    monkeypatch.setattr("analysis.storage.connection.os.access", lambda *_: False)  # tests run as root
    reader = Diary(path)
    assert reader.read_only
    assert reader.acknowledged() == {(3, "fever:2026-03-02", None)}
    assert reader.acknowledgements()["last_report"].isna().all()
