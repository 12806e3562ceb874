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

A sign of the person's other episode holds the target too (DOCTOR_HELD, held_elsewhere): Today's box shows the
person's signs whichever episode they were logged in (fever logged in the earlier episode three days before a
new one was started is still the person's fever; review 5), and the box and the hold must agree. Each episode's
own seen marks close its own signs, as the box's "I have been seen about this" marks the episode that holds it.
Which days a sign holds is one rule, held_on, read by walking_course for the episode's own signs as well.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts.history import SEEN_DATE, SEVERITY
from analysis.alerts.red_flags import SAME_DAY_SYMPTOMS, URGENT
from analysis.alerts.rules import SEE_DOCTOR_HOLD_CODES, SEE_DOCTOR_HOLD_DAYS
from analysis.alerts.seen_after import marks_in_force, overtaken
from analysis.model import columns as c

DOCTOR_SIGN = "doctor_sign"
DOCTOR_SEEN = "doctor_seen"
DOCTOR_HELD = "doctor_held"  # held for a sign of the person's other episode (held_elsewhere)
# An urgent alert (an emergency sign: GUIDANCE.md section 4, "seek care now"; a paracetamol overdose) pauses the plan
# from the next day until the person is seen about it (analysis.alerts.rules: an urgent alert never goes quiet by
# itself): no target on those days, and neither its day nor the paused days build the walk up (review 24). Read from
# the engine's alert history (urgent_days), not from the signs a second time.
URGENT_SIGN = "urgent_sign"
URGENT_UNTIL = "urgent_until"
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
    seen = marks_in_force(seen)  # as the engine reads them: an emergency's mark covers the same numbness too
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


def held_on(dates: object, sign_dates: object, seen_dates: object, hold_days: int = HOLD_DAYS) -> np.ndarray:
    """Per day of `dates`, whether a sign holds that day's target: the last sign logged before the day was
    logged at most `hold_days` before it (the warning is still active: analysis.alerts.rules) and no seen day falls
    from that sign's day to this day (seen that day: its warning closes, as the engine closes it).

    Why vectorised on sorted dates: the same answer as walking through the days one by one, for any number of
    days, and the one rule walking_course and held_elsewhere both read."""
    days = pd.DatetimeIndex(pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]"))).normalize().to_numpy()
    signs = np.unique(pd.to_datetime(pd.Series(sign_dates, dtype="datetime64[ns]")).dt.normalize().to_numpy())
    seens = np.unique(pd.to_datetime(pd.Series(seen_dates, dtype="datetime64[ns]")).dt.normalize().to_numpy())
    if not len(signs) or not len(days):
        return np.zeros(len(days), dtype=bool)
    before = np.searchsorted(signs, days, side="left") - 1  # the last sign logged before the day
    last = signs[before.clip(min=0)]
    active = (before >= 0) & (days - last <= np.timedelta64(hold_days, "D"))
    if not len(seens):
        return active
    mark = np.searchsorted(seens, days, side="right") - 1  # the last seen day on or before the day
    closed = (mark >= 0) & (seens[mark.clip(min=0)] >= last)
    return active & ~closed


def held_elsewhere(symptoms: pd.DataFrame | None, seen: pd.DataFrame | None) -> pd.DataFrame:
    """The days a sign of the person's other episodes holds the target (each episode's signs closed by its own
    seen marks only). `symptoms`, `seen`: Diary.symptoms() and Diary.seen() of those episodes (with
    episode_id). Returns date, DOCTOR_HELD (True), one row a held day; empty when none is held."""
    empty = pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), DOCTOR_HELD: pd.Series(dtype=bool)})
    if symptoms is None or symptoms.empty:
        return empty
    held = []
    for episode, mine in symptoms.groupby("episode_id", sort=True):  # a person's few episodes
        own = None if seen is None or seen.empty else seen[seen["episode_id"] == episode]
        marks = doctor_days(mine, own)
        signs = marks.loc[marks[DOCTOR_SIGN], "date"]
        if signs.empty:
            continue
        dates = pd.date_range(signs.min() + pd.Timedelta(days=1), signs.max() + pd.Timedelta(days=HOLD_DAYS))
        held.append(dates[held_on(dates, signs, marks.loc[marks[DOCTOR_SEEN], "date"])])
    days = pd.DatetimeIndex(sorted(set().union(*held))) if held else pd.DatetimeIndex([])
    return empty if not len(days) else pd.DataFrame({"date": days.astype("datetime64[ns]"), DOCTOR_HELD: True})


