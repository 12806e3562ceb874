"""Medicine text as people and prescriptions write it (issue 9, item 4), and the alerts it must raise.

Each entry is written from how UK and US patients, pharmacy labels and prescriptions spell medicines:
brands, combination products, dosing words and common typos. The expected doses are
(generic medicine, mg per dose, doses that day), worked out by hand from the product strengths.
"""
from __future__ import annotations

import pytest

from analysis.alerts import rules as r
from analysis.ingest.medicines import parse_medications
from analysis.model.vocabulary import (
    COMBINATIONS,
    MEDICINES,
    MUSCLE_RELAXANT,
    NEUROPATHIC,
    NSAID,
    OPIOID,
    STEROID,
    STRENGTH_NAMES,
    generic_name,
)
from tests.medicine_diary import medicine_alerts

REAL_WORLD: list[tuple[str, list[tuple[str, float, int]]]] = [
    # paracetamol / acetaminophen
    ("Paracetamol 500mg 2 tablets 4 times a day", [("paracetamol", 500, 8)]),
    ("paracetamol 1g qds", [("paracetamol", 1000, 4)]),
    ("paracetamol 1g q6h", [("paracetamol", 1000, 4)]),
    ("Panadol 500mg x2", [("paracetamol", 500, 2)]),
    ("Tylenol Extra Strength 500mg 2 tabs q6h", [("paracetamol", 500, 8)]),
    ("acetaminophen 650 mg every 4-6 hours", [("paracetamol", 650, 6)]),
    ("paracetemol 500mg x2", [("paracetamol", 500, 2)]),
    ("acetominophen 500mg 2 tablets every 6 hours", [("paracetamol", 500, 8)]),
    # ibuprofen, naproxen and other NSAIDs
    ("Ibuprofen 400mg tds", [("ibuprofen", 400, 3)]),
    ("ibuprofin 200mg x2", [("ibuprofen", 200, 2)]),
    ("ibuprophen 400 mg three times a day", [("ibuprofen", 400, 3)]),
    ("Nurofen 200mg 2 tablets up to 3 times a day", [("ibuprofen", 200, 6)]),
    ("Advil 200 mg 2 caplets every 4-6 hours", [("ibuprofen", 200, 12)]),
    ("Motrin 600mg q6h prn", [("ibuprofen", 600, 4)]),
    ("ibuprofen 600 mg qds", [("ibuprofen", 600, 4)]),
    ("naproxen 500mg bd", [("naproxen", 500, 2)]),
    ("Naproxen 500 mg twice daily with food", [("naproxen", 500, 2)]),
    ("Aleve 220mg x2", [("naproxen", 220, 2)]),
    ("naproxen sodium 220 mg every 8 hours", [("naproxen", 220, 3)]),
    ("Diclofenac 50mg TDS", [("diclofenac", 50, 3)]),
    ("diclofenac SR 75mg bd", [("diclofenac", 75, 2)]),
    ("Voltarol 25mg x3", [("diclofenac", 25, 3)]),
    ("meloxicam 15mg od", [("meloxicam", 15, 1)]),
    ("Mobic 7.5 mg once daily", [("meloxicam", 7.5, 1)]),
    ("celecoxib 200mg bd", [("celecoxib", 200, 2)]),
    ("Celebrex 200 mg once a day", [("celecoxib", 200, 1)]),
    ("etoricoxib 60mg od", [("etoricoxib", 60, 1)]),
    ("Arcoxia 90mg once daily", [("etoricoxib", 90, 1)]),
    ("Feldene 20mg once a day", [("piroxicam", 20, 1)]),
    ("etodolac 400 mg bid", [("etodolac", 400, 2)]),
    ("ketoprofen 100mg x2", [("ketoprofen", 100, 2)]),
    ("indomethacin 25mg tid", [("indometacin", 25, 3)]),
    ("indometacin 50mg tds", [("indometacin", 50, 3)]),
    ("nabumetone 1g nocte", [("nabumetone", 1000, 1)]),
    ("aspirin 75mg od", [("aspirin", 75, 1)]),
    ("Aspirin 300mg 2 tablets every 4 hours", [("aspirin", 300, 12)]),
    # opioids
    ("codeine phosphate 30mg qds", [("codeine", 30, 4)]),
    ("codine 30mg x2", [("codeine", 30, 2)]),
    ("dihydrocodeine 30mg every 4-6 hours", [("dihydrocodeine", 30, 6)]),
    ("tramadol 50mg 1-2 capsules qds", [("tramadol", 50, 8)]),
    ("Tramadol SR 100mg bd", [("tramadol", 100, 2)]),
    ("tapentadol 50mg every 4-6 hours", [("tapentadol", 50, 6)]),
    ("oxycodone 5mg q4h prn", [("oxycodone", 5, 6)]),
    ("OxyContin 10mg bd", [("oxycodone", 10, 2)]),
    ("Oxynorm 5 mg 4 hourly", [("oxycodone", 5, 6)]),
    ("morphine sulfate 10mg every 4 hours", [("morphine", 10, 6)]),
    ("Zomorph 10mg bd", [("morphine", 10, 2)]),
    ("hydromorphone 2mg q4-6h", [("hydromorphone", 2, 6)]),
    ("fentanyl 25mcg/hr patch", [("fentanyl", 0.025, 1)]),
    ("Butrans 10 micrograms/hour patch", [("buprenorphine", 0.01, 1)]),
    # combination products, UK
    ("co-codamol 30/500 2 tablets qds", [("codeine", 30, 8), ("paracetamol", 500, 8)]),
    ("Cocodamol 8/500mg x2", [("codeine", 8, 2), ("paracetamol", 500, 2)]),
    ("co-dydramol 10/500 2 tabs qds", [("dihydrocodeine", 10, 8), ("paracetamol", 500, 8)]),
    ("Zapain 30mg/500mg 2 tablets 4 times a day", [("codeine", 30, 8), ("paracetamol", 500, 8)]),
    ("Solpadeine Max 2 tablets every 4 hours", [("codeine", 12.8, 12), ("paracetamol", 500, 12)]),
    ("solpadeine plus x2", [("codeine", 8, 2), ("paracetamol", 500, 2)]),
    ("Syndol 2 tablets x3", [("codeine", 10, 6), ("paracetamol", 450, 6)]),
    ("Tramacet 37.5/325 2 tablets qds", [("tramadol", 37.5, 8), ("paracetamol", 325, 8)]),
    ("Nurofen Plus 2 tablets tds", [("ibuprofen", 200, 6), ("codeine", 12.8, 6)]),
    # combination products, US
    ("Tylenol #3 1-2 tabs q4h", [("codeine", 30, 12), ("paracetamol", 300, 12)]),
    ("Tylenol with codeine no. 4 q6h", [("codeine", 60, 4), ("paracetamol", 300, 4)]),
    ("Vicodin 5/300 q6h", [("hydrocodone", 5, 4), ("paracetamol", 300, 4)]),
    ("Norco 10/325 every 6 hours as needed", [("hydrocodone", 10, 4), ("paracetamol", 325, 4)]),
    ("Hydrocodone-Acetaminophen 5-325 MG 1 tablet every 6 hours", [("hydrocodone", 5, 4),
                                                                   ("paracetamol", 325, 4)]),
    ("hydrocodone/APAP 7.5/325 q4-6h", [("hydrocodone", 7.5, 6), ("paracetamol", 325, 6)]),
    ("Percocet 5/325 1-2 tabs q4-6h prn", [("oxycodone", 5, 12), ("paracetamol", 325, 12)]),
    ("oxycodone-acetaminophen 10-325 mg q6h", [("oxycodone", 10, 4), ("paracetamol", 325, 4)]),
    ("Ultracet 37.5/325 2 tabs q6h", [("tramadol", 37.5, 8), ("paracetamol", 325, 8)]),
    ("Excedrin 2 caplets", [("paracetamol", 250, 2), ("aspirin", 250, 2)]),
    # muscle relaxants, neuropathic medicines, oral steroids
    ("diazepam 2mg tds", [("diazepam", 2, 3)]),
    ("diazapam 5mg at night", [("diazepam", 5, 1)]),
    ("cyclobenzaprine 10mg tid prn", [("cyclobenzaprine", 10, 3)]),
    ("Flexeril 5 mg three times a day", [("cyclobenzaprine", 5, 3)]),
    ("methocarbamol 750mg qid", [("methocarbamol", 750, 4)]),
    ("Robaxin 500mg 2 tabs four times a day", [("methocarbamol", 500, 8)]),
    ("tizanidine 4mg q8h", [("tizanidine", 4, 3)]),
    ("baclofen 10mg tds", [("baclofen", 10, 3)]),
    ("carisoprodol 350mg tid", [("carisoprodol", 350, 3)]),
    ("orphenadrine 100mg bd", [("orphenadrine", 100, 2)]),
    ("gabapentin 300mg tds", [("gabapentin", 300, 3)]),
    ("Lyrica 75mg bd", [("pregabalin", 75, 2)]),
    ("amitriptyline 10mg nocte", [("amitriptyline", 10, 1)]),
    ("duloxetine 30mg od", [("duloxetine", 30, 1)]),
    ("prednisolone 40mg once daily for 5 days", [("prednisolone", 40, 1)]),
    ("prednisone 20 mg bid x 5 days", [("prednisone", 20, 2)]),
    ("Medrol 4mg 6 tablets", [("methylprednisolone", 4, 6)]),
    ("dexamethasone 4mg bd", [("dexamethasone", 4, 2)]),
    # a day's list
    ("paracetamol 1g q6h; co-codamol 30/500 x4", [("paracetamol", 1000, 4), ("codeine", 30, 4),
                                                  ("paracetamol", 500, 4)]),
    ("naproxen 500mg bd, omeprazole 20mg od", [("naproxen", 500, 2), ("omeprazole", 20, 1)]),
]


