"""What the GP report says, section by section: key figures, medicines, alerts, screening and notes as text rows.

analysis.output.report lays these out on the page with fpdf2; this module decides the words, so the
wording can be tested without a PDF. Everything reads the typed summary (analysis.review.record) and the
ProgressView's frames. One date style ('3 Mar 2026') and counted words ('1 day', '2 days') throughout.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.course.dose_limit_words import limit_text, mg_text
from analysis.model import columns as c
from analysis.model.screening import QUESTIONS, all_answers
from analysis.review.alert_runs import merge_runs
from analysis.review.progress_text import pain_label, usual_label
from analysis.review.projection_words import is_past, note_read_on
from analysis.review.record import SummaryRecord
from analysis.review.report_text import ALERT_TITLES, TRAJECTORY_WORDS, in_points
from analysis.review.status_headline import status_label
from analysis.review.triage import PATIENT_TOLD, alert_text, quiet_by

MAX_ALERT_ROWS = 12  # chosen urgent first, then active, then newest
MAX_NOTES = 10
NOTE_CHARS = 180
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
INK, WARNING_INK = (20, 20, 20), (176, 0, 32)


def counted(n: int, word: str, plural: str | None = None) -> str:
    """'1 day', '2 days': a number with its noun in the right number."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def dates_in_text(text: str) -> str:
    """ISO dates inside a label ('Back pain from 2026-03-01') in the report's one date style."""
    return _ISO.sub(lambda m: day_text(m.group(0)), text)


def day_text(value: object) -> str:
    """'1 Aug 2026' for a date, timestamp or ISO string; '-' for nothing."""
    when = None if value is None or (not isinstance(value, str) and pd.isna(value)) else pd.Timestamp(value)
    return "-" if when is None else f"{when.day} {when:%b %Y}"


def _number(value: object, digits: int = 1, unit: str = "") -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):,.{digits}f}{unit}"  # type: ignore


def _change(pct: float | None, points: float | None = None, start: float | None = None) -> str:
    """The change since baseline in percent; from a start near 0 (report_text.in_points), in points."""
    if in_points(start, pct, points):
        return "no change" if abs(points) < 0.05 else f"{'down' if points > 0 else 'up'} {abs(points):.1f} points"
    if pct is None or abs(pct) < 0.5:
        return "-" if pct is None else "no change"
    return f"{'down' if pct > 0 else 'up'} {abs(pct):.0f}%"


def _outcome(s: SummaryRecord, generated_on: object = None) -> tuple[str, str]:
    if s.recurrence_date:  # pain came back after a recovery: not "recovered" any more
        return "Pain came back", f"on {day_text(s.recurrence_date)}" + (
            f" (recovered {day_text(s.recovered_date)})" if s.recovered_date else "")
    if s.recovered_date:
        return "Recovered", f"since {day_text(s.recovered_date)}"
    if not s.projected_recovery_date:
        return "Projected recovery", "not projected"
    if _projected_before(s, generated_on):
        return "Projected recovery", f"{day_text(s.projected_recovery_date)}, from the last entry"
    return "Projected recovery", day_text(s.projected_recovery_date) + _spread(s)


def _spread(s: SummaryRecord) -> str:
    """" (12 Apr 2026 to 3 May 2026)": the projection's likely range; " (12 Apr 2026 to a year after onset or
    later)" when its slow end is beyond a year (the note says so too); nothing when it has no width."""
    if not s.projected_earliest or s.projected_earliest == s.projected_latest:
        return ""
    until = day_text(s.projected_latest) if s.projected_latest else "a year after onset or later"
    return f" ({day_text(s.projected_earliest)} to {until})"


def _projected_before(s: SummaryRecord, generated_on: object) -> bool:
    """Is the projected recovery day before the report's day (a diary that stopped: the projection is of its
    last entry, and whether pain did fall so far is not in the diary)?"""
    return is_past(s.projected_recovery_date, generated_on)


