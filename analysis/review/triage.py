"""The physiotherapist's triage list: who needs attention first, and the cohort picture.

Priority, most urgent first, 1-based (each patient's reason says which applies):
1. an urgent alert is active (seek care now);
2. a warning alert is active (contact GP or physiotherapist), or a set-up screening answer was "yes"
   (NICE NG59: see the GP before following the plan; reason SCREENING_REASON when no warning is active);
3. pain is above the expected band (behind the usual course);
4. the diary has gone quiet (no entry for STALE_DAYS days) or has too few entries to judge;
5. on track; 6. ahead of the usual course.
Ties: more active warnings first, then a screening flag, then higher current pain.

`triage_list` is the one function behind both the Clinic page and
`python -m analysis triage`, so the two always show the same list.
"""
from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.alerts.judging import last_day_kept
from analysis.alerts.red_flags import INFO, URGENT, WARNING
from analysis.alerts.seen_after import marks_in_force
from analysis.course import recovery
from analysis.course.curve import DEFAULT_CURVE, expected_fraction
from analysis.model import columns as c
from analysis.model.dates import day_since_onset, plain_date
from analysis.model.errors import escaped
from analysis.model.names import patient_name
from analysis.model.screening import answers_by_episode, flags
from analysis.review.alert_runs import merge_runs, together
from analysis.review.record import SummaryRecord, summary_records
from analysis.review.report_text import ALERT_TITLES, STATUS_LABELS, TRAJECTORY_WORDS
from analysis.review.status_headline import status_label, urgent_titles_elsewhere
from analysis.review.summary import summarise
from analysis.review.triage_order import TRIAGE_COLUMNS, ranked

STALE_DAYS = 7  # a week without entries: the diary has gone quiet (design choice; weekly review rhythm)


def gone_quiet(days_without_entries: object) -> object:
    """Whether a diary with this many days since its last entry has gone quiet (STALE_DAYS or more): the one cut
    for the Clinic's list and the GP report's "no entries since" (a number, or an array of them)."""
    return days_without_entries >= STALE_DAYS  # type: ignore[operator]


def quiet_by(last_entry: object, day: object) -> bool:
    """Whether a diary whose last entry is `last_entry` has gone quiet by `day` (gone_quiet of the whole days
    between them): the GP report's "stopped" diary and the view it is made from judge it the same way."""
    return bool(gone_quiet((pd.Timestamp(day).normalize() - pd.Timestamp(last_entry).normalize()).days))
REASONS = {1: "Urgent warning sign", 2: "Warning to follow up", 3: "Slower than the usual course",
           4: "Diary gone quiet or too few entries", 5: "On track", 6: "Better than the usual course"}
URGENT_PRIORITY = 1
SCREENING_PRIORITY = 2  # issue 9 item 11: below urgent, above patients with only information alerts
SCREENING_REASON = "Set-up answers: see the GP first"
# Every reason the list can give, in priority order (the Clinic's filter).
REASON_CHOICES = [REASONS[1], REASONS[2], SCREENING_REASON, *(REASONS[p] for p in range(3, 7))]
# The public JSON keys of `python -m analysis triage --json`, in order. Extend, never rename.
TRIAGE_KEYS = ["patient", "episode_id", "priority", "reason", "status", "days_since_onset", "current_pain",
               "active_alerts", "last_entry_date", "screening", "status_beside_alerts"]


