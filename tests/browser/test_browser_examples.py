"""'Remove the example diaries' pressed in Chromium after the person typed a day into an example's form (review 26:
the day was deleted with the examples, unasked and with no copy): the examples' own days go, the typed day stays,
the toast says so, and an automatic backup was taken first (analysis.workflows.examples)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import Diary
from analysis.workflows.diary_io import load_demo
from tests.browser import browser_page, screenshot, settle
from tests.browser_form import pick_pain

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def test_removing_the_examples_in_the_browser_keeps_the_typed_day(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    load_demo(diary, TODAY - dt.timedelta(days=1))  # as *Load demo diary* does
    demo_days = len(diary.entries())
    diary.close()
    with browser_page(1366, 1100) as page:
        page.goto(url)
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        pick_pain(page, "Pain on average today", 3)
        page.get_by_label("Notes (optional)").fill("my own first day")
        settle(page)
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text("Saved today.")).to_be_visible(timeout=30_000)
        settle(page)
        page.get_by_role("button", name="Remove the example diaries").click()
        expect(page.get_by_text(re.compile(r"Example diaries removed \(an automatic backup was taken first\); "
                                           r"the day you typed is kept"))).to_be_visible(timeout=30_000)
        # the notice is gone: what is left is the person's day, not an example (review 28: it said "You are looking at
        # example diaries" again, with a Remove button that did nothing more)
        expect(page.get_by_role("button", name="Remove the example diaries")).to_have_count(0)
        expect(page.get_by_text("You are looking at example diaries")).to_have_count(0)
        screenshot(page, "examples_removed_typed_day_kept")
    after = Diary(db)
    entries = after.entries()
    assert entries["notes"].tolist() == ["my own first day"] and entries["pain"].tolist() == [3.0]
    assert len(entries) < demo_days and after.automatic_backups(), "no copy taken before the examples went"
    after.close()
