"""Data-safety review: imports that lose, change or misplace what a person entered (failing tests as xfail).

Each xfail names where the loss happens and the concrete fix; it turns into a pass (and must lose its mark)
when fixed.
"""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.model.errors import ImportRefused
from analysis.storage import Diary
from analysis.workflows.diary_io import export_csv, import_bytes
from tests.conftest import day

TODAY = dt.date(2026, 11, 22)


def _sam_with_a_typed_note() -> tuple[Diary, int]:
    diary = Diary(":memory:")
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 5, notes="typed in the app: slept badly"))
    return diary, episode


@pytest.mark.parametrize("column, cell", [("medications", "ibuprofen"), ("symptoms", "sore hip")])
def test_text_the_importer_cannot_read_does_not_replace_a_typed_note(column, cell):
    diary, episode = _sam_with_a_typed_note()
    outcome = import_bytes(diary, f"date,pain,{column}\n2026-11-02,5,{cell}\n".encode(), "sam.csv",
                           patient="Sam", today=TODAY)
    assert any("kept it in the notes" in w for w in outcome.warnings)
    notes = diary.entry(episode, "2026-11-02").notes
    assert "typed in the app: slept badly" in notes and cell in notes


@pytest.mark.parametrize("file_name, header, cell", [("x.csv", "patient", "SAM"), ("sam.csv", "", ""),
                                                     ("x.csv", "patient", "Sam  Smith")])
def test_a_name_differing_only_in_case_or_spaces_joins_the_stored_person_or_says_so(file_name, header, cell):
    """Fixed here with a warning (analysis/workflows/diary_io.py _names_alike): names are matched exactly, so
    'SAM', 'sam.csv' or 'Sam  Smith' started a second person beside the stored one without a word."""
    diary = Diary(":memory:")
    diary.add_episode("Sam Smith" if "Smith" in cell else "Sam", "2026-11-01")
    stored = diary.patient_names()[0]
    extra = f",{header}" if header else ""
    row = f",{cell}" if header else ""
    outcome = import_bytes(diary, f"date,pain{extra}\n2026-11-03,6{row}\n".encode(), file_name, today=TODAY)
    assert diary.patient_names() == [stored] or any(stored in w for w in outcome.warnings)


def test_reimporting_ones_own_export_changes_no_note():
    diary = Diary(":memory:")
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 5, notes="sore after the drive \n"))
    written = import_bytes(diary, export_csv(diary).encode(), "backtrack-diary.csv", today=TODAY).written
    assert (written.updated, written.unchanged) == (0, 1)
    assert diary.entry(episode, "2026-11-02").notes == "sore after the drive \n"


def test_the_same_file_imported_again_after_a_new_episode_duplicates_no_day():
    """Fixed here (analysis/storage/episode_keys.py _keep_stored_days): a row without onset_date joined the
    latest episode even when its day was stored in an earlier one, so the same file imported again after a new
    episode started inside its days stored those days twice ('3 new days')."""
    diary = Diary(":memory:")
    rows = "".join(f"2026-11-{i:02d},5,n{i}\n" for i in range(1, 11))
    data = f"date,pain,notes\n{rows}".encode()
    import_bytes(diary, data, "diary.csv", patient="Sam", today=TODAY)
    diary.add_episode("Sam", "2026-11-08")  # a new episode, started from the sidebar
    written = import_bytes(diary, data, "diary.csv", patient="Sam", today=TODAY).written
    assert (written.added, written.unchanged) == (0, 10)
    assert len(diary.entries()) == 10


def test_an_empty_patient_cell_does_not_silently_start_another_person():
    """Fixed here with a warning naming the row (analysis/ingest/file_reading.py _typed): an empty cell of a
    patient column put that day under --patient, or a new person named after the file, without a word."""
    diary = Diary(":memory:")
    data = b"date,pain,patient\n2026-11-02,5,Sam\n2026-11-03,6,\n"
    try:
        outcome = import_bytes(diary, data, "kim.csv", today=TODAY)
    except ImportRefused as refused:
        assert "row 3" in str(refused)
        return
    assert diary.patient_names() == ["Sam"] or any("row 3" in w for w in outcome.warnings)
