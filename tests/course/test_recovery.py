"""Baseline, expected band, status, PACE recovery, projections and trajectory classes."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.course import outlook, recovery
from analysis.course.curve import CURVES, expected_fraction
from analysis.course.pain_rows import load_diary
from analysis.ingest.synthetic import SHAPES, DiarySpec, generate
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from tests.property_budget import examples

ONSET = pd.Timestamp("2026-03-02")


def diary(pains: dict[int, float] | list[float], episode: int = 1, onset: pd.Timestamp = ONSET) -> pd.DataFrame:
    """An entries frame from {day since onset: pain} (a list means days 0, 1, 2, ...)."""
    if isinstance(pains, list):
        pains = dict(enumerate(pains))
    days = list(pains)
    return pd.DataFrame({
        c.PATIENT: "Sam", c.EPISODE_ID: episode, c.ONSET_DATE: onset, c.NORMAL_ACTIVITY: 60.0,
        c.DATE: [onset + pd.Timedelta(days=d) for d in days], c.PAIN: [float(p) for p in pains.values()],
        c.WORST_PAIN: np.nan, c.ACTIVITY: np.nan, c.BED_REST: 0.0, c.NOTES: "",
    }, columns=c.ENTRY_COLUMNS)


def day(n: int) -> pd.Timestamp:
    return ONSET + pd.Timedelta(days=n)


def synthetic(shape: str, seed: int, days: int = 84, baseline: float = 7.0) -> pd.DataFrame:
    spec = DiarySpec("Test", shape, onset="2026-03-02", days=days, baseline=baseline, noise_sd=0.6,
                     missing_share=0.1, seed=seed)
    return generate(spec)[0]


# --- trajectories and status on the published shapes -------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("seed", "days"), [(101, 70), (107, 84), (113, 90)])
def test_trajectory_recognises_synthetic_shape(shape: str, seed: int, days: int) -> None:
    entries = synthetic(shape, seed, days)
    found = outlook.trajectories(entries, day(days - 1))
    assert found["trajectory"].tolist() == [shape]
    assert 0.5 <= found["trajectory_confidence"].iloc[0] <= 1.0


@pytest.mark.parametrize(("shape", "baseline", "on_day", "allowed"), [
    ("rapid_recovery", 7.0, 40, {"ahead", "on_track"}),
    ("recovery_by_week_12", 7.0, 60, {"ahead", "on_track"}),
    ("persistent_high", 7.5, 60, {"behind"}),
    ("incomplete_recovery", 6.0, 70, {"behind"}),
    ("fluctuating", 7.0, 75, {"behind"}),
])
@pytest.mark.parametrize("seed", [102, 109, 117])
def test_status_of_synthetic_shape(shape: str, baseline: float, on_day: int, allowed: set[str],
                                   seed: int) -> None:
    found = recovery.status_at(synthetic(shape, seed, 90, baseline), day(on_day))
    assert found["status"].iloc[0] in allowed


def test_early_steady_fall_is_most_likely_recovery_by_week_12_with_less_confidence() -> None:
    found = outlook.trajectories(synthetic("recovery_by_week_12", 105), day(20))
    assert found["trajectory"].iloc[0] == "recovery_by_week_12"
    assert found["trajectory_confidence"].iloc[0] < 0.7


def test_trajectory_undetermined_before_two_weeks() -> None:
    found = outlook.trajectories(diary([7, 7, 6, 6, 5, 5, 5, 4, 4, 4, 4]), day(10))
    assert found["trajectory"].iloc[0] == "undetermined"
    assert found["trajectory_confidence"].iloc[0] == 0.0
    assert found["trajectory_reason"].iloc[0] == (
        "Too early to judge the course: 11 days of diary with 11 entries; at least 14 days and 10 "
        "entries are needed.")


def test_fall_then_rise_is_fluctuating_not_persistent_high() -> None:
    pains = [7.0] * 3 + list(np.linspace(7, 3, 28)) + [3.0] * 14 + list(np.linspace(3, 6.5, 20))
    found = outlook.trajectories(diary(pains), day(len(pains) - 1))
    assert found["trajectory"].iloc[0] == "fluctuating"
    assert found["trajectory_reason"].iloc[0] == "Pain fell from 7.0 to 3.0, then rose again to 5.9."


def test_high_pain_without_fall_is_persistent_high() -> None:
    found = outlook.trajectories(diary([7, 7, 7] + [6.5, 7.0] * 30), day(62))
    assert found["trajectory"].iloc[0] == "persistent_high"


# --- baseline ----------------------------------------------------------------------------------


def test_baseline_is_mean_of_days_0_to_2() -> None:
    found = recovery.status_at(diary([6, 7, 8, 3, 3, 3]), day(5))
    assert found["baseline_pain"].iloc[0] == pytest.approx(7.0)


def test_late_start_baseline_is_scaled_back_to_onset() -> None:
    found = recovery.status_at(diary({10: 4, 11: 4, 12: 4, 13: 4}), day(13))
    baseline = found["baseline_pain"].iloc[0]
    assert baseline > 4
    assert baseline == pytest.approx(4 / expected_fraction(10))


def test_late_start_synthetic_baseline_above_day_10_pain() -> None:
    spec = DiarySpec("Late", "recovery_by_week_12", onset="2026-03-02", first_day=10, days=40, seed=119)
    entries = generate(spec)[0]
    found = recovery.status_at(entries, day(30))
    assert found["baseline_pain"].iloc[0] > entries[c.PAIN].iloc[0]


def test_baseline_is_capped_at_10() -> None:
    found = recovery.status_at(diary({60: 10, 61: 10, 62: 10}), day(62))
    assert found["baseline_pain"].iloc[0] == 10.0


# --- status_at ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("recent", "status", "word"), [
    (0.5, "ahead", "below"), (3.0, "on_track", "within"), (4.0, "behind", "above")])
def test_status_against_band_on_day_42(recent: float, status: str, word: str) -> None:
    entries = diary({0: 6, 1: 6, 2: 6, **{d: recent for d in range(36, 43)}})
    found = recovery.status_at(entries, day(42)).iloc[0]
    fraction = expected_fraction(42)
    assert found["days_since_onset"] == 42
    assert found["current_pain"] == pytest.approx(recent)
    assert found["expected_pain"] == pytest.approx(6 * fraction)
    assert found["expected_low"] == pytest.approx(6 * fraction - 2)
    assert found["expected_high"] == pytest.approx(8 * fraction)
    assert found["status"] == status
    assert found["status_reason"] == (f"Average pain {recent:.1f} over the 7 days to day 42 is {word} the expected "
                                      "range of 0.7 to 3.5 for that day.")


@pytest.mark.parametrize(("baseline", "current", "points", "pct", "meaningful"), [
    (6, 3, 3.0, 50.0, True), (4, 2.8, 1.2, 30.0, True), (8, 6, 2.0, 25.0, True),
    (8, 6.5, 1.5, 18.75, False), (5, 5, 0.0, 0.0, False), (3, 4, -1.0, -100 / 3, False)])
def test_meaningful_improvement_is_2_points_or_30_percent(baseline: float, current: float, points: float,
                                                          pct: float, meaningful: bool) -> None:
    entries = diary({0: baseline, 1: baseline, 2: baseline, 20: current, 21: current, 22: current})
    found = recovery.status_at(entries, day(22)).iloc[0]
    assert found["improvement_points"] == pytest.approx(points)
    assert found["improvement_pct"] == pytest.approx(pct)
    assert found["meaningful_improvement"] == meaningful


@pytest.mark.parametrize(("recent_days", "reason"), [
    ([], "No entries in the 7 days to day 21; at least 3 are needed."),
    ([20], "Only 1 entry in the 7 days to day 21; at least 3 are needed."),
    ([18, 21], "Only 2 entries in the 7 days to day 21; at least 3 are needed."),
])
def test_insufficient_data_says_what_is_missing(recent_days: list[int], reason: str) -> None:
    entries = diary({**{d: 5 for d in range(10)}, **{d: 3 for d in recent_days}})
    found = recovery.status_at(entries, day(21)).iloc[0]
    assert found["status"] == "insufficient_data"
    assert found["status_reason"] == reason
    assert np.isnan(found["current_pain"])
    assert not found["meaningful_improvement"]


def test_entries_after_as_of_are_ignored() -> None:
    entries = diary([6, 6, 6, 5, 5, 4, 4, 4, 3])
    later = pd.concat([entries, diary({9: 9, 10: 9, 11: 9})])
    pd.testing.assert_frame_equal(recovery.status_at(entries, day(8)), recovery.status_at(later, day(8)))


def test_as_of_may_be_a_series_per_episode() -> None:
    entries = pd.concat([diary([6, 6, 6, 5, 5, 4]), diary([8, 8, 8, 8, 8, 8], episode=2)])
    as_of = pd.Series([day(5), day(3)], index=[1, 2])
    found = recovery.status_at(entries, as_of)
    assert found["days_since_onset"].tolist() == [5, 3]
    assert found["as_of"].tolist() == [day(5), day(3)]


@pytest.mark.parametrize(("call", "message"), [
    (lambda e: recovery.status_at(e, "soon"), "as_of must be a date such as 2026-03-01; got 'soon'."),
    (lambda e: recovery.status_at(e, day(5), curve="nhs"),
     "Unknown recovery curve 'nhs'; choose one of: menezes2012, wallwork2024."),
    (lambda e: recovery.daily_course(e.drop(columns=[c.PAIN, c.DATE])),
     "The entries frame is missing the column(s): date, pain."),
    (lambda e: recovery.status_at(e, pd.Series([day(5)], index=[7])),
     "as_of has no valid date for episode(s) 1."),
])
def test_bad_arguments_are_refused_in_a_sentence(call: Callable[[pd.DataFrame], object], message: str) -> None:
    with pytest.raises(ValidationError) as err:
        call(diary([5, 5, 5]))
    assert str(err.value) == message


# --- daily_course and expected_course ----------------------------------------------------------


def test_daily_course_counts_calendar_days_and_judges_each_day() -> None:
    course = recovery.daily_course(diary({0: 6, 1: 6, 2: 6, 5: 2, 9: 1, 10: 1}))
    assert list(course.columns) == [c.EPISODE_ID, c.DATE, c.DAY, c.PAIN, "pain_mean_7d", "entries_7d",
                                    "baseline_pain", "expected_pain", "expected_low", "expected_high", "status"]
    assert course[c.DAY].tolist() == [0, 1, 2, 5, 9, 10]
    assert course["entries_7d"].tolist() == [1, 2, 3, 4, 2, 3]
    assert course["pain_mean_7d"].tolist() == pytest.approx([6, 6, 6, 5, 1.5, 4 / 3])
    assert course["status"].astype(str).tolist() == [
        "insufficient_data", "insufficient_data", "on_track", "on_track", "insufficient_data", "ahead"]


def test_daily_course_refuses_duplicate_days() -> None:
    # issue 12: one rule for every analysis (analysis.course.grid); averaging invented a score nobody logged
    with pytest.raises(ValidationError, match="more than one row for episode 1 on 2026-03-04"):
        recovery.daily_course(pd.concat([diary([6, 6, 6]), diary({2: 3})]))


def test_expected_course_draws_band_from_day_0() -> None:
    course = recovery.expected_course("2026-03-02", 9.0, days=42)
    assert len(course) == 43
    first = course.iloc[0]
    assert (first[c.DATE], first["expected_pain"], first["expected_low"], first["expected_high"]) == (
        ONSET, 9.0, 7.0, 10.0)
    assert course["expected_pain"].iloc[-1] == pytest.approx(9 * expected_fraction(42))


def test_expected_course_refuses_baseline_above_10() -> None:
    with pytest.raises(ValidationError, match="The baseline pain must be between 0 and 10; got 11."):
        recovery.expected_course("2026-03-02", 11, 10)


# --- recovered_dates (PACE) --------------------------------------------------------------------


@pytest.mark.parametrize(("pains", "recovered_day"), [
    ({**dict(enumerate([6, 5, 4, 3, 2])), **{d: 1 for d in range(5, 12)}}, 5),  # 7 days at 0-1
    ({**dict(enumerate([6, 5, 4, 3, 2])), **{d: [1, 0, 0, 1, 1, 0, 1][d - 5] for d in range(5, 12)}}, 5),
    ({**dict(enumerate([6, 4, 2])), **{d: 1 for d in range(3, 9)}, 9: 2}, None),  # only 6 days
    ({**{d: 1 for d in range(0, 4)}, **{d: 0 for d in range(5, 12)}}, 5),  # day 4 missing breaks the run
    ({**{d: 1 for d in range(0, 4)}, **{d: 0 for d in range(5, 11)}}, None),  # 4 + gap + 6
    ({**{d: 0 for d in range(0, 3)}, 3: 2, **{d: 1 for d in range(4, 20)}}, 4),  # a 2 resets the run
    ({**{d: 1.5 for d in range(0, 10)}}, None),  # 1.5 is not 0 or 1
])
def test_recovered_date_is_first_of_7_consecutive_days_at_0_or_1(pains: dict[int, float],
                                                                  recovered_day: int | None) -> None:
    found = recovery.recovered_dates(diary(pains), day(60))
    assert list(found.columns) == [c.EPISODE_ID, "recovered_date"]
    expected = pd.NaT if recovered_day is None else day(recovered_day)
    assert found["recovered_date"].iloc[0] is expected or found["recovered_date"].iloc[0] == expected


@pytest.mark.parametrize(("as_of", "recovered"), [(10, None), (11, day(5)), (30, day(5))])
def test_recovery_run_must_be_complete_by_as_of(as_of: int, recovered: pd.Timestamp | None) -> None:
    entries = diary({**dict(enumerate([6, 5, 4, 3, 2])), **{d: 0 for d in range(5, 20)}})
    value = recovery.recovered_dates(entries, day(as_of))["recovered_date"].iloc[0]
    assert (pd.isna(value) and recovered is None) or value == recovered


# --- projections -------------------------------------------------------------------------------


def test_projection_of_steady_fall_brackets_the_crossing() -> None:
    pains = {d: round(8 * np.exp(-d / 12), 1) for d in range(0, 21)}  # reaches 1 around day 25
    found = outlook.projections(diary(pains), day(20)).iloc[0]
    assert day(21) <= found["projected_earliest"] <= found["projected_recovery_date"] <= found["projected_latest"]
    assert day(22) <= found["projected_recovery_date"] <= day(32)
    assert found["projection_note"].startswith("At the current rate pain reaches 1 or less around 2026-0")


@pytest.mark.parametrize(("pains", "as_of", "note"), [
    ([7, 7, 6, 6, 5, 5, 5, 4], 7, "Not enough data to project: the trend uses 5 of the 8 logged days (left out: 3 "
     "before day 3 after onset, the onset level) and the diary spans 8 days; at least 10 used days and a diary "
     "spanning 14 days are needed."),
    ([6] * 30, 29, "Not improving: pain has not fallen over the last 4 weeks, so no recovery date is projected."),
    ([6] * 22, 21, "Not improving: pain has not fallen since the diary began, so no recovery date is projected."),
    ([6, 6, 6] + list(np.linspace(6, 5.8, 27)), 29,
     "At the current rate pain would not reach 1 or less within a year of onset."),
    ([6, 4, 2] + [0] * 20, 22, "Already recovered: pain was 0 or 1 on 7 days in a row from 2026-03-05."),
    ([6, 5, 4, 3, 2, 2, 1, 1, 0, 0, 0, 0, 2, 1, 0, 0, 0, 1], 17,
     "Pain is already 1 or less on average; recovery counts once it stays at 0 or 1 for 7 days in a row."),
])
def test_no_projection_says_why(pains: list[float], as_of: int, note: str) -> None:
    found = outlook.projections(diary(pains), day(as_of)).iloc[0]
    assert pd.isna(found["projected_recovery_date"]) and pd.isna(found["projected_latest"])
    assert found["projection_note"] == note


def test_projection_never_beyond_a_year() -> None:
    pains = [8, 8, 8] + list(np.linspace(8, 6, 40))
    found = outlook.projections(diary(pains), day(42)).iloc[0]
    horizon = ONSET + pd.Timedelta(days=365)
    for column in ("projected_recovery_date", "projected_earliest", "projected_latest"):
        assert pd.isna(found[column]) or found[column] <= horizon


# --- properties --------------------------------------------------------------------------------


@st.composite
def diaries(draw: st.DrawFn, max_pain: float = 10.0) -> pd.DataFrame:
    """1-3 episodes, each with random distinct dates within 120 days and pain 0-max_pain, shuffled."""
    frames = []
    for episode in range(1, draw(st.integers(1, 3)) + 1):
        days = draw(st.lists(st.integers(0, 119), min_size=1, max_size=60, unique=True))
        pains = draw(st.lists(st.floats(0, max_pain), min_size=len(days), max_size=len(days)))
        frames.append(diary(dict(zip(days, pains, strict=True)), episode=episode))
    entries = pd.concat(frames, ignore_index=True)
    order = draw(st.permutations(range(len(entries))))
    return entries.iloc[list(order)].reset_index(drop=True)


ANALYSES = {
    "status_at": lambda e, as_of: recovery.status_at(e, as_of),
    "trajectories": lambda e, as_of: outlook.trajectories(e, as_of),
    "projections": lambda e, as_of: outlook.projections(e, as_of),
    "recovered_dates": lambda e, as_of: recovery.recovered_dates(e, as_of),
    "daily_course": lambda e, as_of: recovery.daily_course(e),
}


@settings(max_examples=examples(50), deadline=None)
@given(entries=diaries(), as_of=st.integers(-5, 130))
def test_any_diary_gives_one_valid_row_per_episode(entries: pd.DataFrame, as_of: int) -> None:
    episodes = sorted(entries[c.EPISODE_ID].unique())
    status = recovery.status_at(entries, day(as_of))
    assert status[c.EPISODE_ID].tolist() == episodes
    assert set(status["status"]) <= set(recovery.STATUSES)
    found = outlook.trajectories(entries, day(as_of))
    assert set(found["trajectory"]) <= set(outlook.TRAJECTORIES)
    assert found["trajectory_confidence"].between(0, 1).all()
    assert len(outlook.projections(entries, day(as_of))) == len(episodes)
    assert len(recovery.recovered_dates(entries, day(as_of))) == len(episodes)
    assert len(recovery.daily_course(entries)) == len(entries)


@settings(max_examples=examples(50), deadline=None)
@given(entries=diaries(max_pain=6.0), shift=st.floats(0.1, 4.0), as_of=st.integers(0, 125))
def test_uniformly_worse_pain_never_improves_status(entries: pd.DataFrame, shift: float, as_of: int) -> None:
    """Pain stays within 0-10 after the shift, so nothing is clipped at the top of the scale."""
    worse = entries.assign(**{c.PAIN: entries[c.PAIN] + shift})
    rank = {**recovery.STATUS_ORDER, "insufficient_data": -1}
    for before, after in [(recovery.status_at(entries, day(as_of))["status"],
                           recovery.status_at(worse, day(as_of))["status"]),
                          (recovery.daily_course(entries)["status"].astype(str),
                           recovery.daily_course(worse)["status"].astype(str))]:
        assert (before.map(rank) <= after.map(rank)).all()
        assert ((before == "insufficient_data") == (after == "insufficient_data")).all()


@settings(max_examples=examples(50), deadline=None)
@given(entries=diaries(), seed=st.integers(0, 2**32 - 1), as_of=st.integers(0, 125))
def test_results_do_not_depend_on_row_order(entries: pd.DataFrame, seed: int, as_of: int) -> None:
    shuffled = entries.sample(frac=1.0, random_state=seed)
    for analysis in ANALYSES.values():
        pd.testing.assert_frame_equal(analysis(entries, day(as_of)), analysis(shuffled, day(as_of)))


@pytest.mark.parametrize("curve", list(CURVES))
def test_behind_is_daily_course_status_behind(curve: str) -> None:
    """The alert engine reads recovery.behind, the chart daily_course's status: the same rows on every shape."""
    entries = pd.concat([synthetic(shape, seed, days=40 + 9 * seed, baseline=4.0 + seed)
                         .assign(**{c.EPISODE_ID: 10 * seed + k})
                         for k, shape in enumerate(SHAPES) for seed in range(3)], ignore_index=True)
    status = recovery.daily_course(entries, curve=curve)["status"].to_numpy()
    flags = recovery.behind(load_diary(entries), curve)
    assert flags.any() and (status == "insufficient_data").any()
    assert np.array_equal(flags, status == "behind")


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.floats(0, 10, allow_nan=False),
                 st.integers(0, 1000).map(lambda k: k / 100),  # pain means and curve values near x.x5
                 st.integers(0, 200).map(lambda k: k / 20 + 0.05)))
def test_one_decimal_is_what_one_decimal_prints(value: float) -> None:
    """The status sentence's check reads the numbers as "%.1f" prints them; its vectorised rounding must agree
    with Python's round(x, 1) (and so with the sentence) at every value, ties and near-ties included."""
    from analysis.course.status_words import _one_decimal

    assert _one_decimal(np.array([value]))[0] == round(value, 1) == float(f"{value:.1f}")
