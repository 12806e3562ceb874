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
# code -> the tick box on Today, worded for someone in pain reading it at a glance: short, everyday words,
# no clinical terms ("saddle", "incontinence", "unexplained"). SYMPTOMS above stays the wording of alerts and
# reports ("... reported on 3 March"); import reads both (analysis.ingest.symptoms). Same codes, same order.
# Meanings from GUIDANCE.md section 4 (NHS, Healthwise "when to call").
# The questionnaire store's code of the weekly check-in (Patient-Specific Functional Scale, Stratford 1995): read by
# the plan that asks it (analysis.plan.checkin) and the six-week rule that reads it (analysis.alerts.rules).
PSFS_INSTRUMENT = "psfs"

SYMPTOM_TICK_BOXES: dict[str, str] = {
    "leg_pain": "Pain going down a leg",
    "numbness": "Numb or tingling leg, tummy or buttock",
    "weakness": "A leg or foot feels weak",
    "bladder_bowel": "Can't pee, or can't hold in pee or poo",
    "saddle_numbness": "Numb between the legs or around the bottom",
    "cannot_move_leg": "Can't move a leg at all",
    "fever": "High temperature (fever)",
    "weight_loss": "Losing weight without trying",
    "both_legs": "Both legs numb, tingling or weak",
    "unwell": "Feeling ill, shivery, or sweating at night",
}

# Alert codes (analysis.alerts.rules.RULES, the same codes in the same order: tests/ingest/test_seen_column.py
# checks it). Here so the importer, which may not import the alerts layer, can check the codes of the diary
# CSV's `seen` column ("I have been seen about this", analysis.storage.alerts_seen).
# Alert codes: each named once here, and every module says the name (review 27: codes were retyped as text in
# the engine, the plan and the details, so a renamed code would have left them silently behind).
RED_FLAG_EMERGENCY = "red_flag_emergency"
RED_FLAG_SEE_DOCTOR = "red_flag_see_doctor"
NEW_NUMBNESS_WEAKNESS = "new_numbness_weakness"
RADIATING_LEG_PAIN = "radiating_leg_pain"
WORST_PAIN_AFTER_WEEK = "worst_pain_after_week"
ACTIVITY_DECLINING = "activity_declining"
NO_ACTIVITY_PROGRESS_3W = "no_activity_progress_3w"
NOT_RECOVERED_6W = "not_recovered_6w"
PAIN_PERSISTING_6W = "pain_persisting_6w"
BEHIND_EXPECTED_CURVE = "behind_expected_curve"
PAIN_WORSENING = "pain_worsening"
BED_REST_OVER_2_DAYS = "bed_rest_over_2_days"
CODEINE_OVER_3_DAYS = "codeine_over_3_days"
DAILY_DOSE_EXCEEDED = "daily_dose_exceeded"
TWO_NSAIDS_SAME_DAY = "two_nsaids_same_day"
PARACETAMOL_ALONE = "paracetamol_alone"
ORAL_STEROID_7_DAYS = "oral_steroid_7_days"
NSAID_OVER_10_DAYS = "nsaid_over_10_days"
ALERT_CODES: tuple[str, ...] = (
    RED_FLAG_EMERGENCY,
    RED_FLAG_SEE_DOCTOR,
    NEW_NUMBNESS_WEAKNESS,
    RADIATING_LEG_PAIN,
    WORST_PAIN_AFTER_WEEK,
    ACTIVITY_DECLINING,
    NO_ACTIVITY_PROGRESS_3W,
    NOT_RECOVERED_6W,
    PAIN_PERSISTING_6W,
    BEHIND_EXPECTED_CURVE,
    PAIN_WORSENING,
    BED_REST_OVER_2_DAYS,
    CODEINE_OVER_3_DAYS,
    DAILY_DOSE_EXCEEDED,
    TWO_NSAIDS_SAME_DAY,
    PARACETAMOL_ALONE,
    ORAL_STEROID_7_DAYS,
    NSAID_OVER_10_DAYS,
)

# Drug classes.
NSAID = "NSAID"
PARACETAMOL = "paracetamol"
OPIOID = "opioid"
MUSCLE_RELAXANT = "muscle relaxant"
NEUROPATHIC = "neuropathic"  # gabapentinoids and antidepressants used for nerve pain
STEROID = "oral steroid"
OTHER = "other"
DRUG_CLASSES = (NSAID, PARACETAMOL, OPIOID, MUSCLE_RELAXANT, NEUROPATHIC, STEROID, OTHER)


