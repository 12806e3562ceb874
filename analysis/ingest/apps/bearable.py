"""Bearable's CSV export: back-pain ratings, medicines, warning symptoms and notes (notes 1-5 in
analysis.ingest.apps)."""
from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, day_text, joined
from analysis.ingest.cells import describe_items, describe_rows
from analysis.ingest.headers import TIME
from analysis.ingest.schema import date_order, date_parts, to_number
from analysis.ingest.sheet import refuse
from analysis.ingest.symptoms import parse_symptoms
from analysis.model import columns as c

_SEVERITY = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "extreme": 4, "unbearable": 4}
_SEVERITY_WORD = r"\(\s*(none|mild|moderate|severe|extreme|unbearable)\s*\)"
_BEARABLE_SCALE = 2.5  # 0-4 -> 0-10
_NOT_LOW_BACK = r"upper|\bmid|middle|thoracic|neck|cervical|shoulder"


def _bearable(cols: Columns, name: str) -> Converted:
    date_key = _unambiguous_dates(cols, "dateformatted", "date")
    dates = cols.text(date_key).fillna(cols.text("date" if date_key == "dateformatted" else "dateformatted"))
    category = cols.text("category").str.lower().fillna("")
    detail = cols.text("detail")
    lower = detail.str.lower().fillna("")
    rating_text = cols.text("ratingamount", "rating", "amount")
    rating = to_number(rating_text)
    severity = lower.str.extract(_SEVERITY_WORD, expand=False).map(_SEVERITY).astype(float)
    score = rating.fillna(severity)
    is_symptom = category.str.contains("symptom|pain")
    any_back = is_symptom & lower.str.contains("back") & lower.str.contains("pain|ache")
    back_pain = any_back & ~lower.str.contains(_NOT_LOW_BACK)  # "Back (upper) pain" is not low back pain
    other_back = any_back & ~back_pain
    bad = back_pain & ((rating_text.notna() & rating.isna()) | (score.notna() & ~score.between(0, 4)))
    if not back_pain.any():
        raise refuse(name, [f"{name} is a Bearable export without back-pain ratings (Symptom rows like "
                            '"Back (lower) pain (Moderate)"); there is nothing to import.'])
    bare = detail.str.replace(_SEVERITY_WORD, "", regex=True, flags=re.IGNORECASE).str.strip()
    others = is_symptom & ~back_pain & (score != 0) & bare.notna()
    warning_symptom = others & bare.map({t: bool(parse_symptoms(t)[0]) for t in bare[others].unique()}).eq(True)
    medicine = category.str.contains(r"\bmed|medic|drug") & detail.notna()
    note_rows = category.str.contains("note|journal|diary") & ~category.str.contains("food")  # food diary unused
    notes = joined(detail.where(note_rows), cols.text("notes"),
                    ("other back pain: " + detail).where(other_back).astype("str"))
    # Bearable records only the symptoms present: a day with symptoms checked in but no back-pain
    # row had no low back pain, read as 0 (the file tracks back pain on other days, or it is refused).
    day = day_text(dates)
    painless_day = is_symptom & ~back_pain & ~day.isin(day[back_pain]) & day.notna()
    zero = painless_day & ~day.where(painless_day).duplicated()  # one pain-0 reading per such day
    keep = back_pain | warning_symptom | medicine | notes.notna() | zero
    score = score.where(~zero, 0.0)
    back_pain = back_pain | zero
    frame = pd.DataFrame({
        c.DATE: day_text(dates), TIME: cols.text("timeofday"),
        c.PAIN: (score * _BEARABLE_SCALE).where(back_pain & ~bad),
        c.MEDICATIONS: _medicine_text(detail[medicine], rating[medicine]).reindex(detail.index),
        c.SYMPTOMS: bare.where(warning_symptom), c.NOTES: notes,
    })[keep]
    labels = {c.DATE: cols.header(date_key), c.PAIN: cols.header("ratingamount", "rating", "amount", "detail"),
              c.MEDICATIONS: cols.header("detail"), c.SYMPTOMS: cols.header("detail"),
              c.NOTES: cols.header("notes", "detail"), TIME: cols.header("timeofday")}
    problems = [(row, c.PAIN, f'"{text}" is not a Bearable rating (0 to 4).')
                for row, text in rating_text[bad].fillna(detail[bad]).items()]
    unused = cols.text("category").where(~is_symptom, bare)[~keep].dropna()
    warnings = []
    if zero.any():
        warnings.append(f"{name} {describe_rows(zero.index[zero].tolist())}: {int(zero.sum())} day"
                        f"{'s' * (int(zero.sum()) != 1)} with symptoms checked in but no back-pain row; read "
                        "as pain 0, since Bearable records only the symptoms present and this file tracks "
                        "back pain on other days.")
    if other_back.any():
        warnings.append(f"{name} {describe_rows(other_back.index[other_back].tolist())}: "
                        f"{describe_items(detail[other_back].drop_duplicates().tolist())} is not low back pain; "
                        "kept in the notes, not read as the day's pain.")
    if len(unused):
        warnings.append(f"{name}: ignored {len(unused)} row{'s' * (len(unused) != 1)} Backtrack does not use: "
                        f"{describe_items(unused.drop_duplicates().tolist())}.")
    return Converted(frame, {k: v for k, v in labels.items() if v}, warnings, problems)