def test_the_table_has_at_least_64_entries() -> None:
    assert len(REAL_WORLD) >= 64


@pytest.mark.parametrize(("text", "expected"), REAL_WORLD, ids=[text for text, _ in REAL_WORLD])
def test_real_world_medicine_text(text: str, expected: list[tuple[str, float, int]]) -> None:
    doses, unparsed = parse_medications(text)
    assert unparsed == []
    assert [(d.medicine, d.dose_mg, d.count) for d in doses] == [(m, float(mg), n) for m, mg, n in expected]


@pytest.mark.parametrize(("text", "unparsed"), [
    ("ibuprofen 400mg for 5 days", []),  # a duration is not a count: one dose
    ("Zapain 2 qds", ["Zapain 2 qds"]),  # "2" could be the strength or the tablets: not guessed
    ("vicodin 5/500", ["vicodin 5/500"]),  # not a current strength: no paracetamol total invented
])
def test_what_is_not_guessed(text: str, unparsed: list[str]) -> None:
    assert parse_medications(text)[1] == unparsed


def test_every_class_of_the_issue_is_in_the_vocabulary() -> None:
    wanted = {
        OPIOID: ["codeine", "dihydrocodeine", "tramadol", "tapentadol", "oxycodone", "morphine", "hydrocodone",
                 "hydromorphone", "buprenorphine", "fentanyl"],
        NSAID: ["ibuprofen", "naproxen", "diclofenac", "aspirin", "meloxicam", "piroxicam", "celecoxib",
                "etoricoxib", "etodolac", "ketoprofen", "indometacin", "nabumetone"],
        MUSCLE_RELAXANT: ["diazepam", "cyclobenzaprine", "methocarbamol", "tizanidine", "baclofen",
                          "carisoprodol", "orphenadrine"],
        NEUROPATHIC: ["gabapentin", "pregabalin", "amitriptyline", "duloxetine"],
        STEROID: ["prednisolone", "prednisone", "dexamethasone", "methylprednisolone"],
    }
    for drug_class, names in wanted.items():
        assert {name: MEDICINES[name].drug_class for name in names} == dict.fromkeys(names, drug_class)
    assert all(m.source in ("BNF", "DailyMed", "NHS") for m in MEDICINES.values())
    assert list(MEDICINES) == sorted(MEDICINES)  # the Today picker lists them in this order
    brands = {"nurofen": "ibuprofen", "advil": "ibuprofen", "motrin": "ibuprofen", "aleve": "naproxen",
              "voltaren": "diclofenac", "celebrex": "celecoxib", "mobic": "meloxicam", "tylenol": "paracetamol",
              "panadol": "paracetamol", "oxycontin": "oxycodone", "indomethacin": "indometacin"}
    assert {brand: generic_name(brand) for brand in brands} == brands
    assert COMBINATIONS["zapain"].medicines == ("codeine", "paracetamol")


