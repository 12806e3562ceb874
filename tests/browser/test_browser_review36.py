"""Review 36's explorer, in a real browser: a worst pain typed below the day's pain in the Diary table is saved as
the pain (as on Today), but the table went on showing what was typed (2.0 beside a stored 6) and, after a day was
deleted, said the saved change "was not saved". The grid kept its own copy of the edit after Save; only Chromium
shows it (AppTest has no grid)."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.storage import DayEntry, Diary
from tests.browser import browser_page, settle, wait_for_heading
from tests.grid_cells import WORST, save_changes, type_into

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def _robin(db) -> int:
    """Three days, pains 2, 8, 5 oldest first, worst pain 6 on each; the newest (yesterday) is the first row."""
    diary = Diary(db)
    robin = diary.add_episode("Robin", TODAY - dt.timedelta(days=10), "", 45)
    for ago, pain in ((3, 2), (2, 8), (1, 5)):
        diary.save_entry(robin, DayEntry(TODAY - dt.timedelta(days=ago), pain, max(6, pain), None, None, "", []))
    diary.close()
    return robin


def _worst(db, episode: int, ago: int) -> float:
    diary = Diary(db)
    try:
        entry = diary.entry(episode, TODAY - dt.timedelta(days=ago))
        assert entry is not None
        return float(entry.worst_pain)
    finally:
        diary.close()


def test_a_worst_pain_raised_on_save_shows_as_saved_and_is_never_called_unsaved(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    robin = _robin(db)
    with browser_page(1366, 1000) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        type_into(page, WORST, 0, "2")
        save_changes(page)
        assert _worst(db, robin, 1) == 5.0  # raised to the day's pain, as on Today
        settle(page)
        expect(page.get_by_test_id(f"glide-cell-{WORST}-0")).to_have_text("5")  # what is stored, not the 2 typed
        # the grid holds no edit any more: Save again changes nothing, and a day added meanwhile (another tab) redraws
        # the table without calling the saved change "not saved"
        diary = Diary(db)
        diary.save_entry(robin, DayEntry(TODAY, 4, 5, None, None, "", []))
        diary.close()
        save_changes(page)
        expect(page.get_by_text("Nothing was changed.")).to_be_visible()
        expect(page.get_by_text("was not saved", exact=False)).to_have_count(0)
        expect(page.get_by_test_id(f"glide-cell-{WORST}-1")).to_have_text("5")  # yesterday, now the second row
    assert _worst(db, robin, 1) == 5.0


def test_the_examples_beside_an_imported_diary_are_removed_from_the_clinic(app_diary) -> None:
    """Review 36's explorer: after one import the examples could no longer be removed, and "URGENT Anna (demo)" stayed
    at the top of the physiotherapist's list. The Clinic's line above the list removes them."""
    from playwright.sync_api import expect

    from analysis.workflows.diary_io import import_bytes, load_demo

    url, db = app_diary
    diary = Diary(db)
    load_demo(diary, TODAY - dt.timedelta(days=1))
    rows = "".join(f"Olivia,{TODAY - dt.timedelta(days=d)},5\n" for d in range(14, 0, -1))
    import_bytes(diary, ("patient,date,pain\n" + rows).encode(), "olivia.csv")
    diary.close()
    with browser_page(1366, 1000) as page:
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic")
        settle(page)
        expect(page.get_by_text("The example diaries, marked (demo), are still here beside your own.")).to_be_visible()
        expect(page.get_by_text("6 of 6 patients shown", exact=False)).to_be_visible()
        page.get_by_role("button", name="Remove the example diaries").click()
        expect(page.get_by_text("1 of 1 patient shown", exact=False)).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="Remove the example diaries")).to_have_count(0)
    diary = Diary(db)
    try:
        assert diary.patient_names() == ["Olivia"]
    finally:
        diary.close()
