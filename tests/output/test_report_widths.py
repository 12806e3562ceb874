"""The GP report's Medicines table prints every medicine and class name whole (review 20: "paraceta/mol")."""
from __future__ import annotations

import datetime as dt

from analysis.model.vocabulary import MEDICINES, drug_class
from analysis.output.report import MEDICINE_WIDTHS, _new_pdf

PADDING_MM = 2 * 1.5  # _table's cell padding, left and right
LONG_NAMES = {"methylprednisolone"}  # wider than any column the table can spare: it wraps


def test_every_name_fits_its_column_in_bold() -> None:
    pdf = _new_pdf(dt.date(2026, 12, 3), "x")
    assert sum(MEDICINE_WIDTHS) <= pdf.epw + 0.01
    pdf.set_font(pdf.family, "B", 9)  # a row above the daily maximum is bold
    medicine, klass = MEDICINE_WIDTHS[0] - PADDING_MM, MEDICINE_WIDTHS[1] - PADDING_MM
    too_wide = [n for n in MEDICINES if n not in LONG_NAMES and pdf.get_string_width(n) > medicine]
    assert not too_wide
    words = {word for n in MEDICINES for word in str(drug_class(n)).split()}
    assert not [w for w in words if pdf.get_string_width(w) > klass]
