"""Review 22: thirty seconds a day on a phone (390 x 844), in a real browser. Each test drives the real app in
Chromium as a patient in pain would and asserts the right behaviour; each is marked xfail(strict) for the fault
it shows."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary, Dose
from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading
from tests.browser_form import pick_pain, type_number

pytestmark = pytest.mark.browser
TODAY = dt.date.today()
PHONE = (390, 844)


def _seed(db, days: int, pain=lambda day: 6) -> int:
    """An episode of "Sam" that started `days` days ago, each day before today logged (`pain(day)`, 0 = onset)."""
    diary = Diary(db)
    try:
        episode = diary.add_episode("Sam", TODAY - dt.timedelta(days=days), "", 60)
        for ago in range(days, 0, -1):
            day = days - ago
            diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), pain(day), pain(day) + 1,
                                               10 + 5 * day, 0, "", [Dose("ibuprofen", 400, 3)] if day < 5 else []))
        return episode
    finally:
        diary.close()


def _chosen(page, scale: str) -> list[str]:
    """The numbers chosen on the pain scale labelled `scale`."""
    group = page.locator('[data-testid="stButtonGroup"]').filter(has_text=scale)
    return group.locator('[role="radio"][aria-checked="true"]').all_inner_texts()


def test_typing_a_medicine_never_offers_to_add_every_match(app_diary) -> None:
    """A patient types "ibuprofen" into Medicines taken and presses Enter (the phone keyboard's Go): the list's
    first, highlighted line is "Select 3 matches", so Enter logs ibuprofen, Nuromol 200/500 and Nurofen Plus
    200/12.8, i.e. paracetamol and codeine never taken (with 400 mg x3, the diary said ibuprofen 1,600 mg and a
    false "Daily maximum dose exceeded"). Typing "paracetamol" puts "Select 64 matches" (tramadol, oxycodone,
    codeine products) first; after any pick the list stays open with "Select all" on top. A diary logs what one
    took: one line, one medicine (GUIDANCE §5's dose checks count what is logged)."""
    url, db = app_diary
    episode = _seed(db, 3)
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        pick_pain(page, "Pain on average today", 6)
        medicines = page.locator('[data-testid="stMultiSelect"]').filter(
            has=page.get_by_text("Medicines taken", exact=True))
        medicines.locator("input").click()
        page.keyboard.type("paracetamol")
        page.get_by_role("option").first.wait_for()
        page.wait_for_timeout(500)
        offered = page.get_by_role("option").all_inner_texts()[:3]
        screenshot(page, "review22_medicine_list_select_all")
        medicines.locator("input").fill("")
        page.keyboard.type("ibuprofen")
        page.get_by_role("option").first.wait_for()
        page.wait_for_timeout(500)
        settle(page)
        runs = app_runs(page)
        page.keyboard.press("Enter")
        try:  # under load (CI) an Enter pressed while the list was still filtering chose nothing: no run came
            settle(page, after=runs, timeout=10_000)
        except AssertionError:
            page.keyboard.press("Enter")  # a second pick would add a second dose, which the assertion below refuses
            settle(page, after=runs)
        page.keyboard.press("Escape")
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name=re.compile("Save")).first.click()
        settle(page, after=runs)
    stored = Diary(db).entry(episode, TODAY)
    assert stored is not None, "nothing saved"
    assert [(d.medicine, d.dose_mg) for d in stored.doses] == [("ibuprofen", 400)], (stored.doses, offered)
    assert not [o for o in offered if re.match(r"Select (all|\d+)", o)], offered


def test_looking_at_progress_and_coming_back_keeps_what_was_typed(app_diary) -> None:
    """Half-way through today's form (pain 5, 20 minutes walked, a note) the patient opens Progress to see
    yesterday, then presses the browser's Back button: Today comes back empty (no pain chosen, no minutes, no
    note), with no word that anything was lost. Typed values must survive a look at another page."""
    url, db = app_diary
    _seed(db, 3)
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        pick_pain(page, "Pain on average today", 5)
        type_number(page, "Minutes active (walking, exercise)", "20")
        page.get_by_label("Notes (optional)").fill("slept badly")
        page.get_by_label("Notes (optional)").press("Tab")
        settle(page)
        page.get_by_role("button", name="Expand sidebar").click()
        page.get_by_role("link", name="Progress").click()
        page.get_by_role("heading", name="Progress").first.wait_for(timeout=30_000)
        settle(page)
        page.go_back()
        wait_for_heading(page, "Today")
        settle(page)
        screenshot(page, "review22_back_from_progress")
        kept = (_chosen(page, "Pain on average today"),
                page.get_by_label("Minutes active (walking, exercise)", exact=True).input_value(),
                page.get_by_label("Notes (optional)", exact=True).input_value())
    assert kept == (["5"], "20", "slept badly"), kept


def test_tapping_the_chosen_pain_again_keeps_it(app_diary) -> None:
    """A tired patient double-taps 7 on the pain scale (or taps it again to be sure): the second tap clears the
    choice, so nothing is chosen and Save then says "Nothing is saved yet". A 0-10 rating scale is a pick-one
    question: tapping the chosen number again must leave it chosen (change it by tapping another)."""
    url, db = app_diary
    _seed(db, 3)
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        pick_pain(page, "Pain on average today", 7)
        settle(page)
        page.locator('[data-testid="stButtonGroup"]').filter(has_text="Pain on average today").get_by_role(
            "radio", name="7", exact=True).click()
        page.wait_for_timeout(500)  # a second tap on the chosen number reruns nothing: let any rerun start first
        settle(page)
        chosen = _chosen(page, "Pain on average today")
    assert chosen == ["7"], chosen


def test_the_pain_scale_is_one_row_of_finger_sized_buttons_on_a_phone(app_diary) -> None:
    """On a phone the eleven pain buttons wrapped to 0-7 over a row of three wide buttons 8, 9 and 10 (which reads as
    another scale), each 32 px tall. Each scale must be one row, 0 to 10 left to right, every button on screen and
    at least 44 px tall (WCAG 2.5.5) and 24 px wide (2.5.8); the end numbers are tapped and saved as chosen."""
    url, db = app_diary
    episode = _seed(db, 3)
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        for scale in ("Pain on average today", "Worst pain today"):
            group = page.locator('[data-testid="stButtonGroup"]').filter(has_text=scale)
            from playwright.sync_api import expect  # the scale drawn (a loaded CI machine read it before: no buttons)

            expect(group.get_by_role("radio")).to_have_count(11, timeout=30_000)
            boxes = [button.bounding_box() for button in group.get_by_role("radio").all()]
            assert group.get_by_role("radio").all_inner_texts() == [str(n) for n in range(11)], scale
            assert len({round(box["y"]) for box in boxes}) == 1, (scale, boxes)  # one row
            assert [box["x"] for box in boxes] == sorted(box["x"] for box in boxes), boxes
            assert all(box["height"] >= 44 and box["width"] >= 24 for box in boxes), boxes
            assert boxes[0]["x"] >= 0 and boxes[-1]["x"] + boxes[-1]["width"] <= PHONE[0], boxes
        shot = screenshot(page, "review22_pain_scale_phone")
        pick_pain(page, "Pain on average today", 10)
        pick_pain(page, "Worst pain today", 10)
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name=re.compile("Save")).first.click()
        settle(page, after=runs)
    stored = Diary(db).entry(episode, TODAY)
    assert stored is not None and (stored.pain, stored.worst_pain) == (10, 10), (stored, shot)


