"""Tests for analysis.course.medication_use: daily totals, limits, runs of days, NSAIDs, paracetamol alone."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.course import medication_use as m
from analysis.ingest import synthetic
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.vocabulary import MEDICINES
from tests.property_budget import examples

ONSET = pd.Timestamp("2026-03-02")


def on(day: int) -> pd.Timestamp:
    return ONSET + pd.Timedelta(days=day)


def doses(rows: list[tuple[int, int, str, float, int]]) -> pd.DataFrame:
    """A dose log from (episode, day since ONSET, medicine, dose_mg, count) rows."""
    frame = pd.DataFrame([{c.EPISODE_ID: episode, c.DATE: on(day), c.MEDICINE: name,
                           c.DRUG_CLASS: MEDICINES[name].drug_class, c.DOSE_MG: float(mg), c.COUNT: count,
                           c.TOTAL_MG: float(mg * count)} for episode, day, name, mg, count in rows],
                         columns=c.DOSE_COLUMNS)
    return frame.astype({c.EPISODE_ID: "int64", c.DATE: "datetime64[us]", c.MEDICINE: "str",
                         c.DRUG_CLASS: "str", c.DOSE_MG: "float64", c.COUNT: "int64", c.TOTAL_MG: "float64"})


def entries(episode: int, days: list[int]) -> pd.DataFrame:
    return pd.DataFrame({c.EPISODE_ID: episode, c.DATE: [on(day) for day in days]})


# --- daily totals -------------------------------------------------------------

def test_duplicate_rows_for_one_medicine_and_day_are_summed() -> None:
    daily = m.daily_totals(doses([(1, 0, "ibuprofen", 400, 1), (1, 0, "ibuprofen", 400, 1),
                                  (1, 0, "ibuprofen", 200, 2), (1, 0, "paracetamol", 500, 2)]))
    assert list(daily.columns) == [c.EPISODE_ID, c.DATE, c.MEDICINE, c.DRUG_CLASS, c.TOTAL_MG, m.DOSES,
                                   m.MAX_DAILY_MG, m.OVER_LIMIT, m.RUN_DAYS, m.CLASS_RUN_DAYS,
                                   m.PRESCRIBED_MAX_MG, m.OVER_PRESCRIBED_MAX]
    assert list(daily[c.MEDICINE]) == ["ibuprofen", "paracetamol"]
    assert list(daily[c.TOTAL_MG]) == [1200.0, 1000.0]
    assert list(daily[m.DOSES]) == [4.0, 2.0]
    assert list(daily[c.DRUG_CLASS]) == ["NSAID", "paracetamol"]


@pytest.mark.parametrize(("rows", "over"), [
    ([(1, 0, "paracetamol", 1000, 4)], False),  # 4,000 mg is the limit, not over it
    ([(1, 0, "paracetamol", 1000, 4), (1, 0, "paracetamol", 1, 1)], True),  # 4,001 mg
    ([(1, 0, "ibuprofen", 400, 3)], False),  # 1,200 mg
    ([(1, 0, "ibuprofen", 400, 3), (1, 0, "ibuprofen", 1, 1)], True),  # 1,201 mg
    ([(1, 0, "codeine", 60, 4)], False),  # 240 mg
    ([(1, 0, "codeine", 60, 5)], True),
    ([(1, 0, "diazepam", 50, 9)], False),  # no limit checked
])
def test_over_limit_boundaries(rows: list, over: bool) -> None:
    daily = m.daily_totals(doses(rows))
    assert len(daily) == 1
    assert daily[m.OVER_LIMIT].dtype == bool
    assert daily[m.OVER_LIMIT].iloc[0] == over


def test_limits_come_from_the_vocabulary() -> None:
    daily = m.daily_totals(doses([(1, 0, "naproxen", 250, 2), (1, 0, "diazepam", 2, 1)]))
    assert daily[m.MAX_DAILY_MG].iloc[1] == 660.0
    assert math.isnan(daily[m.MAX_DAILY_MG].iloc[0])


@pytest.mark.parametrize(("days", "runs"), [
    ([0, 1, 2, 4, 5], [1, 2, 3, 1, 2]),  # a gap resets the run
    ([3], [1]),
    ([0, 2, 4], [1, 1, 1]),
    ([5, 6, 7, 8], [1, 2, 3, 4]),
])
def test_run_days(days: list[int], runs: list[int]) -> None:
    daily = m.daily_totals(doses([(1, day, "codeine", 30, 2) for day in reversed(days)]))
    assert list(daily[m.RUN_DAYS]) == runs


def test_a_class_run_spans_two_opioids() -> None:
    daily = m.daily_totals(doses([(1, 0, "codeine", 30, 2), (1, 1, "tramadol", 50, 2),
                                  (1, 2, "codeine", 30, 2), (1, 2, "tramadol", 50, 1),
                                  (1, 4, "tramadol", 50, 1), (1, 1, "ibuprofen", 400, 1)]))
    opioid = daily[daily[c.DRUG_CLASS] == "opioid"]
    assert list(opioid[c.MEDICINE]) == ["codeine", "tramadol", "codeine", "tramadol", "tramadol"]
    assert list(opioid[m.RUN_DAYS]) == [1, 1, 1, 2, 1]
    assert list(opioid[m.CLASS_RUN_DAYS]) == [1, 2, 3, 3, 1]


def test_runs_and_totals_stay_within_an_episode() -> None:
    daily = m.daily_totals(doses([(2, 1, "codeine", 30, 1), (1, 0, "codeine", 30, 1)]))
    assert list(daily[c.EPISODE_ID]) == [1, 2]
    assert list(daily[m.RUN_DAYS]) == [1, 1]


def test_missing_class_and_total_are_filled_in() -> None:
    log = doses([(1, 0, "naproxen", 250, 2)]).assign(**{c.DRUG_CLASS: None, c.TOTAL_MG: math.nan})
    daily = m.daily_totals(log)
    assert daily[c.DRUG_CLASS].iloc[0] == "NSAID"
    assert daily[c.TOTAL_MG].iloc[0] == 500.0


# --- per medicine as of a date -------------------------------------------------

@pytest.mark.parametrize(("as_of_day", "used", "longest", "current", "last_day"), [
    (5, 5, 3, 2, 5),
    (6, 5, 3, 0, 5),  # not taken on as_of: no current run
    (3, 3, 3, 0, 2),
    (2, 3, 3, 3, 2),
])
def test_medicine_use(as_of_day: int, used: int, longest: int, current: int, last_day: int) -> None:
    log = doses([(1, day, "ibuprofen", 400, count) for day, count in
                 [(0, 3), (1, 1), (2, 2), (4, 2), (5, 2)]])
    use = m.medicine_use(log, on(as_of_day))
    assert list(use.columns) == [c.EPISODE_ID, c.MEDICINE, c.DRUG_CLASS, m.FIRST_DATE, m.LAST_DATE,
                                 m.DAYS_USED, m.LONGEST_RUN_DAYS, m.CURRENT_RUN_DAYS, m.MAX_DAILY_MG,
                                 m.USUAL_DAILY_MG, m.LIMIT_MG, m.PRESCRIBED_LIMIT_MG]
    row = use.iloc[0]
    assert (row[m.DAYS_USED], row[m.LONGEST_RUN_DAYS], row[m.CURRENT_RUN_DAYS]) == (used, longest, current)
    assert (row[m.FIRST_DATE], row[m.LAST_DATE]) == (on(0), on(last_day))
    assert row[m.MAX_DAILY_MG] == 1200.0
    assert row[m.LIMIT_MG] == 1200.0


def test_usual_daily_dose_is_the_median() -> None:
    log = doses([(1, 0, "paracetamol", 500, 2), (1, 1, "paracetamol", 500, 8), (1, 2, "paracetamol", 500, 4),
                 (1, 3, "paracetamol", 500, 6), (1, 1, "diazepam", 2, 1)])
    use = m.medicine_use(log, "2026-03-31")
    assert list(use[c.MEDICINE]) == ["diazepam", "paracetamol"]
    assert list(use[m.USUAL_DAILY_MG]) == [2.0, 2500.0]
    assert math.isnan(use[m.LIMIT_MG].iloc[0])


def test_nothing_before_as_of_gives_no_rows() -> None:
    assert m.medicine_use(doses([(1, 5, "ibuprofen", 400, 1)]), on(4)).empty


# --- NSAIDs and paracetamol alone ------------------------------------------------

def test_nsaids_per_day() -> None:
    counts = m.nsaids_per_day(doses([(1, 0, "ibuprofen", 400, 1), (1, 0, "naproxen", 250, 1),
                                     (1, 1, "ibuprofen", 400, 1), (1, 1, "ibuprofen", 200, 1),
                                     (1, 2, "paracetamol", 500, 2), (2, 0, "diclofenac", 50, 1)]))
    assert list(counts.columns) == [c.EPISODE_ID, c.DATE, m.NSAID_COUNT]
    assert list(counts[c.EPISODE_ID]) == [1, 1, 1, 2]
    assert list(counts[c.DATE]) == [on(0), on(1), on(2), on(0)]
    assert list(counts[m.NSAID_COUNT]) == [2, 1, 0, 1]


def test_paracetamol_only() -> None:
    log = doses([(1, 0, "paracetamol", 500, 2), (1, 1, "paracetamol", 500, 2), (1, 1, "ibuprofen", 400, 1),
                 (1, 2, "paracetamol", 500, 2), (1, 2, "diazepam", 2, 1), (1, 3, "codeine", 30, 1),
                 (1, 3, "paracetamol", 500, 1), (1, 9, "paracetamol", 500, 1)])
    days = m.painkiller_days(log, entries(1, [0, 1, 2, 3, 4]))
    assert list(days.columns) == [c.EPISODE_ID, c.DATE, m.PARACETAMOL_ONLY]
    assert list(days[c.DATE]) == [on(d) for d in (0, 1, 2, 3, 4, 9)]
    assert list(days[m.PARACETAMOL_ONLY]) == [True, False, True, False, False, True]


# --- errors, emptiness, purity ---------------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.drop(columns=[c.TOTAL_MG, c.COUNT]), "The doses are missing the column(s): count, total_mg."),
    (lambda d: d.assign(**{c.COUNT: -1}), "The column count of the doses has a negative value (-1)."),
    (lambda d: d.assign(**{c.MEDICINE: None}), "The doses have rows without a medicine name."),
    (lambda d: d.assign(**{c.EPISODE_ID: None}), "The doses have rows without an episode_id."),
    (lambda d: [1, 2], "The doses must be a pandas DataFrame, not list."),
])
def test_invalid_doses_are_refused(change, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        m.daily_totals(change(doses([(1, 0, "ibuprofen", 400, 1)])))
    assert str(error.value) == message


def test_bad_as_of_is_refused() -> None:
    with pytest.raises(ValidationError, match="^as_of must be a date"):
        m.medicine_use(doses([(1, 0, "ibuprofen", 400, 1)]), "next week")


@pytest.mark.parametrize("function", [m.daily_totals, m.nsaids_per_day, lambda d: m.medicine_use(d, ONSET),
                                      lambda d: m.painkiller_days(d, entries(1, []))])
def test_empty_doses_give_empty_frames(function) -> None:
    assert function(doses([])).empty


def test_synthetic_codeine_course() -> None:
    spec = synthetic.DiarySpec("m", "recovery_by_week_12", days=30, codeine_days=6, seed=307)
    _, log, _ = synthetic.generate(spec, episode_id=4)
    use = m.medicine_use(log, pd.Timestamp(spec.onset) + pd.Timedelta(days=10))
    codeine = use[use[c.MEDICINE] == "codeine"].iloc[0]
    assert (codeine[m.DAYS_USED], codeine[m.LONGEST_RUN_DAYS], codeine[m.CURRENT_RUN_DAYS]) == (6, 6, 0)
    assert codeine[m.USUAL_DAILY_MG] == 90.0


# --- random dose logs -------------------------------------------------------------

@st.composite
def random_doses(draw: st.DrawFn) -> pd.DataFrame:
    names = sorted(MEDICINES)
    rows = draw(st.lists(st.tuples(st.integers(1, 3), st.integers(0, 30), st.sampled_from(names),
                                   st.sampled_from([1, 30, 250, 400, 500, 1000]), st.integers(0, 6)),
                         max_size=60))
    return doses(rows)


@settings(max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=random_doses(), seed=st.integers(0, 2**16), as_of_day=st.integers(-2, 35))
def test_random_dose_logs_never_raise_and_ignore_row_order(log: pd.DataFrame, seed: int,
                                                           as_of_day: int) -> None:
    before = log.copy()
    shuffled = log.sample(frac=1, random_state=seed)
    diary = entries(2, list(range(0, 30, 3)))
    for function in (m.daily_totals, m.nsaids_per_day, lambda d: m.medicine_use(d, on(as_of_day)),
                     lambda d: m.painkiller_days(d, diary)):
        pd.testing.assert_frame_equal(function(log), function(shuffled))
    pd.testing.assert_frame_equal(log, before)
    daily = m.daily_totals(log)
    assert (daily[m.CLASS_RUN_DAYS] >= daily[m.RUN_DAYS]).all()
    assert daily[c.TOTAL_MG].sum() == pytest.approx(log[c.TOTAL_MG].sum())


# --- issue 9: two tiers of maxima, low-dose aspirin, days of a drug class ----------------------

def test_over_the_counter_and_prescribed_maxima() -> None:
    daily = m.daily_totals(doses([(1, 0, "ibuprofen", 600, 4), (1, 1, "ibuprofen", 800, 4),
                                  (1, 0, "naproxen", 500, 2), (1, 0, "codeine", 60, 4)]))
    got = daily[[c.MEDICINE, m.MAX_DAILY_MG, m.OVER_LIMIT, m.PRESCRIBED_MAX_MG, m.OVER_PRESCRIBED_MAX]]
    assert got.values.tolist() == [["codeine", 240.0, False, 240.0, False],
                                   ["ibuprofen", 1200.0, True, 2400.0, False],
                                   ["naproxen", 660.0, True, 1000.0, False],
                                   ["ibuprofen", 1200.0, True, 2400.0, True]]


@pytest.mark.parametrize(("aspirin", "count"), [((75, 1), 1), ((75, 2), 1), ((150, 1), 1), ((151, 1), 2),
                                                 ((300, 2), 2)])
def test_low_dose_aspirin_is_not_counted_as_an_nsaid(aspirin: tuple[int, int], count: int) -> None:
    mg, times = aspirin
    per_day = m.nsaids_per_day(doses([(1, 0, "aspirin", mg, times), (1, 0, "ibuprofen", 400, 3)]))
    assert per_day[m.NSAID_COUNT].tolist() == [count]


def test_low_dose_aspirin_leaves_paracetamol_alone() -> None:
    days = m.painkiller_days(doses([(1, 0, "aspirin", 75, 1), (1, 0, "paracetamol", 1000, 4),
                                    (1, 1, "aspirin", 300, 2), (1, 1, "paracetamol", 1000, 4)]), entries(1, [0, 1]))
    assert days[m.PARACETAMOL_ONLY].tolist() == [True, False]


def test_class_days() -> None:
    days = m.class_days(doses([(1, 0, "prednisolone", 40, 1), (1, 1, "ibuprofen", 400, 1),
                               (2, 0, "dexamethasone", 4, 2)]), ("oral steroid",))
    assert days[[c.EPISODE_ID, m.TAKEN]].values.tolist() == [[1, True], [1, False], [2, True]]
