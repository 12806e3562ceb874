"""A real browser: Debian's Chromium driven by Playwright against `streamlit run` on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from analysis.storage import Diary
from tests.browser import ARTIFACTS, browser_page, diary_with_episode, screenshot, scroll_to, settle, wait_for_heading
from tests.browser_form import pick_column, pick_pain

pytestmark = pytest.mark.browser  # skipped without Debian's Chromium (tests/conftest.py)


def test_log_a_day_and_see_it_in_the_chart(app_diary) -> None:
    from playwright.sync_api import expect

    url, db = app_diary
    diary_with_episode(db, days_since_onset=5, normal_minutes=60)
    with browser_page() as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        pick_pain(page, "Pain on average today", 6)
        page.get_by_label("Minutes active (walking, exercise)").fill("25")
        page.get_by_label("Minutes active (walking, exercise)").press("Enter")
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text("Saved today.")).to_be_visible()
        screenshot(page, "today")
        page.get_by_role("link", name="Progress").click()
        # a page's first run under load can take longer than expect's 5 s (the full suite's, 4 Dec)
        expect(page.get_by_role("heading", name="Progress")).to_be_visible(timeout=30_000)
        chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Your pain, day by day")
        expect(chart).to_be_visible(timeout=30_000)
        expect(chart.locator(".point").first).to_be_attached()
        settle(page)  # plotly has finished drawing before the screenshot
        screenshot(page, "progress")
    stored = Diary(db)
    entries = stored.entries()
    assert entries["pain"].tolist() == [6.0]
    assert entries["activity_minutes"].tolist() == [25.0]
    stored.close()


def _bpi_diary(path: Path, days: int = 12) -> list[int]:
    """A Brief Pain Inventory diary shaped like ../shared/real-files/painlogs/cogscimikkel_bpi_pain_log_semicolon.csv
    (`;`, DD-MM-YYYY, items bpi1..bpi9g: refused for no pain column; SOURCES.md: bpi5 is the average pain and bpi3
    the worst), its last day yesterday. Returns its bpi5 column, oldest first."""
    start = dt.date.today() - dt.timedelta(days=days)
    average = [6 - day // 3 for day in range(days)]
    rows = ["date;bpi1;bpi2;bpi3;bpi4;bpi5;bpi6;bpi7;bpi8;bpi9a"]
    rows += [f"{start + dt.timedelta(days=day):%d-%m-%Y};Yes;Neck;{pain + 2};1;{pain};5;Coding;50;4"
             for day, pain in enumerate(average)]
    path.write_text("\n".join(rows) + "\n")
    return average


def _pdf_text(path: str) -> str:
    """The PDF's text as pdftotext reads it, spaces run together ("" without poppler-utils)."""
    if not shutil.which("pdftotext"):
        return ""
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_clinic_upload_and_triage(app_diary, tmp_path) -> None:
    """Import the demo diaries and two refused files: one with a pain of 11, and a Brief Pain Inventory diary
    whose columns are picked on the page (pain and worst pain); open that patient from the list and download
    their GP report (PDF)."""
    from playwright.sync_api import expect

    from analysis.workflows.diary_io import sample_files

    bpi = tmp_path / "bpi_log.csv"
    average = _bpi_diary(bpi)
    broken = tmp_path / "knee.csv"
    broken.write_text("date,pain\n2026-11-01,4\n2026-11-02,11\n")
    urgent = tmp_path / "urgent.csv"
    rows = ["date,pain,symptoms"] + [f"2026-11-{d:02d},{7 - d // 4},{'bladder_bowel' if d == 12 else ''}"
                                     for d in range(1, 13)]
    urgent.write_text("\n".join(rows) + "\n")
    # Google Fit's minutes for the urgent patient's first three days (logged without minutes): a file that names
    # nobody, given to that patient on the page
    fit = tmp_path / "Daily activity metrics.csv"
    fit.write_text("Date,Move Minutes count,Calories (kcal)\n2026-11-01,31,1800\n2026-11-02,32,1800\n"
                   "2026-11-03,33,1800\n")
    files = [str(p) for p in sample_files()] + [str(broken), str(urgent), str(bpi), str(fit)]
    url, db = app_diary
    with browser_page(1400, 1100) as page:
        page.goto(f"{url}/clinic")
        expect(page.get_by_role("heading", name="Clinic", exact=True)).to_be_visible(timeout=30_000)
        page.get_by_role("tab", name="Import diaries").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
        expect(page.get_by_text("knee.csv").first).to_be_visible()
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_text("knee.csv: refused")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("knee.csv row 3, pain: 11 is above the maximum 10.")).to_be_visible()
        expect(page.get_by_text("6 imported, 3 refused.").first).to_be_visible()
        # the BPI diary: refused for want of a pain column, worded for this page, and its columns picked here
        expect(page.get_by_text("bpi_log.csv: refused")).to_be_visible()
        expect(page.get_by_text(re.compile("has no pain column.*Say below which column holds pain"))).to_be_visible()
        expect(page.get_by_text("Give a mapping", exact=False)).to_have_count(0)
        for label, column in (("Pain (0-10)", "bpi5"), ("Worst pain (0-10)", "bpi3")):
            pick_column(page, label, column)
        settle(page)
        screenshot(page, "clinic-column-picker")
        page.get_by_role("button", name="Import with these columns").click()
        expect(page.get_by_text("7 imported, 2 refused.").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("bpi_log.csv: refused")).to_have_count(0)
        # the fitness file: whose diary? (review 14: refused with no way to choose)
        settle(page)
        whose = page.locator('[data-testid="stSelectbox"]').filter(
            has=page.get_by_text("Whose diary are these minutes for?", exact=True))
        whose.click()
        page.get_by_role("option", name="urgent", exact=True).click()
        expect(whose.get_by_role("combobox")).to_have_value("urgent")
        settle(page)
        page.get_by_role("button", name="Add the minutes to urgent's diary").click()
        expect(page.get_by_text("8 imported, 1 refused.").first).to_be_visible(timeout=30_000)
        # one more file added to the box, Import again: only it is imported; the BPI diary imported through its
        # column step is not run again and listed as refused (review 36's explorer)
        late = tmp_path / "late.csv"
        late.write_text("date,pain\n2026-11-20,5\n2026-11-21,4\n")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(late)])
        expect(page.get_by_text("late.csv").first).to_be_visible()
        settle(page)
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_text("9 imported, 1 refused.").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("bpi_log.csv: refused")).to_have_count(0)
        page.get_by_role("tab", name="Patients, most urgent first").click()
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        settle(page)
        screenshot(page, "clinic")
        scroll_to(table)
        settle(page)
        screenshot(page, "clinic-triage")
        # the BPI patient: found by name, opened by clicking its row, its GP report prepared and downloaded
        page.get_by_label("Find a patient").fill("bpi")
        page.get_by_label("Find a patient").press("Enter")
        expect(page.get_by_text("1 of 8 patients shown")).to_be_visible(timeout=30_000)
        settle(page)
        box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the only row's checkbox cell
        expect(page.get_by_role("heading", name="bpi_log")).to_be_visible(timeout=30_000)
        settle(page)  # the row's run over: a click during it was lost (1 of 3 runs under load, review 36)
        page.get_by_role("button", name="Prepare the PDF report").click()
        download_button = page.get_by_role("button", name="Download the report (PDF)")
        expect(download_button).to_be_visible(timeout=120_000)
        settle(page)
        screenshot(page, "clinic-patient-gp-report")
        with page.expect_download() as download:
            download_button.click()
        assert download.value.suggested_filename == f"backtrack-report-bpi-log-{dt.date.today():%Y-%m-%d}.pdf"
        # back to the list: the search is still there (review 14: it was cleared)
        page.get_by_role("button", name="← Back to the list").click()
        expect(page.get_by_text("1 of 8 patients shown")).to_be_visible(timeout=30_000)
        expect(page.get_by_label("Find a patient")).to_have_value("bpi")
        pdf = _pdf_text(download.value.path())
        if pdf:
            assert "Low back pain diary — bpi_log" in pdf, pdf[:300]
            # the file's last day is yesterday: the figures name it (the cell's label wraps around the value)
            assert re.search(rf"Pain on day \d+ \(7-day .{{0,40}}?{sum(average[-7:]) / 7:.1f} / 10", pdf), pdf[:1500]
    stored = Diary(db)
    assert len(stored.patient_names()) == 8  # the sample files, urgent, bpi_log and late
    given = stored.entries()
    given = given[given["patient"] == "urgent"].sort_values("date")
    assert given["activity_minutes"].head(4).tolist()[:3] == [31.0, 32.0, 33.0]  # the tracker's, given on the page
    assert pd.isna(given["activity_minutes"].iloc[3])
    entries, episodes = stored.entries(), stored.episodes()
    stored.close()
    mine = int(episodes.loc[episodes["patient"] == "bpi_log", "episode_id"].iloc[0])
    days = entries[entries["episode_id"] == mine].sort_values("date")
    assert days["pain"].tolist() == average and days["worst_pain"].tolist() == [p + 2 for p in average]


