"""Storage: constraints, the write API, atomic bulk writes and concurrent writers."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pandas as pd
import pytest
from sqlite_utils import Database

from analysis.model import columns as c
from analysis.model.errors import NotFound, ValidationError
from analysis.storage import ActivityMerge, DayEntry, Diary, DoseEntry
from analysis.storage.migrations import migrations
from analysis.workflows.diary_io import import_bytes
from tests.conftest import day


def test_new_diary_is_empty_and_migrated(diary: Diary) -> None:
    assert diary.is_empty()
    tables = set(diary.db.table_names())
    assert {"patients", "episodes", "entries", "doses", "symptoms", "acknowledgements"} <= tables
    assert diary.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert diary.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_default_path_follows_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BACKTRACK_DB", str(tmp_path / "x" / "mine.db"))
    d = Diary()
    assert d.path == tmp_path / "x" / "mine.db" and d.path.exists()
    d.close()


def test_save_adds_then_updates(diary: Diary, episode: int) -> None:
    entry = day("2026-11-02", 6, worst_pain=8, activity_minutes=20, bed_rest_hours=3, notes="bad",
                doses=[DoseEntry("ibuprofen", 400, 3)], symptoms=["leg_pain"])
    assert diary.save_entry(episode, entry) == "added"
    entry.pain, entry.doses = 5, [DoseEntry("naproxen", 250, 2)]
    assert diary.save_entry(episode, entry) == "updated"
    stored = diary.entry(episode, "2026-11-02")
    assert stored.pain == 5 and stored.doses == [DoseEntry("naproxen", 250, 2)] and stored.symptoms == ["leg_pain"]
    assert len(diary.entries()) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"pain": 11}, "pain: 11 is above the maximum 10."),
    ({"pain": -1}, "pain: -1 is below the minimum 0."),
    ({"pain": 5, "worst_pain": 10.5}, "worst_pain: 10.5 is above the maximum 10."),
    ({"pain": 5, "activity_minutes": -5}, "activity_minutes: -5 is below the minimum 0."),
    ({"pain": 5, "activity_minutes": 1441}, "activity_minutes: 1441 is above the maximum 1440."),
    ({"pain": 5, "bed_rest_hours": 25}, "bed_rest_hours: 25 is above the maximum 24."),
    ({"pain": 5, "doses": [DoseEntry("ibuprofen", 0, 1)]}, "ibuprofen: dose_mg must be above 0 (got 0)."),
    ({"pain": 5, "doses": [DoseEntry("ibuprofen", 200, 0)]},
     "ibuprofen: count must be a whole number from 1 to 1000 (got 0)."),
    ({"pain": 5, "symptoms": ["headache"]}, "symptoms: unknown code(s) headache"),
])
def test_out_of_range_values_are_refused_naming_the_field(diary: Diary, episode: int, fields, message) -> None:
    with pytest.raises(ValidationError) as raised:
        diary.save_entry(episode, DayEntry(pd.Timestamp("2026-11-03").date(), **fields))
    assert str(raised.value).startswith(message)
    assert diary.entries().empty


@pytest.mark.parametrize(("sql", "values"), [
    ("INSERT INTO entries(episode_id, date, pain) VALUES (?, ?, ?)", (1, "2026-11-02", 11)),
    ("INSERT INTO entries(episode_id, date, pain, activity_minutes) VALUES (?, ?, ?, ?)", (1, "2026-11-02", 3, -5)),
    ("INSERT INTO entries(episode_id, date, pain) VALUES (?, ?, ?)", (1, "2.11.2026", 3)),
    ("INSERT INTO entries(episode_id, date, pain) VALUES (?, ?, ?)", (99, "2026-11-02", 3)),
    ("INSERT INTO symptoms(episode_id, date, code) VALUES (?, ?, ?)", (1, "2026-11-02", "headache")),
    ("INSERT INTO doses(episode_id, date, position, medicine, dose_mg) VALUES (?, ?, ?, ?, ?)",
     (1, "2026-11-30", 0, "ibuprofen", 400)),
])
def test_database_constraints_are_the_last_line(diary: Diary, episode: int, sql, values) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        diary.db.execute(sql, values)


def test_m004_rebuilds_day_tables_keeping_every_value_and_the_dose_order(tmp_path) -> None:
    """A diary written by the first schema (rowid tables) comes through the rebuild intact."""
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    old.execute("PRAGMA foreign_keys = ON")
    migrations.apply(old, stop_before="m004_day_tables_keyed_by_day")
    old.execute("INSERT INTO patients(id, name) VALUES (1, 'Ann')")
    old.execute("INSERT INTO episodes(id, patient_id, label, onset_date) VALUES (7, 1, 'L', '2026-11-01')")
    old.execute("INSERT INTO entries(episode_id, date, pain, worst_pain, notes) VALUES (7, '2026-11-02', 6, 8, 'n')")
    old.execute("INSERT INTO entries(episode_id, date, pain) VALUES (7, '2026-11-03', 5)")
    for medicine, mg, count in [("paracetamol", 1000, 2), ("ibuprofen", 400, 3), ("codeine", 30, 1)]:
        old.execute("INSERT INTO doses(episode_id, date, medicine, dose_mg, count) VALUES (7, '2026-11-02', ?, ?, ?)",
                    (medicine, mg, count))
    old.execute("INSERT INTO symptoms(episode_id, date, code) VALUES (7, '2026-11-03', 'fever')")
    old.conn.commit()
    old.conn.close()

    diary = Diary(path)
    first = diary.entry(7, "2026-11-02")
    assert (first.pain, first.worst_pain, first.notes) == (6, 8, "n")
    assert first.doses == [DoseEntry("paracetamol", 1000, 2), DoseEntry("ibuprofen", 400, 3),
                           DoseEntry("codeine", 30, 1)]
    assert diary.entry(7, "2026-11-03").symptoms == ["fever"]
    parents = {row[2] for table in ("doses", "symptoms")
               for row in diary.db.execute(f"PRAGMA foreign_key_list({table})").fetchall()}
    assert parents == {"entries"}
    assert not diary.db.execute("PRAGMA foreign_key_check").fetchall()
    diary.delete_entry(7, "2026-11-02")
    assert diary.doses().empty and len(diary.symptoms()) == 1
    diary.close()


def test_update_and_delete(diary: Diary, episode: int) -> None:
    diary.save_entry(episode, day("2026-11-02", 6, doses=[DoseEntry("codeine", 30, 2)], symptoms=["fever"]))
    diary.update_entry(episode, "2026-11-02", pain=4, notes="better")
    assert diary.entry(episode, "2026-11-02").pain == 4
    assert diary.entry(episode, "2026-11-02").doses == [DoseEntry("codeine", 30, 2)]
    diary.delete_entry(episode, "2026-11-02")
    assert diary.entry(episode, "2026-11-02") is None
    assert diary.doses().empty and diary.symptoms().empty
    with pytest.raises(NotFound, match="no diary entry on 2026-11-02"):
        diary.delete_entry(episode, "2026-11-02")
    diary.save_entry(episode, day("2026-11-03", 2))
    with pytest.raises(ValidationError, match="Unknown field"):
        diary.update_entry(episode, "2026-11-03", mood=3)


def test_add_entry_refuses_existing_date(diary: Diary, episode: int) -> None:
    diary.add_entry(episode, day("2026-11-02", 6))
    with pytest.raises(ValidationError, match="already in the diary"):
        diary.add_entry(episode, day("2026-11-02", 3))
    assert diary.entry(episode, "2026-11-02").pain == 6


def test_a_day_before_the_onset_is_refused(diary: Diary, episode: int) -> None:
    # every analysis refuses such a day (analysis.course.grid): stored, it stopped the triage list for everyone
    for write in (diary.save_entry, diary.add_entry):
        with pytest.raises(ValidationError, match="2026-10-31 is before the day this back pain started"):
            write(episode, day("2026-10-31", 6))
    assert diary.entries().empty
    diary.save_entry(episode, day("2026-11-01", 6))  # the onset day itself is a diary day
    assert diary.entry(episode, "2026-11-01").pain == 6


def test_long_frames_have_the_documented_columns(diary: Diary, episode: int) -> None:
    diary.save_entry(episode, day("2026-11-02", 6, doses=[DoseEntry("ibuprofen", 400, 3)], symptoms=["numbness"]))
    assert list(diary.entries().columns) == c.ENTRY_COLUMNS
    assert list(diary.doses().columns) == c.DOSE_COLUMNS
    assert list(diary.symptoms().columns) == c.SYMPTOM_COLUMNS
    assert diary.doses()[c.TOTAL_MG].tolist() == [1200.0]
    assert diary.doses()[c.DRUG_CLASS].tolist() == ["NSAID"]


def test_a_failed_write_leaves_nothing_behind(diary: Diary, episode: int) -> None:
    diary.save_entry(episode, day("2026-11-02", 6))
    with pytest.raises(sqlite3.IntegrityError), diary.transaction() as db:
        db.execute("UPDATE entries SET notes = 'half-written' WHERE date = '2026-11-02'")
        db.execute("INSERT INTO entries(episode_id, date, pain) VALUES (?, ?, ?)", (episode, "2026-11-03", 99))
    assert diary.entry(episode, "2026-11-02").notes == ""


def test_two_threads_writing_at_once_lose_nothing(diary: Diary, episode: int) -> None:
    """Two browser tabs share one connection; every day each of them saves must be there."""
    other = diary.add_episode("Kim", "2026-10-01")
    errors: list[Exception] = []

    def writer(episode_id: int, start: str) -> None:
        try:
            for i, date in enumerate(pd.date_range(start, periods=40)):
                diary.save_entry(episode_id, DayEntry(date.date(), i % 11, doses=[DoseEntry("ibuprofen", 200, 1)]))
                if i % 7 == 0:  # a failing write in the middle must not roll back the other tab's rows
                    try:
                        diary.save_entry(episode_id, DayEntry(date.date(), 12))
                    except ValidationError:
                        pass
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(episode, "2026-11-01")),
               threading.Thread(target=writer, args=(other, "2026-10-01"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    counts = diary.entries().groupby(c.EPISODE_ID).size().to_dict()
    assert counts == {episode: 40, other: 40}
    assert len(diary.doses()) == 80


def test_write_survives_reopen(tmp_path) -> None:
    path = tmp_path / "d.db"
    first = Diary(path)
    ep = first.add_episode("Sam", "2026-11-01")
    first.save_entry(ep, day("2026-11-02", 3))
    first.close()
    again = Diary(path)
    assert again.entry(ep, "2026-11-02").pain == 3
    again.close()


def test_backup_and_restore_round_trip(diary: Diary, episode: int, tmp_path) -> None:
    diary.save_entry(episode, day("2026-11-02", 6, doses=[DoseEntry("ibuprofen", 400, 3)], symptoms=["fever"]))
    diary.backup(tmp_path / "backup.db")
    diary.delete_entry(episode, "2026-11-02")
    diary.restore(tmp_path / "backup.db")
    assert diary.entry(episode, "2026-11-02").doses == [DoseEntry("ibuprofen", 400, 3)]
    fresh = Diary(tmp_path / "new-computer.db")
    fresh.restore(tmp_path / "backup.db")
    assert fresh.entries().equals(diary.entries())


def test_restore_refuses_a_file_that_is_not_a_backup(diary: Diary, episode: int, tmp_path) -> None:
    diary.save_entry(episode, day("2026-11-02", 6))
    junk = tmp_path / "photo.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ValidationError, match="photo.db is not a Backtrack backup"):
        diary.restore(junk)
    assert diary.entry(episode, "2026-11-02").pain == 6


def test_merge_activity_fills_empty_logged_days_only(diary: Diary, episode: int) -> None:
    diary.save_entry(episode, day("2026-11-02", 6, activity_minutes=5))
    diary.save_entry(episode, day("2026-11-03", 5))
    tracker = pd.DataFrame({c.DATE: pd.to_datetime(["2026-11-02", "2026-11-03", "2026-11-04"]),
                            c.ACTIVITY: [31.0, 42.0, 50.0]})
    assert diary.merge_activity("Sam", tracker) == ActivityMerge(added=1, kept=1, skipped=1)
    assert diary.entries()[c.ACTIVITY].tolist() == [5.0, 42.0]  # the typed 5 minutes stay
    assert diary.merge_activity("Sam", tracker) == ActivityMerge(unchanged=1, kept=1, skipped=1)
    with pytest.raises(NotFound, match="no patient called 'Kim'"):
        diary.merge_activity("Kim", tracker)


def test_revision_changes_with_every_write(diary: Diary, episode: int, tmp_path) -> None:
    first = diary.revision()
    diary.save_entry(episode, day("2026-11-02", 6))
    second = diary.revision()
    assert second != first
    other = Diary(diary.path)  # another process or tab writing to the same file
    other.save_entry(episode, day("2026-11-03", 5))
    assert diary.revision() != second
    other.close()


def test_frames_for_more_episodes_than_sqlite_has_parameters(diary: Diary, episode: int) -> None:
    diary.save_entry(episode, day("2026-11-02", 6, doses=[DoseEntry("ibuprofen", 400, 3)], symptoms=["fever"]))
    many = [episode, *range(10_000, 50_000)]
    assert len(diary.entries(many)) == len(diary.doses(many)) == len(diary.symptoms(many)) == 1
    assert diary.entries([]).empty


def test_reimport_keeps_what_empty_cells_and_missing_columns_do_not_give(tmp_path) -> None:
    """Nothing a person entered is lost to a file that leaves a field empty."""
    diary = Diary(tmp_path / "d.db")
    full = (b"date,pain,activity_minutes,bed_rest_hours,medications,symptoms,notes\n"
            b"2026-11-01,7,10,2,ibuprofen 400 mg x3,leg_pain,first\n2026-11-02,6,20,,,,\n")
    assert import_bytes(diary, full, "sam.csv", today=dt.date(2026, 11, 22)).written.added == 2
    bare = b"date,pain\n2026-11-01,7\n2026-11-02,5\n"
    written = import_bytes(diary, bare, "sam.csv", today=dt.date(2026, 11, 22)).written
    assert (written.added, written.updated, written.unchanged) == (0, 1, 1)
    first = diary.entry(diary.episodes()["episode_id"].iloc[0], "2026-11-01")
    assert (first.activity_minutes, first.bed_rest_hours, first.notes) == (10, 2, "first")
    assert first.doses == [DoseEntry("ibuprofen", 400, 3)] and first.symptoms == ["leg_pain"]
    second = diary.entry(diary.episodes()["episode_id"].iloc[0], "2026-11-02")
    assert (second.pain, second.activity_minutes) == (5, 20)
    changed = b"date,pain,medications,notes\n2026-11-01,7,paracetamol 500 mg x2,second\n"
    assert import_bytes(diary, changed, "sam.csv", today=dt.date(2026, 11, 22)).written.updated == 1
    first = diary.entry(diary.episodes()["episode_id"].iloc[0], "2026-11-01")
    assert first.doses == [DoseEntry("paracetamol", 500, 2)]
    assert first.notes == "second" and first.symptoms == ["leg_pain"]
    diary.close()


def test_a_cell_saying_none_clears_what_an_empty_cell_keeps(tmp_path) -> None:
    """A wrong medicine or warning sign can be corrected by importing the diary again."""
    diary = Diary(tmp_path / "d.db")
    today = dt.date(2026, 11, 22)
    first = b"date,pain,medications,symptoms\n2026-11-01,7,ibuprofen 400 mg x3,numbness\n2026-11-02,6,,\n"
    import_bytes(diary, first, "sam.csv", today=today)
    written = import_bytes(diary, b"date,pain,medications,symptoms\n2026-11-01,7,none,-\n2026-11-02,6,,\n",
                           "sam.csv", today=today).written
    assert (written.updated, written.unchanged) == (1, 1)
    assert diary.doses().empty and diary.symptoms().empty
    again = import_bytes(diary, b"date,pain,medications,symptoms\n2026-11-01,7,none,-\n", "sam.csv",
                         today=today).written
    assert (again.updated, again.unchanged) == (0, 1)
    diary.close()


def test_a_tracker_corrects_its_own_minutes_but_never_typed_ones(diary: Diary, episode: int) -> None:
    """Google Fit exports today's unfinished day; its next export must be able to correct it."""
    diary.save_entry(episode, day("2026-11-02", 6))
    diary.save_entry(episode, day("2026-11-03", 5, activity_minutes=30))
    early = pd.DataFrame({c.DATE: pd.to_datetime(["2026-11-02", "2026-11-03"]), c.ACTIVITY: [12.0, 40.0]})
    assert diary.merge_activity("Sam", early) == ActivityMerge(added=1, kept=1)
    later = early.assign(**{c.ACTIVITY: [65.0, 41.0]})
    assert diary.merge_activity("Sam", later) == ActivityMerge(updated=1, kept=1)
    assert diary.entries()[c.ACTIVITY].tolist() == [65.0, 30.0]
    diary.update_entry(episode, "2026-11-02", activity_minutes=50)  # the person corrects it: now theirs
    assert diary.merge_activity("Sam", later) == ActivityMerge(kept=2)
    diary.update_entry(episode, "2026-11-03", pain=4)  # an edit that leaves the minutes alone keeps their source
    assert diary.entries()[c.ACTIVITY].tolist() == [50.0, 30.0]


