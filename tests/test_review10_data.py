"""Review 10: data safety of the diary CSV round trip and of imports, on diaries made here.

Each xfail(strict=True) proves something a person entered that is lost or silently changed today.
"""
from __future__ import annotations

import datetime as dt

from analysis.model.errors import ImportRefused
from analysis.storage import Diary
from analysis.storage.records import DayEntry
from analysis.workflows.diary_io import export_csv, import_bytes

TODAY = dt.date(2026, 11, 22)


def test_a_note_of_only_white_space_comes_back_from_the_csv() -> None:
    notes = ["  ", "\n", " \n ", "\u00a0"]
    diary = Diary(":memory:")
    episode = diary.add_episode("Ann", "2026-11-01")
    for i, note in enumerate(notes):
        diary.save_entry(episode, DayEntry(dt.date(2026, 11, 1) + dt.timedelta(days=i), 5, notes=note))
    again = Diary(":memory:")
    import_bytes(again, export_csv(diary).encode(), "backtrack-diary.csv", today=TODAY)
    assert export_csv(again) == export_csv(diary)
    assert [again.entry(1, dt.date(2026, 11, 1) + dt.timedelta(days=i)).notes for i in range(4)] == notes


def test_tracker_minutes_moved_by_csv_can_still_be_corrected_by_the_tracker() -> None:
    diary = Diary(":memory:")
    import_bytes(diary, b"date,pain\n2026-11-20,6\n2026-11-21,5\n", "sam.csv", patient="Sam", today=TODAY)
    midday = b"Date,Move Minutes count\n2026-11-20,30\n2026-11-21,12\n"
    evening = b"Date,Move Minutes count\n2026-11-20,30\n2026-11-21,47\n"
    import_bytes(diary, midday, "Daily activity metrics.csv", patient="Sam", today=TODAY)
    moved = Diary(":memory:")  # the new computer: the diary came over as its CSV
    import_bytes(moved, export_csv(diary).encode(), "backtrack-diary.csv", today=TODAY)
    for d in (diary, moved):
        import_bytes(d, evening, "Daily activity metrics.csv", patient="Sam", today=TODAY)
    assert diary.entry(1, "2026-11-21").activity_minutes == 47  # the diary that never moved takes the correction
    assert moved.entry(1, "2026-11-21").activity_minutes == 47


def test_one_episode_given_two_normal_levels_in_a_file_is_not_resolved_silently() -> None:
    diary = Diary(":memory:")
    text = ("patient,date,pain,onset_date,normal_activity_minutes,episode\n"
            "Ann,2026-11-01,5,2026-11-01,30,first try\n"
            "Ann,2026-11-02,5,2026-11-01,60,second try\n")
    try:
        outcome = import_bytes(diary, text.encode(), "ann.csv", today=TODAY)
    except ImportRefused as refusal:  # a fix that refuses the file must name the clash
        assert any("60" in problem and "30" in problem for problem in refusal.problems), refusal.problems
        assert diary.episodes().empty
        return
    stored = diary.episodes().iloc[0]
    assert (stored["normal_activity_minutes"], stored["episode"]) == (30, "first try")  # the first row won
    assert any("60" in warning and "30" in warning for warning in outcome.warnings), outcome.warnings


def test_every_stored_dose_comes_back_from_the_csv() -> None:
    diary = Diary(":memory:")
    import_bytes(diary, b"date,pain,medications\n2026-11-01,5,paracetamol 10000000000000000 mg x1\n"
                        b"2026-11-02,5,ibuprofen 123456.78901 mg x1\n", "ann.csv", patient="Ann", today=TODAY)
    stored = diary.doses()[["date", "medicine", "dose_mg", "count"]].to_dict("records")
    assert [d["dose_mg"] for d in stored] == [1e16, 123456.78901]  # what the first file put in
    again = Diary(":memory:")
    outcome = import_bytes(again, export_csv(diary).encode(), "backtrack-diary.csv", today=TODAY)
    assert outcome.warnings == []
    assert again.doses()[["date", "medicine", "dose_mg", "count"]].to_dict("records") == stored


def test_imports_that_change_nothing_do_not_push_out_the_automatic_backups(tmp_path) -> None:
    diary = Diary(tmp_path / "diary.db")
    for day in range(1, 6):  # five real imports: five backups, each of a different diary
        import_bytes(diary, f"date,pain\n2026-11-0{day},{day}\n".encode(), f"d{day}.csv", patient="Sam",
                     today=TODAY)
    before = diary.automatic_backups()
    assert len(before) == 4  # the first import found an empty diary: nothing to keep
    for _ in range(5):
        outcome = import_bytes(diary, b"date,pain\n2026-11-05,5\n", "d5.csv", patient="Sam", today=TODAY)
        assert (outcome.written.added, outcome.written.updated, outcome.written.unchanged) == (0, 0, 1)
    assert diary.automatic_backups() == before
