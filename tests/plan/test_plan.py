"""The daily recovery plan (issue 13): walking rule, exercises, heat/ice, work, PSFS, storage and the CLI."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from icalendar import Calendar

from analysis.cli import main
from analysis.model.errors import UsageError, ValidationError
from analysis.plan import checkin, heat_ice, walking, work
from analysis.plan.daily import EXERCISE_KEYS, PLAN_KEYS, daily_plan
from analysis.plan.exercises import EXERCISES
from analysis.plan.reminder import reminder_ics, reminder_time
from analysis.storage import Diary
from tests.conftest import ROOT, day

ONSET = "2026-03-01"
SEEDS = ROOT.parent / "shared" / "seeds"


def diary_days(minutes: dict[int, float], pain: dict[int, float] | None = None) -> pd.DataFrame:
    """Days since ONSET -> active minutes (and pain, default 5), as the walking rule reads them."""
    pain = pain or {}
    days = sorted(set(minutes) | set(pain))
    return pd.DataFrame({"date": pd.Timestamp(ONSET) + pd.to_timedelta(days, unit="D"),
                         "activity_minutes": [minutes.get(d, float("nan")) for d in days],
                         "pain": [pain.get(d, 5.0) for d in days]})


def target_on(n: int, minutes: dict[int, float], pain: dict[int, float] | None = None,
              normal: float | None = 60) -> float:
    return walking.walking_target(ONSET, pd.Timestamp(ONSET) + pd.Timedelta(days=n), normal,
                                  diary_days(minutes, pain)).minutes


# ---- walking -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("n", "expected"), [(0, 15), (1, 20), (3, 30), (9, 60), (20, 60)])
def test_the_target_on_day_n_rises_five_minutes_a_day_up_to_normal(n: int, expected: float) -> None:
    # doing exactly the target every day: 15 minutes at onset (3 x 5), +5 a day, capped at 60 (seeds)
    done = {d: min(15 + 5 * d, 60) for d in range(n)}
    assert target_on(n, done) == expected


def test_a_missed_day_does_not_raise_the_target() -> None:
    done = {0: 15, 1: 20}  # day 2 not logged
    assert target_on(2, done) == 25
    assert target_on(3, done) == 25  # missed day 2: held
    done[3] = 25
    assert target_on(4, done) == 30  # back on track: rises again
    course = walking.walking_course(ONSET, "2026-03-04", 60, diary_days(done))
    assert course.loc[3, "state"] == walking.HELD_MISSED


def test_three_days_in_bed_start_the_walks_again_from_the_short_ones() -> None:
    built = {d: min(15 + 5 * d, 60) for d in range(9)}  # at 60 by day 9
    assert target_on(11, built | {9: 0, 10: 0}) == 60  # two days under the first step: held
    assert target_on(12, built | {9: 0, 10: 0, 11: 5}) == 15  # the third: short walks again (RESTART_DAYS)
    # a day of 20 minutes breaks the run of days in bed; the three days well short of 60 bring it down to 20 + 5
    assert target_on(12, built | {9: 0, 10: 0, 11: 20}) == 25
    assert target_on(13, built | {9: 0, 10: 0, 12: 0}) == 60  # days in a row: a day not logged breaks the run
    bed = diary_days(built | {9: 10}).assign(bed_rest_hours=0.0)
    for in_bed in (10, 11):  # days in bed logged with their hours and no minutes (Today stores the empty box so)
        bed.loc[len(bed)] = [pd.Timestamp(ONSET) + pd.Timedelta(days=in_bed), float("nan"), 5.0, 12.0]
    assert walking.walking_target(ONSET, "2026-03-13", 60, bed).minutes == 15
    course = walking.walking_course(ONSET, "2026-03-14", 60, diary_days(built | {9: 0, 10: 0, 11: 0, 12: 20}))
    assert course.loc[12, "state"] == walking.RESTARTED and course.loc[13, "target_minutes"] == 25  # builds again


def test_days_well_short_of_the_target_bring_it_down_to_what_was_walked() -> None:
    """Review 33 (RiseB): 60 minutes on day 0, then 50, 40, 30, 20, 15, 10, 5 while the pain rose from 3 to 9: the
    target stayed at 60 all week (held: short, then a flare), twelve times what was walked. Three days in a row well
    short of it (more than a step below) now bring it down to the last walk plus a step, flare or not."""
    walked = {0: 60, 1: 50, 2: 40, 3: 30, 4: 20, 5: 15, 6: 10, 7: 5}
    pain = {0: 3, 1: 4, 2: 5, 3: 6, 4: 7, 5: 8, 6: 9, 7: 9}
    course = walking.walking_course(ONSET, pd.Timestamp(ONSET) + pd.Timedelta(days=8), 60, diary_days(walked, pain))
    targets = course["target_minutes"].tolist()
    assert targets[:4] == [15, 60, 60, 60]  # one or two short days change nothing
    assert targets[4] == 35 and course.loc[4, "state"] == walking.LOWERED  # 30 walked + 5
    assert targets[8] <= 15  # down with the walks, never below the short walks
    assert min(targets) >= walking.START_MINUTES


def test_a_day_a_step_short_or_held_for_a_doctor_lowers_nothing() -> None:
    built = {d: min(15 + 5 * d, 60) for d in range(9)}  # at 60 by day 9
    assert target_on(12, built | {9: 55, 10: 55, 11: 55}) == 60  # a step short: held
    assert target_on(12, built | {9: 40, 10: 60, 11: 40}) == 60  # not in a row
    assert target_on(12, built | {9: 40, 10: 40, 11: 45}) == 50


def test_a_short_day_holds_and_a_longer_walk_builds_from_what_was_done() -> None:
    assert target_on(3, {0: 15, 1: 20, 2: 10}) == 25  # 10 of 25: held, not lowered
    assert target_on(1, {0: 40}) == 45  # already walking 40: next target 45
    assert target_on(1, {0: 90}) == 60  # never above the normal level
    assert target_on(0, {}, normal=10) == 10  # a normal below the start is the target


@pytest.mark.parametrize(("reference", "pain", "flare"), [
    (3, 5, True),  # +2 points and +67%
    (6, 8, True),  # +2 points and +33%
    (8, 10, True),  # +2 points (25%): 2 points is an important change at any level (GUIDANCE section 3)
    (8, 9.9, False),
    (1, 2.5, False),  # +150% but only 1.5 points: within the day-to-day noise (rules.FLARE_POINTS)
    (5, 6.5, False),
])
def test_a_flare_is_a_rise_of_two_points(reference: float, pain: float, flare: bool) -> None:
    assert walking.is_flare(pain, [reference]) is flare


def test_a_flare_holds_the_target_for_two_days() -> None:
    pain = {0: 3, 1: 3, 2: 3, 3: 6, 4: 5, 5: 4}  # day 3: +3 points, +100% over the 3 days before
    done = {0: 15, 1: 20, 2: 25, 3: 30, 4: 30, 5: 30}  # every day reaches its target
    assert target_on(3, done, pain) == 30
    assert target_on(4, done, pain) == 30  # held
    assert target_on(5, done, pain) == 30  # held
    assert target_on(6, done, pain) == 35  # rises again on the third day
    course = walking.walking_course(ONSET, "2026-03-07", 60, diary_days(done, pain))
    assert course.loc[4:5, "state"].tolist() == [walking.HELD_FLARE, walking.HELD_FLARE]


def test_a_flare_that_lasts_holds_the_target_while_it_lasts() -> None:
    # pain 3 for two weeks, 7 for six days, then 3 again: held while the "Pain flare" alert's measure says flare
    pain = {**dict.fromkeys(range(14), 3), **dict.fromkeys(range(14, 20), 7), **dict.fromkeys(range(20, 24), 3)}
    done = {d: 15 + 5 * d for d in range(24)}  # every day at or above its target
    course = walking.walking_course(ONSET, "2026-03-25", 600, diary_days(done, pain))
    held = course.set_index("day")["target_minutes"]
    assert held.loc[15:20].nunique() == 1  # no build-up on any day of the flare, nor the day after its last
    assert held.loc[21] > held.loc[20]  # then it builds again
    assert walking.lasting_flare(np.array([3.0] * 14 + [6.0] * 25))[-1] == False  # noqa: E712  a new level, settled


def test_no_target_while_an_urgent_sign_is_active() -> None:
    target = walking.walking_target(ONSET, ONSET, 60, diary_days({0: 15}), paused=True)
    assert target.minutes is None and target.state == walking.PAUSED
    plan = daily_plan("2026-03-02", ONSET, 60, diary_days({0: 15}), set(), pd.DataFrame(columns=["date", "hours"]),
                      pd.Series([], dtype="datetime64[ns]"), ["Call 999 now."])
    assert plan.paused and plan.pause_reason == "Call 999 now."
    assert plan.walking_target_minutes is None and plan.exercises == [] and not plan.checkin_due


def test_a_week_without_a_rise_suggests_help() -> None:
    done = {d: 10 for d in range(9)}  # never reaches the 15-minute start
    target = walking.walking_target(ONSET, "2026-03-10", 60, diary_days(done))
    assert target.minutes == 15 and target.stalled


# ---- exercises -----------------------------------------------------------------------------------
def test_the_seven_exercises_of_the_seeds_each_with_a_caution() -> None:
    assert [e.id for e in EXERCISES] == ["rest_90_90", "knee_to_chest", "knee_rolls", "glute_stretch",
                                         "hamstring_stretch", "pelvic_tilt", "press_up"]
    for exercise in EXERCISES:
        assert "leg" in exercise.caution and "numbness" in exercise.caution, exercise.id
        assert exercise.sets >= 1 and exercise.hold_seconds >= 5 and 1 <= exercise.times_a_day <= 3
        assert exercise.how and exercise.normal
        assert max(len(s.split()) for s in re.split(r"[.!?]", exercise.how)) <= 20  # short sentences


def _shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_exercise_texts_are_written_anew_not_copied_from_the_seeds() -> None:
    seeds = set().union(*(_shingles(p.read_text()) for p in sorted(SEEDS.glob("*.txt"))))
    assert seeds, "the seeds were not found"
    for exercise in EXERCISES:
        for text in (exercise.how, exercise.caution, exercise.normal):
            copied = _shingles(text) & seeds
            assert not copied, f"{exercise.id}: {' '.join(next(iter(copied)))}"


# ---- heat or ice, work, PSFS ---------------------------------------------------------------------
def test_heat_or_ice_is_10_to_20_minutes_with_a_cloth() -> None:
    start = dt.datetime(2026, 3, 1, 10, 0)
    assert heat_ice.timer_end(start) == dt.datetime(2026, 3, 1, 10, 20)
    assert heat_ice.timer_end(start, 45) == dt.datetime(2026, 3, 1, 10, 20)
    assert heat_ice.timer_end(start, 5) == dt.datetime(2026, 3, 1, 10, 10)
    assert "cloth" in heat_ice.ADVICE and "10-20 minutes" in heat_ice.ADVICE


def test_work_is_half_days_then_full_days_after_two_weeks() -> None:
    logged = pd.DataFrame({"date": pd.to_datetime(["2026-03-10", "2026-03-11"]), "hours": [4.0, 4.5]})
    assert work.work_plan(logged, "2026-03-09") is None  # before the first working day
    assert work.work_plan(logged, "2026-03-23") == work.WorkPlan("half days", 4.0)  # day 13
    assert work.work_plan(logged, "2026-03-24") == work.WorkPlan("full days", 8.0)  # day 14
    assert work.work_plan(pd.DataFrame({"date": [], "hours": []}), "2026-03-24") is None


def test_the_checkin_is_due_weekly() -> None:
    dates = pd.Series(pd.to_datetime(["2026-03-01", "2026-03-08"]))
    assert checkin.checkin_due(pd.Series([], dtype="datetime64[ns]"), "2026-03-01")
    assert not checkin.checkin_due(dates, "2026-03-14")  # 6 days after the last
    assert checkin.checkin_due(dates, "2026-03-15")  # 7 days
    assert checkin.checkin_due(dates.iloc[:1], "2026-03-07") is False


def test_the_psfs_course_is_the_mean_of_each_checkin() -> None:
    answers = pd.DataFrame({"instrument": ["psfs"] * 5 + ["odi"],
                            "item": ["1", "2", "3", "1", "2", "q1"],
                            "date": pd.to_datetime(["2026-03-01"] * 3 + ["2026-03-08"] * 2 + ["2026-03-08"]),
                            "value": [2.0, 4.0, 3.0, 6.0, 7.0, 40.0]})
    course = checkin.psfs_course(answers)
    assert course["psfs_mean"].tolist() == [3.0, 6.5]
    assert course["activities"].tolist() == [3, 2]
    assert course["change_from_first"].tolist() == [0.0, 3.5]


@pytest.mark.parametrize(("answers", "message"), [
    ([], "name at least one activity"),
    ([("  ", 4)], "name at least one activity"),
    ([("a", 1), ("b", 2), ("c", 3), ("d", 4)], "at most 3 activities, not 4"),
    ([("walking", 11)], "the score for 'walking' must be 0-10, not 11"),
    ([("walking", 5.5)], "the score for 'walking' is a whole number from 0 to 10, not 5.5"),
    ([("walking", 3), (" walking", 5)], "name each activity once"),
])
def test_a_bad_checkin_is_refused_in_one_sentence(answers: list, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        checkin.check_answers(answers)


def test_every_bad_score_is_named_in_one_sentence_in_plain_words() -> None:
    """review 34: the refusal began "PSFS check-in:" and named only the first bad score."""
    with pytest.raises(ValidationError) as refused:
        checkin.check_answers([("Walking", 11), ("Sitting", 4), ("Lifting", 5.5)])
    assert str(refused.value) == ("Check-in not saved: the score for 'Walking' must be 0-10, not 11; the score for "
                                  "'Lifting' is a whole number from 0 to 10, not 5.5.")


def test_a_checkin_keeps_named_activities_only() -> None:
    assert checkin.check_answers([("Putting on socks ", 3), ("", 5), ("Sitting", 6)]) == {"Putting on socks": 3.0,
                                                                                        "Sitting": 6.0}


# ---- storage -------------------------------------------------------------------------------------
def test_ticks_work_hours_and_answers_persist(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    diary = Diary(path)
    episode = diary.add_episode("Sam", "2026-03-01", normal_activity_minutes=60)
    diary.set_exercises_done(episode, "2026-03-02", ["knee_rolls", "press_up"])
    diary.set_exercises_done(episode, "2026-03-02", ["knee_rolls"])  # press-up unticked
    diary.set_work_hours(episode, "2026-03-03", 4)
    diary.save_answers(episode, "psfs", "2026-03-02", [("1", 3, "lifting my child"), ("2", 5, "sitting at work")])
    diary.close()
    diary = Diary(path)
    ticks = diary.exercise_ticks()
    assert ticks[["date", "exercise_id"]].astype(str).values.tolist() == [["2026-03-02", "knee_rolls"]]
    assert diary.work_hours()["hours"].tolist() == [4.0]
    answers = diary.answers([episode], "psfs")
    assert answers["label"].tolist() == ["lifting my child", "sitting at work"]
    assert answers["value"].tolist() == [3.0, 5.0]
    assert "m009_plan_and_checkins" in {r[0] for r in diary.db.execute("SELECT name FROM _sqlite_migrations")}
    with pytest.raises(ValidationError, match="work hours on 2026-03-04: 25 is not between 0 and 24"):
        diary.set_work_hours(episode, "2026-03-04", 25)
    diary.delete_patient("Sam")
    assert diary.exercise_ticks().empty and diary.work_hours().empty and diary.answers().empty
    diary.close()


# ---- CLI -----------------------------------------------------------------------------------------
def _plan_json(db: Path, date: str, capsys: pytest.CaptureFixture) -> dict:
    assert main(["plan", "--db", str(db), "--date", date, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_json_for_an_ordinary_course(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Sam", "2026-03-01", normal_activity_minutes=60)
    for n, minutes in enumerate([15, 20, 25]):
        diary.save_entry(episode, day(f"2026-03-0{n + 1}", 6 - n * 0.5, activity_minutes=minutes))
    diary.set_exercises_done(episode, "2026-03-04", ["pelvic_tilt"])
    diary.close()
    plan = _plan_json(db, "2026-03-04", capsys)
    assert list(plan) == PLAN_KEYS
    assert plan["date"] == "2026-03-04" and plan["day_since_onset"] == 3
    assert plan["paused"] is False and plan["pause_reason"] is None
    assert plan["walking_target_minutes"] == 30.0 and plan["walking_done_minutes"] is None
    assert len(plan["exercises"]) == 7
    assert all(list(e) == EXERCISE_KEYS and e["caution"] for e in plan["exercises"])
    assert [e["id"] for e in plan["exercises"] if e["done"]] == ["pelvic_tilt"]
    assert "cloth" in plan["heat_or_ice"] and plan["work"] is None and plan["checkin_due"] is True


def test_plan_json_is_paused_for_an_urgent_sign(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Sam", "2026-03-01", normal_activity_minutes=60)
    diary.save_entry(episode, day("2026-03-01", 6, activity_minutes=15))
    diary.save_entry(episode, day("2026-03-02", 6, activity_minutes=20, symptoms=["saddle_numbness"]))
    diary.close()
    plan = _plan_json(db, "2026-03-03", capsys)
    assert plan["paused"] is True and plan["pause_reason"]
    assert plan["walking_target_minutes"] is None and plan["exercises"] == [] and plan["checkin_due"] is False
    assert main(["plan", "--db", str(db), "--date", "2026-03-03"]) == 0
    assert "paused" in capsys.readouterr().out


def test_plan_refuses_a_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["plan", "--db", str(tmp_path / "d.db"), "--date", "3 March"]) == 2
    assert "--date: '3 March' is not a date of the form YYYY-MM-DD." in capsys.readouterr().err


def test_the_reminder_is_a_daily_repeating_event_with_an_alarm(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "reminder.ics"
    assert main(["reminder", "--time", "19:30", "-o", str(out)]) == 0
    calendar = Calendar.from_ical(out.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert event.decoded("DTSTART").time() == dt.time(19, 30)
    assert event.walk("VALARM") and event.walk("VALARM")[0]["ACTION"] == "DISPLAY"
    assert "Wrote a daily reminder at 19:30" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["7pm", "25:00", "19"])
def test_the_reminder_refuses_a_bad_time(text: str) -> None:
    with pytest.raises(UsageError, match=re.escape(f"--time: {text!r} is not a time of the form HH:MM")):
        reminder_time(text)


def test_the_reminder_file_is_stable_apart_from_its_stamp() -> None:
    stamp = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    first = reminder_ics(dt.time(8, 0), dt.date(2026, 3, 1), stamp)
    assert first == reminder_ics(dt.time(8, 0), dt.date(2026, 3, 1), stamp)  # the same file every time
    text = first.decode()
    assert "DTSTART:20260301T080000" in text and "RRULE:FREQ=DAILY" in text
    assert "UID:daily-reminder-0800@backtrack.local" in text  # a new file for 08:00 updates, not duplicates


# ---- adherence and the exercise link -------------------------------------------------------------
def test_weekly_adherence_counts_ticks_and_walking_days() -> None:
    from analysis.plan.adherence import week_sentence, weekly_adherence

    done = {0: 15, 1: 20, 2: 10, 7: 25}  # week 1: two days met (0, 1), day 2 short; week 2: day 7 met
    course = walking.walking_course(ONSET, "2026-03-09", 60, diary_days(done))
    ticks = pd.DataFrame({"date": pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-03", "2026-03-08"]),
                          "exercise_id": ["knee_rolls", "press_up", "knee_rolls", "pelvic_tilt"]})
    weeks = weekly_adherence(course, ticks)
    assert weeks["week"].tolist() == [1, 2]
    assert weeks["days"].tolist() == [7, 2]  # 9 days: a full week and two days
    assert weeks["exercise_days"].tolist() == [2, 1]
    assert weeks["exercise_share"].round(4).tolist() == [round(3 / 49, 4), round(1 / 14, 4)]
    assert weeks["walking_days_met"].tolist() == [2, 1]  # day 7: 25 done, target held at 25 since day 2
    assert weeks["week_start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-01", "2026-03-08"]
    assert week_sentence(weeks) == "Week 2 so far: exercises on 1 of 2 days; walking target reached on 1."
    assert week_sentence(weeks.assign(exercise_days=0, walking_days_met=0)) is None  # nothing to reproach


def _link_diary(effect: float, n: int = 28) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pain falling with time; exercise on even days; the day after an exercise day `effect` points different."""
    dates = pd.date_range(ONSET, periods=n, freq="D")
    pain = [7 - 0.15 * d + (effect if d % 2 == 1 else 0.0) + (0.2 if d % 4 == 0 else -0.2) for d in range(n)]
    ticks = pd.DataFrame({"date": dates[::2], "exercise_id": "knee_rolls"})
    return pd.DataFrame({"date": dates, "pain": pain}), ticks


