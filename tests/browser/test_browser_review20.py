"""Review 20: the app as a patient in pain and a busy physiotherapist meet it, in a real browser. Each test drives
the real app in Chromium and asserts the right behaviour; each is marked xfail(strict) for the fault it shows."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.storage import DayEntry, Diary, Dose
from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading
from tests.browser_form import pick_date
from tests.pdf_text import pdf_words

pytestmark = pytest.mark.browser
TODAY = dt.date.today()


def _main(page) -> str:
    """What the page's main area says (the sidebar left out)."""
    return page.locator('[data-testid="stMain"]').inner_text()


def _choose(page, scale_index: int, value: int) -> None:
    """Tap `value` on the form's pain scale number `scale_index` (0: pain, 1: worst pain), whatever its label."""
    settle(page)
    runs = app_runs(page)
    option = page.locator('[data-testid="stButtonGroup"]').nth(scale_index).get_by_role("radio", name=str(value),
                                                                                          exact=True)
    option.click()
    settle(page, after=runs)


def _add_medicine(page, typed: str) -> None:
    """Type `typed` into Today's medicine list and pick the first option starting with it."""
    medicines = page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_text("Medicines taken", exact=True))
    for _attempt in range(3):  # under load the click can land while the list is redrawn: pick again
        settle(page)
        medicines.locator("input").click()
        page.keyboard.type(typed)
        page.get_by_role("option", name=re.compile(f"^{typed}")).first.click()
        page.keyboard.press("Escape")
        settle(page)
        if page.get_by_label(f"{typed}: mg per dose", exact=True).count():
            return
    raise AssertionError(f"{typed} could not be picked")


def _save(page) -> None:
    settle(page)
    runs = app_runs(page)
    page.get_by_role("button", name=re.compile("Save")).first.click()
    settle(page, after=runs)


def _open_first_clinic_row(page) -> None:
    """Open the first patient of the Clinic's list by clicking its row, as the physiotherapist does."""
    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    runs = app_runs(page)
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
    settle(page, after=runs)
    page.get_by_role("button", name="← Back to the list").wait_for(timeout=30_000)
    settle(page)


def test_two_anti_inflammatories_on_a_past_day_are_said(app_diary) -> None:
    """GUIDANCE §5: two different NSAIDs on one day is a warning. A patient fills in yesterday (today is already
    logged) with ibuprofen and naproxen and presses Save: nothing is said under Save, and the Progress page says
    "No warnings right now. Keep going!", because the alert only counts as active on the last diary day. The
    warning never reaches the person it is for (it is only in the PDF's alert history, as "no")."""
    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Noor", TODAY - dt.timedelta(days=5), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 5, 6, 20, 0, ""))
    diary.close()
    with browser_page(1280, 1000) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        pick_date(page, TODAY - dt.timedelta(days=1))
        _choose(page, 0, 6)
        _add_medicine(page, "ibuprofen")
        _add_medicine(page, "naproxen")
        _save(page)
        screenshot(page, "review20_two_nsaids_saved")
        stored = Diary(db).entry(episode, TODAY - dt.timedelta(days=1))
        assert stored is not None and {d.medicine for d in stored.doses} == {"ibuprofen", "naproxen"}
        said_on_today = _main(page)
    # said under Save, where the person is looking when they log it (page_rules.day_warnings_on); Progress
    # shows the alerts as they apply now (a medicine alert is active on the diary's last day) and keeps this one
    # in its alert history
    assert re.search(r"anti-inflammator", said_on_today, re.I), said_on_today


def test_a_date_before_the_onset_never_saves_over_today(app_diary) -> None:
    """A patient whose pain began earlier than the onset they gave types that earlier day into Today's date box
    (DD/MM/YYYY). The box turns red with a bare "!" and no words, yet the form below still asks "Pain on average
    today" with today's saved answers chosen. Picking a pain and pressing Save then says "Updated the entry for
    today" and replaces today's pain 7 with the number meant for the earlier day: lost data, and the wrong day."""
    from tests.browser_form import date_field

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=3), "", 60)
    diary.save_entry(episode, DayEntry(TODAY, 7, 9, 10, 0, "today, as logged this morning"))
    diary.close()
    earlier = TODAY - dt.timedelta(days=5)
    with browser_page(1280, 1000) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        page.get_by_role("spinbutton", name="day, Date", exact=True).click()
        page.keyboard.type(earlier.strftime("%d%m%Y"), delay=50)
        page.keyboard.press("Escape")
        page.get_by_role("heading", name="Today").click()  # leave the field, as pick_date does
        page.wait_for_timeout(1500)
        settle(page)
        assert date_field(page).locator('[data-testid="hidden-dateinput-container"] input').input_value() == \
            earlier.isoformat()  # the box shows the typed day
        said = _main(page)
        assert page.locator('[data-testid="stButtonGroup"]').count() == 0  # no form, so no Save for another day
        screenshot(page, "review20_date_before_onset")
        assert re.search(r"before (your|the) (back )?pain (started|began)", said, re.I), said
        runs = app_runs(page)
        page.get_by_role("button", name=re.compile("My back pain started on")).click()  # it did start earlier
        settle(page, after=runs)
        _choose(page, 0, 3)
        _save(page)
    diary = Diary(db)
    stored = diary.entry(episode, TODAY)
    assert stored is not None and stored.pain == 7, f"today's pain is now {stored.pain if stored else None}"
    assert diary.entry(episode, earlier).pain == 3  # saved on the day chosen
    assert diary.episodes().set_index("episode_id").loc[episode, "onset_date"].date() == earlier


