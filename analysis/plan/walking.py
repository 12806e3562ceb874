"""The daily walking target: build up from what the person manages, about five minutes a day.

Why a rule of its own: the seeds' advice is to walk in short bouts several times a
day, start at 5-10 minutes and add about five minutes a day on level ground until
back to normal (seed 003 "Back spasm": "5 to 10 minutes, 3 or 4 times a day";
seed 000: "increase it by five minutes every day"; GUIDANCE.md section 4). A
plan that rose whatever happened would nag, so it adapts:

* a missed day, or a day below the target, does not raise the target;
* a day at or above the target raises it to what was done plus one step
  (so someone already walking more starts from what they manage now);
* SHORT_DAYS days in a row each more than a step below the target bring it down to the last of them plus one step
  (never below the short walks), through a flare too: the target is built from what the person manages, both ways,
  and one bad day changes nothing (review 33: 60 minutes asked for a week of 50, 40, ... 10 minutes walked while
  the pain rose from 3 to 9);
* a clinically important rise in pain (Ostelo 2008: 2 points, the
  same size as an important improvement, GUIDANCE.md section 3) holds the
  target for the next two days, and on every later day whose pain on its own is that far above
  the two weeks before the last five days (lasting_flare: the "Pain flare" alert's baseline, but one day is
  enough, where the alert waits for most of the last five days);
* three days in a row logged under the first step, or in bed with no minutes given, start it again from the
  short walks, as the bed-rest alert beside it advises;
* a sign that needs a doctor (fever, feeling unwell, weight loss, new numbness,
  tingling or weakness: GUIDANCE.md section 4, "call the doctor") holds the target
  from the next day for as long as its warning stays (analysis.plan.doctor_hold),
  until the person is seen about it: building up is for an uncomplicated course;
* it never rises above the person's normal level (never under one 5-minute walk), and there is no target at
  all while an urgent sign is active (the plan is paused: from the day after an emergency sign until the person
  is seen about it); neither the sign's day nor the paused days build it up, so once seen the person starts
  again from the target the sign paused (review 24: a rise was earned on the day of a suspected cauda equina).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.alerts.hits import EPS
from analysis.alerts.rules import (
    BED_REST_HOURS,
    BED_REST_MAX_DAYS,
    FLARE_BASELINE_DAYS,
    FLARE_BASELINE_MIN_ENTRIES,
    FLARE_MIN_PAIN,
    FLARE_POINTS,  # Ostelo 2008: 2 points, as the Pain flare alert counts a flare
    FLARE_RECENT_DAYS,
)
from analysis.model import columns as c
from analysis.plan.doctor_hold import DOCTOR_HELD, DOCTOR_SEEN, DOCTOR_SIGN, held_on, paused_on

START_MINUTES = 15.0  # seed 003: 5-10 minute walks 3-4 times a day; the lowest is 3 x 5 minutes (= activity.py)
STEP_MINUTES = 5.0  # seed 000 / GUIDANCE.md section 4: walking +5 minutes a day
DEFAULT_NORMAL_MINUTES = 60.0  # project default when normal activity is unknown (synthetic.DiarySpec)
# With the normal unknown, the cap is never below the person's usual walk: the median of the last USUAL_DAYS walks
# logged (project choice: a week, so one long day out does not move it). Seed 000: "do everything as before"; a
# normal never given cut 100 minutes walked each day to "Walk 60 minutes" (review 24).
USUAL_DAYS = 7
WALKS_PER_DAY = 3  # seed 003: "3 or 4 times a day"; the lower number, so a walk is not too short
WALK_MINUTES = 5.0  # seed 003: walks of "5 to 10 minutes"; the shortest walk, and the lowest target (review 8)
FLARE_HOLD_DAYS = 2  # issue 13: a flare holds the target "for a day or two"; the longer, to be gentle
FLARE_REFERENCE_DAYS = 3  # project choice: pain is compared with the mean of the 3 days before
STALLED_DAYS = 7  # project choice: a week without a rise -> suggest a physiotherapist (seed 000)
# Three days in a row, each logged under the first step (less than START_MINUTES walked, or a bed-rest day of
# BED_REST_HOURS with no minutes given: days in bed, say): the target
# starts again from the short walks. The number is the bed-rest rule's (more than 2 days: NHS, Cochrane 2010;
# analysis.alerts.rules BED_REST_MAX_DAYS), whose alert says "short walks of 5-10 minutes are a good start": the
# plan beside it must not ask for the 60 minutes built before (review 8).
RESTART_DAYS = BED_REST_MAX_DAYS + 1
# Days in a row well short of the target (more than a step below it) that bring it down to what was done: as many as
# start the walks again after days in bed (project choice: one or two bad days are not a new level)
SHORT_DAYS = RESTART_DAYS

BUILDING = "building up"
AT_NORMAL = "at your normal level"
HELD_MISSED = "held: no walk logged"
HELD_SHORT = "held: below the target"
HELD_FLARE = "held: pain flared"
HELD_DOCTOR = "held: see your doctor first"
RESTARTED = "started again: short walks"
LOWERED = "lowered: built from what you walked"
PAUSED = "paused"

# Columns of walking_course().
COURSE_COLUMNS = ["date", "day", "target_minutes", "done_minutes", "pain", "state"]


@dataclass(frozen=True)
class WalkingTarget:
    """Today's walking target; `minutes` is None while paused."""

    minutes: float | None
    state: str
    walks: int
    minutes_per_walk: float | None
    stalled: bool = False

    def walk_minutes(self) -> list[int]:
        """The walks in whole minutes, adding up to the target: the longer ones first (40 in 3: 14, 13, 13; review
        18: '3 walks of 13 minutes' for a target of 40). Empty while paused."""
        if self.minutes is None or self.walks < 1:
            return []
        total = int(round(self.minutes))
        each, longer = divmod(total, self.walks)
        return [each + 1] * longer + [each] * (self.walks - longer)

    def in_words(self) -> str:
        """The walks in words: '3 walks of 13 minutes', or '3 walks of 14, 13 and 13 minutes' when they differ."""
        lengths = self.walk_minutes()
        if not lengths:
            return ""
        count = f"{len(lengths)} walk{'s' * (len(lengths) != 1)} of"
        if len(set(lengths)) == 1:
            return f"{count} {lengths[0]} minutes"
        return f"{count} {', '.join(map(str, lengths[:-1]))} and {lengths[-1]} minutes"


