"""Headers matched to the canonical diary columns: by the spellings people use, or by the user's mapping.

The importer only ever sees canonical names (analysis.model.columns); a file
whose date or pain column is not recognised is refused with the columns found.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from analysis.ingest.sheet import Sheet, refuse
from analysis.model import columns as c
from analysis.model.errors import ColumnsNotRecognised
from analysis.model.limits import LIMITS

HEADER_SEARCH = 50  # leading non-empty rows looked at for the header (below a title or # comment lines)

TIME = "time"
"""Not a diary column: the time of one reading. A file with a time column (or an app
export) holds several readings a day, which the importer turns into one day each."""

# Header spellings people use, compared after dropping case, spaces, punctuation and
# anything in brackets ("Pain (0-10)" -> "pain"). Earlier entries win a tie.
HEADER_VARIANTS: dict[str, list[str]] = {
    c.DATE: ["date", "day", "datum", "diary date", "entry date"],
    c.PAIN: ["pain", "pain level", "pain score", "average pain", "avg pain", "nrs", "pain nrs",
             "pain intensity", "mean pain"],
    c.WORST_PAIN: ["worst pain", "max pain", "maximum pain", "worst", "peak pain", "highest pain"],
    c.ACTIVITY: ["activity minutes", "active minutes", "activity", "exercise minutes", "minutes active",
                 "walking minutes", "activity mins", "active mins", "exercise", "minutes walked",
                 "minutes walking", "walked minutes", "walk minutes", "minutes of exercise"],
    c.BED_REST: ["bed rest hours", "bed rest", "hours in bed", "bed hours"],
    c.MEDICATIONS: ["medications", "medication", "medicines", "medicine", "meds", "painkillers",
                    "pain killers"],
    c.SYMPTOMS: ["symptoms", "symptom", "warning signs", "red flags"],
    c.NOTES: ["notes", "note", "comments", "comment", "remarks"],
    c.PATIENT: ["patient", "name", "patient id", "patient name"],
    c.ONSET_DATE: ["onset date", "onset", "start date", "episode start"],
    c.NORMAL_ACTIVITY: ["normal activity minutes", "normal activity", "usual activity minutes",
                        "usual activity"],
    c.EPISODE_LABEL: ["episode", "episode label"],
    c.SEEN: ["seen about this", "seen", "seen about"],  # the first: the picker's label, the button's words
    c.ACTIVITY_SOURCE: ["activity source", "activity minutes source", "minutes source"],
    TIME: ["time", "time of day", "reading time", "clock time"],
}
# Read as text so "007" stays "007". Dates need not be: no thousands separator is given
# to the reader, so 01.02.2026 stays text, and inferring is faster.
_READ_AS_TEXT = {c.PATIENT, c.EPISODE_LABEL, c.NOTES}  # a note "007" or "1e100" is kept as typed


@lru_cache(maxsize=512)  # the same few headers in every file; each call compared ~100 spellings
def column_for(header: str) -> str | None:
    """The canonical column a header names (``"Pain (0-10)"`` -> ``pain``), or None."""
    key = _key(header)
    return next((column for column, variants in HEADER_VARIANTS.items()
                 if key in {_key(v) for v in variants} | {_key(column)}), None)


def canonical_cells(sheet: Sheet, mapping: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The sheet's cells under canonical column names, and each column's header as the user wrote it.

    ``mapping`` ({"source header": "canonical column"}, "" to skip) is applied
    first; other headers are matched by ``column_for``. Unknown columns are
    ignored with one warning. Refuses when no column gives date or pain.
    """
    name, headers = sheet.name, sheet.headers
    chosen, handled, problems = _mapped(name, headers, mapping)
    guessed: dict[str, list[int]] = {}
    ignored = []
    for position, header in enumerate(headers):
        column = None if position in handled else column_for(header)
        if column and column not in chosen.values():
            guessed.setdefault(column, []).append(position)
        elif position not in handled and header:
            ignored.append(header)
    for column, positions in guessed.items():
        positions.sort(key=lambda p: _rank(column, headers[p]))
        chosen[positions[0]] = column
        ignored += [f"{headers[p]} (also looks like {column}; used {headers[positions[0]]})"
                    for p in positions[1:]]
    missing = [column for column in c.CSV_REQUIRED if column not in chosen.values()]
    if missing:
        found = ", ".join(h for h in headers if h) or "none"
        problems.append(f"{name} has no {' or '.join(missing)} column; columns found: {found}. "
                        + ColumnsNotRecognised.how(missing))
    if problems:  # every problem found here is about which column is which
        refused = refuse(name, problems, ColumnsNotRecognised)
        refused.missing = missing  # type: ignore[attr-defined]  # a page words how to fix it (worded)
        raise refused
    if ignored:
        sheet.warnings.append(f"{name}: ignored columns Backtrack does not use: {', '.join(ignored)}.")
    chosen = dict(sorted(chosen.items()))  # file order, so problems come out left to right
    text = {p for p, column in chosen.items() if column in _READ_AS_TEXT}
    # Backtrack's own export: its notes come back exactly as typed (spaces and line breaks at either end too)
    own = tuple(headers) in c.EXPORT_HEADERS and not mapping
    verbatim = {p for p, column in chosen.items() if column == c.NOTES} if own else set()
    cells = sheet.rows(text, verbatim)[list(chosen)].set_axis(list(chosen.values()), axis=1)
    summary = _summary_rows(cells[c.DATE])
    if summary:  # a spreadsheet's total or average under the days: not a day (review 30)
        sheet.warnings += [f'{name} row {row}: "{word}" is a summary row under the days, not a day; it was not '
                           "read." for row, word in summary]
        cells = cells.drop(index=[row for row, _ in summary])
        if cells.empty:  # a total with no day above it: as a file of a header alone
            raise refuse(name, [f"{name} has a header row but no diary rows (only a summary row)."])
    return cells, {column: headers[p] for p, column in chosen.items()}


