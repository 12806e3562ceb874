"""analysis.review.diary_edits: a Diary-table edit belongs to the day of the row it was typed in, or is refused or
reported in one sentence (data-safety review 2). Written from the promise: never applied to another day."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.model.errors import NotFound
from analysis.review import diary_edits as de

DAYS = [dt.date(2026, 11, 30), dt.date(2026, 11, 29), dt.date(2026, 11, 28)]  # newest first, as the table


def test_row_keys_name_the_diary_and_the_day() -> None:
    assert de.row_keys(3, DAYS[:2]) == ["3/2026-11-30", "3/2026-11-29"]
    assert de.row_keys(3, DAYS) != de.row_keys(4, DAYS)  # same dates, another diary: other rows


def test_edits_are_keyed_by_the_day_of_their_row() -> None:
    edits = de.edits_by_day({"2": {"pain": 9}, 0: {"activity_minutes": "", "notes": ""}}, DAYS)
    assert edits == {DAYS[2]: {"pain": 9}, DAYS[0]: {"activity_minutes": None, "notes": ""}}


@pytest.mark.parametrize("position", [3, -1])
def test_a_position_outside_the_table_is_refused(position: int) -> None:
    with pytest.raises(NotFound, match="nothing was saved"):
        de.edits_by_day({position: {"pain": 9}}, DAYS)


def test_save_is_refused_when_an_edited_day_is_gone() -> None:
    de.require_days({DAYS[0]: {}}, lambda day: True)
    with pytest.raises(NotFound) as refused:
        de.require_days({DAYS[0]: {}, DAYS[1]: {}}, lambda day: day != DAYS[0])
    assert str(refused.value) == "Mon 30 Nov is no longer in this diary (deleted elsewhere), so nothing was saved."
    with pytest.raises(NotFound, match="^Sun 29 Nov and Mon 30 Nov are no longer"):
        de.require_days({DAYS[0]: {}, DAYS[1]: {}}, lambda day: False)


def test_a_dropped_edit_is_reported_once_with_its_reason() -> None:
    rows = de.row_keys(1, DAYS)
    before = de.pending(1, rows, {1: {"pain": 9}}, DAYS)
    assert before.days == (DAYS[1],)
    assert de.dropped_sentence(None, 1, rows) is None
    assert de.dropped_sentence(before, 1, rows) is None  # the same rows: the edit is still there
    assert de.dropped_sentence(de.pending(1, rows, {}, DAYS), 1, rows[1:]) is None  # nothing was pending
    assert de.dropped_sentence(before, 1, rows[1:]) == (
        "The diary changed before you pressed Save (a day was added or deleted), so your change to Sun 29 Nov "
        "was not saved: make it again if you still need it.")
    assert de.dropped_sentence(before, 2, de.row_keys(2, DAYS)) == (
        "You chose another diary before pressing Save, so your change to Sun 29 Nov in the other diary was not "
        "saved.")
    three = de.pending(1, rows, {0: {}, 1: {}, 2: {}}, DAYS)
    assert "your change to Sat 28 Nov, Sun 29 Nov and Mon 30 Nov was" in de.dropped_sentence(three, 1, rows[:1])


def test_an_edit_streamlit_dropped_while_another_page_was_open_is_said() -> None:
    """Review 33: a pain typed in the table, Today opened, the Diary again: the table showed the old value and
    nothing said the change was gone (the editor's edits are dropped with the page)."""
    rows = de.row_keys(1, DAYS)
    before = de.pending(1, rows, {1: {"pain": 9}}, DAYS)
    assert de.dropped_sentence(before, 1, rows, editor_kept=False) == (
        "You opened another page before pressing Save, so your change to Sun 29 Nov was not saved: make it again "
        "if you still need it.")
    assert de.dropped_sentence(before, 1, rows, editor_kept=True) is None
    assert de.dropped_sentence(de.pending(1, rows, {}, DAYS), 1, rows, editor_kept=False) is None