def test_two_tier_maxima() -> None:
    limits = {name: (MEDICINES[name].otc_max_daily_mg, MEDICINES[name].max_daily_mg)
              for name in ("paracetamol", "ibuprofen", "naproxen", "diclofenac", "codeine", "tramadol", "fentanyl")}
    assert limits == {"paracetamol": (None, 4000), "ibuprofen": (1200, 2400), "naproxen": (660, 1000),
                      "diclofenac": (None, 150), "codeine": (None, 240), "tramadol": (None, 400),
                      "fentanyl": (None, None)}


# --- the testers' examples as alerts -----------------------------------------------------------

def found(by_day: dict[int, str], days: int = 12) -> list[tuple[int, str, str]]:
    """(day, code, severity) of every alert on a diary of pain 2 with these medicine texts."""
    return medicine_alerts(by_day, days)


@pytest.mark.parametrize("text", ["oxycodone 5mg q4h", "morphine sulfate 10mg bd", "Percocet 5/325 x4",
                                  "tapentadol 50mg qds", "fentanyl 25mcg/hr patch", "Tylenol #3 x2"])
def test_five_days_of_any_opioid_is_the_opioid_warning(text: str) -> None:
    hits = [hit for hit in found({d: text for d in range(5)}) if hit[1] == "codeine_over_3_days"]
    # from the 4th day while 4 of the last 7 days had one, the days after the last dose too (review 25)
    assert hits == [(d, "codeine_over_3_days", "warning") for d in range(3, 8)]