def _normal(normal_minutes: float | None) -> float | None:
    """The cap of the target: the person's normal level (README: never above it; review 8: a normal of 10 is a
    target of 10). A person not active before (a normal under one short walk) still gets the short walks (seed
    003: "Take short walks several times a day ... 5 to 10 minutes, 3 or 4 times a day, and work up to longer
    walks"; GUIDANCE.md section 4: keep moving): normal 0 was 'Walk 0 min today' (review 8), then one 5-minute
    walk for good while walking 30 (review 24). None when the normal is unknown (_caps)."""
    if normal_minutes is None or (isinstance(normal_minutes, float) and math.isnan(normal_minutes)):
        return None
    return START_MINUTES if float(normal_minutes) < WALK_MINUTES else float(normal_minutes)


def _caps(normal_minutes: float | None, done: np.ndarray) -> np.ndarray:
    """Per day, the cap of the target once that day is done: the normal (_normal), or with it unknown
    DEFAULT_NORMAL_MINUTES, never below the usual walk (USUAL_DAYS) in whole steps."""
    known = _normal(normal_minutes)
    if known is not None:
        return np.full(len(done), known)
    walked = pd.Series(done, dtype=float).dropna()
    usual = walked.rolling(USUAL_DAYS, min_periods=1).median().reindex(range(len(done))).ffill().to_numpy()
    usual = STEP_MINUTES * np.floor(np.nan_to_num(usual) / STEP_MINUTES)
    return np.maximum(DEFAULT_NORMAL_MINUTES, usual)


def is_flare(pain: float, earlier: list[float]) -> bool:
    """True when `pain` rose by at least 2 points over the mean of `earlier` days (Ostelo 2008; as
    analysis.alerts.rules.FLARE_POINTS says why)."""
    if not earlier or pain is None or math.isnan(pain):
        return False
    reference = sum(earlier) / len(earlier)
    return pain - reference >= FLARE_POINTS - EPS  # the alert's tolerance: 4.1 -> 6.1 is 2 points in both (review 23)


