"""Which diary day an edit in the Diary table belongs to, and the one sentence said when it cannot be saved.

Why (data-safety review 2, measured in Chromium and AppTest, Streamlit 1.67): the data editor reports edits by
row position (`edited_rows`), and a keyed editor with a fixed number of rows keeps them while the table keeps
its shape. So an edit typed in one person's diary, left unsaved while the sidebar chose another diary of the
same length, was saved into the other diary; an edit pending while another tab deleted one day and logged
another was saved on the next day. (Sorting by a header is safe: positions are those of the data sent.)

The rules: every row carries the episode and the date it shows (`row_keys`, the editor's hidden index, so a
table of other days is a new editor to Streamlit and an edit is never shown or kept on another row); an edit
is turned into a date with the table the person edited (`edits_by_day`); Save refuses, all or nothing, when an
edited day is no longer in the diary (`require_days`); and an edit dropped because the table changed under it
is reported once (`dropped_sentence`), never applied to another day.

A number outside its range (analysis.model.limits) is refused on Save, all of the table's edits with it, in one
sentence per cell (`cells_out_of_range`): the table's columns had Streamlit's min and max, and the grid changed a
number above them to the maximum without a word, so pain 14 (a typo for 4) was saved as 10 and minutes 2000 as
1440 (review 29). The typed number stays in the table, for the person to correct.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.errors import NotFound
from analysis.model.limits import LIMITS
from analysis.review.form_numbers import TypedNumber, out_of_range
from analysis.review.page_rules import edited_cells, worst_saved

DAY = "%a %-d %b"  # "Sun 29 Nov": how the sentences name a day
# The table's number columns as its header names them (the page's column_config reads these): a refused cell is
# named as the person sees it. Minutes are whole (the column's step is 1), as on Today's form.
NUMBER_COLUMNS = {c.PAIN: "Pain", c.WORST_PAIN: "Worst pain", c.ACTIVITY: "Minutes active", c.BED_REST: "Hours in bed"}
WHOLE_COLUMNS = frozenset({c.ACTIVITY})
TABLE_DAY = "%a %-d %b %Y"  # "Sat 28 Nov 2026": the Date column's format (ddd D MMM YYYY)
TABLE_NOT_SAVED = "Nothing was saved; the table keeps what you typed."  # Save of the table: all edits or none


@dataclass(frozen=True, slots=True)
class PendingEdits:
    """What the Diary table showed on one run (its episode and row keys) and the days with an unsaved edit."""

    episode_id: int
    rows: tuple[str, ...]
    days: tuple[dt.date, ...]


def row_keys(episode_id: int, days: Iterable[dt.date]) -> list[str]:
    """One key per table row, '3/2026-11-29': the diary and the day that row shows."""
    return [f"{int(episode_id)}/{day.isoformat()}" for day in days]


def edits_by_day(edited_rows: Mapping[int | str, Mapping[str, object]],
                 days: Sequence[dt.date]) -> dict[dt.date, dict[str, object]]:
    """The editor's edits keyed by the day of the row they were typed in (`days`: the table's dates in the
    order sent to the editor), as values to store (edited_cells). A position outside the table is refused."""
    edits: dict[dt.date, dict[str, object]] = {}
    for position, changes in edited_rows.items():
        if not 0 <= int(position) < len(days):
            raise NotFound("The table changed while you were editing, so nothing was saved: "
                           "make the change again.")
        edits[days[int(position)]] = edited_cells(dict(changes))
    return edits


def worst_not_below_average(changes: Mapping[str, object], pain: float | None,
                            worst: float | None) -> dict[str, object]:
    """`changes` to one day (stored `pain` and `worst` before them), with a worst pain below the average raised
    to the average when the edit touched either, as Today saves it: the table stored pain 9 with worst pain 3,
    a day its own export then imported with a warning to check which is which."""
    edited = dict(changes)
    if c.PAIN not in edited and c.WORST_PAIN not in edited:
        return edited
    new_pain, new_worst = edited.get(c.PAIN, pain), edited.get(c.WORST_PAIN, worst)
    if new_worst is not None and new_pain is not None:
        edited[c.WORST_PAIN] = worst_saved(float(new_pain), float(new_worst))  # type: ignore[arg-type]
    return edited


def cells_out_of_range(edits: Mapping[dt.date, Mapping[str, object]]) -> list[str]:
    """One sentence per edited number cell outside its range (`edits`: edits_by_day's result), naming the day and
    the column as the table shows them, oldest day first; empty when the edits can be saved. An emptied cell is
    not a problem (it is saved as not recorded, as before), nor is a cell that is not a number (storage refuses
    it in its own words), nor a worst pain below the average (worst_not_below_average raises it)."""
    numbers = [TypedNumber(f"{plain_date(day, TABLE_DAY)}, {label}", float(value), LIMITS[field],  # type: ignore[arg-type]
                           whole=field in WHOLE_COLUMNS)
               for day in sorted(edits) for field, label in NUMBER_COLUMNS.items()
               if _is_number(value := edits[day].get(field))]
    return out_of_range(numbers, then=TABLE_NOT_SAVED)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def require_days(edits: Mapping[dt.date, object], exists: Callable[[dt.date], bool]) -> None:
    """Refuse the whole Save when an edited day is no longer in the diary (deleted in another tab or program):
    its edit then has no day to land on, and another day must never receive it."""
    gone = [day for day in edits if not exists(day)]
    if gone:
        raise NotFound(f"{_days(gone)} {'is' if len(gone) == 1 else 'are'} no longer in this diary (deleted "
                       "elsewhere), so nothing was saved.")


def pending(episode_id: int, rows: Sequence[str], edited_rows: Mapping[int | str, object],
            days: Sequence[dt.date]) -> PendingEdits:
    """What the table showed on this run and which of its days hold an unsaved edit."""
    edited = sorted(days[int(p)] for p in edited_rows if 0 <= int(p) < len(days))
    return PendingEdits(int(episode_id), tuple(rows), tuple(edited))


def dropped_sentence(before: PendingEdits | None, episode_id: int, rows: Sequence[str],
                     editor_kept: bool = True) -> str | None:
    """One sentence when the last run's table had unsaved edits and this run shows other rows (another diary,
    or a day added or deleted), or the editor's edits are gone (`editor_kept` False: another page was opened, and
    Streamlit dropped them, review 33): the editor starts afresh, so those edits were dropped, not moved. None else."""
    if before is None or not before.days:
        return None
    if tuple(rows) == before.rows and before.episode_id == int(episode_id) and not editor_kept:
        return (f"You opened another page before pressing Save, so your change to {_days(before.days)} was not "
                "saved: make it again if you still need it.")
    if tuple(rows) == before.rows:
        return None
    if before.episode_id != int(episode_id):
        return (f"You chose another diary before pressing Save, so your change to {_days(before.days)} in the "
                "other diary was not saved.")
    return (f"The diary changed before you pressed Save (a day was added or deleted), so your change to "
            f"{_days(before.days)} was not saved: make it again if you still need it.")


def _days(days: Sequence[dt.date]) -> str:
    """'Sun 29 Nov', 'Sat 28 Nov and Sun 29 Nov', 'Fri 27 Nov, Sat 28 Nov and Sun 29 Nov'."""
    words = [plain_date(day, DAY) for day in sorted(days)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
