"""Turning the bytes of an uploaded file into a header and a frame of cells.

Handles what real files look like: CSV with comma, semicolon or tab; UTF-8
with or without BOM, UTF-16 (Excel "Unicode text") and Windows-1252; Excel
.xlsx workbooks whose cells may already be dates or numbers. Anything else
(an old .xls, a picture, an empty file) is refused with one sentence.

Here: the file type and CSV text (encoding, delimiter, the header row, rows cut
short or too wide). Workbooks: analysis.ingest.excel; the ``Sheet`` itself:
analysis.ingest.sheet; headers to canonical columns: analysis.ingest.headers.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from itertools import islice

import pandas as pd

from analysis.ingest.apps.registry import detect
from analysis.ingest.excel import ZIP_MAGIC, excel_sheet
from analysis.ingest.headers import HEADER_SEARCH, header_position, is_title
from analysis.ingest.import_limits import ImportLimits, check_text, current_limits, over
from analysis.ingest.sheet import Sheet, refuse

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls / .doc
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))  # UTF-32 first: its little-endian BOM starts like UTF-16's
_DELIMITERS = ("\t", ";", ",")  # ties go to the earlier one


def open_sheet(data: bytes, name: str, limits: ImportLimits | None = None) -> Sheet:
    """Recognise the file type and read its header row; refuse what cannot be a diary, and a file over
    ``limits`` (rows, columns, cell length, a workbook's unpacked size) before parsing it."""
    limits = limits or current_limits()
    if data.startswith(ZIP_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return excel_sheet(data, name, limits)
    if data.startswith(_OLE):
        raise refuse(name, [f"{name} is an old Excel (.xls) workbook; save it as .xlsx or CSV "
                            "and import that file."])
    if not data or data.isspace():
        raise refuse(name, [f"{name} is empty."])
    text = _unjoin_records(_cr_only(_decode(data, name)))
    if not text.strip():
        raise refuse(name, [f"{name} is empty."])
    candidates = list(islice(((i, line) for i, line in enumerate(_lines(text)) if line.strip()), HEADER_SEARCH))
    split = [_split(line[:1_000_000]) for _, line in candidates]  # a header is never a megabyte long
    # each candidate matched on its first cells only (not 100,000 of them); the column limit is the chosen
    # header's, and check_text counts every row's cells with the header's delimiter: a semicolon file's note of
    # prose with 240 commas is 3 cells, not 241 (review 8: it was refused for its columns)
    chosen = header_position([headers[:limits.max_columns + 1] for headers, _ in split], known=_app_header)
    header_line, (headers, delimiter) = candidates[chosen][0], split[chosen]
    if len(headers) > limits.max_columns:
        raise over(name, "max_columns", f"{len(headers):,} cells", limits, where=f"row {header_line + 1}")
    check_text(text, name, delimiter, header_line, limits)
    said = []
    # a section of a file of several (Fitbit's account export): only below a title line and only for another
    # app's table; a diary's own date-and-pain table is read whole, whatever follows it (review 30)
    if chosen and is_title(split[chosen - 1][0]) and _app_header(headers):
        before = [_title(cells) for at, (cells, _) in enumerate(split[:chosen - 1])
                  if is_title(cells) and len(split[at + 1][0]) >= 2]
        text, after = _one_section(text, header_line)
        others = [*before, *after]
        if others:  # said, never dropped without a word
            said.append(f'{name}: read its "{_title(split[chosen - 1][0])}" table; its other sections '
                        f"({', '.join(others)}) were not read.")
    _check_last_row(text, name, delimiter, len(headers))

    def read(text_columns: set[int]) -> pd.DataFrame:
        return _read_csv(text, name, delimiter, header_line, text_columns)

    return Sheet(name, headers, read, warnings=said)


def _app_header(cells: list[str]) -> bool:
    """Whether these cells are the header of another app's export (analysis.ingest.apps)."""
    return detect(cells) is not None


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


MAX_SECTIONS = 20  # titles named after the chosen section: a file of blank lines is not searched line by line


def _one_section(text: str, header_line: int) -> tuple[str, list[str]]:
    """The text up to the end of the section whose header is on line `header_line` (0-based), and the titles of
    the sections after it: a file of several titled tables one after another (Fitbit's account export: "Body",
    "Activities", "Sleep", each a title line, a header and its rows, a blank line between) ends the chosen table
    where a blank line outside quotes is followed by a title line and a header (review 30: the Sleep section's
    rows were read as activity days). A header names things: no cell of it starts with a digit, so a blank line,
    a word and more of the table's own rows end nothing."""
    start = 0
    for _ in range(header_line):
        start = text.find("\n", start) + 1
    end, titles, quotes, counted = len(text), [], 0, start
    for blank in _BLANK_LINE.finditer(text, start):
        quotes, counted = quotes + text.count('"', counted, blank.start()), blank.start()
        if quotes % 2:  # inside a quoted cell: a note's empty line
            continue
        following = _next_lines(text, blank.end(), 2)
        if len(following) < 2 or not is_title(_split(following[0])[0]):
            continue
        header = _split(following[1])[0]
        if len(header) >= 2 and not any(cell[:1].isdigit() for cell in header):
            end = min(end, blank.start() + 1)
            titles.append(_title(_split(following[0])[0]))
            if len(titles) == MAX_SECTIONS:
                break
    return text[:end], titles


def _next_lines(text: str, at: int, count: int) -> list[str]:
    """The next `count` non-empty lines of `text` from position `at` (fewer at its end)."""
    found = []
    while len(found) < count and at < len(text):
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        if text[at:stop].strip():
            found.append(text[at:stop].rstrip("\r"))
        at = stop + 1
    return found


def _title(cells: list[str]) -> str:
    """A title line's words (its one filled cell)."""
    return next(cell for cell in cells if cell.strip())


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
    """NUL bytes or many control characters: a picture, PDF or other binary file. "Many": more than one in a
    hundred bytes and more than a few, so a short diary with an escape sequence pasted into a note (two control
    characters in 70 bytes) is read, its cells checked and named by row and column (review 31), not refused whole
    as "not a CSV file"."""
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > max(_FEW_CONTROLS, len(head) // 100)


_FEW_CONTROLS = 8  # a binary file's first kilobytes hold hundreds; a pasted escape sequence or two, a handful


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