def walking_course(onset: object, as_of: object, normal_minutes: float | None,
                   days: pd.DataFrame) -> pd.DataFrame:
    """The target for every day from onset to `as_of`, next to what was done.

    `days` holds the diary: columns date (datetime64), activity_minutes, pain (NaN when
    not given), and optionally DOCTOR_SIGN and DOCTOR_SEEN (analysis.plan.doctor_hold.with_doctor_days:
    a sign that needs a doctor was logged; the person was seen about it). Why day by day: each day's
    target depends on the day before (done, missed, flared or a sign logged). Returns COURSE_COLUMNS: date,
    day (since onset), target_minutes, done_minutes (NaN on a day not logged), pain, state (BUILDING,
    AT_NORMAL, RESTARTED or a HELD_ reason).
    """
    start, end = pd.Timestamp(onset).normalize(), pd.Timestamp(as_of).normalize()
    dates = pd.date_range(start, max(start, end), freq="D")
    logged = days.set_index(pd.to_datetime(days["date"]).dt.normalize())
    done = logged["activity_minutes"].reindex(dates).astype(float).to_numpy()
    pain = logged["pain"].reindex(dates).astype(float).to_numpy()
    sign, seen, elsewhere = (
        logged[name].reindex(dates).fillna(False).astype(bool).to_numpy() if name in logged
        else np.zeros(len(dates), dtype=bool) for name in (DOCTOR_SIGN, DOCTOR_SEEN, DOCTOR_HELD))
    # the warning stays HOLD_DAYS after the sign was last logged unless seen about (doctor_hold.held_on); a sign
    # of the person's other episode holds the same days (DOCTOR_HELD), from onset day on
    doctor = held_on(dates, dates[sign], dates[seen]) | elsewhere
    paused = paused_on(dates, days)  # an urgent alert of the person: from the day after it until seen
    caps = _caps(normal_minutes, done)
    cap = DEFAULT_NORMAL_MINUTES if _normal(normal_minutes) is None else _normal(normal_minutes)  # before day 0
    target, hold_until, rows, idle, short = min(START_MINUTES, cap), -1, [], 0, 0
    high = lasting_flare(pain)
    bed = (logged[c.BED_REST].reindex(dates).astype(float).to_numpy() if c.BED_REST in logged
           else np.full(len(dates), np.nan))
    idle_day = (done < START_MINUTES) | (np.isnan(done) & (bed >= BED_REST_HOURS))
    state = HELD_DOCTOR if doctor[0] else AT_NORMAL if target >= cap else BUILDING
    walked_yet = np.cumsum(~np.isnan(done)) > 0  # a walk logged on or before each day
    for i, day in enumerate(dates):
        cap = caps[i]
        rows.append((day, i, math.nan, done[i], pain[i], PAUSED) if paused[i] else
                    (day, i, target, done[i], pain[i], state))
        earlier = [p for p in pain[max(0, i - FLARE_REFERENCE_DAYS):i] if not math.isnan(p)]
        if is_flare(pain[i], earlier):
            hold_until = max(hold_until, i + FLARE_HOLD_DAYS)
        if high[i]:  # a flare that lasts holds the target as long as the "Pain flare" alert's measure does
            hold_until = max(hold_until, i + 1)
        idle = idle + 1 if idle_day[i] else 0  # calendar days in a row, as the bed-rest rule counts them
        # a day well short of the target, the plan asking for it (not paused, not held for a doctor: walking gently
        # as told is no new level); NaN: not short
        short = short + 1 if done[i] < target - STEP_MINUTES - EPS and not (paused[i] or doctor[i]) else 0
        if idle >= RESTART_DAYS and target > min(START_MINUTES, cap):
            target, idle = min(START_MINUTES, cap), 0  # days in bed or nearly: start again from the short walks
            state = HELD_DOCTOR if i + 1 < len(dates) and doctor[i + 1] else RESTARTED
            continue
        if i + 1 < len(dates) and paused[i + 1]:
            state = PAUSED  # an emergency sign: this day's walk builds nothing
        elif i + 1 < len(dates) and doctor[i + 1]:
            state = HELD_DOCTOR
        elif i + 1 <= hold_until:
            target, lowered = _from_what_was_done(target, done[i], cap, short)
            state = LOWERED if lowered else HELD_FLARE
        elif paused[i]:  # seen about the emergency: back to the target it paused (the paused days build nothing)
            state = AT_NORMAL if target >= cap else BUILDING
        elif math.isnan(done[i]):  # nothing logged yet at all: the start, not "no walk was logged" (review 22)
            state = HELD_MISSED if walked_yet[i] else state
        elif done[i] < target:
            target, lowered = _from_what_was_done(target, done[i], cap, short)
            state = LOWERED if lowered else HELD_SHORT
        else:
            # whole 5 minutes (project choice: easy to read), never below the old target plus one step
            target = min(cap, STEP_MINUTES * math.floor(max(target, done[i]) / STEP_MINUTES) + STEP_MINUTES)
            state = AT_NORMAL if target >= cap else BUILDING
    return pd.DataFrame(rows, columns=COURSE_COLUMNS)


def _from_what_was_done(target: float, done: float, cap: float, short: int) -> tuple[float, bool]:
    """The target after a day short of it: after SHORT_DAYS days in a row well short (`short`), what was done plus
    one step (whole steps, never below the short walks) when that is lower; else the target as it was. Returns
    (target, whether it was lowered). A day not logged (NaN) lowers nothing."""
    if math.isnan(done) or short < SHORT_DAYS:
        return target, False
    managed = max(min(START_MINUTES, cap), STEP_MINUTES * math.floor(done / STEP_MINUTES) + STEP_MINUTES)
    return (managed, True) if managed < target else (target, False)


