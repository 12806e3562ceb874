"""Review 31, in Chromium (a last browser check of review 30 found these): the sidebar's "New episode of back pain"
is filled in for the person whose diary is shown and starts their episode; a note typed in one person's diary
outlives a look at another's; the Clinic's column step says what is still to pick before its button works.

Before: with Chloe's diary shown the form said "Zed" (the newest diary) and started Zed's episode; Chloe's typed
note was gone after a look at Zed's diary; "Import with these columns" with the pain left as "—" did nothing
visible."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary
from dashboard.setup import DIARY_READY
from tests.browser import browser_page, screenshot, settle, wait_for_heading
from tests.browser_form import open_today, pick_column, press

pytestmark = pytest.mark.browser
TODAY = dt.date.today()
NOTE = "Stiff after the drive"


def _chloe_and_zed(db) -> tuple[int, int]:  # noqa: ANN001
    """Chloe (usually 30 minutes active) and Zed (90), Zed's the newest diary."""
    diary = Diary(db)
    try:
        chloe = diary.add_episode("Chloe", TODAY - dt.timedelta(days=6), "", 30)
        zed = diary.add_episode("Zed", TODAY - dt.timedelta(days=3), "", 90)
        for episode in (chloe, zed):
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 5, 6, 20, 0, ""))
        return chloe, zed
    finally:
        diary.close()


def _choose(page, person: str) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').click()
    press(page, page.get_by_role("option", name=re.compile(f"^{person} — back pain from")))
    expect(page.get_by_text(re.compile(rf"^Diary of {person}\."))).to_be_visible(timeout=30_000)
    settle(page)


def test_a_typed_note_and_the_new_episode_belong_to_the_person_shown(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    chloe, zed = _chloe_and_zed(db)
    with browser_page() as page:
        open_today(page, url)
        _choose(page, "Chloe")
        page.get_by_label("Notes (optional)").fill(NOTE)  # typed, not saved
        press(page, page.get_by_role("heading", name="Today"))  # leave the box before the sidebar is used
        _choose(page, "Zed")
        expect(page.get_by_label("Notes (optional)")).to_have_value("")  # nothing of Chloe's in Zed's form
        _choose(page, "Chloe")
        expect(page.get_by_label("Notes (optional)")).to_have_value(NOTE)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("New episode of back pain").click()  # opens without a rerun
        expect(sidebar.get_by_label("Your name or initials")).to_have_value("Chloe")
        expect(sidebar.get_by_text("For Chloe's back pain coming back")).to_be_visible()
        expect(sidebar.get_by_label(re.compile("how many minutes a day were you active"))).to_have_value("30")
        screenshot(page, "review31_new_episode_for_chloe")
        press(page, sidebar.get_by_role("button", name="Start the new episode"))
        expect(page.get_by_text(DIARY_READY)).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Diary of Chloe\."))).to_be_visible()
        expect(page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')).to_match_aria_snapshot(
            f'- combobox "Diary of": /Chloe — back pain from {TODAY.day} {TODAY:%b}.*/')  # her new episode is open
    episodes = Diary(db).episodes()
    new = episodes[~episodes["episode_id"].isin([chloe, zed])]
    assert new["patient"].tolist() == ["Chloe"] and new["normal_activity_minutes"].tolist() == [30]


def test_the_column_step_says_what_to_pick_and_waits(app_diary, tmp_path) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    ute = tmp_path / "ute.csv"
    ute.write_text("Tag,Schmerz\n2026-02-03,6\n2026-02-04,5\n")
    with browser_page(1400, 1100) as page:
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic", exact=True)
        page.get_by_role("tab", name="Import diaries").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(ute)])
        expect(page.get_by_text("ute.csv").first).to_be_visible()
        press(page, page.get_by_role("button", name="Import", exact=True))
        expect(page.get_by_text("ute.csv: refused")).to_be_visible(timeout=30_000)
        button = page.get_by_role("button", name="Import with these columns")
        expect(page.get_by_text("Pick the columns that hold the date and the pain (0-10) first.")).to_be_visible()
        expect(button).to_be_disabled()
        for label, column, left in (("Date", "Tag", "Pick the column that holds the pain (0-10) first."),
                                    ("Pain (0-10)", "Schmerz", None)):
            pick_column(page, label, column)
            settle(page)
            if left:
                expect(page.get_by_text(left)).to_be_visible()
                expect(button).to_be_disabled()
        expect(page.get_by_text(re.compile("^Pick the column"))).to_have_count(0)
        screenshot(page, "review31_columns_picked")
        press(page, button)
        expect(page.get_by_text("1 imported, 0 refused.").first).to_be_visible(timeout=30_000)
    assert Diary(db).patient_names() == ["ute"]


