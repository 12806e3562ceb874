"""Which refused files' results leave the Clinic when their files leave its upload box (review 30)."""
from __future__ import annotations

from analysis.workflows.upload_box import removed_refusals


def test_a_refused_file_taken_out_of_the_box_is_forgotten() -> None:
    assert removed_refusals(["a.csv", "b.csv", "c.csv"], ["a.csv", "b.csv"], {"c.csv"}) == {"c.csv"}


def test_an_imported_file_taken_out_stays_said() -> None:
    assert removed_refusals(["a.csv", "b.csv"], ["b.csv"], {"b.csv"}) == set()


def test_an_empty_box_says_nothing_the_page_was_left() -> None:
    assert removed_refusals(["a.csv", "b.csv"], [], {"a.csv", "b.csv"}) == set()


def test_two_files_of_one_name_are_told_apart_as_the_results_are_kept() -> None:
    """The second of two files named alike is kept as "x (2).csv" (distinct_names): removing it forgets that one."""
    assert removed_refusals(["x.csv", "x.csv", "y.csv"], ["x.csv", "y.csv"], {"x (2).csv"}) == {"x (2).csv"}
