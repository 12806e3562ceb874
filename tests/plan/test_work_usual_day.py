"""Half days and full days are the person's own (review 24: a 4-hour part-time day was followed by "full days (about
8 hours)"): half of the usual working day first, the whole of it after two weeks; not said, 8 hours as before, and
the words say it was assumed."""
from __future__ import annotations

import pandas as pd

from analysis.plan import work
from analysis.plan.text import work_words


def _worked(days: list[str], hours: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(days), "hours": hours})


def test_a_4_hour_usual_day_gives_2_hour_half_days_then_4_hour_full_days() -> None:
    days = _worked(["2026-03-02", "2026-03-03"], [2.0, 2.0])
    assert work.work_plan(days, "2026-03-03", 4) == work.WorkPlan(work.HALF_DAYS, 2.0, 4)
    assert work.work_plan(days, "2026-03-16", 4) == work.WorkPlan(work.FULL_DAYS, 4.0, 4)  # day 14


def test_kept_working_a_4_hour_usual_day_stays_on_full_days() -> None:
    days = _worked(["2026-03-02", "2026-03-03", "2026-03-04"], [4.0, 4.0, 4.0])
    assert work.work_plan(days, "2026-03-05", 4) == work.WorkPlan(work.FULL_DAYS, 4.0, 4)
    assert work.work_plan(days, "2026-03-05").plan == work.HALF_DAYS  # against 8 hours, 4 is a half day


def test_not_said_is_8_hours_as_before() -> None:
    days = _worked(["2026-03-02", "2026-03-03"], [4.0, 4.0])
    assert work.work_plan(days, "2026-03-04") == work.WorkPlan(work.HALF_DAYS, 4.0, None)
    assert work.work_plan(days, "2026-03-16") == work.WorkPlan(work.FULL_DAYS, work.FULL_DAY_HOURS, None)


def test_the_words_say_when_8_hours_were_assumed() -> None:
    assumed = {"plan": work.FULL_DAYS, "hours_target": 8.0, "usual_day_hours": None}
    assert work_words(assumed, "below") == ("Work: full days (about 8 hours; set your usual working day below if yours "
                                            "is different).")
    own = {"plan": work.HALF_DAYS, "hours_target": 2.0, "usual_day_hours": 4.0}
    assert work_words(own) == "Work: half days (about 2 hours)."
