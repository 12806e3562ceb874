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


def test_both_maxima_of_a_medicine_wrap_at_spaces() -> None:
    """Ibuprofen's "1,200 mg (2,400 mg prescribed)" broke as "prescripti/on" in a 21 mm column (review 34)."""
    from analysis.course.dose_limit_words import limit_text
    pdf = _new_pdf(dt.date(2026, 12, 3), "x")
    pdf.set_font(pdf.family, "B", 9)
    column = MEDICINE_WIDTHS[5] - PADDING_MM
    for medicine in MEDICINES.values():
        text = limit_text(medicine.first_limit_mg, medicine.max_daily_mg, " mg", "prescribed")
        assert not [w for w in text.split() if pdf.get_string_width(w) > column], text
    for words, width in (("Days used", MEDICINE_WIDTHS[2]), ("Longest run", MEDICINE_WIDTHS[3]),
                         ("1,600 mg", MEDICINE_WIDTHS[4])):
        assert not [w for w in words.split() if pdf.get_string_width(w) > width - PADDING_MM], words
    dates = "30 Dec 2026 to 30 Dec 2026"
    assert pdf.get_string_width(dates) <= MEDICINE_WIDTHS[6] - PADDING_MM  # one line, bold too
