"""Limits on what an imported file may hold, checked before any parser touches it.

Why: a file is a stranger's input. Without limits a 1 MB ``.xlsx`` zip bomb
inflated to gigabytes, a 200 KB row of 100,000 cells took a minute, and a
million identical rows gave a million warnings. Every limit here is checked on
the raw bytes (file size), on the zip's central directory and a byte-budgeted
inflate (workbooks), or in one linear pass of the CSV reader (rows, columns,
cell length), so a refusal costs seconds and bounded memory whatever the file.

Each limit has a default, an environment variable and a CLI option (for
``import`` and ``check``); a refusal names the file, the limit and how to
change it, in one sentence. The Clinic page uses the defaults (or the
environment), and caps the upload at ``max_file_mb`` too.

The numbers are not clinical (GUIDANCE.md has none for files): they are sized
so that a real diary never meets them (a year of daily entries is ~400 rows and
~15 columns; app exports of several readings a day a few thousand rows) while a
hostile file is refused in under 10 s with under 1 GiB of memory on a 2-core
machine (benchmarks/refusals.py measures this).
"""
from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from operator import methodcaller

from analysis.model.errors import ImportRefused, UsageError


@dataclass(frozen=True)
class ImportLimits:
    """The largest file Backtrack reads; every field has an env variable and a CLI option (see LIMITS)."""

    max_file_mb: float = 20.0  # the Clinic's upload cap too (.streamlit/config.toml maxUploadSize = 20)
    max_xlsx_mb: float = 100.0  # all parts of a workbook, inflated
    max_xlsx_ratio: float = 100.0  # inflated size / compressed size of a workbook (zip bombs reach 1000:1)
    max_rows: int = 50_000  # a year of daily entries is ~400; a legal file at the cap imports in ~6 s here
    max_columns: int = 200
    max_cell_chars: int = 10_000
    max_xlsx_cells: int = 60_000  # cells of a sheet (5,000 rows of 12): openpyxl reads ~30,000 a second here


@dataclass(frozen=True)
class Limit:
    """How one limit is named to people: its unit, CLI option and environment variable."""

    field: str
    option: str
    env: str
    what: str  # "file size", ...
    unit: str  # "MB", "rows", ...


LIMITS: dict[str, Limit] = {limit.field: limit for limit in (
    Limit("max_file_mb", "--max-file-mb", "BACKTRACK_MAX_FILE_MB", "file size", "MB"),
    Limit("max_xlsx_mb", "--max-xlsx-mb", "BACKTRACK_MAX_XLSX_MB", "unpacked size of a workbook", "MB"),
    Limit("max_xlsx_ratio", "--max-xlsx-ratio", "BACKTRACK_MAX_XLSX_RATIO", "compression ratio of a workbook",
          ":1"),
    Limit("max_rows", "--max-rows", "BACKTRACK_MAX_ROWS", "number of rows", "rows"),
    Limit("max_columns", "--max-columns", "BACKTRACK_MAX_COLUMNS", "number of columns", "columns"),
    Limit("max_cell_chars", "--max-cell-chars", "BACKTRACK_MAX_CELL_CHARS", "length of a cell", "characters"),
    Limit("max_xlsx_cells", "--max-xlsx-cells", "BACKTRACK_MAX_XLSX_CELLS", "number of cells in a workbook",
          "cells"),
)}
assert set(LIMITS) == {f.name for f in fields(ImportLimits)}

_MB = 1_000_000
_RATIO_FLOOR = _MB  # a workbook inflating to under 1 MB is harmless whatever its ratio


def current_limits(environ: Mapping[str, str] | None = None, **overrides: float | None) -> ImportLimits:
    """The defaults, changed by environment variables (BACKTRACK_MAX_ROWS=...) and then by ``overrides``
    (None leaves a value alone); a value that is not a positive number is a UsageError naming it."""
    environ = os.environ if environ is None else environ
    values: dict[str, float | int] = {}
    for name, limit in LIMITS.items():
        for source, given in ((limit.env, environ.get(limit.env)), (limit.option, overrides.get(name))):
            if given is None or given == "":
                continue
            values[name] = _positive(source, given, integer=isinstance(getattr(ImportLimits, name), int))
    return replace(ImportLimits(), **values)


def _positive(source: str, given: object, integer: bool) -> float | int:
    try:
        number = float(given)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not number > 0 or number == float("inf"):
        raise UsageError(f"{source} must be a positive number, not {str(given)[:40]!r}.")
    return int(number) if integer else number


def over(name: str, field_name: str, found: str, limits: ImportLimits, where: str = "") -> ImportRefused:
    """The refusal for a file over one limit: one sentence naming the file, the limit and how to change it."""
    limit = LIMITS[field_name]
    value = getattr(limits, field_name)
    number = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    shown = f"{number}{limit.unit}" if limit.unit == ":1" else f"{number} {limit.unit}"
    place = f" {where}" if where else ""
    problem = (f"{name}{place} has {found}, over the limit of {shown} ({limit.what}); split the file, or raise "
               f"the limit with {limit.option} or {limit.env}.")
    return ImportRefused(f"{name} was not imported: 1 problem.", [problem])


