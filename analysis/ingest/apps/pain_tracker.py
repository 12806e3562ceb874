"""Pain Tracker's (PWA) CSV export: pain level, symptoms, medicines and notes (notes 6, 7, 9 and 10 in
analysis.ingest.apps)."""
from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, day_text, joined, labelled
from analysis.ingest.headers import TIME
from analysis.model import columns as c

_LOWER_BACK = {"lower back", "low back", "back", "lumbar", "lower-back", "lowerback"}
_NO_MISSED_WORK = {"0", "0.0", "no", "false", "none"}


def _pain_tracker(cols: Columns, name: str) -> Converted:
    dates = cols.text("date")
    locations = cols.text("locations")
    elsewhere = locations.map(_beyond_lower_back(locations)).eq(True)
    missed = cols.text("missedworkdays")
    missed = missed.where(~missed.str.lower().isin(_NO_MISSED_WORK))
    notes = joined(cols.text("notes"), labelled("locations", locations.where(elsewhere)),
                    labelled("limited activities", cols.text("limitedactivities")),
                    labelled("missed work days", missed))
    has_time = cols.header("time") is not None
    frame = pd.DataFrame({
        c.DATE: day_text(dates), TIME: cols.text("time") if has_time else dates,
        c.PAIN: cols.text("painlevel"), c.SYMPTOMS: cols.text("symptoms"),
        c.MEDICATIONS: _medication_log(cols.text("medications", "medication", "medicationlog")), c.NOTES: notes,
    })
    # the Medication Log is the person's regimen, written again on each entry of a day: counted once a day
    # (review 16: two entries saying "Naproxen (500mg, Twice daily)" made 2,000 mg and a false maximum alert)
    again = frame.duplicated([c.DATE, c.MEDICATIONS]) & frame[c.MEDICATIONS].notna()
    frame.loc[again.to_numpy(), c.MEDICATIONS] = None
    labels = {c.DATE: cols.header("date"), TIME: cols.header("time", "date"), c.PAIN: cols.header("painlevel"),
              c.SYMPTOMS: cols.header("symptoms"), c.NOTES: cols.header("notes"),
              c.MEDICATIONS: cols.header("medications", "medication", "medicationlog")}
    return Converted(frame, {k: v for k, v in labels.items() if v})


_PER_DAY = {"once daily": 1, "daily": 1, "once a day": 1, "qd": 1, "od": 1, "twice daily": 2, "twice a day": 2,
             "bid": 2, "bd": 2, "three times daily": 3, "three times a day": 3, "tid": 3, "tds": 3,
             "four times daily": 4, "four times a day": 4, "qid": 4, "qds": 4}


def _medication_log(texts: pd.Series) -> pd.Series:
    """Pain Tracker's ``Naproxen (500mg, Twice daily); ...`` -> ``Naproxen 500mg x2; ...``: a
    frequency Backtrack can count (once, twice daily, BID, TID, QID, and what the diary's medicines column
    reads: ``3x daily``, ``3 times a day``, ``every 6 hours``) gives the doses of the day; another (as needed)
    leaves one dose. The dose is everything before the entry's last comma (review 16: ``1,000mg`` was cut at its
    thousands comma, and 4 g of paracetamol a day was lost)."""
    def one(text: str) -> str:
        def entry(match: re.Match[str]) -> str:
            name, dose, frequency = (part.strip() for part in match.groups())
            count = _PER_DAY.get(re.sub(r"\s+", " ", frequency.lower()))
            if count is None and _counted(f"{name} {dose} {frequency}"):  # as the medicines column counts it
                return f"{name} {dose} {frequency}"
            return f"{name} {dose}" + (f" x{count}" if count else "")
        return re.sub(r"([^;()]+?)\s*\(\s*([^()]*?\d[^()]*?)\s*,\s*([^,()]*)\)", entry, text)
    return texts.map({t: one(t) for t in texts.dropna().unique()}).astype("str")


def _counted(item: str) -> bool:
    """Whether the medicines column reads `item` ("Naproxen 500mg every 6 hours") as doses, with no problem."""
    from analysis.ingest.medicines import parse_medications  # the column's own reader

    doses, problems = parse_medications(item)
    return bool(doses) and not problems


def _beyond_lower_back(locations: pd.Series) -> dict[str, bool]:
    return {text: any(part.strip().lower() not in _LOWER_BACK for part in re.split(r"[;,]", text) if part.strip())
            for text in locations.dropna().unique()}


PAIN_TRACKER = AppFormat("Pain Tracker", ("date", "painlevel"),
                         ("locations", "limitedactivities", "sleepquality", "moodimpact", "missedworkdays",
                          "medicationlog"), _pain_tracker)
