"""Which alerts the pages show as cards and boxes: held until seen, put aside with "Got it", a doctor first, or
left to the emergency that covers them (split from analysis.review.page_rules, which the pages read them through).

Why rules here and not in the pages: Today's box, Progress's cards and their tests must agree on one reading."""
from __future__ import annotations

import pandas as pd

from analysis.alerts.red_flags import RULE_SYMPTOMS, URGENT
from analysis.alerts.rules import HELD_WARNING_CODES, SEE_DOCTOR_HOLD_CODES


def can_be_seen(code: str, severity: str) -> bool:
    """True for the alerts held until a clinician has seen the person (analysis.alerts.rules): every urgent one
    and the warnings held until seen (HELD_WARNING_CODES), which offer "I have been seen about this"."""
    return severity == URGENT or code in HELD_WARNING_CODES


def doctor_first(history: pd.DataFrame) -> pd.DataFrame:
    """The active warnings of `history` (analysis.alerts.engine's alert history, as the Progress page lists it)
    that say to contact a doctor: Today's box above the plan, while the walking target is held
    (analysis.plan.walking.HELD_DOCTOR). Which codes: SEE_DOCTOR_HOLD_CODES, the one declaration
    (analysis.alerts.rules); urgent alerts are the banner's, and pause the plan instead."""
    if history.empty:
        return history
    active = history[history["active"].astype(bool)]
    rows = active[active["code"].isin(SEE_DOCTOR_HOLD_CODES) & (active["severity"] != URGENT)]
    return rows[~rows["code"].isin(_covered(active))].drop_duplicates("code")


def without_covered(history: pd.DataFrame) -> pd.DataFrame:
    """`history` less the active warnings an active urgent alert covers (_covered): Progress's cards, as Today's box
    (doctor_first) shows them. Same columns."""
    if history.empty:
        return history
    active = history["active"].astype(bool)
    covered = active & (history["severity"] != URGENT) & history["code"].isin(_covered(history[active]))
    return history[~covered.to_numpy()]


def _covered(active: pd.DataFrame) -> list[str]:
    """The warning codes whose signs an urgent alert of `active` names too: that emergency's, not a second, milder
    box. Numbness two days running is red_flag_emergency, and day 1's "call your GP today" must not sit beside "get
    medical help now" (review 29, Today; review 33, Progress); a fever beside a paracetamol overdose is a box of its
    own."""
    urgent = active.loc[active["severity"] == URGENT, "code"]
    urgent_signs = {sign for code in urgent for sign in RULE_SYMPTOMS.get(code, ())}
    return [code for code in SEE_DOCTOR_HOLD_CODES
            if RULE_SYMPTOMS.get(code) and set(RULE_SYMPTOMS[code]) <= urgent_signs]


def can_be_put_aside(severity: str) -> bool:
    """True when "Got it" may hide the alert: never for an urgent one (issue 9: it stays until seen)."""
    return severity != URGENT


def put_aside(history: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """The active alerts of `history` that are not in `shown` (analysis.alerts.engine.visible): put aside with
    "Got it" but still applying, so the page still lists them. Columns: those of alert_history."""
    active = history[history["active"].astype(bool)] if len(history) else history
    return active[~active["fingerprint"].isin(shown["fingerprint"])] if len(active) else active
