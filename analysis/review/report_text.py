"""Plain-text renderings of the summary: the CLI table and the headline sentence people read."""
from __future__ import annotations

from analysis.alerts.declaration import Finder, weeks_in_words
from analysis.alerts.rules import ALERT_TITLES as RULE_TITLES
from analysis.alerts.rules import RULES
from analysis.course.recovery import MIN_ENTRIES_7D, RECOVERED_MAX_PAIN, RECOVERED_RUN_DAYS, WINDOW_DAYS
from analysis.model.dates import day_in_words
from analysis.model.errors import escaped

STATUS_WORDS = {"ahead": "ahead of the usual course", "on_track": "on track", "behind": "slower than usual",
                "insufficient_data": "not enough recent entries to tell"}
# After "pain up 7% from 6.3", a bare "on track" read as a contradiction (review 30): the status compares the pain
# with the usual course for the day, not with the person's own start, and says so
RISEN_STATUS_WORDS = {"ahead": "still better than usual for day {day}", "on_track": "still within the usual range "
                      "for day {day}"}
STATUS_LABELS = {"ahead": "Better than usual", "on_track": "On track", "behind": "Slower than usual",
                 "insufficient_data": "Not enough recent entries"}
TRAJECTORY_WORDS = {
    "rapid_recovery": "quick recovery", "recovery_by_week_12": "steady recovery",
    "incomplete_recovery": "improving, then levelling off", "fluctuating": "ups and downs",
    "persistent_high": "pain staying high", "persistent_mild": "pain not falling, below high",
    "undetermined": "too early to tell"}

# Each alert's title is declared with its rule (analysis.alerts.rules), worded from the rule's own thresholds.
ALERT_TITLES = RULE_TITLES


def _cell(value: object) -> str:
    """A table cell: a name's control characters written visibly (`escaped`), so a name can neither recolour nor
    move the reader's terminal nor break its row (review 18)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return escaped(str(value))


GOOD_STATUSES = ("ahead", "on_track")  # the statuses a warning would contradict (status_headline)
URGENT_FIRST = "Urgent sign first"
# beside an episode whose own alerts hold no urgent one, while the person's other episode's does: the row or page says
# where it is (review 36's explorer: a new episode's triage row said "Urgent sign first" beside no alert at all)
URGENT_ELSEWHERE = f"{URGENT_FIRST} (other episode)"
# The warnings that judge the pain's course itself ("Pain still strong after a week": not easing the way it usually
# does; a flare): beside them "on track" said the opposite of the warning, so the status says only where the
# average pain lies (review 34, a code reader).
COURSE_WARNINGS = tuple(code for code, rule in RULES.items() if rule.predicate == Finder.PAIN_COURSE)
RANGE_LABELS = {"ahead": "Better than usual on average", "on_track": "Within the usual range"}
RANGE_WORDS = {"ahead": "on average better than usual for day {day}",
               "on_track": "on average within the usual range for day {day}"}


def qualified_label(status: object, urgent: bool, warning: bool, course_warning: bool = False,
                    urgent_elsewhere: bool = False) -> str:
    """The status in words as it may stand beside the alerts (analysis.review.status_headline.status_label):
    "Urgent sign first" while an urgent alert is active, "On track (see the warning)" beside a warning, "Within the
    usual range (see the warning)" beside a warning about the pain's course (COURSE_WARNINGS), else STATUS_LABELS'
    words. One place for Progress, the GP report, the Clinic, the triage list and the summary table: the CLI's
    said "on_track" beside an urgent overdose (review 34). `urgent_elsewhere`: only the person's other episode holds
    one: URGENT_ELSEWHERE."""
    if urgent:
        return URGENT_FIRST
    if urgent_elsewhere:
        return URGENT_ELSEWHERE
    label = (RANGE_LABELS if course_warning else STATUS_LABELS).get(str(status), STATUS_LABELS.get(str(status),
                                                                                                  str(status)))
    return f"{label} (see the warning)" if (warning or course_warning) and status in GOOD_STATUSES else label


def _urgent(record: dict) -> bool:
    return any(a.get("active") and a.get("severity") == "urgent" for a in record.get("alerts", []))


def status_cell(record: dict, urgent_elsewhere: bool = False) -> str:
    """qualified_label of a summary JSON object (its status and the severities and codes of its active alerts);
    `urgent_elsewhere`: an urgent alert of the person's other episode is active (Progress says it so too)."""
    active = [a for a in record.get("alerts", []) if a.get("active")]
    return qualified_label(record.get("status"), any(a.get("severity") == "urgent" for a in active),
                           any(a.get("severity") == "warning" for a in active),
                           any(a.get("code") in COURSE_WARNINGS and a.get("severity") == "warning" for a in active),
                           urgent_elsewhere)