@dataclass(frozen=True)
class Medicine:
    """A generic medicine: its class, usual single dose and adult daily maxima.

    ``max_daily_mg`` is the adult maximum (a prescribed dose may go up to it;
    above it is a warning); ``otc_max_daily_mg`` the lower over-the-counter
    maximum where a label gives one (above it: information, "only if your
    doctor prescribed this dose"). ``source`` names the reference of the entry
    (BNF, DailyMed, NHS); ``limit_source`` the one for its maxima.
    """

    name: str
    drug_class: str
    usual_dose_mg: float
    max_daily_mg: float | None  # None: no limit the diary checks (strong opioids, patches, ...)
    limit_source: str = ""
    otc_max_daily_mg: float | None = None
    source: str = "BNF"

    @property
    def first_limit_mg(self) -> float | None:
        """The lowest daily maximum checked: the over-the-counter one where there is one."""
        return self.otc_max_daily_mg if self.otc_max_daily_mg is not None else self.max_daily_mg


M = Medicine
MEDICINES: dict[str, Medicine] = {m.name: m for m in sorted([
    # paracetamol: one tier, above it is urgent
    M("paracetamol", PARACETAMOL, 500, 4000, "NHS, TGA: 4,000 mg per 24 h", source="NHS"),
    # NSAIDs (BNF: NSAIDs; COX-2 inhibitors; oxicams)
    M("ibuprofen", NSAID, 400, 2400, "BNF: 2,400 mg/day prescribed; NHS: 1,200 mg/day over the counter", 1200),
    M("naproxen", NSAID, 250, 1000, "BNF: 0.5-1 g/day (musculoskeletal; 1.25 g only in acute gout); "
      "DailyMed: 660 mg/day over the counter", 660),
    M("diclofenac", NSAID, 50, 150, "BNF: 75-150 mg/day"),
    M("aspirin", NSAID, 300, 4000, "BNF: 300-900 mg every 4-6 h, 4,000 mg/day"),
    M("meloxicam", NSAID, 7.5, 15, "BNF, DailyMed: 15 mg/day"),
    M("piroxicam", NSAID, 20, 20, "BNF: 20 mg/day"),
    M("celecoxib", NSAID, 200, 400, "BNF: 200-400 mg/day"),
    M("etoricoxib", NSAID, 60, 120, "BNF: 120 mg/day (acute gout, at most 8 days)"),
    M("etodolac", NSAID, 300, 1000, "DailyMed: 1,000 mg/day (BNF 600 mg/day for arthritis)", source="DailyMed"),
    M("ketoprofen", NSAID, 50, 200, "BNF: 100-200 mg/day"),
    M("dexketoprofen", NSAID, 25, 75, "BNF: 75 mg/day"),
    M("indometacin", NSAID, 25, 200, "BNF: 50-200 mg/day"),
    M("nabumetone", NSAID, 1000, 2000, "BNF: 1 g at night, up to 2 g/day"),
    M("mefenamic acid", NSAID, 500, 1500, "BNF: 500 mg three times a day"),
    M("aceclofenac", NSAID, 100, 200, "BNF: 100 mg twice a day"),
    M("ketorolac", NSAID, 10, 40, "BNF, DailyMed: 40 mg/day by mouth, at most 5 days"),
    # opioids: every one counts towards the days-in-a-row rule
    M("codeine", OPIOID, 30, 240, "BNF, MHRA 2009: 240 mg/day"),
    M("dihydrocodeine", OPIOID, 30, 240, "BNF: 240 mg/day"),  # in co-dydramol; not in GUIDANCE.md §5
    M("tramadol", OPIOID, 50, 400, "BNF: 400 mg/day"),
    M("tapentadol", OPIOID, 50, 600, "BNF, DailyMed: 600 mg/day (700 mg on the first day)"),
    # strong opioids and patches: no ceiling dose (BNF: titrated), so no mg maximum is checked;
    # a fentanyl or buprenorphine patch is counted as an opioid day (its dose is its rate, see medicines.py)
    M("oxycodone", OPIOID, 5, None),
    M("morphine", OPIOID, 10, None),
    M("hydrocodone", OPIOID, 5, None, source="DailyMed"),
    M("hydromorphone", OPIOID, 1.3, None),
    M("buprenorphine", OPIOID, 0.2, None),
    M("fentanyl", OPIOID, 0.025, None),
    # muscle relaxants (NHS: diazepam for a few days; DailyMed for the US ones)
    M("diazepam", MUSCLE_RELAXANT, 2, None),
    M("methocarbamol", MUSCLE_RELAXANT, 750, None, source="DailyMed"),
    M("cyclobenzaprine", MUSCLE_RELAXANT, 5, None, source="DailyMed"),
    M("tizanidine", MUSCLE_RELAXANT, 2, None),
    M("baclofen", MUSCLE_RELAXANT, 5, None),
    M("carisoprodol", MUSCLE_RELAXANT, 350, None, source="DailyMed"),
    M("orphenadrine", MUSCLE_RELAXANT, 100, None, source="DailyMed"),
    # neuropathic medicines (NICE NG59: not for low back pain)
    M("gabapentin", NEUROPATHIC, 300, None),
    M("pregabalin", NEUROPATHIC, 75, None),
    M("amitriptyline", NEUROPATHIC, 10, None),
    M("nortriptyline", NEUROPATHIC, 10, None),
    M("duloxetine", NEUROPATHIC, 30, None),
    # oral steroids
    M("prednisolone", STEROID, 5, None),
    M("prednisone", STEROID, 5, None, source="DailyMed"),
    M("dexamethasone", STEROID, 2, None),
    M("methylprednisolone", STEROID, 4, None),
], key=lambda m: m.name)}
del M

