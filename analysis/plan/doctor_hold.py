"""The days a sign that needs a doctor was logged, and the days a clinician saw the person about it.

Why a rule of its own: the walking target builds up on an uncomplicated course (GUIDANCE.md section 4:
"build activity up step by step"), while fever, feeling unwell, weight loss ("call the doctor") or new
numbness, tingling or weakness need a doctor's view first. Such a sign is a warning alert held active for
SEE_DOCTOR_HOLD_DAYS until someone records "I have been seen about this" (analysis.alerts.rules); the plan
holds the walking target for that same time, so Today's warning box and the held target start and end
together. Which alerts count is declared once: analysis.alerts.rules.SEE_DOCTOR_HOLD_CODES.

The plan reads two columns beside date, activity_minutes and pain (analysis.plan.walking.walking_course):
DOCTOR_SIGN (a qualifying sign was logged that day) and DOCTOR_SEEN (that day the person was seen about
every such sign still open, so the hold ends); with_doctor_days adds them to a diary's days. Every caller
fills them here: Today's plan (analysis.review.today_plan), Progress (analysis.review.progress.
plan_against_actual) and the routine's week line (dashboard/routine.py), so the pages show one target.
"""
from __future__ import annotations

import pandas as pd

from analysis.alerts.red_flags import SAME_DAY_SYMPTOMS
from analysis.alerts.rules import SEE_DOCTOR_HOLD_CODES, SEE_DOCTOR_HOLD_DAYS
from analysis.alerts.seen_after import overtaken
from analysis.model import columns as c

DOCTOR_SIGN = "doctor_sign"
DOCTOR_SEEN = "doctor_seen"
HOLD_DAYS = SEE_DOCTOR_HOLD_DAYS  # analysis.alerts.rules (issue 9): the warning stays this long unless seen


def _sign_days(symptoms: pd.DataFrame) -> dict[str, set[pd.Timestamp]]:
    """Per qualifying alert code, the days one of its symptoms was logged (codes cleaned as the engine does)."""
    if symptoms is None or symptoms.empty:
        return {code: set() for code in SEE_DOCTOR_HOLD_CODES}
    names = symptoms[c.SYMPTOM].astype(str).str.strip().str.lower()
    dates = pd.to_datetime(symptoms[c.DATE]).dt.normalize()
    return {code: set(dates[names.isin(SAME_DAY_SYMPTOMS[code])]) for code in SEE_DOCTOR_HOLD_CODES}


def _seen_days(seen: pd.DataFrame | None) -> tuple[dict[str, set[pd.Timestamp]], dict[str, set[pd.Timestamp]]]:
    """Per qualifying alert code, the days a clinician saw the person about it (Diary.seen()), and of those the
    days its sign was logged again after the mark (analysis.alerts.seen_after: that day's sign stays open)."""
    if seen is None or seen.empty:
        return {code: set() for code in SEE_DOCTOR_HOLD_CODES}, {code: set() for code in SEE_DOCTOR_HOLD_CODES}
    dates = pd.to_datetime(seen["seen_date"]).dt.normalize()
    codes, over = seen["code"].astype(str), overtaken(seen)
    return ({code: set(dates[codes == code]) for code in SEE_DOCTOR_HOLD_CODES},
            {code: set(dates[(codes == code).to_numpy() & over]) for code in SEE_DOCTOR_HOLD_CODES})


def doctor_days(symptoms: pd.DataFrame | None, seen: pd.DataFrame | None) -> pd.DataFrame:
    """One episode's DOCTOR_SIGN and DOCTOR_SEEN days. Columns: date, DOCTOR_SIGN, DOCTOR_SEEN (bool).

    A seen mark ends the hold only when it closes every open sign: a mark for fever does not end the hold
    of numbness logged the same week (the alerts are separate, and so is their "I have been seen"). A sign
    is open on a seen day when it was logged within HOLD_DAYS before and not seen about since its last report
    (the alert engine's rule: a seen date on or after the last report closes the alert, unless the sign was
    saved again after the mark on its day: analysis.alerts.seen_after).
    """
    signs, (seen_on, came_back) = _sign_days(symptoms), _seen_days(seen)
    sign_dates = set().union(*signs.values())
    marks = set().union(*seen_on.values())
    closed = []
    for day in sorted(marks):
        still_open = False
        for code in SEE_DOCTOR_HOLD_CODES:
            reported = [d for d in signs[code] if d <= day]
            if not reported:
                continue
            last = max(reported)
            was_seen = any(last < mark <= day or (mark == last and mark not in came_back[code])
                           for mark in seen_on[code])
            still_open |= (day - last).days <= HOLD_DAYS and not was_seen
        if not still_open:
            closed.append(day)
    dates = sorted(sign_dates | set(closed))
    return pd.DataFrame({"date": pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]")),
                         DOCTOR_SIGN: [d in sign_dates for d in dates],
                         DOCTOR_SEEN: [d in closed for d in dates]})


def with_doctor_days(days: pd.DataFrame, symptoms: pd.DataFrame | None, seen: pd.DataFrame | None) -> pd.DataFrame:
    """`days` (date, activity_minutes, pain; one row a date) with the DOCTOR_SIGN and DOCTOR_SEEN columns of
    doctor_days; a seen day with no diary entry (seen today, today not logged yet) is a row of its own, with
    no activity or pain, as walking_course reads a day not logged."""
    marks = doctor_days(symptoms, seen)
    frame = days.assign(date=pd.to_datetime(days["date"]).dt.normalize())
    both = frame.merge(marks, on="date", how="outer") if len(marks) else frame.assign(
        **{DOCTOR_SIGN: False, DOCTOR_SEEN: False})
    return both.fillna({DOCTOR_SIGN: False, DOCTOR_SEEN: False}).astype({DOCTOR_SIGN: bool, DOCTOR_SEEN: bool})
