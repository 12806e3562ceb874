"""Reading file bytes into a header and cells (analysis.ingest.readers): CSV and .xlsx read alike,
ragged rows, title rows above the header, and row numbers as the spreadsheet shows them."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from analysis.cli import main
from analysis.ingest.import_limits import ImportLimits
from analysis.ingest.importer import read_diary
from analysis.ingest.readers import open_sheet
from analysis.model import columns as c
from analysis.model.errors import ImportRefused

TODAY = dt.date(2026, 3, 10)
NA_TEXTS = ["NA", "N/A", "None", "null", "-", "n/a", "nan", "NaN", "NULL", "<NA>"]


def xlsx(*rows: list[object]) -> bytes:
    """A workbook whose first sheet holds `rows` from A1 down ([] is a blank row)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv(*rows: list[object]) -> bytes:
    return "".join(",".join(map(str, row)) + "\n" for row in rows).encode()


def read(data: bytes, name: str):
    return read_diary(data, name, today=TODAY)


def problems(data: bytes, name: str) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        read(data, name)
    return caught.value.problems


# ---------------------------------------------------------------- "NA" is text in .xlsx as in CSV

@pytest.mark.parametrize("text", NA_TEXTS)
@pytest.mark.parametrize("write, name", [(csv, "knee.csv"), (xlsx, "knee.xlsx")])
def test_na_like_text_is_kept_as_text(write, name, text):
    parsed = read(write(["Date", "Pain", "Notes", "Patient"], ["2026-02-03", 5, text, text]), name)
    assert parsed.entries[[c.NOTES, c.PATIENT]].values.tolist() == [[text, text]]


@pytest.mark.parametrize("write, name", [(csv, "knee.csv"), (xlsx, "knee.xlsx")])
def test_na_pain_is_named_not_called_empty(write, name):
    data = write(["Date", "Pain"], ["2026-02-03", 5], ["2026-02-04", "NA"], ["2026-02-05", "n/a"])
    assert problems(data, name) == [f'{name} row 3, Pain: "NA" is not a number.',
                                    f'{name} row 4, Pain: "n/a" is not a number.']


def test_empty_xlsx_cells_are_still_empty():
    data = xlsx(["Date", "Pain", "Notes"], [dt.datetime(2026, 2, 3), 5, None], [dt.datetime(2026, 2, 4), None, " "])
    assert problems(data, "knee.xlsx") == ["knee.xlsx row 3, Pain: empty, but every row needs a pain score."]


def test_xlsx_and_csv_of_the_same_table_read_the_same():
    rows = [["Date", "Pain", "Notes", "Patient"], ["2026-02-03", 5, "None", "NA"],
            ["2026-02-04", 4, "", "NA"], ["2026-02-05", 3, "-", "NA"]]
    from_csv, from_xlsx = read(csv(*rows), "k.csv"), read(xlsx(*rows), "k.xlsx")
    assert from_xlsx.entries.equals(from_csv.entries)
    assert from_xlsx.entries[c.NOTES].tolist() == ["None", "", "-"]


# ---------------------------------------------------------------- cells beyond the last header

@pytest.mark.parametrize("wide_row", [2, 3, 4])
def test_filled_cells_beyond_the_header_refuse_a_csv_whichever_row_has_them(wide_row):
    lines = ["date,pain,notes", "2026-02-03,6,fine", "2026-02-04,5,walked", "2026-02-05,4,x"]
    lines[wide_row - 1] += ",extra,more"
    assert problems("\n".join(lines).encode(), "knee.csv") == [
        f"knee.csv row {wide_row} has 5 cells but the header has 3; a note may contain an unquoted delimiter "
        "(put such notes in quotes)."]


def test_trailing_delimiter_in_one_row_and_a_stray_cell_in_another():
    data = b"date,pain,notes\n2026-02-03,6,fine\n2026-02-04,5,walked,\n2026-02-05,4,x,extra\n"
    assert problems(data, "knee.csv") == [
        "knee.csv row 4 has 4 cells but the header has 3; a note may contain an unquoted delimiter "
        "(put such notes in quotes)."]


def test_stray_cells_right_of_a_workbook_header_do_not_refuse_it(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["date", "pain"], ["2026-02-03", 6, "scribble"], ["2026-02-04", 5]):
        sheet.append(row)
    book.save(tmp_path / "knee.xlsx")
    parsed = read((tmp_path / "knee.xlsx").read_bytes(), "knee.xlsx")
    assert parsed.entries[c.PAIN].tolist() == [6.0, 5.0]


def test_wide_rows_keep_quoted_delimiters_and_spreadsheet_row_numbers():
    data = (b'date;pain;notes\n2026-02-03;6;"a; b"\n2026-02-04;12;"line one\nline; two";\n'
            b"2026-02-05;4;x;;\n2026-02-06;x;y\n")
    # The quoted note over two lines is one spreadsheet row, so the last row is row 5.
    assert problems(data, "knee.csv") == ["knee.csv row 3, pain: 12 is above the maximum 10.",
                                          'knee.csv row 5, pain: "x" is not a number.']


