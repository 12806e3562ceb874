"""Review 29, in Chromium (a tester who had not read the code found each): a warning sign's advice shows as soon as
its box is ticked; a later date typed in the date box shows one sentence and no form, never a Save over today; a
fever's box stays on Today while an urgent sign pauses the plan."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.alerts.red_flags import EMERGENCY_MESSAGE, SEE_DOCTOR_MESSAGE
from analysis.model.vocabulary import SYMPTOM_TICK_BOXES
from analysis.storage import DayEntry, Diary, DoseEntry
from tests.browser import browser_page, diary_with_episode, screenshot, settle
from tests.browser_form import open_today, paste_date, pick_date, pick_pain, press

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def _day(db, episode: int, day: dt.date) -> DayEntry | None:
    diary = Diary(db)
    try:
        return diary.entry(episode, day)
    finally:
        diary.close()


def test_an_emergency_sign_is_advised_as_it_is_ticked_and_kept_once_saved(app_diary) -> None:
    """Sam ticked "Can't pee, or can't hold in pee or poo" and chose no pain: the emergency advice showed at once,
    saying the sign is not in the diary until a pain is chosen and Save pressed. Save asked for the pain; with pain
    4 chosen, Save stored the sign and the banner says what to do."""
    from playwright.sync_api import expect

    url, db = app_diary
    episode = diary_with_episode(db, days_since_onset=3)
    with browser_page(390, 844) as page:  # a phone: the advice is where the box was ticked
        open_today(page, url)
        bladder = page.locator('[data-testid="stCheckbox"]').filter(has_text=SYMPTOM_TICK_BOXES["bladder_bowel"])
        press(page, bladder.locator("label"))
        expect(bladder.get_by_role("checkbox")).to_be_checked()
        advice = page.locator('[data-testid="stAlert"]').filter(has_text=EMERGENCY_MESSAGE[:60])
        expect(advice.first).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Not in your diary yet: choose the day's pain above"))).to_be_visible()
        screenshot(page, "review29_sign_ticked")
        press(page, page.get_by_role("button", name=re.compile("Save")))
        expect(page.get_by_text(re.compile("choose today's pain from 0 to 10"))).to_be_visible(timeout=30_000)
        expect(advice.first).to_be_visible()
        assert _day(db, episode, TODAY) is None
        pick_pain(page, "Pain on average today", 4)
        press(page, page.get_by_role("button", name=re.compile("Save")))
        expect(page.get_by_text(re.compile(r"^Not in your diary yet"))).to_have_count(0, timeout=30_000)
        assert _day(db, episode, TODAY).symptoms == ["bladder_bowel"]


def test_a_later_date_typed_shows_a_sentence_and_no_save(app_diary) -> None:
    """Today held pain 6. Sam typed a date ten days ahead in the date box: one sentence said it has not come yet,
    no Save was offered, and today's pain stayed 6 (before: the box showed 'Date set outside allowed range', kept
    today, and Save replaced today's pain)."""
    from playwright.sync_api import expect

    url, db = app_diary
    episode = diary_with_episode(db, days_since_onset=5)
    diary = Diary(db)
    diary.save_entry(episode, DayEntry(TODAY, 6.0))
    diary.close()
    later = TODAY + dt.timedelta(days=10)
    with browser_page(1280, 1000) as page:
        open_today(page, url)
        pick_date(page, later)
        expect(page.get_by_text(re.compile("has not come yet, so nothing can be saved for it"))).to_be_visible(
            timeout=30_000)
        expect(page.get_by_role("button", name=re.compile("Save"))).to_have_count(0)
        expect(page.get_by_text("Date set outside allowed range")).to_have_count(0)
        screenshot(page, "review29_later_date")
        assert _day(db, episode, TODAY).pain == 6.0


def test_the_fever_box_stays_while_an_overdose_pauses_the_plan(app_diary) -> None:
    """Fever logged today, 5 g of paracetamol yesterday: Today shows the overdose's 'What to do now' and the fever's
    own box with 'I have been seen about this'. Tomorrow typed in "Seen on" notes nothing and says why; with today,
    the button closes the fever's box only."""
    from playwright.sync_api import expect

    url, db = app_diary
    episode = diary_with_episode(db, days_since_onset=5)
    diary = Diary(db)
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 5.0, doses=[DoseEntry("paracetamol", 1000, 5)]))
    diary.save_entry(episode, DayEntry(TODAY, 5.0, symptoms=["fever"]))
    diary.close()
    with browser_page(1280, 1200) as page:
        open_today(page, url)
        fever = page.locator('[data-testid="stAlert"]').filter(has_text=SEE_DOCTOR_MESSAGE[:50])
        expect(fever.first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("What to do now", exact=True)).to_be_visible()
        screenshot(page, "review29_fever_and_overdose")
        paste_date(page, TODAY + dt.timedelta(days=1), label="Seen on")  # a later day typed: noted never
        settle(page)
        press(page, page.get_by_role("button", name="I have been seen about this").first)
        expect(page.get_by_text(re.compile("has not come yet, so nothing was noted"))).to_be_visible(timeout=30_000)
        expect(fever.first).to_be_visible()
        paste_date(page, TODAY, label="Seen on")
        settle(page)
        press(page, page.get_by_role("button", name="I have been seen about this").first)
        expect(fever).to_have_count(0, timeout=30_000)
        expect(page.get_by_text("What to do now", exact=True)).to_be_visible()  # the overdose is still open
    diary = Diary(db)
    try:
        seen = diary.seen([episode])
    finally:
        diary.close()
    assert seen["code"].tolist() == ["red_flag_see_doctor"]
