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
from analysis.model.vocabulary import DAILY_DOSE_EXCEEDED
from analysis.review.progress_text import judged_day
from analysis.review.record import AlertRecord, SummaryRecord
from analysis.review.report_text import ALERT_TITLES, COURSE_WARNINGS, GOOD_STATUSES, headline, qualified_label


def _titles(alerts: tuple[AlertRecord, ...]) -> str:
    return "; ".join(dict.fromkeys(a.title for a in alerts))


def status_headline(record: SummaryRecord, alerts_of_last_entry: bool = False,
                    urgent_elsewhere: tuple[str, ...] = (), today: object = None) -> str:
    """The headline for one summary record, agreeing with its active alerts.

    `alerts_of_last_entry`: the alerts were judged on the last entry of a diary that stopped (a GP report,
    analysis.review.progress.progress_view): an urgent sign is said as that day's, not as today's.
    `urgent_elsewhere`: the titles of the urgent alerts active in the person's other episodes (urgent_now): they
    apply to this person now as this episode's own would (review 8). `today`: the day it is read (a date of
    another year is said with its year; None: the real today).
    Returns one or two sentences: the urgent replacement, the status qualified by
    the active warnings, or analysis.review.report_text.headline unchanged.
    """
    urgent = record.active_alerts(URGENT)
    judged = judged_day(record)
    if urgent and alerts_of_last_entry and judged is not None:
        return (f"Day {judged} (last entry): an urgent warning sign was still open ({_titles(urgent)}): see the "
                "alerts first. How the pain compared with the usual course comes after.")
    if urgent or urgent_elsewhere:
        named = list(dict.fromkeys([a.title for a in urgent] + list(urgent_elsewhere)))
        # an overdose is no warning sign (review 36's explorer: "a warning sign needs care now (Daily maximum dose
        # exceeded)"): said as what it is when one is among them
        what = "an urgent alert" if ALERT_TITLES[DAILY_DOSE_EXCEEDED] in named else "a warning sign"
        return (f"Day {record.days_since_onset}: {what} needs care now ({'; '.join(named)}): follow what to "
                "do now first. How your pain compares with the usual course can wait until a doctor has seen you.")
    fields = record.to_json()  # report_text reads the JSON object (the CLI's table reads it too)
    if judged is not None:  # the diary stopped: the change is that of the last entry's day, not today's (review 5)
        fields["days_since_onset"] = f"{judged} (last entry)"
    warnings = record.active_alerts(WARNING)
    text = headline(fields, today, course_warning=_course_warned(warnings))
    recovered = record.recovered_date is not None and record.recurrence_date is None
    if warnings and (record.status in GOOD_STATUSES or recovered):
        return f"A warning needs your attention first ({_titles(warnings)}): see it below. {text}"
    return text


def status_label(record: SummaryRecord, urgent_elsewhere: tuple[str, ...] = ()) -> str:
    """The short status beside the headline (Progress' "Compared with most people"), agreeing with it:
    "Urgent sign first" while an urgent alert is active here, "Urgent sign first (other episode)" while one is
    active only in the person's other episodes (`urgent_elsewhere`), "On track (see the warning)" beside a
    warning."""
    warnings = record.active_alerts(WARNING)
    return qualified_label(record.status, bool(record.active_alerts(URGENT)), bool(warnings),
                           _course_warned(warnings), bool(urgent_elsewhere))


def _course_warned(warnings: tuple[AlertRecord, ...]) -> bool:
    """Whether an active warning judges the pain's course itself (report_text.COURSE_WARNINGS)."""
    return any(a.code in COURSE_WARNINGS for a in warnings)


def urgent_titles_elsewhere(record: SummaryRecord, records: list[SummaryRecord]) -> tuple[str, ...]:
    """The titles of the urgent alerts active in the person's other episodes among `records` (their earlier episode's
    open bladder sign): Progress and the Clinic say "Urgent sign first" beside this episode too, and so must the
    triage list (review 34's browser walk)."""
    return tuple(a.title for r in records if r.patient == record.patient and r.episode_id != record.episode_id
                 for a in r.active_alerts(URGENT))
