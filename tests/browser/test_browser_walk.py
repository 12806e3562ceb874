"""The two real user paths walked in a real browser (brief walk.md), with the values a person would read.

The physiotherapist drops five files at once (a CSV, an Excel sheet, one with bad rows, two from other apps),
reads the row-level errors and the downloaded problem report, and opens the urgent patient. The patient starts
a diary with the set-up questions, types the dates of several days, logs a sign that needs care now, and
finds it on every page the next day, in the GP report (PDF, read with pdftotext), in the CSV download and
after starting a new episode. What these walks found still wrong is proved in tests/app/test_walk_app.py.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from analysis.model.vocabulary import SYMPTOM_TICK_BOXES
from analysis.review.page_rules import day_questions
from analysis.storage import Diary
from tests.browser import browser_page, screenshot, settle
from tests.browser_form import paste_date, pick_date, pick_pain

pytestmark = pytest.mark.browser
REAL_FILES = Path(__file__).resolve().parents[2].parent / "shared" / "real-files"
TODAY = dt.date.today()


def _type_onset(page, scope, day: dt.date, heading: str = "Welcome to Backtrack") -> None:
    """Type `day` into the "When did this back pain start?" field in `scope` (the page, or the sidebar's new-episode
    form) as a person does, and close its calendar. The field shows what was typed, but under load it has not always
    taken it (a fresh-clone CI run of 3 Dec: the diary began today, so 24 Nov had no form): then a person pastes
    the date again, as tests/browser.py pick_date does, and leaves the field for the page's `heading`."""
    from playwright.sync_api import expect

    scope.get_by_role("spinbutton", name=re.compile("day", re.I)).first.click()
    page.keyboard.type(day.strftime("%d%m%Y"), delay=50)
    page.keyboard.press("Escape")
    taken = scope.locator('[data-testid="stDateInput"]').first.locator(
        '[data-testid="hidden-dateinput-container"] input')
    try:
        expect(taken).to_have_value(day.isoformat(), timeout=10_000)
    except AssertionError:
        paste_date(page, day, label="When did this back pain start?", heading=heading)
        expect(taken).to_have_value(day.isoformat())


def _files(folder: Path) -> list[Path]:
    """Sam (CSV, numb around the bottom three days ago), Kim (Excel, a "Minutes walked" column), Lee (three bad
    rows), and two files from other apps (../shared/real-files)."""
    import openpyxl

    start = TODAY - dt.timedelta(days=14)
    sam = folder / "sam.csv"
    sam.write_text("date,pain,worst_pain,activity_minutes,medications,symptoms\n" + "".join(
        f"{start + dt.timedelta(days=i)},{7 - i * 0.3:.1f},{8 - i * 0.3:.1f},{20 + 3 * i},ibuprofen 400 mg x3,"
        f"{'saddle_numbness' if i == 11 else ''}\n" for i in range(14)))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Pain", "Worst pain", "Minutes walked"])
    for i in range(10):
        sheet.append([dt.datetime.combine(start + dt.timedelta(days=i), dt.time()), 6, 7.5, 15 + i])
    kim = folder / "kim.xlsx"
    book.save(kim)
    lee = folder / "lee.csv"
    lee.write_text(f"date,pain,activity_minutes\n{start},5,30\n{start + dt.timedelta(days=1)},high,30\n"
                   f"2026-02-30,4,20\n{start + dt.timedelta(days=3)},3,-5\n")
    others = [REAL_FILES / "paintracker_generated" / "paintracker_sample_full.csv",
              REAL_FILES / "bearable" / "andrewmiller_Bearable_Export_20210728.csv"]
    if not all(p.exists() for p in others):
        pytest.skip(f"{REAL_FILES} is not here")
    return [sam, kim, lee, *others]


def test_physiotherapist_imports_five_files_and_opens_the_urgent_patient(app_diary, tmp_path) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    files = _files(tmp_path)
    with browser_page(1366, 1000) as page:
        page.goto(f"{url}/clinic")
        expect(page.get_by_role("heading", name="Clinic", exact=True)).to_be_visible(timeout=30_000)
        page.get_by_role("tab", name="Import diaries").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in files])
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_text("4 imported, 1 refused.").first).to_be_visible(timeout=120_000)
        settle(page)
        page.get_by_role("tab", name="Import diaries").click()
        # each problem names the file, the row, the column and the value, in one sentence
        for line in ['lee.csv row 3, pain: "high" is not a number.', 'lee.csv row 4, date: "2026-02-30" is not a date.',
                     "lee.csv row 5, activity_minutes: -5 is below the minimum 0."]:
            expect(page.get_by_text(line)).to_be_visible()
        screenshot(page, "walk_clinic_import")
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("Download the problem report")).click()
        report = pd.read_csv(download.value.path())
        errors = report[report["kind"] == "error"]
        assert errors["file"].tolist() == ["lee.csv"] * 3
        assert set(report["file"]) <= {p.name for p in files}
        assert not report["message"].str.contains("Minutes walked").any()  # read as activity now
        page.get_by_role("tab", name="Patients, most urgent first").click()
        # urgent: Sam's saddle numbness, and the Pain Tracker sample's numbness on 1, 3 and 5 Oct, logged every other
        # day (a day with nothing logged between two such reports counts as one with it: review 17)
        expect(page.get_by_text("4 of 4 patients shown; 2 with an urgent warning sign.")).to_be_visible()
        table = page.locator('[data-testid="stDataFrame"]').first
        settle(page)
        box = table.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row: the most recent urgent one
        expect(page.get_by_role("heading", name="sam")).to_be_visible(timeout=30_000)
        three_days = TODAY - dt.timedelta(days=3)
        expect(page.get_by_text(f"URGENT: Emergency warning sign. Numbness around genitals or bottom reported on "
                                f"{three_days.day} {three_days:%B %Y}.")).to_be_visible()
        # the status beside it never says "On track" under an urgent line
        expect(page.get_by_text(re.compile("Compared with the usual course: Urgent sign first"))).to_be_visible()
        settle(page)
        screenshot(page, "walk_clinic_urgent_patient")
        page.get_by_role("button", name="← Back to the list").click()
        expect(page.get_by_text("4 of 4 patients shown")).to_be_visible(timeout=30_000)
    stored = Diary(db)
    entries, episodes = stored.entries(), stored.episodes()
    stored.close()
    kim = int(episodes.loc[episodes["patient"] == "kim", "episode_id"].iloc[0])
    assert entries.loc[entries["episode_id"] == kim, "activity_minutes"].tolist() == [15.0 + i for i in range(10)]
    assert "lee" not in set(episodes["patient"])  # refused whole


