"""Google Fit's Takeout "Daily activity metrics" CSV: activity minutes only, merged into a patient's
logged days (note 8 in analysis.ingest.apps)."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, day_text
from analysis.ingest.cells import describe_rows
from analysis.ingest.schema import to_number
from analysis.ingest.sheet import refuse
from analysis.model import columns as c

_MS_PER_MINUTE = 60_000


def _google_fit(cols: Columns, name: str) -> Converted:
    move_header, walk_header = cols.header("moveminutescount"), cols.header("walkingdurationms")
    move_text, walk_text = cols.text("moveminutescount"), cols.text("walkingdurationms")
    move, walk = to_number(move_text), to_number(walk_text) / _MS_PER_MINUTE
    problems = [(row, str(header), f'"{text}" is not a number.')
                for header, cells, numbers in ((move_header, move_text, move), (walk_header, walk_text, walk))
                for row, text in cells[cells.notna() & numbers.isna()].items()]
    minutes = move.fillna(walk).round()
    if minutes.isna().all() and not problems:
        raise refuse(name, [f"{name} is a Google Fit activity file without move minutes or walking "
                            "duration on any day; there is nothing to import."])
    fallback = move.isna() & walk.notna()
    warnings = []
    if fallback.any():
        where = f"{name} {describe_rows(fallback.index[fallback].tolist())}" if move_header else name
        warnings.append(f"{where}: no {move_header or 'Move Minutes count'}; used {walk_header} instead.")
    frame = pd.DataFrame({c.DATE: day_text(cols.text("date")), c.ACTIVITY: minutes})[minutes.notna()]
    labels = {c.DATE: cols.header("date"), c.ACTIVITY: move_header or walk_header}
    return Converted(frame, {k: v for k, v in labels.items() if v}, warnings, problems)


GOOGLE_FIT = AppFormat("Google Fit", ("date",), ("moveminutescount", "walkingdurationms"), _google_fit,
                       activity_only=True, default_names=("daily activity metrics", "daily summaries"))
