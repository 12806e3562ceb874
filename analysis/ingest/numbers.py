"""Numbers in diary cells, read tolerantly: decimal commas, units ("90 min", "1,5 h"), durations ("1:30"), a
header's unit ("Activity (h)") and grouped numbers ("1,200"). Split from analysis.ingest.schema (which re-exports
them), whose model checks the numbers read here.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.model import columns as c

_UNIT = re.compile(r"\s*(?P<unit>/\s*10|min(?:ute)?s?|mins?|hrs?|hours?|h)\.?\s*$", re.IGNORECASE)
# What a unit written after a number means in each column ("90 min" of bed rest is 1.5 hours).
# A unit missing here for a column (minutes of pain, "7/10" minutes) makes the cell unreadable,
# so it is reported with its row rather than stored as a wrong number.
UNITS: dict[str, dict[str, float]] = {
    c.PAIN: {"/10": 1.0}, c.WORST_PAIN: {"/10": 1.0},
    c.ACTIVITY: {"min": 1.0, "h": 60.0}, c.NORMAL_ACTIVITY: {"min": 1.0, "h": 60.0},
    c.BED_REST: {"h": 1.0, "min": 1 / 60},
}


def _unit(text: str) -> str:
    """"/ 10" -> "/10", "minutes" -> "min", "hrs" -> "h"."""
    text = text.lower().replace(" ", "")
    return "/10" if text == "/10" else ("min" if text.startswith("min") else "h")


_HEADER_UNIT = re.compile(r"[(\[]\s*(?P<unit>min(?:ute)?s?|mins?|hrs?|hours?|h)\.?\s*[)\]]", re.IGNORECASE)


def header_factor(header: str | None, column: str) -> float:
    """What a bare number of `column` is multiplied by when its header names a unit: "Activity (h)" holds hours,
    60 minutes each; 1.0 without a unit, or with the column's own. Why: 2 under "Activity (h)" was stored as 2
    minutes beside 1:30 read as 90 (review 9); a unit in the header is as clear as one in the cell."""
    found = _HEADER_UNIT.search(header or "")
    return (UNITS.get(column) or {}).get(_unit(found["unit"]), 1.0) if found else 1.0


# "1,200": a thousands separator or a decimal comma with three decimals? In a column with a maximum, the reading
# above it is not meant ("4,333" pain is 4.333, "2,000" hours of bed rest 2.0); when both fit ("1,200" minutes),
# neither is taken and the cell is named (review 31: "1,200" active minutes were stored as 1.2, silently). In a
# column without one (an app's milligrams), the comma separates thousands ("1,000" mg). "1.200" stays 1.2, as
# every CSV reader takes a point.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")


def _grouped_number(text: str) -> str | None:
    """The digits of a grouped number ("1,200", "1,200 min"), its unit taken off, or None for any other text."""
    number = _UNIT.sub("", text.strip().replace("\u00a0", "")).strip()
    return number if _GROUPED.fullmatch(number) else None


def unclear_grouping(value: object, units: dict[str, float] | None, bare: float, high: float | None) -> bool:
    """True for a grouped number whose thousands reading, in the unit written (or the column's `bare` one), fits
    under the column's maximum `high` as well as its decimal one: it is not read (to_number) but asked about."""
    number = _grouped_number(value) if isinstance(value, str) else None
    if number is None or high is None:
        return False
    return _in_unit(float(number.replace(",", "")), value, units, bare) <= high


def _in_unit(number: float, text: str, units: dict[str, float] | None, bare: float) -> float:
    unit = _UNIT.search(text.strip())
    return number * (bare if unit is None else (units or {}).get(_unit(unit["unit"]), np.nan))


def grouped_sentence(value: str) -> str:
    """What a file's writer is told of an unclear grouped number (unclear_grouping): both readings, and how to write
    the one meant."""
    text = value.strip()
    number = _grouped_number(text) or text
    whole, decimal = number.replace(",", ""), number.replace(",", ".")
    return (f'"{text}" could be {whole} or {decimal}; write {whole} without the comma, or {decimal} with a point, '
            "and import the file again.")


def to_number(values: pd.Series, units: dict[str, float] | None = None, bare: float = 1.0,
              high: float | None = None) -> pd.Series:
    """Read numbers tolerantly: ``"4,5"`` -> 4.5, ``" 7 "`` -> 7, ``"1,5 h"`` -> 90 with units {"h": 60}.

    ``units`` says what a written unit multiplies the number by (see UNITS); a
    unit it does not list, or any other text, gives NaN: compare with the input
    to find cells that were not numbers. ``bare``: what a number without a unit is multiplied by (header_factor).
    Already numeric columns pass through as float.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float) * bare if bare != 1.0 else values.astype(float)
    codes, uniques = pd.factorize(values)  # diaries repeat the same few values
    distinct = pd.Series(uniques, dtype=object)
    numbers = pd.to_numeric(distinct, errors="coerce").astype(float) * bare
    retry = numbers.isna()
    if retry.any():  # a grouped number ("1,200", "1,200 min"): its thousands reading unless a maximum says otherwise
        for position in np.flatnonzero(retry.to_numpy()):
            text = distinct.iloc[position]
            number = _grouped_number(text) if isinstance(text, str) else None
            if number is None:
                continue
            whole = _in_unit(float(number.replace(",", "")), text, units, bare)
            if high is None:
                numbers.iloc[position] = whole
            elif whole > high:  # the decimal reading, as any decimal comma
                numbers.iloc[position] = _in_unit(float(number.replace(",", ".")), text, units, bare)
            retry.iloc[position] = False  # read, or (both readings fit) left NaN: asked about (unclear_grouping)
    if retry.any():
        text = distinct[retry].astype("str").str.strip().str.replace("\u00a0", "", regex=False)
        unit = text.str.extract(_UNIT)["unit"]
        factor = unit.map(lambda u: bare if pd.isna(u) else (units or {}).get(_unit(u), np.nan)).astype(float)
        clock = _clock_hours(text) * (units or {}).get("h", np.nan)  # "1:30" in a column of minutes or hours
        text = text.str.replace(_UNIT, "", regex=True).str.replace(",", ".", regex=False)
        value = pd.to_numeric(text.where(text.str.fullmatch(r"[+-]?\d*\.?\d+")), errors="coerce")
        numbers.loc[retry] = (value * factor).fillna(clock).to_numpy()
    return pd.Series(np.append(numbers.to_numpy(), np.nan)[codes], index=values.index, name=values.name)


_CLOCK = r"^(?P<h>\d{1,3}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?$"


def _clock_hours(text: pd.Series) -> pd.Series:
    """A duration written h:mm or h:mm:ss (a spreadsheet's duration cell: Excel writes 1:30 as "01:30:00") in
    hours; NaN for any other text. Why: a practice sheet keeping active time as durations was refused, "01:30:00
    is not a number" (review 8), though it is as clear as "90 min"."""
    parts = text.str.extract(_CLOCK).astype(float)
    return parts["h"] + parts["m"] / 60 + parts["s"].fillna(0) / 3600
