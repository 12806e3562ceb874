"""A real browser: Debian's Chromium driven by Playwright against `streamlit run` on 127.0.0.1."""
from __future__ import annotations

import re

import pytest

from analysis.storage import Diary
from tests.browser import (
    ARTIFACTS,
    browser_page,
    diary_with_episode,
    pick_pain,
    screenshot,
    scroll_to,
    settle,
    wait_for_heading,
)

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
        expect(page.get_by_role("heading", name="Progress")).to_be_visible()
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


def test_clinic_upload_and_triage(app_diary, tmp_path) -> None:
    from playwright.sync_api import expect

    from analysis.workflows.diary_io import sample_files

    broken = tmp_path / "knee.csv"
    broken.write_text("date,pain\n2026-11-01,4\n2026-11-02,11\n")
    urgent = tmp_path / "urgent.csv"
    rows = ["date,pain,symptoms"] + [f"2026-11-{d:02d},{7 - d // 4},{'bladder_bowel' if d == 12 else ''}"
                                     for d in range(1, 13)]
    urgent.write_text("\n".join(rows) + "\n")
    files = [str(p) for p in sample_files()] + [str(broken), str(urgent)]
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
        expect(page.get_by_text("6 imported, 1 refused.").first).to_be_visible()
        page.get_by_role("tab", name="Patients, most urgent first").click()
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        settle(page)
        screenshot(page, "clinic")
        scroll_to(table)
        settle(page)
        screenshot(page, "clinic-triage")
    stored = Diary(db)
    assert len(stored.patient_names()) == 6
    stored.close()


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