def triage(summary: pd.DataFrame, today: object) -> pd.DataFrame:
    """Rank patient episodes by who needs attention first.

    `summary` is analysis.review.summary.summarise output (read as SummaryRecords); `today` is the clinic's date.
    Columns: TRIAGE_COLUMNS (priority 1-6, reason in words, active_alerts as
    plain titles with what was reported and when, urgent ones first, urgent_alerts/warning_alerts
    counts, alert_codes the active alert codes in the same order, urgent_codes the urgent ones,
    screening the plain words of each "yes" set-up answer, empty when none).
    """
    if summary.empty:
        return pd.DataFrame(columns=TRIAGE_COLUMNS)
    records = summary_records(summary)
    urgent = pd.Series([len(r.active_alerts(URGENT)) for r in records])
    warning = pd.Series([len(r.active_alerts(WARNING)) for r in records])
    last_entry = pd.to_datetime(pd.Series([r.last_entry_date for r in records]))
    quiet = (pd.Timestamp(today) - last_entry).dt.days
    status = pd.Series([r.status for r in records], dtype=object)
    screening = pd.Series([list(r.screening.flags) for r in records], dtype=object)
    flagged = screening.map(bool)
    # a person who recovered (and whose pain has not come back) may stop writing: not "gone quiet", which ranked
    # them above someone stuck at 4 of 10 (review 36's second explorer)
    recovered = pd.Series([r.recovered_date is not None and r.recurrence_date is None for r in records])
    priority = np.select(
        [urgent > 0, (warning > 0) | flagged, status == "behind",
         (gone_quiet(quiet) & ~recovered) | (status == "insufficient_data"), status == "on_track"],
        [1, 2, 3, 4, 5], default=6)
    reason = pd.Series(priority).map(REASONS).mask(
        (pd.Series(priority) == SCREENING_PRIORITY) & (warning == 0), SCREENING_REASON)
    out = pd.DataFrame({
        "priority": priority, "reason": reason,
        "patient": [r.patient for r in records], "episode_id": [r.episode_id for r in records],
        "days_since_onset": [r.days_since_onset for r in records],
        "current_pain": pd.Series([r.current_pain for r in records], dtype=float),
        "change_points": -pd.Series([r.improvement_points for r in records], dtype=float),
        # how the pain compares with the usual course; as Progress says it beside the alerts (review 34)
        "status": status.map(STATUS_LABELS), "status_beside_alerts": [status_label(r, urgent_titles_elsewhere(
            r, records)) for r in records],
        "trajectory": [TRAJECTORY_WORDS.get(str(r.trajectory)) for r in records],
        "active_alerts": [_alert_titles(r) for r in records], "urgent_alerts": urgent, "warning_alerts": warning,
        "last_entry_date": last_entry, "days_without_entries": quiet,
        "alert_codes": [list(dict.fromkeys(a.code for a in r.active_by_urgency())) for r in records],
        "urgent_codes": [list(dict.fromkeys(a.code for a in r.active_alerts(URGENT))) for r in records],
        "screening": screening,
    })
    return ranked(out)


def alert_text(code: str, detail: str | None) -> str:
    """An alert in words with what was reported and when: 'Emergency warning sign: Loss of bladder or bowel
    control reported on 12 November 2026'; a detail that already starts with the title is given alone
    ('Pain flare first noted on 3 November 2026, last noted 5 November 2026')."""
    title = ALERT_TITLES.get(code, code)
    if not detail:
        return title
    return detail if detail.startswith(title) else f"{title}: {detail}"


def title_and_rest(code: str, detail: str | None) -> tuple[str, str]:
    """An alert's title and what follows it on a card: ': <detail>', or the rest of a detail that already starts
    with the title (' first noted on ...'), so Progress and Today never say "Pain still strong after a week: Pain
    still strong after a week first noted on ..." (review 20; alert_text's rule for the Clinic)."""
    title = ALERT_TITLES.get(code, code)
    if not detail:
        return title, ""
    return (title, detail[len(title):]) if detail.startswith(title) else (title, f": {detail}")


def _in_brackets(code: str, detail: str | None) -> str:
    """'Title (detail)'; a detail that already starts with the title is given alone, so the Clinic's line
    never reads 'Pain flare (Pain flare first noted on ...)'."""
    title = ALERT_TITLES.get(code, code)
    if not detail:
        return title
    return detail if detail.startswith(title) else f"{title} ({detail})"


def _alert_titles(record: SummaryRecord) -> str:
    """Active alerts in words with what was reported and when (alert_text), urgent first, each alert once with
    every report of it (alert_runs.together: a sign reported on three days was three items)."""
    runs: dict[str, list] = {}
    for alert in record.active_by_urgency():
        runs.setdefault(alert.code, []).append(alert)
    return "; ".join(alert_text(code, together([a.detail for a in sorted(found, key=lambda a: str(a.date))]))
                     for code, found in runs.items())


def filter_triage(table: pd.DataFrame, search: str = "", reasons: list[str] | None = None) -> pd.DataFrame:
    """The rows of a triage list whose patient name contains `search` (any case, as typed: no pattern; in the one
    written form names are stored in, analysis.model.names, so "Zoë" pasted from a Mac finds her) and, when
    `reasons` are given, whose reason is one of them (REASON_CHOICES); the list's order is kept."""
    search = patient_name(search) if search else search
    shown = table[table["patient"].astype(str).str.contains(search, case=False, regex=False)] if search else table
    return shown[shown["reason"].isin(reasons)] if reasons else shown


