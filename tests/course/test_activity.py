"""Tests for analysis.course.activity: the walking plan, daily and weekly activity, the trend."""
from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import theilslopes

from analysis.course import activity as a
from analysis.ingest import synthetic
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from tests.property_budget import examples

ONSET = pd.Timestamp("2026-03-02")


def diary(minutes: dict[int, float | None], episode: int = 1, normal: float = 60.0,
          onset: pd.Timestamp = ONSET) -> pd.DataFrame:
    """Entries for one episode: {day since onset: active minutes (None: row without a value)}."""
    rows = [{c.PATIENT: "p", c.EPISODE_ID: episode, c.ONSET_DATE: onset, c.NORMAL_ACTIVITY: normal,
             c.DATE: onset + pd.Timedelta(days=day), c.PAIN: 5.0, c.WORST_PAIN: 6.0,
             c.ACTIVITY: np.nan if value is None else float(value), c.BED_REST: 0.0, c.NOTES: ""}
            for day, value in minutes.items()]
    frame = pd.DataFrame(rows, columns=c.ENTRY_COLUMNS)
    return frame.astype({c.DATE: "datetime64[us]", c.ONSET_DATE: "datetime64[us]", c.EPISODE_ID: "int64",
                         c.ACTIVITY: "float64", c.NORMAL_ACTIVITY: "float64"})


def line(start: float, step: float, days: range) -> dict[int, float | None]:
    return {day: start + step * day for day in days}


def row_on(frame: pd.DataFrame, day: int, episode: int = 1) -> pd.Series:
    hit = frame[(frame[c.EPISODE_ID] == episode) & (frame[c.DATE] == ONSET + pd.Timedelta(days=day))]
    assert len(hit) == 1
    return hit.iloc[0]


# --- the trend ------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "day", "expected"), [
    (line(10, 5, range(14)), 13, 5.0),  # steadily rising: +5 min/day
    (line(10, 5, range(7)), 6, 5.0),  # exactly 7 values is enough
    (line(80, -3, range(20)), 19, -3.0),  # falling
    ({**line(10, 5, range(14)), 7: 500.0}, 13, 5.0),  # one outlier does not move Theil-Sen
    ({**line(10, 5, range(14)), 13: 0.0}, 13, 5.0),  # nor a bad last day
    ({d: 10 + 5 * d for d in range(0, 14, 2)}, 12, 5.0),  # every other day logged
    (line(10, 5, range(6)), 5, math.nan),  # 6 values: not enough
    ({**line(10, 5, range(14)), **dict.fromkeys([3, 5, 7, 9, 10, 11, 12, 13])},
     13, math.nan),  # 14 rows but only 6 with a value
    ({0: 10, 1: 20, 2: 30, 3: 40, 4: 50, 5: 60, 6: 70, 20: 0}, 20, math.nan),  # old days left the window
])
def test_trend(minutes: dict[int, float | None], day: int, expected: float) -> None:
    result = row_on(a.daily_activity(diary(minutes, normal=1000)), day)[a.TREND_14D]
    assert result == pytest.approx(expected, nan_ok=True)


def test_trend_equals_scipy_theilslopes_on_a_random_diary() -> None:
    spec = synthetic.DiarySpec("t", "fluctuating", days=70, missing_share=0.3, seed=211)
    entries = synthetic.generate(spec)[0]
    daily = a.daily_activity(entries.sample(frac=1, random_state=5))
    checked = 0
    for date in daily[c.DATE].iloc[10::9]:
        window = entries[(entries[c.DATE] > date - pd.Timedelta(days=14)) & (entries[c.DATE] <= date)]
        window = window.dropna(subset=[c.ACTIVITY])
        ours = daily.loc[daily[c.DATE] == date, a.TREND_14D].iloc[0]
        if len(window) < a.TREND_MIN_VALUES:
            assert math.isnan(ours)
            continue
        reference = theilslopes(window[c.ACTIVITY], (window[c.DATE] - date).dt.days).slope
        assert ours == pytest.approx(reference, rel=1e-6, abs=1e-6)
        checked += 1
    assert checked >= 5


def test_theil_sen_slopes_on_a_window_matrix_matches_scipy() -> None:
    rng = random.Random(42)
    windows = np.array([[rng.choice([math.nan, rng.uniform(0, 90)]) for _ in range(300)]
                        for _ in range(a.TREND_WINDOW_DAYS)])
    slopes = a.theil_sen_slopes(windows)
    for column in range(300):
        logged = ~np.isnan(windows[:, column])
        if logged.sum() < a.TREND_MIN_VALUES:
            assert math.isnan(slopes[column])
        else:
            expected = theilslopes(windows[logged, column], np.flatnonzero(logged)).slope
            assert slopes[column] == pytest.approx(expected, rel=1e-5, abs=1e-4)


