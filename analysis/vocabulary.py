"""Fixed vocabularies: warning symptoms and the medicines the diary knows.

Limits come from ../shared/clinical/GUIDANCE.md section 5 (adults); the
source is named next to each. They are used for alerts, never to advise a dose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Warning symptoms (GUIDANCE.md section 4; NHS, Healthwise "when to call").
# code -> plain words shown to the patient.
SYMPTOMS: dict[str, str] = {
    "leg_pain": "Pain spreading into a leg",
    "numbness": "Numbness or tingling in legs, belly or buttocks",
    "weakness": "Weakness in a leg",
    "bladder_bowel": "Loss of bladder or bowel control",
    "saddle_numbness": "Numbness around genitals or bottom",
    "cannot_move_leg": "Cannot move a leg at all",
    "fever": "Fever",
    "weight_loss": "Unexplained weight loss",
    "both_legs": "Numbness, tingling or weakness in both legs",
    "unwell": "Feeling unwell (for example shivery or sweating at night)",
}
SYMPTOM_CODES: tuple[str, ...] = tuple(SYMPTOMS)

# Drug classes.
NSAID = "NSAID"
PARACETAMOL = "paracetamol"
OPIOID = "opioid"
MUSCLE_RELAXANT = "muscle relaxant"
OTHER = "other"
DRUG_CLASSES = (NSAID, PARACETAMOL, OPIOID, MUSCLE_RELAXANT, OTHER)


@dataclass(frozen=True)
class Medicine:
    """A generic medicine: its class, usual single dose and adult daily maximum."""

    name: str
    drug_class: str
    usual_dose_mg: float
    max_daily_mg: float | None  # None: no limit the diary checks
    limit_source: str = ""


MEDICINES: dict[str, Medicine] = {m.name: m for m in [
    Medicine("paracetamol", PARACETAMOL, 500, 4000, "NHS, TGA: 4,000 mg per 24 h"),
    Medicine("ibuprofen", NSAID, 400, 1200, "NHS, BNF: 1,200 mg/day over the counter"),
    Medicine("naproxen", NSAID, 250, 660, "DailyMed: 660 mg/day over the counter"),
    Medicine("diclofenac", NSAID, 50, 150, "BNF: 75-150 mg/day"),
    Medicine("aspirin", NSAID, 300, 4000, "BNF: 4,000 mg/day"),
    Medicine("codeine", OPIOID, 30, 240, "BNF, MHRA 2009: 240 mg/day"),
    Medicine("tramadol", OPIOID, 50, 400, "BNF: 400 mg/day"),
    Medicine("dihydrocodeine", OPIOID, 30, 240, "BNF: 240 mg/day"),  # in co-dydramol; not in GUIDANCE.md §5
    Medicine("diazepam", MUSCLE_RELAXANT, 2, None),
    Medicine("methocarbamol", MUSCLE_RELAXANT, 750, None),
    Medicine("cyclobenzaprine", MUSCLE_RELAXANT, 5, None),
]}

# Brand and other common names -> generic name (lower case keys).
ALIASES: dict[str, str] = {
    "acetaminophen": "paracetamol", "tylenol": "paracetamol", "panadol": "paracetamol",
    "calpol": "paracetamol", "apap": "paracetamol",
    "advil": "ibuprofen", "nurofen": "ibuprofen", "motrin": "ibuprofen", "brufen": "ibuprofen",
    "aleve": "naproxen", "naprosyn": "naproxen",
    "voltaren": "diclofenac", "voltarol": "diclofenac",
    "disprin": "aspirin",
    "valium": "diazepam", "robaxin": "methocarbamol", "flexeril": "cyclobenzaprine",
}


@dataclass(frozen=True)
class Combination:
    """A product with two medicines in each tablet, e.g. co-codamol 30/500.

    ``medicines`` and each of ``strengths`` (mg per tablet) are in the order the
    strength is written: co-codamol 30/500 is codeine 30 mg and paracetamol 500 mg.
    ``assumed`` is the strength taken when none is typed (None: leave the text
    unread). Only listed strengths are read, so a typo such as 30/50 is not
    turned into a paracetamol total.
    """

    name: str
    medicines: tuple[str, str]
    strengths: tuple[tuple[float, float], ...]
    assumed: tuple[float, float] | None
    source: str


COMBINATIONS: dict[str, Combination] = {p.name: p for p in [
    # Every co-codamol has 500 mg paracetamol; 8/500 is the lowest strength and the usual one sold
    # over the counter, so an assumed 8 mg gives the least codeine the person can have taken.
    Combination("co-codamol", ("codeine", "paracetamol"), ((8, 500), (12.8, 500), (15, 500), (30, 500)),
                (8, 500), "NHS, BNF: 8/500 (and 12.8/500) over the counter, 15/500 and 30/500 on prescription"),
    # Prescription only (7.46/500 is sold as Paramol): no strength is usual enough to assume.
    Combination("co-dydramol", ("dihydrocodeine", "paracetamol"),
                ((7.46, 500), (10, 500), (20, 500), (30, 500)), None, "BNF; MHRA: state the strength"),
    Combination("nurofen plus", ("ibuprofen", "codeine"), ((200, 12.8),), (200, 12.8),
                "product label: ibuprofen 200 mg, codeine phosphate 12.8 mg"),
]}


def combination(name: str) -> Combination | None:
    """Return the combination product a name means (``Co-codamol``, ``cocodamol``, ``co codamol``), or None."""
    key = re.sub(r"\bco[\s-]+(?=codamol|dydramol)", "co", " ".join(name.lower().split()))
    key = key.replace("cocodamol", "co-codamol").replace("codydramol", "co-dydramol")
    return COMBINATIONS.get(key)


def generic_name(name: str) -> str | None:
    """Return the generic medicine for a generic or brand name, or None if unknown."""
    key = name.strip().lower()
    if key in MEDICINES:
        return key
    return ALIASES.get(key)


def drug_class(generic: str) -> str:
    """Return the drug class of a generic medicine name (``other`` if unknown)."""
    medicine = MEDICINES.get(generic)
    return medicine.drug_class if medicine else OTHER