# The first cell of a spreadsheet's summary row ("Total", "Average:"), read without case or a colon
SUMMARY_WORDS = {"total", "totals", "grand total", "subtotal", "sum", "average", "averages", "avg", "mean",
                 "median", "overall"}
SUMMARY_TAIL = 5  # rows looked at from the bottom: a million dates are not searched for one total row


def is_summary_word(cell: object) -> bool:
    """Whether a date cell names a summary row ("Total", "Average:") rather than a day."""
    return isinstance(cell, str) and cell.strip().rstrip(":").strip().lower() in SUMMARY_WORDS


def _summary_rows(dates: pd.Series) -> list[tuple[object, str]]:
    """The summary rows at the bottom of the table (row label, the cell as written), below the last day: among
    the last SUMMARY_TAIL rows with a date cell, those from the bottom up whose cell is a summary word."""
    tail = dates.iloc[-10 * SUMMARY_TAIL:].dropna().iloc[-SUMMARY_TAIL:]  # not a pass over a million rows
    found = []
    for row, cell in reversed(list(tail.items())):
        if not is_summary_word(cell):
            break
        found.append((row, str(cell).strip()))
    return found[::-1]


def mapping_targets() -> dict[str, str]:
    """Every column a mapping can send a header to (the CLI's --map, the Clinic's pickers), the required date and
    pain first, each named by the first spelling people use for it here ("Worst pain"), a 0-10 score with its
    range ("Pain (0-10)"). Why from HEADER_VARIANTS and LIMITS: a second list of names would drift from the one
    the importer reads."""
    def label(column: str) -> str:
        words = HEADER_VARIANTS[column][0].capitalize()
        limit = LIMITS.get(column)
        return f"{words} ({limit.low:g}-{limit.high:g})" if limit and not limit.unit else words
    return {column: label(column) for column in c.CSV_COLUMNS}