def test_exercise_days_followed_by_less_pain_are_called_a_link_with_the_caveat() -> None:
    from analysis.plan.adherence import BETTER, CAVEAT_TEXT, NO_CLEAR_LINK, exercise_pain_link

    link = exercise_pain_link(*_link_diary(-2.0))
    assert link is not None and link.direction == BETTER
    assert link.n_days == 27 and -2.3 < link.pain_difference < -1.7 and link.ci_high < 0
    assert link.caveat == CAVEAT_TEXT and "pairs of days" in link.statement
    assert exercise_pain_link(*_link_diary(0.0)).direction == NO_CLEAR_LINK
    days, ticks = _link_diary(-2.0, n=10)
    assert exercise_pain_link(days, ticks) is None  # fewer than 14 pairs: nothing is said


def test_plan_json_shows_work_done_minutes_and_a_checkin_done(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Sam", "2026-03-01", normal_activity_minutes=60)
    diary.save_entry(episode, day("2026-03-01", 6, activity_minutes=15))
    diary.save_entry(episode, day("2026-03-02", 5, activity_minutes=12))
    diary.set_work_hours(episode, "2026-03-02", 4)
    diary.save_answers(episode, "psfs", "2026-03-01", [("1", 2, "bending to the floor")])
    diary.close()
    plan = _plan_json(db, "2026-03-02", capsys)
    assert plan["walking_target_minutes"] == 20.0 and plan["walking_done_minutes"] == 12.0
    assert plan["work"] == {"plan": "half days", "hours_target": 4.0, "usual_day_hours": None}  # not said
    assert plan["checkin_due"] is False  # one day after the first check-in
    assert _plan_json(db, "2026-03-08", capsys)["checkin_due"] is True  # a week later
    assert _plan_json(db, "2026-03-16", capsys)["work"] == {"plan": "full days", "hours_target": 8.0,
                                                                  "usual_day_hours": None}


def test_back_at_work_after_a_week_off_starts_with_half_days_again() -> None:
    days = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-13", "2026-03-16"]),
                         "hours": [4.0, 4.0, 4.0, 4.0]})
    assert work.work_plan(days, "2026-03-16").plan == work.HALF_DAYS  # back on the 13th after 10 days off
    weekend = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-06", "2026-03-09", "2026-03-16"]),
                            "hours": [4.0, 4.0, 8.0, 8.0]})
    assert work.work_plan(weekend, "2026-03-16").plan == work.FULL_DAYS  # weekends are not time off


