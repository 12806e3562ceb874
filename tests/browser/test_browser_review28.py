"""Controls changed in review 27, in a real browser (they were checked only headless): Today's dose boxes and their
ranges (analysis.model.limits), the line naming the day a person was seen about a past day's sign, and putting back
an automatic backup that was pruned while the question was on the screen."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.model.dates import day_in_words
from analysis.model.limits import TIMES_A_DAY
from analysis.review.page_rules import day_questions
from analysis.storage import DayEntry, Diary, DoseEntry
from tests.browser import (
    app_runs,
    browser_page,
    diary_with_episode,
    screenshot,
    settle,
    tom_after_an_import,
    wait_for_heading,
)
from tests.browser_form import open_today, paste_date, pick_date, pick_pain, press

pytestmark = pytest.mark.browser
TODAY = dt.date.today()
PAST = TODAY - dt.timedelta(days=2)


def _stored_doses(db, episode: int, day: dt.date) -> list[tuple[str, float, int]]:
    """The day's doses as stored, read through Diary.doses() (a connection of the test's own)."""
    diary = Diary(db)
    try:
        frame = diary.doses([episode])
    finally:
        diary.close()
    rows = frame[frame["date"].dt.date == day]
    return sorted(zip(rows["medicine"], rows["dose_mg"].astype(float), rows["count"].astype(int), strict=True))


def _save(page) -> None:
    """Press Save and wait for the rerun it starts."""
    press(page, page.get_by_role("button", name=re.compile("Save")))


def _pick_medicine(page, typed: str, option: re.Pattern[str], appears: str) -> None:
    """Type `typed` into "Medicines taken", pick `option`, and wait for its box labelled `appears`."""
    from playwright.sync_api import expect

    medicines = page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_text("Medicines taken", exact=True))
    for attempt in range(3):  # waits on what the pick draws (its dose boxes), not on a count of reruns
        settle(page)
        medicines.locator("input").click()
        page.keyboard.type(typed)
        page.get_by_role("option", name=option).first.click()
        page.keyboard.press("Escape")
        try:
            expect(page.get_by_label(appears, exact=True)).to_be_visible(timeout=15_000)
            return
        except AssertionError:  # under load the click can land while the list is redrawn: pick again
            if attempt == 2:
                raise


def test_a_dose_typed_beyond_its_range_is_said_on_save_and_nothing_is_stored(app_diary) -> None:
    """The person picked paracetamol on Today, typed 60 times and 9000 mg a dose (above limits.TIMES_A_DAY and
    dose_range) and pressed Save: a sentence under Save names each box and its range, nothing is stored, and the
    boxes still hold what was typed. Changed to 4 times and 500 mg, Save stores exactly that. (Before review 28 the
    boxes had a min and max: they turned red, said the range only on hover, and Save stored 500 mg x1.)"""
    from playwright.sync_api import expect

    url, db = app_diary
    episode = diary_with_episode(db, days_since_onset=3)
    times_box, mg_box = "paracetamol: times today", "paracetamol: mg per dose"
    with browser_page(1280, 1200) as page:
        open_today(page, url)
        pick_pain(page, "Pain on average today", 5)
        _pick_medicine(page, "paracetamol", re.compile(r"^paracetamol \("), times_box)
        for label, typed in ((times_box, str(int(TIMES_A_DAY.high) + 36)), (mg_box, "9000")):
            settle(page)
            box = page.get_by_label(label, exact=True)
            box.fill(typed)
            box.press("Enter")
            expect(box).to_have_value(re.compile(rf"^{typed}(\.00)?$"))
            expect(box).not_to_have_attribute("aria-invalid", "true")  # the box takes it; Save checks it
        _save(page)
        said = page.locator('[data-testid="stAlert"]').filter(has_text="cannot be saved")
        expect(said).to_have_count(2, timeout=30_000)
        expect(said.first).to_contain_text("paracetamol: mg per dose: 9,000 cannot be saved; type a number from 0.5 "
                                           "to 5,000 mg. The day is not saved until it is changed.")
        expect(said.nth(1)).to_contain_text(f"paracetamol: times today: 60 cannot be saved; type a whole number from "
                                            f"{TIMES_A_DAY.low:g} to {TIMES_A_DAY.high:g} times.")
        expect(page.get_by_text("Saved today.")).to_have_count(0)
        expect(page.get_by_label(mg_box, exact=True)).to_have_value("9000.00")
        expect(page.get_by_label(times_box, exact=True)).to_have_value("60")
        screenshot(page, "review28_dose_beyond_its_range_said")
        assert _stored_doses(db, episode, TODAY) == []
        for label, typed in ((times_box, "4"), (mg_box, "500")):
            settle(page)
            box = page.get_by_label(label, exact=True)
            box.fill(typed)
            box.press("Enter")
        _save(page)
        expect(page.get_by_text("Saved today.")).to_be_visible(timeout=30_000)
        expect(said).to_have_count(0)
    assert _stored_doses(db, episode, TODAY) == [("paracetamol", 500.0, 4)]


def test_a_stored_dose_outside_the_boxes_is_listed_under_the_form_and_kept_on_save(app_diary) -> None:
    """A day written straight into the diary (as an import does) with paracetamol 30 times (above TIMES_A_DAY) and
    ibuprofen 0.2 mg (below its dose_range), beside naproxen 250 mg x2. The person opened that day on Today: naproxen
    in its boxes, the other two in the sentence under the form with a remove box each; Save kept all three."""
    from playwright.sync_api import expect

    url, db = app_diary
    many = int(TIMES_A_DAY.high) + 6
    doses = [DoseEntry("paracetamol", 500, many), DoseEntry("ibuprofen", 0.2, 1), DoseEntry("naproxen", 250, 2)]
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10))
    diary.save_entry(episode, DayEntry(PAST, 4, None, None, None, "imported", doses))
    diary.close()
    before = _stored_doses(db, episode, PAST)
    times = day_questions(PAST, TODAY).times("naproxen")
    with browser_page(1280, 1400) as page:
        open_today(page, url)
        pick_date(page, PAST)
        expect(page.get_by_label(times, exact=True)).to_have_value("2")
        expect(page.get_by_label("naproxen: mg per dose", exact=True)).to_have_value("250.00")
        chosen = page.locator('[data-testid="stMultiSelect"]').filter(
            has=page.get_by_text("Medicines taken", exact=True))
        expect(chosen.get_by_text(re.compile(r"^naproxen"))).to_have_count(1)
        expect(chosen.get_by_text(re.compile(r"^(paracetamol|ibuprofen)"))).to_have_count(0)
        expect(page.get_by_text(f"Also logged this day, kept as they are: paracetamol 500 mg x{many}; "
                                "ibuprofen 0.2 mg x1.", exact=True)).to_be_visible()
        for words in (f"Remove paracetamol 500 mg x{many} when I press Save",
                      "Remove ibuprofen 0.2 mg x1 when I press Save"):
            expect(page.get_by_role("checkbox", name=words, exact=True)).not_to_be_checked()
        expect(page.get_by_label(re.compile(r"times on"))).to_have_count(1)  # no box holding the 30
        screenshot(page, "review28_stored_dose_outside_the_boxes")
        _save(page)
        expect(page.get_by_text(re.compile(rf"(Nothing new for|Updated the entry for) {PAST.day} {PAST:%b}"))
               ).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Also logged this day, kept as they are: paracetamol 500 mg x"
                                           rf"{many}; ibuprofen 0\.2 mg x1\.$"))).to_be_visible()
        expect(page.get_by_label(times, exact=True)).to_have_value("2")
        screenshot(page, "review28_stored_dose_outside_the_boxes_saved")
    assert _stored_doses(db, episode, PAST) == before == sorted(
        (d.medicine, float(d.dose_mg), int(d.count)) for d in doses)


def _paste_seen_on(page, day: dt.date) -> None:
    """Paste `day` (DD/MM/YYYY) into the warning box's "Seen on" date, as a person pasting it would, and leave the
    field (Streamlit takes a pasted date at once: tests.browser_form.paste_date); wait until the app has it."""
    from playwright.sync_api import expect

    settle(page)
    runs = app_runs(page)
    paste_date(page, day, "Seen on")
    seen_on = page.locator('[data-testid="stDateInput"]').filter(
        has=page.get_by_role("group", name="Seen on", exact=True))
    expect(seen_on.locator('[data-testid="hidden-dateinput-container"] input')).to_have_value(day.isoformat())
    settle(page, after=runs)


def test_seen_about_a_past_day_names_that_day(app_diary) -> None:
    """The person picked a date two days back on Today, ticked High temperature (fever) and saved it; the warning box
    above the form offered "I have been seen about this": she set Seen on to that day and pressed it ("Noted: this
    alert is closed."). Saving that day again said "You were seen about this on Tue 1 Dec: high temperature" (the
    day in words, never "today"), and the stored mark's seen_date is that day."""
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=5), normal_activity_minutes=60)
    for ago in (5, 4, 3, 1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 3, None, 20, 0, ""))
    diary.close()
    questions = day_questions(PAST, TODAY)
    in_words = day_in_words(PAST, TODAY, "%a %-d %b")  # "Tue 1 Dec", as the form's questions name the day
    with browser_page(1280, 1400) as page:
        open_today(page, url)
        pick_date(page, PAST)
        pick_pain(page, questions.pain, 4)
        fever = page.get_by_role("checkbox", name="High temperature (fever)", exact=True)
        settle(page)
        runs = app_runs(page)
        page.locator('[data-testid="stCheckbox"]').filter(has_text="High temperature (fever)").locator("label").click()
        expect(fever).to_be_checked()
        settle(page, after=runs)
        _save(page)
        expect(page.get_by_text(f"Saved {PAST.day} {PAST:%b}.")).to_be_visible(timeout=30_000)
        seen_button = page.get_by_role("button", name="I have been seen about this")
        expect(seen_button).to_have_count(1)
        expect(page.get_by_text(re.compile(r"Fever reported on"))).to_be_visible()
        screenshot(page, "review28_fever_on_a_past_day")
        _paste_seen_on(page, PAST)
        runs = app_runs(page)
        seen_button.click()
        settle(page, after=runs)
        expect(page.get_by_text("Noted: this alert is closed. If the sign comes back, log it again.")).to_be_visible(
            timeout=30_000)
        expect(seen_button).to_have_count(0)
        screenshot(page, "review28_seen_marked")
        expect(fever).to_be_checked()  # the form is still on that day
        _save(page)
        expect(page.get_by_text(f"Nothing new for {PAST.day} {PAST:%b}: it is saved as shown.")).to_be_visible(
            timeout=30_000)
        line = page.locator('[data-testid="stAlert"]').filter(has_text="You were seen about this")
        expect(line).to_have_count(1)
        expect(line).to_contain_text(f"You were seen about this on {in_words}: high temperature (fever). If it has "
                                     "come back since you were seen, press It came back since.")
        assert "today" not in line.inner_text()
        expect(page.get_by_role("button", name="It came back since")).to_be_visible()
        expect(page.get_by_role("button", name="I have been seen about this")).to_have_count(0)
        screenshot(page, "review28_seen_about_that_day")
    diary = Diary(db)
    try:
        marks = diary.seen([episode])
    finally:
        diary.close()
    assert [(m.code, m.seen_date.date()) for m in marks.itertuples()] == [("red_flag_see_doctor", PAST)]


