"""Reading and writing the medicine text of a diary day.

The canonical form, written by export and read back exactly, is
``ibuprofen 400 mg x3; codeine 30 mg x2``: generic name, single dose in mg,
number of doses that day. Import also accepts what people type: brand names
(``Nurofen 200mg 2x``), grams (``paracetamol 1g x4``), words for the count
(``twice``), the count first (``2 x 500mg paracetamol``) and a missing count
(``codeine 30mg``, one dose).

Decisions:

* A known medicine without a dose (``ibuprofen``) is left unparsed: a usual
  dose would invent the daily totals that the limit checks rely on. The
  importer keeps such text in the notes and warns.
* An unknown name with a dose (``gabapentin 300 mg x3``) is recorded under its
  lower-case name with drug class ``other``, so nothing the patient took is
  lost; the importer warns that the name is not in the medicine list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from analysis import columns as c
from analysis.vocabulary import drug_class, generic_name

ROW = "row"  # index label of the diary row a dose or unparsed text came from

_NUMBER = r"\d+(?:[.,]\d+)*"
_UNIT = r"mg|milligrams?|g|gm|grams?|mcg|µg|ug|micrograms?"
_NAME = r"[a-z][a-z'\-]*(?: [a-z][a-z'\-]*)*?"
_WORD_COUNTS = {"once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4,
                "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNT = (r"(?:x ?(?P<c1>\d+)|(?P<c2>\d+) ?x|(?P<c3>\d+) (?:times|tablets?|tabs?|pills?|capsules?|caps)"
          r"|(?P<w1>once|twice|thrice)|(?P<w2>one|two|three|four|five|six|seven|eight) times)"
          r"(?: (?:a day|daily|per day|today))?")
_DOSE = rf"(?P<dose>{_NUMBER}) ?(?P<unit>{_UNIT})"
_PATTERNS = [re.compile(p) for p in (
    rf"(?P<name>{_NAME}) {_DOSE}(?: {_COUNT})?",           # ibuprofen 400 mg x3
    rf"(?P<lead>\d+) ?x ?{_DOSE} (?P<name>{_NAME})",       # 2 x 500mg paracetamol
    rf"(?P<lead>\d+) ?x ?(?P<name>{_NAME}) {_DOSE}",       # 2 x paracetamol 500mg
    rf"{_DOSE} (?P<name>{_NAME})(?: {_COUNT})?",           # 500mg paracetamol x2
)]
_MG_PER_UNIT = {"mg": Decimal(1), "g": Decimal(1000), "mcg": Decimal("0.001")}
# Split on commas except inside numbers ("2,5 mg"), and on "+", "&", "and".
_SECONDARY = re.compile(r"(?<!\d),|,(?!\d)|\+|&|\band\b")
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
        dose = _parse_item(chunk)
        if dose:
            doses.append(dose)
            continue
        pieces = [p.strip() for p in _SECONDARY.split(chunk) if p.strip()]
        parsed = [_parse_item(p) for p in pieces]
        if not any(parsed):
            unparsed.append(chunk)  # keep the whole item as typed: "paracetamol and codeine"
            continue
        doses.extend(d for d in parsed if d)
        unparsed.extend(p for p, d in zip(pieces, parsed, strict=True) if d is None)
    return doses, unparsed


def format_medications(doses: list[Dose]) -> str:
    """Write doses in the canonical form ``ibuprofen 400 mg x3; codeine 30 mg x2``."""
    return "; ".join(f"{d.medicine} {format_mg(d.dose_mg)} mg x{d.count}" for d in doses)


def format_mg(mg: float) -> str:
    """Shortest exact text for a dose: 400.0 -> ``400``, 2.5 -> ``2.5``, never ``1e-05``."""
    text = repr(float(mg))
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def parse_medication_column(texts: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse a whole column, reading each distinct text once.

    Returns ``(doses, unparsed)``. ``doses`` has columns ROW (index label of
    ``texts``), MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG, one row per dose
    in row order; ``unparsed`` has ROW and ``text``, one row per unreadable item.
    """
    codes, uniques = pd.factorize(texts)
    dose_rows, text_rows = [], []
    for code, value in enumerate(uniques):
        doses, unparsed = parse_medications(value)
        dose_rows += [(code, d.medicine, d.drug_class, d.dose_mg, d.count) for d in doses]
        text_rows += [(code, t) for t in unparsed]
    per_value = pd.DataFrame(dose_rows, columns=["code", c.MEDICINE, c.DRUG_CLASS, c.DOSE_MG, c.COUNT])
    per_value[c.DOSE_MG] = per_value[c.DOSE_MG].astype(float)
    per_value[c.COUNT] = per_value[c.COUNT].astype(float)
    per_value[c.TOTAL_MG] = per_value[c.DOSE_MG] * per_value[c.COUNT]
    doses = spread_by_value(codes, texts.index, per_value, len(uniques))
    unparsed = spread_by_value(codes, texts.index, pd.DataFrame(text_rows, columns=["code", "text"]), len(uniques))
    return doses, unparsed


def spread_by_value(codes: np.ndarray, index: pd.Index, per_value: pd.DataFrame, n_values: int) -> pd.DataFrame:
    """Give every row the results of its distinct value, in row order.

    ``codes`` is ``pd.factorize`` output over ``n_values`` distinct values (-1
    for missing); ``per_value`` has a ``code`` column and is sorted by it. Returns ``per_value``'s other columns
    plus ROW (the row's ``index`` label), one row per result.
    """
    counts = np.bincount(per_value["code"].to_numpy(dtype=np.int64), minlength=n_values)
    counts = np.append(counts, 0)  # code -1 (missing) has no results
    per_row = counts[codes]
    rows = np.repeat(np.arange(len(codes)), per_row)
    starts = np.cumsum(counts) - counts  # first result of each code
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    spread = per_value.drop(columns="code").iloc[starts[codes[rows]] + within].reset_index(drop=True)
    spread.insert(0, ROW, index[rows])
    return spread


def _parse_item(item: str) -> Dose | None:
    text = item.lower()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _dose(match)
    return None


def _dose(match: re.Match[str]) -> Dose | None:
    parts = match.groupdict()
    name = parts["name"].strip()
    generic = generic_name(name) or _known_word(name)
    if generic is None:
        return None
    mg = _number(parts["dose"]) * _MG_PER_UNIT[_unit(parts["unit"])]
    count = _count(parts)
    if mg <= 0 or count < 1:
        return None
    return Dose(generic, float(mg), count)


def _known_word(name: str) -> str | None:
    """The one known medicine named among the words (``nurofen express``), else the
    name itself (an unknown medicine); None when several are named."""
    known = {generic_name(word) for word in name.split()} - {None}
    if len(known) > 1:
        return None
    return known.pop() if known else name


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
    for key in ("c1", "c2", "c3", "lead"):
        if parts.get(key):
            return int(parts[key])  # type: ignore[arg-type]
    for key in ("w1", "w2"):
        if parts.get(key):
            return _WORD_COUNTS[parts[key]]  # type: ignore[index]
    return 1