# Low-dose aspirin (antiplatelet: BNF 75 mg daily, 75-150 mg in the issue-9 definition) protects the
# heart and is not an anti-inflammatory painkiller: a daily total up to this does not count as an
# NSAID for "two NSAIDs" nor as a painkiller beside paracetamol.
LOW_DOSE_ASPIRIN_MAX_MG = 150.0

# Brand names that say the strength of one tablet: name (lower case, as typed) -> (generic, mg per tablet,
# source). Read in that strength when no mg is typed ("Tylenol Extra Strength 2 caplets" is 2 x 500 mg);
# plain "Tylenol" names no strength and stays unread without a dose (medicines.py, Decisions).
_TYLENOL_500 = ("paracetamol", 500.0, "DailyMed: Tylenol Extra Strength, acetaminophen 500 mg per caplet")
_TYLENOL_325 = ("paracetamol", 325.0, "DailyMed: Tylenol Regular Strength, acetaminophen 325 mg per tablet")
_LEMSIP_1000 = ("paracetamol", 1000.0, "product label (UK, Reckitt): Lemsip Max sachet, paracetamol 1000 mg")
_LEMSIP_500 = ("paracetamol", 500.0, "product label (UK, Reckitt): Lemsip Max capsule, paracetamol 500 mg")
_LEMSIP_650 = ("paracetamol", 650.0, "product label (UK, Reckitt): Lemsip Cold & Flu sachet, paracetamol 650 mg")
_TYLENOL_650 = ("paracetamol", 650.0, "DailyMed: Tylenol 8 HR (Arthritis Pain), acetaminophen 650 mg "
                "extended-release caplet")
STRENGTH_NAMES: dict[str, tuple[str, float, str]] = {
    "tylenol extra strength": _TYLENOL_500, "extra strength tylenol": _TYLENOL_500,
    "tylenol regular strength": _TYLENOL_325, "regular strength tylenol": _TYLENOL_325,
    "tylenol 8 hr arthritis pain": _TYLENOL_650, "tylenol 8 hr arthritis": _TYLENOL_650,
    "tylenol 8hr arthritis": _TYLENOL_650, "tylenol 8 hour arthritis": _TYLENOL_650,
    "tylenol 8 hr": _TYLENOL_650, "tylenol 8hr": _TYLENOL_650, "tylenol 8 hour": _TYLENOL_650,
    "tylenol arthritis pain": _TYLENOL_650, "tylenol arthritis": _TYLENOL_650,
    # cold and flu remedies: the paracetamol taken besides the painkiller (GUIDANCE §5 "all products together";
    # review 11). Plain "Lemsip Max" is read as its capsule, the least paracetamol it can have been.
    "lemsip max sachet": _LEMSIP_1000, "lemsip max sachets": _LEMSIP_1000,
    "lemsip max capsule": _LEMSIP_500, "lemsip max capsules": _LEMSIP_500, "lemsip max": _LEMSIP_500,
    "lemsip cold and flu": _LEMSIP_650, "lemsip cold & flu": _LEMSIP_650, "lemsip": _LEMSIP_650,
}

