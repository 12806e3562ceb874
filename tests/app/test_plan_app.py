"""Today's routine in the app (AppTest, issue 13): the walking target follows the rule, tick boxes
persist, the PSFS check-in stores and charts, and the plan is paused while urgent."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.plan.daily import EXERCISES_HELD
from analysis.plan.exercises import EXERCISES
from analysis.storage import DayEntry, Diary
from tests.apptest import run, texts

pytestmark = pytest.mark.usefixtures("fresh_diary")  # every test starts on an empty diary file (conftest.py)
TODAY = dt.date.today()
ONSET = TODAY - dt.timedelta(days=5)


def diary_with(path: Path, minutes: dict[int, float], pain: dict[int, float] | None = None,
               symptoms: dict[int, list[str]] | None = None) -> int:
    """Onset 5 days ago, normal 60 minutes; `minutes` by day since onset (a missing day is not logged)."""
    diary = Diary(path)
    episode = diary.add_episode("Robin", ONSET, normal_activity_minutes=60)
    for n, active in minutes.items():
        diary.save_entry(episode, DayEntry(ONSET + dt.timedelta(days=n), (pain or {}).get(n, 3), None, active, 0,
                                           "", symptoms=(symptoms or {}).get(n, [])))
    diary.close()
    return episode


def popover_labels(at) -> list[str]:
    return [block.proto.popover.label for block in at.get("popover")]


def walking_text(at) -> str:
    bars = at.get("progress")
    assert len(bars) == 1
    return bars[0].proto.text


def test_the_target_for_day_n_follows_the_rule(fresh_diary: Path) -> None:
    diary_with(fresh_diary, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35})  # every target met
    at = run("screens/today.py")
    assert "Today's plan** · day 5" in "\n".join(m.value for m in at.markdown)
    assert walking_text(at).startswith("🚶 Walk 40 min today (none logged yet)")


def test_a_missed_day_holds_the_target(fresh_diary: Path) -> None:
    diary_with(fresh_diary, {0: 15, 1: 20, 2: 25, 3: 30})  # day 4 not logged
    at = run("screens/today.py")
    assert walking_text(at).startswith("🚶 Walk 35 min today")
    assert "Same target as yesterday: no walk was logged." in [c.value for c in at.caption]


def test_a_flare_holds_the_target(fresh_diary: Path) -> None:
    diary_with(fresh_diary, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35}, pain={0: 3, 1: 3, 2: 3, 3: 3, 4: 6})
    at = run("screens/today.py")
    assert walking_text(at).startswith("🚶 Walk 35 min today")
    assert any("flare in your pain" in c.value for c in at.caption)


def test_ticking_exercises_persists(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    assert at.checkbox(key="plan_ex_knee_rolls").value is False
    at.checkbox(key="plan_ex_knee_rolls").check().run()
    at.checkbox(key="plan_ex_press_up").check().run()
    at.checkbox(key="plan_ex_press_up").uncheck().run()
    assert not at.exception
    ticks = Diary(fresh_diary).exercise_ticks([episode])
    assert ticks["exercise_id"].tolist() == ["knee_rolls"]
    assert ticks["date"].dt.date.tolist() == [TODAY]
    assert "Week 1 so far: exercises on 1 of 6 days; walking target reached on 1." in [c.value for c in at.caption]
    again = run("screens/today.py")  # a new session reads them back
    assert again.checkbox(key="plan_ex_knee_rolls").value is True
    assert again.checkbox(key="plan_ex_press_up").value is False


def test_the_psfs_checkin_stores_and_charts(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    assert "📝 Check-in (due)" in popover_labels(at)
    at.text_input(key=f"plan_psfs_name_{episode}_0").input("Putting on socks")
    at.number_input(key=f"plan_psfs_score_{episode}_0").set_value(3)
    at.text_input(key=f"plan_psfs_name_{episode}_1").input("Sitting at my desk")
    at.number_input(key=f"plan_psfs_score_{episode}_1").set_value(6)
    at.button(key=f"FormSubmitter:plan_checkin_{episode}-Save check-in").click().run()
    assert not at.exception
    answers = Diary(fresh_diary).answers([episode], "psfs")
    assert answers["label"].tolist() == ["Putting on socks", "Sitting at my desk"]
    assert answers["value"].tolist() == [3.0, 6.0]
    assert answers["date"].dt.date.tolist() == [TODAY, TODAY]
    assert "Check-in saved." in [t.value for t in at.toast]
    assert at.get("vega_lite_chart"), "the PSFS course is charted"
    assert "📝 Check-in" in popover_labels(at)  # no longer due


def test_a_checkin_without_an_activity_says_so_and_stores_nothing(fresh_diary: Path) -> None:
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    at.button(key=f"FormSubmitter:plan_checkin_{episode}-Save check-in").click().run()
    assert not at.exception
    assert "Check-in not saved: name at least one activity that your back makes hard." in texts(at)
    assert Diary(fresh_diary).answers([episode]).empty


def test_the_reminder_download_is_offered(fresh_diary: Path) -> None:
    diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    assert at.get("download_button"), "the .ics download"


def test_the_routine_is_paused_while_urgent(fresh_diary: Path) -> None:
    diary_with(fresh_diary, {0: 15, 4: 20}, symptoms={4: ["saddle_numbness"]})
    at = run("screens/today.py")
    assert not at.get("progress")
    assert not [box for box in at.checkbox if str(box.key).startswith("plan_ex_")]
    assert "What to do now" in "\n".join(m.value for m in at.markdown)


def test_the_usual_working_day_sets_the_hours_of_the_work_plan(fresh_diary: Path) -> None:
    """Review 24: a 4-hour part-time day was followed by "full days (about 8 hours)". Not said, the work line says
    8 hours were assumed and where to set the usual day; set to 4 beside "Hours worked today", it is stored and the
    line is her own full day. (Emptying it, not said again, is in tests/storage: AppTest cannot send an empty box.)"""
    episode = diary_with(fresh_diary, {0: 15})
    diary = Diary(fresh_diary)
    diary.set_work_hours(episode, TODAY, 4)
    diary.close()
    at = run("screens/today.py")
    assert at.number_input(key="plan_usual_work_day").value is None
    assert ("Work: half days (about 4 hours, half of a full day of 8 hours; set your usual working day below if "
            "yours is different).") in [c.value for c in at.caption]
    at.number_input(key="plan_usual_work_day").set_value(4).run()
    assert not at.exception
    assert Diary(fresh_diary).usual_work_days([episode])["hours"].tolist() == [4.0]
    assert "Work: full days (about 4 hours)." in [c.value for c in at.caption]  # kept working her own full day
    assert run("screens/today.py").number_input(key="plan_usual_work_day").value == 4.0  # read back


@pytest.mark.browser
def test_the_routine_fits_one_laptop_screen(app_diary: tuple[str, Path]) -> None:
    """Chromium at 1366x768: with the routine scrolled to the top, its last row is inside the window."""
    from tests.browser import browser_page, screenshot, settle, wait_for_heading

    url, db = app_diary
    diary_with(db, {0: 15, 1: 20, 2: 25, 3: 30, 4: 20}, pain={4: 4})
    with browser_page(1366, 768) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        routine = page.locator(".st-key-plan_routine")
        routine.get_by_text("Today's plan").wait_for()
        routine.get_by_role("button", name="💼 Work").wait_for()
        routine.evaluate("element => element.scrollIntoView({block: 'start'})")
        settle(page)
        page.screenshot(path=str(screenshot(page, "today-routine")).replace(".png", "-screen.png"))
        # measured within one animation frame, so a rerun on a loaded machine cannot move one box between two reads
        top, bottom = routine.evaluate("""element => {
            const last = [...element.querySelectorAll('button')].find(b => b.innerText.includes('Work'));
            return [element.getBoundingClientRect().top, last.getBoundingClientRect().bottom];
        }""")
        assert bottom - top <= 768, (top, bottom)  # from its top to its last row, the routine fits one window


@pytest.mark.browser
def test_every_control_of_the_routine_works_in_chromium(app_diary: tuple[str, Path]) -> None:
    """Tick an exercise, start the heat timer, read How to, save a check-in, log work hours and the usual working
    day (the work line then says her own day) and download the reminder, in a real browser; each is checked in the
    diary (or the file), not only on the page."""
    from playwright.sync_api import expect

    from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading

    url, db = app_diary
    episode = diary_with(db, {0: 15, 1: 20, 2: 25, 3: 30, 4: 20}, pain={4: 4})
    first = EXERCISES[1]  # the first on a day of pain 4 (the rest position is listed while the pain is 5+)
    with browser_page(1366, 900) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        routine = page.locator(".st-key-plan_routine")
        routine.get_by_text("Today's plan").wait_for()

        box = routine.locator('[data-testid="stCheckbox"]').filter(has_text=first.name)
        settle(page)
        runs = app_runs(page)
        box.locator("label").click()
        expect(box.get_by_role("checkbox")).to_be_checked()
        settle(page, after=runs)  # the tick's rerun (which stores it) is over

        routine.get_by_role("button", name="🧊 Heat or ice: start 20 min").click()
        expect(routine.get_by_text("take it off at")).to_be_visible(timeout=20_000)

        routine.get_by_role("button", name="📋 How to").click()
        expect(page.get_by_text(first.caution).first).to_be_visible()
        page.keyboard.press("Escape")

        routine.get_by_role("button", name="📝 Check-in").click()
        page.get_by_label("Activity 1").fill("Bending to put on socks")
        page.get_by_role("button", name="Save check-in").click()  # no score given: asked for, in the box
        expect(page.get_by_text("give 'Bending to put on socks' a score from 0").first).to_be_visible(timeout=20_000)
        # 11 and 5.5 are said in the box (the browser had refused 11 with the last press's error left on screen,
        # and made 5.5 a 5 unsaid: review 33); the earlier sentence goes
        page.get_by_label("Score 1 (0-10)").fill("11")
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_text("must be 0-10, not 11").first).to_be_visible(timeout=20_000)
        expect(page.get_by_text("give 'Bending to put on socks' a score from 0")).to_have_count(0)
        page.get_by_label("Score 1 (0-10)").fill("5.5")
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_text("is a whole number from 0 to 10, not 5.5").first).to_be_visible(timeout=20_000)
        assert Diary(db).answers([episode]).empty
        page.get_by_label("Score 1 (0-10)").fill("3")
        page.get_by_role("button", name="Save check-in").click()
        expect(page.get_by_text("Check-in saved.").first).to_be_visible(timeout=20_000)
        page.keyboard.press("Escape")

        routine.get_by_role("button", name="💼 Work").click()
        hours = page.get_by_label("Hours worked today")
        settle(page)
        runs = app_runs(page)
        hours.fill("25")  # more than a day: said under the boxes in words, not stored (review 28)
        hours.press("Enter")
        settle(page, after=runs)
        expect(page.get_by_text("Hours worked today: 25 cannot be saved; type a number from 0 to 24 hours. It is not "
                                "saved until it is changed.")).to_be_visible(timeout=20_000)
        screenshot(page, "today-work-hours-too-many")
        assert Diary(db).work_hours([episode]).empty
        runs = app_runs(page)
        hours.fill("4")
        hours.press("Enter")
        settle(page, after=runs)  # the rerun that stores the hours is over
        usual = page.get_by_label("Your usual working day (hours)")
        runs = app_runs(page)
        usual.fill("4")
        usual.press("Enter")
        settle(page, after=runs)  # the rerun that stores the usual day is over
        expect(page.get_by_text("Work: full days (about 4 hours).")).to_be_visible(timeout=20_000)
        expect(page.get_by_text("cannot be saved")).to_have_count(0)  # changed: the sentence went
        screenshot(page, "today-work-usual-day")
        page.keyboard.press("Escape")

        routine.get_by_role("button", name="📅 Reminder").click()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download (.ics)").click()
        calendar = Path(download.value.path()).read_text(encoding="utf-8")
        screenshot(page, "today-routine-used")

    diary = Diary(db)
    today = dt.date.today()
    ticks = diary.exercise_ticks([episode])
    assert ticks["exercise_id"].tolist() == [first.id] and ticks["date"].dt.date.tolist() == [today]
    answers = diary.answers([episode], "psfs")
    assert answers["label"].tolist() == ["Bending to put on socks"] and answers["value"].tolist() == [3.0]
    assert diary.work_hours([episode])["hours"].tolist() == [4.0]
    assert diary.usual_work_days([episode])["hours"].tolist() == [4.0]
    assert "BEGIN:VCALENDAR" in calendar and "RRULE:FREQ=DAILY" in calendar and "BEGIN:VALARM" in calendar


def test_a_sign_that_needs_a_doctor_shows_above_the_plan_until_seen(fresh_diary: Path) -> None:
    """New numbness yesterday (a warning: call your GP today): Today says what was reported, when and what to do
    above the plan, the walking target is held with the reason, and "I have been seen about this" closes both."""
    yesterday = TODAY - dt.timedelta(days=1)
    diary_with(fresh_diary, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35}, symptoms={4: ["numbness"]})
    at = run("screens/today.py")
    [box] = [w for w in at.warning if "New numbness or weakness" in w.value]
    assert f"reported on {yesterday.day} {yesterday:%B %Y}" in box.value
    assert "call your GP today" in box.value
    assert walking_text(at).startswith("🚶 Walk 35 min today")  # 40 on an ordinary course
    assert any("until a doctor has seen you about the warning above" in c.value for c in at.caption)
    # the exercises wait too, their cautions saying to stop for numbness (analysis.plan.daily.EXERCISES_HELD)
    assert not [b for b in at.checkbox if str(b.key).startswith("plan_ex_")]
    assert any(m.value == f"**Exercises**: {EXERCISES_HELD}" for m in at.markdown)
    at.button(key="seen_new_numbness_weakness_today").click().run()
    assert not at.exception, at.exception
    assert not [w for w in at.warning if "New numbness or weakness" in w.value]
    assert walking_text(at).startswith("🚶 Walk 40 min today")
    # back once seen: every exercise (the rest position only while the pain is 5+: analysis.plan.daily._bad_spell)
    assert len([b for b in at.checkbox if str(b.key).startswith("plan_ex_")]) == len(EXERCISES) - 1
    assert Diary(fresh_diary).seen()["seen_date"].dt.date.tolist() == [TODAY]


def test_leg_pain_alone_shows_no_box_and_the_target_builds(fresh_diary: Path) -> None:
    """Pain into a leg asks for a GP or physiotherapist to take a look, not for a doctor before walking more."""
    diary_with(fresh_diary, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35}, symptoms={4: ["leg_pain"]})
    at = run("screens/today.py")
    assert not [d for d in at.get("date_input") if str(d.key).startswith("seen_date_")]
    assert not [w for w in at.warning if "doctor" in w.value]
    assert walking_text(at).startswith("🚶 Walk 40 min today")


@pytest.mark.browser
def test_the_doctor_warning_sits_above_the_plan_and_closes_once_seen_in_chromium(app_diary: tuple[str, Path]) -> None:
    """Fever yesterday: in a real browser the warning is on the first screen, above the day's form and "Today's
    plan" (the person sees it before logging, not only if they scroll to the walking target), the target is held,
    and "I have been seen about this" takes the box away."""
    from playwright.sync_api import expect

    from tests.browser import browser_page, screenshot, settle, wait_for_heading

    url, db = app_diary
    diary_with(db, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35}, symptoms={4: ["fever"]})
    with browser_page(1366, 900) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)  # the whole page drawn: the box comes first, the plan below the form a moment later
        box = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="Fever or weight loss")
        plan = page.get_by_text("Today's plan")
        expect(box).to_be_visible()
        expect(page.get_by_text("Walk 35 min today")).to_be_visible()
        form_date = page.get_by_role("group", name="Date", exact=True)
        assert box.bounding_box()["y"] < form_date.bounding_box()["y"] < plan.bounding_box()["y"]
        assert box.bounding_box()["y"] + box.bounding_box()["height"] < 900  # on screen without scrolling
        settle(page)
        screenshot(page, "today-doctor-warning")
        page.get_by_role("button", name="I have been seen about this").click()
        expect(box).to_have_count(0, timeout=20_000)
        expect(page.get_by_text("Walk 40 min today")).to_be_visible()
    assert Diary(db).seen()["code"].tolist() == ["red_flag_see_doctor"]


@pytest.mark.browser
def test_a_sign_seen_about_today_is_not_advised_again_and_can_be_logged_again_in_chromium(
        app_diary: tuple[str, Path]) -> None:
    """Fever logged this morning, seen about this afternoon, the day saved again tonight: Save says it was seen
    about (no "make an appointment" under it), and "It came back since" opens the box again."""
    import re

    from playwright.sync_api import expect

    from tests.browser import browser_page, screenshot, settle, wait_for_heading

    url, db = app_diary
    episode = diary_with(db, {0: 15, 1: 20, 2: 25, 3: 30, 4: 35, 5: 20}, symptoms={5: ["fever"]})
    with browser_page(1366, 900) as page:
        page.goto(url)
        wait_for_heading(page, "Today")
        settle(page)
        box = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="Fever or weight loss")
        expect(box).to_be_visible()
        page.get_by_role("button", name="I have been seen about this").click()
        expect(box).to_have_count(0, timeout=20_000)
        settle(page)
        page.get_by_role("button", name=re.compile("Save")).click()
        expect(page.get_by_text("You were seen about this today")).to_be_visible(timeout=20_000)
        expect(page.get_by_text("make an appointment with your GP")).to_have_count(0)
        settle(page)
        page.get_by_role("button", name="It came back since").scroll_into_view_if_needed()
        screenshot(page, "today-seen-about-today")
        page.get_by_role("button", name="It came back since").click()
        expect(box).to_be_visible(timeout=20_000)
    diary = Diary(db)
    marks = diary.seen([episode])
    diary.close()
    assert marks["signs_after"].tolist() == ["fever"]  # the fever is now saved after the mark: open again


@pytest.mark.parametrize(("key", "typed", "words"), [
    ("plan_usual_work_day", 30.0,
     "Your usual working day (hours): 30 cannot be saved; type a number from 1 to 24 hours."),
    ("plan_work_hours", 25.0, "Hours worked today: 25 cannot be saved; type a number from 0 to 24 hours.")])
def test_hours_outside_a_day_are_refused_in_a_sentence_and_not_saved(fresh_diary: Path, key: str, typed: float,
                                                                     words: str) -> None:
    """Review 28: the boxes had a min and max; 30 typed turned the box red (its range on hover only) and nothing was
    saved, without a word on a phone. Now the box takes it and the page says why it is not saved."""
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    at.number_input(key=key).set_value(typed).run()
    assert not at.exception, at.exception
    said = [e.value for e in at.error]
    assert said == [f"{words} It is not saved until it is changed."]  # under the boxes, in the form's words
    diary = Diary(fresh_diary)
    try:
        assert diary.usual_work_days([episode]).empty and diary.work_hours([episode]).empty
    finally:
        diary.close()


def test_ticks_survive_a_visit_to_another_page_and_the_next_tick_keeps_them(fresh_diary: Path) -> None:
    """Review 33: knee rolls ticked, Progress opened, back on Today the box read unticked, and ticking pelvic tilt
    then deleted the knee rolls from the diary (the day's list was saved from the boxes)."""
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    at.checkbox(key="plan_ex_knee_rolls").check().run()
    at.switch_page("screens/progress.py").run()
    at.switch_page("screens/today.py").run()
    assert not at.exception
    assert at.checkbox(key="plan_ex_knee_rolls").value is True
    at.checkbox(key="plan_ex_pelvic_tilt").check().run()
    ticks = Diary(fresh_diary).exercise_ticks([episode])
    assert sorted(ticks["exercise_id"]) == ["knee_rolls", "pelvic_tilt"]


def test_one_tick_changes_only_its_own_exercise(fresh_diary: Path) -> None:
    """A tick saved from another window (or a box not drawn again) is kept when this page ticks another."""
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    Diary(fresh_diary).set_exercise_done(episode, TODAY, "knee_rolls", True)  # ticked elsewhere meanwhile
    at.checkbox(key="plan_ex_pelvic_tilt").check().run()
    at.checkbox(key="plan_ex_pelvic_tilt").uncheck().run()
    at.checkbox(key="plan_ex_press_up").check().run()
    assert sorted(Diary(fresh_diary).exercise_ticks([episode])["exercise_id"]) == ["knee_rolls", "press_up"]


def test_a_checkin_score_never_given_is_asked_for_not_saved_as_5(fresh_diary: Path) -> None:
    """Review 33: an activity typed and its score left alone was saved as 5 (the slider's start), which feeds the
    six-week rule; a press with nothing typed showed nothing in the open check-in box."""
    episode = diary_with(fresh_diary, {0: 15})
    at = run("screens/today.py")
    assert at.number_input(key=f"plan_psfs_score_{episode}_0").value is None  # nothing given yet
    at.text_input(key=f"plan_psfs_name_{episode}_0").input("Putting on socks")
    at.button(key=f"FormSubmitter:plan_checkin_{episode}-Save check-in").click().run()
    assert not at.exception
    said = [e.value for e in at.error]
    assert any("give 'Putting on socks' a score from 0" in text for text in said), said
    assert Diary(fresh_diary).answers([episode]).empty
    at.number_input(key=f"plan_psfs_score_{episode}_0").set_value(4)
    at.button(key=f"FormSubmitter:plan_checkin_{episode}-Save check-in").click().run()
    assert Diary(fresh_diary).answers([episode], "psfs")["value"].tolist() == [4.0]
