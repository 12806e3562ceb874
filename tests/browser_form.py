"""Helpers that fill in Today's form in Chromium as a person would: open it, press, type a date or a number, tap
a pain (the server and page plumbing they use is tests/browser.py)."""
from __future__ import annotations

import datetime as dt

from tests.browser import app_runs, settle, wait_for_heading


def open_today(page: object, url: str) -> None:
    """Open the app on Today and wait until its first run is drawn whole, before anything is pressed."""
    page.goto(url)  # type: ignore[attr-defined]
    wait_for_heading(page, "Today")
    settle(page)


def press(page: object, locator: object) -> None:
    """Click `locator` (a button, a checkbox's label) once the page is at rest, and wait for the rerun it starts."""
    settle(page)
    runs = app_runs(page)
    locator.click()  # type: ignore[attr-defined]
    settle(page, after=runs)


def date_field(page):
    """Today's date box: a react-aria date field of day/month/year segments, with a hidden ISO input."""
    return page.locator('[data-testid="stDateInput"]').filter(has=page.get_by_role("group", name="Date", exact=True))


def pick_date(page, day: dt.date) -> None:
    """Type a date into Today's date box, segment by segment (DD/MM/YYYY), and leave it so the form loads it."""
    from playwright.sync_api import expect

    settle(page)  # no earlier rerun still under way: the next one counted is the date's
    runs = app_runs(page)
    page.get_by_role("spinbutton", name="day, Date", exact=True).click()
    page.keyboard.type(day.strftime("%d%m%Y"), delay=50)
    _leave_date_field(page)
    expect(date_field(page).locator('[data-testid="hidden-dateinput-container"] input')).to_have_value(
        day.isoformat())
    try:
        settle(page, after=runs, timeout=15_000)  # the form reloads that day's values on change: that rerun is over
    except AssertionError:  # the field shows the date but never handed it to Streamlit (seen under load in CI,
        # twice: once the calendar was still open when the field lost focus; once nothing was pending by the time
        # it did, so clicking in and out again did not help either): a person pastes the date, which Streamlit's
        # field hands over at once (Streamlit 1.67 DateInput onPaste)
        paste_date(page, day)
        try:
            settle(page, after=runs)
        except AssertionError:  # twice under heavy load (CI, a machine running other work), right after "Start my
            # diary": the page took neither and did nothing for 30 s. A person reloads the page and picks again;
            # the diary is in the file, the new session starts on today's date.
            page.reload()
            wait_for_heading(page, "Today")
            settle(page)
            runs = app_runs(page)
            paste_date(page, day)
            settle(page, after=runs)


def paste_date(page, day: dt.date, label: str = "Date", heading: str = "Today") -> None:
    """Paste `day` as DD/MM/YYYY into the date field labelled `label` ("Date", or a warning box's "Seen on") on the
    page titled `heading`, as a person pasting it from elsewhere would."""
    field = page.get_by_role("spinbutton", name=f"day, {label}", exact=True)
    field.click()
    field.evaluate(
        """(element, text) => {
            const data = new DataTransfer();
            data.setData("text", text);
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""", day.strftime("%d/%m/%Y"))
    _leave_date_field(page, heading)


def _leave_date_field(page, heading: str = "Today") -> None:
    """Close the date field's calendar, wait until it is gone, and leave the field: Streamlit takes the date when
    the field loses focus with its calendar closed (a blur while it is open hands nothing over: Streamlit 1.67's
    DateInput onBlur)."""
    from playwright.sync_api import expect

    page.keyboard.press("Escape")  # close the calendar (Tab would open it over the form)
    expect(page.locator('[data-testid="stDateInputCalendar"]')).to_have_count(0)
    page.get_by_role("heading", name=heading).click()  # leave the field: Streamlit takes the date


def type_number(page, label: str, value: str) -> None:
    """Type `value` into the number box labelled `label` and wait for the rerun it starts (leaving the box as a
    person tabbing on does, if the Enter was not handed over under load)."""
    settle(page)
    runs = app_runs(page)
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    try:
        settle(page, after=runs, timeout=15_000)
    except AssertionError:
        box.press("Tab")
        settle(page, after=runs)


def pick_pain(page, label: str, value: int) -> None:
    """Choose `value` on Today's pain scale labelled `label` (page_rules.day_questions: "Pain on average today", or
    "Pain on average on Mon 30 Nov" on an earlier date) by
    clicking its option, as a person taps it, and wait until that option is the chosen one and the rerun is over.

    Why a click: the scale is a row of 0..10 options that starts with none chosen (a slider started at 0)."""
    from playwright.sync_api import expect

    settle(page)  # no earlier rerun still under way: the next one counted is the choice's
    runs = app_runs(page)
    scale = page.locator('[data-testid="stButtonGroup"]').filter(has_text=label)
    option = scale.get_by_role("radio", name=str(value), exact=True)
    option.click()
    expect(option).to_have_attribute("aria-checked", "true")
    settle(page, after=runs)


def pick_column(page, label: str, column: str) -> None:
    """In the Clinic's column step, choose the file's `column` in the picker labelled `label` ("Pain (0-10)") and
    wait until the picker shows it."""
    from playwright.sync_api import expect

    settle(page)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))
    picker.click()
    page.get_by_role("option", name=column, exact=True).click()
    expect(picker.get_by_role("combobox")).to_have_value(column)
