"""Re-saving an imported day on Today in a real browser (data-safety review): the date typed, a note added, Save
pressed; the day keeps its half point, its unrecorded fields and the doses the form cannot show."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary, DoseEntry
from tests.browser import browser_page, screenshot, settle
from tests.browser_form import pick_date

pytestmark = pytest.mark.browser


def _imported_day(db: str) -> tuple[int, dt.date]:
    """Robin's episode with an imported day three days ago: a half point, nothing else recorded, and doses the
    form cannot show (two of one medicine, one outside the pick list). Returns (episode id, the day)."""
    past = dt.date.today() - dt.timedelta(days=3)
    diary = Diary(db)
    episode = diary.add_episode("Robin", dt.date.today() - dt.timedelta(days=10), "", 45)
    doses = [DoseEntry("ibuprofen", 400, 2), DoseEntry("ibuprofen", 200, 1), DoseEntry("melatonin", 3, 1)]
    diary.save_entry(episode, DayEntry(past, 4.5, None, None, None, "imported", doses))
    diary.close()
    return episode, past


def _open_today_on(page, url: str, day: dt.date) -> None:
    """Today, with `day` typed into its date box."""
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
    pick_date(page, day)


def test_a_resaved_imported_day_keeps_what_the_form_cannot_show(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    episode, past = _imported_day(db)
    with browser_page(1366, 1000) as page:
        _open_today_on(page, url, past)
        kept = "Also logged this day, kept as they are: ibuprofen 400 mg x2; ibuprofen 200 mg x1; melatonin 3 mg x1."
        expect(page.get_by_text(kept)).to_be_visible()
        notes = page.get_by_label("Notes (optional)")
        expect(notes).to_have_value("imported")
        notes.fill("imported; slept badly")
        page.get_by_role("heading", name="Today").click()  # leave the box: Streamlit takes the text
        settle(page)
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text(f"Updated the entry for {past.day} {past:%b}.")).to_be_visible(timeout=30_000)
        settle(page)
        expect(page.get_by_text(kept)).to_be_visible()
        screenshot(page, "today_resaved_imported_day")
    stored = Diary(db)
    day = stored.entry(episode, past)
    stored.close()
    assert day.pain == 4.5 and day.worst_pain is None and day.activity_minutes is None and day.bed_rest_hours is None
    assert day.notes == "imported; slept badly"
    assert sorted((d.medicine, d.dose_mg, d.count) for d in day.doses) == [
        ("ibuprofen", 200, 1), ("ibuprofen", 400, 2), ("melatonin", 3, 1)]


def test_a_kept_dose_ticked_to_remove_is_removed_on_save_and_only_it(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    episode, past = _imported_day(db)
    with browser_page(1366, 1000) as page:
        _open_today_on(page, url, past)
        remove = page.locator('[data-testid="stCheckbox"]').filter(
            has_text="Remove ibuprofen 200 mg x1 when I press Save")
        expect(remove.get_by_role("checkbox")).not_to_be_checked()
        remove.locator("label").click()
        expect(remove.get_by_role("checkbox")).to_be_checked()
        settle(page)
        screenshot(page, "today_kept_dose_ticked")
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text(f"Updated the entry for {past.day} {past:%b}.", exact=False)).to_be_visible(
            timeout=30_000)
        settle(page)
        expect(page.get_by_text("Also logged this day, kept as they are: ibuprofen 400 mg x2; melatonin 3 mg x1.")
               ).to_be_visible()
    stored = Diary(db)
    day = stored.entry(episode, past)
    stored.close()
    assert [(d.medicine, d.dose_mg, d.count) for d in day.doses] == [("ibuprofen", 400, 2), ("melatonin", 3, 1)]
    assert day.pain == 4.5 and day.notes == "imported"