# --- daily activity -------------------------------------------------------

def test_daily_activity_numbers() -> None:
    minutes = {0: 10, 1: 20, 2: None, 3: 30, 5: 40, 6: 50, 8: 60, 9: 70}
    daily = a.daily_activity(diary(minutes, normal=80))
    assert list(daily.columns) == [c.EPISODE_ID, c.DATE, c.DAY, c.ACTIVITY, a.MEAN_7D,
                                   a.SHARE_OF_NORMAL_7D, a.TREND_14D, a.FIRST_WEEK_MEAN]
    assert a.PLANNED not in daily  # the plan is analysis.plan.walking's alone (tests/output/test_progress_plan.py)
    assert list(daily[c.DAY]) == [0, 1, 2, 3, 5, 6, 8, 9]
    last = row_on(daily, 9)  # days 3..9: 30, 40, 50, 60, 70
    assert last[a.MEAN_7D] == 50.0
    assert last[a.SHARE_OF_NORMAL_7D] == 50.0 / 80
    assert row_on(daily, 2)[a.MEAN_7D] == 15.0  # day 2 has no value: mean of days 0-1
    assert set(daily[a.FIRST_WEEK_MEAN]) == {30.0}  # days 0-6: 10, 20, 30, 40, 50


@pytest.mark.parametrize(("minutes", "expected"), [
    ({3: 20, 6: 40, 7: 90, 10: 90}, 30.0),  # diary starts late: days 3 and 6 are the first week
    ({8: 20, 9: 30}, math.nan),  # nothing logged in days 0-6
])
def test_first_week_mean(minutes: dict[int, float | None], expected: float) -> None:
    daily = a.daily_activity(diary(minutes))
    assert daily[a.FIRST_WEEK_MEAN].iloc[-1] == pytest.approx(expected, nan_ok=True)


def test_share_of_normal_is_nan_when_normal_unknown() -> None:
    daily = a.daily_activity(diary({0: 10, 1: 20}, normal=math.nan))
    assert daily[a.SHARE_OF_NORMAL_7D].isna().all()


def test_episodes_do_not_leak_into_each_other() -> None:
    first = diary(line(10, 5, range(14)), episode=1)
    second = diary({0: 100.0}, episode=2, onset=ONSET + pd.Timedelta(days=14))
    daily = a.daily_activity(pd.concat([second, first], ignore_index=True))
    assert list(daily[c.EPISODE_ID]) == [1] * 14 + [2]
    assert daily[a.MEAN_7D].iloc[-1] == 100.0
    assert math.isnan(daily[a.TREND_14D].iloc[-1])


# --- weekly ---------------------------------------------------------------

def test_weekly_sums() -> None:
    weekly = a.weekly_activity(diary({0: 10, 1: 20, 6: 30, 7: 40, 8: None, 13: 50, 21: 5}))
    assert list(weekly.columns) == [c.EPISODE_ID, a.WEEK, a.WEEK_START, a.ACTIVE_MINUTES, a.DAYS_LOGGED,
                                    a.MEAN_PER_DAY]
    assert list(weekly[a.WEEK]) == [0, 1, 3]
    assert list(weekly[a.WEEK_START]) == [ONSET, ONSET + pd.Timedelta(days=7), ONSET + pd.Timedelta(days=21)]
    assert list(weekly[a.ACTIVE_MINUTES]) == [60.0, 90.0, 5.0]
    assert list(weekly[a.DAYS_LOGGED]) == [3, 2, 1]
    assert list(weekly[a.MEAN_PER_DAY]) == [20.0, 45.0, 5.0]


# --- summary as of a date ---------------------------------------------------

@pytest.mark.parametrize(("step", "label"), [
    (5.0, a.BUILDING_UP), (1.5, a.BUILDING_UP), (1.0, a.STEADY), (0.0, a.STEADY),
    (-1.0, a.STEADY), (-2.0, a.DECLINING),
])
def test_summary_trend_labels(step: float, label: str) -> None:
    summary = a.activity_summary(diary(line(40, step, range(14)), normal=500), ONSET + pd.Timedelta(days=13))
    assert summary[a.TREND_14D].iloc[0] == pytest.approx(step)
    assert summary[a.TREND_LABEL].iloc[0] == label