def projection_sentence(s: SummaryRecord, generated_on: object) -> str | None:
    """The projection's note as the report prints it: the analysis's own sentence, or, when the projected day is
    already past on the report's day, what the diary can say (review 5: a diary that stopped 25 days before the
    report read "At the current rate pain reaches 1 or less around 22 Nov 2026" in a report of 2 Dec). The wording
    is Progress's and the summary JSON's too (analysis.review.projection_words); its ISO dates are put in the
    report's date style where the note is printed (dates_in_text)."""
    return note_read_on(s, generated_on)


def key_figures(summary: SummaryRecord, generated_on: object = None,
                urgent_elsewhere: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The key-figures table as (label, value) pairs, in reading order."""
    usual = f"{_number(summary.expected_pain)} (range {_number(summary.expected_low)}-{_number(summary.expected_high)})"
    share = summary.share_of_normal_activity
    active = _number(summary.activity_minutes_7d, 0, " min/day") + (
        f" ({share:.0%} of normal)" if share is not None else "")
    days = "-" if summary.days_since_onset is None else str(summary.days_since_onset)
    return [
        ("Days since onset", days),
        ("Baseline pain", _number(summary.baseline_pain, 1, " / 10")
         + (" (estimated: the diary started later)" if summary.baseline_estimated else "")),
        (pain_label(summary, "mean"), _number(summary.current_pain, 1, " / 10")),
        (usual_label(summary, "Usual pain"), usual),
        # measured from the first logged days when the baseline is estimated, and labelled so: "Change since
        # baseline: down 48%" beside an estimated baseline of 9.3 read as 48% of 9.3 (review 29)
        ("Change since the first logged days" if summary.baseline_estimated else "Change since baseline",
         _change(summary.improvement_pct, summary.improvement_points,
                 summary.first_logged_pain if summary.baseline_estimated else summary.baseline_pain)
         + (f" (from {summary.first_logged_pain:.1f})" if summary.baseline_estimated
            and summary.improvement_pct is not None and summary.first_logged_pain is not None else "")),
        # the Progress page's label (status_label), so the report never says "On track" beside an urgent sign
        # and an urgent sign of the person's other episode counts, as on that page (`urgent_elsewhere`: its titles)
        ("Against usual course", status_label(summary, urgent_elsewhere)),
        ("Course so far", TRAJECTORY_WORDS.get(str(summary.trajectory), str(summary.trajectory))),
        _outcome(summary, generated_on),
        ("Activity (7-day mean)", active),
        ("Activity trend", str(summary.activity_trend or "-")),
    ]


def medicine_rows(medicines: pd.DataFrame) -> list[tuple[list[str], bool]]:
    """Medicine table rows (medicine, class, days used, longest run, highest daily mg, daily max, used)
    and whether the highest daily total was above the daily maximum."""
    return [([str(r.medicine), str(r.drug_class), str(r.days_used), counted(int(r.longest_run_days), "day"),
              mg_text(r.max_daily_mg, " mg"), limit_text(r.limit_mg, r.prescribed_limit_mg, " mg", "prescribed"),
              f"{day_text(r.first_date)} to {day_text(r.last_date)}"],
             bool(pd.notna(r.limit_mg) and r.max_daily_mg > r.limit_mg))
            for r in medicines.sort_values("first_date").itertuples(index=False)]


def alert_rows(history: pd.DataFrame, limit: int = MAX_ALERT_ROWS) -> tuple[list[tuple[list[str], str]], int]:
    """Alert rows (title, severity, from, to, active) with their severity, and how many were left out.

    At most `limit` rows, chosen urgent first, then active, then newest; shown active first, then by
    severity, newest first."""
    ranked = history.assign(_rank=history["severity"].map({"urgent": 0, "warning": 1, "info": 2}).fillna(3),
                            _urgent=history["severity"] == "urgent")
    kept = ranked.sort_values(["_urgent", "active", c.DATE], ascending=False).head(limit)
    shown = kept.sort_values(["active", "_rank", c.DATE], ascending=[False, True, False])
    rows = [([ALERT_TITLES.get(row.code, str(row.code)), str(row.severity).upper(), day_text(row.date),
              day_text(row.last_date), "yes" if row.active else "no"], str(row.severity))
            for row in shown.itertuples(index=False)]
    return rows, len(history) - len(kept)


def _still_apply(count: int, now: str) -> str:
    """'none applies now', '1 applies on the last entry (3 Nov 2026)', '2 apply now'."""
    return f"{'none' if not count else count} {'apply' if count > 1 else 'applies'} {now}"


def alert_lines(history: pd.DataFrame, last_entry: object = None, as_of: object = None,
                elsewhere: pd.DataFrame | None = None) -> list[tuple[str, str, tuple[int, int, int]]]:
    """Page 1's alert lines as (text, font style, colour): every urgent alert, then the ones active now; with
    `last_entry` (a diary that stopped: the alerts were judged on that day), the ones active on the last entry;
    with `as_of` (a report --as-of: the alerts were judged on that day, review 6), the ones active on it.
    `elsewhere`: the urgent alerts active today in the person's other episodes (urgent_now.
    urgent_of_other_episodes), said first with their episode: the plan is paused and the Clinic lists the person
    urgent for them (review 8: the report said "No alerts apply now")."""
    others = [] if elsewhere is None or elsewhere.empty else [
        (f"URGENT, in the episode from {day_text(r.onset_date)} (still applies): {r.detail}. {PATIENT_TOLD} "
         f"{r.message}", "B",
         WARNING_INK) for r in elsewhere.itertuples(index=False)]
    urgent = history[history["severity"] == "urgent"].sort_values(c.DATE)
    if last_entry is not None:
        day = day_text(last_entry)
        applies, now = f" (applied on the last entry, {day})", f"on the last entry ({day})"
    elif as_of is not None:
        applies, now = f" (applied on {day_text(as_of)})", f"on {day_text(as_of)}"
    else:
        applies, now = " (still applies)", "now"
    # an urgent sign no longer open (a clinician saw the person about it) is said in plain ink, not as "URGENT" at the
    # head of the report above "No alerts apply now" (review 34's browser walk)
    lines = [(f"URGENT: {ALERT_TITLES.get(r.code, r.code)} on {day_text(r.date)}{applies}. See the alert history "
              "on page 2.", "B", WARNING_INK) if r.active else
             (f"Urgent sign, no longer open: {ALERT_TITLES.get(r.code, r.code)} on {day_text(r.date)}. See the alert "
              "history on page 2.", "", INK) for r in urgent.itertuples(index=False)]
    if len(lines) > 2:  # keep page 1 for the charts; how many still apply said, as each line says it (review 34:
        # "4 urgent warning signs" read as four open when three had been seen about)
        still = int(urgent["active"].astype(bool).sum())
        lines = [(f"{'URGENT: ' if still else ''}{len(urgent)} urgent warning signs, from "
                  f"{day_text(urgent[c.DATE].min())} to {day_text(urgent[c.DATE].max())}; {_still_apply(still, now)}. "
                  "See the alert history on page 2.", "B" if still else "", WARNING_INK if still else INK)]
    # one line per alert, each report of it named, as the pages say it (alert_runs: a sign reported on two days
    # was two lines here and one on Progress and in the Clinic, review 32)
    current = merge_runs(history[history["active"].astype(bool)]) if len(history) else history
    active = [alert_text(r.code, getattr(r, "detail", None)) for r in current.itertuples(index=False)]
    if active:  # one line each: run together with semicolons, five alerts read as one paragraph to a GP
        lines.append((f"Alerts {now}:", "", INK))
        lines += [(f"- {text}.", "", INK) for text in dict.fromkeys(active)]
    elif not others:
        lines.append((f"No alerts {'apply now' if now == 'now' else 'applied ' + now}.", "", INK))
    else:
        lines.append((f"No alerts of this episode {'apply now' if now == 'now' else 'applied ' + now}.", "", INK))
    return others + lines


def seen_after_lines(history: pd.DataFrame, seen: pd.DataFrame | None, last_entry: object,
                     generated_on: object) -> list[str]:
    """Of a diary that stopped (its alerts judged on `last_entry`): each "I have been seen about this" mark dated
    after the last entry, up to the report's day, of an alert open on the last entry, as a line under the alert
    table: "Seen after the last entry: Emergency warning sign: seen on 27 Nov 2026 by a clinician."

    Why: the table judges every row on the last entry (the day its figures are of), so a clinician's assessment
    recorded after it closed nothing there and the report said nothing of it, though the diary holds it (review 6).
    """
    if seen is None or not len(seen) or not len(history):
        return []
    open_codes = set(history.loc[history["active"].astype(bool), "code"].astype(str))
    after, until = pd.Timestamp(last_entry).normalize(), pd.Timestamp(generated_on).normalize()
    when = pd.to_datetime(seen[c.SEEN_DATE]).dt.normalize()
    marks = seen[seen[c.ALERT_CODE].astype(str).isin(open_codes) & (when > after) & (when <= until)]
    return [f"Seen after the last entry: {ALERT_TITLES.get(str(code), str(code))}: seen on {day_text(day)} "
            f"{'by a clinician' if by == 'clinician' else 'by the patient, not a clinician'}."
            for code, day, by in zip(marks[c.ALERT_CODE], pd.to_datetime(marks[c.SEEN_DATE]), marks[c.SEEN_BY],
                                     strict=True)]


def stopped(last_entry: object, generated_on: object) -> bool:
    """Whether the diary has gone quiet by the report's day (analysis.review.triage.quiet_by: a week or more
    without entries, the Clinic's own cut): then the report is of the last logged week, its alerts judged on the
    last entry (analysis.output.report.episode_report), not of today. One cut for both (review 13: on day 7 the
    Clinic listed the diary as gone quiet while the report made from it took its figures as current)."""
    return quiet_by(last_entry, generated_on)


def stale_line(last_entry: object, generated_on: object) -> str | None:
    """A line under the report's header when the diary has gone quiet by the report's day (`stopped`); None
    otherwise.

    Why: the figures and the headline are those of the last logged week; a GP reading a report of a diary that
    stopped weeks ago must not take them for the patient's state today (the labels say "last entry" as well)."""
    if not stopped(last_entry, generated_on):
        return None
    last, made = pd.Timestamp(last_entry).normalize(), pd.Timestamp(generated_on).normalize()
    gap = (made - last).days
    return (f"No entries since {day_text(last)}, {counted(gap, 'day')} before this report: the figures below are "
            "those of the last logged week, not of today.")