def _medicine_text(detail: pd.Series, amount: pd.Series) -> pd.Series:
    """``Ibuprofen (400mg)`` -> ``Ibuprofen 400mg``; ``(2 pills)`` or a whole amount -> ``x2``."""
    # Bearable's own form: the amount in rating/amount and only the unit in the detail ("600", "Ibuprofen (mg)").
    unit_only = detail.str.extract(r"^(.*?)\s*\(\s*(mg|g|mcg|µg|ug|ml)\s*\)\s*$", flags=re.IGNORECASE)
    dosed = unit_only[0].notna() & amount.notna() & (amount > 0)
    if dosed.any():
        amount_text = amount[dosed].map(lambda a: f"{a:g}").astype("str")
        named = unit_only[0][dosed].astype("str") + " " + amount_text + unit_only[1][dosed].astype("str").str.lower()
        detail = detail.where(~dosed, named.reindex(detail.index))
    amount = amount.where(~dosed)
    # an amount in another unit ("1000", "Vitamin D (IU)") is not a count of doses: kept with its unit, so the text
    # (read or kept in the notes) still says how much (review 16: the 1000 was lost)
    other_unit = detail.str.extract(r"^(.*?)\s*\(\s*([^()\d]+?)\s*\)\s*$")
    sized = other_unit[0].notna() & amount.notna() & (amount > 0) & ~(amount.between(1, 20) & (amount % 1 == 0))
    if sized.any():
        detail = detail.where(~sized, (other_unit[0][sized].astype("str") + " " + amount[sized].map(lambda a: f"{a:g}")
                                       .astype("str") + " " + other_unit[1][sized].astype("str")).reindex(detail.index))
        amount = amount.where(~sized)
    text = detail.str.replace(r"\(\s*(\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|ug))\s*\)", r" \1",
                              regex=True, flags=re.IGNORECASE)
    text = text.str.replace(r"\(\s*x?\s*(\d+)\s*(?:x|pills?|tablets?|tabs?|capsules?|caps|doses?)?\s*\)",
                            r" x\1", regex=True, flags=re.IGNORECASE)
    counted = text.str.contains(r"\bx ?\d|\d ?x\b|\btimes\b|\bonce\b|\btwice\b", case=False, regex=True)
    doses = amount.where(amount.between(1, 20) & (amount % 1 == 0))
    suffix = (" x" + doses.astype("Int64").astype("str")).fillna("")
    text = text.where(counted.fillna(True).astype(bool), text + suffix)
    return text.str.replace(r"\s+", " ", regex=True).str.strip()


def _unambiguous_dates(cols: Columns, *keys: str) -> str:
    """Of the date columns the file has, the one whose dates are clearest: ISO (or a month
    name) on every row best, then dates whose day-month order the file settles."""
    def clarity(key: str) -> int:
        texts = day_text(cols.text(key)).dropna().drop_duplicates()
        parts = date_parts(texts)
        if texts.empty or parts["year"].isna().any():
            return 0
        if parts["month"].notna().all():
            return 2
        return 1 if date_order(parts) is not None else 0

    present = [key for key in keys if cols.header(key)]
    return max(present, key=clarity) if present else keys[-1]


BEARABLE = AppFormat("Bearable", ("date|dateformatted", "category", "detail"),
                     ("ratingamount", "rating", "amount", "timeofday"), _bearable)
