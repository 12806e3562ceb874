"""The diary schema (analysis.ingest.schema.DiaryRow, pandera's object API) is the DataFrameModel it replaced.

Why the object API: building a DataFrameModel's schema imports dask.dataframe whenever dask is installed
(pandera.typing looks for dask's index and series types), a second or more of every `import` and `check`
command. The model below is the former declaration, kept as the reference; the two must agree on every
column, dtype, null rule, range, parser and check, and both must judge frames alike.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from analysis.ingest import schema
from analysis.ingest.schema import DAY_KEY, DUPLICATE, RANGES, UNITS, DiaryRow, to_number
from analysis.model import columns as c

ROOT = Path(__file__).resolve().parents[2]


def _within(column: str, nullable: bool = True):
    low, high = RANGES[column]
    return pa.Field(ge=low, le=high, nullable=nullable)


class ReferenceRow(pa.DataFrameModel):
    """The DataFrameModel DiaryRow was until issue 12's start-up work."""

    date: Series[pd.Timestamp] = pa.Field(nullable=False)
    pain: Series[float] = _within(c.PAIN, nullable=False)
    worst_pain: Series[float] | None = _within(c.WORST_PAIN)
    activity_minutes: Series[float] | None = _within(c.ACTIVITY)
    bed_rest_hours: Series[float] | None = _within(c.BED_REST)
    normal_activity_minutes: Series[float] | None = _within(c.NORMAL_ACTIVITY)
    onset_date: Series[pd.Timestamp] | None = pa.Field(nullable=True)
    patient: Series[str] | None = pa.Field(nullable=False)
    episode: Series[str] | None = pa.Field(nullable=False)
    notes: Series[str] | None = pa.Field(nullable=False)
    medications: Series[str] | None = pa.Field(nullable=True)
    symptoms: Series[str] | None = pa.Field(nullable=True)
    seen: Series[str] | None = pa.Field(nullable=True)  # added with the diary CSV's seen column
    activity_source: Series[str] | None = pa.Field(nullable=True)  # added with the activity_source column

    @pa.parser(*schema.NUMBER_COLUMNS)
    def _numbers(cls, values: pd.Series) -> pd.Series:
        return to_number(values, UNITS.get(str(values.name)))

    @pa.parser(*schema.DATE_COLUMNS)
    def _dates(cls, values: pd.Series) -> pd.Series:
        return schema._dates(values)

    @pa.dataframe_check(name=DUPLICATE)
    def _one_row_per_day(cls, df: pd.DataFrame) -> Series[bool]:
        key = [k for k in DAY_KEY if k in df.columns]
        return ~(df.duplicated(key, keep=False) & df[c.DATE].notna())

    class Config:
        strict = "filter"


def _shape(model: pa.DataFrameSchema) -> dict:
    columns = {name: (str(col.dtype), col.nullable, col.required, col.coerce, col.unique,
                      [(check.name, check.statistics) for check in col.checks],
                      [parser.name for parser in col.parsers]) for name, col in model.columns.items()}
    return {"columns": columns, "order": list(model.columns), "checks": [check.name for check in model.checks],
            "strict": model.strict, "coerce": model.coerce, "index": model.index, "parsers": model.parsers}


def test_the_schema_is_the_model_it_replaced() -> None:
    assert _shape(DiaryRow) == _shape(ReferenceRow.to_schema())


def test_both_judge_frames_alike() -> None:
    frames = [
        pd.DataFrame({c.DATE: ["2026-03-01", "2026-03-02"], c.PAIN: ["4,5", "11"], c.ACTIVITY: ["90 min", "-1"]}),
        pd.DataFrame({c.DATE: ["2026-03-01", "2026-03-01"], c.PAIN: ["4", "5"], c.PATIENT: ["A", "A"]}),
        pd.DataFrame({c.DATE: [None, "2026-03-02"], c.PAIN: [None, "x"], c.NOTES: [None, "ok"]}),
        pd.DataFrame({c.DATE: ["2026-03-01"], c.PAIN: ["7/10"], c.BED_REST: ["90 min"], "extra": [1]}),
    ]
    for frame in frames:
        found = []
        for model in (DiaryRow, ReferenceRow.to_schema()):
            try:
                found.append(model.validate(frame.copy(), lazy=True).to_dict("list"))
            except pa.errors.SchemaErrors as errors:
                found.append(errors.failure_cases[["column", "check", "index"]].astype(str).values.tolist())
        assert found[0] == found[1]


def test_checking_a_file_does_not_load_dask() -> None:
    """`python -m analysis check FILE` reads and validates without importing dask (a second of start-up)."""
    code = ("import sys, datetime; from analysis.ingest.importer import read_diary_file; "
            "read_diary_file('sample_data/1_anna_rapid_recovery.csv', today=datetime.date(2026, 12, 1)); "
            "print('dask' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