# Brand and other common names -> generic name (lower case keys).
ALIASES: dict[str, str] = {
    "acetaminophen": "paracetamol", "tylenol": "paracetamol", "panadol": "paracetamol",
    "calpol": "paracetamol", "apap": "paracetamol", "anadin paracetamol": "paracetamol",
    "advil": "ibuprofen", "nurofen": "ibuprofen", "motrin": "ibuprofen", "brufen": "ibuprofen",
    "aleve": "naproxen", "naprosyn": "naproxen", "anaprox": "naproxen", "naprogesic": "naproxen",
    "feminax": "naproxen",
    "voltaren": "diclofenac", "voltarol": "diclofenac", "cataflam": "diclofenac", "arthrotec": "diclofenac",
    "disprin": "aspirin", "bayer": "aspirin", "ecotrin": "aspirin", "nu-seals": "aspirin", "asa": "aspirin",
    "mobic": "meloxicam", "feldene": "piroxicam", "celebrex": "celecoxib", "arcoxia": "etoricoxib",
    "lodine": "etodolac", "orudis": "ketoprofen", "oruvail": "ketoprofen", "keral": "dexketoprofen",
    "indomethacin": "indometacin", "indocin": "indometacin", "relafen": "nabumetone",
    "ponstan": "mefenamic acid", "mefenamic": "mefenamic acid", "preservex": "aceclofenac",
    "toradol": "ketorolac",
    "codeine phosphate": "codeine", "dhc": "dihydrocodeine", "dhc continus": "dihydrocodeine",
    "zydol": "tramadol", "ultram": "tramadol", "zamadol": "tramadol", "palexia": "tapentadol",
    "nucynta": "tapentadol",
    "oxycontin": "oxycodone", "oxynorm": "oxycodone", "roxicodone": "oxycodone", "oxy": "oxycodone",
    "oramorph": "morphine", "zomorph": "morphine", "mst": "morphine", "ms contin": "morphine",
    "sevredol": "morphine", "hysingla": "hydrocodone", "zohydro": "hydrocodone",
    "dilaudid": "hydromorphone", "palladone": "hydromorphone",
    "butrans": "buprenorphine", "temgesic": "buprenorphine", "transtec": "buprenorphine",
    "subutex": "buprenorphine", "durogesic": "fentanyl", "duragesic": "fentanyl",
    "valium": "diazepam", "robaxin": "methocarbamol", "flexeril": "cyclobenzaprine", "amrix": "cyclobenzaprine",
    "zanaflex": "tizanidine", "lioresal": "baclofen", "soma": "carisoprodol", "norflex": "orphenadrine",
    "neurontin": "gabapentin", "lyrica": "pregabalin", "elavil": "amitriptyline", "cymbalta": "duloxetine",
    "deltacortril": "prednisolone", "deltasone": "prednisone", "decadron": "dexamethasone",
    "medrol": "methylprednisolone",
    "naproxen sodium": "naproxen", "diclofenac sodium": "diclofenac", "diclofenac potassium": "diclofenac",
    "morphine sulfate": "morphine", "morphine sulphate": "morphine",
}

