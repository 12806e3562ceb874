"""Issue 9 in a real browser: a red flag saved on Today is still on the banner after an ordinary next day."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.model.vocabulary import SYMPTOM_TICK_BOXES
from analysis.storage import DayEntry, Diary
from tests.browser import browser_page, diary_with_episode, screenshot, wait_for_heading

pytestmark = pytest.mark.browser  # skipped without Debian's Chromium (tests/conftest.py)


def test_red_flag_stays_on_the_banner_after_an_ordinary_next_day(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    today = dt.date.today()
    episode = diary_with_episode(db, days_since_onset=5, normal_minutes=45)
    with browser_page() as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        box = page.locator('[data-testid="stCheckbox"]').filter(has_text=SYMPTOM_TICK_BOXES["bladder_bowel"])
        box.locator("label").click()
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text("call your emergency number").first).to_be_visible()
        # the next day is ordinary (logged straight into the diary: the browser's clock cannot move on)
        stored = Diary(db)
        stored.save_entry(episode, DayEntry(today + dt.timedelta(days=1), 2, 3, 30))
        stored.close()
        page.reload()
        wait_for_heading(page, "Today")
        banner = page.locator('[data-testid="stAlert"]').filter(has_text="Act now")
        expect(banner.first).to_contain_text(
            f"Loss of bladder or bowel control reported on {today.day} {today:%B %Y}")
        expect(page.get_by_text("What to do now")).to_be_visible()
        expect(page.get_by_text("Today's plan")).to_have_count(0)
        screenshot(page, "safety_banner_next_day")
        page.get_by_role("link", name="Progress").click()
        expect(page.get_by_role("heading", name="Progress")).to_be_visible()
        expect(page.locator('[data-testid="stAlert"]').filter(has_text="Act now").first).to_be_visible()
        expect(page.get_by_role("button", name="I have been seen about this")).to_be_visible()