def format_table(records: list[dict]) -> str:
    """A fixed-width table of the summary, one line per patient episode."""
    columns = [("patient", "Patient"), ("days_since_onset", "Day"), ("baseline_pain", "Start"),
               ("current_pain", "Now"), ("expected_pain", "Expected"), ("status", "Status"),
               ("trajectory", "Course"), ("recovered_date", "Recovered"),
               ("projected_recovery_date", "Projected"), ("alerts", "Active alerts")]
    rows = []
    for record in records:
        active = [a["code"] for a in record.get("alerts", []) if a.get("active")]
        # pain that came back after a recovery is not "recovered" (as the headline and the GP report say)
        back = f"came back {record['recurrence_date']}" if record.get("recurrence_date") else None
        cells = {"alerts": ", ".join(active) or "-", "recovered_date": back or _cell(record.get("recovered_date")),
                 "status": status_cell(record, any(_urgent(other) for other in records if other is not record
                                                   and other.get("patient") == record.get("patient")))}
        rows.append([cells[key] if key in cells else _cell(record.get(key)) for key, _ in columns])
    if not rows:
        return "No diary entries."
    header = [title for _, title in columns]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=False)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
             for line in [header, *rows]]
    return "\n".join(lines)


NEW_EPISODE_HINT = ("You can start a new episode for it with \"New episode of back pain\" in the sidebar, "
                    "so it is compared with the usual course from its own start.")


def run_words(days: int) -> str:
    """'a whole week' for 7 days, else the days or weeks in words (the recovery run, PACE)."""
    return "a whole week" if days == 7 else weeks_in_words(days)


SAME_POINTS = 1.0  # project choice: under a point is "about the same" (half of Ostelo's 2; analysis.review.progress)
# Project choice: from a start under 2 of 10 the change is said in points, not percent (0.3 -> 3.0 read "up 800%"
# and 0 has no percentage at all: review 8, review 9); Ostelo 2008's important change is 2 points or 30%.
PERCENT_MIN_BASELINE = 2.0


def in_points(start: float | None, pct: float | None, points: float | None) -> bool:
    """Is the change since the start said in points (a start under PERCENT_MIN_BASELINE, or no percentage)?"""
    return points is not None and (pct is None or (start is not None and start < PERCENT_MIN_BASELINE))


def headline(record: dict, today: object = None, course_warning: bool = False) -> str:
    """One sentence a patient understands: 'Day 23: pain down 48% from 6.0 — on track; ...'. A date in a year
    other than `today`'s (the day it is read; None: the real today) is said with its year.

    Improvement is measured from the first logged days when the onset pain was
    estimated (a diary started late), and says so; after a recovery, pain that
    came back (recurrence_date) replaces "recovered" and offers a new episode.
    """
    day, status = record.get("days_since_onset"), record.get("status")
    base, now = record.get("baseline_pain"), record.get("current_pain")
    estimated = bool(record.get("baseline_estimated"))
    start = record.get("first_logged_pain") if estimated else base
    back = record.get("recurrence_date")
    if status == "insufficient_data" or now is None or start is None:
        text = (f"Day {day}: log at least {MIN_ENTRIES_7D} days {weeks_in_words(WINDOW_DAYS)} to see how you "
                "compare with the usual course of "
                "acute low back pain.")
        if back:
            text += f" Your pain came back on {day_in_words(back, today)} after you had recovered. {NEW_EPISODE_HINT}"
        return text
    change, points = record.get("improvement_pct"), record.get("improvement_points")
    where = f"{start:.1f} in your first logged days" if estimated else f"{start:.1f}"
    if in_points(start, change, points) or (change is not None and round(change) == 0):
        change = None  # a start near 0, or under half a percent: in points, or about the same under SAME_POINTS
    if change is not None and change > 0:
        trend = f"pain down {change:.0f}% from {where}"
    elif change is not None and change < 0:
        trend = f"pain up {-change:.0f}% from {where}"
    elif change is None and points is not None and abs(points) >= SAME_POINTS:
        trend = f"pain {'down' if points > 0 else 'up'} {abs(points):.1f} points from {where}"
    elif estimated:
        trend = f"pain about the same as in your first logged days, {start:.1f}"
    else:
        trend = f"pain about the same as at the start ({start:.1f})"
    if estimated and base is not None:
        trend += f" (onset pain estimated at {base:.1f}, as the diary started on a later day)"
    rose = (change is not None and change < 0) or (change is None and points is not None and points <= -SAME_POINTS)
    said = STATUS_WORDS.get(status, status)
    if course_warning and status in RANGE_WORDS:  # beside "Pain still strong after a week": where the mean lies
        said = RANGE_WORDS[status].format(day=str(day).split(" (")[0])
    elif rose and status in RISEN_STATUS_WORDS:  # the day's number ("61", not "61 (last entry)")
        said = RISEN_STATUS_WORDS[status].format(day=str(day).split(" (")[0])
    text = f"Day {day}: {trend} — {said}"
    if back:
        since = f" on {day_in_words(record['recovered_date'], today)}" if record.get("recovered_date") else ""
        return text + f"; your pain came back on {day_in_words(back, today)} after you had recovered{since}. " \
            + NEW_EPISODE_HINT
    if record.get("recovered_date"):
        return text + (f"; recovered since {day_in_words(record['recovered_date'], today)} (pain 0 or "
                       f"{RECOVERED_MAX_PAIN:g} for {run_words(RECOVERED_RUN_DAYS)}).")
    return text + "; most people with acute low back pain are much better by week 6."
