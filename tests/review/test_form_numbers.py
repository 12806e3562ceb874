"""Today's typed numbers against their ranges (analysis.review.form_numbers): one sentence per box outside its range,
the number as typed (never in exponent notation), what the box takes."""
from __future__ import annotations

from analysis.model.limits import LIMITS, TIMES_A_DAY
from analysis.review.form_numbers import TypedNumber, out_of_range


def test_a_number_inside_its_range_or_left_empty_is_no_problem() -> None:
    assert out_of_range([TypedNumber("times", 24, TIMES_A_DAY, whole=True), TypedNumber("times", 1, TIMES_A_DAY, True),
                         TypedNumber("minutes", None, LIMITS["activity_minutes"], whole=True)]) == []


def test_each_number_outside_is_said_as_typed() -> None:
    said = out_of_range([TypedNumber("ibuprofen: times today", 1234567, TIMES_A_DAY, whole=True),
                         TypedNumber("Hours lying in bed during the day", -0.5, LIMITS["bed_rest_hours"]),
                         TypedNumber("times", 2.5, TIMES_A_DAY, whole=True)])
    assert said == [
        "ibuprofen: times today: 1,234,567 cannot be saved; type a whole number from 1 to 24 times. The day is not "
        "saved until it is changed.",
        "Hours lying in bed during the day: -0.5 cannot be saved; type a number from 0 to 24 hours. The day is not "
        "saved until it is changed.",
        "times: 2.5 cannot be saved; type a whole number from 1 to 24 times. The day is not saved until it is changed."]
