"""Which app a file comes from, by its headers, and running its format (or any converter) on a sheet."""
from __future__ import annotations

from analysis.ingest.apps.bearable import BEARABLE
from analysis.ingest.apps.fitbit import FITBIT
from analysis.ingest.apps.fitbit_account import FITBIT_ACCOUNT
from analysis.ingest.apps.format import AppFormat, Converted, Converter
from analysis.ingest.apps.google_fit import GOOGLE_FIT
from analysis.ingest.apps.pain_tracker import PAIN_TRACKER
from analysis.ingest.headers import TIME
from analysis.ingest.sheet import Sheet, refuse
from analysis.model import columns as c

# the first that matches wins
APPS: tuple[AppFormat, ...] = (BEARABLE, PAIN_TRACKER, GOOGLE_FIT, FITBIT, FITBIT_ACCOUNT)


def detect(headers: list[str]) -> AppFormat | None:
    """The app whose export has these headers, or None for a diary (or anything else)."""
    return next((app for app in APPS if app.matches(headers)), None)


def convert_sheet(sheet: Sheet, converter: Converter, source_id: str | None = None) -> Converted:
    """Run an app format or any ``Converter`` on the sheet's cells (all text); refuse
    output without the columns it needs (date and pain, or date and activity)."""
    raw = sheet.rows(set(range(len(sheet.headers)))).set_axis(sheet.headers, axis=1)
    if isinstance(converter, AppFormat):
        converted = converter.convert(raw, sheet.name, source_id)
        needed = [c.DATE, c.ACTIVITY] if converter.activity_only else c.CSV_REQUIRED
    else:
        converted, needed = Converted(converter(raw)), c.CSV_REQUIRED
    known = [*c.CSV_COLUMNS, TIME]
    converted.labels = {column: converted.labels.get(column, column)
                        for column in converted.frame.columns if column in known}
    missing = [column for column in needed if column not in converted.labels]
    if missing:
        raise refuse(sheet.name, [f"{sheet.name} could not be converted: the converter gave no "
                                  f"{' or '.join(missing)} column."])
    return converted
