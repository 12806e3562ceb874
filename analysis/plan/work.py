"""Return to work (optional): half days first, full days after about two weeks.

Seed 000 (Dutch GP guidance): "starting with half days and then full days again after two
weeks"; GUIDANCE.md section 4. The plan starts on the first day the person logs work hours, and again on
the first day back after more than a week off (TIME_OFF_DAYS); someone who never logs work gets no work plan
(it is optional). Half days are for building up "if necessary" (seed 000; seed 001: keep "normal activities as
much as possible"): someone who has kept working without time off and whose latest day at work was a full day
is asked to keep to full days, not to halve them (review 24: 8-hour days worked from the start were cut to "half
days (about 4 hours)"). Back after time off, half days come first all the same (review 8, review 9).

A full day is the person's own usual working day when they have said it (Diary.set_usual_work_day), and a half day
half of it: "full days again" means again, not more than before (review 24: a 4-hour part-time day was followed by
"full days (about 8 hours)"). Not said, a full day is FULL_DAY_HOURS, and the words say that it was assumed.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

HALF_DAY_WEEKS = 2  # seed 000: full days again after two weeks
# More than a week without a day at work: going back starts with half days again (project choice; review 8: one
# half day tried, then 12 days off, and the plan said "full days" on the third day back). A weekend is not a week.
TIME_OFF_DAYS = 7
FULL_DAY_HOURS = 8.0  # project default for a working day when the person has not said otherwise
HALF_DAYS = "half days"
FULL_DAYS = "full days"


@dataclass(frozen=True)
class WorkPlan:
    """Today's work plan: half or full days, the hours that means, and the usual day it was measured by (None: not
    said, FULL_DAY_HOURS assumed)."""

    plan: str
    hours_target: float
    usual_day_hours: float | None = None


def work_plan(work_days: pd.DataFrame, as_of: object, usual_day_hours: float | None = None) -> WorkPlan | None:
    """The work plan on `as_of`, from the days with work hours (columns date, hours) and the person's usual working
    day in hours (None: not said, FULL_DAY_HOURS); None when no work is logged."""
    worked = work_days[(work_days["hours"] > 0) & (pd.to_datetime(work_days["date"]) <= pd.Timestamp(as_of))]
    if worked.empty:
        return None
    full_day = FULL_DAY_HOURS if usual_day_hours is None else float(usual_day_hours)
    dates = pd.to_datetime(worked["date"]).sort_values()
    back = dates[dates.diff().dt.days > TIME_OFF_DAYS]  # each first day back after time off
    first = back.iloc[-1] if len(back) else dates.iloc[0]  # the start of the current spell at work
    latest = float(worked.loc[pd.to_datetime(worked["date"]).idxmax(), "hours"])  # the latest day at work
    kept_working = not len(back) and latest >= full_day  # no need to build up (seed 000: "if necessary")
    if (pd.Timestamp(as_of) - first).days < 7 * HALF_DAY_WEEKS and not kept_working:
        return WorkPlan(HALF_DAYS, full_day / 2, usual_day_hours)
    return WorkPlan(FULL_DAYS, full_day, usual_day_hours)
