"""Tests for analysis.alerts.red_flags: which warning symptoms raise which alert, and the advice on saving a day."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.alerts.red_flags import (
    EMERGENCY_MESSAGE,
    LEG_MESSAGE,
    NUMBNESS_MESSAGE,
    PROGRESSIVE_MESSAGE,
    SEE_DOCTOR_MESSAGE,
    URGENT,
    WARNING,
    advice_for_symptoms,
    flagged_days,
)
from analysis.model import columns as c

DAY0 = pd.Timestamp("2026-03-02")


def log(rows: list[tuple[int, int, str]]) -> pd.DataFrame:
    """Symptoms from (episode, day, code) rows."""
    return pd.DataFrame([{c.EPISODE_ID: e, c.DATE: DAY0 + pd.Timedelta(days=d), c.SYMPTOM: code}
                         for e, d, code in rows], columns=c.SYMPTOM_COLUMNS).astype({c.DATE: "datetime64[us]"})


def flags(rows: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str | None]]:
    found = flagged_days(log(rows))
    return sorted((int(e), (d - DAY0).days, code, message) for e, d, code, message in
                  found[[c.EPISODE_ID, c.DATE, "code", "message"]].itertuples(index=False))


@pytest.mark.parametrize(("symptom", "code"), [
    ("bladder_bowel", "red_flag_emergency"), ("saddle_numbness", "red_flag_emergency"),
    ("cannot_move_leg", "red_flag_emergency"), ("fever", "red_flag_see_doctor"),
    ("weight_loss", "red_flag_see_doctor"), ("leg_pain", "radiating_leg_pain"),
])
def test_each_warning_symptom_raises_its_alert(symptom: str, code: str) -> None:
    assert flags([(1, 4, symptom)]) == [(1, 4, code, None)]


@pytest.mark.parametrize(("rows", "expected"), [
    ([(1, 4, "numbness")], []),
    ([(1, 4, "numbness"), (1, 5, "numbness")], [(1, 5, "red_flag_emergency", PROGRESSIVE_MESSAGE)]),
    ([(1, 4, "weakness"), (1, 5, "numbness"), (1, 5, "weakness")],
     [(1, 5, "red_flag_emergency", PROGRESSIVE_MESSAGE)]),  # one flag a day, however many symptoms
    ([(1, 4, "numbness"), (1, 6, "numbness")], []),  # not consecutive
    ([(1, 4, "numbness"), (2, 5, "numbness")], []),  # another episode
])
def test_numbness_or_weakness_counts_on_consecutive_days(rows: list, expected: list) -> None:
    # the emergency needs two consecutive days; each single day is a new_numbness_weakness warning (issue 9)
    assert [f for f in flags(rows) if f[2] == "red_flag_emergency"] == expected
    assert {(e, d) for e, d, code, _ in flags(rows) if code == "new_numbness_weakness"} == {(e, d) for e, d, _ in rows}


@pytest.mark.parametrize("symptom", ["both_legs", "bladder_bowel", "saddle_numbness", "cannot_move_leg"])
def test_both_legs_and_cauda_equina_signs_are_urgent(symptom: str) -> None:
    assert flags([(1, 4, symptom)]) == [(1, 4, "red_flag_emergency", None)]


def test_feeling_unwell_needs_a_doctor() -> None:
    assert flags([(1, 4, "unwell")]) == [(1, 4, "red_flag_see_doctor", None)]


def test_single_day_numbness_with_bladder_signs_is_urgent() -> None:
    codes = {code for _, _, code, _ in flags([(1, 4, "numbness"), (1, 4, "bladder_bowel")])}
    assert "red_flag_emergency" in codes


def test_codes_are_read_without_case_or_spaces() -> None:
    assert flags([(1, 0, " Fever ")]) == [(1, 0, "red_flag_see_doctor", None)]


def test_no_symptoms_no_flags() -> None:
    assert flagged_days(log([])).empty


def test_advice_on_saving_a_day_most_urgent_first() -> None:
    advice = advice_for_symptoms(["leg_pain", "fever", "bladder_bowel"])
    assert [(a.severity, a.message) for a in advice] == [
        (URGENT, EMERGENCY_MESSAGE), (WARNING, SEE_DOCTOR_MESSAGE), (WARNING, LEG_MESSAGE)]
    # issue 9: numbness on a second day running is urgent; new on one day, call the doctor today
    assert [(a.severity, a.message) for a in advice_for_symptoms(["numbness"], ["numbness"])] == [
        (URGENT, PROGRESSIVE_MESSAGE)]
    assert [(a.severity, a.message) for a in advice_for_symptoms(["numbness"], [])] == [(WARNING, NUMBNESS_MESSAGE)]
    assert advice_for_symptoms(["both_legs"])[0].severity == URGENT


def test_under_save_only_what_to_do_now_shows_while_something_is_urgent() -> None:
    from analysis.alerts.red_flags import URGENT, WARNING, advice_to_show

    assert [a.severity for a in advice_to_show(["bladder_bowel", "fever", "leg_pain"])] == [URGENT]
    assert [a.severity for a in advice_to_show(["fever", "leg_pain"])] == [WARNING, WARNING]
