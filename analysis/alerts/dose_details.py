"""What a "Daily maximum dose exceeded" run was about, in plain words: which medicine, how much, its maximum.

Why: the run's detail said only "Daily maximum dose exceeded noted on 30 November 2026", so a clinician reading
triage, the summary or the Clinic could not tell what was taken, and a paracetamol overdose (urgent) hid the
ibuprofen and codeine above their maxima on the same day (one run a day; review 11). Few runs have this code (a
research summary has none or a handful), so each is worded from the day totals of its own episode.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts.details import long_date
from analysis.alerts.red_flags import INFO, URGENT
from analysis.course import medication_use as mu
from analysis.course.dose_limit_words import exceeded_words
from analysis.model import columns as c
from analysis.model.vocabulary import DAILY_DOSE_EXCEEDED, PARACETAMOL

CODE = DAILY_DOSE_EXCEEDED
SHOWN = 3  # medicine-days named in one detail; the rest are counted ("and 2 more")


def with_dose_details(detail: np.ndarray, codes: np.ndarray, severity: np.ndarray, start: np.ndarray,
                      end: np.ndarray, episode_ids: np.ndarray, doses: pd.DataFrame | None) -> np.ndarray:
    """`detail` with each daily_dose_exceeded run's words replaced by the medicines above their maximum on its
    days: "codeine 270 mg on 30 November 2026 (maximum 240 mg)". An information run (above the over-the-counter
    maximum only) names that maximum; a warning or urgent run every medicine above its adult maximum, the
    paracetamol of an overdose and any other medicine the same day alike."""
    runs = np.flatnonzero(np.asarray(codes, dtype=object) == CODE)
    if not len(runs) or doses is None or doses.empty:
        return detail
    totals = mu.daily_totals(doses)
    over = totals[totals[mu.OVER_LIMIT].to_numpy(dtype=bool)]
    by_episode = {episode: rows for episode, rows in over.groupby(c.EPISODE_ID, sort=False)}
    detail = detail.copy()
    for run in runs:
        rows = by_episode.get(episode_ids[run])
        if rows is None:
            continue
        days = pd.to_datetime(rows[c.DATE]).to_numpy()
        rows = rows[(days >= start[run]) & (days <= end[run])]
        # each medicine above a maximum, against the highest it passed: the adult maximum of a warning or urgent
        # run, else the over-the-counter one (review 33: ibuprofen 1,600 mg, above its 1,200 mg over the counter,
        # was left out of the day's paracetamol overdose, though alone it is an information alert of its own)
        adult = rows[mu.PRESCRIBED_MAX_MG].fillna(rows[mu.MAX_DAILY_MG])
        past_adult = (rows[c.TOTAL_MG] > adult) & (severity[run] != INFO)
        rows = rows.assign(_limit=adult.where(past_adult, rows[mu.MAX_DAILY_MG]).to_numpy(),
                           _counter=~past_adult.to_numpy())
        rows = rows[rows[c.TOTAL_MG] > rows["_limit"]]
        # what made the run what it is first: an overdose's paracetamol, then those above an adult maximum, then the
        # over-the-counter ones, each by date (review 33: four medicines over, the paracetamol 5,000 mg that made it
        # urgent was the one left to "and 1 more")
        first = (rows[c.DRUG_CLASS].astype(str) == PARACETAMOL) & (severity[run] == URGENT) & ~rows["_counter"]
        rows = rows.assign(_first=~first.to_numpy()).sort_values(["_first", "_counter", c.DATE], kind="stable")
        # both maxima of a medicine that has two, as the Progress table and the GP report show them (naproxen
        # 1,100 mg said "maximum 1,000 mg" beside a table of "660 (1,000 on prescription)")
        words = [f"{r[c.MEDICINE]} {r[c.TOTAL_MG]:,g} mg on {long_date(r[c.DATE])} ("
                 f"{exceeded_words(r['_limit'], r[mu.MAX_DAILY_MG], r[mu.PRESCRIBED_MAX_MG], not r['_counter'])})"
                 for _, r in rows.iterrows()]
        if words:
            more = len(words) - SHOWN
            detail[run] = "; ".join(words[:SHOWN]) + (f"; and {more} more" if more > 0 else "")
    return detail
