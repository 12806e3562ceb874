"""The day's plan as one value: what the Today page shows and `python -m analysis plan` prints.

Why one dataclass: the page and the CLI must say the same thing, and a paused plan (an
urgent sign is active) must be paused everywhere: no walking target, no exercises, no
check-in, only what to do now (issue 13, issue 9).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from analysis.model.dates import day_since_onset
from analysis.model.vocabulary import BED_REST_OVER_2_DAYS
from analysis.plan import checkin, heat_ice, walking, work
from analysis.plan.doctor_hold import DOCTOR_SEEN, DOCTOR_SIGN
from analysis.plan.exercises import EXERCISES

# The public JSON keys of `plan --json`, in order. Extend, never rename.
PLAN_KEYS = ["date", "day_since_onset", "paused", "pause_reason", "walking_target_minutes",
             "walking_done_minutes", "exercises", "heat_or_ice", "work", "checkin_due", "see_gp_first"]
EXERCISE_KEYS = ["id", "name", "sets", "hold_seconds", "times_a_day", "caution", "done"]
# While a sign that needs a doctor holds the walk, the exercises wait too: each one's own caution says to stop
# for numbness, tingling or weakness, the very sign that may have been logged (review 8; GUIDANCE.md section 4,
# "call the doctor"; building up is for an uncomplicated course, analysis.plan.doctor_hold).
EXERCISES_HELD = ("The exercises wait until a doctor has seen you about the warning sign you logged: keep "
                  "moving gently in the meantime, and stop anything that brings on numbness, tingling or weakness.")
# Pain spreading into a leg does not hold the walk (walking helps it: README's alert table), but the exercises
# wait while its warning is open (held a week unless seen: analysis.alerts.rules.HELD_WARNING_CODES): each one's
# caution says to stop and call the doctor if pain spreads down a leg (review 17; GUIDANCE.md §4 "see a doctor
# if pain radiates to the leg").
EXERCISES_HELD_LEG = ("The exercises wait while pain spreads into your leg, until someone has looked at it or a "
                      "week has gone by without it: keep up your walks, which help leg pain, and stop anything "
                      "that sends the pain further down the leg.")


@dataclass(frozen=True)
class DailyPlan:
    """The plan for one day of one episode (see PLAN_KEYS)."""

    date: str
    day_since_onset: int
    paused: bool
    pause_reason: str | None
    walking_target_minutes: float | None
    walking_done_minutes: float | None
    exercises: list[dict] = field(default_factory=list)
    heat_or_ice: str | None = None
    work: dict | None = None
    checkin_due: bool = False
    walking: walking.WalkingTarget | None = None  # the detail for the page (not in the JSON)
    see_gp_first: str | None = None  # a "yes" set-up answer (NICE NG59): see the GP before following the plan
    exercises_held: str | None = None  # EXERCISES_HELD while a doctor sign holds the plan (not in the JSON)
    # every urgent message while paused, once each (pause_reason is the first): Today lists them all under "What to
    # do now", from the plan rather than its own alerts read, so the page never pauses when the plan does not
    to_do_now: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The JSON-ready dict with exactly PLAN_KEYS."""
        data = asdict(self)
        return {key: data[key] for key in PLAN_KEYS}


def _sign_today(days: pd.DataFrame, day: pd.Timestamp) -> bool:
    """A sign that needs a doctor logged on `day` and not yet seen about (analysis.plan.doctor_hold's columns): the
    exercises wait from that day on (review 9: they were set below the box on the day the numbness was logged)."""
    if DOCTOR_SIGN not in days:
        return False
    today = days[pd.to_datetime(days["date"]).dt.normalize() == day]
    seen = today[DOCTOR_SEEN].astype(bool).any() if DOCTOR_SEEN in today else False
    return bool(today[DOCTOR_SIGN].astype(bool).any()) and not seen


# The 90/90 rest position eases a bad spell of acute pain (seed 002: an "emergency position", not to lie in for
# long; GUIDANCE.md section 4: keep moving): set while the latest pain logged in the last REST_RECENT_DAYS days is
# REST_POSITION_MIN_PAIN or more (Serlin 1995: 5-6 of 10 is moderate pain, 1-4 mild), or in the first week when no
# pain was logged lately. A month in, recovered and walking an hour, it was still set at an hour a day on the
# floor (review 22). A tick already given that day keeps it on the list.
REST_POSITION = "rest_90_90"
REST_POSITION_MIN_PAIN = 5.0
REST_RECENT_DAYS = 3
ACUTE_DAYS = 7
# Nor is it set while the "More than two days of bed rest" alert is active (analysis.alerts.rules: "Get up and move
# a little every hour"): seed 003 "Avoid bed rest after the first day", seed 002 the 90/90 not "for too long, and it
# is otherwise encouraged to keep moving"; GUIDANCE.md section 4: no more than two days. Twenty minutes on the floor
# three times a day was set beside that alert (review 24).
BED_REST_ALERT = BED_REST_OVER_2_DAYS