def test_the_opioid_message_says_three_days_from_its_constant() -> None:
    assert r.OPIOID_MAX_DAYS == 3
    assert "more than three of the last seven days" in r.RULES["codeine_over_3_days"].message


@pytest.mark.parametrize("other", ["meloxicam 15mg od", "celecoxib 200mg od", "Arcoxia 60mg od",
                                   "naproxen 250mg x2", "aspirin 300mg x2"])
def test_ibuprofen_with_another_nsaid_is_two_nsaids(other: str) -> None:
    assert (0, "two_nsaids_same_day", "warning") in found({0: f"ibuprofen 400mg tds; {other}"})


def test_paracetamol_in_q6h_and_co_codamol_adds_up_to_6_g_and_is_urgent() -> None:
    assert (0, "daily_dose_exceeded", "urgent") in found({0: "paracetamol 1g q6h; co-codamol 30/500 x4"})


@pytest.mark.parametrize("text", ["naproxen 500mg bd", "ibuprofen 600mg qds", "Naproxen 500 mg twice daily"])
def test_ordinary_prescriptions_are_at_most_information(text: str) -> None:
    hits = found({d: text for d in range(7)})
    assert {severity for _, _, severity in hits} <= {"info"}
    assert {code for _, code, _ in hits} == {"daily_dose_exceeded"}  # over the over-the-counter maximum


