"""The report reads its Chinese, Japanese and Korean fallback fonts only when a text needs them (a third of a
report's time), and then before that text is drawn."""
from __future__ import annotations

import datetime as dt

from analysis.output.report import _new_pdf
from tests.pdf_text import pdf_words, require_cjk_font

DAY = dt.date(2026, 12, 3)


def test_a_latin_report_never_reads_the_fallback_fonts() -> None:
    pdf = _new_pdf(DAY, "Zoë Brontë-Łukasz")  # accents and Polish: DejaVu Sans has them all
    pdf.para(pdf.clean("Ibuprofen 400 mg — twice; naïve café"), 10)
    assert not pdf.fallbacks_added
    assert not any(key.startswith("fallback") for key in pdf.fonts)


def test_a_korean_name_reads_them_once_and_prints_whole() -> None:
    require_cjk_font()
    pdf = _new_pdf(DAY, "김민준")  # the title is cleaned as the document is made: the fonts come with it
    assert pdf.fallbacks_added
    assert pdf.clean("山田 太郎 김민준") == "山田 太郎 김민준"
    pdf.para(pdf.clean("山田 太郎 김민준"), 10)
    loaded = sorted(key for key in pdf.fonts if key.startswith("fallback"))
    assert loaded == ["fallback0", "fallback1"]
    assert "山田 太郎 김민준" in pdf_words(bytes(pdf.output()))


def test_a_character_no_font_has_is_still_a_question_mark() -> None:
    require_cjk_font()
    pdf = _new_pdf(DAY, "Sam")
    assert pdf.clean("pain \U0001d11e now") == "pain ? now"  # a musical symbol none of the fonts draws
    assert pdf.fallbacks_added  # looked for in the fallbacks before giving up


def test_an_ideographic_space_never_vanishes() -> None:
    """U+3000, the space a Japanese or Chinese keyboard types, is not in DejaVu Sans: it reads the fallback fonts
    (Droid has it) rather than being dropped between two words."""
    require_cjk_font()
    pdf = _new_pdf(DAY, "Yamada\u3000Taro")
    assert pdf.fallbacks_added
    assert pdf.clean("Walked 20 min\u3000then rested") == "Walked 20 min\u3000then rested"
    pdf.para(pdf.clean("Walked 20 min\u3000then rested"), 10)
    assert "then rested" in pdf_words(bytes(pdf.output())) and "minthen" not in pdf_words(bytes(pdf.output()))
