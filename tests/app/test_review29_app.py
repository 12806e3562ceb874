"""Review 29 (a tester who had not read the code, in Chromium): Today told a person who ticked an emergency sign
nothing until a Save that needed a pain first; a later date typed in the date box saved over today; a fever's box
left Today while a paracetamol overdose paused the plan; the Clinic called a stopped diary's pain "Pain now"."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.alerts.red_flags import EMERGENCY_MESSAGE, SEE_DOCTOR_MESSAGE
from analysis.storage import DayEntry, Diary, DoseEntry
from tests.apptest import app

pytestmark = pytest.mark.usefixtures("fresh_diary")
TODAY = dt.date.today()


def _robin(db: Path, days: list[DayEntry] = ()) -> int:
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=10))
    for day in days:
        diary.save_entry(episode, day)
    diary.close()
    return episode


def _day(db: Path, episode: int, day: dt.date) -> DayEntry | None:
    diary = Diary(db)
    try:
        return diary.entry(episode, day)
    finally:
        diary.close()


def _said(at) -> list[str]:
    return [e.value for e in at.error] + [w.value for w in at.warning] + [c.value for c in at.caption]


def test_an_emergency_sign_ticked_without_a_pain_is_advised_at_once_and_after_save(fresh_diary: Path) -> None:
    """Sam ticks "can't pee" and chooses no pain: the emergency advice shows as soon as the box is ticked, with a
    line saying the sign is not in the diary until the pain is chosen and Save pressed. Save then asks for the pain
    and the advice stays; once the pain is chosen and saved, the sign is stored and the line goes."""
    episode = _robin(fresh_diary)
    at = app().run()
    assert EMERGENCY_MESSAGE not in _said(at)
    at.checkbox(key="log_symptom_bladder_bowel").check().run()
    said = _said(at)
    assert EMERGENCY_MESSAGE in said
    assert any(line.startswith("Not in your diary yet: choose the day's pain above and press Save") for line in said)
    at.button(key="log_save").click().run()
    said = _said(at)
    assert EMERGENCY_MESSAGE in said and any("choose today's pain" in line for line in said)
    assert _day(fresh_diary, episode, TODAY) is None
    at.segmented_control(key="log_pain").set_value(4).run()
    assert any(line.startswith("Not in your diary yet: press Save") for line in _said(at))
    at.button(key="log_save").click().run()
    assert not at.exception
    assert _day(fresh_diary, episode, TODAY).symptoms == ["bladder_bowel"]
    assert not any(line.startswith("Not in your diary yet") for line in _said(at))
    assert EMERGENCY_MESSAGE in _said(at)  # now as the saved day's advice, and on the banner


def test_a_date_after_today_shows_no_form_and_saves_nothing_over_today(fresh_diary: Path) -> None:
    """Today holds pain 6. Sam types a date ten days ahead (10/12 for 10/11): one sentence says it has not come
    yet and no form or Save is shown, so nothing can land on today; today's pain is still 6."""
    episode = _robin(fresh_diary, [DayEntry(TODAY, 6.0)])
    at = app().run()
    at.date_input(key="log_date").set_value(TODAY + dt.timedelta(days=10)).run()
    assert not at.exception
    assert any("has not come yet, so nothing can be saved for it" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "log_save"]
    assert _day(fresh_diary, episode, TODAY).pain == 6.0
    at.date_input(key="log_date").set_value(TODAY - dt.timedelta(days=1)).run()
    assert [b for b in at.button if b.key == "log_save"]  # an earlier day: the form is back


def test_a_fever_box_stays_on_today_while_an_overdose_pauses_the_plan(fresh_diary: Path) -> None:
    """Fever logged today, and 5 g of paracetamol yesterday (urgent: the plan is paused). Today shows the fever's
    box with its own 'I have been seen about this' as well as what to do now about the paracetamol."""
    _robin(fresh_diary, [DayEntry(TODAY - dt.timedelta(days=1), 5.0, doses=[DoseEntry("paracetamol", 1000, 5)]),
                         DayEntry(TODAY, 5.0, symptoms=["fever"])])
    at = app().run()
    assert not at.exception
    assert any(SEE_DOCTOR_MESSAGE in w.value for w in at.warning)
    assert [b for b in at.button if b.key == "seen_red_flag_see_doctor_today"]
    assert any(m.value == "**What to do now**" for m in at.markdown)