def test_days_without_an_onset_each_join_the_episode_running_on_that_day(tmp_path) -> None:
    diary = Diary(tmp_path / "d.db")
    today = dt.date(2026, 11, 22)
    diary.add_episode("Ann", "2026-08-03")
    diary.add_episode("Ann", "2026-09-10")
    import_bytes(diary, b"date,pain\n2026-08-05,6\n2026-09-11,5\n", "Ann.csv", today=today)
    mixed = (b"date,pain,onset_date,medications\n2026-10-01,7,2026-10-01,\n2026-10-02,6,,ibuprofen 400 mg x1\n"
             b"2026-07-01,4,,\n2026-07-02,4,,\n")
    import_bytes(diary, mixed, "Ann.csv", today=today)
    episodes = diary.episodes().set_index("episode_id")["onset_date"].dt.strftime("%Y-%m-%d")
    placed = diary.entries().assign(onset=lambda f: f["episode_id"].map(episodes))
    assert dict(zip(placed["date"].dt.strftime("%Y-%m-%d"), placed["onset"], strict=True)) == {
        "2026-07-01": "2026-07-01", "2026-07-02": "2026-07-01", "2026-08-05": "2026-08-03",
        "2026-09-11": "2026-09-10", "2026-10-01": "2026-10-01", "2026-10-02": "2026-10-01"}
    dose = diary.doses()
    assert dose["episode_id"].map(episodes).tolist() == ["2026-10-01"]
    diary.close()