# Misspellings seen in real diaries (an exact list: a fuzzy match could name a medicine not taken).
# Kept apart from ALIASES so the Today picker never shows them as brand names.
TYPOS: dict[str, str] = {
    "paracetemol": "paracetamol", "paracetomol": "paracetamol", "paracetamole": "paracetamol",
    "paracettamol": "paracetamol", "parcetamol": "paracetamol", "paracatamol": "paracetamol",
    "acetominophen": "paracetamol", "acetaminophin": "paracetamol", "acetaminofen": "paracetamol",
    "ibuprofin": "ibuprofen", "ibuprophen": "ibuprofen", "ibuprofan": "ibuprofen", "ibuprofene": "ibuprofen",
    "iboprofen": "ibuprofen", "ibroprofen": "ibuprofen", "ibuprophin": "ibuprofen", "ibrufen": "ibuprofen",
    "naproxin": "naproxen", "naproxan": "naproxen", "naprocen": "naproxen",
    "diclofinac": "diclofenac", "diclofenic": "diclofenac", "dicolfenac": "diclofenac",
    "codine": "codeine", "codiene": "codeine", "tramadole": "tramadol", "tramodol": "tramadol",
    "oxycodon": "oxycodone", "oxicodone": "oxycodone", "morfine": "morphine", "diazapam": "diazepam",
    "gabapentine": "gabapentin", "pregabaline": "pregabalin", "prednisalone": "prednisolone",
    "prednisilone": "prednisolone",
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
    # Why the assumed strength, and the stronger strengths to check for (None: every one with more of
    # the first medicine), both for the import warning.
    assumed_why: str = "its lowest strength"
    stronger: tuple[tuple[float, float], ...] | None = None


_P = Combination
_CODEINE_500 = "NHS, BNF: codeine/paracetamol 30/500 (prescription)"
COMBINATIONS: dict[str, Combination] = {p.name: p for p in [
    # Every co-codamol has 500 mg paracetamol; 8/500 is the lowest strength and the usual one sold
    # over the counter, so an assumed 8 mg gives the least codeine the person can have taken.
    _P("co-codamol", ("codeine", "paracetamol"), ((8, 500), (12.8, 500), (15, 500), (30, 500)),
       (8, 500), "NHS, BNF: 8/500 (and 12.8/500) over the counter, 15/500 and 30/500 on prescription",
       "the over-the-counter tablet", ((15, 500), (30, 500))),
    # Prescription only (7.46/500 is sold as Paramol): no strength is usual enough to assume.
    _P("co-dydramol", ("dihydrocodeine", "paracetamol"),
       ((7.46, 500), (10, 500), (20, 500), (30, 500)), None, "BNF; MHRA: state the strength"),
    _P("paramol", ("dihydrocodeine", "paracetamol"), ((7.46, 500),), (7.46, 500), "product label (UK)"),
    _P("nurofen plus", ("ibuprofen", "codeine"), ((200, 12.8),), (200, 12.8),
       "product label: ibuprofen 200 mg, codeine phosphate 12.8 mg"),
    _P("nuromol", ("ibuprofen", "paracetamol"), ((200, 500),), (200, 500), "product label (UK)"),
    # co-codamol brands sold in one strength
    _P("zapain", ("codeine", "paracetamol"), ((30, 500),), (30, 500), _CODEINE_500),
    _P("solpadol", ("codeine", "paracetamol"), ((30, 500),), (30, 500), _CODEINE_500),
    _P("kapake", ("codeine", "paracetamol"), ((30, 500),), (30, 500), _CODEINE_500),
    _P("tylex", ("codeine", "paracetamol"), ((30, 500),), (30, 500), _CODEINE_500),
    _P("codipar", ("codeine", "paracetamol"), ((15, 500),), (15, 500), "product label (UK)"),
    _P("paracodol", ("codeine", "paracetamol"), ((8, 500),), (8, 500), "product label (UK)"),
    # Solpadeine Plus 8/500 (+ caffeine), Max 12.8/500; plain "Solpadeine": the Plus (least codeine)
    _P("solpadeine", ("codeine", "paracetamol"), ((8, 500), (12.8, 500)), (8, 500), "product labels (UK)",
       "Solpadeine Plus, the one with the least codeine"),
    _P("solpadeine plus", ("codeine", "paracetamol"), ((8, 500),), (8, 500), "product label (UK)"),
    _P("solpadeine max", ("codeine", "paracetamol"), ((12.8, 500),), (12.8, 500), "product label (UK)"),
    _P("syndol", ("codeine", "paracetamol"), ((10, 450),), (10, 450),
       "product label (UK): paracetamol 450 mg, codeine 10 mg, doxylamine, caffeine"),
    _P("migraleve", ("codeine", "paracetamol"), ((8, 500),), (8, 500), "product label (UK): pink tablets"),
    # tramadol/paracetamol 37.5/325
    _P("tramacet", ("tramadol", "paracetamol"), ((37.5, 325),), (37.5, 325), "BNF"),
    _P("ultracet", ("tramadol", "paracetamol"), ((37.5, 325),), (37.5, 325), "DailyMed"),
    _P("tramadol/paracetamol", ("tramadol", "paracetamol"), ((37.5, 325),), (37.5, 325), "BNF, DailyMed"),
    # US: codeine/acetaminophen (Tylenol #3 is 30/300, #4 60/300), hydrocodone and oxycodone with APAP
    _P("tylenol with codeine", ("codeine", "paracetamol"), ((15, 300), (30, 300), (60, 300)), (30, 300),
       "DailyMed: #3 30/300 (the usual one), #4 60/300", "Tylenol #3, the usual one"),
    _P("codeine/paracetamol", ("codeine", "paracetamol"),
       ((8, 500), (12.8, 500), (15, 500), (30, 500), (15, 300), (30, 300), (60, 300)), None, "BNF, DailyMed"),
    _P("vicodin", ("hydrocodone", "paracetamol"), ((5, 300), (7.5, 300), (10, 300)), (5, 300), "DailyMed"),
    _P("norco", ("hydrocodone", "paracetamol"), ((5, 325), (7.5, 325), (10, 325)), (5, 325), "DailyMed"),
    _P("lortab", ("hydrocodone", "paracetamol"), ((5, 325), (7.5, 325), (10, 325)), (5, 325), "DailyMed"),
    _P("hydrocodone/paracetamol", ("hydrocodone", "paracetamol"),
       ((2.5, 325), (5, 325), (7.5, 325), (10, 325), (5, 300), (7.5, 300), (10, 300)), None, "DailyMed"),
    _P("percocet", ("oxycodone", "paracetamol"), ((2.5, 325), (5, 325), (7.5, 325), (10, 325)), (2.5, 325),
       "DailyMed"),
    _P("endocet", ("oxycodone", "paracetamol"), ((5, 325), (7.5, 325), (10, 325)), (5, 325), "DailyMed"),
    _P("oxycodone/paracetamol", ("oxycodone", "paracetamol"), ((2.5, 325), (5, 325), (7.5, 325), (10, 325)),
       (2.5, 325), "DailyMed"),
    # aspirin with paracetamol (and caffeine): full-dose aspirin, an NSAID
    _P("excedrin", ("paracetamol", "aspirin"), ((250, 250),), (250, 250),
       "DailyMed: acetaminophen 250 mg, aspirin 250 mg, caffeine 65 mg"),
    _P("anadin extra", ("aspirin", "paracetamol"), ((300, 200),), (300, 200),
       "product label (UK): aspirin 300 mg, paracetamol 200 mg, caffeine 45 mg"),
]}
del _P

# Other names of a product; generic pairs may be written "hydrocodone/apap", "oxycodone-acetaminophen".
PRODUCT_ALIASES: dict[str, str] = {
    "cocodamol": "co-codamol", "codydramol": "co-dydramol", "cocodomol": "co-codamol",
    "tylenol-codeine": "tylenol with codeine", "roxicet": "endocet", "excedrin extra": "excedrin",
    "excedrin migraine": "excedrin",
}


def combination(name: str) -> Combination | None:
    """Return the combination product a name means (``Co-codamol``, ``cocodamol``, ``co codamol``,
    ``hydrocodone/APAP``, ``oxycodone-acetaminophen``), or None."""
    key = re.sub(r"\bco[\s-]+(?=cod[ao]mol|dydramol)", "co", " ".join(name.lower().split()))
    key = PRODUCT_ALIASES.get(key, key)
    if key in COMBINATIONS:
        return COMBINATIONS[key]
    parts = re.split(r"\s*/\s*|-|\s+with\s+", key)
    if len(parts) == 2:
        generics = {generic_name(part) for part in parts}
        if None not in generics and len(generics) == 2:
            return next((p for p in COMBINATIONS.values() if "/" in p.name and set(p.medicines) == generics), None)
    return None


def generic_name(name: str) -> str | None:
    """Return the generic medicine for a generic or brand name, or None if unknown."""
    key = name.strip().lower()
    if key in MEDICINES:
        return key
    return ALIASES.get(key) or TYPOS.get(key)


def drug_class(generic: str) -> str:
    """Return the drug class of a generic medicine name (``other`` if unknown)."""
    medicine = MEDICINES.get(generic)
    return medicine.drug_class if medicine else OTHER
