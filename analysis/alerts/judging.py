"""The day an episode's alerts are judged on wherever someone reads them now, and the diary days kept for it.

Why one rule: a red flag's hold (analysis.alerts.rules: until seen; SEE_DOCTOR_HOLD_DAYS) counts to this
day, and a "seen" dated on it counts, on every surface alike: the banner on the patient's pages, Today's plan,
Progress, the GP report, the Clinic and `python -m analysis plan`. Judged at the last diary day instead (as the
patient pages once were), a diary that stopped for a few days kept saying "act now" on the person's pages while
the Clinic had ended it, and "I have been seen about this" pressed today, before logging today, closed nothing
there while its own message said it was closed. And no surface drops tomorrow's diary day (a diary kept in a
time zone ahead holds it, analysis.model.limits.FUTURE_SLACK_DAYS): the Clinic once dropped a red flag logged on
it while the person's own banner showed it.
"""
from __future__ import annotations

import pandas as pd

from analysis.model.limits import FUTURE_SLACK_DAYS


def judging_day(last_diary_day: object, today: object) -> pd.Timestamp:
    """Today, or the last diary day when the diary already holds a later one (tomorrow's): no diary day is left
    out of the judgement."""
    today = pd.Timestamp(today).normalize()
    if last_diary_day is None or pd.isna(last_diary_day):
        return today
    return max(today, pd.Timestamp(last_diary_day).normalize())


def last_day_kept(as_of: object) -> pd.Timestamp:
    """The latest diary day a surface reading the diary "as on" `as_of` keeps: `as_of` and the day after it."""
    return pd.Timestamp(as_of).normalize() + pd.Timedelta(days=FUTURE_SLACK_DAYS)