def test_the_start_of_the_pain_can_be_corrected_after_set_up(app_diary) -> None:
    """The set-up form offers today as "When did this back pain start?". A person in pain who presses Start my
    diary without changing it (the pain began three days ago) then cannot log those days: Today's date box stops
    at the onset, and no page lets them change the onset (Diary.update_episode exists; the app never calls it).
    The only way out is "New episode of back pain", which makes a second, wrong episode. The Diary page, where
    the set-up answers are changed, should also let the start of the pain be corrected."""
    url, db = app_diary
    with browser_page(1280, 1000) as page:
        page.goto(url)
        wait_for_heading(page, "Welcome to Backtrack")
        page.get_by_label("Your name or initials").fill("Sam")
        questions = page.locator('[data-testid="stRadio"]')
        questions.last.wait_for()
        for question in questions.all():
            question.get_by_text("No", exact=True).click()
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name="Start my diary").click()
        settle(page, after=runs)
        wait_for_heading(page, "Today")
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary", exact=True)
        settle(page)
        for expander in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
            expander.click()
        settle(page)
        screenshot(page, "review20_no_onset_editor")
        answers = Diary(db).screening()
        assert len(answers) == 7 and not answers["answer"].astype(bool).any()  # set up as a person would
        onset_field = page.locator('[data-testid="stMain"] [data-testid="stDateInput"]').filter(
            has_text=re.compile(r"pain start", re.I))
        assert onset_field.count() >= 1
        earlier = TODAY - dt.timedelta(days=3)
        page.get_by_role("spinbutton", name="day, When did this back pain start?", exact=True).click()
        page.keyboard.type(earlier.strftime("%d%m%Y"), delay=50)
        page.keyboard.press("Escape")
        page.get_by_role("heading", name="Diary", exact=True).click()
        minutes = page.get_by_label("Before it started, how many minutes a day were you active?", exact=True)
        minutes.fill("45")
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name="Save these").click()
        settle(page, after=runs)
    stored = Diary(db).episodes().iloc[0]
    assert stored["onset_date"].date() == earlier
    assert stored["normal_activity_minutes"] == 45  # the usual minutes, saved by the same button


def test_gp_report_prints_medicine_names_whole(app_diary) -> None:
    """The PDF a patient hands their GP (Progress > Prepare the PDF report) lists each medicine with its class.
    The Class column is too narrow for "paracetamol", so it prints as "paraceta" over "mol" (and, on a red row,
    the name as "paracetam" over "ol"): the medicine most people take, broken on the page a GP reads."""
    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Rosa", TODAY - dt.timedelta(days=8), "", 60)
    for ago in range(8, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 6, 7, 20, 0, "",
                                           [Dose("paracetamol", 1000, 3), Dose("ibuprofen", 400, 3)], []))
    diary.close()
    with browser_page(1280, 1000) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        settle(page)
        runs = app_runs(page)
        page.get_by_role("button", name="Prepare the PDF report").click()
        settle(page, after=runs, timeout=120_000)
        download_button = page.get_by_role("button", name="Download the report (PDF)")
        download_button.wait_for(timeout=120_000)
        with page.expect_download() as download:
            download_button.click()
        with open(download.value.path(), "rb") as pdf:
            words = pdf_words(pdf.read())
    medicines = words[words.index("Medicines"):words.index("Alert history")]
    assert "ibuprofen NSAID" in medicines  # the table was read
    assert not re.search(r"\bparacetam?\b", medicines), medicines  # "paraceta" / "paracetam": a broken word


def test_no_change_in_pain_is_not_a_signed_zero(app_diary) -> None:
    """Pain 5, 6, 7 on days 1-3: the 7-day average 6.0 is the estimated start (the PDF: "no change"). Progress
    puts "-0.0" under "6.0 of 10" (a fall, in the colour and arrow of one), and the Clinic's "Change since start"
    for the same person reads "+0.0": two signs for one nothing."""
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Zed", TODAY - dt.timedelta(days=3), "", 60)
    for ago, pain in ((2, 5), (1, 6), (0, 7)):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), pain, None, None, None, ""))
    diary.close()
    with browser_page(1280, 1000) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        settle(page)
        # waited for, not read at once: in one fresh-clone CI run of 3 Dec (a loaded machine) the page had settled
        # with no metric drawn yet, and the test read an empty string
        expect(page.get_by_text("6.0 of 10").first).to_be_visible(timeout=30_000)
        progress = " | ".join(page.locator('[data-testid="stMetric"]').all_inner_texts())
        screenshot(page, "review20_signed_zero_progress")
        page.goto(f"{url}/clinic")
        wait_for_heading(page, "Clinic")
        settle(page)
        _open_first_clinic_row(page)
        expect(page.get_by_text("Change since start").first).to_be_visible(timeout=30_000)
        clinic = " | ".join(page.locator('[data-testid="stMetric"]').all_inner_texts())
    assert "6.0 of 10" in progress and "Change since start" in clinic  # both pages drew their numbers
    assert not re.search(r"[-+]0\.0\b", progress), progress
    assert not re.search(r"[-+]0\.0\b", clinic), clinic


