"""Reading diary files (CSV or .xlsx) into the entries, doses and symptoms frames.

This is the only module of ``analysis`` that reads files. The steps:

1. ``readers.open_sheet``: bytes -> header row and cells (encoding, delimiter,
   Excel), each row numbered as the spreadsheet shows it.
2. Headers -> canonical names (analysis.model.columns) by ``headers.column_for``, or by the
   user's ``mapping``; or, for another app's export recognised by
   ``apps.detect`` (Bearable, Pain Tracker, Google Fit, Fitbit) or a ``converter``
   given, readings in canonical columns made by that converter.
3. Values -> numbers and dates (day/month order decided per file).
4. Identical duplicate rows dropped; medicines and symptoms parsed once per
   distinct text; the pandera model checks every row at once.
5. Several readings a day (app exports, or a diary with a Time column) become
   one day: mean and worst pain (rule in analysis.ingest.days). Other diaries
   keep one row per day: different rows for one day are refused.

Every problem found is reported at once in ``ImportRefused.problems``, one
sentence each naming file, row, column and value; nothing is imported then.
When the only problem is whether dates are day- or month-first, the exception
is ``DateOrderUnclear``, so the caller can ask and read again with ``date_order``.
Things imported but worth knowing are in ``ParsedDiary.warnings``. An
activity-only export (Google Fit) gives a ``ParsedActivity`` instead.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from analysis.ingest.apps import AppFormat, Converted, Converter, convert_sheet, detect
from analysis.ingest.file_reading import FileReading
from analysis.ingest.file_state import MODE_ACTIVITY, MODE_APP, MODE_DAYS, MODE_READINGS
from analysis.ingest.headers import TIME, canonical_cells
from analysis.ingest.import_limits import ImportLimits, check_size, current_limits
from analysis.ingest.parsed import (
    ACTIVITY_OUTPUT,
    CLEARED_OUTPUT,
    DOSE_OUTPUT,
    ENTRY_OUTPUT,
    SYMPTOM_OUTPUT,
    ParsedActivity,
    ParsedDiary,
)
from analysis.ingest.readers import open_sheet
from analysis.ingest.sheet import refuse
from analysis.model import columns as c
from analysis.model.errors import UsageError, tidy_all

__all__ = ["ACTIVITY_OUTPUT", "CLEARED_OUTPUT", "DOSE_OUTPUT", "ENTRY_OUTPUT", "SYMPTOM_OUTPUT", "ParsedActivity",
           "ParsedDiary", "read_diary", "read_diary_file"]


def read_diary_file(path: str | Path, **kwargs: object) -> ParsedDiary | ParsedActivity:
    """Read a diary file from disk; see ``read_diary`` for the keyword arguments."""
    path = Path(path)
    return read_diary(path.read_bytes(), path.name, **kwargs)  # type: ignore[arg-type]


def read_diary(data: bytes, name: str, *, patient: str | None = None,
               mapping: dict[str, str] | None = None, date_order: str | None = None,
               today: date | None = None, converter: Converter | None = None, source_id: str | None = None,
               limits: ImportLimits | None = None) -> ParsedDiary | ParsedActivity:
    """Read and check one diary file; raise ImportRefused listing every problem.

    ``name`` is the file name as the user knows it (used in every message and,
    without a patient column or ``patient``, as the patient). ``mapping``
    ({"source header": "canonical column"}, "" to skip a column) overrides
    header matching. ``date_order`` ("dmy" or "mdy") settles dates such as
    03/02/2026 that the file alone cannot. ``today`` bounds the dates (default:
    the computer's date). Without ``mapping`` or ``converter``, another app's
    export is recognised by its headers (analysis.ingest.apps). An activity-only
    export returns ``ParsedActivity``; it needs ``patient`` unless the file name
    is one (not the app's own name for the file). ``limits`` (default: the
    environment's, see analysis.ingest.import_limits) are checked before parsing.
    Warnings come tidied (analysis.model.errors.tidy_all): values shortened, control
    characters escaped, at most a few alike; ``all_warnings`` keeps every one as found, for a
    report that must list each row (the Clinic's problem report).
    """
    if date_order not in (None, "dmy", "mdy"):
        raise UsageError(f"The date order must be dmy or mdy, not {date_order}.")
    limits = limits or current_limits()
    check_size(data, name, limits)
    parsed = _read(data, name, patient, mapping, date_order, today, converter, source_id, limits)
    parsed.all_warnings = list(parsed.warnings)
    parsed.warnings = tidy_all(parsed.warnings)
    return parsed


def _read(data: bytes, name: str, patient: str | None, mapping: dict[str, str] | None, date_order: str | None,
          today: date | None, converter: Converter | None, source_id: str | None, limits: ImportLimits
          ) -> ParsedDiary | ParsedActivity:
    sheet = open_sheet(data, name, limits)
    if converter is None and not mapping:
        converter = detect(sheet.headers)
    app = converter if isinstance(converter, AppFormat) else None
    if converter is None and not mapping and _is_google_fit_quarter_hours(sheet.headers):
        raise refuse(name, [f"{name} is one of Google Fit's per-day files of 15-minute intervals; import "
                            'the daily file from the same Takeout folder instead ("Daily activity metrics.csv").'])
    if converter is None:
        raw, labels = canonical_cells(sheet, mapping or {})
        if TIME not in labels and c.DATE in raw and _dates_carry_times(raw[c.DATE]):
            # "2023-10-26 14:15:00": each row is a reading at its time, as with a Time column (review 30: two
            # readings of a day were refused as "keep one row per day")
            raw, labels = raw.assign(**{TIME: raw[c.DATE]}), {**labels, TIME: labels[c.DATE]}
        mode = MODE_READINGS if TIME in labels else MODE_DAYS
        converted = Converted(raw, labels)
    else:
        converted = convert_sheet(sheet, converter, source_id)
        mode = MODE_ACTIVITY if app and app.activity_only else MODE_APP
    warnings = list(sheet.warnings)
    if source_id is not None and (app is None or app.name != "Fitbit"):
        warnings.append(f"{name} holds one person's diary; the source Id {source_id} was not needed.")
    diary = FileReading(name, converted, today or date.today(), warnings, mode, app.name if app else "")
    if app and app.activity_only:
        return diary.activity(app.patient_for(name, patient), date_order)
    return diary.parse(patient or Path(name).stem, date_order)


_TIME_OF_DAY = r"[ T]\d{1,2}:\d{2}"
_MIDNIGHT = r"[ T](?:0?0:00(?::00(?:\.0+)?)?|12:00(?::00)?\s*[Aa]\.?[Mm]\.?)(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$"


def _dates_carry_times(dates: pd.Series, looked_at: int = 1_000) -> bool:
    """Whether the date cells are readings at their times: some of the first `looked_at` hold a time of day other
    than midnight ("2023-10-26 14:15:00", not a spreadsheet's "2026-03-02 00:00:00"), a day is written on more
    than one row, and every row of such a day has its time. Otherwise the file is read by days, and a second row
    of a date is refused as before (review 30: one time typed in a date cell merged a mistyped date into another
    day, and "none" no longer cleared a day's stored medicines). The whole column is read only when the first
    rows hold times: a million plain dates are not searched."""
    texts = dates.iloc[:looked_at].dropna().astype("str")
    timed = texts[texts.str.contains(_TIME_OF_DAY, regex=True)]
    if not len(timed) or timed.str.contains(_MIDNIGHT, regex=True).all():
        return False
    cells = dates.dropna().astype("str")
    day = cells.str.replace(rf"{_TIME_OF_DAY}.*$", "", regex=True).str.strip()
    repeated = day.duplicated(keep=False)
    return bool(repeated.any()) and bool(cells[repeated].str.contains(_TIME_OF_DAY, regex=True).all())


def _is_google_fit_quarter_hours(headers: list[str]) -> bool:
    """Takeout's per-day file: ``Start time, End time, Move Minutes count, ...`` and no date."""
    keys = {"".join(ch for ch in h.lower() if ch.isalnum()) for h in headers}
    return {"starttime", "endtime"} <= keys and bool(keys & {"moveminutescount", "walkingdurationms"})