def test_the_rest_position_is_set_only_while_the_pain_is_strong() -> None:
    """Seed 002's 90/90 "emergency position" eases a bad spell; a month in, recovered, it was still set at an hour a
    day on the floor (review 22). Listed while the latest pain of the last 3 days is 5+ (Serlin 1995: moderate),
    in the first week when no pain was logged lately, and on a day it was already ticked."""
    from analysis.plan.daily import REST_POSITION, daily_plan

    onset = pd.Timestamp("2026-03-01")

    def listed(day: int, pains: dict[int, float], ticked: frozenset = frozenset()) -> bool:
        days = pd.DataFrame({"date": [onset + pd.Timedelta(days=d) for d in pains],
                             "activity_minutes": 30.0, "pain": list(pains.values())})
        plan = daily_plan(onset + pd.Timedelta(days=day), onset, 60.0, days, set(ticked),
                          pd.DataFrame(columns=["date", "hours"]), pd.Series([], dtype="datetime64[ns]"), [])
        return REST_POSITION in [e["id"] for e in plan.exercises]

    assert listed(2, {0: 7, 1: 6, 2: 6})
    assert listed(20, {18: 3, 19: 5})  # a bad spell again
    assert not listed(20, {18: 6, 19: 4})  # the latest pain decides: easing
    assert not listed(29, {d: 1 for d in range(12, 29)})
    assert listed(3, {})  # the first week, nothing logged lately
    assert not listed(10, {0: 7})  # nothing in the last 3 days, past the first week
    assert listed(29, {28: 1}, frozenset({REST_POSITION}))  # ticked today: kept on the list


def test_before_any_walk_is_logged_the_target_is_the_start_not_held_for_a_missed_walk() -> None:
    """The diary's first day, its onset three days before: "Same target as yesterday: no walk was logged" read as a
    reproach to a person just starting (review 22). Once a walk was logged, a day without one is said as missed."""
    onset = pd.Timestamp("2026-03-01")
    nothing = pd.DataFrame({"date": pd.to_datetime([]), "activity_minutes": [], "pain": []})
    course = walking.walking_course(onset, onset + pd.Timedelta(days=3), 60.0, nothing)
    assert walking.HELD_MISSED not in set(course["state"]), course
    once = pd.DataFrame({"date": [onset], "activity_minutes": [15.0], "pain": [6.0]})
    course = walking.walking_course(onset, onset + pd.Timedelta(days=3), 60.0, once)
    assert course["state"].iloc[-1] == walking.HELD_MISSED, course
