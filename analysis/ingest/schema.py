"""The pandera model of one diary row, and the tolerant readers for its values.

``DiaryRow`` names the columns of the canonical diary once, with their ranges.
Numbers go through a parser (``"4,5"`` -> 4.5, ``" 7 "`` -> 7) rather
than pandera coercion, because a failed coercion hides that column's range
checks. Dates are read by ``read_dates`` with a date order decided per file
(see ``date_order``), so the model itself takes datetimes or ISO text.

``row_failures`` validates a whole frame at once (``lazy=True``) and returns one
row per failing cell, which the importer turns into sentences.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import Engine

from analysis.ingest.numbers import (  # noqa: F401 (the readers of cell values, named here as before the split)
    UNITS,
    grouped_sentence,
    header_factor,
    to_number,
    unclear_grouping,
)
from analysis.model import columns as c
from analysis.model.limits import FUTURE_SLACK_DAYS, bounds

NUMBER_COLUMNS = [c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NORMAL_ACTIVITY]
# The allowed ranges are analysis.model.limits' (stated once there); the pandera checks below read them.
RANGES: dict[str, tuple[float, float]] = {column: bounds(column) for column in NUMBER_COLUMNS}
DATE_COLUMNS = [c.DATE, c.ONSET_DATE]
TEXT_COLUMNS = [c.PATIENT, c.EPISODE_LABEL, c.NOTES, c.MEDICATIONS, c.SYMPTOMS, c.SEEN, c.ACTIVITY_SOURCE]
DAY_KEY = [c.PATIENT, c.EPISODE_LABEL, c.DATE]  # one row per day within an episode

FUTURE = "not_in_future"
DUPLICATE = "one_row_per_day"
MISSING = "not_nullable"
ROW = "row"
COLUMN = "column"
CHECK = "check"


def _numbers(values: pd.Series) -> pd.Series:
    """A number column's cells as floats: "4,5" -> 4.5, " 7 " -> 7, "90 min" -> 90 (NaN when unreadable)."""
    return to_number(values, UNITS.get(str(values.name)))


