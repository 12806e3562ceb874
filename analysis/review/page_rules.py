"""Small decisions the patient pages used to make themselves: which alert can be put aside or marked as seen,
which alerts were put aside, and whether Today asks for today's entry.

Why here: each is a rule on values (a severity, a code, a date), and rules live in analysis/ where they are
tested without a browser (house style: a page reads widgets, calls one function, renders). The pages
(dashboard/alerts_view.py, dashboard/screens/today.py) only lay out what these return.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.alerts.red_flags import URGENT
from analysis.alerts.rules import SEE_DOCTOR_HOLD_CODES


def can_be_seen(code: str, severity: str) -> bool:
    """True for the alerts held until a clinician has seen the person (analysis.alerts.rules): every urgent one
    and the see-a-doctor signs, which offer "I have been seen about this"."""
    return severity == URGENT or code in SEE_DOCTOR_HOLD_CODES


def can_be_put_aside(severity: str) -> bool:
    """True when "Got it" may hide the alert: never for an urgent one (issue 9: it stays until seen)."""
    return severity != URGENT


def put_aside(history: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """The active alerts of `history` that are not in `shown` (analysis.alerts.engine.visible): put aside with
    "Got it" but still applying, so the page still lists them. Columns: those of alert_history."""
    active = history[history["active"].astype(bool)] if len(history) else history
    return active[~active["fingerprint"].isin(shown["fingerprint"])] if len(active) else active


def ask_for_today(urgent: bool, onset: dt.date, today: dt.date, logged_today: bool) -> bool:
    """Whether Today shows its one line "today is not in your diary yet" (issue 13): only when the episode has
    started, today is not logged, and no urgent sign applies (then seeing a doctor matters, not the diary)."""
    return not urgent and onset <= today and not logged_today
