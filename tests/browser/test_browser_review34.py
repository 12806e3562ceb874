"""Review 34 in Chromium: the physiotherapist records their assessment of an urgent sign from the Clinic."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary
from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading
from tests.browser_form import paste_date

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def test_the_clinic_records_an_assessment_and_the_patient_leaves_the_urgent_rows(app_diary) -> None:
    """Una logged loss of bladder control three days ago: URGENT at the top of the list. The physiotherapist opens
    her row, types the day they assessed her (yesterday) and presses Record my assessment: the mark is stored as the
    clinician's with that date, and the list no longer calls her urgent."""
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Una", TODAY - dt.timedelta(days=8), normal_activity_minutes=40)
    for back in range(8, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=back), 5, 6, 20,
                                           symptoms=["bladder_bowel"] if back == 3 else []))
    diary.close()
    yesterday = TODAY - dt.timedelta(days=1)
    with browser_page(1366, 900) as page:
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic", exact=True)
        table = page.locator('[data-testid="stDataFrame"]').first
        expect(table).to_be_visible(timeout=30_000)
        expect(page.get_by_text("1 with an urgent warning sign")).to_be_visible()
        settle(page)
        box = table.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the only row's checkbox cell
        expect(page.get_by_role("heading", name="Una")).to_be_visible(timeout=30_000)
        record = page.get_by_role("button", name="Record my assessment")
        expect(record).to_have_count(1)
        settle(page)
        runs = app_runs(page)
        paste_date(page, yesterday, "Assessed on", heading="Clinic")  # typed as a person pastes it
        field = page.locator('[data-testid="stDateInput"]').filter(
            has=page.get_by_role("group", name="Assessed on", exact=True))
        expect(field.locator('[data-testid="hidden-dateinput-container"] input')).to_have_value(yesterday.isoformat())
        settle(page, after=runs)
        record.click()
        expect(page.get_by_text("your assessment closes this alert").first).to_be_visible(timeout=30_000)
        settle(page)
        screenshot(page, "review34_clinic_assessment")
        expect(page.get_by_role("button", name="Record my assessment")).to_have_count(0)
        page.get_by_role("button", name="← Back to the list").click()
        expect(page.get_by_text("0 with an urgent warning sign")).to_be_visible(timeout=30_000)
    marks = Diary(db).seen()
    assert marks[["code", "seen_by"]].values.tolist() == [["red_flag_emergency", "clinician"]]
    assert marks["seen_date"].iloc[0].date() == yesterday


def test_the_clinic_takes_one_persons_minutes_from_a_fitbit_file_of_several(app_diary, tmp_path) -> None:
    """Fitbit's dailyActivity_merged.csv holds 33 people: the page asks whose (an Id), then whose diary, and the
    minutes land in that diary (it had said "choose one with --source-id", a command-line flag)."""
    from pathlib import Path

    import pandas as pd
    from playwright.sync_api import expect

    real = (Path(__file__).resolve().parents[3] / "shared" / "real-files" / "fitbit"
            / "biscotty666_dailyActivity_merged.csv")
    person = pd.read_csv(real)
    person = person[person["Id"] == 1503960366]
    days = pd.to_datetime(person["ActivityDate"], format="%m/%d/%Y")
    kim = tmp_path / "kim.csv"
    kim.write_text("date,pain,patient,onset_date\n" + "".join(
        f"{day:%Y-%m-%d},5,Kim,{days.min():%Y-%m-%d}\n" for day in days))
    url, db = app_diary
    with browser_page(1400, 1100) as page:
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic", exact=True)
        page.get_by_role("tab", name="Import diaries").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(kim), str(real)])
        expect(page.get_by_text("kim.csv").first).to_be_visible()
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.get_by_text("1 imported, 1 refused.").first).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile("holds the activity of 33 people.*choose whose below"))).to_be_visible()
        settle(page)
        for label, option in (("Whose activity in this file?", "1503960366"),):
            box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))
            box.click()
            page.get_by_role("option", name=option, exact=True).click()
            expect(box.get_by_role("combobox")).to_have_value(option)
        settle(page)
        page.get_by_role("button", name="Import this person's minutes").click()
        expect(page.get_by_text("Whose diary are these minutes for?")).to_be_visible(timeout=60_000)
        settle(page)
        whose = page.locator('[data-testid="stSelectbox"]').filter(
            has=page.get_by_text("Whose diary are these minutes for?", exact=True))
        whose.click()
        page.get_by_role("option", name="Kim", exact=True).click()
        settle(page)
        page.get_by_role("button", name="Add the minutes to Kim's diary").click()
        expect(page.get_by_text("2 imported, 0 refused.").first).to_be_visible(timeout=60_000)
        screenshot(page, "review34_fitbit_person")
    stored = Diary(db).entries().sort_values("date")
    expected = (person["VeryActiveMinutes"] + person["FairlyActiveMinutes"]).to_numpy(dtype=float)
    assert stored["activity_minutes"].to_numpy(dtype=float).tolist() == expected.tolist()
