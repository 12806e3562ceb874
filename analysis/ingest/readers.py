"""Turning the bytes of an uploaded file into a header and a frame of cells.

Handles what real files look like: CSV with comma, semicolon or tab; UTF-8
with or without BOM, UTF-16 (Excel "Unicode text") and Windows-1252; Excel
.xlsx workbooks whose cells may already be dates or numbers. Anything else
(an old .xls, a picture, an empty file) is refused with one sentence.

Rows are indexed by their spreadsheet row number (the header is row 1 in a
normal file), so every later message can name the row the user sees. Headers
are matched to the canonical columns here too (``column_for``,
``canonical_cells``), so the importer only ever sees canonical names.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

import numpy as np
import pandas as pd

from analysis.ingest.import_limits import ImportLimits, check_text, check_workbook, current_limits, over
from analysis.model import columns as c
from analysis.model.errors import ColumnsNotRecognised, ImportRefused

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls / .doc
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))  # UTF-32 first: its little-endian BOM starts like UTF-16's
_DELIMITERS = ("\t", ";", ",")  # ties go to the earlier one
_HEADER_SEARCH = 50  # leading non-empty rows looked at for the header (below a title or # comment lines)


def refuse(name: str, problems: list[str], kind: type[ImportRefused] = ImportRefused) -> ImportRefused:
    """The exception for a refused file: ``<name> was not imported: N problems.``"""
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    return kind(f"{name} was not imported: {count}.", problems)


@dataclass
class Sheet:
    """The header row of a file and a way to read the cells below it."""

    name: str
    headers: list[str]
    read: Callable[[set[int]], pd.DataFrame]
    warnings: list[str] = field(default_factory=list)
    delimited: bool = True  # CSV or tab text, not a workbook

    def rows(self, text_columns: set[int] | None = None) -> pd.DataFrame:
        """Cells by column position, indexed by spreadsheet row number.

        Columns in ``text_columns`` are always text (identifiers such as
        ``007``); others may come back numeric when every cell is a number. Text is stripped,
        empty cells are NaN and blank rows are dropped.
        """
        # Stripped first, so a blank cell after a trailing delimiter counts as empty.
        frame, extra = _fit(self.read(text_columns or set()).apply(_strip), self.name, len(self.headers),
                            self.delimited)
        self.warnings += extra
        frame = frame.dropna(how="all")
        if frame.empty:
            raise refuse(self.name, [f"{self.name} has a header row but no diary rows."])
        return frame


def open_sheet(data: bytes, name: str, limits: ImportLimits | None = None) -> Sheet:
    """Recognise the file type and read its header row; refuse what cannot be a diary, and a file over
    ``limits`` (rows, columns, cell length, a workbook's unpacked size) before parsing it."""
    limits = limits or current_limits()
    if data.startswith(_ZIP) or name.lower().endswith((".xlsx", ".xlsm")):
        return _excel_sheet(data, name, limits)
    if data.startswith(_OLE):
        raise refuse(name, [f"{name} is an old Excel (.xls) workbook; save it as .xlsx or CSV "
                            "and import that file."])
    if not data or data.isspace():
        raise refuse(name, [f"{name} is empty."])
    text = _unjoin_records(_cr_only(_decode(data, name)))
    if not text.strip():
        raise refuse(name, [f"{name} is empty."])
    candidates = list(islice(((i, line) for i, line in enumerate(_lines(text)) if line.strip()), _HEADER_SEARCH))
    split = [_split(line[:1_000_000]) for _, line in candidates]  # a header is never a megabyte long
    for (line, _), (cells, _) in zip(candidates, split, strict=True):  # before matching 100,000 headers
        if len(cells) > limits.max_columns:
            raise over(name, "max_columns", f"{len(cells):,} cells", limits, where=f"row {line + 1}")
    chosen = _header_position([headers for headers, _ in split])
    header_line, (headers, delimiter) = candidates[chosen][0], split[chosen]
    check_text(text, name, delimiter, header_line, limits)
    _check_last_row(text, name, delimiter, len(headers))

    def read(text_columns: set[int]) -> pd.DataFrame:
        return _read_csv(text, name, delimiter, header_line, text_columns)

    return Sheet(name, headers, read)


_JOINED = re.compile(r'("[^"]*(?:"|$))|\\n')


def _unjoin_records(text: str) -> str:
    """Pain Tracker (since January 2025) joins its records with the two characters
    backslash and n, so its CSV is one physical line. When the first line has that
    pair outside quotes, every such pair outside quotes becomes a line break; a
    backslash-n inside a quoted note stays as written."""
    first = next((line for line in _lines(text[:100_000]) if line.strip()), "")
    if "\\n" not in first or not _JOINED.sub(lambda m: m.group(1) or "\n", first).count("\n"):
        return text
    return _JOINED.sub(lambda m: m.group(1) or "\n", text)


def _split(line: str) -> tuple[list[str], str]:
    """A CSV line's stripped cells, and the delimiter it uses most."""
    delimiter = max(_DELIMITERS, key=line.count)
    try:
        cells = next(csv.reader([line], delimiter=delimiter))
    except csv.Error:  # a data line with a huge cell: not the header
        cells = line.split(delimiter)
    return [h.strip() for h in cells], delimiter


def _header_position(rows: list[list[str]]) -> int:
    """Which of a file's first non-empty rows is its header: the first that names a date
    and a pain column, so a title or a note above the table is skipped; else the first."""
    return next((i for i, cells in enumerate(rows)
                 if set(c.CSV_REQUIRED) <= {column_for(cell) for cell in cells}), 0)


def _lines(text: str) -> Iterator[str]:
    """Lines one by one, without splitting a whole large file."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end].rstrip("\r")
        start = end + 1


def _cr_only(text: str) -> str:
    """Line breaks of old Mac files (a carriage return alone) as line feeds. Only in a file with no line
    feed at all: elsewhere a lone carriage return is part of a quoted note and is kept."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def _check_last_row(text: str, name: str, delimiter: str, width: int) -> None:
    """Refuse a file cut short in its last row: no line break at the end, and fewer cells than the header
    or a quote left open. Read as it is, that row would lose its later cells (a missing patient column
    made it a new patient named after the file)."""
    if width < 2 or text.endswith(("\n", "\r")):
        return
    start = text.rfind("\n", 0, len(text) - 1) + 1
    last = text[start:]
    if not last.strip():
        return
    row = text.count("\n", 0, start) + 1
    if _quote_open(text):
        raise refuse(name, [f"{name} row {row} ends inside a quoted cell: the file looks cut short; export "
                            "it again (or end the quote) and import the whole file."])
    try:
        cells = len(next(csv.reader([last], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return
    if cells < width:
        raise refuse(name, [f"{name} row {row} has {cells} of the header's {width} cells and the file does "
                            "not end with a line break: it looks cut short; export it again and import the "
                            "whole file, or end the row with a line break if it is complete."])


def _quote_open(text: str) -> bool:
    """True when the text ends inside a quoted cell (an odd number of quote characters in all)."""
    return text.count('"') % 2 == 1


def _decode(data: bytes, name: str) -> str:
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    encoding = bom or _wide_encoding(data[:4096])
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise refuse(name, [f"{name} looks like {encoding.upper()} text but could not be read as it; save "
                                "it as CSV UTF-8 and try again."]) from None
        text = text.removeprefix("\ufeff")
        if "\x00" in text:
            raise refuse(name, [f"{name} is not a CSV or Excel (.xlsx) file (it holds NUL characters); "
                                "export the diary as CSV UTF-8 or .xlsx and import that file."])
        return text
    if not _looks_binary(data[:4096]):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise refuse(name, [f"{name} could not be read as text: it is neither UTF-8 nor "
                            "Windows-1252 encoded; save it as CSV UTF-8 and try again."])
    raise refuse(name, [f"{name} is not a CSV or Excel (.xlsx) file; export the diary "
                        "as CSV or .xlsx and import that file."])


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, told by where the NUL bytes of plain ASCII text fall
    (``d\\0a\\0`` is UTF-16-LE, ``d\\0\\0\\0`` UTF-32-LE); None for anything else."""
    if len(head) < 8 or b"\x00" not in head:
        return None
    head = head[:len(head) - len(head) % 4]
    lanes = [head[i::4].count(0) / (len(head) // 4) for i in range(4)]
    if lanes[1] > .9 and lanes[2] > .9 and lanes[3] > .9 and lanes[0] < .5:
        return "utf-32-le"
    if lanes[0] > .9 and lanes[1] > .9 and lanes[2] > .9 and lanes[3] < .5:
        return "utf-32-be"
    odd, even = (lanes[1] + lanes[3]) / 2, (lanes[0] + lanes[2]) / 2
    if odd > .9 and even < .5:
        return "utf-16-le"
    if even > .9 and odd < .5:
        return "utf-16-be"
    return None


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: a picture, PDF or other binary file."""
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > len(head) // 100


def _read_csv(text: str, name: str, delimiter: str, header_line: int,
              text_columns: set[int]) -> pd.DataFrame:
    options = {"sep": delimiter, "header": None, "skiprows": header_line + 1,
               "dtype": {i: object for i in text_columns}, "keep_default_na": False, "na_values": [""],
               "skip_blank_lines": False, "quotechar": '"'}
    try:
        try:
            frame = pd.read_csv(io.StringIO(text), **options)
        except pd.errors.ParserError as error:
            # pandas takes the width from the first row, so a wider row further down (a
            # trailing delimiter, a stray cell) fails; read again as wide as the widest row
            # and let _fit drop or refuse the extra cells, wherever they are.
            if not _RAGGED.search(str(error)):
                raise
            frame = pd.read_csv(io.StringIO(text), names=range(_widest(text, delimiter)), **options)
    except pd.errors.EmptyDataError:
        raise refuse(name, [f"{name} has a header row but no diary rows."]) from None
    except pd.errors.ParserError as error:
        raise refuse(name, [_ragged(name, str(error))]) from None
    frame.index = pd.RangeIndex(header_line + 2, header_line + 2 + len(frame))
    return frame


def _widest(text: str, delimiter: str) -> int:
    """The most cells any row has; counted on each line when the csv module gives up
    (a cell over its size limit), which may overcount quoted delimiters: harmless."""
    try:
        return max((len(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)), default=0)
    except csv.Error:
        return max((line.count(delimiter) for line in _lines(text)), default=0) + 1


_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _ragged(name: str, message: str) -> str:
    found = _RAGGED.search(message)
    if not found:
        return f"{name} could not be read as CSV: {message}."
    row, cells = found.group(2), found.group(3)
    return (f"{name} row {row} has {cells} cells but the rows above have {found.group(1)}; "
            "a note may contain an unquoted delimiter (put such notes in quotes).")


def _fit(frame: pd.DataFrame, name: str, width: int, delimited: bool) -> tuple[pd.DataFrame, list[str]]:
    """Exactly one column per header. Empty cells beyond the last header (a trailing
    delimiter) are dropped silently. Filled ones refuse a delimited file, since they
    are most often a note split at an unquoted delimiter and keeping part of it would
    lose the rest; in a workbook they are stray cells, ignored with a warning."""
    frame.columns = range(frame.shape[1])
    for position in range(frame.shape[1], width):
        frame[position] = np.nan
    extra = frame.iloc[:, width:].notna()
    filled = extra.any(axis=1)
    warnings = []
    if filled.any() and delimited:
        flags = extra.to_numpy()
        cells = width + flags.shape[1] - flags[:, ::-1].argmax(axis=1)  # up to the last filled cell
        raise refuse(name, [f"{name} row {row} has {count} cells but the header has {width}; a note may "
                            "contain an unquoted delimiter (put such notes in quotes)."
                            for row, count in zip(filled.index[filled], cells[filled.to_numpy()], strict=True)])
    if filled.any():
        warnings.append(f"{name} {describe_rows(filled.index[filled].tolist())}: cells to the right of the last "
                        "column header were ignored.")
    return frame.iloc[:, :width], warnings


def describe_rows(rows: list[int]) -> str:
    """``row 3``, ``rows 3, 5 and 8`` or ``rows 3, 5, 8, ... and 41 more``."""
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= 10:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    return "rows " + ", ".join(map(str, rows[:8])) + f" and {len(rows) - 8} more"


def describe_items(items: list[str], limit: int = 6) -> str:
    """``a``, ``a, b and c`` or ``a, b, c, d, e, f and 3 more``."""
    if len(items) == 1:
        return items[0]
    if len(items) <= limit:
        return ", ".join(items[:-1]) + f" and {items[-1]}"
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def _strip(values: pd.Series) -> pd.Series:
    if values.dtype == object:
        if values.isna().all():
            return values  # an empty column: nothing to strip, and converting costs time
        values = values.astype("str")
    if not pd.api.types.is_string_dtype(values):
        return values
    stripped = values.str.strip()
    return stripped.where(stripped != "")


def _excel_sheet(data: bytes, name: str, limits: ImportLimits) -> Sheet:
    if not data.startswith(_ZIP):
        raise refuse(name, [f"{name} is named like an Excel workbook but is not one; "
                            "open it in Excel and save it again as .xlsx."])
    check_workbook(data, name, limits)
    try:
        # Like the CSV reader: only an empty cell is missing; "NA", "None" or "-" is text.
        cells = pd.read_excel(io.BytesIO(data), engine="openpyxl", header=None, dtype=object,
                              keep_default_na=False, na_values=[""])
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise refuse(name, [f"{name} could not be read as an Excel workbook ({error})."]) from None
    if cells.shape[1] > limits.max_columns:
        raise over(name, "max_columns", f"{cells.shape[1]:,} columns", limits)
    cells = cells.map(_cell_text).astype("str")
    lengths = cells.apply(lambda column: column.str.len()).max(axis=1)
    if (lengths > limits.max_cell_chars).any():
        row = int(np.flatnonzero((lengths > limits.max_cell_chars).to_numpy())[0]) + 1
        raise over(name, "max_cell_chars", f"a cell of {int(lengths.iloc[row - 1]):,} characters", limits,
                   where=f"row {row}")
    filled = np.flatnonzero(cells.apply(_strip).notna().any(axis=1).to_numpy())[:_HEADER_SEARCH]
    if not len(filled):
        raise refuse(name, [f"{name} is empty."])
    rows = [["" if pd.isna(h) else str(h).strip() for h in cells.iloc[i]] for i in filled]
    chosen = _header_position(rows)
    header_at, headers = int(filled[chosen]), rows[chosen]
    body = cells.iloc[header_at + 1:]
    body.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(body))
    return Sheet(name, headers, lambda _text_columns: body.copy(), delimited=False)


def _cell_text(value: object) -> object:
    """Excel cells as the text a CSV export would hold: dates as ISO, 4.0 as ``4``."""
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if np.isnan(value):
            return np.nan
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return np.nan
    return str(value)


def unescape(values: pd.Series) -> pd.Series:
    """Remove the apostrophe export puts before text a spreadsheet would run as a formula (or before
    text that itself began with an apostrophe: ``''@home`` reads back as ``'@home``)."""
    quoted = values.str.startswith("'").fillna(False).astype(bool)
    if not quoted.any():
        return values
    values = values.copy()
    values[quoted] = values[quoted].str.replace(r"^'(?=[=+\-@\t\r'])", "", regex=True)
    return values


def cell_texts(values: pd.Series) -> pd.Series:
    """Cells as text (NaN stays missing), whatever dtype the reader inferred."""
    if pd.api.types.is_string_dtype(values):
        return values
    codes, uniques = pd.factorize(values)
    if not len(uniques):
        return pd.Series(np.nan, index=values.index, dtype="str")
    texts = np.array([show_cell(value) for value in uniques] + [np.nan], dtype=object)
    return pd.Series(texts[codes], index=values.index, dtype="str")


def show_cell(value: object) -> str:
    """A cell as the user typed it: 11.0 -> ``11``, text unchanged."""
    if isinstance(value, float | np.floating) and not np.isnan(value):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "empty"
    return str(value)


# ---------------------------------------------------------------- headers -> canonical columns

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
                 "walking minutes", "activity mins", "active mins", "exercise"],
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
    TIME: ["time", "time of day", "reading time", "clock time"],
}
# Read as text so "007" stays "007". Dates need not be: no thousands separator is given
# to the reader, so 01.02.2026 stays text, and inferring is faster.
_READ_AS_TEXT = {c.PATIENT, c.EPISODE_LABEL, c.NOTES}  # a note "007" or "1e100" is kept as typed


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
                        f"Give a mapping that says which column holds {' and which '.join(missing)}.")
    if problems:  # every problem found here is about which column is which
        raise refuse(name, problems, ColumnsNotRecognised)
    if ignored:
        sheet.warnings.append(f"{name}: ignored columns Backtrack does not use: {', '.join(ignored)}.")
    chosen = dict(sorted(chosen.items()))  # file order, so problems come out left to right
    text = {p for p, column in chosen.items() if column in _READ_AS_TEXT}
    cells = sheet.rows(text)[list(chosen)].set_axis(list(chosen.values()), axis=1)
    return cells, {column: headers[p] for p, column in chosen.items()}


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
