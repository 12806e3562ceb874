"""The physiotherapist's triage list: who needs attention first, and the cohort picture.

Priority, most urgent first (each patient's reason says which applies):
0. an urgent alert is active (seek care now);
1. a warning alert is active (contact GP or physiotherapist);
2. pain is above the expected band (behind the usual course);
3. the diary has gone quiet (no entry for STALE_DAYS days) or has too few entries to judge;
4. on track; 5. ahead of the usual course.
Ties: more active warnings first, then higher current pain.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import columns as c
from analysis import recovery
from analysis.curve import DEFAULT_CURVE, expected_fraction
from analysis.red_flags import URGENT, WARNING
from analysis.report_text import ALERT_TITLES, STATUS_LABELS, TRAJECTORY_WORDS

STALE_DAYS = 7  # a week without entries: the diary has gone quiet (design choice; weekly review rhythm)
TRIAGE_COLUMNS = ["priority", "reason", "patient", "episode_id", "days_since_onset", "current_pain",
                  "change_points", "status", "trajectory", "active_alerts", "urgent_alerts", "warning_alerts",
                  "last_entry_date", "days_without_entries"]
REASONS = {0: "Urgent warning sign", 1: "Warning to follow up", 2: "Slower than the usual course",
           3: "Diary gone quiet or too few entries", 4: "On track", 5: "Better than the usual course"}


def _active(alerts: list[dict], severity: str | None = None) -> list[dict]:
    return [a for a in alerts if a.get("active") and (severity is None or a.get("severity") == severity)]


def triage(summary: pd.DataFrame, today: object) -> pd.DataFrame:
    """Rank patient episodes by who needs attention first.

    `summary` is analysis.summary.summarise output (as_of = each diary's last
    day); `today` is the clinic's date, for days without entries.
    Columns: TRIAGE_COLUMNS (priority 0-5, reason in words, active_alerts as
    plain titles with urgent ones first, urgent_alerts/warning_alerts counts).
    """
    if summary.empty:
        return pd.DataFrame(columns=TRIAGE_COLUMNS)
    table = summary.copy()
    alerts = table["alerts"]
    urgent = alerts.map(lambda a: len(_active(a, URGENT)))
    warning = alerts.map(lambda a: len(_active(a, WARNING)))
    quiet = (pd.Timestamp(today) - pd.to_datetime(table["last_entry_date"])).dt.days
    priority = np.select(
        [urgent > 0, warning > 0, table["status"] == "behind",
         (quiet >= STALE_DAYS) | (table["status"] == "insufficient_data"), table["status"] == "on_track"],
        [0, 1, 2, 3, 4], default=5)
    out = pd.DataFrame({
        "priority": priority, "reason": pd.Series(priority, index=table.index).map(REASONS),
        "patient": table[c.PATIENT], "episode_id": table[c.EPISODE_ID],
        "days_since_onset": table["days_since_onset"], "current_pain": table["current_pain"].astype(float),
        "change_points": -table["improvement_points"].astype(float),
        "status": table["status"].map(STATUS_LABELS), "trajectory": table["trajectory"].map(TRAJECTORY_WORDS),
        "active_alerts": alerts.map(_alert_titles), "urgent_alerts": urgent, "warning_alerts": warning,
        "last_entry_date": pd.to_datetime(table["last_entry_date"]), "days_without_entries": quiet,
    })
    out = out.sort_values(["priority", "urgent_alerts", "warning_alerts", "current_pain"],
                          ascending=[True, False, False, False], na_position="last", kind="stable")
    return out[TRIAGE_COLUMNS].reset_index(drop=True)


def _alert_titles(alerts: list[dict]) -> str:
    """Active alerts as plain titles, urgent first, each once."""
    ordered = _active(alerts, URGENT) + _active(alerts, WARNING) + [
        a for a in _active(alerts) if a.get("severity") not in (URGENT, WARNING)]
    titles = dict.fromkeys(ALERT_TITLES.get(a["code"], a["code"]) for a in ordered)
    return "; ".join(titles)


def cohort_course(entries: pd.DataFrame, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """Every patient's 7-day mean pain as a fraction of their baseline, by day since onset.

    Columns: patient, episode_id, day, fraction.
    """
    course = recovery.daily_course(entries, curve)
    names = entries.drop_duplicates(c.EPISODE_ID).set_index(c.EPISODE_ID)[c.PATIENT]
    baseline = course["baseline_pain"].where(course["baseline_pain"] > 0)
    return pd.DataFrame({c.PATIENT: course[c.EPISODE_ID].map(names), c.EPISODE_ID: course[c.EPISODE_ID],
                         c.DAY: course[c.DAY], "fraction": course["pain_mean_7d"] / baseline}).dropna()


def expected_fraction_course(days: int, curve: str = DEFAULT_CURVE) -> pd.DataFrame:
    """The published curve as fraction of baseline for day 0..days. Columns: day, fraction."""
    day = np.arange(int(days) + 1)
    return pd.DataFrame({c.DAY: day, "fraction": expected_fraction(day, curve)})