def test_tab_never_lands_on_the_hidden_sidebar(app_diary) -> None:
    """Keyboard only, on a phone: the sidebar is collapsed, yet Tab walks through six controls of it first (the
    Today, Progress, Diary and Clinic links, the "Diary of" picker, "New episode of back pain"), all drawn off
    screen (x = -288 px): focus disappears for six presses. Every focused control must be on screen (WCAG 2.4.7)."""
    url, db = app_diary
    _seed(db, 3)
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        # the sidebar is marked collapsed once the phone layout is drawn (a loaded CI machine pressed Tab before)
        page.wait_for_selector("[data-testid='stSidebar'][data-collapsed='true']", state="attached")
        # ... and the page's style that hides it has arrived (CI once pressed Tab between the two)
        page.wait_for_function("""() => { const s = document.querySelector("[data-testid='stSidebar']");
            return s !== null && getComputedStyle(s).visibility === 'hidden'; }""", timeout=30_000)
        hidden = []
        for _ in range(12):
            page.keyboard.press("Tab")
            where = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return [(e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 40),
                        r.right, r.left]; }""")
            if where[1] <= 0 or where[2] >= PHONE[0]:
                hidden.append(where[0])
    assert hidden == [], hidden


def test_a_month_in_the_plan_no_longer_prescribes_lying_down(app_diary) -> None:
    """Day 30, pain 1 since day 12 (Progress: "Recovered since ..."), walking over an hour: Today still asks
    to tick "90/90 rest position: 20 min, 3 times a day" (an hour a day lying on the floor), beside
    "Walk 60 min today". The seed (002) gives that "emergency position" for acute pain and says not to lie in
    it for long; GUIDANCE §4: keep moving, no bed rest beyond two days. Once the acute
    spell is over it must go."""
    url, db = app_diary
    _seed(db, 29, pain=lambda day: max(1, 7 - day // 2))
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        plan = page.locator(".st-key-plan_routine")
        plan.scroll_into_view_if_needed()
        screenshot(page, "review22_day30_plan")
        words = plan.inner_text()
    assert "day 29" in words, words
    assert not re.search(r"90/90 rest position: 20 min, 3 times a day", words), words


def test_the_medicine_table_shows_the_daily_maximum_on_a_phone(app_diary) -> None:
    """Progress on a phone, after days of ibuprofen 400 mg four times (1,600 mg; GUIDANCE §5: 1,200 mg a day
    over the counter): the Medicines table is 554 px wide in a 356 px box, so "Most in one day (mg)" is cut off at
    "Most in one" and "Daily maximum (mg)" is off screen. The two numbers that show the dose was too high need a
    sideways swipe inside the table that nothing hints at. On a phone the table must fit (or wrap) the screen."""
    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Sam", TODAY - dt.timedelta(days=6), "", 60)
    for ago in range(6, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 6, 7, 20, 0, "",
                                           [Dose("ibuprofen", 400, 4)]))
    diary.close()
    with browser_page(*PHONE) as page:
        page.goto(f"{url}/progress")
        page.get_by_role("heading", name="Progress").first.wait_for(timeout=30_000)
        settle(page)
        heading = page.get_by_role("heading", name="Medicines", exact=True)
        table = heading.locator("xpath=following::*[@data-testid='stTable'][1]")  # a grid before the fix
        table.scroll_into_view_if_needed()
        screenshot(page, "review22_medicine_table_phone")
        said = page.locator('[data-testid="stMain"]').inner_text()
        widths = table.evaluate("e => [e.scrollWidth, e.clientWidth]")
        cells = table.inner_text()
    assert "1,200" in said or "1200" in said, said  # the warning itself is said above (not this fault)
    assert widths[0] <= widths[1] + 2, f"table {widths[0]} px wide in a {widths[1]} px box"
    assert "1,600" in cells and "1,200" in cells, cells  # the most in a day and the maximum, in the table itself


def test_today_says_the_bed_rest_warning_when_the_day_is_saved(app_diary) -> None:
    """Day 5: the patient has spent 10 hours lying in bed every day and walked 0 minutes; they log today the same
    (pain 7, 10 hours in bed) and press Save. Progress says "A warning needs your attention first (... More than two
    days of bed rest)", but Today, the page they use each morning, says nothing about it: under Save only the
    codeine warning, and the plan just repeats "Walk 15 min today ... Same target as yesterday" with the 90/90 rest
    position to tick. GUIDANCE §4 (NHS, Cochrane 2010): no bed rest beyond two days; the warning must reach them."""
    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Sam", TODAY - dt.timedelta(days=5), "", 60)
    for ago in range(5, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 7, 9, 0, 10, ""))
    diary.close()
    with browser_page(*PHONE) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        pick_pain(page, "Pain on average today", 7)
        type_number(page, "Minutes active (walking, exercise)", "0")
        type_number(page, "Hours lying in bed during the day", "10")
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name=re.compile("Save")).first.click()
        settle(page, after=runs)
        screenshot(page, "review22_bed_rest_today")
        said = page.locator('[data-testid="stMain"]').inner_text()
    stored = Diary(db).entry(episode, TODAY)
    assert stored is not None and stored.bed_rest_hours == 10, stored
    assert re.search(r"bed rest|staying in bed", said, re.I), said


def test_the_clinic_chart_names_the_urgent_patient_legibly(app_diary) -> None:
    """The physiotherapist opens the Clinic (1280 px laptop) on a practice with one urgent patient: the chart's
    legend names that patient in red, but the x-axis title "Days since the pain started" is drawn on top of the
    name (same line, overlapping by over 100 px), so the one line that matters cannot be read."""
    from tests.browser import clinic_diary

    url, db = app_diary
    clinic_diary(db, patients=12)
    with browser_page(1280, 900) as page:
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic")
        settle(page)
        page.locator(".legend").first.scroll_into_view_if_needed()
        screenshot(page, "review22_clinic_legend")
        boxes = page.evaluate("""() => {
            const box = e => { const r = e.getBoundingClientRect();
                return [e.textContent, r.left, r.top, r.right, r.bottom]; };
            return [...document.querySelectorAll('.g-xtitle text')].map(box)
                .concat([...document.querySelectorAll('.legend .legendtext')].map(box)); }""")
    title, legend = boxes[0], boxes[1:]
    assert title[0] == "Days since the pain started" and len(legend) >= 3, boxes
    overlapping = [name for name, left, top, right, bottom in legend
                   if left < title[3] and right > title[1] and top < title[4] and bottom > title[2]]
    assert overlapping == [], (title, legend)
