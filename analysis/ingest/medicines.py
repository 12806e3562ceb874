"""Reading and writing the medicine text of a diary day (a whole column at once: analysis.ingest.medicine_column).

The canonical form, written by export and read back exactly, is
``ibuprofen 400 mg x3; codeine 30 mg x2``: generic name, single dose in mg,
number of doses that day. Import also accepts what people type: brand names
(``Nurofen 200mg 2x``), grams (``paracetamol 1g x4``), words for the count
(``twice``), the count first (``2 x 500mg paracetamol``), tablets times strength
(``paracetamol 2 x 500mg``, ``2 tablets of 500mg``, ``500mg x 2``: 2 doses of 500 mg) and a
missing count (``codeine 30mg``, one dose). ``daily`` alone, ``od``, ``qd`` and ``every day`` are
once a day, and so is a day's total after a name and its amount (``5 g/day``, ``5000 mg per day``, ``5g/d``);
after a count ``daily`` only says per day (``6x daily`` is 6). A count may be tablets times how often:
``paracetamol 500mg 2 tablets 4 times`` is 8 doses; ``bd``, ``t.d.s.``, ``qds``,
``4x/day`` and ``twice daily`` say how often, and so do intervals: ``q6h``,
``every 6 hours``, ``6-hourly`` are as many doses as fit in 24 hours (4).
Ranges are read at their most (``every 4-6 hours`` is 6 a day, ``1-2 tablets``
is 2), so a daily total is never under-counted. Typos and brands are names in
vocabulary.ALIASES and TYPOS (exact lists, never a fuzzy match that could name a
medicine not taken).

A comma followed by a piece that only gives a dose or a count ("2 tabs", "6x daily", "every 6 hours")
belongs to the medicine before it: ``Paracetamol 500mg, 2 tabs, 6x daily`` is 12 doses of 500 mg. A comma
followed by a medicine name starts a new medicine (``ibuprofen 400mg, paracetamol 1g``).

A brand whose name says its strength (vocabulary.STRENGTH_NAMES: Tylenol Extra Strength 500 mg, Regular
Strength 325 mg, 8 HR and Arthritis 650 mg) is read in it when no mg is typed; plain Tylenol is not.

Combination products (vocabulary.COMBINATIONS) give one dose per medicine, each
with the tablet count: ``2 x co-codamol 30/500`` is codeine 30 mg x2 and
paracetamol 500 mg x2, so both count towards the medicine checks.

Decisions:

* A known medicine without a dose (``ibuprofen``) is left unparsed: a usual
  dose would invent the daily totals that the limit checks rely on. The
  importer keeps such text in the notes and warns. Paracetamol is the exception:
  ``paracetamol x10`` or ``Panadol 2 tabs x5`` is read as tablets of 500 mg, the
  usual tablet (as co-codamol's paracetamol is 500 mg in all), and the importer
  says so: left unread, ten tablets (5,000 mg, an urgent overdose) raised no alert
  (review 34).
* An unknown name with a dose (``gabapentin 300 mg x3``) is recorded under its
  lower-case name with drug class ``other``, so nothing the patient took is
  lost; the importer warns that the name is not in the medicine list.
* A combination product is read only in a listed strength (``co-codamol 30/50``
  is left unparsed). Without a strength, its ``assumed`` one is taken: 8/500 for
  co-codamol, the over-the-counter strength with the least codeine (paracetamol
  is 500 mg in all), 5/300 for Vicodin. The importer warns about that assumption,
  naming the product and the strength read (assumed_strength_note).
* A duration is not a count: ``prednisolone 40mg od for 5 days`` (or ``x 5
  days``) is one dose that day.
* A fentanyl or buprenorphine patch (``fentanyl 25mcg/hr patch``) is one dose
  at its rate written in mg (0.025 mg): it makes the day an opioid day, and no
  mg maximum is checked for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from analysis.ingest import day_totals
from analysis.model.limits import DOSE_COUNT
from analysis.model.vocabulary import (
    MEDICINES,
    PARACETAMOL,
    STRENGTH_NAMES,
    Combination,
    combination,
    drug_class,
    generic_name,
)

PARACETAMOL_TABLET_MG = 500.0  # the usual tablet (NHS; BNF): what paracetamol without a strength is read as
_NUMBER = day_totals.NUMBER
_UNIT = day_totals.UNIT
_NAME = r"[a-z][a-z'\-/]*(?: [a-z][a-z'\-/]*)*?"
# Each word or number in a count is one factor of it: "2 tablets 4 times a day" is 2 x 4 doses.
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12}  # "500mg ten times" was not read (review 34)
_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
# Prescription shorthand for times a day (omni die, bis/ter/quater die sumendus, bis/ter/quater in die).
_ABBREVIATIONS = {"od": 1, "bd": 2, "bid": 2, "tds": 3, "tid": 3, "qds": 4, "qid": 4}
_FACTORS = _NUMBER_WORDS | _TIMES_WORDS | _ABBREVIATIONS
_ABBREVIATION = "|".join(r"\.?".join(letters) + r"\.?" for letters in _ABBREVIATIONS)  # b.d., bd, b.d
_WORDS = "|".join(_NUMBER_WORDS)
_UNITS_OF = r"(?:tablets?|tabs?|pills?|capsules?|caps|caplets?|sachets?)"
_X = r"x ?\d+|\d+ ?x"
_QUANTITY = rf"{_X}|\d+ ?{_UNITS_OF}|(?:{_WORDS}) {_UNITS_OF}"  # x2, 2 tablets, two tablets
_FREQUENCY = rf"\d+ ?times|(?:{_WORDS}) times|once|twice|thrice|{_ABBREVIATION}|\d+ ?/ ?day"  # 4 times, bd
_PER_DAY = r"(?: ?/ ?day| (?:a day|daily|per day|today))?"
# A quantity, optionally times a frequency (2 tablets 4 times, x2 bd), or a frequency alone (twice daily).
# "daily" alone is once a day ("prednisone 20 mg daily"); after a count it only says per day ("6x daily").
_COUNT = rf"(?P<count>(?:{_QUANTITY})(?: (?:{_FREQUENCY}|{_X}))?|{_FREQUENCY}|daily){_PER_DAY}"
# after a leading count: 2 x paracetamol 500mg qds, 2 x co-codamol 30/500 x4 (two tablets, four times: review 12)
_LEAD_COUNT = rf"(?: (?P<count>{_FREQUENCY}|x ?\d+))?{_PER_DAY}"
_FACTOR = re.compile(rf"(?P<number>\d+)|(?<![a-z])(?P<word>{'|'.join(_FACTORS)}|{_ABBREVIATION})(?![a-z])")
_DOSE = rf"(?P<dose>{_NUMBER}) ?(?P<unit>{_UNIT})"
_STRENGTH = rf"(?P<first>{_NUMBER}) ?(?:mg)? ?[/-] ?(?P<second>{_NUMBER}) ?(?:mg)?"  # 30/500, 30mg/500mg, 5-325
_AMOUNT = rf"(?:{_STRENGTH}|{_DOSE})"
_PATTERNS = [re.compile(p) for p in (
    rf"(?P<name>{_NAME})(?: {_AMOUNT})?(?: {_COUNT})?",        # ibuprofen 400 mg x3, co-codamol 30/500 x2
    rf"(?P<lead>\d+) ?x ?{_AMOUNT} (?P<name>{_NAME}){_LEAD_COUNT}",  # 2 x 500mg paracetamol
    rf"(?:(?P<lead>\d+) ?x |(?P<tablets>\d{{1,2}}) (?:{_UNITS_OF} (?:of )?)?)"
    rf"(?P<name>{_NAME})(?: {_AMOUNT})?{_LEAD_COUNT}",          # 2 x paracetamol 500mg, 2 nurofen plus
    rf"{_AMOUNT} (?P<name>{_NAME})(?: {_COUNT})?",             # 500mg paracetamol x2
    # tablets x strength after the name: paracetamol 2 x 500mg, paracetamol 2 tablets of 500mg
    rf"(?P<name>{_NAME}) (?:(?P<lead>\d+) ?x ?|(?P<tablets>\d{{1,2}}) {_UNITS_OF} (?:of |x ?)?){_AMOUNT}"
    rf"(?: {_COUNT})?",
    # 2 tablets of 500mg paracetamol
    rf"(?P<tablets>\d{{1,2}}) {_UNITS_OF} of {_AMOUNT} (?P<name>{_NAME}){_LEAD_COUNT}",
)]
# A piece after a comma that only says how much or how often ("2 tabs", "6x daily", "every 6 hours"):
# it belongs to the medicine before it ("Paracetamol 500mg, 2 tabs, 6x daily" is one medicine).
_DOSE_ONLY = re.compile(rf"(?:{_AMOUNT})?(?: ?{_COUNT})?")
_MG_PER_UNIT = {"mg": Decimal(1), "g": Decimal(1000), "mcg": Decimal("0.001")}
# Split on commas except inside numbers ("2,5 mg"), and on "+", "&", "and" (the separator is kept).
_SECONDARY = re.compile(r"((?<!\d),|,(?!\d)|\+|&|\band\b)")
_NOTHING = {"", "-", "none", "nil", "no", "n/a", "na", "no meds", "nothing", "0"}


@dataclass(frozen=True)
class Dose:
    """Doses of one medicine on one day: ``count`` times ``dose_mg``.

    ``medicine`` is the generic name (lower case); unknown names are kept as
    typed, lower-cased, and have drug class ``other``.
    """

    medicine: str
    dose_mg: float
    count: int = 1
    assumed: bool = field(default=False, compare=False)  # a combination's strength taken, not typed
    product: str = field(default="", compare=False)  # the combination product it came from ("vicodin")

    @property
    def drug_class(self) -> str:
        return drug_class(self.medicine)

    @property
    def total_mg(self) -> float:
        return self.dose_mg * self.count


def parse_medications(text: str | None) -> tuple[list[Dose], list[str]]:
    """Read one day's medicine text into doses, plus the parts that could not be read.

    Items are split on ``;`` and then on ``,``, ``+``, ``&`` or ``and`` where that
    does not break a number. ``none``, ``-`` and empty text give no doses.
    """
    doses: list[Dose] = []
    unparsed: list[str] = []
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return doses, unparsed
    for chunk in str(text).split(";"):
        chunk = " ".join(chunk.split())
        if chunk.lower() in _NOTHING:
            continue
        whole = _parse_item(chunk)
        if whole:
            doses.extend(whole)
            continue
        pieces, parsed = _split(chunk)
        if not any(parsed):
            unparsed.append(chunk)  # keep the whole item as typed: "paracetamol and codeine"
            continue
        doses.extend(d for item in parsed if item for d in item)
        unparsed.extend(p for p, item in zip(pieces, parsed, strict=True) if item is None)
    return doses, unparsed


def _split(chunk: str) -> tuple[list[str], list[list[Dose] | None]]:
    """The pieces of one ``;`` item and the doses of each (None: not read).

    A piece after a comma that gives only a dose or a count ("2 tabs", "4 times a day")
    is read together with the piece before it: "ibuprofen 800 mg, 4 times a day" is
    3,200 mg, not 800 mg and a stray "4 times a day". Where the joined text cannot be
    read, or would only name an unknown medicine the piece before did not, the pieces
    are read one by one, as before.
    """
    parts = _SECONDARY.split(chunk)  # piece, separator, piece, ...
    pieces: list[str] = []  # as typed, commas kept for the notes
    read: list[str] = []  # as read: a joined piece without its comma
    parsed: list[list[Dose] | None] = []
    for i in range(0, len(parts), 2):
        piece = parts[i].strip()
        if not piece:
            continue
        if i > 0 and parts[i - 1] == "," and pieces and _DOSE_ONLY.fullmatch(_normalise(piece)):
            joined = _parse_item(f"{read[-1]} {piece}")
            # a piece read on its own, or a known medicine: never "two of them, 500 mg" as a medicine
            if joined is not None and (parsed[-1] is not None or all(d.medicine in MEDICINES for d in joined)):
                pieces[-1], read[-1], parsed[-1] = f"{pieces[-1]}, {piece}", f"{read[-1]} {piece}", joined
                continue
        pieces.append(piece)
        read.append(piece)
        parsed.append(_parse_item(piece))
    return pieces, parsed


def format_medications(doses: list[Dose]) -> str:
    """Write doses in the canonical form ``ibuprofen 400 mg x3; codeine 30 mg x2``."""
    return "; ".join(f"{d.medicine} {format_mg(d.dose_mg)} mg x{d.count}" for d in doses)


def format_mg(mg: float) -> str:
    """Shortest exact text for a dose: 400.0 -> ``400``, 2.5 -> ``2.5``, never ``1e-05``."""
    text = repr(float(mg))
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


# Rewrites applied (in order) before an item is matched: dosing words become counts, words that
# do not change the dose go. "Every 4-6 hours" takes the shorter interval (the most doses: 6 a day).
_HOURS = r"(?P<h>[1-9]\d?)(?: ?(?:-|to) ?\d+)?"


def _per_day(match: re.Match[str]) -> str:
    """Doses a day for a dose every `h` hours: as many as fit in 24 hours (every 5 hours: 5), at least one."""
    return f" {max(1, -(-24 // int(match['h'])))} times "
# A brand whose name says its strength (vocabulary.STRENGTH_NAMES), when no mg is typed after it in the item.
_BRANDS = "|".join(re.escape(name) for name in sorted(STRENGTH_NAMES, key=len, reverse=True))  # longest first
_STRENGTH_NAME = rf"(?<![a-z])(?P<brand>{_BRANDS})(?![a-z])(?![^,;+&]{{0,40}}?\d ?(?:{_UNIT})(?![a-z]))"


# A count typed between a brand and the form its strength names ("Lemsip Max 1 sachet", review 17): moved before
# the brand ("1 lemsip max sachet"), so the brand is read with its form's strength and the count as tablets are.
_FORMS = ("sachet", "sachets", "capsule", "capsules", "caplet", "caplets")
_FORMED = sorted({name.rsplit(" ", 1)[0] for name in STRENGTH_NAMES if name.rsplit(" ", 1)[-1] in _FORMS},
                 key=len, reverse=True)
_COUNT_INSIDE = (rf"(?<![a-z])(?P<stem>{'|'.join(re.escape(stem) for stem in _FORMED)}) "
                 rf"(?P<n>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)}) (?P<form>{'|'.join(_FORMS)})(?![a-z])"
                 # not when a strength is typed after it: the brand is then not read for its strength (below)
                 rf"(?![^,;+&]{{0,40}}?\d ?(?:{_UNIT})(?![a-z]))")


def _count_first(match: re.Match[str]) -> str:
    """'lemsip max two sachets' -> '2 lemsip max sachets': the count before the brand, in digits (a number word
    before a name is not read as tablets; review 19: 'two' was lost and one sachet counted)."""
    count = _NUMBER_WORDS.get(match["n"], match["n"])
    return f"{count} {match['stem']} {match['form']}"


def _brand_strength(match: re.Match[str]) -> str:
    """The generic name and strength a brand name says: ``tylenol extra strength`` -> ``paracetamol 500 mg``."""
    generic, mg, _source = STRENGTH_NAMES[match["brand"]]
    return f"{generic} {format_mg(mg)} mg"
_REWRITES: list[tuple[re.Pattern[str], object]] = [(re.compile(p), r) for p, r in [
    (r"[()\[\]]", " "),
    (r"(?<=\d|g) ?[*×] ?(?=\d)", " x"),  # "500mg*10", "500mg × 10": times (review 34)
    # paracetamol's strength without its unit ("paracetamol 500 x10", "Tylenol 325 x12"): mg, as no other unit is
    # sold (review 34's browser walk: read as nothing, the overdose raised no alert)
    (r"\b(paracetamol|acetaminophen|panadol|tylenol)(?: (?:tablets?|tabs?|caplets?))? (\d{3,4})"
     r"(?![\d.,/]| ?(?:mg|g\b|mcg|ml))", r"\1 \2 mg"),
    (r" +", " "),  # one space between words, so brand names below match as typed
    (_COUNT_INSIDE, _count_first),  # lemsip max 1 sachet: 1 lemsip max sachet
    (_STRENGTH_NAME, _brand_strength),  # Tylenol Extra Strength: paracetamol 500 mg
    # such a brand with a strength typed after it: its generic, the typed strength kept ("lemsip max sachet 1000 mg
    # x4" was an unknown medicine "lemsip max sachet", its paracetamol counted toward no limit; review 19)
    (rf"(?<![a-z])(?P<brand>{_BRANDS})(?![a-z])", lambda m: STRENGTH_NAMES[m["brand"]][0]),
    (r"\b(?:x|for) ?\d+ ?(?:days?|weeks?|d)\b", " "),  # a duration is not a count: "x 5 days"
    (day_totals.DAY_TOTAL, day_totals.day_total),  # before "up to" is dropped: "up to 4 g/day" is a limit
    (r"\b(?:prn|p\.r\.n\.?|as needed|as required|when required|when needed|if needed|for pain|po|p\.o\.?"
     r"|by mouth|orally|oral|with food|after food|with meals|up to|transdermal|patch(?:es)?)(?![a-z])", " "),
    (r"\bq\.? ?" + _HOURS + r" ?h(?:rs?|ours?)?\b", _per_day),  # q6h, q4-6h
    (r"\bevery " + _HOURS + r" ?h(?:rs?|ours?)\b", _per_day),
    (r"\b" + _HOURS + r" ?-? ?hourly\b", _per_day),  # 4-hourly, 4-6 hourly
    (r"\b(?:qd|q\.d\.|qhs|nocte|mane|at night|at bedtime|in the morning|every day|each day)(?![a-z])", " once "),
    (r"\b\d+ ?(?:-|to|or) ?(\d+) (?=tab|pill|cap)", r" \1 "),  # 1-2 tablets: the most
    (r"(?<=mg) (?:tablets?|tabs?|caps?|capsules?|pills?)(?= |$)", ""),  # "600 mg tablet"
    (r"(mcg|micrograms?|ug|µg) ?(?:/ ?h(?:r|our)?|per hour|an hour|/ ?72 ?h(?:ours?)?)\b", r"\1"),  # patches
    (r"\btylenol(?: with codeine)? ?(?:#|no\.? ?|number )([234])\b|\btylenol-([34])\b"
     r"|\btylenol with codeine ([234])\b(?! ?(?:mg|g\b|/))",  # Tylenol #3: codeine 30 mg, APAP 300 mg
     lambda m: {"2": "tylenol with codeine 15/300", "3": "tylenol with codeine 30/300",
                "4": "tylenol with codeine 60/300"}[m[1] or m[2] or m[3]]),
    (r"\b(?:extra strength|regular strength|extended release|sr|mr|xl|er|cr|ir|hcl|hydrochloride|phosphate"
     r"|sodium|potassium|sulfate|sulphate|tartrate|bitartrate)(?![a-z])", " "),
]]


def _normalise(text: str) -> str:
    """Lower case, dosing words rewritten as counts, and spaces squeezed (see _REWRITES)."""
    text = text.lower()
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)  # type: ignore[arg-type]
    return " ".join(text.split())


def _parse_item(item: str) -> list[Dose] | None:
    """The doses of one item (two for a combination product such as co-codamol), or None."""
    text = _normalise(item)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _doses(match.groupdict())
    return None


def _doses(parts: dict[str, str | None]) -> list[Dose] | None:
    named = _named(str(parts["name"]).strip())
    count = _count(parts)
    if named is None or not DOSE_COUNT.low <= count <= DOSE_COUNT.high:
        return None  # no count a day could hold: the text is kept in the notes, as any unread text
    if isinstance(named, Combination):
        strength, typed = _strength(named, parts), bool(parts.get("first") or parts.get("dose"))
        if strength is None or (not typed and _is_strength(named, parts.get("tablets"))):
            return None  # "30 co-codamol" means its strength far more often than 30 tablets
        assumed = len(named.strengths) > 1 and not typed
        return [Dose(medicine, float(mg), count, assumed, named.name)
                for medicine, mg in zip(named.medicines, strength, strict=True)]
    counted = parts.get("count") or parts.get("lead") or parts.get("tablets")  # a count typed, not assumed as 1
    if parts.get("dose") is None and named == PARACETAMOL and not parts.get("first") and counted:
        # tablets of paracetamol without a strength: the usual 500 mg tablet, said in a warning (see Decisions)
        return [Dose(named, PARACETAMOL_TABLET_MG, count, True, PARACETAMOL)]
    if parts.get("dose") is None:
        return None  # no dose (or a 30/500 strength for a single medicine): left unread, see Decisions
    mg = _mg(parts)
    return [Dose(named, float(mg), count)] if mg > 0 else None


def _named(name: str) -> Combination | str | None:
    """What a typed name names: a combination product (``co-codamol effervescent``), a generic
    medicine, the name itself (an unknown medicine), or None when it names several."""
    words = name.split()
    spans = [(i, j) for i in range(len(words)) for j in (i + 1, i + 2, i + 3) if j <= len(words)]
    found = {(i, j): product for i, j in spans if (product := combination(" ".join(words[i:j])))}
    if not found:
        return generic_name(name) or _known_word(name)
    (i, j), product = max(found.items(), key=lambda item: item[0][1] - item[0][0])  # the longest name
    others = words[:i] + words[j:]
    inside = all(i <= a and b <= j for a, b in found)  # "solpadeine" inside "solpadeine max"
    if not inside or any(generic_name(word) for word in others):
        return None
    return product


def _strength(product: Combination, parts: dict[str, str | None]) -> tuple[float, float] | None:
    """The listed strength the text gives (30/500, 500/30, or one number of it), the assumed
    strength when it gives none, or None when it cannot be told."""
    if parts.get("first"):
        typed = (float(_number(str(parts["first"]))), float(_number(str(parts["second"]))))
        return next((s for s in product.strengths if typed in (s, s[::-1])), None)
    if parts.get("dose"):
        mg = float(_mg(parts))
        fits = [s for s in product.strengths if mg in s]
        if len(fits) == 1:
            return fits[0]  # co-codamol 30mg: only 30/500 has 30 mg
        return product.assumed if product.assumed in fits else None  # co-codamol 500mg: every strength
    return product.assumed  # the importer warns: see Decisions in the module docstring


def _is_strength(product: Combination, number: str | None) -> bool:
    """True when a bare leading number is one of the product's strengths in mg."""
    return number is not None and any(float(number) in strength for strength in product.strengths)