def _dates(values: pd.Series) -> pd.Series:
    """A date column as midnights: datetimes as they are, ISO text read (read_dates has read the file's own order)."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":  # counted in numpy: .dt.normalize()
        days = values.to_numpy().astype("datetime64[D]").astype(values.dtype)  # also infers a frequency
        return pd.Series(days, index=values.index, name=values.name)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.normalize()
    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")


def _one_row_per_day(df: pd.DataFrame) -> pd.Series:
    key = [k for k in DAY_KEY if k in df.columns]
    return ~(df.duplicated(key, keep=False) & df[c.DATE].notna())


def _number(column: str, required: bool = False) -> pa.Column:
    low, high = RANGES[column]
    return pa.Column(float, checks=[pa.Check.greater_than_or_equal_to(low), pa.Check.less_than_or_equal_to(high)],
                     parsers=pa.Parser(_numbers), nullable=not required, required=required)


def _date(required: bool = False) -> pa.Column:
    return pa.Column(pd.Timestamp, parsers=pa.Parser(_dates), nullable=not required, required=required)


def _text(nullable: bool) -> pa.Column:
    return pa.Column(str, nullable=nullable, required=False)


# One diary day, in the canonical column names of analysis.model.columns: only date and pain are required.
# Numbers go through a parser, not pandera's coercion (a failed coercion hides the column's range checks).
# Why pandera's object API and not a DataFrameModel class: building a model's schema imports dask.dataframe
# whenever dask is installed (pandera.typing looks for dask's index and series types), a second or more of
# every `import` and `check` command; tests/ingest/test_schema_model.py checks this equals that model.
DiaryRow = pa.DataFrameSchema({
    c.DATE: _date(required=True), c.PAIN: _number(c.PAIN, required=True), c.WORST_PAIN: _number(c.WORST_PAIN),
    c.ACTIVITY: _number(c.ACTIVITY), c.BED_REST: _number(c.BED_REST), c.NORMAL_ACTIVITY: _number(c.NORMAL_ACTIVITY),
    c.ONSET_DATE: _date(), c.PATIENT: _text(nullable=False), c.EPISODE_LABEL: _text(nullable=False),
    c.NOTES: _text(nullable=False), c.MEDICATIONS: _text(nullable=True), c.SYMPTOMS: _text(nullable=True),
    c.SEEN: _text(nullable=True), c.ACTIVITY_SOURCE: _text(nullable=True),
}, checks=pa.Check(_one_row_per_day, name=DUPLICATE), strict="filter", name="DiaryRow")


@lru_cache(maxsize=4)
def diary_schema(today: date) -> pa.DataFrameSchema:
    """DiaryRow plus the check that no date lies after tomorrow (FUTURE_SLACK_DAYS after ``today``).

    Built once per ``today`` (building it took longer than checking a small file; a schema is not
    changed by validating with it)."""
    schema = DiaryRow
    limit = pd.Timestamp(today) + pd.Timedelta(days=FUTURE_SLACK_DAYS)
    for column in DATE_COLUMNS:
        after_today = pa.Check(lambda values: values <= limit, name=FUTURE)
        checks = [*schema.columns[column].checks, after_today]
        schema = schema.update_column(column, checks=checks)
    return schema


def row_failures(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Every failing cell of ``frame``: columns ROW (index label), COLUMN, CHECK.

    CHECK is ``not_nullable``, ``greater_than_or_equal_to(..)``,
    ``less_than_or_equal_to(..)``, ``not_in_future`` or ``one_row_per_day``
    (reported once per row, on DATE). Empty when the frame is valid.
    """
    model = diary_schema(today)
    if holds(model, frame):  # the usual file: no failing cell to look for
        return pd.DataFrame(columns=[ROW, COLUMN, CHECK])
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        cases = cases.assign(column=cases["column"].where(cases["check"] != DUPLICATE, c.DATE))
        cases = cases.rename(columns={"index": ROW}).drop_duplicates([ROW, COLUMN, CHECK])
        return cases[[ROW, COLUMN, CHECK]].reset_index(drop=True)
    return pd.DataFrame(columns=[ROW, COLUMN, CHECK])


