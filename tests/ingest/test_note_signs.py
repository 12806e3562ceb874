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
    ("couldn't lift my leg into the car at all", ["weakness"]),  # lifts, not far enough: lost strength
    ("leg wouldn't move this morning", ["cannot_move_leg"]),
    ("unable to raise my right leg", ["cannot_move_leg"]),
    ("had to drag my leg", ["weakness"]),
    ("dragging my left foot", ["weakness"]),
    ("lost a stone in two months without dieting", ["weight_loss"]),
    ("lost a stone without trying", ["weight_loss"]),
    ("lost half a stone", ["weight_loss"]),
    ("lost two stone since October", ["weight_loss"]),
    ("lost a couple of kilos without trying", ["weight_loss"]),
])
def test_a_sign_in_everyday_words_is_read_from_a_note_and_the_symptom_column(note: str, codes: list[str]) -> None:
    assert read_note(note) == ([(note, codes)], [])
    assert parse_symptoms(note) == (codes, [])


@pytest.mark.parametrize("note", ["legs not weak", "feet aren't numb", "my leg is not numb", "saddle area isn't numb",
                                  "legs not numb or weak", "foot isn't numb anymore"])
def test_a_sign_said_absent_after_its_name_is_listed_to_check_never_read(note: str) -> None:
    """Never read (two days of "legs not weak" were an urgent alert), never dropped unsaid either: "I'm not numb
    anywhere except my left foot" says a sign in words a parser can get wrong (review 35's code reader)."""
    assert read_note(note) == ([], [note])
    assert parse_symptoms(note) == ([], [note])
    assert mentions_warning(note)


@pytest.mark.parametrize("note", [
    "didn't move my legs much today",  # a day at a desk, not a leg that cannot move
    "won't move my legs off the sofa today, lazy day",  # a choice
    "couldn't lift a leg at yoga", "won't lift my leg weights today", "leg didn't budge from the sofa",
    "lost a pound coin down the sofa", "lost a few pounds on the horses", "dropped a stone on my foot",
    "lost a few pounds in the pub quiz",
    "the dog is dragging the leg he hurt", "dragged the foot stool over",
])
def test_everyday_words_that_only_look_like_a_sign_are_not_read(note: str) -> None:
    assert read_note(note)[0] == []
    assert parse_symptoms(note)[0] == []


@pytest.mark.parametrize("note", [
    "can't raise my leg above 30 degrees", "couldn't lift my leg over the bath edge", "couldn't lift my leg much",
    "couldn't lift my leg onto the bed without help", "can't lift my leg properly",
])
def test_a_leg_that_lifts_less_far_is_weakness_not_a_leg_that_cannot_move(note: str) -> None:
    """GUIDANCE §4: "cannot move a leg" is the emergency; "loss of strength" is see a doctor (review 35's code
    reader: each of these was an urgent alert)."""
    assert read_note(note) == ([(note, ["weakness"])], [])


@pytest.mark.parametrize("note", ["couldn't lift my leg, too painful", "couldn't lift my leg, it hurt too much",
                                  "couldn't move my leg. too painful",
                                  "couldn't lift my leg as it was so sore", "can't lift my leg without pain"])
def test_a_leg_that_hurts_to_lift_is_listed_to_check(note: str) -> None:
    """The pain is the reason, said in the same sentence (a leg that cannot move is an emergency, one that hurts is
    not): listed for the clinician, never read."""
    read, unsure = read_note(note)
    assert read == [] and unsure


def test_what_is_said_absent_leaves_the_rest_of_the_item_read() -> None:
    assert read_note("legs numb not weak") == ([("legs numb not weak", ["numbness"])], [])
    assert read_note("legs not weak but numb") == ([("numb", ["numbness"])], ["legs not weak"])
    assert read_note("tingling, not numb") == ([("tingling", ["numbness"])], [])
    assert parse_symptoms("numbness not going away") == (["numbness"], [])  # the sign, still there
    # degree words and the past say the sign is there now (review 35's code reader: both were dropped unsaid)
    assert read_note("foot not as numb as yesterday") == ([("foot not as numb as yesterday", ["numbness"])], [])
    assert read_note("foot wasn't numb this morning but it is now")[0] == [("foot wasn't numb this morning",
                                                                           ["numbness"])]


@pytest.mark.parametrize(("note", "unsure"), [
    ("numb feet for years from my diabetes, nothing new", ["numb feet for years from my diabetes"]),
    ("numb feet nothing new", ["numb feet nothing new"]),
    ("tingling for years", ["tingling for years"]),
    ("weakness in my leg since childhood polio", ["weakness in my leg since childhood polio"]),
])
def test_long_standing_numbness_is_listed_to_check_not_read(note: str, unsure: list[str]) -> None:
    """GUIDANCE §4's emergency is new or worsening numbness: one that has been there for years is for the clinician
    to judge, not an urgent alert on the second day it is written down."""
    assert read_note(note) == ([], unsure)


@pytest.mark.parametrize("note", ["numb for years but worse today", "numb for years. worse today",
                                  "numbness always been there but much worse today",
                                  "always had numb toes, now whole leg numb", "new numbness in my diabetic foot",
                                  "legs gave way, first time for years", "sat for a long time and my leg went numb"])
def test_numbness_said_new_or_worse_is_read_whatever_else_the_sentence_says(note: str) -> None:
    """GUIDANCE §4: new or worsening numbness is the emergency (review 35's code reader)."""
    assert read_note(note)[0]


def test_a_long_standing_word_in_another_item_leaves_a_sign_read() -> None:
    """The marker must be said of the sign itself (review 35's code reader: "as usual" and "nothing new on the telly"
    in a note took its numbness with them)."""
    assert read_note("nothing new on the telly, left leg numb since lunch") == (
        [("left leg numb since lunch", ["numbness"])], [])
    assert read_note("went to work as usual, left leg numb and weak")[0]
    assert read_note("numb foot since yesterday, I'm diabetic") == ([("numb foot since yesterday", ["numbness"])], [])


@pytest.mark.parametrize(("note", "codes"), [
    ("legs won't move from the waist down", ["cannot_move_leg"]),  # read as before the change (review 35b)
    ("my left leg won't move when I try to walk", ["cannot_move_leg"]),
    ("legs won't move properly", ["cannot_move_leg"]),
    ("can't move my left leg at all, taking codeine for the pain", ["cannot_move_leg"]),  # "at all": the sign
    ("couldn't move my legs, wet myself, it hurts", ["cannot_move_leg", "bladder_bowel"]),
    ("Both legs. Numb.", ["both_legs", "numbness"]),
    ("not able to move my leg", ["cannot_move_leg"]),
    ("can not move my leg", ["cannot_move_leg"]),
])
def test_an_urgent_sign_is_read_whatever_else_the_note_says(note: str, codes: list[str]) -> None:
    read, _ = read_note(note)
    assert [code for _, found in read for code in found] == codes


def test_an_emergency_said_not_new_is_still_read() -> None:
    """Only numbness, weakness and leg pain are listed to check when the note says they are not new: a bladder that
    cannot be controlled is read whatever else the note says."""
    assert read_note("lost control of my bladder, nothing new") == ([("lost control of my bladder",
                                                                       ["bladder_bowel"])], [])
    assert read_note("numb legs since yesterday") == ([("numb legs since yesterday", ["numbness"])], [])
