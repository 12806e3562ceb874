"""The Progress page's sentences, chosen from the typed summary: which message, which wording, which threshold.

Why here and not in the page: each sentence is a decision on values (recovered or projected or neither, is
the trajectory sure enough to say, is the start estimated), and decisions belong in analysis/ where they
are tested without a browser; the page (dashboard/screens/progress.py) only lays them out. Text is plain:
the page shows it as it is, and bold marks stay out of anything built from user data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.course.outlook import (
    MIN_DIARY_DAYS,
    MIN_FIT_ENTRIES,
    NOT_ENOUGH_DATA,
    PROJECTION_SKIP_DAYS,
    PROJECTION_WINDOW_DAYS,
)
from analysis.course.recovery import RECOVERED_MAX_PAIN, RECOVERED_RUN_DAYS
from analysis.model.dates import day_in_words, day_since_onset, plain_date
from analysis.review.projection_words import is_past, note_read_on
from analysis.review.record import SummaryRecord
from analysis.review.report_text import TRAJECTORY_WORDS, run_words

# The trajectory class is named with its confidence only from this share up (project choice: below an even
# chance the page says the shape alone, not "fairly sure"; Downie 2016 classes are probabilistic).
SURE_ENOUGH = 0.5


@dataclass(frozen=True, slots=True)
class OutlookLine:
    """What the Progress page says about recovery: `kind` picks the box (success, info, caption)."""

    kind: Literal["recovered", "projected", "note"]
    text: str

NO_CHANGE = "no change"  # a change in pain that rounds to 0.0 (pain_delta, change_words)


def pain_help(s: SummaryRecord) -> str:
    """The help beside "Pain now": where improvement is measured from (the first logged days when the onset
    pain is estimated, because the diary began later)."""
    if s.baseline_estimated and s.first_logged_pain is not None and s.baseline_pain is not None:
        return (f"First logged days: {s.first_logged_pain:.1f}; at the start (estimated, the diary began "
                f"later): {s.baseline_pain:.1f}")
    return "At the start: -" if s.baseline_pain is None else f"At the start: {s.baseline_pain:.1f}"


def pain_delta(s: SummaryRecord) -> float | str | None:
    """The change shown under "Pain now" (negative: less pain), to 0.1; NO_CHANGE when it rounds to nothing
    (never "-0.0", drawn as a fall: review 20); None without a comparison."""
    if s.improvement_points is None:
        return None
    change = round(-s.improvement_points, 1)
    return NO_CHANGE if change == 0 else change


def pain_delta_colour(s: SummaryRecord) -> str:
    """Streamlit's delta_color for pain_delta: less pain green, more red, no change grey (no arrow's colour)."""
    return "off" if pain_delta(s) == NO_CHANGE else "inverse"


def change_words(points: float) -> str:
    """A change in pain points for a table or a figure: "+1.3", "-0.4", or NO_CHANGE when it rounds to nothing
    (the Clinic said "+0.0" where Progress said "-0.0" for the same person: review 20)."""
    change = round(float(points), 1)
    return NO_CHANGE if change == 0 else f"{change:+.1f}"


def judged_day(s: SummaryRecord) -> int | None:
    """The day number the figures were judged on (the diary's last entry) when it is not the day number shown
    beside them (today's, read now: day_since_onset); None when they are the same day."""
    if s.onset_date is None or s.as_of is None:
        return None
    judged = day_since_onset(s.onset_date, s.as_of)
    return None if judged == s.days_since_onset else judged


def usual_label(s: SummaryRecord, noun: str = "Usual") -> str:
    """The label of the usual pain beside "Days since it started": "Usual by now", or "Usual on day 16 (last
    entry)" when the summary was judged on the last diary day and the day number beside it is today's.

    Why: Progress read now says today's day number (day_since_onset), but the usual pain is the expected value of
    the day judged; beside "Days since it started 20", "Usual by now" gave day 16's figure without a word."""
    day = judged_day(s)
    return f"{noun} by now" if day is None else f"{noun} on day {day} (last entry)"


def pain_label(s: SummaryRecord, average: str = "average") -> str:
    """The label of the 7-day pain: "Pain now (7-day average)", or "Pain on day 61 (7-day average, last entry)"
    when the diary stopped before today.

    Why: a GP report of a diary that ended two months ago said "Pain now 0.0"; the pain is that of the last
    logged week, whatever happened since."""
    day = judged_day(s)
    return f"Pain now (7-day {average})" if day is None else f"Pain on day {day} (7-day {average}, last entry)"


def usual_range_help(s: SummaryRecord) -> str | None:
    """The help beside "Usual by now": the person's own band; None when there is none."""
    if s.expected_low is None or s.expected_high is None:
        return None
    return f"Usual range for you: {s.expected_low:.1f} to {s.expected_high:.1f}"


# while an urgent sign applies, the headline says the comparison can wait for a doctor: no date for the pain to
# settle beside it (review 32: "pain should be down to 0-1 around 12 December" under a sign that needs care now)
WAITS_FOR_DOCTOR = ("A likely date for your pain to settle is left out while a warning sign needs care now: "
                    "see a doctor first.")


def outlook_line(s: SummaryRecord, today: object = None, urgent: bool = False) -> OutlookLine | None:
    """Recovered (since when), else the projected date with its range (an estimate, said so), else why there
    is no projection; None when there is nothing to say. Bold marks only around the date (no user text).
    Pain that came back after a recovery (recurrence_date) is never "recovered": the headline beside it says the
    pain came back and the GP report "Pain came back", so without a projection this says it too, and why.
    `today`: the day the page is read; a projected day before it is said in the past, as the GP report and the
    summary JSON say it (analysis.review.projection_words), not "pain should be down to 0-1 around" that day.
    `urgent`: an urgent sign of the person applies: no projection (WAITS_FOR_DOCTOR)."""
    if urgent and s.projected_recovery_date and not is_past(s.projected_recovery_date, today):
        return OutlookLine("note", WAITS_FOR_DOCTOR)
    if s.recovered_date and not s.recurrence_date:
        return OutlookLine("recovered", f"Recovered since {day_in_words(s.recovered_date, today)}: pain 0 or "
                                        f"{RECOVERED_MAX_PAIN:g} for {run_words(RECOVERED_RUN_DAYS)}.")
    if is_past(s.projected_recovery_date, today):
        return OutlookLine("note", str(note_read_on(s, today, day=plain_date)))
    if s.projected_recovery_date:
        low, high = s.projected_earliest, s.projected_latest
        # a range of no width says nothing the date does not (the GP report leaves it out as well)
        span = (f" (somewhere between {plain_date(low, '%-d %b')} and {plain_date(high, '%-d %b')})"
                if low and high and plain_date(low) != plain_date(high) else
                # the slow end beyond a year (a course levelling off): said, never left out as if the date were sure
                f" (perhaps as early as {plain_date(low, '%-d %b')}, or not until a year or more after it began)"
                if low and not high else "")
        return OutlookLine("projected", f"At your current pace, pain should be down to 0-1 around "
                                        f"**{day_in_words(s.projected_recovery_date, today)}**{span}. "
                                        "This is an estimate, not a promise.")
    if s.recurrence_date:
        since = f" after you had recovered on {day_in_words(s.recovered_date, today)}" if s.recovered_date else ""
        note = f" {s.projection_note}" if s.projection_note else ""
        return OutlookLine("note", f"Your pain came back on {day_in_words(s.recurrence_date, today)}{since}.{note}")
    if s.projection_note and s.projection_note.startswith(NOT_ENOUGH_DATA):  # the GP's words, said plainly
        # what the fit needs, said as it counts (review 15: "10 days over 2 weeks" was told to a person who had
        # logged 12 over 17, three of them the first days the fit leaves out)
        return OutlookLine("note", f"A likely date for your pain to settle shows once you have logged at least "
                                   f"{MIN_FIT_ENTRIES} days in the last {PROJECTION_WINDOW_DAYS // 7} weeks, not "
                                   f"counting the first {PROJECTION_SKIP_DAYS} days of the pain, and your diary spans "
                                   f"{MIN_DIARY_DAYS // 7} weeks.")
    if s.projection_note:
        return OutlookLine("note", s.projection_note)
    return None


def course_line(s: SummaryRecord, urgent: bool = False) -> str | None:
    """'**Your course so far:** steady recovery (fairly sure: 80%)': the confidence only from SURE_ENOUGH. None
    while an urgent sign applies (`urgent`): the headline says the comparison waits for a doctor (usual_shown)."""
    if urgent:
        return None
    shape = TRAJECTORY_WORDS.get(str(s.trajectory), str(s.trajectory))
    confidence = s.trajectory_confidence or 0
    return f"**Your course so far:** {shape}" + (f" (fairly sure: {confidence:.0%})"
                                                 if confidence >= SURE_ENOUGH else "")


def usual_shown(s: SummaryRecord, urgent: bool) -> bool:
    """Whether Progress shows the usual pain for the day beside the person's: not while an urgent sign applies,
    whose headline says how the pain compares with the usual course can wait until a doctor has seen them (review
    33: "Usual on day 14: 2.7 of 10" and "Your course so far" sat under that headline), nor without a number."""
    return s.expected_pain is not None and not urgent


def activity_line(s: SummaryRecord, normal: float | None) -> str | None:
    """Last week's active minutes against the normal level and the trend; None when none were logged. A diary
    that stopped names the week it is of (a Progress page read 10 days after the last entry said "Last 7 days")."""
    if s.activity_minutes_7d is None:
        return None
    share = s.share_of_normal_activity
    normal_text = f", {share:.0%} of your normal {normal:.0f}" if share is not None and normal else ""
    day = judged_day(s)  # the diary stopped: its last logged week, not the last 7 days (review 5)
    when = "Last 7 days" if day is None else f"The 7 days to day {day} (last entry)"
    return (f"{when}: about **{s.activity_minutes_7d:.0f} minutes a day**{normal_text}; "
            f"trend: {s.activity_trend}.")


def psfs_line(psfs: pd.DataFrame) -> str | None:
    """The last weekly check-in in one sentence: the mean of its activities (progress.psfs_by_week); None when
    there is none."""
    if psfs.empty:
        return None
    latest = psfs[psfs["week"] == psfs["week"].max()]
    return (f"Your last check-in (week {int(latest['week'].iloc[0])}): on average "
            f"**{latest['score'].mean():.1f} of 10** across the activities you chose, where 10 is as well as "
            "before the pain.")