def test_the_clinic_names_the_day_of_a_stopped_diarys_pain(fresh_diary: Path) -> None:
    """Robin logged days 0-9 of an episode that began 40 days ago, then stopped. The Clinic's patient view said
    "Pain now 5.1 of 10" beside "Day 40"; it now says "Pain on day 9 (7-day average, last entry)", as Progress and
    the GP report do."""
    diary = Diary(fresh_diary)
    onset = TODAY - dt.timedelta(days=40)
    episode = diary.add_episode("Robin", onset)
    for n in range(10):
        diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=n), 6.0 - 0.1 * n))
    diary.close()
    at = app().switch_page("screens/clinic.py").run()
    at.session_state["clinic_patient"] = episode  # what selecting the row does (its on_select callback)
    at.run()
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Pain now" not in labels, labels
    assert labels["Pain on day 9 (7-day average, last entry)"].endswith("of 10"), labels
    assert labels["Day"] == "40"


def test_a_seen_on_date_after_today_notes_nothing_and_says_so(fresh_diary: Path) -> None:
    """Fever logged today. Sam types tomorrow in "Seen on" and presses "I have been seen about this": nothing is
    noted (before, the box turned red, kept today, and the mark was noted for today) and a line says why; with
    today's date the mark is noted."""
    episode = _robin(fresh_diary, [DayEntry(TODAY, 5.0, symptoms=["fever"])])
    at = app().run()
    at.date_input(key="seen_date_red_flag_see_doctor_today").set_value(TODAY + dt.timedelta(days=1)).run()
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    assert not at.exception
    assert any("has not come yet, so nothing was noted" in t.value for t in at.toast)
    diary = Diary(fresh_diary)
    assert diary.seen([episode]).empty
    diary.close()
    at.date_input(key="seen_date_red_flag_see_doctor_today").set_value(TODAY).run()
    at.button(key="seen_red_flag_see_doctor_today").click().run()
    diary = Diary(fresh_diary)
    assert diary.seen([episode])["code"].tolist() == ["red_flag_see_doctor"]
    diary.close()


@pytest.mark.parametrize(("onset", "normal", "said"), [
    (TODAY + dt.timedelta(days=7), 60, "has not come yet: choose the day your back pain started, today or earlier."),
    (TODAY - dt.timedelta(days=2), 2000, "Minutes a day active before it started: 2,000 cannot be saved; type a whole "
                                         "number from 0 to 1,440 minutes. Nothing was saved."),
])
def test_the_set_up_says_a_later_onset_or_too_many_minutes_and_starts_nothing(fresh_diary: Path, onset: dt.date,
                                                                                normal: int, said: str) -> None:
    """The set-up's boxes had today as the latest date and 0-1,440 minutes: a later date or 2,000 typed turned the
    box red and "Start my diary" saved today or the last minutes without a word. Now one sentence, no diary yet;
    corrected, the diary starts with what was typed."""
    at = app().run()
    at.date_input(key="onboarding_onset").set_value(onset)
    at.number_input(key="onboarding_normal").set_value(normal)
    at.button[0].click().run()  # the form's "Start my diary"
    assert not at.exception
    assert any(said in e.value.replace("\\", "") for e in at.error), [e.value for e in at.error]  # as read
    diary = Diary(fresh_diary)
    assert diary.episodes().empty
    diary.close()
    at.date_input(key="onboarding_onset").set_value(TODAY - dt.timedelta(days=2))
    at.number_input(key="onboarding_normal").set_value(45)
    at.button[0].click().run()
    diary = Diary(fresh_diary)
    [row] = diary.episodes().to_dict("records")
    diary.close()
    assert (str(row["onset_date"])[:10], row["normal_activity_minutes"]) == (str(TODAY - dt.timedelta(days=2)), 45)


def test_numbness_two_days_running_is_one_emergency_on_today_not_also_a_call_your_gp_box(fresh_diary: Path) -> None:
    """Numbness yesterday and today: the emergency (get medical help now) only; day 1's "call your GP today" box
    sat between the banner and the form, saying a milder thing about the same numbness (review 29's reviewer)."""
    _robin(fresh_diary, [DayEntry(TODAY - dt.timedelta(days=1), 5.0, symptoms=["numbness"]),
                         DayEntry(TODAY, 5.0, symptoms=["numbness"])])
    at = app().run()
    assert not at.exception
    assert not any("New numbness or weakness" in w.value for w in at.warning), [w.value for w in at.warning]
    assert not [b for b in at.button if b.key == "seen_new_numbness_weakness_today"]
    assert any(m.value == "**What to do now**" for m in at.markdown)
