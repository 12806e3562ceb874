"""Reading and writing medicine text (analysis.medicines)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import columns as c
from analysis.medicines import (
    ROW,
    Dose,
    format_medications,
    format_mg,
    parse_medication_column,
    parse_medications,
)
from analysis.vocabulary import MEDICINES, generic_name


@pytest.mark.parametrize("text, doses", [
    ("ibuprofen 400 mg x3", [Dose("ibuprofen", 400, 3)]),
    ("ibuprofen 400 mg x3; codeine 30 mg x2", [Dose("ibuprofen", 400, 3), Dose("codeine", 30, 2)]),
    ("Nurofen 200mg 2x", [Dose("ibuprofen", 200, 2)]),
    ("paracetamol 1g x4", [Dose("paracetamol", 1000, 4)]),
    ("ibuprofen 400 mg three times", [Dose("ibuprofen", 400, 3)]),
    ("ibuprofen 400 mg twice", [Dose("ibuprofen", 400, 2)]),
    ("naproxen 250 mg once", [Dose("naproxen", 250, 1)]),
    ("codeine 30mg", [Dose("codeine", 30, 1)]),
    ("2 x 500mg paracetamol", [Dose("paracetamol", 500, 2)]),
    ("2 x paracetamol 500 mg", [Dose("paracetamol", 500, 2)]),
    ("Advil 200 mg x 2", [Dose("ibuprofen", 200, 2)]),
    ("Tylenol 500 mg x2 a day", [Dose("paracetamol", 500, 2)]),
    ("ibuprofen 400mg 2 tablets", [Dose("ibuprofen", 400, 2)]),
    ("Nurofen Express 200 mg x2", [Dose("ibuprofen", 200, 2)]),
    ("diazepam 2,5 mg x2", [Dose("diazepam", 2.5, 2)]),
    ("1,000 mg paracetamol", [Dose("paracetamol", 1000, 1)]),
    ("paracetamol 0.5 g x2", [Dose("paracetamol", 500, 2)]),
    ("paracetamol 500mg, codeine 30mg", [Dose("paracetamol", 500, 1), Dose("codeine", 30, 1)]),
    ("ibuprofen 400 mg + codeine 30 mg x2", [Dose("ibuprofen", 400, 1), Dose("codeine", 30, 2)]),
    ("ibuprofen 400mg x3 and codeine 30 mg twice", [Dose("ibuprofen", 400, 3), Dose("codeine", 30, 2)]),
    ("gabapentin 300 mg x3", [Dose("gabapentin", 300, 3)]),
    ("none", []),
    ("", []),
    (None, []),
])
def test_parse_medications(text, doses):
    assert parse_medications(text) == (doses, [])


@pytest.mark.parametrize("text, doses, unparsed", [
    ("ibuprofen", [], ["ibuprofen"]),  # no dose: a usual dose would invent the daily total
    ("heat pack", [], ["heat pack"]),
    ("paracetamol and codeine", [], ["paracetamol and codeine"]),
    ("ibuprofen 400mg + heat pack", [Dose("ibuprofen", 400, 1)], ["heat pack"]),
    ("co-codamol 30/500 x2; naproxen 250 mg x2", [Dose("naproxen", 250, 2)], ["co-codamol 30/500 x2"]),
    ("paracetamol codeine 500mg", [], ["paracetamol codeine 500mg"]),
    ("ibuprofen 0 mg", [], ["ibuprofen 0 mg"]),
])
def test_unparsed_text_is_returned(text, doses, unparsed):
    assert parse_medications(text) == (doses, unparsed)


def test_dose_knows_class_and_total():
    dose = parse_medications("Nurofen 200mg 2x")[0][0]
    assert (dose.drug_class, dose.total_mg) == ("NSAID", 400)
    assert Dose("gabapentin", 300, 3).drug_class == "other"


@pytest.mark.parametrize("mg, text", [(400.0, "400"), (2.5, "2.5"), (1000.0, "1000"), (0.1, "0.1"),
                                      (1e-05, "0.00001"), (1234567.0, "1234567")])
def test_format_mg(mg, text):
    assert format_mg(mg) == text


def test_format_medications():
    doses = [Dose("ibuprofen", 400.0, 3), Dose("codeine", 30.0, 2), Dose("diazepam", 2.5, 1)]
    assert format_medications(doses) == "ibuprofen 400 mg x3; codeine 30 mg x2; diazepam 2.5 mg x1"
    assert format_medications([]) == ""


_known = st.sampled_from(sorted(MEDICINES))
_unknown = st.from_regex(r"[a-z]{3,10}( [a-z]{3,10})?", fullmatch=True).filter(
    lambda name: all(generic_name(word) is None for word in name.split()))
_mg = st.one_of(st.integers(1, 5000).map(float),
                st.decimals("0.001", "5000", places=3).map(float).filter(lambda mg: mg > 0))
_doses = st.lists(st.builds(Dose, st.one_of(_known, _unknown), _mg, st.integers(1, 12)), max_size=5)


@given(_doses)
def test_parse_reads_back_what_format_writes(doses):
    assert parse_medications(format_medications(doses)) == (doses, [])


def test_column_is_parsed_per_distinct_text():
    texts = pd.Series(["ibuprofen 400 mg x3; heat pack", None, "codeine 30mg",
                       "ibuprofen 400 mg x3; heat pack"], index=[2, 3, 4, 5], dtype="str")
    doses, unparsed = parse_medication_column(texts)
    assert doses.to_dict("list") == {
        ROW: [2, 4, 5], c.MEDICINE: ["ibuprofen", "codeine", "ibuprofen"],
        c.DRUG_CLASS: ["NSAID", "opioid", "NSAID"], c.DOSE_MG: [400.0, 30.0, 400.0],
        c.COUNT: [3.0, 1.0, 3.0], c.TOTAL_MG: [1200.0, 30.0, 1200.0]}
    assert unparsed.to_dict("list") == {ROW: [2, 5], "text": ["heat pack", "heat pack"]}


def test_empty_column_gives_empty_frames():
    doses, unparsed = parse_medication_column(pd.Series([None, None], dtype="str"))
    assert list(doses.columns) == [ROW, c.MEDICINE, c.DRUG_CLASS, c.DOSE_MG, c.COUNT, c.TOTAL_MG]
    assert doses.empty and unparsed.empty
