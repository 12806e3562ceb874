"""Reading and writing medicine text (analysis.ingest.medicines, analysis.ingest.medicine_column)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.course import medication_use as m
from analysis.ingest.medicine_column import (
    assumed_products,
    assumed_strength_note,
    assumed_strengths,
    parse_medication_column,
)
from analysis.ingest.medicines import Dose, _normalise, format_medications, format_mg, parse_medications
from analysis.model import columns as c
from analysis.model.columns import ROW
from analysis.model.vocabulary import COMBINATIONS, MEDICINES, OPIOID, combination, generic_name
from tests.medicine_diary import dose_log, medicine_alerts


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
    ("glucosamine 500 mg x3", [Dose("glucosamine", 500, 3)]),
    ("none", []),
    ("", []),
    (None, []),
])
def test_parse_medications(text, doses):
    assert parse_medications(text) == (doses, [])


def codeine_and_paracetamol(codeine: float, count: int) -> list[Dose]:
    return [Dose("codeine", codeine, count), Dose("paracetamol", 500, count)]


@pytest.mark.parametrize("text, doses", [
    ("2 x co-codamol 30/500", codeine_and_paracetamol(30, 2)),
    ("co-codamol 30/500mg x2", codeine_and_paracetamol(30, 2)),
    ("Co-codamol 8/500 2 tablets", codeine_and_paracetamol(8, 2)),
    ("cocodamol 15/500 x4", codeine_and_paracetamol(15, 4)),
    ("Co codamol 30mg/500mg x2", codeine_and_paracetamol(30, 2)),
    ("co-codamol 500/30 x2", codeine_and_paracetamol(30, 2)),  # written the other way round
    ("co-codamol 12,8/500", codeine_and_paracetamol(12.8, 1)),
    ("co-codamol 30mg x2", codeine_and_paracetamol(30, 2)),  # only 30/500 has 30 mg
    ("30/500 co-codamol x2", codeine_and_paracetamol(30, 2)),
    ("2 tablets of co-codamol 30/500 4 times a day", codeine_and_paracetamol(30, 8)),
    ("co-codamol effervescent 30/500 x2", codeine_and_paracetamol(30, 2)),
    # no strength: the over-the-counter 8/500 is assumed (the lowest codeine; 500 mg paracetamol in all)
    ("co-codamol", codeine_and_paracetamol(8, 1)),
    ("co-codamol x2", codeine_and_paracetamol(8, 2)),
    ("co-codamol 500mg x2", codeine_and_paracetamol(8, 2)),
    ("co-codamol 30/500 x2; naproxen 250 mg x2", codeine_and_paracetamol(30, 2) + [Dose("naproxen", 250, 2)]),
    ("co-codamol 30/500 x2 + paracetamol 500mg", codeine_and_paracetamol(30, 2) + [Dose("paracetamol", 500, 1)]),
    ("Nurofen Plus", [Dose("ibuprofen", 200, 1), Dose("codeine", 12.8, 1)]),
    ("Nurofen Plus 2 tablets", [Dose("ibuprofen", 200, 2), Dose("codeine", 12.8, 2)]),
    ("2 Nurofen Plus", [Dose("ibuprofen", 200, 2), Dose("codeine", 12.8, 2)]),
    ("nurofen plus 200mg x2", [Dose("ibuprofen", 200, 2), Dose("codeine", 12.8, 2)]),
    ("200mg Nurofen Plus x3", [Dose("ibuprofen", 200, 3), Dose("codeine", 12.8, 3)]),
    ("co-codamol and nurofen plus", codeine_and_paracetamol(8, 1) + [Dose("ibuprofen", 200, 1),
                                                                     Dose("codeine", 12.8, 1)]),
    ("co-dydramol 10/500 x2", [Dose("dihydrocodeine", 10, 2), Dose("paracetamol", 500, 2)]),
    ("Co-dydramol 20mg bd", [Dose("dihydrocodeine", 20, 2), Dose("paracetamol", 500, 2)]),
])
def test_combination_products_give_one_dose_per_medicine(text, doses):
    assert parse_medications(text) == (doses, [])


@pytest.mark.parametrize("text, count", [
    ("bd", 2), ("b.d.", 2), ("BID", 2), ("tds", 3), ("t.d.s.", 3), ("tid", 3), ("qds", 4), ("q.d.s.", 4),
    ("qid", 4), ("od", 1), ("4x/day", 4), ("x4/day", 4), ("4 x per day", 4), ("4/day", 4),
    ("4 times a day", 4), ("four times daily", 4), ("twice daily", 2), ("once a day", 1),
    ("2 tablets 4 times", 8), ("two tablets four times a day", 8), ("2 tablets qds", 8), ("x2 tds", 6),
    ("2 tabs x4", 8), ("2 tablets 4x daily", 8), ("2 tablets twice", 4),
])
def test_dosing_words_set_the_count(text, count):
    assert parse_medications(f"paracetamol 1g {text}") == ([Dose("paracetamol", 1000, count)], [])


@pytest.mark.parametrize("text", ["2 x paracetamol 1g qds", "2 x 1g paracetamol 4 times a day",
                                  "2 paracetamol 1g qds", "1g paracetamol 2 tablets 4 times"])
def test_a_leading_count_or_dose_combines_with_dosing_words(text):
    assert parse_medications(text) == ([Dose("paracetamol", 1000, 8)], [])


def test_paracetamol_500mg_2_tablets_4_times_is_8_doses():
    assert parse_medications("paracetamol 500mg 2 tablets 4 times") == ([Dose("paracetamol", 500, 8)], [])


@pytest.mark.parametrize("text, doses, unparsed", [
    ("ibuprofen", [], ["ibuprofen"]),  # no dose: a usual dose would invent the daily total
    ("heat pack", [], ["heat pack"]),
    # paracetamol without a strength is read as 500 mg tablets only with a count typed (review 34): "paracetamol and
    # codeine x8" read as one tablet hid eight
    ("paracetamol and codeine", [], ["paracetamol and codeine"]),
    ("paracetamol and codeine x8", [], ["paracetamol and codeine x8"]),
    ("paracetamol x ten", [], ["paracetamol x ten"]),
    ("ibuprofen 400mg + heat pack", [Dose("ibuprofen", 400, 1)], ["heat pack"]),
    ("co-codamol 30/50 x2; naproxen 250 mg x2", [Dose("naproxen", 250, 2)], ["co-codamol 30/50 x2"]),
    ("co-codamol 60/1000", [], ["co-codamol 60/1000"]),  # only listed strengths: a typo is no total
    ("co-dydramol x2", [], ["co-dydramol x2"]),  # prescription only: no strength to assume
    ("co-dydramol 500mg", [], ["co-dydramol 500mg"]),  # every strength has 500 mg paracetamol
    ("nurofen plus 400mg x2", [], ["nurofen plus 400mg x2"]),  # not ibuprofen 400 without its codeine
    ("paracetamol 30/500", [], ["paracetamol 30/500"]),
    ("ibuprofen co-codamol 30/500", [], ["ibuprofen co-codamol 30/500"]),
    ("paracetamol 500mg 2 x 2", [], ["paracetamol 500mg 2 x 2"]),
    ("paracetamol codeine 500mg", [], ["paracetamol codeine 500mg"]),
    ("ibuprofen 0 mg", [], ["ibuprofen 0 mg"]),
])
def test_unparsed_text_is_returned(text, doses, unparsed):
    assert parse_medications(text) == (doses, unparsed)


def test_dose_knows_class_and_total():
    dose = parse_medications("Nurofen 200mg 2x")[0][0]
    assert (dose.drug_class, dose.total_mg) == ("NSAID", 400)
    assert Dose("glucosamine", 500, 3).drug_class == "other"
    assert Dose("gabapentin", 300, 3).drug_class == "neuropathic"  # issue 9: now in the vocabulary


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
    lambda name: all(generic_name(word) is None and combination(word) is None for word in name.split())
    and combination(name) is None
    and _normalise(name) == name)  # not a dosing word the parser reads as such ("prn", "oral", "patch", "xl")
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


# --- combination products and counts, read the same way in every spelling ----------------------

_COMBINATION_FORMS = ["{name} {a}/{b} x{n}", "{n} x {name} {a}/{b}", "{name} {a}mg/{b}mg {n} tablets",
                      "{n} {name} {a}/{b}", "{a}/{b} {name} x{n}", "{name} {b}/{a} {n}x"]
_TIMES = [("once", 1), ("twice", 2), ("bd", 2), ("b.d.", 2), ("tds", 3), ("t.d.s.", 3), ("qds", 4),
          ("q.d.s.", 4), ("{k} times a day", None), ("{k}x/day", None), ("x{k} daily", None)]


@given(st.sampled_from(sorted(COMBINATIONS)), st.data(), st.integers(1, 12), st.sampled_from(_COMBINATION_FORMS))
def test_every_listed_strength_and_count_reads_as_one_dose_per_medicine(name, data, n, form):
    product = COMBINATIONS[name]
    a, b = data.draw(st.sampled_from(product.strengths))
    text = form.format(name=name.title(), a=format_mg(a), b=format_mg(b), n=n)
    assert parse_medications(text) == ([Dose(product.medicines[0], a, n), Dose(product.medicines[1], b, n)], [])


@given(st.sampled_from(sorted(MEDICINES)), _mg, st.integers(1, 4), st.sampled_from(_TIMES), st.integers(1, 6))
def test_tablets_times_frequency_is_the_count(name, mg, tablets, times, k):
    words, per_day = times
    text = f"{name} {format_mg(mg)} mg {tablets} tablets {words.format(k=k)}"
    assert parse_medications(text) == ([Dose(name, mg, tablets * (per_day or k))], [])


def test_combinations_are_made_of_known_medicines():
    for product in COMBINATIONS.values():
        assert set(product.medicines) <= set(MEDICINES), product.name
        assert product.assumed is None or product.assumed in product.strengths
    assert MEDICINES["dihydrocodeine"].drug_class == OPIOID
    assert [combination(n) for n in ("Co-codamol", "co codamol", "cocodamol", "ibuprofen")] == [
        COMBINATIONS["co-codamol"]] * 3 + [None]


# --- what the medicine checks make of combination products -------------------------------------

def alert_codes(by_day: dict[int, str]) -> list[tuple[int, str, str]]:
    """(day, code, severity) of the medicine alerts for a diary with pain 2 on days 0-9."""
    return medicine_alerts(by_day, days=10)


def test_codeine_in_co_codamol_counts_towards_the_3_day_rule():
    daily = m.daily_totals(dose_log({d: "co-codamol 30/500 x2" for d in range(4)}))
    codeine = daily[daily[c.MEDICINE] == "codeine"]
    assert codeine[m.RUN_DAYS].tolist() == [1, 2, 3, 4]
    assert alert_codes({d: "2 x co-codamol 30/500" for d in range(4)}) == [  # while 4 of the last 7 had it
        (d, "codeine_over_3_days", "warning") for d in range(3, 7)]


@pytest.mark.parametrize("text", ["Nurofen Plus x2", "co-dydramol 10/500 x2", "co-codamol x2"])
def test_every_opioid_combination_counts_towards_the_3_day_rule(text):
    assert (3, "codeine_over_3_days", "warning") in alert_codes({d: text for d in range(4)})


def test_paracetamol_in_co_codamol_counts_towards_the_daily_maximum():
    daily = m.daily_totals(dose_log({0: "co-codamol 30/500 2 tablets qds; paracetamol 500mg"}))
    paracetamol = daily[daily[c.MEDICINE] == "paracetamol"].iloc[0]
    assert (paracetamol[c.TOTAL_MG], paracetamol[m.OVER_LIMIT]) == (4500.0, True)
    assert alert_codes({0: "co-codamol 30/500 x8", 1: "co-codamol 30/500 x9"}) == [
        (1, "daily_dose_exceeded", "urgent")]


def test_co_codamol_is_not_paracetamol_alone():
    assert alert_codes({d: "co-codamol 8/500 x2" for d in range(3)}) == []
    assert alert_codes({d: "paracetamol 500mg x2" for d in range(3)}) == [(2, "paracetamol_alone", "info")]


@pytest.mark.parametrize("text", ["30 co-codamol", "15 co-codamol", "8 co-codamol"])
def test_a_bare_number_that_is_a_strength_is_not_taken_for_a_tablet_count(text):
    """30 tablets of co-codamol would be 15 g of paracetamol: a false overdose alarm."""
    assert parse_medications(text) == ([], [text])


def test_only_a_strength_taken_rather_than_typed_is_marked_assumed():
    texts = pd.Series(["co-codamol x2", "co-codamol 8mg x2", "co-codamol x2; codeine 30mg x1", "2 nurofen plus",
                       None, "co-codamol 30/500 x2"], index=[2, 3, 4, 5, 6, 7])
    assert assumed_strengths(texts).tolist() == [True, False, True, False, False, False]


def test_assumed_products_name_the_product_read_in_its_assumed_strength():
    texts = pd.Series(["co-codamol x2", "Vicodin 1 tablet q6h; co-codamol x2", "Vicodin 5/300 x2", None,
                       "Percocet x4"], index=[2, 3, 4, 5, 6])
    assert assumed_products(texts).values.tolist() == [
        [2, "co-codamol"], [3, "vicodin"], [3, "co-codamol"], [6, "percocet"]]
    assert assumed_strengths(texts).tolist() == [True, True, False, False, True]


@pytest.mark.parametrize("product, note", [
    ("co-codamol", "co-codamol without its strength was read as 8/500 (the over-the-counter tablet); correct it "
                   "if stronger ones (15/500, 30/500) were taken."),
    ("vicodin", "Vicodin without its strength was read as 5/300 (its lowest strength); correct it if stronger "
                "ones (7.5/300, 10/300) were taken."),
    ("percocet", "Percocet without its strength was read as 2.5/325 (its lowest strength); correct it if "
                 "stronger ones (5/325, 7.5/325, 10/325) were taken."),
    ("tylenol with codeine", "Tylenol with codeine without its strength was read as 30/300 (Tylenol #3, the usual "
                             "one); correct it if stronger ones (60/300) were taken."),
])
def test_the_assumed_strength_note_names_the_product_and_the_strength_read(product, note):
    assert assumed_strength_note(product) == note


def test_vicodin_without_a_strength_is_hydrocodone_5_and_paracetamol_300():
    doses = parse_medications("Vicodin 2 tablets every 4 hours")[0]
    assert [(d.medicine, d.dose_mg, d.count, d.total_mg, d.product) for d in doses] == [
        ("hydrocodone", 5, 12, 60, "vicodin"), ("paracetamol", 300, 12, 3600, "vicodin")]
    assert alert_codes({0: "Vicodin 2 tablets every 4 hours; Tylenol 500 mg 2 tablets twice daily"}) == [
        (0, "daily_dose_exceeded", "urgent")]  # 3.6 g + 2 g of paracetamol


@pytest.mark.parametrize("text", ["Paracetamol 500mg, 2 tabs, 6x daily", "paracetamol 2 x 500mg 6 times a day",
                                  "paracetamol 500mg x 2, 6 times a day"])
def test_six_grams_of_paracetamol_however_written_is_over_the_limit(text):
    daily = m.daily_totals(dose_log({0: text}))
    assert daily[[c.MEDICINE, c.TOTAL_MG, m.DOSES, m.OVER_LIMIT]].values.tolist() == [
        ["paracetamol", 6000.0, 12.0, True]]


@pytest.mark.parametrize(("text", "count"), [
    ("paracetamol x10", 10), ("paracetamol 10 tablets", 10), ("Panadol 2 tabs x5", 10), ("Tylenol x12", 12),
    ("Panadol Extra 2 tablets x5", 10), ("acetaminophen 2 tablets 4 times", 8),
])
def test_paracetamol_without_a_strength_is_read_as_the_usual_tablet(text: str, count: int) -> None:
    """Review 34 (a code reader): ten tablets of paracetamol written without a strength were not read, so the
    urgent overdose (5,000 mg) raised no alert. They are read as 500 mg tablets, marked assumed (the import warns)."""
    doses, unparsed = parse_medications(text)
    assert [(d.medicine, d.dose_mg, d.count, d.assumed) for d in doses] == [("paracetamol", 500.0, count, True)]
    assert unparsed == []


@pytest.mark.parametrize("text", ["paracetamol 500mg*10", "paracetamol 500 mg × 10", "paracetamol 500mg ten times"])
def test_a_star_and_number_words_are_counts(text: str) -> None:
    assert parse_medications(text) == ([Dose("paracetamol", 500, 10)], [])


def test_the_import_says_the_strength_it_took() -> None:
    from analysis.ingest.medicine_column import assumed_strength_note
    assert assumed_strength_note("paracetamol") == ("paracetamol without its strength was read as 500 mg a tablet "
                                                    "(the usual tablet); correct it if another strength was taken.")


@pytest.mark.parametrize(("text", "mg", "count"), [
    ("paracetamol 500 x10", 500, 10), ("Tylenol 325 x12", 325, 12), ("paracetamol 1000 x4", 1000, 4),
    ("panadol 500 2 tabs x4", 500, 8),
])
def test_paracetamols_strength_without_its_unit_is_mg(text: str, mg: float, count: int) -> None:
    """Review 34's browser walk: "paracetamol 500 x10" was read as nothing, and the overdose raised no alert."""
    assert parse_medications(text) == ([Dose("paracetamol", mg, count)], [])