PATIENT_TOLD = "The patient is told:"  # before an alert's advice where a clinician reads it (Clinic, GP report)


def patient_alert_text(row: pd.Series, alerts: pd.DataFrame,
                       escape: Callable[[str], str] = str) -> tuple[list[str], str | None]:
    """The Clinic's alert lines for one patient: each urgent alert in full ("URGENT: title. what was reported
    and when. what to do"), and the other active alerts in one line, "Warnings: ..." then "For information: ..."
    (None when there are none).

    `row`: the patient's triage row (alert_codes, urgent_codes); `alerts`: their alert history
    (analysis.alerts.engine.alert_history) for what was reported and the message; `escape` is applied to
    each message (the page passes its markdown escape).
    """
    active = merge_runs(alerts[alerts["active"].astype(bool)]) if len(alerts) else alerts  # each report named once
    messages = dict(zip(active["code"], active["message"], strict=False)) if len(active) else {}
    details = dict(zip(active["code"], active["detail"], strict=False)) if len(active) else {}
    urgent_codes = list(row["urgent_codes"])
    urgent = []
    for code in urgent_codes:
        reported = f" {details[code]}." if code in details else ""
        # the advice is the patient's ("You took more than ..."): said as what they were told, in a page for the
        # physiotherapist (review 34's browser walk)
        told = f" {PATIENT_TOLD} {escape(messages[code])}" if messages.get(code) else ""
        urgent.append(f"URGENT: {ALERT_TITLES.get(code, code)}.{reported}{told}")
    severity = dict(zip(active["code"], active["severity"], strict=False)) if "severity" in active else {}
    others = [code for code in row["alert_codes"] if code not in urgent_codes]
    # information is not called a warning (an NSAID past its label's 10 days sat among "Warnings:")
    parts = [f"{label}: " + "; ".join(_in_brackets(code, details.get(code)) for code in codes)
             for label, codes in (("Warnings", [k for k in others if severity.get(k) != INFO]),
                                  ("For information", [k for k in others if severity.get(k) == INFO])) if codes]
    return urgent, (". ".join(parts) + ".") if parts else None


