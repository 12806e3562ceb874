"""Review 9: today's plan fixes (walking restart, flare hold, exercises on hold, codeine bridge, work plan) met on
courses made up from the clinical brief."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.cli_run import cli_json as _cli_json
from tests.plan_diaries import bea_in_bed, one_odd_dose_day, walking_diary

TODAY = dt.date.today()


def test_a_rise_that_settled_weeks_ago_does_not_hold_the_walk_for_good(tmp_path) -> None:
    """Hal's pain was 3 for 10 days, then 6 for the last 20 days; he walked more every day (up to 160 minutes,
    normal 120). `summary`: the 'Pain flare' alert (pain_worsening) is no longer active. Today still says
    'held: pain flared' at 65 minutes, as it has for 20 days. README: the target holds after a flare 'longer
    while the flare lasts, as the *Pain flare* alert counts it'."""
    from analysis.review.today_plan import plan_for

    db = tmp_path / "d.db"
    diary, episode = walking_diary(db, "Hal", 30, 120, lambda i: 3 if i < 10 else 6)
    walking = plan_for(diary, episode, TODAY).walking
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert [(a["code"], a["active"]) for a in alerts if a["code"] == "pain_worsening"] == [("pain_worsening", False)]
    assert walking.state != "held: pain flared", walking
    assert walking.minutes == 120.0  # 160 minutes walked yesterday: the target is the normal level


def test_three_short_days_a_week_apart_do_not_restart_the_walks(tmp_path) -> None:
    """Lou built up to a target of 105 minutes a day over 18 days (normal 120). Since then she logged only three
    days, 10,
    6 and 1 days ago, each with a 10-minute walk (busy days), and nothing between. Today: 'Walk 15 min: 3
    walks of about 5 min', state 'started again: short walks', with no bed-rest alert anywhere. README: 'three
    days in a row of less than 15 minutes (days in bed) start it again from the short walks'; a missed day
    keeps the target."""
    from analysis.review.today_plan import plan_for
    from analysis.storage import DayEntry, Diary

    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Lou", TODAY - dt.timedelta(days=30), normal_activity_minutes=120)
    for ago in range(30, 12, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 4, 5, 15 + 5 * (30 - ago), 0, ""))
    for ago in (10, 6, 1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 4, 5, 10, 2, ""))
    walking = plan_for(diary, episode, TODAY).walking
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert not [a for a in alerts if a["code"] == "bed_rest_over_2_days" and a["active"]]
    assert walking.state != "started again: short walks", walking
    assert walking.minutes == 105.0  # the target reached before the short days, held


@pytest.mark.xfail(strict=True, reason=(
    "analysis/plan/work.py work_plan finds time off only between two days worked (dates.diff() > "
    "TIME_OFF_DAYS), so on the morning of the first day back, before its hours are logged, the spell that ended "
    "12 days ago still counts and the plan says 'full days'; it turns to 'half days' only once that day's hours "
    "are saved. Fix: also treat `as_of` as a day back when the last day worked before it is more than "
    "TIME_OFF_DAYS earlier. Left open: work hours are optional and often logged only on the first days "
    "(tests/plan/test_plan.py test_work_is_half_days_then_full_days_after_two_weeks: two days logged, full days "
    "two weeks on), so days without hours cannot tell time off from not logging; the fix needs a day off logged "
    "as such"))
def test_the_first_morning_back_after_two_weeks_off_says_half_days() -> None:
    """Ravi worked full days for three weeks, then his back flared and he stayed off for 12 days (no hours
    logged). This morning, his first day back, Today says 'Work: full days, 8 hours'; after he saves tonight's
    8 hours the same day's plan says 'half days, 4 hours'. README: hours worked, 'half days first, full days
    after about two weeks'; review 8's fix: back at work after more than a week off starts with half days
    again."""
    import pandas as pd

    from analysis.plan.work import work_plan

    worked = [TODAY - dt.timedelta(days=n) for n in range(33, 12, -1)]
    days = pd.DataFrame({"date": pd.to_datetime(worked), "hours": [8.0] * len(worked)})
    morning = work_plan(days, TODAY)
    evening = work_plan(pd.concat([days, pd.DataFrame({"date": [pd.Timestamp(TODAY)], "hours": [8.0]})]), TODAY)
    assert (evening.plan, evening.hours_target) == ("half days", 4.0)
    assert (morning.plan, morning.hours_target) == ("half days", 4.0)


