"""Clicking and typing into Streamlit's data editor (Glide Data Grid) in Chromium, for the Diary table's browser
tests. Glide draws on a canvas: there is no element per cell to click, so a cell is found by clicking until the
grid's accessible table says it is selected, and typed into through the editor Glide opens over it."""
from __future__ import annotations

from tests.browser import app_runs, settle

ROW = 35  # Glide's default header and row height in pixels
# the Diary table's columns (Date, Pain, Worst pain, Minutes active, Hours in bed, Notes, ...) by position
PAIN, WORST, NOTES = 1, 2, 5


def selected(page) -> list[str]:
    """The ids of the cells the grid says are selected."""
    return page.evaluate("[...document.querySelectorAll('td[aria-selected=true]')].map(e => e.id)")


def click_row(page, x: float, y: float, row: int, tries: int = 3) -> str:
    """Click the grid at (x, y), in `row`; return the id of the cell it selected, once the grid says so. Clicked
    again when the grid did not answer: after the refused Save (the page rerun) Playwright's first click, which
    moves the pointer and presses at once, was lost in 6 runs of 7; with the pointer first resting over the grid
    for 0.3 s (as a person's does) it was not, in the one run tried: most likely the harness, not the page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        page.mouse.click(x, y)
        try:
            page.wait_for_function("row => [...document.querySelectorAll('td[aria-selected=true]')]"
                                   ".some(e => e.id.endsWith('-' + row))", arg=row, timeout=3_000)
            return selected(page)[0]
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def select_cell(page, column: int, row: int) -> None:
    """Click the grid's row until it selects `column`: a binary search over x, the columns lying left to right;
    between tries a click on another row's date, so no click lands on the cell already selected (that would open
    its editor)."""
    box = page.get_by_test_id("data-grid-canvas").bounding_box()
    y = box["y"] + ROW * (row + 1) + ROW / 2
    away = 2 if row != 2 else 1
    low, high = 10, int(box["width"]) - 10
    while low <= high:
        x = (low + high) // 2
        found = int(click_row(page, box["x"] + x, y, row).split("-")[-2])
        if found == column:
            return
        click_row(page, box["x"] + 20, box["y"] + ROW * (away + 1) + ROW / 2, away)
        low, high = (x + 5, high) if found < column else (low, x - 5)
    raise AssertionError(f"no cell {column} in row {row} of the grid")


def type_into(page, column: int, row: int, text: str) -> None:
    """Select a cell, open its editor (Enter), replace its text, commit (Enter): the edit reruns the page. A number
    cell's editor is an input, a text cell's a textarea."""
    from playwright.sync_api import expect

    select_cell(page, column, row)
    runs = app_runs(page)
    page.keyboard.press("Enter")
    editor = page.locator("#portal input, #portal textarea").first  # Glide's cell editor, drawn over the grid
    editor.wait_for()
    editor.fill(text)
    expect(editor).to_have_value(text)
    editor.press("Enter")
    settle(page, after=runs)


def save_changes(page) -> None:
    """Press the Diary page's *Save changes* and wait for the rerun it starts."""
    runs = app_runs(page)
    page.get_by_role("button", name="Save changes").click()
    settle(page, after=runs)


def column(page, column: int, rows: int) -> list[str]:
    """The text of `column` in the first `rows` rows, as the grid's accessible table holds it."""
    return [page.get_by_test_id(f"glide-cell-{column}-{row}").inner_text() for row in range(rows)]
