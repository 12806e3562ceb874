"""`schema.holds`, the quick pass of the pandera model, agrees with pandera's own validate.

`row_failures` skips pandera's lazy search for failing rows when `holds` says the frame passes, so
`holds` must never pass a frame that pandera refuses: each way a row can fail (each range, each null rule,
a date after tomorrow, two rows for one day, a wrong dtype, a missing column) is tried here on its own;
frames pandera passes must pass.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest import schema
from analysis.model import columns as c
from tests.property_budget import examples

TODAY = dt.date(2026, 3, 10)


def valid() -> pd.DataFrame:
    """Three typed rows as FileReading._typed makes them, all valid."""
    dates = pd.Series(pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-03"]), dtype="datetime64[us]")
    text = {column: pd.Series(values, dtype="str") for column, values in {
        c.PATIENT: ["ann"] * 3, c.EPISODE_LABEL: [""] * 3, c.NOTES: ["", "walked", ""],
        c.MEDICATIONS: ["ibuprofen 400 mg", None, None], c.SYMPTOMS: [None, None, "fever"]}.items()}
    return pd.DataFrame({c.PAIN: [5.0, 4.0, 3.0], c.WORST_PAIN: [6.0, np.nan, 4.0], c.ACTIVITY: [20.0, np.nan, 30.0],
                         c.BED_REST: [np.nan, 1.5, 0.0], c.NORMAL_ACTIVITY: [60.0] * 3, c.DATE: dates,
                         c.ONSET_DATE: pd.Series([pd.NaT] * 3, dtype="datetime64[us]"), **text, "time": ["", "", ""]})


def _set(column: str, row: int, value: object) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame
    return change


CHANGES: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    **{f"{column} below": _set(column, 1, schema.RANGES[column][0] - 0.5) for column in schema.NUMBER_COLUMNS},
    **{f"{column} above": _set(column, 2, schema.RANGES[column][1] + 0.5) for column in schema.NUMBER_COLUMNS},
    "no pain": _set(c.PAIN, 0, np.nan),
    "no date": _set(c.DATE, 1, pd.NaT),
    "no patient": _set(c.PATIENT, 0, None),
    "no notes": _set(c.NOTES, 0, None),
    "date after tomorrow": _set(c.DATE, 2, pd.Timestamp(TODAY) + pd.Timedelta(days=2)),
    "onset after tomorrow": _set(c.ONSET_DATE, 0, pd.Timestamp(TODAY) + pd.Timedelta(days=5)),
    "two rows one day": _set(c.DATE, 1, pd.Timestamp("2026-03-01")),
    "patient as numbers": lambda f: f.assign(**{c.PATIENT: [1, 2, 3]}),
    "no pain column": lambda f: f.drop(columns=c.PAIN),
    "no date column": lambda f: f.drop(columns=c.DATE),
}
HOLDING: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "as typed": lambda f: f,
    "pain as text": lambda f: f.assign(**{c.PAIN: ["5", "4,5", " 3 "]}),  # the model's parser reads it
    "tomorrow": _set(c.DATE, 2, pd.Timestamp(TODAY) + pd.Timedelta(days=1)),
    "edges": lambda f: f.assign(**{column: [schema.RANGES[column][0], schema.RANGES[column][1], np.nan]
                                   for column in schema.NUMBER_COLUMNS if column != c.PAIN}),
    "without optional columns": lambda f: f.drop(columns=[c.WORST_PAIN, c.ONSET_DATE, c.SYMPTOMS]),
    "one day in two episodes": lambda f: f.assign(**{c.EPISODE_LABEL: pd.Series(["a", "b", "b"], dtype="str"),
                                                     c.DATE: f[c.DATE].where(f.index != 1, f[c.DATE][0])}),
}


def _pandera_passes(frame: pd.DataFrame) -> bool:
    try:
        schema.diary_schema(TODAY).validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


@pytest.mark.parametrize("name", list(CHANGES))
def test_holds_refuses_what_pandera_refuses(name: str) -> None:
    frame = CHANGES[name](valid())
    assert not _pandera_passes(frame)
    assert not schema.holds(schema.diary_schema(TODAY), frame)


@pytest.mark.parametrize("name", list(HOLDING))
def test_holds_passes_what_pandera_passes(name: str) -> None:
    frame = HOLDING[name](valid())
    assert _pandera_passes(frame)
    assert schema.holds(schema.diary_schema(TODAY), frame)
    assert schema.row_failures(frame, TODAY).empty



_ODD_NUMBERS = [np.nan, -1.0, -0.5, 10.5, 24.5, 1441.0, 1e9]
_ODD_DAYS = [pd.NaT, pd.Timestamp(TODAY) + pd.Timedelta(days=2), pd.Timestamp("2026-03-01")]
_ODD_TEXT = [None, "", "=1+1"]


@st.composite
def _frames(draw: st.DrawFn) -> pd.DataFrame:
    """A valid frame of 1-6 rows (values anywhere in range), then none, one or a few cells set to a value
    that may break a rule (out of range, missing, after tomorrow, a day already in the diary, empty text)."""
    rows = draw(st.integers(1, 6))
    frame = valid().iloc[[0] * rows].reset_index(drop=True)
    for column in schema.NUMBER_COLUMNS:
        low, high = schema.RANGES[column]
        frame[column] = draw(st.lists(st.floats(low, high), min_size=rows, max_size=rows))
    days = draw(st.lists(st.integers(-40, 1), min_size=rows, max_size=rows, unique=True))
    frame[c.DATE] = pd.Series([pd.Timestamp(TODAY) + pd.Timedelta(days=k) for k in days], dtype="datetime64[us]")
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.integers(0, rows - 1))
        column = draw(st.sampled_from([*schema.NUMBER_COLUMNS, c.DATE, c.ONSET_DATE, c.PATIENT, c.NOTES]))
        odd = _ODD_NUMBERS if column in schema.NUMBER_COLUMNS else _ODD_DAYS if column in (c.DATE, c.ONSET_DATE) \
            else _ODD_TEXT
        frame.loc[row, column] = draw(st.sampled_from(odd))
    return frame


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_frames())
def test_holds_agrees_with_pandera_on_random_frames(frame: pd.DataFrame) -> None:
    """The safety direction first: a frame the quick pass lets through is one pandera passes (else a bad
    row would be stored); and a frame pandera passes is not sent the slow way for nothing."""
    assert schema.holds(schema.diary_schema(TODAY), frame) == _pandera_passes(frame)