def seen_alert_lines(alerts: pd.DataFrame, seen: pd.DataFrame | None,
                     escape: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The Clinic's lines for the alerts that stopped applying because someone marked them seen, each as
    (who marked it: "patient" or "clinician", the line): "Seen: Emergency warning sign (Cannot move a leg at all
    reported on 30 November 2026): marked seen on 1 Dec 2026 by the patient, not a clinician."

    Why: a red flag marked seen is no longer active, so the patient view said only "No active alerts." and
    "On track": the physiotherapist never learned that an emergency sign had been reported, nor that only the
    patient (tonight's diary CSV `seen` column carries their own mark) said it was seen. `alerts`: the episode's
    alert history (seen_date on each run seen); `seen`: Diary.seen for the episode (seen_by).
    """
    if not len(alerts) or "seen_date" not in alerts:
        return []
    done = alerts[~alerts["active"].astype(bool) & alerts["seen_date"].notna()]
    seen = marks_in_force(seen)  # a warning closed by its emergency's mark: seen by whoever marked the emergency
    lines = []
    for _, alert in done.iterrows():
        day = pd.Timestamp(alert["seen_date"]).normalize()
        who = "patient"
        if seen is not None and len(seen):
            marks = seen[(seen[c.ALERT_CODE] == alert["code"])
                         & (pd.to_datetime(seen[c.SEEN_DATE]).dt.normalize() == day)]
            if len(marks):
                who = str(marks[c.SEEN_BY].iloc[-1])
        detail = alert.get("detail")
        reported = f" ({escape(str(detail))})" if isinstance(detail, str) and detail else ""
        by = "by the patient, not a clinician" if who == "patient" else "by a clinician"
        lines.append((who, f"Seen: {ALERT_TITLES.get(alert['code'], alert['code'])}{reported}: marked seen on "
                           f"{plain_date(day)} {by}."))
    return lines


def triage_list(entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, episodes: pd.DataFrame,
                as_of: object, seen: pd.DataFrame | None = None,
                screening: pd.DataFrame | None = None, answers: pd.DataFrame | None = None,
                live: bool = False) -> pd.DataFrame:
    """The triage list of every episode as on the clinic's date `as_of`, most urgent first.

    `live`: `as_of` is today on this computer (the Clinic page, `triage` without --as-of), so a diary may already
    hold the day after it (kept in a time zone ahead): that day is kept, and such a diary's alerts are judged on
    it (analysis.alerts.judging), as the person's own pages judge them. Otherwise days after `as_of` are left out.

    `seen` (Diary.seen()): when a clinician assessed an alert, which ends a held red flag.
    `screening` (Diary.screening()): the set-up answers; a "yes" ranks the patient with the warnings.

    Why the alerts are judged on another day than the rest: pain and status are judged at each diary's last day up
    to `as_of` (a diary that went quiet a week ago still says where the person stood then, not "too few entries");
    alerts are judged at `as_of` itself, so an urgent alert reported days ago is still active (the alert rules
    decide how long it holds), and days without entries count up to `as_of`. One summary does both (its
    `alerts_on`); a diary already holding a later day (live) has its alerts judged on that day, in a summary of
    its own (review 27: a second summary of every patient was made for its alerts column alone).
    Columns: TRIAGE_COLUMNS.
    """
    when = pd.Timestamp(as_of).normalize()
    kept = last_day_kept(when) if live else when
    keep = [frame[frame[c.DATE] <= kept] for frame in (entries, doses, symptoms)]
    unlogged = _unlogged(episodes, keep[0], when, screening)
    if keep[0].empty:
        return triage(pd.DataFrame(), when) if unlogged.empty else ranked(unlogged)
    last = keep[0].groupby(c.EPISODE_ID)[c.DATE].max()
    ahead = set(last.index[last > when])
    parts = []
    for later, judged_on in ((False, when), (True, None)):  # None: the episode's own (later) last day
        mine = [frame[frame[c.EPISODE_ID].isin(ahead) == later] for frame in keep]
        if len(mine[0]):
            parts.append(summarise(*mine, episodes, seen=seen, screening_answers=screening, answers=answers,
                                   alerts_on=judged_on))
    standing = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    # the clinic's day, also for a diary a time zone ahead (as Today's plan and Progress count it: review 8)
    standing["days_since_onset"] = [None if pd.isna(onset) else day_since_onset(onset, when)
                                    for onset in standing[c.ONSET_DATE]]
    listed = _without_finished(triage(standing, when), episodes, kept)
    return listed if unlogged.empty else ranked(pd.concat([listed, unlogged], ignore_index=True))


def _without_finished(table: pd.DataFrame, episodes: pd.DataFrame, when: pd.Timestamp) -> pd.DataFrame:
    """`table` without the rows of a person's earlier episodes that hold no active urgent or warning alert and no
    "see the GP first" set-up answer: the person is listed by their latest episode started by `when` (the last
    day the list keeps: a new episode started a time zone ahead counts); an earlier one that still holds a
    warning sign or such an answer stays, so it is followed up (review 19).

    Why: a person who started a new episode and logs it every day was listed a second time as "Diary gone quiet"
    for the earlier, finished one (review 17), and a clinic's list of who needs attention counts people."""
    if table.empty or episodes.empty:
        return table
    onsets = pd.to_datetime(episodes[c.ONSET_DATE])
    started = episodes[onsets <= when].assign(_onset=onsets)
    latest = set(started.sort_values([c.PATIENT, "_onset", c.EPISODE_ID]).groupby(c.PATIENT).tail(1)[c.EPISODE_ID])
    earlier = ~table[c.EPISODE_ID].isin(latest) & table[c.PATIENT].isin(started[c.PATIENT])
    quiet = (table["urgent_alerts"] == 0) & (table["warning_alerts"] == 0) & ~table["screening"].map(bool)
    return table[~(earlier & quiet)].reset_index(drop=True)


def _unlogged(episodes: pd.DataFrame, entries: pd.DataFrame, when: pd.Timestamp,
              screening: pd.DataFrame | None) -> pd.DataFrame:
    """Triage rows (TRIAGE_COLUMNS) for each patient's latest episode that has started by `when` and has no diary
    day yet: with the warnings when a set-up answer was "yes" (SCREENING_REASON), else "too few entries".

    Why: the list was built from the summary, which has a row only for an episode with days, so a new patient
    whose set-up answers said "see the GP first" was not on the Clinic's list at all (review 10).
    """
    if episodes.empty:
        return pd.DataFrame(columns=TRIAGE_COLUMNS)
    onsets = pd.to_datetime(episodes[c.ONSET_DATE])
    started = episodes[onsets <= when].assign(_onset=onsets)
    latest = started.sort_values([c.PATIENT, "_onset", c.EPISODE_ID]).groupby(c.PATIENT).tail(1)
    empty = latest[~latest[c.EPISODE_ID].isin(entries[c.EPISODE_ID].unique())]
    if empty.empty:
        return pd.DataFrame(columns=TRIAGE_COLUMNS)
    answers = answers_by_episode(screening)
    words = [flags(answers.get(int(episode), {})) for episode in empty[c.EPISODE_ID]]
    priority = [SCREENING_PRIORITY if said else 4 for said in words]
    return pd.DataFrame({
        "priority": priority, "reason": [SCREENING_REASON if said else REASONS[4] for said in words],
        "patient": empty[c.PATIENT].tolist(), "episode_id": empty[c.EPISODE_ID].astype(int).tolist(),
        "days_since_onset": [day_since_onset(onset, when) for onset in empty["_onset"]],
        "current_pain": np.nan, "change_points": np.nan, "status": STATUS_LABELS["insufficient_data"],
        "status_beside_alerts": STATUS_LABELS["insufficient_data"],
        "trajectory": None, "active_alerts": "", "urgent_alerts": 0, "warning_alerts": 0,
        "last_entry_date": pd.NaT, "days_without_entries": np.nan,
        "alert_codes": [[] for _ in words], "urgent_codes": [[] for _ in words], "screening": words,
    })[TRIAGE_COLUMNS]


def to_triage_records(table: pd.DataFrame) -> list[dict]:
    """The triage list as JSON-ready dicts with TRIAGE_KEYS: priority 1 = most urgent, reason in words,
    status in words, current_pain rounded to 0.1 (None without recent entries), active_alerts as codes
    (urgent first), last_entry_date as an ISO date, screening the plain words of each "yes" set-up answer."""
    records = []
    for row in table.to_dict("records"):
        pain = row["current_pain"]
        records.append({
            "patient": str(row["patient"]), "episode_id": int(row["episode_id"]), "priority": int(row["priority"]),
            "reason": str(row["reason"]), "status": None if pd.isna(row["status"]) else str(row["status"]),
            "days_since_onset": None if pd.isna(row["days_since_onset"]) else int(row["days_since_onset"]),
            "current_pain": None if pain is None or math.isnan(float(pain)) else round(float(pain), 1),
            "active_alerts": list(row["alert_codes"]),
            "last_entry_date": None if pd.isna(row["last_entry_date"])
            else pd.Timestamp(row["last_entry_date"]).strftime("%Y-%m-%d"),  # None: no diary day yet
            "screening": list(row.get("screening") or []),
            "status_beside_alerts": str(row.get("status_beside_alerts") or row["status"]),
        })
    return records


def format_triage(records: list[dict]) -> str:
    """The triage list as an aligned text table, one line per patient episode, most urgent first."""
    if not records:
        return "No diary entries."
    columns = [("priority", "#"), ("patient", "Patient"), ("reason", "Why"),
               ("status_beside_alerts", "Compared with usual"), ("days_since_onset", "Day"),
               ("current_pain", "Pain"), ("active_alerts", "Active alerts"),
               ("last_entry_date", "Last entry"), ("screening", "Set-up flags")]
    rows = [[_cell(key, line.get(key)) for key, _ in columns] for line in records]  # triage JSON dicts
    header = [title for _, title in columns]
    widths = [max(len(x) for x in column) for column in zip(header, *rows, strict=True)]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
                     for line in [header, *rows])


def _cell(key: str, value: object) -> str:
    if value is None:
        return "-"
    if key in ("active_alerts", "screening"):
        return ", ".join(value) or "-"  # type: ignore[arg-type]
    if key == "priority" and value == URGENT_PRIORITY:
        return f"{value} URGENT"
    if isinstance(value, float):
        return f"{value:.1f}"
    return escaped(" ".join(str(value).split()))  # a line break in a name cannot break the table, nor ESC colour it


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
