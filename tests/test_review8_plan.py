"""Review 8: the patient's daily plan (`analysis.plan`, Today's walking line) on courses made up from the clinical
brief."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.plan.walking import walking_target
from tests.cli_run import cli
from tests.cli_run import cli_json as _cli_json
from tests.plan_diaries import bea_in_bed, one_odd_dose_day

TODAY = dt.date.today()


def test_the_walks_add_up_to_a_target_capped_at_a_low_normal_level() -> None:
    """A person who walked 10 minutes a day before the pain (normal level 10) logs 10 minutes on 4 days. Today
    shows '🚶 Walk 10 min today (none logged yet): 3 walks of about 5 min, on level ground' - 15 minutes, half as
    much again as the target and above the person's normal. README: the target is 'never above your normal
    level'; the walks are that target split up."""
    days = pd.DataFrame({"date": pd.to_datetime([TODAY - dt.timedelta(days=n) for n in (4, 3, 2, 1)]),
                         "activity_minutes": [10.0] * 4, "pain": [5.0] * 4})
    target = walking_target(TODAY - dt.timedelta(days=4), TODAY, 10.0, days)
    assert target.minutes == 10.0
    assert target.walks * target.minutes_per_walk == 10.0


def test_ibuprofen_above_the_counter_maximum_does_not_extend_a_paracetamol_overdose(tmp_path) -> None:
    """Dee takes ibuprofen 400 mg four times a day (1,600 mg: above the 1,200 mg over-the-counter maximum, within
    the prescribed 2,400) from onset 25 days ago, and once, 22 days ago, 6 g of paracetamol. The overdose is one
    alert of that one day, not run on by the ibuprofen days: urgent, so active until a clinician has seen her about
    it (README: an urgent sign never goes quiet by itself), and then the plan is no longer paused by it. README:
    ibuprofen above the over-the-counter maximum only is information."""
    from analysis.storage.records import DoseEntry

    db = tmp_path / "d.db"
    one_odd_dose_day(db, "Dee", DoseEntry("paracetamol", 1000, 6), 6, 20)
    overdose_day = (TODAY - dt.timedelta(days=22)).isoformat()
    plan = _cli_json("plan", "--db", str(db), "--patient", "Dee")
    assert plan["paused"] is True and "paracetamol" in plan["pause_reason"]
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    paracetamol = [a for a in alerts if a["severity"] == "urgent"]
    assert [(a["date"], a["last_date"], a["active"]) for a in paracetamol] == [(overdose_day, overdose_day, True)]
    seen_day = (TODAY - dt.timedelta(days=20)).isoformat()
    marked = cli("seen", "--db", str(db), "--patient", "Dee", "--code", "daily_dose_exceeded", "--date", seen_day)
    assert marked.returncode == 0, marked.stderr
    assert _cli_json("plan", "--db", str(db), "--patient", "Dee")["paused"] is False
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert [(a["date"], a["last_date"], a["active"], a["seen_date"]) for a in alerts if a["severity"] == "urgent"] \
        == [(overdose_day, overdose_day, False, seen_day)]


def test_back_to_work_after_time_off_starts_with_half_days_again() -> None:
    """Ravi tried a half day at work 16 days ago, logged 0 hours the next day and stayed off; he went back 3 days
    ago (4 hours). Today's plan and `plan --json` say 'full days', 8 hours, on his third day back after a single
    earlier half day. README/GUIDANCE §4: return to work in half days, full days after about two weeks."""
    from analysis.plan.work import work_plan

    days = pd.DataFrame({"date": pd.to_datetime([TODAY - dt.timedelta(days=n) for n in (16, 15, 3)]),
                         "hours": [4.0, 0.0, 4.0]})
    plan = work_plan(days, TODAY)
    assert (plan.plan, plan.hours_target) == ("half days", 4.0)


def test_exercises_whose_caution_says_stop_for_numbness_are_not_set_while_numbness_is_open(tmp_path) -> None:
    """Nia logged new numbness in one leg yesterday. Today shows the box 'New or worse numbness, tingling or
    weakness in a leg needs a doctor: call your GP today' and holds the walk, and beneath it sets the seven
    exercises to tick, each ending 'Stop and call your doctor if pain spreads down a leg, or you feel numbness,
    tingling or weakness' - the sign she has just reported. GUIDANCE §4: new numbness, tingling or weakness:
    call the doctor; the plan must not set exercises its own caution rules out."""
    from analysis.review.today_plan import plan_for
    from analysis.storage import DayEntry, Diary

    diary = Diary(tmp_path / "d.db")
    episode = diary.add_episode("Nia", TODAY - dt.timedelta(days=6), normal_activity_minutes=60)
    for ago in range(6, 0, -1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 5, 6, 15 + 5 * (6 - ago), 0, "",
                                           symptoms=["numbness"] if ago == 1 else []))
    plan = plan_for(diary, episode, TODAY)
    diary.close()
    assert plan.walking.state == "held: see your doctor first"  # the walk is held for the sign
    assert [e["name"] for e in plan.exercises if "numbness" in e["caution"]] == []