def test_clinic_row_opens_the_patient_and_no_request_leaves_this_computer(app_diary) -> None:
    """A practice of 40 at 1366x768: the list is on screen, the urgent patient first; clicking the row opens
    them (this crashed before); every page's every request goes to 127.0.0.1; a hostile name is shown literally."""
    from urllib.parse import urlparse

    from playwright.sync_api import expect

    from tests.browser import HOSTILE_NAME, RequestLog, clinic_diary

    url, db = app_diary
    clinic_diary(db)
    with browser_page(1366, 768) as page:
        log = RequestLog(page)
        page.goto(url)
        expect(page.get_by_role("heading", name="Today")).to_be_visible(timeout=30_000)
        for title in ("Progress", "Diary"):
            page.get_by_role("link", name=title).click()
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=30_000)
            settle(page)  # the whole page is drawn, so every request it makes is seen
            log.wait_quiet(page)  # and none is still to come
        page.get_by_role("link", name="Clinic").click()
        expect(page.get_by_role("heading", name="Clinic", exact=True)).to_be_visible(timeout=30_000)
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        settle(page)
        page.screenshot(path=str(screenshot(page, "clinic-40")).replace(".png", "-screen.png"))  # what one sees
        box = table.bounding_box()
        assert box is not None and box["y"] < 768 - 150, box  # the list starts on the first screen
        expect(page.get_by_text("1 with an urgent warning sign")).to_be_visible()
        # the first row's checkbox cell, on the grid's canvas (header and rows are 35 px high)
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
        back = page.get_by_role("button", name="← Back to the list")
        expect(back).to_be_visible(timeout=30_000)
        expect(page.get_by_text("StreamlitWidgetAlreadyInstantiatedError")).to_have_count(0)
        expect(page.get_by_role("heading", name=HOSTILE_NAME)).to_be_visible()  # the literal text, not a link
        expect(page.get_by_text(HOSTILE_NAME).first).to_be_visible()
        expect(page.locator('a[href="http://x"]')).to_have_count(0)
        expect(page.get_by_text("URGENT: Emergency warning sign").first).to_be_visible()
        settle(page)
        screenshot(page, "clinic-patient")
        legend = page.locator('[data-testid="stPlotlyChart"] .legendtext').filter(has_text="href")
        expect(legend.first).to_have_text(HOSTILE_NAME)  # the cohort legend shows the name as typed
        back.click()
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        scroll_to(chart)
        expect(chart.locator(".legendtext")).to_have_count(3)  # other patients, usual course, the urgent one
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "clinic-cohort.png"))
        page.get_by_role("tab", name="Import diaries").click()
        expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_be_attached()
        settle(page)  # the tab is drawn, so every request it makes is seen
        log.wait_quiet(page)
    requests = log.urls
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert requests and hosts <= {"127.0.0.1", "localhost"}, sorted(
        u for u in requests if urlparse(u).hostname not in ("127.0.0.1", "localhost"))
