"""Review 29, fault 4: a number typed into the Diary table outside its range is said when Save changes is pressed, and
nothing is saved until it is changed. Before, the table's columns had Streamlit's min and max: the grid changed pain
14 to 10 and minutes 2000 to 1440, and Save stored them with "Saved changes to 1 day.". (AppTest sends the edit as
the grid reports it, past the grid's own checks, as tests/app/test_app.py does.)"""
from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from analysis.model import columns as c
from analysis.model.limits import LIMITS
from analysis.review.diary_edits import TABLE_NOT_SAVED
from analysis.storage import DayEntry, Diary
from tests.apptest import ROOT, app

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=1)  # the table's first row (newest first)


def _robin(db: Path) -> int:
    """Robin's diary: two days, the newest (DAY) pain 3 with 40 minutes active."""
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), "", 45)
    diary.save_entry(episode, DayEntry(DAY - dt.timedelta(days=1), 6, None, None, None, "", []))
    diary.save_entry(episode, DayEntry(DAY, 3, 5, 40, None, "a walk", []))
    diary.close()
    return episode


def _stored(db: Path, episode: int) -> tuple[object, ...]:
    diary = Diary(db)
    try:
        day = diary.entry(episode, DAY)
        assert day is not None
        return day.pain, day.worst_pain, day.activity_minutes, day.bed_rest_hours, day.notes
    finally:
        diary.close()


def _type(at, changes: dict[str, object]):
    """The edits the grid reports for the first row (DAY), then a run, as a cell typed into does."""
    at.session_state["diary_editor"] = {"edited_rows": {0: changes}, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_pain_14_is_said_and_nothing_saved_then_4_is_saved(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary)
    before = _stored(fresh_diary, episode)
    at = app().switch_page("screens/diary.py").run()
    _type(at, {c.PAIN: 14})
    at.button(key="diary_save").click().run()
    assert not at.exception, at.exception
    words = DAY.strftime(f"%a {DAY.day} %b %Y")
    assert [e.value for e in at.error] == [f"{words}, Pain: 14 cannot be saved; type a number from "
                                           f"{LIMITS[c.PAIN].low:g} to {LIMITS[c.PAIN].high:g}. {TABLE_NOT_SAVED}"]
    assert not [t.value for t in at.toast if "Saved" in t.value]  # not "Saved changes to 1 day."
    assert _stored(fresh_diary, episode) == before  # not 10, not anything
    assert at.session_state["diary_editor"]["edited_rows"] == {0: {c.PAIN: 14}}  # the table keeps what was typed
    _type(at, {c.PAIN: 4})
    assert not at.error  # changed: the sentence goes before Save
    at.button(key="diary_save").click().run()
    assert not at.exception, at.exception
    assert "Saved changes to 1 day." in [t.value for t in at.toast]
    assert _stored(fresh_diary, episode) == (4, 5, 40, None, "a walk")
    assert not at.error


def test_several_bad_cells_give_a_sentence_each_and_a_good_cell_beside_them_is_not_saved(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary)
    before = _stored(fresh_diary, episode)
    at = app().switch_page("screens/diary.py").run()
    minutes, hours = LIMITS[c.ACTIVITY], LIMITS[c.BED_REST]
    _type(at, {c.ACTIVITY: 2000, c.BED_REST: hours.high + 0.5, c.NOTES: "typed with them"})
    at.button(key="diary_save").click().run()
    said = [e.value for e in at.error]
    assert len(said) == 2, said
    assert f"Minutes active: 2,000 cannot be saved; type a whole number from 0 to {minutes.high:,g}" in said[0]
    assert f"Hours in bed: {hours.high + 0.5:g} cannot be saved" in said[1]
    assert _stored(fresh_diary, episode) == before  # all or nothing: the note is not saved either


def test_the_boundaries_save_as_before(fresh_diary: Path) -> None:
    episode = _robin(fresh_diary)
    at = app().switch_page("screens/diary.py").run()
    high = {field: LIMITS[field].high for field in (c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST)}
    _type(at, high)
    at.button(key="diary_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _stored(fresh_diary, episode)[:4] == tuple(high.values())


def test_the_tables_number_columns_have_no_min_or_max() -> None:
    """The grid, given a min and max, changes a number past them without a word: the page must not give them."""
    tree = ast.parse((ROOT / "dashboard" / "screens" / "diary.py").read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "NumberColumn"]
    assert len(calls) == 4
    for call in calls:
        given = {k.arg for k in call.keywords}
        assert not given & {"min_value", "max_value", None}, ast.unparse(call)