def lasting_flare(pain: np.ndarray) -> np.ndarray:
    """Per calendar day (NaN: not logged): is that day's pain, on its own, high enough to hold the target?
    At least FLARE_MIN_PAIN, and FLARE_POINTS above the mean of the FLARE_BASELINE_DAYS days before the last
    FLARE_RECENT_DAYS (at least FLARE_BASELINE_MIN_ENTRIES logged): the baseline and rise of the "Pain flare" alert
    (analysis.alerts.pain_kernels), but one such day is enough. The alert also needs FLARE_HIGH_DAYS of the last
    FLARE_RECENT_DAYS days that high, so the target can be held on days the alert does not fire (review 27: the
    README said the hold lasted as the alert counts the flare; it does not, and the rule is unchanged).

    Why the alert's baseline: the plan's own 3-day reference caught up with a flare that lasts by its third day,
    and the target built again beside the active alert (review 8); a reference frozen at the flare's start held
    a pain that settled at a new level for good (review 9). The 14-day mean follows the pain as the alert does.
    """
    high = np.zeros(len(pain), dtype=bool)
    for i in range(len(pain)):
        if math.isnan(pain[i]) or pain[i] < FLARE_MIN_PAIN:
            continue
        end = i - FLARE_RECENT_DAYS + 1  # the baseline: the days before the recent ones
        before = pain[max(0, end - FLARE_BASELINE_DAYS):max(0, end)]
        before = before[~np.isnan(before)]
        high[i] = len(before) >= FLARE_BASELINE_MIN_ENTRIES and is_flare(pain[i], [float(before.mean())])
    return high


def plan_days(entries: pd.DataFrame) -> pd.DataFrame:
    """One episode's diary entries in the shape the plan rules read: date, activity_minutes, pain and
    bed_rest_hours (the days in bed restart the walks). Why one function: Today's plan, Progress's chart and the
    routine's week line read the same days."""
    return pd.DataFrame({"date": pd.to_datetime(entries[c.DATE]).dt.normalize(),
                         "activity_minutes": entries[c.ACTIVITY].astype(float),
                         "pain": entries[c.PAIN].astype(float), c.BED_REST: entries[c.BED_REST].astype(float)})


def walking_target(onset: object, as_of: object, normal_minutes: float | None, days: pd.DataFrame,
                   paused: bool = False) -> WalkingTarget:
    """Today's target (the last row of walking_course), split into WALKS_PER_DAY walks of whole minutes.

    `paused`: an urgent sign is active; there is then no target at all (issue 13).
    `stalled` is True when the target has not risen for STALLED_DAYS days while below normal, with
    walks logged on most of them:
    the seeds suggest a physiotherapist when you cannot build up (seed 000).
    """
    if paused:
        return WalkingTarget(None, PAUSED, 0, None)
    course = walking_course(onset, as_of, normal_minutes, days)
    today = course.iloc[-1]
    if today["state"] == PAUSED:  # the emergency sign is not in the urgent alerts read now: no target all the same
        return WalkingTarget(None, PAUSED, 0, None)
    minutes = float(today["target_minutes"])
    recent = course["target_minutes"].tail(STALLED_DAYS + 1)
    logged = course["done_minutes"].tail(STALLED_DAYS).notna().sum()
    # a week held for a doctor or by a flare, or started again after days in bed, is not a stall: the rule held it
    # (Today then says why, not to see a physiotherapist; review 9)
    doctor_held = course["state"].tail(STALLED_DAYS + 1).isin([HELD_DOCTOR, HELD_FLARE, RESTARTED, PAUSED]).any()
    # the person's own walks rising by a step over the week is building up, whatever the target did (seed 000: a
    # physiotherapist when you "are unable to increase"; five minutes more each day under a target that jumped
    # after one long walk was called a stall: review 24)
    walked = course["done_minutes"].tail(STALLED_DAYS).dropna()
    built = len(walked) > 1 and walked.iloc[-1] - walked.iloc[0] >= STEP_MINUTES
    # a target that never rose all week (held, or brought down to what was walked: LOWERED) is a stall
    rose = bool((recent.diff() > 0).any())
    stalled = (len(recent) > STALLED_DAYS and not rose and today["state"] != AT_NORMAL
               and logged > STALLED_DAYS // 2 and not doctor_held and not built)  # trying on most days
    # seed 003: walks of at least 5 minutes, as many as fit the target up to WALKS_PER_DAY, so that they add up to
    # it (a target of 10 was '3 walks of about 5 min', 15 minutes: review 8)
    walks = int(min(WALKS_PER_DAY, max(1, minutes // WALK_MINUTES)))
    return WalkingTarget(minutes, str(today["state"]), walks, float(round(minutes / walks)), bool(stalled))
