"""Alerts over frames whose episode ids are text (a caller of the pure functions with its own ids: "A", "B"):
the same alerts as with integer ids. The silent-day check between two numbness reports cast the ids to integers
and failed with "invalid literal for int()" (code reader, review 33)."""
from __future__ import annotations

import pandas as pd

from analysis.alerts import engine as a
from analysis.model import columns as c

DAYS = pd.date_range("2026-03-01", periods=12)


def _frames(ids: tuple[object, object]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Two episodes of 12 days: the first with numbness on days 3 and 5 (a silent day between) and codeine on
    five days, the second with a fever on day 10."""
    first, second = ids
    entries = pd.concat([pd.DataFrame({
        c.PATIENT: [name] * 12, c.EPISODE_ID: [episode] * 12, c.ONSET_DATE: [DAYS[0]] * 12,
        c.NORMAL_ACTIVITY: [60] * 12, c.DATE: DAYS, c.PAIN: [6] * 12, c.WORST_PAIN: [7] * 12,
        c.ACTIVITY: [20] * 12, c.BED_REST: [0.0] * 12, c.NOTES: [""] * 12})
        for name, episode in (("Ann", first), ("Bo", second))], ignore_index=True)
    symptoms = pd.DataFrame({c.EPISODE_ID: [first, first, second], c.DATE: [DAYS[3], DAYS[5], DAYS[10]],
                             c.SYMPTOM: ["numbness", "numbness", "fever"]})
    doses = pd.DataFrame({c.EPISODE_ID: [first] * 5, c.DATE: DAYS[2:7], c.MEDICINE: ["codeine"] * 5,
                          c.DRUG_CLASS: ["opioid"] * 5, c.DOSE_MG: [30.0] * 5, c.COUNT: [2.0] * 5,
                          c.TOTAL_MG: [60.0] * 5})
    return entries, doses, symptoms


def test_text_episode_ids_give_the_same_alerts_as_integer_ids() -> None:
    by_number = a.alerts(*_frames((1, 2)))
    by_text = a.alerts(*_frames(("A", "B")))
    assert by_text[c.EPISODE_ID].tolist() == by_number[c.EPISODE_ID].map({1: "A", 2: "B"}).tolist()
    columns = [col for col in by_number.columns if col != c.EPISODE_ID]
    pd.testing.assert_frame_equal(by_text[columns], by_number[columns])
    assert {"new_numbness_weakness", "codeine_over_3_days", "red_flag_see_doctor"} <= set(by_text["code"])


def test_a_seen_mark_and_the_carried_days_work_with_text_ids_too() -> None:
    """Review 34: a mark with text ids failed in history._cut_at_marks and _hold, alert_days in carried_days."""
    seen_number = pd.DataFrame({c.EPISODE_ID: [1], "code": ["new_numbness_weakness"],
                                "seen_date": [pd.Timestamp(DAYS[6])]})
    by_number = a.alerts(*_frames((1, 2)), seen=seen_number)
    by_text = a.alerts(*_frames(("A", "B")), seen=seen_number.assign(**{c.EPISODE_ID: ["A"]}))
    columns = [col for col in by_number.columns if col != c.EPISODE_ID]
    pd.testing.assert_frame_equal(by_text[columns], by_number[columns])
    closed = by_text[(by_text[c.EPISODE_ID] == "A") & (by_text["code"] == "new_numbness_weakness")]
    assert not closed["active"].any()
    assert len(a.alert_days(*_frames(("A", "B")))) == len(a.alert_days(*_frames((1, 2))))