def check_size(data: bytes, name: str, limits: ImportLimits) -> None:
    """Refuse a file larger than ``max_file_mb`` before reading a byte of it as text."""
    if len(data) > limits.max_file_mb * _MB:
        raise over(name, "max_file_mb", f"{len(data) / _MB:,.1f} MB", limits)


# ---------------------------------------------------------------- workbooks (zip)

_CHUNK = 1 << 20
_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"|"
                    rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*?\b\w+:id=\"([^\"]+)\"")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")


def check_workbook(data: bytes, name: str, limits: ImportLimits) -> None:
    """Refuse a workbook that would inflate past ``max_xlsx_mb`` or ``max_xlsx_ratio``, or whose first sheet
    holds more rows, columns or cells than allowed, before openpyxl opens it.

    The declared sizes of the zip's central directory are checked first; then
    every part is inflated in chunks against a byte budget, since declared
    sizes can lie. Nothing but the first sheet is kept in memory, one at a time.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRefused(f"{name} was not imported: 1 problem.", [
            f"{name} could not be read as an Excel workbook: it is damaged or cut short; open it in Excel and "
            "save it again as .xlsx, or export the diary as CSV."]) from None
    budget = int(limits.max_xlsx_mb * _MB)
    declared = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if declared > budget:
        raise over(name, "max_xlsx_mb", f"{declared / _MB:,.1f} MB when unpacked", limits)
    if declared > _RATIO_FLOOR and declared / packed > limits.max_xlsx_ratio:
        raise over(name, "max_xlsx_ratio", f"a compression ratio of {declared / packed:,.0f}:1", limits)
    other = _not_a_workbook(archive, {m.filename for m in members})
    if other:  # the library's own words ("no item named '[Content_Types].xml'") said nothing to a person (review 30)
        raise ImportRefused(f"{name} was not imported: 1 problem.", [
            f"{name} is {other}, not an Excel workbook or a CSV file; export the diary as CSV or .xlsx and import "
            "that file."])
    sheet = _first_sheet(archive, members)
    for member in members:
        content = _inflate(archive, member, budget, name, limits, keep=member.filename == sheet)
        budget -= content[0]
        if member.filename == sheet:
            _check_sheet_xml(content[1], name, limits)


# What a zip file that is not a workbook holds, by a part only that kind of file has (Office Open XML, ODF)
_OTHER_ZIPS = (("word/document.xml", "a Word document"), ("ppt/presentation.xml", "a PowerPoint presentation"),
               ("content.xml", "an OpenDocument file (LibreOffice)"))


def _not_a_workbook(archive: zipfile.ZipFile, parts: set[str]) -> str | None:
    """What the zip file is in words ("a Word document", "a zip archive") when it holds no Excel workbook, else
    None. A workbook says so in its content types (the spreadsheetml main part), wherever its parts are kept (a
    workbook may keep them outside xl/: review 30), or has the usual xl/ parts."""
    if "xl/workbook.xml" in parts or any(part.startswith("xl/worksheets/") for part in parts):
        return None
    try:
        types = _first_bytes(archive, "[Content_Types].xml") if "[Content_Types].xml" in parts else b""
    except Exception:  # a damaged part: judged with its own message when it is inflated
        return None
    if b"spreadsheetml" in types or b"ms-excel" in types:
        return None
    return next((words for part, words in _OTHER_ZIPS if part in parts), "a zip archive")


def _first_bytes(archive: zipfile.ZipFile, part: str, size: int = _MB) -> bytes:
    """At most `size` bytes of a part, inflated no further: a part's declared size can lie, and reading it whole
    let a 650 KB upload take 1.3 GB of memory (review 30)."""
    with archive.open(part) as stream:
        return stream.read(size)


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, name: str,
             limits: ImportLimits, keep: bool) -> tuple[int, bytes]:
    """Inflate one part in chunks, stopping as soon as it passes the budget; (bytes inflated, content if kept)."""
    size, parts = 0, []
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise over(name, "max_xlsx_mb", f"more than {limits.max_xlsx_mb:,g} MB when unpacked", limits)
                if keep:
                    parts.append(chunk)
    except ImportRefused:
        raise
    except Exception:  # BadZipFile (bad CRC, a size that lied), zlib.error, an unsupported compression
        raise ImportRefused(f"{name} was not imported: 1 problem.", [
            f"{name} could not be read as an Excel workbook (a part of it is damaged); open it in Excel and "
            "save it again as .xlsx."]) from None
    return size, b"".join(parts)


def _first_sheet(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> str:
    """The part holding the first sheet (the one pandas reads): from workbook.xml and its relations,
    else the first worksheet part by name."""
    names = [m.filename for m in members]
    worksheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    try:
        if all(m.file_size < 10 * _MB for m in members if m.filename in ("xl/workbook.xml",
                                                                          "xl/_rels/workbook.xml.rels")):
            workbook = _first_bytes(archive, "xl/workbook.xml", 10 * _MB)
            relations = _first_bytes(archive, "xl/_rels/workbook.xml.rels", 10 * _MB)
            found = _SHEET.search(workbook)
            if found:
                rid = found.group(1) or found.group(2)
                target = re.search(rb"<Relationship\b[^>]*\bId=\"" + re.escape(rid) + rb"\"[^>]*>", relations)
                path = re.search(rb"\bTarget=\"([^\"]+)\"", target.group(0)) if target else None
                if path:
                    text = path.group(1).decode("utf-8", "replace").lstrip("/")
                    text = text if text.startswith("xl/") else "xl/" + text
                    if text in names:
                        return text
    except Exception:  # a damaged part: judged again, with its message, when it is inflated
        pass
    return worksheets[0] if worksheets else ""


def _check_sheet_xml(xml: bytes, name: str, limits: ImportLimits) -> None:
    """Count rows and cells of the sheet XML without parsing it (a regex pass is ~100x faster than openpyxl)."""
    rows = sum(1 for _ in _ROW.finditer(xml))
    if rows > limits.max_rows + 1:
        raise over(name, "max_rows", f"{rows - 1:,} rows", limits)
    cells = sum(1 for _ in _CELL.finditer(xml))
    if cells > limits.max_xlsx_cells:
        raise over(name, "max_xlsx_cells", f"{cells:,} cells", limits)
    starts = [m.start() for m in _ROW.finditer(xml)] + [len(xml)]
    for number, (start, end) in enumerate(zip(starts, starts[1:], strict=False), start=1):
        width = sum(1 for _ in _CELL.finditer(xml, start, end))
        if width > limits.max_columns:
            raise over(name, "max_columns", f"{width:,} cells", limits, where=f"row {number}")


# ---------------------------------------------------------------- delimited text

def check_text(text: str, name: str, delimiter: str, header_line: int, limits: ImportLimits) -> None:
    """One pass of the csv reader over the text: refuse too many rows, a row of too many cells, or a cell
    too long, naming the first row that breaks a limit (spreadsheet numbering, the first line is row 1)."""
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_cell_chars + 1))
    lines = text.count("\n") + 1
    if lines - header_line <= limits.max_rows + 1 and _fits_at_a_glance(text, delimiter, limits):
        return
    if lines - header_line > limits.max_rows + 1:  # lines bound rows from above: quick path
        rows = _count_rows(text, delimiter)
        if rows - header_line > limits.max_rows + 1:
            raise over(name, "max_rows", f"{rows - header_line - 1:,} rows", limits)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 0  # rows as a spreadsheet counts them, not lines: a quoted note may span lines (review 31)
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 (read after the loop, in the except)
            if len(row) > limits.max_columns:
                raise over(name, "max_columns", f"{len(row):,} cells", limits, where=f"row {number}")
            if row and max(map(len, row)) > limits.max_cell_chars:
                longest = max(map(len, row))
                raise over(name, "max_cell_chars", f"a cell of {longest:,} characters", limits,
                           where=f"row {number}")
    except csv.Error as error:
        if "field limit" in str(error):
            raise over(name, "max_cell_chars", f"a cell of over {csv.field_size_limit():,} characters", limits,
                       where=f"row {number + 1}") from None
        # anything else the csv module dislikes (a NUL) is for the parser to report


def _fits_at_a_glance(text: str, delimiter: str, limits: ImportLimits) -> bool:
    """True when no row can have too many cells or a cell too long, judged from an upper bound.

    Why: the exact csv pass costs seconds on a million rows. In a text without
    quotes no cell spans lines or holds a delimiter, so a line's delimiters + 1
    bound its cells and its length bounds each of its cells. False means "read
    it properly" (the csv pass then names the row), never "refuse".
    """
    if '"' in text:
        return False
    start = 0
    while start < len(text):  # a megabyte of lines at a time: a million line strings at once take ~100 MB
        end = text.find("\n", start + _GLANCE_CHARS)
        end = len(text) if end < 0 else end
        lines = text[start:end].split("\n")
        if (max(map(len, lines)) > limits.max_cell_chars
                or max(map(methodcaller("count", delimiter), lines)) + 1 > limits.max_columns):
            return False
        start = end + 1
    return True


_GLANCE_CHARS = 1 << 20


def _count_rows(text: str, delimiter: str) -> int:
    try:
        return sum(1 for _ in csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return text.count("\n") + 1
