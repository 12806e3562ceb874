"""Keeping to the plan: exercise and walking adherence per week, and whether exercise days go with
lower pain the next day (issue 13: "adherence per week is stored and analysed with the same care and
caveats as the other associations").

The care is analysis.course.associations': next-day pain is detrended within the episode (the recovery
trend would otherwise make early, bad days look like the exercises' fault), a difference is only
called a link when it is at least 1 point (half the clinically important 2, Ostelo 2008) and its
95% interval excludes no difference, each side rests on MIN_DAYS_EACH_SIDE days, and every result
carries the same caveat: an association in your own diary, not cause and effect.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.course.associations import (
    BETTER,
    CAVEAT_TEXT,
    DEFAULT_MIN_DAYS,
    MIN_DAYS_EACH_SIDE,
    MIN_PAIN_DIFFERENCE,
    NO_CLEAR_LINK,
    WORSE,
    Z_95,
    detrend,
)
from analysis.plan.daily import REST_POSITION, bad_spell_days
from analysis.plan.exercises import EXERCISES

# Nothing is said from fewer whole weeks: a share or a link over a few days says nothing
# (= analysis.course.associations.DEFAULT_MIN_DAYS, 14 days). Progress and Today's week line both read
# link_when_long_enough, so one cannot state a link the other still holds back (review 27).
ADHERENCE_MIN_WEEKS = 2

# Columns of weekly_adherence().
WEEK_COLUMNS = ["week", "week_start", "days", "exercise_days", "exercise_share", "walking_days_met"]


def weekly_adherence(course: pd.DataFrame, ticks: pd.DataFrame) -> pd.DataFrame:
    """Per week since onset (week 1 = days 0-6): how much of the plan was kept.

    `course`: analysis.plan.walking.walking_course (date, day, target_minutes, done_minutes);
    `ticks`: the episode's exercise ticks (date, exercise_id). Returns WEEK_COLUMNS: week,
    week_start, days (days of that week up to the course's end), exercise_days (days with any
    exercise ticked), exercise_share (ticks / the exercises the plan set on those days, 0-1) and
    walking_days_met (days whose logged minutes reached the target).

    The exercises set on a day are Today's list: all of them, the 90/90 rest position only on a day of bad pain
    (analysis.plan.daily.bad_spell_days, with the course's pain) or when it was ticked. Over all of them, ticking
    every exercise Today listed read 'Exercises done 86%' (review 24).
    """
    if course.empty:
        return pd.DataFrame(columns=WEEK_COLUMNS)
    days = course[["date", "day", "target_minutes", "done_minutes"]].copy()
    ticked = ticks.assign(date=pd.to_datetime(ticks["date"]).dt.normalize())
    per_day = ticked.groupby("date").size()
    days["ticks"] = days["date"].map(per_day).fillna(0).astype(int)
    rested = days["date"].isin(ticked.loc[ticked["exercise_id"] == REST_POSITION, "date"]).to_numpy()
    onset = days["date"].iloc[0] - pd.Timedelta(days=int(days["day"].iloc[0]))
    due = bad_spell_days(course, onset, pd.DatetimeIndex(days["date"]))
    days["set"] = len(EXERCISES) - (~due & ~rested).astype(int)
    days["week"] = days["day"] // 7 + 1
    days["met"] = days["done_minutes"] >= days["target_minutes"]  # NaN (not logged) is not met
    weeks = days.groupby("week").agg(week_start=("date", "min"), days=("day", "count"),
                                     exercise_days=("ticks", lambda t: int((t > 0).sum())),
                                     ticks=("ticks", "sum"), set=("set", "sum"),
                                     walking_days_met=("met", "sum")).reset_index()
    weeks["exercise_share"] = weeks["ticks"] / weeks["set"]
    weeks["walking_days_met"] = weeks["walking_days_met"].astype(int)
    return weeks[WEEK_COLUMNS]


NONE_TICKED = "none ticked"
# Under the week table: why a week can show none (review 36's second explorer: weeks logged after the fact read 0%,
# which a physiotherapist could not tell from "did none")
TICKS_NOTE = ("Exercises count when they are ticked on Today on the day itself; a day logged later has none "
              "ticked, so a week of them says \"none ticked\", not that none were done.")


def done_words(weeks: pd.DataFrame) -> list[str]:
    """Per week of weekly_adherence: its exercise_share as "67%", or NONE_TICKED for a week without a tick (a 0%
    said nothing ticked was done, where nothing may have been recorded)."""
    return [NONE_TICKED if days == 0 else f"{round(share * 100):d}%"
            for days, share in zip(weeks["exercise_days"].tolist(), weeks["exercise_share"].tolist(), strict=True)]


@dataclass(frozen=True)
class ExerciseLink:
    """Next-day pain after exercise days minus after other days (detrended), with its 95% interval."""

    n_days: int
    pain_difference: float
    ci_low: float
    ci_high: float
    direction: str
    statement: str
    caveat: str = CAVEAT_TEXT


def exercise_pain_link(days: pd.DataFrame, ticks: pd.DataFrame,
                       min_days: int = DEFAULT_MIN_DAYS) -> ExerciseLink | None:
    """Do days with any exercise ticked go with lower pain the next day, in this episode's diary?

    `days`: the episode's diary (date, pain); `ticks`: its exercise ticks (date, exercise_id). Only
    pairs of consecutive calendar days both in the diary are used; None when there are fewer than
    `min_days` pairs or fewer than MIN_DAYS_EACH_SIDE with or without exercise (nothing is said
    from too few days). Direction: BETTER when at least 1 point lower and the interval is below 0,
    WORSE when at least 1 point higher and above 0, else NO_CLEAR_LINK.
    """
    diary = days.assign(date=pd.to_datetime(days["date"]).dt.normalize()).sort_values("date")
    dnum = ((diary["date"] - diary["date"].min()).dt.days).to_numpy()
    pain = diary["pain"].to_numpy(dtype=float)
    follows = np.r_[np.diff(dnum) == 1, False]  # day t+1 is in the diary
    pain_next = np.where(follows, np.r_[pain[1:], np.nan], np.nan)
    pain_next = detrend(np.zeros(len(dnum), dtype=np.int64), dnum.astype(float), pain_next)
    exercised = diary["date"].isin(pd.to_datetime(ticks["date"]).dt.normalize()).to_numpy()
    usable = ~np.isnan(pain_next)
    with_, without = pain_next[usable & exercised], pain_next[usable & ~exercised]
    if usable.sum() < min_days or min(len(with_), len(without)) < MIN_DAYS_EACH_SIDE:
        return None
    difference = float(with_.mean() - without.mean())
    half = Z_95 * math.sqrt(with_.var(ddof=1) / len(with_) + without.var(ddof=1) / len(without))  # Welch
    low, high = difference - half, difference + half
    if difference <= -MIN_PAIN_DIFFERENCE and high < 0:
        direction, words = BETTER, "goes with less pain"
    elif difference >= MIN_PAIN_DIFFERENCE and low > 0:
        direction, words = WORSE, "goes with more pain"
    else:
        direction, words = NO_CLEAR_LINK, "no clear link"
    statement = (f"Doing your exercises on a day, and pain the next day: {words}; next-day pain "
                 f"{abs(difference):.1f} points {'lower' if difference < 0 else 'higher'} than usual for that point "
                 f"of your recovery (95% range {low:+.1f} to {high:+.1f}), from {int(usable.sum())} pairs of days.")
    return ExerciseLink(int(usable.sum()), difference, low, high, direction, statement)


def week_sentence(weeks: pd.DataFrame) -> str | None:
    """The current week in one calm line ('Week 2 so far: exercises on 3 of 5 days; walking target
    reached on 2.'), or None before the first day or while nothing is done yet this week: counts
    of what was done, never a reproach (nothing nags)."""
    if weeks.empty:
        return None
    week = weeks.iloc[-1]
    if not week["exercise_days"] and not week["walking_days_met"]:
        return None
    days = int(week["days"])
    return (f"Week {int(week['week'])} so far: exercises on {int(week['exercise_days'])} of {days} "
            f"day{'s' * (days != 1)}; walking target reached on {int(week['walking_days_met'])}.")


def enough_weeks(weeks: pd.DataFrame) -> bool:
    """Whether ADHERENCE_MIN_WEEKS whole weeks of weekly_adherence have passed (before that nothing is said)."""
    return bool(len(weeks)) and int((weeks["days"] == 7).sum()) >= ADHERENCE_MIN_WEEKS


def link_when_long_enough(weeks: pd.DataFrame, days: pd.DataFrame, ticks: pd.DataFrame) -> ExerciseLink | None:
    """exercise_pain_link, or None before enough_weeks: the one gate Progress and Today's week line share."""
    return exercise_pain_link(days, ticks) if enough_weeks(weeks) else None