def test_restoring_a_backup_pruned_meanwhile_says_so_in_one_sentence(app_diary) -> None:
    """The person opened the Diary page, chose the automatic backup from before an import and pressed "Restore this
    automatic backup"; while "Yes, restore this backup" was on the screen the copy was pruned (deleted from disk, as
    newer imports elsewhere would). Pressing Yes showed one plain sentence saying the copy is no longer there and
    nothing was restored (no traceback), and the diary is as it was, the day typed after the copy kept."""
    from playwright.sync_api import expect

    url, db = app_diary
    episode = tom_after_an_import(db)
    diary = Diary(db)
    (chosen,) = diary.automatic_backups()
    before = [diary.entry(episode, TODAY - dt.timedelta(days=ago)) for ago in range(10, 0, -1)]
    diary.close()
    with browser_page(1366, 1100) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary", exact=True)
        settle(page)
        picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Automatic backup")
        expect(picker.get_by_role("combobox")).to_have_value(
            re.compile(r"\d+ \w{3} \d{4}, \d\d:\d\d \(before an import\)"))
        runs = app_runs(page)
        page.get_by_role("button", name="Restore this automatic backup").click()
        settle(page, after=runs)
        yes = page.get_by_role("button", name="Yes, restore this backup")
        expect(yes).to_be_visible()
        chosen.unlink()  # pruned while the question is on the screen
        runs = app_runs(page)
        yes.click()
        settle(page, after=runs)
        said = page.locator('[data-testid="stAlert"]')
        expect(said).to_have_count(1, timeout=30_000)
        expect(said).to_have_text(f"⛔{chosen.name} is no longer there (newer automatic backups may have replaced it), "
                                  "so nothing was restored; choose another backup.")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Traceback" not in main and "Error" not in main, main
        expect(page.get_by_text("The diary was restored from the backup.")).to_have_count(0)
        screenshot(page, "review28_restore_pruned_backup")
    diary = Diary(db)
    try:
        after = [diary.entry(episode, TODAY - dt.timedelta(days=ago)) for ago in range(10, 0, -1)]
        left = diary.automatic_backups()
    finally:
        diary.close()
    assert after == before and before[-1].notes == "first full day back at work"
    assert left == []  # no copy of the diary taken for a restore that did not happen
