"""Today on an earlier date in a real browser: the questions name that day, a pain chosen there is saved on it,
and switching dates back and forth fills the form from each stored day (the labels change, the values do not
get lost: the widgets are keyed, not found by their words)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.review.page_rules import day_questions
from analysis.storage import Diary
from tests.browser import app_runs, browser_page, diary_with_episode, screenshot, settle, wait_for_heading
from tests.browser_form import paste_date, pick_date, pick_pain

pytestmark = pytest.mark.browser


def _scale(page, label: str):
    return page.locator('[data-testid="stButtonGroup"]').filter(has_text=label)


def test_an_earlier_day_is_asked_about_by_its_date_and_saved_on_it(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    episode = diary_with_episode(db, days_since_onset=10)
    today = dt.date.today()
    past = today - dt.timedelta(days=2)
    when = f"on {past:%a} {past.day} {past:%b}"  # "on Mon 30 Nov"
    with browser_page(1280, 1200) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)  # the first run drawn whole (a loaded CI machine showed the heading before the form's widgets)
        expect(page.get_by_text("Pain on average today (0 = no pain, 10 = worst imaginable)")).to_be_visible()
        pick_date(page, past)
        expect(page.get_by_text(f"Pain on average {when} (0 = no pain, 10 = worst imaginable)")).to_be_visible()
        expect(page.get_by_text(f"Worst pain {when} (optional)")).to_be_visible()
        expect(page.get_by_text(f"Any of these {when}?")).to_be_visible()
        expect(page.get_by_text(re.compile(r"Pain on average today|Any of these today"))).to_have_count(0)
        pick_pain(page, day_questions(past, today).pain, 6)
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text(f"Saved {past.day} {past:%b}.")).to_be_visible(timeout=30_000)
        settle(page)
        screenshot(page, "today_on_an_earlier_date")
        pick_date(page, today)  # today: the words as before, and nothing chosen (today is not logged)
        today_scale = _scale(page, "Pain on average today")
        expect(today_scale.get_by_role("radio", checked=True)).to_have_count(0)
        pick_date(page, past)  # back: the stored day fills the form again, under its date's words
        expect(_scale(page, f"Pain on average {when}").get_by_role("radio", name="6", exact=True)).to_have_attribute(
            "aria-checked", "true")
    stored = Diary(db)
    try:
        assert stored.entry(episode, past).pain == 6
        assert stored.entry(episode, today) is None
    finally:
        stored.close()


def test_a_pasted_date_loads_that_day(app_diary) -> None:
    """A date pasted into the field (DD/MM/YYYY) is taken at once, as a typed one is on leaving the field; pick_date
    falls back on this when a typed date was never handed over under load."""
    from playwright.sync_api import expect

    url, db = app_diary
    diary_with_episode(db, days_since_onset=10)
    today = dt.date.today()
    with browser_page(1280, 1200) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        for back in (2, 5, 0):
            day = today - dt.timedelta(days=back)
            runs = app_runs(page)
            paste_date(page, day)
            settle(page, after=runs)
            expect(page.get_by_text(day_questions(day, today).pain, exact=True)).to_be_visible()
