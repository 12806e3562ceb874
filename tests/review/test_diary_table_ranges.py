"""analysis.review.diary_edits.cells_out_of_range (review 29): a number typed into the Diary table outside its range
is refused in one sentence per cell, naming the day and the column as the table shows them; the grid had changed
pain 14 to 10 and minutes 2000 to 1440 without a word. The ranges are read from analysis.model.limits, as the
code reads them, so a changed limit moves these boundaries too."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.model import columns as c
from analysis.model.limits import LIMITS
from analysis.review.diary_edits import NUMBER_COLUMNS, TABLE_NOT_SAVED, cells_out_of_range, edits_by_day

SAT = dt.date(2026, 11, 28)
SUN = dt.date(2026, 11, 29)
FIELDS = [c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST]


@pytest.mark.parametrize("field", FIELDS)
def test_both_ends_of_a_range_can_be_saved(field: str) -> None:
    limit = LIMITS[field]
    assert cells_out_of_range({SAT: {field: limit.low}, SUN: {field: limit.high}}) == []


@pytest.mark.parametrize(("field", "past"), [(c.PAIN, 0.5), (c.WORST_PAIN, 0.5), (c.ACTIVITY, 1), (c.BED_REST, 0.5),
                                             (c.PAIN, -1), (c.ACTIVITY, -1)])
def test_a_number_past_either_end_is_refused_in_one_sentence(field: str, past: float) -> None:
    limit = LIMITS[field]
    typed = limit.high + past if past > 0 else limit.low + past
    said = cells_out_of_range({SAT: {field: typed}})
    assert len(said) == 1, said
    assert said[0].startswith(f"Sat 28 Nov 2026, {NUMBER_COLUMNS[field]}: {typed:,g} cannot be saved; "), said
    assert f"from {limit.low:,g} to {limit.high:,g}{limit.unit}. " in said[0] and said[0].endswith(TABLE_NOT_SAVED)


def test_one_cell_of_each_column_past_its_range_gives_four_sentences_in_the_columns_order() -> None:
    """Pain 10.5, worst pain -1, minutes 1441 and hours 24.5 (with today's limits), each in its column's words."""
    pain, worst, minutes, hours = (LIMITS[field] for field in FIELDS)
    said = cells_out_of_range({SAT: {c.PAIN: pain.high + 0.5, c.WORST_PAIN: worst.low - 1,
                                     c.ACTIVITY: minutes.high + 1, c.BED_REST: hours.high + 0.5}})
    assert said == [
        f"Sat 28 Nov 2026, Pain: {pain.high + 0.5:g} cannot be saved; type a number from {pain.low:g} to "
        f"{pain.high:g}{pain.unit}. {TABLE_NOT_SAVED}",
        f"Sat 28 Nov 2026, Worst pain: {worst.low - 1:g} cannot be saved; type a number from {worst.low:g} to "
        f"{worst.high:g}{worst.unit}. {TABLE_NOT_SAVED}",
        f"Sat 28 Nov 2026, Minutes active: {minutes.high + 1:,g} cannot be saved; type a whole number from "
        f"{minutes.low:,g} to {minutes.high:,g}{minutes.unit}. {TABLE_NOT_SAVED}",
        f"Sat 28 Nov 2026, Hours in bed: {hours.high + 0.5:g} cannot be saved; type a number from {hours.low:g} to "
        f"{hours.high:g}{hours.unit}. {TABLE_NOT_SAVED}",
    ]
    assert TABLE_NOT_SAVED == "Nothing was saved; the table keeps what you typed."


def test_several_bad_cells_on_several_days_give_a_sentence_each_oldest_day_first() -> None:
    edits = edits_by_day({0: {c.PAIN: 14, c.NOTES: "typo"}, 1: {c.ACTIVITY: 2000, c.BED_REST: 3}}, [SUN, SAT])
    said = cells_out_of_range(edits)
    assert [s.split(" cannot")[0] for s in said] == ["Sat 28 Nov 2026, Minutes active: 2,000",
                                                     "Sun 29 Nov 2026, Pain: 14"]


def test_minutes_are_whole_as_the_column_steps_them() -> None:
    assert cells_out_of_range({SAT: {c.ACTIVITY: 30.5}})[0].startswith("Sat 28 Nov 2026, Minutes active: 30.5 ")
    assert cells_out_of_range({SAT: {c.BED_REST: 1.5, c.PAIN: 4.5}}) == []


def test_an_emptied_cell_a_note_and_a_low_worst_pain_are_not_range_problems() -> None:
    """Emptied cells are saved as not recorded (as before); a worst pain below the average is raised to it on Save
    (worst_not_below_average); text that is not a number is left to storage's own sentence."""
    edits = edits_by_day({0: {c.PAIN: "", c.WORST_PAIN: None, c.ACTIVITY: "", c.NOTES: "x" * 50}}, [SAT])
    assert cells_out_of_range(edits) == []
    assert cells_out_of_range({SAT: {c.PAIN: 9, c.WORST_PAIN: 3}}) == []
    assert cells_out_of_range({SAT: {c.PAIN: "fourteen"}}) == []