def test_above_the_prescribed_maximum_is_a_warning() -> None:
    assert found({0: "naproxen 500mg tds", 1: "ibuprofen 800mg qds"}) == [
        (0, "daily_dose_exceeded", "warning"), (1, "daily_dose_exceeded", "warning")]


@pytest.mark.parametrize("aspirin", ["aspirin 75mg od", "aspirin 150 mg once", "Nu-Seals 75mg x1"])
def test_low_dose_aspirin_is_not_a_second_nsaid(aspirin: str) -> None:
    assert found({0: f"{aspirin}; ibuprofen 400mg tds"}) == []


def test_low_dose_aspirin_is_not_a_painkiller_beside_paracetamol() -> None:
    hits = found({d: "aspirin 75mg od; paracetamol 1g qds" for d in range(3)})
    assert hits == [(2, "paracetamol_alone", "info")]


def test_ten_days_of_prednisolone_is_steroid_information() -> None:
    hits = found({d: "prednisolone 40mg od" for d in range(10)})
    assert hits == [(d, "oral_steroid_7_days", "info") for d in range(6, 12)]  # 7+ of 14 to the diary's end


def test_six_days_of_prednisolone_raise_nothing_and_a_missed_day_does_not_restart_the_count() -> None:
    assert found({d: "prednisolone 40mg od" for d in range(6)}) == []
    assert found({d: "prednisolone 40mg od" for d in (0, 1, 2, 4, 5, 6, 7)}) == [
        (d, "oral_steroid_7_days", "info") for d in range(7, 12)]


@pytest.mark.parametrize(("words", "count"), [
    ("q4h", 6), ("q6h", 4), ("q8h", 3), ("q12h", 2), ("q.6h", 4), ("q4-6h", 6), ("every 6 hours", 4),
    ("every 4-6 hours", 6), ("every 4 to 6 hours", 6), ("every 5 hours", 5), ("every 8 hrs", 3),
    ("4-hourly", 6), ("6 hourly", 4), ("up to 4 times a day", 4), ("1-2 tablets q6h", 8),
    ("1 or 2 tablets qds", 8), ("nocte", 1), ("at night", 1), ("qd", 1), ("2 tablets as needed", 2),
    ("bd for 5 days", 2), ("tds x 7 days", 3),
])
def test_dosing_words(words: str, count: int) -> None:
    assert parse_medications(f"paracetamol 500mg {words}") == (parse_medications(f"paracetamol 500mg x{count}")[0], [])


@pytest.mark.parametrize("text", ["fentanyl 25mcg/h patch q72h", "Durogesic 25 micrograms/hour",
                                  "fentanyl patch 25mcg"])
def test_a_patch_is_one_opioid_dose_at_its_rate(text: str) -> None:
    assert [(d.medicine, d.dose_mg, d.count, d.drug_class) for d in parse_medications(text)[0]] == [
        ("fentanyl", 0.025, 1, OPIOID)]


def test_an_interval_of_zero_hours_is_not_read() -> None:
    assert parse_medications("ibuprofen 400mg q0h") == ([], ["ibuprofen 400mg q0h"])


# --- doses written the way people write them: commas inside one medicine, "2 x 500mg", "daily", brand strengths ---
# (mg per dose, doses that day, daily total) worked out by hand; strengths from DailyMed (Tylenol labels).

