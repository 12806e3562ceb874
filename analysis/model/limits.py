"""Allowed ranges of the values a diary day holds, defined once.

Storage checks them before writing (with a message naming the field) and the
database repeats them as CHECK constraints, so a bug elsewhere can never store
pain 11. The import schema (analysis.ingest.schema) and the pages' widgets read
them through `bounds`; a migration keeps the literal numbers of its day, and
tests/model/test_limits_agree.py checks that every place agrees with this table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.model import columns as c
from analysis.model.errors import ValidationError


@dataclass(frozen=True)
class Range:
    """An inclusive numeric range with the unit used in messages."""

    low: float
    high: float
    unit: str = ""
    label: str = ""


LIMITS: dict[str, Range] = {
    c.PAIN: Range(0, 10, "", "average pain"),  # 0-10 numeric rating scale (GUIDANCE.md; Williams 2014)
    c.WORST_PAIN: Range(0, 10, "", "worst pain"),  # the same scale
    c.ACTIVITY: Range(0, 1440, " minutes", "activity minutes"),  # a day has 1,440 minutes
    c.BED_REST: Range(0, 24, " hours", "bed-rest hours"),  # a day has 24 hours
    c.NORMAL_ACTIVITY: Range(0, 1440, " minutes", "normal activity minutes"),  # a day has 1,440 minutes
}
# Hours worked on a day (the daily plan's work table, analysis.storage.plan_store): a day has 24 hours.
WORK_HOURS = Range(0, 24, " hours", "work hours")
# The person's usual working day (analysis.storage.plan_store, the work plan's full day): at most the 24 hours of a
# day; at least an hour, because half of it is the first half day back and a shorter "working day" is more likely a
# slip of the keyboard than a job (project choice). Not said (no row) is allowed: the plan then assumes 8 hours.
USUAL_WORK_DAY = Range(1, 24, " hours", "usual working day")
# Doses of one medicine and strength on one day (design bound, review 10): far above any real day (a dose every
# few minutes round the clock), far below an integer's limit; "x99999999999999999999" passed every check and
# then overflowed on write, stopping a whole batch. A text above it is not read as doses (kept in the notes).
DOSE_COUNT = Range(1, 1000, " doses", "dose count")
# A note typed in the Diary table's cell (design bound: a page of text). Today's note box has no cap: a day whose
# imported note is longer is re-saved there whole (review 15: a cap there cut it without a word); imports keep
# longer notes as written.
NOTE_MAX_CHARS = 2000
# Tablets of a combination product taken each time, on Today's form (analysis.review.medicine_choices): the
# labels say one or two (co-codamol, Nurofen Plus; BNF); up to four leaves room for a prescription's wording.
TABLETS_PER_DOSE = Range(1, 4, " tablets", "tablets each time")
# Today's form, one medicine's dose: how many times that day (once an hour round the clock at most: a form filled in
# by hand; storage takes up to DOSE_COUNT, for imports) and mg per dose (from half a milligram, or from a microgram
# for a medicine whose usual dose is under SMALL_DOSE_BELOW_MG: patches such as fentanyl 25 micrograms an hour are
# 0.025 mg, buprenorphine 0.2 mg; up to 5000 mg, above any single dose). Why here: the page typed them (review 27).
# Everything in them storage takes (check_dose); a stored dose outside them is not put into the form's boxes (a box
# showed its default instead, and Save wrote it) but kept as it is, listed below the form (page_rules.form_can_show).
# The boxes have no min or max (a box given a number outside them kept its last one, and Save stored that): Save
# checks what was typed against these (analysis.review.form_numbers) and says which box holds what (review 28).
TIMES_A_DAY = Range(1, 24, " times", "times a day")
DOSE_MG = Range(0.5, 5000, " mg", "mg per dose")
SMALL_DOSE_MG = Range(0.001, 5000, " mg", "mg per dose")
SMALL_DOSE_BELOW_MG = 1.0

# A diary date may be tomorrow (issue 11: "dates from 1900 to tomorrow"): a diary kept in a time zone ahead of
# the reader's computer already holds tomorrow's date. The importer refuses anything later as in the future;
# the surfaces that judge a diary "as on" a day keep the day after it too (analysis.alerts.judging).
FUTURE_SLACK_DAYS = 1


def bounds(field: str) -> tuple[float, float]:
    """(low, high) of a diary field, for the schema and the widgets that state a range: read here, never restated."""
    limit = LIMITS[field]
    return limit.low, limit.high


def dose_range(usual_mg: float) -> Range:
    """The mg per dose Today's form offers for a medicine whose usual dose is `usual_mg` (DOSE_MG or SMALL_DOSE_MG)."""
    return SMALL_DOSE_MG if usual_mg < SMALL_DOSE_BELOW_MG else DOSE_MG


def fits_the_form(usual_mg: float, dose_mg: float, count: float) -> bool:
    """Whether a stored dose fits Today's boxes for its medicine (dose_range, TIMES_A_DAY)."""
    mg = dose_range(usual_mg)
    return mg.low <= dose_mg <= mg.high and TIMES_A_DAY.low <= count <= TIMES_A_DAY.high


def _number(value: float) -> str:
    return f"{value:g}"


def range_problem(field: str, value: object) -> str | None:
    """Return why `value` is not allowed for `field`, or None when it is (missing is allowed)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    limit = LIMITS[field]
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"{field}: {value!r} is not a number."
    if math.isnan(number) or math.isinf(number):
        return f"{field}: {value!r} is not a number."
    if number < limit.low:
        return f"{field}: {_number(number)} is below the minimum {_number(limit.low)}."
    if number > limit.high:
        return f"{field}: {_number(number)} is above the maximum {_number(limit.high)}."
    return None


def check_values(values: dict[str, object]) -> None:
    """Raise ValidationError naming every field of `values` that is out of range."""
    problems = [p for field, value in values.items() if field in LIMITS
                if (p := range_problem(field, value))]
    if problems:
        raise ValidationError(" ".join(problems))


def check_dose(medicine: str, dose_mg: object, count: object) -> None:
    """Raise ValidationError unless a dose is a positive mg amount taken a whole number of times >= 1."""
    try:
        mg, times = float(dose_mg), float(count)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(f"{medicine}: the dose {dose_mg!r} x {count!r} is not a number.") from None
    if not mg > 0 or math.isinf(mg):
        raise ValidationError(f"{medicine}: dose_mg must be above 0 (got {dose_mg}).")
    if not DOSE_COUNT.low <= times <= DOSE_COUNT.high or times != int(times):
        raise ValidationError(f"{medicine}: count must be a whole number from {DOSE_COUNT.low:g} to "
                              f"{DOSE_COUNT.high:g} (got {count}).")
