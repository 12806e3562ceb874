"""The diary CSV's `activity_source` column: which minutes a tracker wrote, kept through export and import.

Why: a tracker may correct the minutes it wrote (its export may end mid-day), never minutes the person typed
(analysis.storage.activity.merge_activity); a diary moved by its CSV treated every tracker minute as typed.
"""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.model import columns as c
from analysis.model.errors import ImportRefused
from analysis.storage import Diary
from analysis.workflows.diary_io import export_csv, import_bytes

TODAY = dt.date(2026, 11, 22)
FIT = "Daily activity metrics.csv"  # Google Fit's daily file: minutes only, merged into the logged days
HEADER = ",".join(c.CSV_COLUMNS) + "\n"


def _sam() -> Diary:
    """Sam's diary: the 19th typed (20 minutes), the 20th and 21st's minutes from Google Fit, the 22nd none."""
    diary = Diary(":memory:")
    import_bytes(diary, b"date,pain,activity_minutes\n2026-11-19,6,20\n2026-11-20,6,\n2026-11-21,5,\n"
                        b"2026-11-22,5,\n", "sam.csv", patient="Sam", today=TODAY)
    import_bytes(diary, b"Date,Move Minutes count\n2026-11-19,99\n2026-11-20,30\n2026-11-21,12\n", FIT,
                 patient="Sam", today=TODAY)
    return diary


def _tracker_dates(diary: Diary) -> list[str]:
    return diary.tracker_days()[c.DATE].dt.strftime("%Y-%m-%d").tolist()


def _column(text: str) -> list[str]:
    """The activity_source cells of an export, row by row (every cell of these tests is plain)."""
    lines = text.splitlines()
    assert lines[0].split(",")[-1] == c.ACTIVITY_SOURCE  # the last column
    return [line.split(",")[-1] for line in lines[1:]]


def test_export_says_which_minutes_a_tracker_wrote_and_the_round_trip_keeps_it() -> None:
    diary = _sam()
    assert _tracker_dates(diary) == ["2026-11-20", "2026-11-21"]  # the typed 20 minutes were kept, not the 99
    text = export_csv(diary)
    assert _column(text) == ["", "tracker", "tracker", ""]
    moved = Diary(":memory:")
    import_bytes(moved, text.encode(), "backtrack-diary.csv", today=TODAY)
    assert export_csv(moved) == text
    assert _tracker_dates(moved) == ["2026-11-20", "2026-11-21"]
    outcome = import_bytes(moved, text.encode(), "backtrack-diary.csv", today=TODAY)  # the same file again
    assert (outcome.written.added, outcome.written.updated, outcome.written.unchanged) == (0, 0, 4)


def test_after_the_move_the_tracker_corrects_its_own_minutes_never_the_typed_ones() -> None:
    moved = Diary(":memory:")
    import_bytes(moved, export_csv(_sam()).encode(), "backtrack-diary.csv", today=TODAY)
    import_bytes(moved, b"Date,Move Minutes count\n2026-11-19,120\n2026-11-21,47\n", FIT, patient="Sam",
                 today=TODAY)
    assert moved.entry(1, "2026-11-19").activity_minutes == 20
    assert moved.entry(1, "2026-11-21").activity_minutes == 47


def test_an_export_from_before_the_column_imports_as_before() -> None:
    text = export_csv(_sam())
    old = "\n".join(line.rsplit(",", 1)[0] for line in text.splitlines()) + "\n"  # the header of an older export
    assert tuple(old.splitlines()[0].split(",")) in c.EXPORT_HEADERS
    moved = Diary(":memory:")
    import_bytes(moved, old.encode(), "backtrack-diary.csv", today=TODAY)
    assert _tracker_dates(moved) == []  # nothing says a tracker wrote them: typed, as every import did
    assert export_csv(moved) == text.replace(",tracker\n", ",\n")
    kept = _sam()  # into a diary that knows the tracker's days: equal minutes keep their source, others are typed
    import_bytes(kept, old.replace("2026-11-21,5,,12,", "2026-11-21,5,,15,").encode(), "old.csv", today=TODAY)
    assert _tracker_dates(kept) == ["2026-11-20"]


@pytest.mark.parametrize("cell, source", [("tracker", "tracker"), (" Tracker ", "tracker"), ("", "")])
def test_the_file_says_who_wrote_the_minutes_of_a_stored_day(cell: str, source: str) -> None:
    diary = _sam()  # the 20th: 30 minutes from the tracker; the 19th: 20 typed
    import_bytes(diary, (HEADER + f"2026-11-19,6,,20,,,,,Sam,,,,,{cell}\n"
                                  f"2026-11-20,6,,30,,,,,Sam,,,,,{cell}\n").encode(), "sam.csv", today=TODAY)
    assert _tracker_dates(diary) == (["2026-11-19", "2026-11-20", "2026-11-21"] if source else ["2026-11-21"])


def test_a_source_without_minutes_keeps_the_stored_minutes_and_their_source() -> None:
    diary = _sam()
    import_bytes(diary, (HEADER + "2026-11-19,6,,,,,,,Sam,,,,,tracker\n2026-11-20,6,,,,,,,Sam,,,,,\n").encode(),
                 "sam.csv", today=TODAY)
    assert _tracker_dates(diary) == ["2026-11-20", "2026-11-21"]
    assert diary.entry(1, "2026-11-19").activity_minutes == 20


@pytest.mark.parametrize("cell", ["fitbit", "typed", "yes"])
def test_another_value_is_one_problem_naming_file_row_and_column(cell: str) -> None:
    diary = Diary(":memory:")
    text = HEADER + "2026-11-20,6,,30,,,,,Sam,,,,,tracker\n" + f"2026-11-21,5,,12,,,,,Sam,,,,,{cell}\n"
    with pytest.raises(ImportRefused) as refused:
        import_bytes(diary, text.encode(), "sam.csv", today=TODAY)
    assert refused.value.problems == [f'sam.csv row 3, activity_source: "{cell}" is not a source of minutes: '
                                      'write "tracker" (a fitness tracker\'s file), or leave it empty (typed in the '
                                      'diary).']
    assert diary.episodes().empty