def holds(model: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """True when ``frame`` passes ``model``: the model's own parsers, dtypes, null rules and checks, run
    column by column as pandera runs them, without its search for the failing rows and its error report.

    Why: a full lazy validate costs ~30 ms per file even when nothing fails, most of it building that
    report; the usual file fails nothing. Nothing here restates a range or a rule: a False (or a feature
    of the model not handled here) sends the frame through the full validate, which finds every failing cell.
    """
    if model.parsers or model.unique or model.coerce or model.index is not None:
        return False
    parsed = {}
    for name, column in model.columns.items():
        if name not in frame.columns:
            if column.required:
                return False
            continue
        if column.coerce or column.unique or column.regex or column.drop_invalid_rows:
            return False
        values = frame[name]
        for parser in column.parsers:  # as pandera's backend applies a whole-column parser
            parse = getattr(parser, "_parser_fn", None)  # not public: if pandera renames it, the full validate runs
            if parse is None or parser.element_wise or parser.ignore_na:
                return False
            values = parse(values, **getattr(parser, "_parser_kwargs", {}))
        if not column.nullable and values.isna().any():
            return False
        try:
            if column.dtype is not None and not np.all(column.dtype.check(Engine.dtype(values.dtype), values)):
                return False
        except TypeError:  # a dtype pandera does not know: let the full validate say what it makes of it
            return False
        if not all(_passes(check, values) for check in column.checks):
            return False
        parsed[name] = values
    whole = pd.DataFrame(parsed, index=frame.index)  # the columns the model keeps (strict = "filter")
    return all(_passes(check, whole) for check in model.checks)


# pandera's built-in range checks, by name: the statistic holding the bound, and the comparison it makes
_BOUNDS = {"greater_than_or_equal_to": ("min_value", np.greater_equal),
           "less_than_or_equal_to": ("max_value", np.less_equal)}


def _passes(check: pa.Check, data: pd.Series | pd.DataFrame) -> bool:
    """``check(data).check_passed``, quicker when it passes: the check's own function (a built-in range
    check as numpy compares, with its own bound) on what pandera gives it (without missing values where
    the check ignores them); anything else, or a failure, asks pandera itself.

    Why: pandera's call costs ~0.2 ms around a comparison of a few dozen numbers, twelve times a file.
    """
    if check.groupby is not None or check.element_wise:
        return bool(check(data).check_passed)
    if isinstance(data, pd.Series) and check.ignore_na and data.hasnans:
        data = data.dropna()  # as pandera's preprocessing of a column for such a check
    bound = _BOUNDS.get(check.name)
    if bound and bound[0] in check.statistics and isinstance(data, pd.Series) and data.dtype == np.float64:
        passed = bool(bound[1](data.to_numpy(), check.statistics[bound[0]]).all())
    else:
        run = getattr(check, "_check_fn", None)  # not public: if pandera renames it, pandera's own call decides
        result = run(data, **getattr(check, "_check_kwargs", {})) if run is not None else None
        passed = bool(result.all()) if isinstance(result, pd.Series) else result is True or result is np.True_
    return passed or bool(check(data).check_passed)


# ---------------------------------------------------------------- value readers

_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
# a time after the date is read past (the day is the date as written): 08:15, 08:15:00.5, 8:15 PM, and an ISO time's
# zone (2026-06-01T08:15:00Z, +02:00), which names the writer's own day (review 30: these were "not a date")
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_NUMERIC_DATE = rf"^\s*(?P<a>\d{{1,4}})[./-](?P<b>\d{{1,2}})[./-](?P<c>\d{{1,4}}){_TIME}\s*$"
_NAMED_DATE = (r"^\s*(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?P<m1>[a-z]{3,9})\.?"
               r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?),?\s+(?P<y>\d{4})\s*$")


# The form nearly every diary date takes (2026-03-05, also 2026-3-5), split without pandas: its parts are year, month
# and day whether or not the date exists, exactly as _split's ISO and year-first readings give them (a year
# from 1000 on; other text, and "0999-01-01", take _split's way). ASCII digits only, as "\d" would take others.
_PLAIN_ISO = re.compile(r"([1-9][0-9]{3})-([0-9]{1,2})-([0-9]{1,2})")


def date_parts(text: pd.Series) -> pd.DataFrame:
    """Split date text into integer parts: ``year`` and either ``month``/``day``
    (ISO, or month written as a word) or ``first``/``second`` when the order of
    day and month is unknown (``03/02/2026``); ``dotted`` marks ``03.02.2026``,
    a form only ever written day-first. Unreadable text gives NaN parts.

    The parts are gathered in numpy arrays by position and made a frame once (setting them into a
    frame row-subset by row-subset cost ~1 ms per assignment, the most of a small file's dates).
    Plain ISO text is split in Python (a file's few dozen distinct dates: the pandas calls of _split
    cost several ms per file whatever their length); only the other text goes through _split.
    """
    parts = {name: np.full(len(text), np.nan) for name in ("year", "month", "day", "first", "second")}
    dotted = np.zeros(len(text), dtype=bool)
    present = text.notna().to_numpy()
    rest = present.copy()
    year, month, day = parts["year"], parts["month"], parts["day"]
    for position, value in enumerate(text.tolist()):
        found = _PLAIN_ISO.fullmatch(value) if rest[position] and isinstance(value, str) else None
        if found:
            year[position], month[position], day[position] = (int(part) for part in found.groups())
            rest[position] = False
    if rest.any():
        _split(text, rest, parts, dotted)
    return pd.DataFrame({**parts, "dotted": dotted}, index=text.index)


def _split(text: pd.Series, present: np.ndarray, parts: dict[str, np.ndarray], dotted: np.ndarray) -> None:
    """date_parts' reading of the `present` cells of `text` into `parts` and `dotted` (by position)."""
    text = text[present]
    at = np.flatnonzero(present)
    # Only digits: pandas reads "now" and "today" as the clock's date, which a diary must not guess.
    iso = pd.to_datetime(text.where(text.str.match(r"\s*\d")), format="%Y-%m-%d", errors="coerce")
    found = iso.notna().to_numpy()
    _put(parts, at[found], ["year", "month", "day"], [iso.dt.year[found], iso.dt.month[found], iso.dt.day[found]])
    rest, at = text[~found], at[~found]
    if rest.empty:
        return
    numeric = rest.str.extract(_NUMERIC_DATE).astype(float)
    a, b, y = numeric["a"], numeric["b"], numeric["c"]
    year_first = (a >= 1000).to_numpy()
    _put(parts, at[year_first], ["year", "month", "day"], [a[year_first], b[year_first], y[year_first]])
    day_month = (y.notna() & ~(a >= 1000) & ((y < 100) | (y >= 1000))).to_numpy()
    _put(parts, at[day_month], ["first", "second", "year"],
         [a[day_month], b[day_month], y.where(y >= 100, y + 2000)[day_month]])
    dotted[at[day_month]] = rest[day_month].str.match(r"\s*\d{1,2}\.\d{1,2}\.").astype(bool).to_numpy()
    named = rest.str.lower().str.extract(_NAMED_DATE)
    month = named["m1"].fillna(named["m2"]).map(_MONTHS)
    worded = month.notna().to_numpy()
    _put(parts, at[worded], ["year", "month", "day"],
         [named["y"][worded], month[worded], named["d1"].fillna(named["d2"])[worded]])


def _put(parts: dict[str, np.ndarray], at: np.ndarray, names: list[str], values: list[pd.Series]) -> None:
    for name, value in zip(names, values, strict=True):
        parts[name][at] = pd.to_numeric(value).to_numpy(dtype=float)


def date_order(parts: pd.DataFrame) -> str | None:
    """The order of day and month that the file's dates settle: ``"dmy"``,
    ``"mdy"``, ``"any"`` when no date depends on it, or None when unclear."""
    first, second = parts["first"], parts["second"]
    day_first, month_first = bool(day_first_evidence(parts).any()), bool((second > 12).any())
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    if day_first and month_first:
        return None
    ambiguous = (first <= 12) & (second <= 12) & (first != second)
    return None if ambiguous.any() else "any"


def day_first_evidence(parts: pd.DataFrame) -> pd.Series:
    """Dates that can only be day-first: a first number above 12, or the dotted form."""
    return (parts["first"] > 12) | parts["dotted"].fillna(False).astype(bool)


def read_dates(parts: pd.DataFrame, order: str) -> pd.Series:
    """Build normalised dates from ``date_parts`` in ``order`` ("dmy"/"mdy"); NaT where invalid.

    Dates of years 1000-9999 are counted out in numpy (a day past its month's end gives NaT, as
    pandas' assembly does); pandas assembles any others (its own rules for years outside that range).
    """
    result = np.full(len(parts), np.datetime64("NaT"), dtype="datetime64[us]")
    if parts.empty:
        return pd.Series(result, index=parts.index)
    first, second = parts["first"].to_numpy(), parts["second"].to_numpy()
    day, month = (first, second) if order != "mdy" else (second, first)
    year = parts["year"].to_numpy()
    month = np.where(np.isnan(parts["month"].to_numpy()), month, parts["month"].to_numpy())
    day = np.where(np.isnan(parts["day"].to_numpy()), day, parts["day"].to_numpy())
    with np.errstate(invalid="ignore"):
        valid = ~np.isnan(year) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
        counted = valid & (year >= 1000) & (year <= 9999)
    if counted.any():
        months = ((year[counted] - 1970) * 12 + month[counted] - 1).astype("int64").astype("datetime64[M]")
        days = months.astype("datetime64[D]") + (day[counted] - 1).astype("int64").astype("timedelta64[D]")
        result[counted] = np.where(days.astype("datetime64[M]") == months, days, np.datetime64("NaT"))
    assembled = valid & ~counted
    if assembled.any():
        frame = pd.DataFrame({"year": year, "month": month, "day": day}, index=parts.index)[assembled]
        result[assembled] = pd.to_datetime(frame.astype(int), errors="coerce").to_numpy(dtype="datetime64[us]")
    return pd.Series(result, index=parts.index)
