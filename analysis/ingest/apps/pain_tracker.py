"""Pain Tracker's (PWA) CSV export: pain level, symptoms, medicines and notes (notes 6, 7, 9 and 10 in
analysis.ingest.apps)."""
from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, day_text, header_key, joined, labelled
from analysis.ingest.headers import TIME
from analysis.model import columns as c

_LOWER_BACK = {"lower back", "low back", "back", "lumbar", "lower-back", "lowerback"}
_NO_MISSED_WORK = {"0", "0.0", "no", "false", "none"}
# The columns read (header_key); any other is named in one warning, never dropped without a word (review 30)
_READ = {"date", "time", "painlevel", "symptoms", "medications", "medication", "medicationlog", "notes",
         "workimpactnotes", "locations", "primarylocations", "limitedactivities", "functionallimitations",
         "missedworkdays", "missedworkhours", "modifiedduties"}


def _pain_tracker(cols: Columns, name: str) -> Converted:
    """Pain Tracker's CSV export and its WorkSafeBC report (``primary_locations``, ``functional_limitations``,
    ``missed_work_hours``, ``modified_duties``, ``work_impact_notes``; lists joined with ``|``): the notes keep the
    person's words, the places beyond the lower back, the limits and the work missed (review 30: the report's
    notes and places were dropped without a word)."""
    dates = cols.text("date")
    locations = _listed(cols.every_cell("locations", "primarylocations"))
    elsewhere = locations.map(_beyond_lower_back(locations)).eq(True)
    words = cols.every("notes", "workimpactnotes") or [cols.text("notes")]  # both, when a file has both
    limits = _listed(cols.every_cell("limitedactivities", "functionallimitations"))
    notes = joined(*words, labelled("locations", locations.where(elsewhere)), labelled("limited activities", limits),
                   labelled("missed work days", _missed(cols.text("missedworkdays"))),
                   labelled("missed work hours", _missed(cols.text("missedworkhours"))),
                   labelled("modified duties", _yes(cols.text("modifiedduties"))))
    has_time = cols.header("time") is not None
    frame = pd.DataFrame({
        c.DATE: day_text(dates), TIME: cols.text("time") if has_time else dates,
        c.PAIN: cols.text("painlevel"), c.SYMPTOMS: cols.text("symptoms"),
        c.MEDICATIONS: _medication_log(cols.every_cell("medications", "medication", "medicationlog")),
        c.NOTES: notes,
    })
    # the Medication Log is the person's regimen, written again on each entry of a day: counted once a day
    # (review 16: two entries saying "Naproxen (500mg, Twice daily)" made 2,000 mg and a false maximum alert)
    again = frame.duplicated([c.DATE, c.MEDICATIONS]) & frame[c.MEDICATIONS].notna()
    frame.loc[again.to_numpy(), c.MEDICATIONS] = None
    labels = {c.DATE: cols.header("date"), TIME: cols.header("time", "date"), c.PAIN: cols.header("painlevel"),
              c.SYMPTOMS: cols.header("symptoms"), c.NOTES: cols.header("notes", "workimpactnotes"),
              c.MEDICATIONS: cols.header("medications", "medication", "medicationlog")}
    unused = [str(header) for position, header in enumerate(cols.raw.columns)
              if header_key(header) not in _READ and cols.raw.iloc[:, position].notna().any()]  # empty: nothing lost
    said = [f"{name}: not used: {', '.join(unused)} (Backtrack keeps no such column)."] if unused else []
    return Converted(frame, {k: v for k, v in labels.items() if v}, said)


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


def _listed(texts: pd.Series) -> pd.Series:
    """``lumbar|left-knee`` (the WorkSafeBC report's lists) as ``lumbar; left-knee``, as the app's own export
    writes a list."""
    return texts.str.replace(r"\s*\|\s*", "; ", regex=True).astype("str")


def _missed(texts: pd.Series) -> pd.Series:
    """Days or hours of work missed, only where some were (0, no, none: missing)."""
    return texts.where(~texts.str.strip().str.lower().isin(_NO_MISSED_WORK))


def _yes(texts: pd.Series) -> pd.Series:
    """``yes`` where the cell says yes (modified duties), else missing."""
    return texts.where(texts.str.strip().str.lower().isin({"yes", "y", "true"})).str.strip().str.lower().astype("str")


def _beyond_lower_back(locations: pd.Series) -> dict[str, bool]:
    return {text: any(part.strip().lower() not in _LOWER_BACK for part in re.split(r"[;,|]", text) if part.strip())
            for text in locations.dropna().unique()}


PAIN_TRACKER = AppFormat("Pain Tracker", ("date", "painlevel"),
                         ("locations", "limitedactivities", "sleepquality", "moodimpact", "missedworkdays",
                          "medicationlog", "primarylocations", "workimpactnotes"), _pain_tracker)