WRITTEN: list[tuple[str, str, float, int]] = [
    # a comma before a piece that only says how much or how often keeps it with its medicine
    ("Paracetamol 500mg, 2 tabs, 6x daily", "paracetamol", 500, 12),
    ("ibuprofen 800 mg, 4 times a day", "ibuprofen", 800, 4),
    ("ibuprofen 400mg, twice daily", "ibuprofen", 400, 2),
    ("paracetamol 1g, every 6 hours", "paracetamol", 1000, 4),
    ("Naproxen 250mg, 2 tablets, bd", "naproxen", 250, 4),
    ("Ibuprofen, 400mg, 3 times a day", "ibuprofen", 400, 3),
    ("codeine 30mg, x2, qds", "codeine", 30, 8),
    # tablets x strength: "N x Mmg", "N tablets of Mmg", "Mmg x N" are N doses of M mg
    ("paracetamol 2 x 500mg 6 times a day", "paracetamol", 500, 12),
    ("paracetamol 2 x 500mg", "paracetamol", 500, 2),
    ("ibuprofen 2x200mg tds", "ibuprofen", 200, 6),
    ("paracetamol 2 tablets of 500mg qds", "paracetamol", 500, 8),
    ("2 tablets of 500mg paracetamol 4 times a day", "paracetamol", 500, 8),
    ("paracetamol 500mg x 2 6 times a day", "paracetamol", 500, 12),
    # "daily" alone (and its synonyms) is once a day; after a count it says per day
    ("prednisone 20 mg daily", "prednisone", 20, 1),
    ("aspirin 81 mg daily", "aspirin", 81, 1),
    ("meloxicam 15mg once daily", "meloxicam", 15, 1),
    ("celecoxib 200mg OD", "celecoxib", 200, 1),
    ("naproxen 500 mg qd", "naproxen", 500, 1),
    ("prednisolone 40mg every day", "prednisolone", 40, 1),
    ("paracetamol 500mg 6x daily", "paracetamol", 500, 6),
    ("paracetamol 1g 6 times daily", "paracetamol", 1000, 6),
    # brands whose name is their strength (DailyMed): Extra Strength 500 mg, Regular Strength 325 mg,
    # 8 HR / Arthritis 650 mg
    ("Tylenol Extra Strength 2 caplets every 6 hours", "paracetamol", 500, 8),
    ("2 Extra Strength Tylenol q6h", "paracetamol", 500, 8),
    ("Tylenol Regular Strength 2 tablets every 4 hours", "paracetamol", 325, 12),
    ("Tylenol 8 HR Arthritis Pain 2 caplets every 8 hours", "paracetamol", 650, 6),
    ("Tylenol Arthritis 2 caplets tid", "paracetamol", 650, 6),
    ("Tylenol Extra Strength 500mg 2 tabs q6h", "paracetamol", 500, 8),  # a typed strength is kept
]


@pytest.mark.parametrize(("text", "medicine", "mg", "count"), WRITTEN)
def test_doses_as_people_write_them(text: str, medicine: str, mg: float, count: int) -> None:
    doses, unparsed = parse_medications(text)
    assert ([(d.medicine, d.dose_mg, d.count, d.total_mg) for d in doses], unparsed) == (
        [(medicine, mg, count, mg * count)], [])


@pytest.mark.parametrize(("text", "doses"), [
    ("ibuprofen 400mg, paracetamol 1g", [("ibuprofen", 400, 1), ("paracetamol", 1000, 1)]),
    ("ibuprofen 400mg, 2 tabs, tds, paracetamol 1g, qds", [("ibuprofen", 400, 6), ("paracetamol", 1000, 4)]),
    ("paracetamol 1g, 4 times a day and ibuprofen 400mg tds", [("paracetamol", 1000, 4), ("ibuprofen", 400, 3)]),
    ("co-codamol, 30/500, 2 tabs qds", [("codeine", 30, 8), ("paracetamol", 500, 8)]),
    ("Tylenol Extra Strength x2, Advil 200mg x2", [("paracetamol", 500, 2), ("ibuprofen", 200, 2)]),
])
def test_a_comma_before_a_medicine_name_starts_a_new_medicine(text: str, doses: list) -> None:
    assert [(d.medicine, d.dose_mg, d.count) for d in parse_medications(text)[0]] == doses
    assert parse_medications(text)[1] == []


