"""What a summary reads once and hands on (issue 12) gives the same answers as reading it again."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.alerts import engine
from analysis.course import medication_use, recovery
from analysis.course.grid import daily_grid
from analysis.course.pain_rows import load_diary
from analysis.ingest import synthetic
from analysis.model import columns as c


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return synthetic.generate_many(synthetic.demo_specs())


def test_daily_totals_from_a_shared_read_are_the_same(frames) -> None:
    _, doses, _ = frames
    read = medication_use.dose_days(doses)
    pd.testing.assert_frame_equal(medication_use.daily_totals(doses, read), medication_use.daily_totals(doses))
    fewer = doses.iloc[: len(doses) // 2]  # a read of other rows is not used
    pd.testing.assert_frame_equal(medication_use.daily_totals(fewer, read), medication_use.daily_totals(fewer))


def test_the_grid_from_a_shared_dose_read_is_the_same(frames) -> None:
    entries, doses, symptoms = frames
    read = medication_use.dose_days(doses)
    pd.testing.assert_frame_equal(daily_grid(entries, doses, symptoms, doses_read=read),
                                  daily_grid(entries, doses, symptoms))
    cut = doses[c.DATE].min() + pd.Timedelta(days=5)
    pd.testing.assert_frame_equal(daily_grid(entries, doses, symptoms, as_of=cut, doses_read=read),
                                  daily_grid(entries, doses, symptoms, as_of=cut))


def test_the_seven_day_mean_is_computed_once_per_diary_and_read_only(frames) -> None:
    entries, _, _ = frames
    diary = load_diary(entries)
    mean, count = recovery.rolling_mean(diary)
    assert recovery.rolling_mean(diary)[0] is mean
    assert not mean.flags.writeable and not count.flags.writeable
    np.testing.assert_array_equal(mean, recovery._rolling_mean(load_diary(entries))[0])


def test_alerts_from_shared_reads_are_the_same(frames) -> None:
    entries, doses, symptoms = frames
    grid = daily_grid(entries, doses, symptoms)
    shared = engine.alerts(entries, doses, symptoms, grid=grid, doses_read=medication_use.dose_days(doses),
                           diary=load_diary(entries, grid=grid))
    pd.testing.assert_frame_equal(shared, engine.alerts(entries, doses, symptoms))
    cut = entries[c.DATE].max() - pd.Timedelta(days=10)  # rows after as_of: the shared reads are not used
    pd.testing.assert_frame_equal(
        engine.alerts(entries, doses, symptoms, as_of=cut, doses_read=medication_use.dose_days(doses),
                      diary=load_diary(entries)),
        engine.alerts(entries, doses, symptoms, as_of=cut))
