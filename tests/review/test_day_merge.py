"""Today's Save when the day changed elsewhere since the form was filled (analysis.review.day_merge; review 12:
a second tab's Save erased what the first had saved)."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from analysis.review.day_merge import merged_day
from analysis.storage.records import DayEntry, DoseEntry

DAY = dt.date(2026, 12, 2)
PARACETAMOL, IBUPROFEN = DoseEntry("paracetamol", 1000, 2), DoseEntry("ibuprofen", 400, 3)


def test_nothing_saved_elsewhere_saves_the_form_as_it_is() -> None:
    loaded = DayEntry(DAY, 5, 6, 30, 0, "x", [PARACETAMOL], ["leg_pain"])
    form = DayEntry(DAY, 4, 6, 30, 0, "x", [], [])
    assert merged_day(loaded, form, loaded) == (form, [])
    assert merged_day(None, form, None) == (form, [])


def test_an_empty_form_saved_after_another_tab_keeps_the_other_tabs_day_but_its_own_pain() -> None:
    other_tab = DayEntry(DAY, 3, None, 40, None, "walked to the shop", [PARACETAMOL], ["leg_pain"])
    form = DayEntry(DAY, 4)
    saved, kept = merged_day(None, form, other_tab)
    assert saved == DayEntry(DAY, 4, None, 40, None, "walked to the shop", [PARACETAMOL], ["leg_pain"])
    assert kept == ["activity_minutes", "notes", "doses", "symptoms"]


def test_what_the_person_changed_wins_and_what_they_left_keeps_the_newer_value() -> None:
    loaded = DayEntry(DAY, 5, 6, 30, 0, "morning", [PARACETAMOL], ["leg_pain"])
    elsewhere = DayEntry(DAY, 5, 7, 45, 0, "morning, then a walk", [PARACETAMOL, IBUPROFEN], ["leg_pain", "fever"])
    form = DayEntry(DAY, 5, 6, 20, 0, "morning", [PARACETAMOL], ["leg_pain"])  # only the minutes changed here
    saved, kept = merged_day(loaded, form, elsewhere)
    assert saved == DayEntry(DAY, 5, 7, 20, 0, "morning, then a walk", [PARACETAMOL, IBUPROFEN],
                             ["leg_pain", "fever"])
    assert kept == ["worst_pain", "notes", "doses", "symptoms"]


def test_signs_merge_one_by_one_and_a_sign_unticked_here_goes() -> None:
    loaded = DayEntry(DAY, 5, symptoms=["leg_pain", "numbness"])
    elsewhere = DayEntry(DAY, 5, symptoms=["leg_pain", "numbness", "bladder_bowel"])
    form = DayEntry(DAY, 5, symptoms=["leg_pain", "fever"])  # numbness unticked, fever ticked
    saved, kept = merged_day(loaded, form, elsewhere)
    assert sorted(saved.symptoms) == ["bladder_bowel", "fever", "leg_pain"] and kept == ["symptoms"]


def test_the_same_medicines_in_another_order_are_not_reported_as_kept() -> None:
    loaded = DayEntry(DAY, 5, doses=[PARACETAMOL, IBUPROFEN])
    stored = DayEntry(DAY, 5, doses=[IBUPROFEN, PARACETAMOL], notes="added elsewhere")
    saved, kept = merged_day(loaded, DayEntry(DAY, 5, doses=[PARACETAMOL, IBUPROFEN]), stored)
    assert kept == ["notes"] and saved.doses == [PARACETAMOL, IBUPROFEN]


def test_a_worst_pain_kept_from_elsewhere_is_never_below_the_new_pain() -> None:
    saved, _ = merged_day(DayEntry(DAY, 3, 4), DayEntry(DAY, 8, 4), DayEntry(DAY, 3, 5))
    assert (saved.pain, saved.worst_pain) == (8, 8)


parts = st.fixed_dictionaries({
    "pain": st.sampled_from([2.0, 5.0, 7.5]), "worst_pain": st.sampled_from([None, 6.0, 9.0]),
    "activity_minutes": st.sampled_from([None, 0.0, 30.0]), "bed_rest_hours": st.sampled_from([None, 0.0, 4.0]),
    "notes": st.sampled_from(["", "a", "b"]), "doses": st.sampled_from([[], [PARACETAMOL], [IBUPROFEN]]),
    "symptoms": st.lists(st.sampled_from(["leg_pain", "numbness", "fever"]), unique=True)})


@given(parts, parts, parts)
def test_every_part_is_the_forms_if_changed_there_else_the_stored_one(loaded: dict, form: dict,
                                                                      stored: dict) -> None:
    saved, kept = merged_day(DayEntry(DAY, **loaded), DayEntry(DAY, **form), DayEntry(DAY, **stored))
    for part in ("pain", "activity_minutes", "bed_rest_hours", "notes", "doses"):
        expected = form[part] if form[part] != loaded[part] else stored[part]
        assert getattr(saved, part) == expected, part
        assert (part in kept) == (form[part] == loaded[part] and stored[part] != form[part]), part
    for sign in ("leg_pain", "numbness", "fever"):
        changed_here = (sign in form["symptoms"]) != (sign in loaded["symptoms"])
        assert (sign in saved.symptoms) == (sign in (form if changed_here else stored)["symptoms"]), sign
