"""Dates as text and as datetime.date, each distinct day made once (analysis.model.dates), against strftime."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.model.dates import day_numbers_of, day_values, iso_day_values, plain_date

_DAYS = st.one_of(st.none(), st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)),
                  st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 3, 31)))


@given(st.lists(_DAYS, max_size=40))
def test_each_row_reads_its_own_day_whatever_the_spread_of_the_dates(days: list[dt.date | None]) -> None:
    stamps = pd.Series(pd.to_datetime(days), dtype="datetime64[us]")
    assert day_values(stamps).tolist() == days
    assert iso_day_values(stamps).tolist() == ["NaT" if d is None else d.isoformat() for d in days]


def test_a_million_rows_over_a_hundred_days_are_coded_by_their_offset() -> None:
    stamps = np.datetime64("2026-01-01", "us") + np.arange(1_000_000) % 100 * np.timedelta64(1, "D")
    text = iso_day_values(stamps)
    assert text[0] == "2026-01-01" and text[99] == "2026-04-10" and text[100] is text[0]  # one str per day


def test_plain_dates_have_no_padded_day_number() -> None:
    assert plain_date(dt.date(2026, 3, 7)) == "7 Mar 2026"


@given(st.lists(st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1)), max_size=30),
       st.sampled_from(["s", "ms", "us", "ns"]))
def test_day_numbers_are_the_floored_days_in_every_unit(stamps: list[dt.datetime], unit: str) -> None:
    values = np.array(stamps, dtype=f"datetime64[{unit}]")
    assert day_numbers_of(values).tolist() == values.astype("datetime64[D]").astype(np.int64).tolist()


def test_days_ago_in_words() -> None:
    from analysis.model.dates import days_ago

    assert [days_ago(n) for n in (-1, 0, 1, 2, 10)] == ["today", "today", "yesterday", "2 days ago", "10 days ago"]
