"""Which refused files' results leave the Clinic when their files leave its upload box (review 30)."""
from __future__ import annotations

from analysis.workflows.upload_box import removed_refusals


def test_a_refused_file_taken_out_of_the_box_is_forgotten() -> None:
    imported = {"a.csv": "id-a", "b.csv": "id-b", "c.csv": "id-c"}
    assert removed_refusals(imported, {"id-a", "id-b"}, {"c.csv"}) == {"c.csv"}


def test_an_imported_file_taken_out_stays_said() -> None:
    assert removed_refusals({"a.csv": "id-a", "b.csv": "id-b"}, {"id-b"}, {"b.csv"}) == set()


def test_the_last_refused_file_taken_out_is_forgotten_too() -> None:
    assert removed_refusals({"a.csv": "id-a"}, set(), {"a.csv"}) == {"a.csv"}


def test_two_files_of_one_name_are_told_apart_by_their_ids() -> None:
    """The second of two a.csv (kept as "a (2).csv") was refused; taking the first, imported one out leaves the
    refused one's result, and taking the refused one out forgets it."""
    imported = {"a.csv": "first", "a (2).csv": "second"}
    assert removed_refusals(imported, {"second"}, {"a (2).csv"}) == set()
    assert removed_refusals(imported, {"first"}, {"a (2).csv"}) == {"a (2).csv"}
