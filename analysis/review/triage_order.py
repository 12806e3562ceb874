"""The triage list's order: priority first, then, within a priority, whom a clinician should look at first.

Split from analysis.review.triage (the rows) so the order is read in one place with its reasons.
"""
from __future__ import annotations

import pandas as pd

from analysis.alerts.rules import SEE_DOCTOR_HOLD_CODES

TRIAGE_COLUMNS = ["priority", "reason", "patient", "episode_id", "days_since_onset", "current_pain",
                  "change_points", "status", "trajectory", "active_alerts", "urgent_alerts", "warning_alerts",
                  "last_entry_date", "days_without_entries", "alert_codes", "urgent_codes", "screening",
                  "status_beside_alerts"]


def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """The triage order (triage's sort) of rows put together: priority; among urgent rows the diary with the most
    recent entry first; then more urgent alerts, a sign that needs a doctor (SEE_DOCTOR_HOLD_CODES: fever, weight
    loss, new numbness or weakness), more warnings, a screening flag, then higher current pain.

    Why recent first among the urgent: an urgent sign is held until seen however old (review 15: a diary silent for
    half a year, its emergency never marked seen, ranked above saddle numbness logged this morning). Why a sign
    that needs a doctor before the count of warnings: a fever ranked below two warnings about the pain's course,
    and below one with higher pain (review 35's tester); GUIDANCE §4 asks for a doctor about it, the course
    warnings for a physiotherapist."""
    flagged = table["screening"].map(bool)
    doctor = table["alert_codes"].map(lambda codes: any(code in SEE_DOCTOR_HOLD_CODES for code in codes or ()))
    quiet = pd.to_numeric(table["days_without_entries"], errors="coerce")
    recency = quiet.where(table["priority"] == 1, 0)  # only the urgent rows are ordered by it
    order = table.assign(_flagged=flagged, _doctor=doctor, _quiet=recency).sort_values(
        ["priority", "_quiet", "urgent_alerts", "_doctor", "warning_alerts", "_flagged", "current_pain"],
        ascending=[True, True, False, False, False, False, False], na_position="last", kind="stable")
    return order[TRIAGE_COLUMNS].reset_index(drop=True)