def test_summary_numbers() -> None:
    entries = diary({0: 10, 1: 20, 5: 30, 6: 40, 7: 50, 8: 100, 9: 999}, normal=100)
    summary = a.activity_summary(entries, ONSET + pd.Timedelta(days=8))  # day 9 is after as_of
    assert list(summary.columns) == [c.EPISODE_ID, a.MINUTES_7D, a.SHARE_OF_NORMAL_7D, a.TREND_14D, a.TREND_LABEL]
    row = summary.iloc[0]
    assert row[a.MINUTES_7D] == 220.0 / 4  # days 2-8 logged: 5, 6, 7, 8
    assert row[a.SHARE_OF_NORMAL_7D] == 0.55
    assert row[a.TREND_LABEL] == a.NOT_ENOUGH_DATA  # 6 values


def test_summary_long_after_the_last_entry_has_no_recent_data() -> None:
    summary = a.activity_summary(diary(line(10, 5, range(14))), "2027-01-01")
    row = summary.iloc[0]
    assert math.isnan(row[a.MINUTES_7D]) and math.isnan(row[a.TREND_14D])
    assert row[a.TREND_LABEL] == a.NOT_ENOUGH_DATA


# --- errors, emptiness, purity ----------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    (lambda e: e.drop(columns=[c.ACTIVITY]), "The diary entries are missing the column(s): activity_minutes."),
    (lambda e: pd.concat([e, e.iloc[[1]]]), "The diary entries have more than one row for episode 1 on 2026-03-03."),
    (lambda e: e.assign(**{c.ONSET_DATE: ONSET + pd.Timedelta(days=1)}),
     "Episode 1 has a diary entry on 2026-03-02, before its onset date 2026-03-03."),
    (lambda e: e.assign(**{c.ACTIVITY: [10.0, -5.0]}),
     "The column activity_minutes of the diary entries has a negative value (-5)."),
    (lambda e: e.assign(**{c.DATE: ["2026-03-02", "2026-03-03"]}),
     "The column date of the diary entries must hold dates (datetime64), not str."),
])
def test_invalid_entries_are_refused(change, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        a.daily_activity(change(diary({0: 10, 1: 20})))
    assert str(error.value) == message


@pytest.mark.parametrize("as_of", ["soon", None, 5])
def test_bad_as_of_is_refused(as_of: object) -> None:
    with pytest.raises(ValidationError, match="^as_of must be a date such as 2026-03-01"):
        a.activity_summary(diary({0: 10}), as_of)


@pytest.mark.parametrize("function", [a.daily_activity, a.weekly_activity,
                                      lambda e: a.activity_summary(e, ONSET)])
def test_empty_entries_give_empty_frames(function) -> None:
    assert function(diary({})).empty


# --- random diaries -----------------------------------------------------------

@st.composite
def random_entries(draw: st.DrawFn) -> pd.DataFrame:
    frames = []
    for episode in range(draw(st.integers(1, 3))):
        days = draw(st.lists(st.integers(0, 45), max_size=35, unique=True))
        values = draw(st.lists(st.one_of(st.none(), st.integers(0, 240), st.floats(0, 240)),
                               min_size=len(days), max_size=len(days)))
        normal = draw(st.sampled_from([math.nan, 0.0, 30.0, 60.0]))
        onset = ONSET + pd.Timedelta(days=draw(st.integers(0, 20)))
        frames.append(diary(dict(zip(days, values, strict=True)), episode=episode + 7, normal=normal,
                            onset=onset))
    return pd.concat(frames, ignore_index=True)


@settings(max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=random_entries(), seed=st.integers(0, 2**16), as_of_day=st.integers(-5, 70))
def test_random_diaries_never_raise_and_ignore_row_order(entries: pd.DataFrame, seed: int,
                                                         as_of_day: int) -> None:
    before = entries.copy()
    shuffled = entries.sample(frac=1, random_state=seed)
    as_of = ONSET + pd.Timedelta(days=as_of_day)
    for function in (a.daily_activity, a.weekly_activity,
                     lambda e: a.activity_summary(e, as_of)):
        pd.testing.assert_frame_equal(function(entries), function(shuffled))
    pd.testing.assert_frame_equal(entries, before)
    daily = a.daily_activity(entries)
    assert len(daily) == len(entries)
    assert daily[a.TREND_14D].notna().sum() <= daily[a.MEAN_7D].notna().sum()
