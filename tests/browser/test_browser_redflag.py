"""Issue 9 end to end in a real browser, every day typed on Today: a bladder-control sign saved yesterday is still
on the banner after an ordinary day is saved today (on Today and on Progress, with its "seen" button), and in the
Clinic its patient is first, above an ordinary patient and one whose pain is not coming down.

(It took over test_browser_safety.py, which checked the same banner after an ordinary next day written into the
diary behind the browser's back, and Progress's banner and button: issue 12, no duplicate browser tests.)"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from analysis.cli import main
from analysis.model.vocabulary import SYMPTOM_TICK_BOXES
from analysis.review.page_rules import day_questions
from analysis.storage import DayEntry, Diary
from tests.browser import browser_page, screenshot, settle
from tests.browser_form import pick_date, pick_pain

pytestmark = pytest.mark.browser


def practice(db) -> None:
    """Two other patients, both named to sort before Robin: Alex on an ordinary course, Blake flat at 7/10 (warnings
    but nothing urgent); Robin, whose onset is the newest, is the diary Today opens on."""
    today = dt.date.today()
    diary = Diary(db)
    alex = diary.add_episode("Alex", today - dt.timedelta(days=20), "", 60)
    blake = diary.add_episode("Blake", today - dt.timedelta(days=20), "", 60)
    for n in range(19):
        day = today - dt.timedelta(days=19 - n)
        diary.save_entry(alex, DayEntry(day, round(6 - n * 0.2, 1), round(7 - n * 0.2, 1), min(60, 15 + 5 * n)))
        diary.save_entry(blake, DayEntry(day, 7, 8.5, 20))
    diary.add_episode("Robin", today - dt.timedelta(days=6), "", 45)
    diary.close()


def test_red_flag_on_today_stays_on_the_banner_and_tops_the_clinic(app_diary, capsys) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    practice(db)
    today = dt.date.today()
    yesterday = today - dt.timedelta(days=1)
    with browser_page(1366, 1000) as page:
        page.goto(url)
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Diary of Robin.")).to_be_visible()
        # yesterday: pain 5, bladder control lost
        pick_date(page, yesterday)
        pick_pain(page, day_questions(yesterday, today).pain, 5)  # "Pain on average on Tue 1 Dec"
        bladder = page.locator('[data-testid="stCheckbox"]').filter(has_text=SYMPTOM_TICK_BOXES["bladder_bowel"])
        bladder.locator("label").click()
        expect(bladder.get_by_role("checkbox")).to_be_checked()
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text(f"Saved {yesterday.day} {yesterday:%b}.")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("call your emergency number").first).to_be_visible()
        screenshot(page, "redflag_saved_yesterday")
        # today: an ordinary day, nothing ticked
        pick_date(page, today)
        expect(bladder.get_by_role("checkbox")).not_to_be_checked()
        pick_pain(page, "Pain on average today", 3)
        page.get_by_label("Minutes active (walking, exercise)").fill("30")
        page.get_by_label("Minutes active (walking, exercise)").press("Enter")
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text("Saved today.")).to_be_visible(timeout=30_000)
        page.reload()
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        banner = page.locator('[data-testid="stAlert"]').filter(has_text="Act now")
        expect(banner.first).to_contain_text(
            f"Loss of bladder or bowel control reported on {yesterday.day} {yesterday:%B %Y}")
        expect(page.get_by_text("What to do now")).to_be_visible()
        settle(page)  # the whole page drawn: the plan's absence below is then a fact, not a page still loading
        expect(page.get_by_text("Today's plan")).to_have_count(0)
        screenshot(page, "redflag_banner_after_ordinary_day")
        # Progress keeps the banner, with its button for a clinician's "seen"
        page.get_by_role("link", name="Progress").click()
        expect(page.get_by_role("heading", name="Progress")).to_be_visible()
        expect(page.locator('[data-testid="stAlert"]').filter(has_text="Act now").first).to_be_visible()
        expect(page.get_by_role("button", name="I have been seen about this")).to_be_visible()
        # the Clinic: Robin first, with the urgent sign, above Alex and Blake
        page.get_by_role("link", name="Clinic").click()
        expect(page.get_by_role("heading", name="Clinic", exact=True)).to_be_visible(timeout=30_000)
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        expect(page.get_by_text("1 with an urgent warning sign")).to_be_visible()
        settle(page)
        screenshot(page, "redflag_clinic_list")
        box = table.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's checkbox cell (rows are 35 px)
        expect(page.get_by_role("button", name="← Back to the list")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("heading", name="Robin")).to_be_visible()
        expect(page.get_by_text("URGENT: Emergency warning sign").first).to_be_visible()
        settle(page)
        screenshot(page, "redflag_clinic_first_patient")
    stored = Diary(db)
    days = stored.entries()
    stored.close()
    assert len(days[days["date"].astype(str).str.startswith(str(today))]) >= 1
    assert main(["triage", "--db", str(db), "--json"]) == 0  # the CLI's main, in this process
    rows = json.loads(capsys.readouterr().out)
    assert [r["patient"] for r in rows][0] == "Robin"
    assert rows[0]["priority"] == 1 and "red_flag_emergency" in rows[0]["active_alerts"]
    assert {r["patient"] for r in rows[1:]} == {"Alex", "Blake"}
    assert all("red_flag_emergency" not in r["active_alerts"] for r in rows[1:])