def test_progress_alert_cards_name_each_warning_once(app_diary) -> None:
    """A patient whose pain stays at 7 for two weeks reads on Progress "**Pain still strong after a week**: Pain
    still strong after a week first noted on ...". The Clinic already avoids this (triage.alert_text gives a
    detail that starts with the title alone); the patient's page does not."""
    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Lee", TODAY - dt.timedelta(days=15), "", 60)
    for ago in range(14, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 7, 8, 30, 0, ""))
    diary.close()
    with browser_page(1280, 1000) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        settle(page)
        cards = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').all_inner_texts()
        screenshot(page, "review20_title_twice")
    assert any("first noted" in card for card in cards), cards  # a warning with its dates is shown
    repeated = [card for card in cards if re.search(r"^\W*([A-Z][^:\n]{5,}): \1\b", card.strip())]
    assert not repeated, repeated


# Per plotly chart on show: its title's, legend's and whole box (left, top, right, bottom), in page pixels.
_CHART_BOXES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const box = element => {
    if (!element) return null;
    const b = element.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom];
  };
  const title = chart.querySelector('.gtitle');
  return {title: title ? title.textContent : '', titleBox: box(title),
          legendBox: box(chart.querySelector('g.legend .bg') || chart.querySelector('g.legend')), chartBox: box(chart)};
})"""


# True once every plotly chart on show has drawn its title and legend.
_ALL_TITLED = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
  chart => chart.querySelector('.gtitle') && chart.querySelector('g.legend'))"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_progress_charts_are_readable_on_a_phone(app_diary) -> None:
    """On a 390 px phone screen the pain chart's title "Your pain, day by day" is drawn across its legend
    ("Pain, 7-day average"), and "Minutes active each day, against your walking target" overlaps its legend and
    is cut off at the right edge (the Clinic's "Every patient's pain as a share ..." does the same)."""
    from playwright.sync_api import expect

    url, db = app_diary
    diary = Diary(db)
    episode = diary.add_episode("Mo", TODAY - dt.timedelta(days=12), "", 60)
    for ago in range(11, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 7 - (11 - ago) // 3, None,
                                           15 + 2 * (11 - ago), 0, ""))
    diary.close()
    with browser_page(390, 900) as page:
        page.goto(f"{url}/progress")
        wait_for_heading(page, "Progress", exact=True)
        settle(page)
        # under load the page settled before its first chart was in it: none were read, and the check read nothing
        expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible(timeout=60_000)
        for chart in page.locator('[data-testid="stPlotlyChart"]').all():
            chart.scroll_into_view_if_needed()
            settle(page)
        # plotly draws after the page settles: on a busy machine the boxes were read before any title was drawn
        page.wait_for_function(_ALL_TITLED, timeout=30_000)
        charts = page.evaluate(_CHART_BOXES)
        screenshot(page, "review20_phone_progress")
    titled = [chart for chart in charts if chart["titleBox"] and chart["legendBox"]]
    assert any(chart["title"] == "Your pain, day by day" for chart in titled), charts  # the charts were drawn
    crossed = [chart["title"] for chart in titled if _overlap(chart["titleBox"], chart["legendBox"])]
    cut_off = [chart["title"] for chart in titled if chart["titleBox"][2] > chart["chartBox"][2] + 1]
    assert not crossed and not cut_off, f"over the legend: {crossed}; cut off: {cut_off}"


def test_the_calendar_reminder_speaks_to_a_patient(app_diary) -> None:
    """Today > Reminder > Download (.ics): the event a patient adds to their calendar says "Open Backtrack on your
    computer (make run)". "make run" is a command for whoever installed the app, not words for a person in pain
    reading their phone's calendar at 7 pm."""
    url, db = app_diary
    diary = Diary(db)
    diary.add_episode("Ali", TODAY - dt.timedelta(days=4), "", 60)
    diary.close()
    with browser_page(1280, 1000) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        page.get_by_role("button", name=re.compile("Reminder")).click()
        download_button = page.get_by_role("button", name="Download (.ics)")
        download_button.wait_for()
        with page.expect_download() as download:
            download_button.click()
        with open(download.value.path(), encoding="utf-8") as calendar:
            text = calendar.read()
    unfolded = text.replace("\r\n ", "").replace("\n ", "")  # RFC 5545 folds long lines
    assert "SUMMARY:Backtrack: log your day" in unfolded  # the reminder was downloaded
    assert "make run" not in unfolded, unfolded
