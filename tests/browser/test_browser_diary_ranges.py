"""Review 29, fault 4, in a real browser: pain 14 typed into a Diary table cell is refused on Save changes with a
sentence, and the diary file is unchanged; 4 typed instead is saved. Found: the table's columns had Streamlit's min
and max, and the grid changed 14 to 10 without a word ("Saved changes to 1 day."). Only Chromium shows what the grid
does with a number past a column's max, which AppTest (tests/app/test_diary_table_ranges_app.py) sends past it.

The grid is clicked and typed into with tests/grid_cells.py (Glide draws on a canvas: a cell is found by
clicking until the grid's accessible table says it is selected).
"""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.storage import DayEntry, Diary
from tests.browser import browser_page, screenshot, settle, wait_for_heading
from tests.grid_cells import PAIN, save_changes, type_into

pytestmark = pytest.mark.browser

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=1)  # the newest day: the table's first row


def _robin(db) -> int:
    """Three days (pains 2, 8, 5 oldest first), the newest (DAY) with worst pain 6."""
    diary = Diary(db)
    robin = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), "", 45)
    for ago, pain in ((3, 2), (2, 8), (1, 5)):
        diary.save_entry(robin, DayEntry(TODAY - dt.timedelta(days=ago), pain, 6 if ago == 1 else None, None, None,
                                         f"day {ago}", []))
    diary.close()
    return robin


def _days(db, episode: int) -> list[tuple]:
    """Every stored day of the diary, as values (the table's columns)."""
    diary = Diary(db)
    try:
        shown = diary.entries([episode])[["date", "pain", "worst_pain", "activity_minutes", "bed_rest_hours", "notes"]]
        shown = shown.sort_values("date").astype(object)
        return [tuple(row) for row in shown.where(shown.notna(), None).itertuples(index=False)]  # None: comparable
    finally:
        diary.close()


def test_pain_14_typed_in_the_table_is_refused_with_a_sentence_and_4_is_saved(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    robin = _robin(db)
    before = _days(db, robin)
    sentence = (f"{DAY.strftime(f'%a {DAY.day} %b %Y')}, Pain: 14 cannot be saved; type a number from 0 to 10. "
                "Nothing was saved; the table keeps what you typed.")
    with browser_page(1366, 1000) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        type_into(page, PAIN, 0, "14")
        assert page.get_by_test_id(f"glide-cell-{PAIN}-0").inner_text() == "14"  # the grid keeps 14, not 10
        save_changes(page)
        expect(page.get_by_text(sentence)).to_be_visible()
        expect(page.get_by_text("Saved changes", exact=False)).to_have_count(0)
        shot = screenshot(page, "diary_pain_14_refused")
        assert _days(db, robin) == before, "the diary changed"
        assert page.get_by_test_id(f"glide-cell-{PAIN}-0").inner_text() == "14"  # kept, to be corrected
        type_into(page, PAIN, 0, "4")
        expect(page.get_by_text(sentence)).to_have_count(0)  # changed: the sentence goes
        save_changes(page)
        expect(page.get_by_text(sentence)).to_have_count(0)
    after = _days(db, robin)
    assert after[:-1] == before[:-1] and after[-1][1:] == (4.0, *before[-1][2:]), (before, after)
    assert shot.exists()