def _known_word(name: str) -> str | None:
    """The one known medicine named among the words (``nurofen express``), else the
    name itself (an unknown medicine); None when several are named, or when the words only say how much or how
    often (_DOSING_WORDS)."""
    if set(name.split()) <= day_totals.DOSING_WORDS:
        return None
    known = {generic_name(word) for word in name.split()} - {None}
    if len(known) > 1:
        return None
    return known.pop() if known else name


def _mg(parts: dict[str, str | None]) -> Decimal:
    return _number(str(parts["dose"])) * _MG_PER_UNIT[_unit(str(parts["unit"]))]


def _number(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):  # 1,000 mg: thousands, not a decimal comma
        return Decimal(text.replace(",", ""))
    if text.count(",") + text.count(".") > 1:
        return Decimal(0)  # "1.2.3": not a dose; rejected by the caller
    return Decimal(text.replace(",", "."))


def _unit(unit: str) -> str:
    if unit.startswith(("mcg", "µg", "ug", "micro")):
        return "mcg"
    return "mg" if unit.startswith("m") else "g"


def _count(parts: dict[str, str | None]) -> int:
    """Doses taken: the leading count times every number and count word of the count text
    (``2 tablets 4 times`` is 8; none is 1)."""
    count = int(parts.get("lead") or parts.get("tablets") or 1)
    for factor in _FACTOR.finditer(parts.get("count") or ""):
        word = factor["word"]
        count *= int(factor["number"]) if word is None else _FACTORS[word.replace(".", "")]
    return count