def test_the_split_diary_keeps_every_method_callers_use() -> None:
    """Issue 12 made Diary of one module per job; every method it had before is still on it, the
    connection's real methods come before any mixin's, and the storage dose is DoseEntry (Dose still imports)."""
    from analysis.storage import Dose
    from analysis.storage.connection import DiaryConnection

    before_split = {"acknowledge", "acknowledged", "add_entry", "add_episode", "answers", "auto_backup",
                    "automatic_backups", "backup", "backup_folder", "close", "delete_entry", "delete_patient",
                    "doses", "ensure_patient", "entries", "entry", "episodes", "exercise_ticks", "is_empty",
                    "mark_seen", "merge_activity", "patient_names", "restore", "revision", "save_answers",
                    "save_entry", "save_screening", "screening", "seen", "set_exercises_done", "set_work_hours",
                    "symptoms", "transaction", "update_entry", "update_episode", "work_hours", "write_diary"}
    assert before_split <= {name for name in dir(Diary) if not name.startswith("_")}
    for method in ("transaction", "_rows", "_frame", "_require_episode"):  # not PlanStore's typing stubs
        assert next(k for k in Diary.__mro__ if method in vars(k)) is DiaryConnection, method
    assert Dose is DoseEntry and DoseEntry("ibuprofen", 400, 3) == Dose("ibuprofen", 400.0, 3)