def urgent_days(history: pd.DataFrame | None) -> pd.DataFrame:
    """The days an urgent alert of `history` started, each with the day it was seen about: the plan is paused from
    the day after the start until that day (paused_on). `history`: analysis.alerts.engine.alerts of the person's
    episodes (rows of any severity; the urgent ones are read), so the pause is the engine's own urgent alert, not
    a second reading of the signs: an emergency sign (numbness two days running included), a paracetamol overdose,
    an urgent sign of the person's other episode (review 24; Today paused for each, Progress's course did not).
    Returns date, URGENT_SIGN (True), URGENT_UNTIL (the seen day; NaT while open: an urgent alert never goes quiet
    by itself, analysis.alerts.rules), one row per start day (of two runs starting that day, the later end)."""
    empty = pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), URGENT_SIGN: pd.Series(dtype=bool),
                          URGENT_UNTIL: pd.Series(dtype="datetime64[ns]")})
    if history is None or history.empty:
        return empty
    runs = history[(history[SEVERITY] == URGENT).to_numpy()]
    if runs.empty:
        return empty
    start = pd.to_datetime(runs[c.DATE]).dt.normalize().astype("datetime64[ns]")
    until = pd.to_datetime(runs[SEEN_DATE]).dt.normalize().astype("datetime64[ns]")
    frame = pd.DataFrame({"date": start.to_numpy(), URGENT_UNTIL: until.to_numpy()})
    ends = frame.groupby("date", sort=True)[URGENT_UNTIL].agg(lambda s: pd.NaT if s.isna().any() else s.max())
    return pd.DataFrame({"date": ends.index.astype("datetime64[ns]"), URGENT_SIGN: True,
                         URGENT_UNTIL: ends.to_numpy().astype("datetime64[ns]")})


def paused_on(dates: pd.DatetimeIndex, days: pd.DataFrame) -> np.ndarray:
    """Per day of `dates`, whether an urgent alert pauses the plan: one of the URGENT_SIGN rows of `days` (any date,
    before the episode's onset too) started before the day, and it was not seen about on or before the day.
    Why per run, not per sign and seen day: two urgent alerts run side by side (an emergency sign and an overdose),
    and a seen mark closes its own run only."""
    if URGENT_SIGN not in days:
        return np.zeros(len(dates), dtype=bool)
    runs = days[days[URGENT_SIGN].eq(True).to_numpy()]
    start = pd.to_datetime(runs["date"]).dt.normalize().to_numpy("datetime64[ns]")
    until = pd.to_datetime(runs[URGENT_UNTIL]).to_numpy("datetime64[ns]")
    day = pd.DatetimeIndex(dates).normalize().to_numpy("datetime64[ns]")[:, None]
    return ((start[None, :] < day) & (np.isnat(until)[None, :] | (day < until[None, :]))).any(axis=1)


def with_doctor_days(days: pd.DataFrame, symptoms: pd.DataFrame | None, seen: pd.DataFrame | None,
                     elsewhere: pd.DataFrame | None = None, urgent: pd.DataFrame | None = None) -> pd.DataFrame:
    """`days` (date, activity_minutes, pain; one row a date) with the DOCTOR_SIGN and DOCTOR_SEEN columns of
    doctor_days; a seen day with no diary entry (seen today, today not logged yet) is a row of its own, with
    no activity or pain, as walking_course reads a day not logged. `elsewhere` (held_elsewhere of the person's
    other episodes) adds DOCTOR_HELD, its held days without an entry a row of their own likewise. `urgent`: the
    alert history of the person's episodes (analysis.review.today_plan.person_alerts); its urgent alerts add
    URGENT_SIGN and URGENT_UNTIL (urgent_days) the same way: the days the plan was paused (paused_on)."""
    flags = {DOCTOR_SIGN: False, DOCTOR_SEEN: False, URGENT_SIGN: False}
    marks = doctor_days(symptoms, seen).merge(urgent_days(urgent), on="date", how="outer")
    marks = marks.assign(**{name: marks[name].eq(True) for name in flags})  # a day without the mark: False
    frame = days.assign(date=pd.to_datetime(days["date"]).dt.normalize())
    both = frame.merge(marks, on="date", how="outer") if len(marks) else frame.assign(**flags, **{URGENT_UNTIL: pd.NaT})
    both = both.fillna(flags).astype({name: bool for name in flags} | {URGENT_UNTIL: "datetime64[ns]"})
    if elsewhere is None or elsewhere.empty:
        return both
    both = both.merge(elsewhere[["date", DOCTOR_HELD]], on="date", how="outer")
    flags[DOCTOR_HELD] = False
    return both.fillna(flags).astype({name: bool for name in flags})