def unpicked_required(mapping: dict[str, str]) -> str | None:
    """What a mapping (header -> column, the Clinic's pickers) still needs before an import can use it, in one
    sentence, or None. Why before importing: with the pain column left unpicked the file was refused again with
    the same words and the page seemed to do nothing (review 30)."""
    targets = mapping_targets()
    missing = [targets[column] for column in c.CSV_REQUIRED if column not in mapping.values()]
    if not missing:
        return None
    if len(missing) == 1:
        return f"Pick the column that holds the {missing[0].lower()} first."
    return f"Pick the columns that hold the {' and the '.join(m.lower() for m in missing)} first."


def columns_left_out(headers: list[str], mapping: dict[str, str]) -> str | None:
    """The file's columns no picker holds, in one sentence (None when every one is picked). Why: a notes column in
    another language ("Notizen": "Taubheit im Bein") was left out with only a warning folded away after the
    import, and with it a warning sign the triage should see (review 31)."""
    left = [header for header in headers if header not in mapping and str(header).strip()]
    if not left:
        return None
    return f"Not imported unless picked above: {', '.join(left)}."


def _mapped(name: str, headers: list[str], mapping: dict[str, str]
            ) -> tuple[dict[int, str], set[int], list[str]]:
    """Apply the user's mapping: (position -> column, positions it settled, problems)."""
    chosen: dict[int, str] = {}
    handled: set[int] = set()
    problems = []
    for source, target in mapping.items():
        position = next((p for p, h in enumerate(headers) if h == source), None)
        if position is None:
            position = next((p for p, h in enumerate(headers) if _key(h) == _key(source)), None)
        column = column_for(target) if target else ""
        if position is None:
            problems.append(f"The mapping names column {source}, which {name} does not have; "
                            f"columns found: {', '.join(headers)}.")
        elif column is None:
            problems.append(f"The mapping sends column {source} to {target}, which is not a diary "
                            f"column; use one of {', '.join(c.CSV_COLUMNS)}.")
        elif column and column in chosen.values():  # two columns of one day's pain: which one is meant?
            first = headers[next(p for p, named in chosen.items() if named == column)]
            problems.append(f"The mapping sends both {first} and {source} to {column}; a diary column takes "
                            "one column of the file.")
        else:
            handled.add(position)
            if column:
                chosen[position] = column
    return chosen, handled, problems


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", re.sub(r"\(.*?\)|\[.*?\]", "", str(header).lower()))


def _rank(column: str, header: str) -> int:
    keys = [_key(column)] + [_key(v) for v in HEADER_VARIANTS[column]]
    return keys.index(_key(header))


def header_position(rows: list[list[str]], known: Callable[[list[str]], bool] | None = None) -> int:
    """Which of a file's first non-empty rows is its header: the first that names a date
    and a pain column, so a title or a note above the table is skipped; else the first that `known` recognises
    (another app's export: Fitbit's account export puts its "Activities" table after the sections the person
    ticked, such as "Body": review 30); else the first row of two or more cells (a one-cell title line above
    another app's table, such as Fitbit's "Activities" section: review 16), else the first."""
    named = next((i for i, cells in enumerate(rows) if set(c.CSV_REQUIRED) <= {column_for(cell) for cell in cells}),
                 None)
    if named is not None:
        return named
    recognised = next((i for i, cells in enumerate(rows) if known is not None and known(cells)), None)
    if recognised is not None:
        return recognised
    return next((i for i, cells in enumerate(rows) if sum(bool(str(cell).strip()) for cell in cells) >= 2), 0)


def is_title(cells: list[str]) -> bool:
    """A section's title line: one cell of words ("Activities", "Food Log 20260601"), the rest empty."""
    filled = [str(cell).strip() for cell in cells if str(cell).strip()]
    return len(filled) == 1 and bool(re.match(r"[^\W\d_]", filled[0]))