def test_the_sidebar_and_the_work_boxes_follow_a_change_of_diary(app_diary) -> None:
    """The form and the boxes drawn first for Zed (the newest diary) and then Chloe chosen: the new episode starts
    for Chloe, with her minutes, and the Work boxes show her working day (review 31's browser walk: after a first
    fix that only the headless tests saw working, the form still said the person the session opened on)."""
    from playwright.sync_api import expect

    url, db = app_diary
    chloe, zed = _chloe_and_zed(db)
    diary = Diary(db)
    diary.set_usual_work_day(chloe, 6.0)
    diary.set_usual_work_day(zed, 10.0)
    diary.close()
    with browser_page() as page:
        open_today(page, url)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("New episode of back pain").click()
        expect(sidebar.get_by_label("Your name or initials")).to_have_value("Zed")
        routine = page.locator(".st-key-plan_routine")
        routine.get_by_role("button", name="💼 Work").click()  # a popover opens without a rerun
        expect(page.get_by_label("Your usual working day (hours)")).to_have_value("10.00")
        page.keyboard.press("Escape")
        _choose(page, "Chloe")
        expect(sidebar.get_by_label("Your name or initials")).to_have_value("Chloe")
        expect(sidebar.get_by_label(re.compile("how many minutes a day were you active"))).to_have_value("30")
        routine.get_by_role("button", name="💼 Work").click()
        expect(page.get_by_label("Your usual working day (hours)")).to_have_value("6.00")
        page.keyboard.press("Escape")
        settle(page)
        press(page, sidebar.get_by_role("button", name="Start the new episode"))
        expect(page.get_by_text(DIARY_READY)).to_be_visible(timeout=30_000)
    episodes = Diary(db).episodes()
    new = episodes[~episodes["episode_id"].isin([chloe, zed])]
    assert new["patient"].tolist() == ["Chloe"] and new["normal_activity_minutes"].tolist() == [30]


def test_what_was_typed_in_one_persons_forms_is_not_saved_for_the_next(app_diary) -> None:
    """A name and minutes typed in the new-episode form, and an activity typed in the check-in, for Zed; then
    Chloe's diary chosen: her forms show her values and save them (review 31's last browser walk: the forms showed
    Chloe's values and saved the ones typed for Zed, a new person "Yusuf" with 33 minutes and Zed's activity)."""
    from playwright.sync_api import expect

    url, db = app_diary
    chloe, zed = _chloe_and_zed(db)
    diary = Diary(db)
    diary.save_answers(chloe, "psfs", TODAY - dt.timedelta(days=9), [("1", 3, "bending")])
    diary.close()
    with browser_page() as page:
        open_today(page, url)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("New episode of back pain").click()
        sidebar.get_by_label("Your name or initials").fill("Yusuf")
        minutes = sidebar.get_by_label(re.compile("how many minutes a day were you active"))
        minutes.fill("33")
        minutes.press("Enter")  # not a start: the set-up questions are below
        routine = page.locator(".st-key-plan_routine")
        routine.get_by_role("button", name=re.compile("Check-in")).click()
        page.get_by_label("Activity 1").fill("running uphill")
        page.keyboard.press("Escape")
        settle(page)
        assert Diary(db).episodes()["patient"].tolist().count("Yusuf") == 0
        _choose(page, "Chloe")
        expect(sidebar.get_by_label("Your name or initials")).to_have_value("Chloe")
        expect(minutes).to_have_value("30")
        routine.get_by_role("button", name=re.compile("Check-in")).click()
        expect(page.get_by_label("Activity 1")).to_have_value("bending")
        press(page, page.get_by_role("button", name="Save check-in"))
        expect(page.get_by_text("Check-in saved.")).to_be_visible(timeout=30_000)
        press(page, sidebar.get_by_role("button", name="Start the new episode"))
        expect(page.get_by_text(DIARY_READY)).to_be_visible(timeout=30_000)
    diary = Diary(db)
    episodes = diary.episodes()
    new = episodes[~episodes["episode_id"].isin([chloe, zed])]
    assert new["patient"].tolist() == ["Chloe"] and new["normal_activity_minutes"].tolist() == [30]
    answers = diary.answers(None, "psfs")
    # Chloe's, never Zed's; today's check-in went into her new episode, which began today (review 36: the days from
    # a new onset on are the new episode's)
    fresh = int(new["episode_id"].iloc[0])
    assert set(answers["label"]) == {"bending"} and set(answers["episode_id"]) == {chloe, fresh}
    assert sorted(answers["date"].dt.date) == [TODAY - dt.timedelta(days=9), TODAY]
    assert answers.loc[answers["episode_id"] == fresh, "date"].dt.date.tolist() == [TODAY]