def test_the_walking_target_does_not_build_while_the_pain_flare_alert_is_active(tmp_path) -> None:
    """Fay's pain was 3 for two weeks, then 7 for the last 6 days (walks logged every day, at or above the target).
    On the 3rd day of the flare the walk target goes up again, by 5 minutes a day, while Progress lists the active
    'Pain flare' alert ('Your pain has gone up clearly over the last few days ... keep moving gently'). README:
    the target holds after a flare in pain of 2 points and 30%; the plan must not build up beside an active
    flare alert."""
    from analysis.review.today_plan import plan_for
    from analysis.storage import DayEntry, Diary

    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Fay", TODAY - dt.timedelta(days=20), normal_activity_minutes=300)
    for ago in range(20, 0, -1):
        pain = 7 if ago <= 6 else 3
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), pain, pain + 1, 15 + 5 * (20 - ago), 0,
                                           ""))
    targets = [plan_for(diary, episode, TODAY - dt.timedelta(days=ago)).walking_target_minutes
               for ago in (3, 2, 1, 0)]
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert [(a["code"], a["active"]) for a in alerts if a["code"] == "pain_worsening"] == [("pain_worsening", True)]
    assert targets == [targets[0]] * 4  # held on the alert's days; read 85, 105, 110, 115


def test_a_person_not_active_before_the_pain_still_gets_a_walk() -> None:
    """Nora answered 0 to 'how many minutes a day were you active before'. Today: '🚶 Walk 0 min today (none
    logged yet): 3 walks of about 5 min, on level ground'; `plan --json`: walking_target_minutes 0.0. The
    clinical brief: keep active, start with short walks (5-10 min, 3-4 times a day)."""
    days = pd.DataFrame({"date": pd.to_datetime([TODAY - dt.timedelta(days=n) for n in (3, 2, 1)]),
                         "activity_minutes": [10.0] * 3, "pain": [6.0] * 3})
    target = walking_target(TODAY - dt.timedelta(days=3), TODAY, 0.0, days)
    assert target.minutes >= 5.0
    assert target.walks * target.minutes_per_walk == target.minutes


def test_after_three_days_in_bed_the_walks_restart_short(tmp_path) -> None:
    """Bea built up to 55 minutes a day, then spent the last three days in bed (12 hours a day, 0 minutes
    active). Today: '🚶 Walk 60 min today (none logged yet): 3 walks of about 20 min' with 'Same target as
    yesterday: build up from what you manage.' Progress's active alert: 'Staying in bed for more than two days
    slows recovery. Get up and move a little every hour, even if it hurts: short walks of 5-10 minutes are a good
    start.' The plan's walks must agree with the alert beside it."""
    from analysis.review.today_plan import plan_for

    db = tmp_path / "d.db"
    diary, episode = bea_in_bed(db, 0)
    walking = plan_for(diary, episode, TODAY).walking
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    bed = [a["message"] for a in alerts if a["code"] == "bed_rest_over_2_days" and a["active"]]
    assert bed and "short walks of 5-10 minutes are a good start" in bed[0]
    assert walking.minutes_per_walk <= 10, walking


def test_codeine_on_five_of_six_days_with_one_day_not_logged_is_reviewed(tmp_path) -> None:
    """Col took codeine 30 mg four times a day on every day he logged: 6, 5, 4, 2 and 1 days ago; he did not
    open the diary 3 days ago. No alert: the 'Codeine or opioid for more than 3 days' warning shows with the
    missing day logged, and vanishes without it. The clinical brief: opioids beyond about 3 days need review;
    README: 'codeine beyond three days'."""
    from analysis.storage import DayEntry, Diary
    from analysis.storage.records import DoseEntry

    db = tmp_path / "d.db"
    diary = Diary(db)
    episode = diary.add_episode("Col", TODAY - dt.timedelta(days=6), normal_activity_minutes=60)
    for ago in (6, 5, 4, 2, 1):
        diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=ago), 6, 7, 20, 0, "",
                                           doses=[DoseEntry("codeine", 30, 4)]))
    diary.close()
    alerts = _cli_json("summary", "--db", str(db))[0]["alerts"]
    assert [(a["code"], a["active"]) for a in alerts if a["code"] == "codeine_over_3_days"] == [
        ("codeine_over_3_days", True)]
