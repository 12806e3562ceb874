"""Diary table edits in a real browser (data-safety review 2): an edit must land on the day, and in the diary,
the person saw it in. The grid is clicked and typed into as a person does (a header clicked to sort, a cell
typed into, Save pressed), then the value is read back from the SQLite diary.

Found: an edit typed in one person's diary and left unsaved while the sidebar chose another diary of the same
length was saved into that other diary (Streamlit kept the editor's row-position edits for any table of the same
shape). Not found: sorting by a header does not move an edit (edited_rows are positions in the data sent).
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary
from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading
from tests.grid_cells import NOTES, ROW, column, save_changes, type_into

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def _robin_and_sam(db) -> tuple[int, int]:
    """Two diaries of three days each (28, 29, 30 Nov when today is 1 Dec), pains 2, 8, 5 oldest first."""
    diary = Diary(db)
    robin = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), "", 45)
    sam = diary.add_episode("Sam", TODAY - dt.timedelta(days=9), "", 45)
    for ago, pain in ((3, 2), (2, 8), (1, 5)):
        for episode, name in ((robin, "robin"), (sam, "sam")):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), pain, None, None, None,
                                               f"{name} {ago}", []))
    diary.close()
    return robin, sam


def _notes(db, episode: int) -> dict[dt.date, str]:
    diary = Diary(db)
    try:
        return {ts.date(): note for ts, note in diary.entries([episode])[["date", "notes"]].itertuples(index=False)}
    finally:
        diary.close()


def _open_diary(page, url: str) -> None:
    """The Diary page, its table drawn."""
    page.goto(f"{url}/diary")
    wait_for_heading(page, "Diary")
    settle(page)


def test_an_edit_in_a_table_sorted_by_a_header_lands_on_the_day_shown(app_diary) -> None:
    url, db = app_diary
    robin, sam = _robin_and_sam(db)
    with browser_page(1366, 1000) as page:
        _open_diary(page, url)
        assert column(page, NOTES, 3) == ["sam 1", "sam 2", "sam 3"]  # the newest episode, newest day first
        box = page.get_by_test_id("data-grid-canvas").bounding_box()
        page.mouse.click(box["x"] + 40, box["y"] + ROW / 2)  # the Date header: oldest first (sorted in the browser)
        page.wait_for_timeout(500)
        assert column(page, 0, 3) == [(TODAY - dt.timedelta(days=ago)).isoformat() for ago in (3, 2, 1)]
        type_into(page, NOTES, 1, "typed on the middle day")  # shown second, sent second-newest: the same day
        type_into(page, NOTES, 0, "typed on the oldest day")  # shown first, sent last
        screenshot(page, "diary_sorted_edit")
        save_changes(page)
    assert _notes(db, sam) == {TODAY - dt.timedelta(days=3): "typed on the oldest day",
                               TODAY - dt.timedelta(days=2): "typed on the middle day",
                               TODAY - dt.timedelta(days=1): "sam 1"}
    assert set(_notes(db, robin).values()) == {"robin 3", "robin 2", "robin 1"}


def test_an_edit_left_unsaved_when_another_diary_is_chosen_is_never_saved_into_it(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    robin, sam = _robin_and_sam(db)
    with browser_page(1366, 1000) as page:
        _open_diary(page, url)
        type_into(page, NOTES, 0, "meant for Sam")  # Sam's newest day, not saved
        runs = app_runs(page)
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name=re.compile("Robin")).click()
        settle(page, after=runs)
        shown = column(page, NOTES, 3)
        screenshot(page, "diary_switched_with_an_edit")
        told = page.get_by_text("was not saved", exact=False).count()
        save_changes(page)
        assert set(_notes(db, robin).values()) == {"robin 3", "robin 2", "robin 1"}, "saved into Robin's diary"
        assert set(_notes(db, sam).values()) == {"sam 3", "sam 2", "sam 1"}
        assert shown == ["robin 1", "robin 2", "robin 3"]  # Robin's table shows Robin's notes only
        assert told, "the person is told the edit in the other diary was not saved"
        expect(page.get_by_text("was not saved", exact=False)).to_have_count(0)  # said once, not after Save
