"""A whole column of medicine text read at once, and the warnings about assumed strengths.

analysis.ingest.medicines reads one day's text; here each distinct text of a
column is read once and the doses spread back to the rows they came from, and
the combination products read in a strength nobody typed (co-codamol without
its strength) are found and worded for the import warning.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest.distinct import spread_by_value
from analysis.ingest.medicines import PARACETAMOL_TABLET_MG, format_mg, parse_medications
from analysis.model import columns as c
from analysis.model.vocabulary import COMBINATIONS


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


def assumed_strengths(texts: pd.Series) -> pd.Series:
    """Per row: True where a combination product was read in its assumed strength (none was typed).

    Each distinct text is parsed once; the importer warns about these rows.
    """
    codes, uniques = pd.factorize(texts)
    assumed = [any(d.assumed for d in parse_medications(text)[0]) for text in uniques]
    return pd.Series(np.array([*assumed, False], dtype=bool)[codes], index=texts.index)


def assumed_products(texts: pd.Series) -> pd.DataFrame:
    """Which combination products were read in their assumed strength (none was typed), by row.

    Each distinct text is parsed once. Returns columns ROW (index label of ``texts``) and
    ``product`` (vocabulary.COMBINATIONS key), one row per row and product, in row order.
    """
    codes, uniques = pd.factorize(texts)
    per_value = pd.DataFrame(
        [(code, product) for code, text in enumerate(uniques)
         for product in dict.fromkeys(d.product for d in parse_medications(text)[0] if d.assumed)],
        columns=["code", "product"])
    return spread_by_value(codes, texts.index, per_value, len(uniques))


def assumed_strength_note(product: str) -> str:
    """The import warning's words for a combination product read in its assumed strength.

    Why: the clinician must see which product and which strength were taken
    ("Vicodin ... was read as 5/300"), and which other strengths to look for.
    """
    if product not in COMBINATIONS:  # paracetamol itself (medicines.PARACETAMOL_TABLET_MG)
        return (f"{product} without its strength was read as {format_mg(PARACETAMOL_TABLET_MG)} mg a tablet (the "
                "usual tablet); correct it if another strength was taken.")
    named = COMBINATIONS[product]
    assumed = named.assumed or named.strengths[0]
    label = named.name if named.name.startswith("co-") or "/" in named.name else named.name.capitalize()
    stronger = named.stronger if named.stronger is not None else tuple(
        s for s in named.strengths if s[0] > assumed[0])
    if not stronger:
        return f"{label} without its strength was read as {_strength_text(assumed)} ({named.assumed_why})."
    return (f"{label} without its strength was read as {_strength_text(assumed)} ({named.assumed_why}); "
            f"correct it if stronger ones ({', '.join(_strength_text(s) for s in stronger)}) were taken.")


def _strength_text(strength: tuple[float, float]) -> str:
    return "/".join(format_mg(mg) for mg in strength)
