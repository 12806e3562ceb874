"""Decisions moved out of the pages (issue 12 item 4): analysis.review.page_rules and the Clinic's list rules in
analysis.review.triage. Written from what the pages promise: an urgent sign can never be put aside and
offers "I have been seen about this", as do fever/weight loss and new numbness; the list is searched by name
as typed (no pattern), filtered by reason, and a patient's urgent alerts are spelt out one by one.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.plan import walking
from analysis.plan.daily import DailyPlan
from analysis.review import page_rules
from analysis.review.triage import REASONS, SCREENING_REASON, filter_triage, patient_alert_text
from analysis.review.triage_caption import triage_caption


@pytest.mark.parametrize(("code", "severity", "seen", "aside"), [
    ("red_flag_emergency", "urgent", True, False),
    ("daily_dose_exceeded", "urgent", True, False),  # paracetamol overdose: held like a red flag
    ("red_flag_see_doctor", "warning", True, True),
    ("new_numbness_weakness", "warning", True, True),
    ("pain_worsening", "warning", False, True),
    ("paracetamol_alone", "info", False, True),
])
def test_which_alert_offers_which_button(code: str, severity: str, seen: bool, aside: bool) -> None:
    assert page_rules.can_be_seen(code, severity) is seen
    assert page_rules.can_be_put_aside(severity) is aside


def test_put_aside_lists_active_alerts_that_are_hidden() -> None:
    history = pd.DataFrame({"code": ["pain_worsening", "radiating_leg_pain", "bed_rest_over_2_days"],
                            "active": [True, True, False], "fingerprint": ["a", "b", "c"]})
    shown = history.iloc[[1]]
    assert page_rules.put_aside(history, shown)["code"].tolist() == ["pain_worsening"]
    assert page_rules.put_aside(history.iloc[0:0], shown.iloc[0:0]).empty


@pytest.mark.parametrize(("urgent", "onset", "logged", "ask"), [
    (False, dt.date(2026, 3, 1), False, True),
    (False, dt.date(2026, 3, 1), True, False),   # already logged
    (True, dt.date(2026, 3, 1), False, False),   # an urgent sign: what to do now, not the diary
    (False, dt.date(2026, 3, 11), False, False),  # the episode starts tomorrow
])
def test_today_asks_for_the_entry_only_when_it_helps(urgent: bool, onset: dt.date, logged: bool, ask: bool) -> None:
    assert page_rules.ask_for_today(urgent, onset, dt.date(2026, 3, 10), logged) is ask


def _table() -> pd.DataFrame:
    return pd.DataFrame({"patient": ["Ann Lee", "bob (demo)", "Cara.*"], "priority": [1, 2, 5],
                         "reason": [REASONS[1], SCREENING_REASON, REASONS[5]]})


def test_the_list_is_searched_by_name_as_typed_and_filtered_by_reason() -> None:
    table = _table()
    assert filter_triage(table, "ann")["patient"].tolist() == ["Ann Lee"]
    assert filter_triage(table, ".*")["patient"].tolist() == ["Cara.*"]  # not a pattern
    assert filter_triage(table, "", [SCREENING_REASON, REASONS[5]])["patient"].tolist() == ["bob (demo)", "Cara.*"]
    assert filter_triage(table, "a", [REASONS[1]])["patient"].tolist() == ["Ann Lee"]
    assert filter_triage(table).equals(table)
    assert triage_caption(table, table.iloc[:1]) == ("1 of 3 patients shown; 1 with an urgent warning sign in the "
                                                     "whole list, 1 of them shown. Select a row to open that patient.")
    # review 36's explorer: filtered to patients who are not urgent, the count said nothing of what was shown
    assert triage_caption(table, table.iloc[1:]).startswith(
        "2 of 3 patients shown; 1 with an urgent warning sign in the whole list, 0 of them shown.")
    assert triage_caption(table, table).startswith("3 of 3 patients shown; 1 with an urgent warning sign. Select")
    assert triage_caption(table.iloc[:1], table.iloc[:1]).startswith("1 of 1 patient shown; 1 with")
    assert triage_caption(table.iloc[0:0], table.iloc[0:0]).startswith("0 of 0 patients shown; 0 with")


def test_the_caption_counts_people_when_a_returning_patient_has_two_rows() -> None:
    """review 34: "28 of 28 patients" for 27 people; a person whose two episodes are both urgent (the later one
    held by the earlier one's open sign) is one urgent patient, not two."""
    table = pd.DataFrame({"patient": ["Ann Lee", "Ann Lee", "Bob Ray", "Cara Oduya"], "priority": [1, 1, 1, 5],
                          "reason": [REASONS[1], REASONS[1], REASONS[1], REASONS[5]]})
    caption = triage_caption(table, filter_triage(table, "ann"))
    assert caption == ("2 of 4 rows shown, 1 of 3 patients (a patient whose back pain came back has a row for each "
                       "episode); 2 with an urgent warning sign in the whole list, 1 of them shown. Select a row to "
                       "open that patient.")
    assert triage_caption(table, filter_triage(table, "bob")).startswith("1 of 4 rows shown, 1 of 3 patients")


def test_a_patients_urgent_alerts_are_spelt_out_and_the_rest_in_one_line() -> None:
    row = pd.Series({"urgent_codes": ["red_flag_emergency"],
                     "alert_codes": ["red_flag_emergency", "codeine_over_3_days"]})
    alerts = pd.DataFrame({
        "code": ["red_flag_emergency", "codeine_over_3_days", "pain_worsening"], "active": [True, True, False],
        "message": ["Go to A&E now.", "Ask about stopping.", "Flare."],
        "detail": ["Loss of bladder or bowel control reported on 12 November 2026",
                   "Codeine on 4 days running up to 14 November 2026", "old"]})
    urgent, others = patient_alert_text(row, alerts, escape=str.upper)
    assert urgent == ["URGENT: Emergency warning sign. Loss of bladder or bowel control reported on 12 November "
                      "2026. The patient is told: GO TO A&E NOW."]  # the advice is the patient's (review 34)
    assert others == ("Warnings: Codeine or opioid for more than 3 days (Codeine on 4 days running up to "
                      "14 November 2026).")
    flare = pd.Series({"urgent_codes": [], "alert_codes": ["pain_worsening"]})
    history = alerts.assign(active=True, detail=["x", "y", "Pain flare first noted on 3 November 2026, last noted "
                                                              "5 November 2026"])
    assert patient_alert_text(flare, history)[1] == ("Warnings: Pain flare first noted on 3 November 2026, last noted "
                                                     "5 November 2026.")  # the title once, not twice
    calm = pd.Series({"urgent_codes": [], "alert_codes": []})
    assert patient_alert_text(calm, alerts.iloc[0:0]) == ([], None)
    # information is said as such, after the warnings (an NSAID past its label's days is not a warning)
    both = pd.Series({"urgent_codes": [], "alert_codes": ["pain_worsening", "nsaid_over_10_days"]})
    mixed = pd.DataFrame({"code": ["pain_worsening", "nsaid_over_10_days"], "active": [True, True],
                          "severity": ["warning", "info"], "message": ["", ""], "detail": ["", ""]})
    assert patient_alert_text(both, mixed)[1] == ("Warnings: Pain flare. For information: Anti-inflammatory for more "
                                                  "than 10 days.")


def _plan(target: float | None, done: float | None, state: str, stalled: bool = False) -> DailyPlan:
    detail = walking.WalkingTarget(target, state, 3, None if target is None else max(5.0, round(target / 3)),
                                   stalled)
    return DailyPlan("2026-03-10", 9, False, None, target, done, walking=detail)


def test_the_walking_bar_is_full_at_the_target_and_says_why_it_was_held() -> None:
    line = page_rules.walking_line(_plan(20.0, 10.0, walking.HELD_FLARE))
    assert line.share == 0.5
    assert line.text == "🚶 Walk 20 min today (10 done): 3 walks of 7, 7 and 6 minutes, on level ground"
    assert line.note == page_rules.HELD_WORDS[walking.HELD_FLARE] and "flare" in line.note
    over = page_rules.walking_line(_plan(20.0, 45.0, walking.BUILDING))
    assert over.share == 1.0 and over.note is None
    none = page_rules.walking_line(_plan(15.0, None, walking.HELD_MISSED))
    assert none.share == 0.0 and "(none logged yet)" in none.text
    assert none.note == "Same target as yesterday: no walk was logged."
    stalled = page_rules.walking_line(_plan(30.0, 30.0, walking.HELD_SHORT, stalled=True))
    assert stalled.note == "No build-up for a week: a physiotherapist can help you build up."


def test_the_work_line_follows_the_plan() -> None:
    plan = DailyPlan("2026-03-10", 9, False, None, 20.0, None, work={"plan": "half days", "hours_target": 4.0})
    assert page_rules.work_line(plan) == ("Work: half days (about 4 hours, half of a full day of 8 hours; set your "
                                          "usual working day below if yours is different).")  # not said: 8 assumed
    own = DailyPlan("2026-03-10", 9, False, None, 20.0, None,
                    work={"plan": "full days", "hours_target": 4.0, "usual_day_hours": 4.0})
    assert page_rules.work_line(own) == "Work: full days (about 4 hours)."
    assert page_rules.work_line(DailyPlan("2026-03-10", 9, False, None, 20.0, None)) == (
        "Back at work? Start with half days; full days after about two weeks.")


def test_an_emptied_number_cell_is_not_recorded_but_an_emptied_note_is_empty() -> None:
    assert page_rules.edited_cells({"pain": 4.5, "activity_minutes": None, "worst_pain": "", "notes": ""}) == {
        "pain": 4.5, "activity_minutes": None, "worst_pain": None, "notes": ""}


def test_the_doses_today_cannot_show_are_kept_unless_ticked() -> None:
    from analysis.storage import DoseEntry

    doses = [DoseEntry("ibuprofen", 400, 2), DoseEntry("paracetamol", 1000, 1), DoseEntry("ibuprofen", 200, 1),
             DoseEntry("melatonin", 3, 1)]
    assert page_rules.form_can_show("paracetamol", doses) and not page_rules.form_can_show("ibuprofen", doses)
    assert not page_rules.form_can_show("melatonin", doses)  # not in the pick list
    kept = page_rules.kept_doses(doses)
    assert kept == [doses[0], doses[2], doses[3]]
    assert page_rules.doses_left(kept, [False, False, False]) == kept
    assert all(a is b for a, b in zip(page_rules.doses_left(kept, [False] * 3), kept, strict=True))
    assert page_rules.doses_left(kept, [False, True, False]) == [doses[0], doses[3]]
    twins = [DoseEntry("melatonin", 3, 1), DoseEntry("melatonin", 3, 1)]
    assert page_rules.doses_left(twins, [True, False]) == [twins[1]]  # one of two identical doses
    with pytest.raises(ValueError):
        page_rules.doses_left(kept, [True])


def test_the_pain_scales_are_the_limits_in_whole_points() -> None:
    from analysis.model import columns as c
    from analysis.model.limits import bounds

    for field in (c.PAIN, c.WORST_PAIN):
        low, high = bounds(field)
        assert page_rules.pain_scale(field) == list(range(int(low), int(high) + 1))
    assert page_rules.pain_scale(c.PAIN) == list(range(11))  # the 0-10 numeric rating scale, 0 and 10 included


@pytest.mark.parametrize("pain", [0, 0.0, 4.5, 10])
def test_any_chosen_pain_may_be_saved_even_zero(pain: float) -> None:
    today = dt.date(2026, 11, 20)
    assert page_rules.pain_needed(pain, today, today) is None
    assert page_rules.pain_needed(pain, today - dt.timedelta(days=3), today) is None


def test_no_pain_chosen_gets_one_sentence_naming_the_day() -> None:
    today = dt.date(2026, 11, 20)
    now = page_rules.pain_needed(None, today, today)
    assert now == "Nothing is saved yet: choose today's pain from 0 to 10 above, then press Save."
    earlier = page_rules.pain_needed(None, dt.date(2026, 11, 7), today)
    assert earlier == "Nothing is saved yet: choose the pain of 7 Nov from 0 to 10 above, then press Save."
    assert now.count(".") == earlier.count(".") == 1  # one sentence


def test_todays_questions_on_today_are_worded_as_before() -> None:
    """The browser tests and people find the questions by these words (tests/browser.py pick_pain)."""
    today = dt.date(2026, 12, 2)
    asked = page_rules.day_questions(today, today)
    assert (asked.pain, asked.worst, asked.symptoms, asked.times("ibuprofen")) == (
        "Pain on average today (0 = no pain, 10 = worst imaginable)", "Worst pain today (optional)",
        "Any of these today?", "ibuprofen: times today")


@pytest.mark.parametrize(("day", "when"), [
    (dt.date(2026, 11, 30), "on Mon 30 Nov"),  # Monday, filled in on Wednesday
    (dt.date(2026, 12, 1), "on Tue 1 Dec"),  # the day number unpadded
    (dt.date(2025, 12, 30), "on Tue 30 Dec 2025"),  # last year: the year too
])
def test_an_earlier_days_questions_name_that_day(day: dt.date, when: str) -> None:
    asked = page_rules.day_questions(day, dt.date(2026, 12, 2))
    assert asked.when == when
    assert (asked.pain, asked.worst, asked.symptoms, asked.times("codeine")) == (
        f"Pain on average {when} (0 = no pain, 10 = worst imaginable)", f"Worst pain {when} (optional)",
        f"Any of these {when}?", f"codeine: times {when}")
    assert "today" not in " ".join((asked.pain, asked.worst, asked.symptoms, asked.times("codeine")))


def test_a_worst_pain_below_the_average_is_saved_as_the_average() -> None:
    """One rule for Today's form and the Diary table (review 4: the table stored pain 9 with worst 8)."""
    from analysis.review.page_rules import worst_saved

    assert worst_saved(9, 8) == 9.0 and worst_saved(5, 7.5) == 7.5 and worst_saved(5, None) is None
    assert worst_saved(None, 6) == 6.0  # no average to compare with: kept as given


def test_signs_seen_about_are_those_whose_alert_a_mark_on_the_day_closed() -> None:
    """Save does not advise again what a mark dated that day closed (its sign reported that day); a sign of an
    alert still open, or closed on another day, is advised as before."""
    from analysis.review.page_rules import signs_seen_about

    day = pd.Timestamp("2026-03-05")
    history = pd.DataFrame({"episode_id": [1, 1, 2], "code": ["red_flag_see_doctor", "radiating_leg_pain",
                                                              "red_flag_emergency"],
                            "active": [False, True, False], "last_date": [day, day, day],
                            "seen_date": [day, pd.NaT, day]})
    assert signs_seen_about(history, 1, day, ["fever", "leg_pain", "unwell"]) == ["fever", "unwell"]
    assert signs_seen_about(history, 1, day + pd.Timedelta(days=1), ["fever"]) == []
    assert signs_seen_about(history, 2, day, ["saddle_numbness", "fever"]) == ["saddle_numbness"]
    assert signs_seen_about(history.iloc[:0], 1, day, ["fever"]) == []


def test_a_visit_before_the_last_report_leaves_the_alert_open_and_names_that_report() -> None:
    """review 12: 'Seen on' yesterday for a sign logged today said the alert was closed while it stayed open."""
    reported_after_seen = page_rules.reported_after_seen
    history = pd.DataFrame({"episode_id": [1, 1, 2], "code": ["red_flag_emergency", "fever_x", "red_flag_emergency"],
                            "active": [True, True, False],
                            "last_date": pd.to_datetime(["2026-12-02", "2026-12-05", "2026-12-09"])})
    assert reported_after_seen(history, [1], "red_flag_emergency", dt.date(2026, 12, 1)) == dt.date(2026, 12, 2)
    assert reported_after_seen(history, [1], "red_flag_emergency", dt.date(2026, 12, 2)) is None  # that day: closes
    assert reported_after_seen(history, [2], "red_flag_emergency", dt.date(2026, 12, 1)) is None  # not active
    assert reported_after_seen(history.iloc[:0], [1], "red_flag_emergency", dt.date(2026, 12, 1)) is None


def test_a_dose_far_below_any_tablet_is_questioned_with_its_likely_meaning() -> None:
    """review 12: '1.000' in the browser's number box is 1 mg; Today saved it without a word."""
    from analysis.storage.records import DoseEntry

    asked = page_rules.doses_to_question([DoseEntry("paracetamol", 1, 4), DoseEntry("ibuprofen", 400, 3),
                                          DoseEntry("fentanyl", 0.025, 1), DoseEntry("mystery pill", 1, 1)])
    assert asked == ["paracetamol was saved as 1 mg a dose, far less than a tablet holds (usually 500 mg). If you "
                     "meant 1,000 mg, type 1000 (no dot or comma) and save again."]


def test_a_day_after_today_is_said_and_today_or_earlier_is_not() -> None:
    today = dt.date(2026, 12, 3)
    assert page_rules.after_today(today, today) is None and page_rules.after_today(dt.date(2026, 11, 10), today) is None
    said = page_rules.after_today(dt.date(2026, 12, 10), today)
    assert said.startswith("10 Dec 2026 has not come yet, so nothing can be saved for it.")
    assert "Choose today (3 Dec 2026) or an earlier day." in said


def test_the_signs_ticked_but_not_saved_keep_their_order_and_leave_the_saved_out() -> None:
    assert page_rules.unsaved_signs(["fever", "bladder_bowel"], []) == ["fever", "bladder_bowel"]
    assert page_rules.unsaved_signs(["fever", "bladder_bowel"], ["bladder_bowel"]) == ["fever"]
    assert page_rules.unsaved_signs([], ["fever"]) == []
    assert "choose the day's pain above" in page_rules.ticked_sign_note(False)
    assert "choose" not in page_rules.ticked_sign_note(True) and "press Save" in page_rules.ticked_sign_note(True)


def test_a_seen_date_after_today_is_said_and_today_is_not() -> None:
    today = dt.date(2026, 12, 3)
    assert page_rules.seen_after_today(today, today) is None
    assert page_rules.seen_after_today(dt.date(2026, 12, 4), today).startswith("4 Dec 2026 has not come yet")


def test_an_episode_with_a_later_onset_or_minutes_beyond_a_day_is_said() -> None:
    today = dt.date(2026, 12, 3)
    assert page_rules.episode_problems(today, 60, today) == []
    assert page_rules.episode_problems(today, None, today) == []  # not given: the plan assumes 60
    [later] = page_rules.episode_problems(dt.date(2026, 12, 9), 60, today)
    assert later == ("9 Dec 2026 has not come yet: choose the day your back pain started, today or earlier. "
                     "Nothing was saved.")
    assert len(page_rules.episode_problems(today, 1441, today)) == 1
    assert len(page_rules.episode_problems(today, 30.5, today)) == 1  # whole minutes, as the box steps


def test_ticked_advice_adds_only_what_saves_advice_would_add() -> None:
    from analysis.alerts.red_flags import EMERGENCY_MESSAGE, SEE_DOCTOR_MESSAGE

    assert [a.message for a in page_rules.ticked_advice(["fever"], [], [])] == [SEE_DOCTOR_MESSAGE]
    # an emergency saved: a fever ticked on top adds nothing (while urgent, only what to do now), as Save would say
    assert page_rules.ticked_advice(["bladder_bowel", "fever"], ["bladder_bowel"], []) == []
    assert [a.message for a in page_rules.ticked_advice(["fever", "bladder_bowel"], ["fever"], [])] == [
        EMERGENCY_MESSAGE]


def _alert(code: str, severity: str, active: bool = True) -> dict:
    return {"episode_id": 1, "code": code, "severity": severity, "active": active}


def test_numbness_under_an_active_emergency_is_the_emergencys_not_a_second_box() -> None:
    numbness = _alert("new_numbness_weakness", "warning")
    fever = _alert("red_flag_see_doctor", "warning")
    both = pd.DataFrame([numbness, fever, _alert("red_flag_emergency", "urgent")])
    assert page_rules.doctor_first(both)["code"].tolist() == ["red_flag_see_doctor"]
    overdose = pd.DataFrame([numbness, fever, _alert("daily_dose_exceeded", "urgent")])
    assert page_rules.doctor_first(overdose)["code"].tolist() == ["new_numbness_weakness", "red_flag_see_doctor"]
    seen = pd.DataFrame([numbness, _alert("red_flag_emergency", "urgent", active=False)])
    assert page_rules.doctor_first(seen)["code"].tolist() == ["new_numbness_weakness"]


def test_a_person_listed_twice_is_told_apart_by_the_day_each_pain_started() -> None:
    """Review 36's second explorer: Cody's two rows looked the same ("2 | Cody | Warning to follow up")."""
    from analysis.review.triage_caption import patient_labels

    table = pd.DataFrame({"patient": ["Cody", "Ann", "Cody"], "days_since_onset": [12, 30, 0]})
    assert patient_labels(table, "2026-12-04") == ["Cody (pain from 22 Nov 2026)", "Ann",
                                                    "Cody (pain from 4 Dec 2026)"]
