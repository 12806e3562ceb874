"""A projection read after its projected day: what the diary can say, in one wording for Progress, the summary's
JSON and the GP report.

Why: the projection is of the last entry (analysis.course.outlook fits the trend up to `as_of`, by default the
last diary day), so its note, "At the current rate pain reaches 1 or less around 2026-11-22", is true on the day
it is made. Read weeks after the diary stopped, it says in the present tense a day already past, while whether
pain did fall so far is not in the diary (review 5: the GP report first, then Progress and `summary --json`).
Read on or before the projected day, the note stands as made.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.course.recovery import RECOVERED_MAX_PAIN
from analysis.review.record import SummaryRecord

NOTE = "projection_note"
PROJECTED, EARLIEST, LATEST = "projected_recovery_date", "projected_earliest", "projected_latest"
NEEDED = [NOTE, PROJECTED, EARLIEST, LATEST, "last_entry_date", "as_of"]  # summary columns the rule reads


def is_past(projected: object, read_on: object) -> bool:
    """Is the projected day before the day it is read (None: not read on a day, the note stands)?"""
    return bool(projected is not None and not (not isinstance(projected, str) and pd.isna(projected))
                and read_on is not None and pd.Timestamp(projected) < pd.Timestamp(read_on).normalize())


def notes_read_on(table: pd.DataFrame, read_on: object, day: Callable[[object], str] | None = None) -> pd.Series:
    """The projection_note of every row of a summary table (NEEDED columns) as read on `read_on`: where the
    projected day is before it, "The diary stopped on <last entry>; at that rate pain would have reached 1 or
    less around <day> (<earliest> to <latest>). Whether it did is not in the diary."; elsewhere the note as made.

    Vectorised (ten thousand episodes of a research summary: no loop over rows). Dates are ISO, as in every
    note of the summary; `day` formats them otherwise (the page's '7 Nov 2026'), for the few rows rewritten."""
    notes = table[NOTE]
    if read_on is None or table.empty:
        return notes
    projected = pd.to_datetime(table[PROJECTED])
    past = (projected < pd.Timestamp(read_on).normalize()).to_numpy()  # NaT (no projection) is never past
    if not past.any():
        return notes
    rows = table.loc[past]
    last = pd.to_datetime(rows["last_entry_date"]).fillna(pd.to_datetime(rows["as_of"]))
    early, late = pd.to_datetime(rows[EARLIEST]), pd.to_datetime(rows[LATEST])

    def text(dates: pd.Series) -> pd.Series:
        """Each date as text, each distinct day formatted once (ten thousand notes name a few hundred days)."""
        codes, days = pd.factorize(dates)
        said = days.strftime("%Y-%m-%d") if day is None else pd.Index([day(d) for d in days])
        return pd.Series(np.append(np.asarray(said, dtype=object), "")[codes], index=dates.index)

    wide = (early.notna() & late.notna() & (early != late)).to_numpy()  # a range with no width is not said
    spread = (" (" + text(early) + " to " + text(late) + ")").where(wide, "")
    said = ("The diary stopped on " + text(last) + f"; at that rate pain would have reached {RECOVERED_MAX_PAIN:g} "
            "or less around "
            + text(projected[past]) + spread + ". Whether it did is not in the diary.")
    return notes.astype(object).mask(pd.Series(past, index=notes.index), said)


def with_notes_read_on(table: pd.DataFrame, read_on: object) -> pd.DataFrame:
    """A summary table with its projection notes as read on `read_on` (notes_read_on; every key kept, only a
    note's text changes): `summary --db` and the Dask summary (analysis.workflows.pooled) read on one day."""
    return table.assign(**{NOTE: notes_read_on(table, read_on)}) if len(table) else table


def note_read_on(s: SummaryRecord, read_on: object, day: Callable[[object], str] | None = None) -> str | None:
    """One episode's note as read on `read_on` (notes_read_on of its record): the GP report's and Progress's."""
    if not is_past(s.projected_recovery_date, read_on):
        return s.projection_note
    row = pd.DataFrame({name: [getattr(s, name)] for name in NEEDED})
    return str(notes_read_on(row, read_on, day).iloc[0])
