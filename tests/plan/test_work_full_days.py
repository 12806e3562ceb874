"""Half days are for building up "if necessary" (seed 000): someone who kept working full days from the start is
not cut to half days; back after more than a week off, half days come first all the same (review 24)."""
from __future__ import annotations

import pandas as pd

from analysis.plan import work


def _worked(days: list[str], hours: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(days), "hours": hours})


def test_full_days_from_the_start_stay_full_days() -> None:
    days = _worked(["2026-03-02", "2026-03-03", "2026-03-04"], [8.0, 8.0, 8.0])
    assert work.work_plan(days, "2026-03-05") == work.WorkPlan(work.FULL_DAYS, 8.0)


def test_a_shorter_latest_day_starts_the_half_days() -> None:
    days = _worked(["2026-03-02", "2026-03-03"], [8.0, 3.0])
    assert work.work_plan(days, "2026-03-04") == work.WorkPlan(work.HALF_DAYS, 4.0)


def test_back_after_time_off_a_full_first_day_still_starts_with_half_days() -> None:
    days = _worked(["2026-03-02", "2026-03-03", "2026-03-16"], [8.0, 8.0, 8.0])
    assert work.work_plan(days, "2026-03-17") == work.WorkPlan(work.HALF_DAYS, 4.0)
