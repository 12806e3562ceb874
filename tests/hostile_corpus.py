"""A corpus of hostile diary files, each with the fragment its one-line refusal must hold.

Written from the description of what goes wrong with real files (cut short,
wrong encoding, zip bombs, a million identical rows, terminal escapes, dates
that are words), not from the importer's code. Files are made here, at test
time, so nothing multi-megabyte is committed; ``python -m tests.hostile_corpus
DIR`` writes them to a folder for a look by hand.

``cases()`` gives (file name, bytes, expected fragment). The fragment is what
a person must read in the refusal (the row, the value, the limit and its
option): checked in tests/ingest/test_hostile.py via the importer and via the CLI.
"""
from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

HEADER = "date,pain,worst_pain,activity_minutes,notes\n"
GOOD = "2026-03-02,6,7,20,first day\n2026-03-03,5,6,30,walked\n"
PADDING = [f"2026-{month:02d}-{day:02d},4,5,30,fine" for month in (4, 5, 6) for day in range(1, 29)]
"""Good rows, so that a few control characters are a small share of the file (a file mostly of control
characters is refused as not text at all)."""


def diary(*rows: str, header: str = HEADER) -> bytes:
    """A small diary: the header, two good rows, then ``rows`` (rows 4, 5, ... in the spreadsheet)."""
    return (header + GOOD + "".join(row + "\n" for row in rows)).encode()