ANSWER_WORDS = {True: "Yes", False: "No", None: "Not answered"}


def screening_line(summary: SummaryRecord) -> tuple[str, str, tuple[int, int, int]]:
    """Page 1's one line on the set-up screening (NICE NG59) as (text, font style, colour)."""
    screening = summary.screening
    answers = all_answers(dict(screening.answers))
    if screening.flags:
        return ("Set-up screening (NICE NG59): answered yes to " + "; ".join(screening.flags)
                + ". The patient was advised to see their GP before following the self-care plan.", "B", WARNING_INK)
    if all(answer is None for answer in answers.values()):
        return "Set-up screening (NICE NG59): not answered.", "", INK
    unanswered = screening.not_answered
    return ("Set-up screening (NICE NG59): no to every question answered"
            + (f" ({counted(unanswered, 'question')} not answered)." if unanswered else ".")), "", INK


def screening_rows(summary: SummaryRecord) -> list[tuple[str, str]]:
    """Every set-up question in plain words with its answer: ('history of cancer', 'Yes'), in question order."""
    answers = all_answers(dict(summary.screening.answers))
    return [(words[0].upper() + words[1:], ANSWER_WORDS[answers[key]]) for key, (_, words) in QUESTIONS.items()]


def recent_notes(entries: pd.DataFrame, limit: int = MAX_NOTES) -> tuple[list[tuple[str, str]], int]:
    """The last `limit` non-empty notes as (date, text) in date order, and how many notes there are."""
    notes = entries[[c.DATE, c.NOTES]].dropna()
    notes = notes[notes[c.NOTES].astype(str).str.strip() != ""].sort_values(c.DATE)
    texts = [" ".join(str(t).split()) for t in notes.tail(limit)[c.NOTES]]
    clipped = [t if len(t) <= NOTE_CHARS else t[:NOTE_CHARS - 1].rstrip() + "…" for t in texts]
    return list(zip(map(day_text, notes.tail(limit)[c.DATE]), clipped, strict=True)), len(notes)
