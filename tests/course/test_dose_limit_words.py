"""A medicine's maxima said one way (analysis/course/dose_limit_words.py): the Progress table showed naproxen's
660 mg while its overdose alert said "maximum 1,000 mg" (browser test, review 33)."""
from __future__ import annotations

import math

import pytest

from analysis.course.dose_limit_words import exceeded_words, limit_text


@pytest.mark.parametrize(("counter", "prescribed", "unit", "text"), [
    (660.0, 1000.0, "", "660 (1,000 on prescription)"),
    (1200.0, 2400.0, " mg", "1,200 mg (2,400 mg on prescription)"),
    (4000.0, 4000.0, "", "4,000"),
    (240.0, math.nan, "", "240"),
    (math.nan, math.nan, "", "-"),
    (None, None, " mg", "-"),
])
def test_limit_text(counter: object, prescribed: object, unit: str, text: str) -> None:
    assert limit_text(counter, prescribed, unit) == text


def test_exceeded_words_name_both_maxima_of_a_medicine_that_has_two() -> None:
    assert exceeded_words(1000.0, 660.0, 1000.0, past_adult=True) == (
        "maximum 1,000 mg on prescription, 660 mg over the counter")
    assert exceeded_words(660.0, 660.0, 1000.0, past_adult=False) == "maximum 660 mg over the counter"
    assert exceeded_words(4000.0, 4000.0, 4000.0, past_adult=True) == "maximum 4,000 mg"
    assert exceeded_words(240.0, 240.0, math.nan, past_adult=True) == "maximum 240 mg"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (1600.0, "", "1,600"), (0.4, " mg", "0.4 mg"), (0.025, "", "0.025"), (12.5, "", "12.5"), (240.0, " mg", "240 mg"),
    (math.nan, "", "-"), (None, " mg", "-"),
])
def test_mg_text_keeps_a_small_dose(value: object, unit: str, text: str) -> None:
    """Review 34's browser walk: l-methylfolate 0.4 mg a day read "Highest day 0 mg" in the GP report."""
    from analysis.course.dose_limit_words import mg_text
    assert mg_text(value, unit) == text