def test_a_moderate_flare_that_lasts_holds_the_walk_while_its_alert_is_active(tmp_path) -> None:
    """Mo's pain was 3 for two weeks, then 5.5 for the last 6 days (2.5 points and 83% up), walks logged every
    day above the target. `summary`: the 'Pain flare' alert (pain_worsening) is active. Today's target: held
    two days, then 100, 105, 110, 115 minutes, building by 5 a day beside the alert. README: held 'longer while
    the flare lasts, as the *Pain flare* alert counts it'."""
    from analysis.review.today_plan import plan_for

    db = tmp_path / "d.db"
    diary, episode = walking_diary(db, "Mo", 20, 120, lambda i: 3 if i < 14 else 5.5)
    targets = [plan_for(diary, episode, TODAY - dt.timedelta(days=ago)).walking.minutes for ago in (5, 3, 2, 1, 0)]
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert [(a["code"], a["active"]) for a in alerts if a["code"] == "pain_worsening"] == [("pain_worsening", True)]
    assert targets == [85.0] * 5  # the target of the flare's first day, held; read 85, 100, 105, 110, 115


def test_one_day_above_a_medicines_maximum_does_not_stay_a_warning_for_weeks(tmp_path) -> None:
    """Dan took diclofenac 50 mg four times on one day 22 days ago (200 mg, above its 150 mg maximum: a warning)
    and ibuprofen 400 mg four times a day on every other day (1,600 mg: above the over-the-counter 1,200 only,
    within the prescribed 2,400: information). `summary`: 'Daily maximum dose exceeded' WARNING, first noted 25
    days ago, last noted yesterday, active. README: above the adult maximum is a warning, above the over-the-
    counter maximum only is information."""
    from analysis.storage import DoseEntry

    db = tmp_path / "d.db"
    one_odd_dose_day(db, "Dan", DoseEntry("diclofenac", 50, 4), 5, 30)
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    day = (TODAY - dt.timedelta(days=22)).isoformat()
    warnings = [(a["date"], a["last_date"]) for a in alerts
                if a["code"] == "daily_dose_exceeded" and a["severity"] == "warning"]
    assert warnings == [(day, day)]


def test_exercises_wait_on_the_day_numbness_is_logged(tmp_path) -> None:
    """Nia logs new numbness in one leg this morning and saves. Today shows the box saying to see a doctor, and
    below it the plan's seven exercises to tick, each with 'Stop and call your doctor if ... you feel numbness,
    tingling or weakness'; from tomorrow they wait. README: the exercises 'wait, as the walk does, while a sign
    that needs a doctor is open' (review 8's fix)."""
    from analysis.review.today_plan import plan_for
    from analysis.storage import DayEntry, Diary

    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Nia", TODAY - dt.timedelta(days=10), normal_activity_minutes=60)
    for ago in range(10, -1, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 5, 6, 30, 0, "",
                                           symptoms=["numbness"] if ago == 0 else []))
    plan = plan_for(diary, episode, TODAY)
    diary.close()
    assert [e["name"] for e in plan.exercises if "numbness" in e["caution"]] == []
    assert plan.exercises_held is not None


def test_a_week_long_flare_hold_is_not_called_a_stall(tmp_path) -> None:
    """Fay's pain was 3 for two weeks, then 7 for the last 8 days; she walked more than the target every day. The
    rule holds her target at 85 minutes beside the active 'Pain flare' alert, and Today's note under the walk
    reads 'No build-up for a week: a physiotherapist can help you build up.', as if she could not build up.
    README: a stall is a week without a rise 'with walks logged on most of them' while trying; the hold is the
    rule's ('the two days after a flare ... keep it too (longer while the flare lasts)')."""
    from analysis.review.page_rules import STALLED_WORDS, walking_line
    from analysis.review.today_plan import plan_for

    diary, episode = walking_diary(tmp_path / "d.db", "Fay", 22, 300, lambda i: 3 if i < 14 else 7)
    plan = plan_for(diary, episode, TODAY)
    diary.close()
    assert plan.walking.state == "held: pain flared"
    line = walking_line(plan)
    assert line.note != STALLED_WORDS and "flare" in line.note, line.note


def test_three_days_in_bed_with_minutes_left_empty_restart_the_walks(tmp_path) -> None:
    """Bea built up to 60 minutes, then spent the last three days in bed: she logged pain and 12 hours in bed each
    day and left 'active minutes' empty (she was not active; README: an empty box is stored as not recorded).
    Progress: the active bed-rest alert says 'short walks of 5-10 minutes are a good start'; Today: 'Walk 60 min
    today: 3 walks of about 20 min'. With 0 typed in the box the walks restart at 5 minutes (review 8's fix)."""
    from analysis.review.today_plan import plan_for

    db = tmp_path / "d.db"
    diary, episode = bea_in_bed(db, None)
    walking = plan_for(diary, episode, TODAY).walking
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    bed = [a["code"] for a in alerts if a["code"] == "bed_rest_over_2_days" and a["active"]]
    assert bed == ["bed_rest_over_2_days"]
    assert walking.minutes_per_walk <= 10, walking