def _log(page, day: dt.date, pain: int, minutes: int, symptom: str | None = None) -> None:
    from playwright.sync_api import expect

    pick_date(page, day)
    asked = day_questions(day, dt.date.today())  # "Pain on average on Mon 30 Nov" on an earlier day
    pick_pain(page, asked.pain, pain)
    pick_pain(page, asked.worst, pain + 1)
    page.get_by_label("Minutes active (walking, exercise)").fill(str(minutes))
    page.get_by_label("Minutes active (walking, exercise)").press("Enter")
    if symptom:
        page.locator('[data-testid="stCheckbox"]').filter(has_text=SYMPTOM_TICK_BOXES[symptom]).locator(
            "label").click()
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_text(f"Saved {day.day} {day:%b}.")).to_be_visible(timeout=30_000)


def _nav(page, name: str) -> None:
    from playwright.sync_api import expect

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=name).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=30_000)


def test_patient_starts_a_diary_logs_a_red_flag_and_it_stays_everywhere(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    onset, flag_day = TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=2)
    reported = f"Cannot move a leg at all reported on {flag_day.day} {flag_day:%B %Y}"
    with browser_page(1366, 1000) as page:
        page.goto(url)
        expect(page.get_by_role("heading", name="Welcome to Backtrack")).to_be_visible(timeout=30_000)
        page.get_by_label("Your name or initials").fill("Pat")
        _type_onset(page, page, onset)
        page.get_by_label(re.compile("how many minutes a day")).fill("60")
        radios = page.locator('[data-testid="stRadio"]')
        radios.nth(0).get_by_text("No").click()
        radios.nth(1).get_by_text("No").click()
        page.get_by_role("button", name="Start my diary").click()
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        started = Diary(db)
        try:  # the diary began on the day typed (else every earlier day would be before it, with no form)
            assert str(started.episodes()["onset_date"].iloc[0])[:10] == onset.isoformat()
        finally:
            started.close()
        for back, pain, minutes in [(9, 7, 10), (8, 7, 15), (6, 6, 20)]:
            _log(page, TODAY - dt.timedelta(days=back), pain, minutes)
        _log(page, flag_day, 5, 20, "cannot_move_leg")
        _log(page, TODAY - dt.timedelta(days=1), 4, 30)  # the next day, ordinary
        page.reload()
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        for name in ("Today", "Progress", "Diary"):
            _nav(page, name)
            expect(page.locator('[data-testid="stAlert"]').filter(has_text="Act now").first).to_contain_text(reported)
        _nav(page, "Progress")
        expect(page.get_by_text(re.compile("a warning sign needs care now"))).to_be_visible()
        page.get_by_role("button", name="Prepare the PDF report").click()
        button = page.get_by_role("button", name="Download the report (PDF)")
        expect(button).to_be_visible(timeout=120_000)
        with page.expect_download() as download:
            button.click()
        pdf = subprocess.run([shutil.which("pdftotext") or "pdftotext", "-raw", download.value.path(), "-"],
                             capture_output=True, text=True, check=True).stdout if shutil.which("pdftotext") else ""
        if pdf:
            assert "Low back pain diary — Pat" in pdf and "Urgent sign first" in pdf
            assert f"Alerts now:\n- Emergency warning sign: {reported}." in pdf
            assert "6 days logged" not in pdf and "5 days logged" in pdf
        _nav(page, "Diary")
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("Download diary")).click()
        exported = pd.read_csv(io.BytesIO(Path(download.value.path()).read_bytes()), keep_default_na=False)
        assert exported["date"].tolist() == [str(TODAY - dt.timedelta(days=b)) for b in (9, 8, 6, 2, 1)]
        assert exported["pain"].tolist() == [7, 7, 6, 5, 4]
        assert exported["symptoms"].tolist() == ["", "", "", "cannot_move_leg", ""]
        # a new episode from the sidebar: the sign two days ago still says act now, with the episode it is in
        page.get_by_text("New episode of back pain").click()
        sidebar = page.locator('[data-testid="stSidebar"]')
        _type_onset(page, sidebar, TODAY, heading="Diary")
        sidebar.get_by_role("button", name="Start the new episode").click()
        settle(page)
        for name in ("Today", "Progress"):
            _nav(page, name)
            banner = page.locator('[data-testid="stAlert"]').filter(has_text="Act now").first
            expect(banner).to_contain_text(f"In your back pain episode from {onset.day} {onset:%b %Y}")
            expect(banner).to_contain_text(reported)
        # Progress (where the banner sends the person) has the earlier episode's "seen" button
        expect(page.get_by_role("button", name="I have been seen about this")).to_be_visible()
        expect(page.get_by_text("No days logged in this episode yet")).to_be_visible()
        settle(page)
        screenshot(page, "walk_patient_new_episode_progress")
    stored = Diary(db)
    assert len(stored.episodes()) == 2
    stored.close()
