"""Mapping symptom text to warning-symptom codes (analysis.symptoms)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import columns as c
from analysis.medicines import ROW
from analysis.symptoms import format_symptoms, is_code_like, parse_symptom_column, parse_symptoms
from analysis.vocabulary import SYMPTOM_CODES, SYMPTOMS


@pytest.mark.parametrize("text, code", [
    ("numb saddle area", "saddle_numbness"),
    ("can't lift my foot", "weakness"),
    ("cannot lift my left foot", "weakness"),
    ("right foot drags", "weakness"),
    ("tripping over my foot", "weakness"),
    ("saddle numbness", "saddle_numbness"),
    ("numbness around the genitals", "saddle_numbness"),
    ("loss of bladder control", "bladder_bowel"),
    ("incontinence", "bladder_bowel"),
    ("can't control bowels", "bladder_bowel"),
    ("pain down left leg", "leg_pain"),
    ("sciatica", "leg_pain"),
    ("leg pain", "leg_pain"),
    ("Leg Pain", "leg_pain"),
    ("tingling", "numbness"),
    ("pins and needles", "numbness"),
    ("numb", "numbness"),
    ("weak leg", "weakness"),
    ("weakness", "weakness"),
    ("can't move my leg", "cannot_move_leg"),
    ("can’t move my leg", "cannot_move_leg"),
    ("leg paralysed", "cannot_move_leg"),
    ("fever", "fever"),
    ("temperature", "fever"),
    ("lost weight", "weight_loss"),
    ("weight loss", "weight_loss"),
    ("cannot move leg", "cannot_move_leg"),
    ("cannot_move_leg", "cannot_move_leg"),
])
def test_words_map_to_one_code(text, code):
    assert parse_symptoms(text) == ([code], [])


@pytest.mark.parametrize("code, description", list(SYMPTOMS.items()))
def test_descriptions_shown_to_patients_map_back(code, description):
    assert parse_symptoms(description) == ([code], [])


@pytest.mark.parametrize("text, codes, unmapped", [
    ("leg_pain;numbness", ["leg_pain", "numbness"], []),
    ("leg pain, pins and needles", ["leg_pain", "numbness"], []),
    ("sciatica and tingling", ["leg_pain", "numbness"], []),
    ("bladder and bowel problems", ["bladder_bowel"], []),
    ("headache; leg pain", ["leg_pain"], ["headache"]),
    ("tired", [], ["tired"]),
    ("leg_pian", [], ["leg_pian"]),
    ("none", [], []),
    ("", [], []),
    (None, [], []),
])
def test_several_items(text, codes, unmapped):
    assert parse_symptoms(text) == (codes, unmapped)


@given(st.lists(st.sampled_from(SYMPTOM_CODES), unique=True))
def test_parse_reads_back_what_format_writes(codes):
    assert parse_symptoms(format_symptoms(codes)) == (codes, [])


@pytest.mark.parametrize("text, expected", [("leg_pian", True), ("cannot_move_leg", True),
                                            ("headache", False), ("leg pain", False)])
def test_is_code_like(text, expected):
    assert is_code_like(text) is expected


def test_column_is_mapped_per_distinct_text():
    texts = pd.Series(["leg pain; headache", None, "fever", "leg pain; headache"], index=[2, 3, 4, 5])
    symptoms, unmapped = parse_symptom_column(texts)
    assert symptoms.to_dict("list") == {ROW: [2, 4, 5], c.SYMPTOM: ["leg_pain", "fever", "leg_pain"]}
    assert unmapped.to_dict("list") == {ROW: [2, 5], "text": ["headache", "headache"]}
