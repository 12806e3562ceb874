"""Warning signs in everyday words, in a note and in the symptom column (analysis.ingest.note_signs, symptoms).

Review 35: a tester who had not read the code wrote 41 diaries from clinical stories and predicted the alerts
from GUIDANCE.md first. A leg that would not lift and weight lost "a stone" were missed; "legs not weak" and
long-standing diabetic numbness ("nothing new") raised urgent alerts on two days.
"""
from __future__ import annotations

import pytest

from analysis.ingest.note_signs import read_note
from analysis.ingest.symptoms import mentions_warning, parse_symptoms


@pytest.mark.parametrize(("note", "codes"), [
    ("my left leg just wouldn't lift this morning", ["cannot_move_leg"]),
    ("couldn't lift my leg at all", ["cannot_move_leg"]),
    ("couldn't lift my leg into the car at all", ["cannot_move_leg"]),
    ("leg wouldn't move this morning", ["cannot_move_leg"]),
    ("my leg didn't move", ["cannot_move_leg"]),
    ("unable to raise my right leg", ["cannot_move_leg"]),
    ("had to drag my leg", ["weakness"]),
    ("dragging my left foot", ["weakness"]),
    ("lost a stone in two months without dieting", ["weight_loss"]),
    ("lost a stone without trying", ["weight_loss"]),
    ("lost half a stone", ["weight_loss"]),
    ("lost two stone since October", ["weight_loss"]),
    ("lost a few pounds without trying", ["weight_loss"]),
])
def test_a_sign_in_everyday_words_is_read_from_a_note_and_the_symptom_column(note: str, codes: list[str]) -> None:
    assert read_note(note) == ([(note, codes)], [])
    assert parse_symptoms(note) == (codes, [])


@pytest.mark.parametrize("note", [
    "legs not weak", "feet aren't numb", "not numb at all", "my leg is not numb, bladder fine", "no longer numb",
    "didn't move my legs much today",  # a day at a desk, not a leg that cannot move
])
def test_a_sign_said_absent_after_its_name_is_neither_read_nor_listed(note: str) -> None:
    assert read_note(note) == ([], [])
    assert parse_symptoms(note) == ([], [])
    assert not mentions_warning(note)


def test_what_is_said_absent_leaves_the_rest_of_the_item_read() -> None:
    assert read_note("legs numb not weak") == ([("legs numb not weak", ["numbness"])], [])
    assert read_note("legs not weak but numb") == ([("numb", ["numbness"])], [])
    assert read_note("tingling, not numb") == ([("tingling", ["numbness"])], [])
    assert parse_symptoms("numbness not going away") == (["numbness"], [])  # the sign, still there


@pytest.mark.parametrize(("note", "unsure"), [
    ("numb feet for years from my diabetes, nothing new", ["numb feet for years from my diabetes"]),
    ("numb feet, nothing new", ["numb feet"]),
    ("tingling for years", ["tingling for years"]),
    ("weakness in my leg since childhood polio", ["weakness in my leg since childhood polio"]),
])
def test_long_standing_numbness_is_listed_to_check_not_read(note: str, unsure: list[str]) -> None:
    """GUIDANCE §4's emergency is new or worsening numbness: one that has been there for years is for the clinician
    to judge, not an urgent alert on the second day it is written down."""
    assert read_note(note) == ([], unsure)


def test_an_emergency_said_not_new_is_still_read() -> None:
    """Only numbness, weakness and leg pain are listed to check when the note says they are not new: a bladder that
    cannot be controlled is read whatever else the note says."""
    assert read_note("lost control of my bladder, nothing new") == ([("lost control of my bladder",
                                                                       ["bladder_bowel"])], [])
    assert read_note("numb legs since yesterday") == ([("numb legs since yesterday", ["numbness"])], [])
