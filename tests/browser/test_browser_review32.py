"""Review 31's last browser walk, in Chromium: an urgent sign reported on three separate days broke Progress (three
cards of one alert, their "I have been seen about this" boxes sharing a key: the page stopped with an error) and
made Today's banner say "Act now" three times. Now one alert names each report, its card points to the banner's
advice, and one press closes it; at a phone's width too."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.storage import DayEntry, Diary
from dashboard.alerts_view import SEE_BANNER
from tests.browser import browser_page, screenshot, settle, wait_for_heading
from tests.browser_form import press

pytestmark = pytest.mark.browser
TODAY = dt.date.today()
REPORTS = [TODAY - dt.timedelta(days=n) for n in (9, 5, 1)]


def _said(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


def test_a_sign_reported_on_three_days_is_one_alert_closed_by_one_press_on_a_phone(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Vera", TODAY - dt.timedelta(days=12), normal_activity_minutes=40)
    for back in range(12, 0, -1):
        day = TODAY - dt.timedelta(days=back)
        diary.save_entry(episode, DayEntry(day, 5, 6, 20, symptoms=["bladder_bowel"] if day in REPORTS else []))
    diary.close()
    every_report = (f"Loss of bladder or bowel control reported on {_said(REPORTS[0])}, again on "
                    f"{_said(REPORTS[1])} and on {_said(REPORTS[2])}")
    with browser_page(390, 844) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        settle(page)
        expect(page.get_by_text("Act now:")).to_have_count(1)
        expect(page.get_by_text(every_report)).to_have_count(2)  # the banner and the card
        expect(page.get_by_text(SEE_BANNER)).to_be_visible()
        expect(page.get_by_text("call your emergency number", exact=False)).to_have_count(1)
        buttons = page.get_by_role("button", name="I have been seen about this")
        expect(buttons).to_have_count(1)
        screenshot(page, "review32_three_reports_phone_progress")
        press(page, buttons)
        expect(page.get_by_text("Act now:")).to_have_count(0, timeout=30_000)
        expect(page.get_by_text(every_report)).to_have_count(0)
    seen = Diary(db).seen()
    assert seen["episode_id"].tolist() == [episode] and [str(d)[:10] for d in seen["seen_date"]] == [str(TODAY)]
