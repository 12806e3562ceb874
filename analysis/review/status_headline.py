"""The Progress headline that never contradicts the alerts on the same page (issue 9, item 5).

Why: "Day 23: pain down 48% — on track" beside a red box saying "go to A&E now"
tells a person in pain two opposite things, and people read the good news. So:

* while an urgent alert is active, the status is replaced: what to do now comes
  first, how the pain compares with the usual course waits until a doctor has
  seen them;
* while a warning is active, a good status (ahead of the usual course, on track,
  recovered) says in the same sentence that a warning needs attention first;
* a slower-than-usual status, or too few entries, does not contradict a warning
  and is left as it is.

Alerts put aside with "Got it" are still active (they still apply), so they
still qualify the headline.
"""
from __future__ import annotations

from analysis.alerts.red_flags import URGENT, WARNING
from analysis.review.report_text import ALERT_TITLES, STATUS_LABELS, headline

GOOD_STATUSES = ("ahead", "on_track")  # the statuses a warning would contradict


def active_alerts(record: dict, severity: str) -> list[dict]:
    """The record's alerts of `severity` that are active, in the summary's order."""
    return [a for a in record.get("alerts") or [] if a.get("active") and a.get("severity") == severity]


def _titles(alerts: list[dict]) -> str:
    return "; ".join(dict.fromkeys(ALERT_TITLES.get(a["code"], a["code"]) for a in alerts))


def status_headline(record: dict) -> str:
    """The headline for one summary record (analysis.review.summary.to_records), agreeing with its active alerts.

    Returns one or two sentences: the urgent replacement, the status qualified by
    the active warnings, or analysis.review.report_text.headline unchanged.
    """
    day = record.get("days_since_onset")
    urgent = active_alerts(record, URGENT)
    if urgent:
        return (f"Day {day}: a warning sign needs care now ({_titles(urgent)}): follow what to do now first. "
                "How your pain compares with the usual course can wait until a doctor has seen you.")
    text = headline(record)
    warnings = active_alerts(record, WARNING)
    recovered = record.get("recovered_date") and not record.get("recurrence_date")
    if warnings and (record.get("status") in GOOD_STATUSES or recovered):
        return f"A warning needs your attention first ({_titles(warnings)}): see it below. {text}"
    return text


def status_label(record: dict) -> str:
    """The short status beside the headline (Progress' "Compared with most people"), agreeing with it:
    "Urgent sign first" while an urgent alert is active, "On track (see the warning)" beside a warning."""
    if active_alerts(record, URGENT):
        return "Urgent sign first"
    label = STATUS_LABELS.get(record.get("status"), str(record.get("status")))
    if active_alerts(record, WARNING) and record.get("status") in GOOD_STATUSES:
        return f"{label} (see the warning)"
    return label