def test_a_short_row_is_padded_and_a_wide_row_below_it_still_read():
    parsed = read(b"date,pain,notes\n2026-02-03,6\n2026-02-04,5,ok,\n", "knee.csv")
    assert parsed.entries[c.NOTES].tolist() == ["", "ok"]
    assert parsed.warnings == []


def test_a_huge_cell_does_not_stop_the_wide_row_reading():
    note = "x" * 200_000  # larger than the csv module's field limit, and than the default cell limit
    data = f'date,pain,notes\n2026-02-03,6\n2026-02-04,5,"{note}",\n'.encode()
    parsed = read_diary(data, "knee.csv", limits=ImportLimits(max_cell_chars=300_000))
    assert parsed.entries[c.NOTES].str.len().tolist() == [0, 200_000]
    with pytest.raises(ImportRefused) as refused:
        read_diary(data, "knee.csv")
    assert refused.value.problems == [
        "knee.csv row 3 has a cell of 200,000 characters, over the limit of 10,000 characters (length of a "
        "cell); split the file, or raise the limit with --max-cell-chars or BACKTRACK_MAX_CELL_CHARS."]


def test_a_file_pandas_cannot_parse_keeps_its_message():
    assert problems(b'date,pain,notes\n2026-02-03,6,\n2026-02-04,5,"open\n', "knee.csv") == [
        "knee.csv could not be read as CSV: Error tokenizing data. C error: EOF inside string starting at row 2."]


def test_check_accepts_a_trailing_delimiter_below_the_first_row(tmp_path, capsys):
    path = tmp_path / "trailing.csv"
    path.write_bytes(b"date,pain,notes\n2026-02-03,6,fine\n2026-02-04,5,walked,\n")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "trailing.csv: valid, 2 diary days.\n"


# ---------------------------------------------------------------- a title above the header

TITLED = [["My back diary"], [], ["Date", "Pain", "Notes"], ["2026-02-03", 5, "a"], ["2026-02-04", 12, "b"]]


@pytest.mark.parametrize("write, name", [(xlsx, "knee.xlsx"), (csv, "knee.csv")])
def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(write, name):
    sheet = open_sheet(write(*TITLED), name)
    assert sheet.headers[:3] == ["Date", "Pain", "Notes"]
    assert problems(write(*TITLED), name) == [f"{name} row 5, Pain: 12 is above the maximum 10."]


def test_several_title_rows_and_a_blank_start():
    data = xlsx([], [], ["Back diary", "", "Sam"], ["exported 2026-03-01"], ["Day", "Pain level"],
                [dt.datetime(2026, 2, 3), 5], [dt.datetime(2026, 2, 4), -1])
    assert open_sheet(data, "knee.xlsx").headers == ["Day", "Pain level", ""]
    assert problems(data, "knee.xlsx") == ["knee.xlsx row 7, Pain level: -1 is below the minimum 0."]


def test_semicolon_csv_under_a_title_row():
    parsed = read("Rückenschmerz-Tagebuch\nDatum;Schmerz (0-10);Pain\n13.02.2026;4;5\n".encode(), "knee.csv")
    assert parsed.entries[c.PAIN].tolist() == [5.0]


@pytest.mark.parametrize("write, name", [(xlsx, "knee.xlsx"), (csv, "knee.csv")])
def test_without_a_recognisable_header_a_one_cell_title_line_is_skipped(write, name):
    """The columns found are the table's, so a mapping can name them (review 16: Fitbit's "Activities" title line
    was taken for the header, and the columns found were "Activities")."""
    data = write(["My back diary"], ["Tag", "Schmerz"], ["2026-02-03", 5])
    assert open_sheet(data, name).headers[:2] == ["Tag", "Schmerz"]
    assert problems(data, name) == [
        f"{name} has no date or pain column; columns found: Tag, Schmerz. Give a mapping that says which "
        "column holds date and which pain."]


@pytest.mark.parametrize("write, name", [(xlsx, "knee.xlsx"), (csv, "knee.csv")])
def test_without_a_recognisable_header_the_first_row_of_several_cells_is_the_header(write, name):
    data = write(["Tag", "Schmerz"], ["2026-02-03", 5])
    assert open_sheet(data, name).headers[:2] == ["Tag", "Schmerz"]


def test_a_mapping_still_works_when_the_first_row_is_the_header():
    data = xlsx(["Tag", "Schmerz"], ["2026-02-03", 5])
    parsed = read_diary(data, "knee.xlsx", today=TODAY, mapping={"Tag": "date", "Schmerz": "pain"})
    assert parsed.entries[c.PAIN].tolist() == [5.0]