def workbook(sheet_xml: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The smallest .xlsx openpyxl reads, with ``sheet_xml`` as its one sheet."""
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                           b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                           b'<sheets><sheet name="Diary" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      b'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def sheet(rows: Iterator[list[str]] | list[list[str]], padding: bytes = b"") -> bytes:
    """Sheet XML of inline-string cells (``padding`` goes inside the sheet data, e.g. a bomb's zeros)."""
    body = io.BytesIO()
    body.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b"<sheetData>")
    for number, row in enumerate(rows, start=1):
        body.write(f'<row r="{number}">'.encode())
        for value in row:
            body.write(f'<c t="inlineStr"><is><t>{value}</t></is></c>'.encode())
        body.write(b"</row>")
    body.write(padding)
    body.write(b"</sheetData></worksheet>")
    return body.getvalue()


def cases() -> Iterator[tuple[str, bytes, str]]:
    """Every hostile file: (name, bytes, fragment of its refusal)."""
    # --- limits (defaults: 20 MB, 100 MB unpacked, 100:1, 50,000 rows, 200 columns, 10,000 characters)
    yield "at-size-cap-plus-one.csv", b"date,pain\n" + b"2026-03-02,5\n" * 1_538_462, "--max-file-mb"
    yield "bomb-1mb.xlsx", workbook(sheet([["date", "pain"]], b"<!--" + b" " * 125_000_000 + b"-->")), \
        "--max-xlsx-mb"
    yield "bomb-ratio.xlsx", workbook(sheet([["date", "pain"]], b"<!--" + b"0" * 20_000_000 + b"-->")), \
        "--max-xlsx-ratio"
    yield "rows-50001.csv", b"date,pain\n" + b"2026-03-02,5\n" * 50_001, "50,001 rows"
    yield "million-identical-rows.csv", b"date,pain\n" + b"2026-03-02,5\n" * 1_000_000, "1,000,000 rows"
    wide = ",".join(["date", "pain"] + [f"c{i}" for i in range(199)])
    yield "columns-201.csv", (wide + "\n2026-03-02,5\n").encode(), \
        "201 cells"
    yield "header-100000-columns.csv", (",".join(f"h{i}" for i in range(100_000)) + "\n1,2\n").encode(), "--max-columns"
    yield "row-100000-cells.csv", b"date,pain\n2026-03-02,5\n" + b",".join([b"7"] * 100_000) + b"\n", "row 3"
    yield "cell-10001.csv", diary('2026-03-04,5,6,10,"' + "x" * 10_001 + '"'), "10,001 characters"
    yield "cell-1_8mb.csv", diary("2026-03-04,5,6,10," + "y" * 1_800_000), "--max-cell-chars"
    yield "xlsx-rows.xlsx", workbook(sheet([["date", "pain"]] + [["2026-03-02", "5"]] * 50_001)), "50,001 rows"
    yield "xlsx-columns.xlsx", workbook(sheet([["date", "pain"] + [f"c{i}" for i in range(250)]])), "252 cells"
    yield "xlsx-cells.xlsx", workbook(sheet([["date", "pain"] + ["1"] * 8 for _ in range(7_000)])), \
        "--max-xlsx-cells"
    yield "xlsx-long-cell.xlsx", workbook(sheet([["date", "pain", "notes"], ["2026-03-02", "5", "z" * 20_000]])), \
        "20,000 characters"
    # --- workbooks that are not
    yield "not-a-zip.xlsx", b"date,pain\n2026-03-02,5\n", "is named like an Excel workbook but is not one"
    yield "zip-garbage.xlsx", b"PK\x03\x04" + b"\x00" * 100, "could not be read as an Excel workbook"
    yield "truncated.xlsx", workbook(sheet([["date", "pain"], ["2026-03-02", "5"]]))[:300], \
        "could not be read as an Excel workbook"
    empty_zip = io.BytesIO()
    zipfile.ZipFile(empty_zip, "w").close()
    yield "empty-zip.xlsx", empty_zip.getvalue(), "is named like an Excel workbook but is not one"
    yield "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Excel (.xls)"
    # --- not text at all
    for name, head in (("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
                       ("scan.pdf", b"%PDF-1.7\n\x00\x01\x02\x03"),
                       ("program.csv", b"\x7fELF\x02\x01\x01\x00" + bytes(range(32)) * 8),
                       ("nul-bytes.csv", b"date,pain\n\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")):
        yield name, head + bytes(range(256)) * 4, "is not a CSV or Excel (.xlsx) file"
    yield "empty.csv", b"", "is empty"
    yield "blank.csv", b"  \n\n\t\n", "is empty"
    yield "header-only.csv", b"date,pain\n", "has a header row but no diary rows"
    yield "bom-only.csv", b"\xef\xbb\xbf", "is empty"
    yield "utf16-bom-only.csv", b"\xff\xfe", "is empty"
    yield "no-pain-column.csv", b"date,mood\n2026-03-02,ok\n", "has no pain column"
    yield "no-date-column.csv", b"day of week,pain\nMonday,5\n", "has no date column"
    yield "no-columns-at-all.csv", b";;;\n;;;\n", "has no date or pain column"
    # --- encodings: decoded, so their one bad cell is named in readable text (never NULs)
    bad = diary("2026-03-04,eleven,6,10,x").decode()
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        yield f"{encoding}.csv", bad.encode(encoding), 'row 4, pain: "eleven" is not a number'
    yield "utf8-bom.csv", b"\xef\xbb\xbf" + bad.encode(), 'row 4, pain: "eleven" is not a number'
    yield "cp1252.csv", bad.replace("x", "caf\xe9").encode("cp1252"), '"eleven" is not a number'
    yield "cr-only.csv", bad.replace("\n", "\r").encode(), 'row 4, pain: "eleven" is not a number'
    yield "crlf.csv", bad.replace("\n", "\r\n").encode(), 'row 4, pain: "eleven" is not a number'
    # --- cut short
    yield "cut-mid-row.csv", (HEADER + GOOD + "2026-03-04,5,6").encode(), "row 4 has 3 of the header's 5 cells"
    yield "cut-in-quote.csv", (HEADER + GOOD + '2026-03-04,5,6,10,"walked to the').encode(), \
        "ends inside a quoted cell"
    yield "cut-after-date.csv", (HEADER + GOOD + "2026-03-0").encode(), "looks cut short"
    # --- dates
    for value, fragment in (("0001-01-01", '"0001-01-01" is before 1900-01-01'),
                            ("1899-12-31", '"1899-12-31" is before 1900-01-01'),
                            ("1000-06-15", '"1000-06-15" is before 1900-01-01'), ("now", '"now" is not a date'),
                            ("today", '"today" is not a date'), ("yesterday", '"yesterday" is not a date'),
                            ("tomorrow", '"tomorrow" is not a date'), ("Today", '"Today" is not a date'),
                            (" NOW ", '"NOW" is not a date'), ("9999-12-31", "9999-12-31 is in the future"),
                            ("2026-02-30", '"2026-02-30" is not a date'), ("2026-13-01", '"2026-13-01" is not a date'),
                            ("00/00/0000", '"00/00/0000" is not a date'), ("1e10", '"1e10" is not a date'),
                            ("-2026-03-04", '"-2026-03-04" is not a date'),
                            ("2026-03-04 noon", '"2026-03-04 noon" is not a date')):
        yield f"date-{value.strip().replace('/', '_')}.csv", diary(f"{value},5,6,10,x"), f"row 4, date: {fragment}"
    # --- numbers
    number = 0
    for value, fragment in (("11", "11 is above the maximum 10"), ("-1", "-1 is below the minimum 0"),
                            ("inf", "inf is above the maximum 10"),
                            ("-inf", "-inf is below the minimum 0"), ("NaN", '"NaN" is not a number'),
                            ("7/10 min", '"7/10 min" is not a number'), ("5..5", '"5..5" is not a number'),
                            ("0x10", '"0x10" is not a number'), ("\u0665", '"\u0665" is not a number'),
                            ("10.0000001", "10.0000001 is above the maximum 10"), ("=1+1", '"=1+1" is not a number')):
        number += 1  # a name per value that is the same in every process (str hashes are salted per process)
        yield f"pain-{number:02d}.csv", diary(f"2026-03-04,{value},6,10,x"), \
            f"row 4, pain: {fragment}"
    yield "pain-1e308.csv", diary("2026-03-04,1e308,6,10,x"), "… (309 characters) is above the maximum 10."
    yield "minutes-too-many.csv", diary("2026-03-04,5,6,1441,x"), "1441 is above the maximum 1440"
    yield "worst-11.csv", diary("2026-03-04,5,11,10,x"), "row 4, worst_pain: 11 is above the maximum 10"
    # --- hostile text: shown escaped and short, never raw
    yield "escape-in-pain.csv", diary("2026-03-04,\x1b[31m5\x1b[0m,6,10,x", *PADDING), \
        '"\\e[31m5\\e[0m" is not a number'
    yield "escapes-everywhere.csv", diary("2026-03-04,\x1b[31m5\x1b[0m,6,10,x"), r'pain: "\e[31m5\e[0m" is not a number'
    yield "nul-in-pain.csv", diary("2026-03-04,5\x00,6,10,x"), "is not a CSV or Excel (.xlsx) file"
    yield "bell-in-date.csv", diary("2026-03-04\x07,5,6,10,x"), '"2026-03-04\\x07" is not a date'
    yield "bidi-in-pain.csv", diary("2026-03-04,\u202e5,6,10,x"), '"\\u202e5" is not a number'
    yield "cr-in-quoted-pain.csv", diary('2026-03-04,"5\r6",6,10,x'), '"5\\r6" is not a number'
    yield "newline-in-quoted-pain.csv", diary('2026-03-04,"5\n6",6,10,x'), '"5\\n6" is not a number'
    yield "long-pain-value.csv", diary("2026-03-04," + "9" * 5000 + "x,6,10,x"), "(5,001 characters)"
    yield "escape-in-header.csv", b"date,\x1b]0;pwned\x07,notes\n" + "".join(f"{r},x\n" for r in PADDING).encode(), \
        "\\e]0;pwned\\x07"
    yield "\x1b[2Jescape-name.csv", diary("2026-03-04,x,6,10,x"), "\\e[2Jescape-name.csv row 4"
    yield "unknown-symptom.csv", diary("2026-03-04,5,6,10,x", header=HEADER.replace("notes", "symptoms")).replace(
        b",x\n", b",leg_pian\n"), '"leg_pian" is not a symptom code'
    # --- many alike problems: a handful shown, then how many more
    yield "many-bad-rows.csv", b"date,pain\n" + b"".join(f"2026-03-{d:02d},x\n".encode() for d in range(1, 29)) * 30, \
        "more like it"
    future = b"".join(f"{year}-01-01,5\n".encode() for year in range(3000, 4000))
    yield "thousand-future-rows.csv", b"date,pain\n" + future, "more like it"
    # --- structure
    yield "unquoted-delimiter.csv", diary("2026-03-04,5,6,10,walked, then sat,ok"), "row 4 has 7 cells"
    yield "duplicate-day.csv", diary("2026-03-02,2,6,10,again"), "is also the date of row 2"
    yield "mixed-date-order.csv", b"date,pain\n13/02/2026,5\n02/13/2026,4\n", "mixes day-first dates"
    yield "only-quotes.csv", b"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\n", "has no"


def main(folder: str) -> None:
    """Write every case into ``folder`` (for a look by hand, or for benchmarks)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for name, data, fragment in cases():
        (target / name.replace("\x1b", "ESC")).write_bytes(data)
        print(f"{name!r}: {fragment}")


if __name__ == "__main__":
    main(sys.argv[1])