def _bad_spell(days: pd.DataFrame, day: pd.Timestamp, since: int) -> bool:
    """Is the pain strong enough for the rest position on `day` (REST_POSITION_MIN_PAIN)?"""
    return bool(bad_spell_days(days, day - pd.Timedelta(days=since), pd.DatetimeIndex([day]))[0])


def bad_spell_days(days: pd.DataFrame, onset: object, dates: pd.DatetimeIndex) -> np.ndarray:
    """Per day of `dates`, whether the plan sets the rest position for the pain (REST_POSITION_MIN_PAIN): the latest
    pain logged in the REST_RECENT_DAYS days up to it, or the first ACUTE_DAYS since `onset` with none logged.
    Why per day at once: Today's list reads one day, the weekly share of exercises done every day of the course
    (analysis.plan.adherence), and both must count the same exercises as set (review 24)."""
    dates = pd.DatetimeIndex(dates).normalize()
    acute = np.asarray((dates - pd.Timestamp(onset).normalize()).days < ACUTE_DAYS)
    if "pain" not in days:
        return acute
    logged = days.assign(_day=pd.to_datetime(days["date"]).dt.normalize()).dropna(subset=["pain"])
    if logged.empty or not len(dates):
        return acute
    daily = logged.groupby("_day")["pain"].last()
    span = pd.date_range(min(dates.min(), daily.index.min()), max(dates.max(), daily.index.max()))
    latest = daily.reindex(span).ffill(limit=REST_RECENT_DAYS - 1).reindex(dates).to_numpy(dtype=float)
    return np.where(np.isnan(latest), acute, latest >= REST_POSITION_MIN_PAIN)


def daily_plan(as_of: object, onset: object, normal_minutes: float | None, days: pd.DataFrame,
               ticked: set[str], work_days: pd.DataFrame, checkin_dates: pd.Series,
               urgent_messages: list[str], leg_pain: bool = False, bed_rest: bool = False,
               usual_work_day: float | None = None) -> DailyPlan:
    """Build the plan for `as_of`.

    `days`: diary days (date, activity_minutes, pain, and analysis.plan.doctor_hold's columns when known);
    `ticked`: exercise ids done on `as_of`;
    `work_days`: (date, hours); `checkin_dates`: dates of earlier check-ins; `urgent_messages`:
    the active urgent alerts' messages (non-empty pauses the plan, and the first says what to do);
    `leg_pain`: the person's warning for pain spreading into a leg is active (the exercises wait, not the walk);
    `bed_rest`: the BED_REST_ALERT is active (no rest position: get up and move instead);
    `usual_work_day`: the person's usual working day in hours (None: not said; analysis.plan.work).
    """
    day = pd.Timestamp(as_of).normalize()
    date = day.strftime("%Y-%m-%d")
    since = day_since_onset(onset, day)
    logged = days[pd.to_datetime(days["date"]).dt.normalize() == day]["activity_minutes"].dropna()
    done = float(logged.iloc[0]) if len(logged) else None
    if urgent_messages:
        return DailyPlan(date, since, True, urgent_messages[0], None, done,
                         walking=walking.WalkingTarget(None, walking.PAUSED, 0, None),
                         to_do_now=tuple(urgent_messages))
    target = walking.walking_target(onset, day, normal_minutes, days)
    held = target.state == walking.HELD_DOCTOR or _sign_today(days, day)  # the walk is held from the next day
    waiting = EXERCISES_HELD if held else EXERCISES_HELD_LEG if leg_pain else None
    exercises = [] if waiting else [
        {"id": e.id, "name": e.name, "sets": e.sets, "hold_seconds": e.hold_seconds, "times_a_day": e.times_a_day,
         "caution": e.caution, "done": e.id in ticked} for e in EXERCISES
        if e.id != REST_POSITION or e.id in ticked or (not bed_rest and _bad_spell(days, day, since))]
    plan = work.work_plan(work_days, day, usual_work_day)
    return DailyPlan(date, since, False, None, target.minutes, done, exercises, heat_ice.ADVICE,
                     None if plan is None else {"plan": plan.plan, "hours_target": plan.hours_target,
                                                "usual_day_hours": plan.usual_day_hours},
                     checkin.checkin_due(checkin_dates, day), target,
                     exercises_held=waiting)