@pytest.mark.parametrize(("text", "doses", "unparsed"), [
    # a piece that cannot join the medicine before it is read alone, as before
    ("paracetamol 500mg, 400mg", [("paracetamol", 500, 1)], ["400mg"]),
    ("codeine 30mg, 2", [("codeine", 30, 1)], ["2"]),
    ("ibuprofen 400mg + 2 tabs", [("ibuprofen", 400, 1)], ["2 tabs"]),  # only a comma joins
    # plain Tylenol names no strength: read as the usual 500 mg tablet, with a warning (review 34: ten tablets of
    # paracetamol without a strength, an urgent overdose, raised no alert)
    ("Tylenol 2 caplets", [("paracetamol", 500, 2)], []),
    # a dose joined to words that were not read is no new medicine named "two of them"
    ("Tylenol caplets, two of them, 500 mg", [], ["Tylenol caplets, two of them, 500 mg"]),
    ("glucosamine, 500mg", [], ["glucosamine, 500mg"]),
    ("glucosamine 500 mg, 3 times a day", [("glucosamine", 500, 3)], []),  # read before: the count joins
])
def test_what_cannot_be_joined_stays_as_typed(text: str, doses: list, unparsed: list) -> None:
    assert [(d.medicine, d.dose_mg, d.count) for d in parse_medications(text)[0]] == doses
    assert parse_medications(text)[1] == unparsed


@pytest.mark.parametrize(("text", "expected"), [
    ("Paracetamol 500mg, 2 tabs, 6x daily", [(0, "daily_dose_exceeded", "urgent")]),  # 6 g
    ("paracetamol 2 x 500mg 6 times a day", [(0, "daily_dose_exceeded", "urgent")]),  # 6 g
    ("ibuprofen 800 mg, 4 times a day", [(0, "daily_dose_exceeded", "warning")]),  # 3,200 mg > 2,400 mg
    ("ibuprofen 400mg, twice daily", []),  # 800 mg
    ("Tylenol Extra Strength 2 caplets every 6 hours", []),  # 4 g: at the maximum, not above it
    ("Tylenol Extra Strength 2 caplets every 4 hours", [(0, "daily_dose_exceeded", "urgent")]),  # 6 g
    ("Tylenol 8 HR 2 caplets q6h", [(0, "daily_dose_exceeded", "urgent")]),  # 8 x 650 = 5.2 g
])
def test_written_doses_raise_the_dose_alerts(text: str, expected: list) -> None:
    assert [hit for hit in found({0: text}, days=1) if hit[1] == "daily_dose_exceeded"] == expected


def test_aspirin_81_mg_daily_is_low_dose_not_a_second_nsaid() -> None:
    assert found({0: "aspirin 81 mg daily; Advil 200mg 2 tablets 3 times a day"}) == []
    assert (0, "two_nsaids_same_day", "warning") in found({0: "aspirin 300 mg daily; Advil 200mg 2 tablets tds"})


def test_prednisone_daily_for_8_days_is_steroid_information() -> None:
    assert found({d: "prednisone 20 mg daily" for d in range(8)}) == [
        (d, "oral_steroid_7_days", "info") for d in range(6, 12)]  # 7+ of the last 14, judged every diary day


def test_every_brand_strength_names_its_source_and_a_known_medicine() -> None:
    assert {name: (generic, mg) for name, (generic, mg, _) in STRENGTH_NAMES.items() if "extra" in name} == {
        "tylenol extra strength": ("paracetamol", 500), "extra strength tylenol": ("paracetamol", 500)}
    for generic, mg, source in STRENGTH_NAMES.values():
        assert generic in MEDICINES and mg > 0 and source.startswith(("BNF", "DailyMed", "NHS", "product label"))
