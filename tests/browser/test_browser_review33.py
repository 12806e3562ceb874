"""Review 33's browser walk of the everyday paths, in Chromium: exercise ticks vanished after a visit to another
page and the next tick deleted them from the diary; a correction typed in the Diary table was dropped without a word
when another page was opened; a check-in score never given was saved as 5."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.storage import DayEntry, Diary
from tests.browser import browser_page, screenshot, settle, wait_for_heading
from tests.grid_cells import PAIN, type_into

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def _diary(db, days: int = 6) -> int:
    """Fall's diary: `days` days up to yesterday, pain 4, 20 minutes."""
    diary = Diary(db)
    episode = diary.add_episode("Fall", TODAY - dt.timedelta(days=days), normal_activity_minutes=30)
    for back in range(days, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 4, 5, 20, 0, ""))
    diary.close()
    return episode


def _go(page, name: str) -> None:  # noqa: ANN001
    page.get_by_role("link", name=name).click()
    wait_for_heading(page, name, exact=True)
    settle(page)


def _ticks(db, episode: int) -> list[str]:
    diary = Diary(db)
    try:
        return sorted(diary.exercise_ticks([episode])["exercise_id"])
    finally:
        diary.close()


def test_a_tick_survives_another_page_and_the_next_tick_keeps_it(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    episode = _diary(db)
    with browser_page(1280, 1000) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        routine = page.locator(".st-key-plan_routine")
        knees = routine.locator('[data-testid="stCheckbox"]').filter(has_text="Knee rolls")
        knees.locator("label").click()
        expect(knees.get_by_role("checkbox")).to_be_checked()
        settle(page)
        _go(page, "Progress")
        _go(page, "Today")
        knees = page.locator(".st-key-plan_routine").locator('[data-testid="stCheckbox"]').filter(has_text="Knee rolls")
        expect(knees.get_by_role("checkbox")).to_be_checked()  # it read unticked
        tilt = page.locator(".st-key-plan_routine").locator('[data-testid="stCheckbox"]').filter(has_text="Pelvic tilt")
        tilt.locator("label").click()
        expect(tilt.get_by_role("checkbox")).to_be_checked()
        settle(page)
        screenshot(page, "review33_ticks_kept")
    assert _ticks(db, episode) == ["knee_rolls", "pelvic_tilt"]  # only pelvic tilt was kept


def test_a_diary_correction_left_unsaved_for_another_page_is_said(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    episode = _diary(db)
    with browser_page(1366, 1000) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        type_into(page, PAIN, 0, "9")
        settle(page)
        _go(page, "Today")
        _go(page, "Diary")
        yesterday = TODAY - dt.timedelta(days=1)
        expect(page.get_by_text(f"You opened another page before pressing Save, so your change to "
                                f"{yesterday:%a} {yesterday.day} {yesterday:%b} was not saved")).to_be_visible()
        screenshot(page, "review33_diary_edit_dropped")
    diary = Diary(db)
    assert diary.entries([episode])["pain"].tolist() == [4.0] * 6  # nothing was saved
    diary.close()
