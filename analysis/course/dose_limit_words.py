"""A medicine's daily amounts and maximum in words, said the same way by the Progress table, the GP report and an
overdose's alert detail.

Why: naproxen has two maxima (660 mg over the counter, DailyMed; 1,000 mg on prescription, BNF), and the
Progress table showed the first while an alert about 1,100 mg said "maximum 1,000 mg": a person read two
different maxima for one medicine (browser test, review 33). Wherever one is shown the other is named beside it.
"""
from __future__ import annotations

import math
import numbers


def _known(mg: object) -> bool:
    """A number that is not NaN (numpy's integers too, which are not Python ints)."""
    return isinstance(mg, numbers.Real) and not math.isnan(mg)


def limit_text(counter_mg: object, prescribed_mg: object, unit: str = "", prescribed: str = "on prescription") -> str:
    """The maximum for a table cell: "4,000", "660 (1,000 on prescription)", or "-" when there is none.

    `counter_mg` is the first maximum checked (the over-the-counter one where a label gives one), `prescribed_mg`
    the adult maximum; `unit` is put after each number (" mg" in the report) and `prescribed` names the second
    ("prescribed" in the report's narrow column, which broke "prescripti/on")."""
    if not _known(counter_mg):
        return "-"
    text = f"{counter_mg:,.0f}{unit}"
    if _known(prescribed_mg) and prescribed_mg != counter_mg:
        text += f" ({prescribed_mg:,.0f}{unit} {prescribed})"
    return text


def exceeded_words(limit_mg: float, counter_mg: object, prescribed_mg: object, past_adult: bool) -> str:
    """What an overdose detail says in its brackets: "maximum 4,000 mg", "maximum 1,000 mg on prescription,
    660 mg over the counter" (above the adult one) or "maximum 660 mg over the counter" (above that one only)."""
    two = _known(counter_mg) and _known(prescribed_mg) and counter_mg != prescribed_mg
    if not two:
        return f"maximum {limit_mg:,g} mg"
    if past_adult:
        return f"maximum {limit_mg:,g} mg on prescription, {counter_mg:,g} mg over the counter"
    return f"maximum {limit_mg:,g} mg over the counter"


def mg_text(value: object, unit: str = "") -> str:
    """A day's total as the tables write it: "1,600", "0.4" (a folate tablet's 400 micrograms read "0" in the GP
    report: review 34's browser walk), "0.025" (a patch's hourly rate), or "-" where there is none."""
    if not _known(value):
        return "-"
    return f"{value:,.3f}".rstrip("0").rstrip(".") + unit
