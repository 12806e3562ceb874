"""The line above the Clinic's triage list (how many patients it shows, how many have an urgent sign) and the name
each row is listed under.

Why its own function: the list has a row per episode, and a person whose back pain came back has two rows. The
caption counted rows and called them patients ("28 of 28 patients" for 27 people, review 34), and counted a
person whose two rows were both urgent twice. It now counts people, and says when rows and people differ.
"""
from __future__ import annotations

import pandas as pd

from analysis.model.dates import plain_date
from analysis.review.triage import URGENT_PRIORITY


def _people(count: int) -> str:
    """'1 patient', '7 patients'."""
    return f"{count:,} patient{'' if count == 1 else 's'}"


def triage_caption(table: pd.DataFrame, shown: pd.DataFrame) -> str:
    """The caption of a triage list (analysis.review.triage.triage_list) of which `shown` are the rows on screen
    (after the search and the filter): people shown of people listed, the people with an active urgent alert
    (each once, however many of their rows are urgent; with a search or filter, how many of them are shown), and
    how to open one."""
    people, people_shown = table["patient"].nunique(), shown["patient"].nunique()
    urgent = table.loc[table["priority"] == URGENT_PRIORITY, "patient"].nunique() if len(table) else 0
    if len(table) == people:  # one row each: rows and people are the same count
        listed = f"{people_shown:,} of {_people(people)} shown"
    else:
        listed = (f"{len(shown):,} of {len(table):,} rows shown, {people_shown:,} of {_people(people)} "
                  "(a patient whose back pain came back has a row for each episode)")
    if len(shown) < len(table):  # a search or a filter: the urgent in the whole list, and how many of them show
        # (review 36's explorer: "5 of 13 patients shown; 2 with an urgent warning sign" beside 1 urgent row shown)
        urgent_shown = shown.loc[shown["priority"] == URGENT_PRIORITY, "patient"].nunique() if len(shown) else 0
        return (f"{listed}; {urgent:,} with an urgent warning sign in the whole list, {urgent_shown:,} of them shown. "
                "Select a row to open that patient.")
    return f"{listed}; {urgent:,} with an urgent warning sign. Select a row to open that patient."


def patient_labels(table: pd.DataFrame, today: object) -> list[str]:
    """The Patient cell of each triage row: the name, and for a person listed with more than one episode, the day
    each one's pain started ("Cody (pain from 22 Nov 2026)"). Why: two rows of one name, both "Warning to follow up",
    could be told apart only by their day numbers, and not at all on a phone (review 36's second explorer)."""
    names = table["patient"].astype(str)
    several = names.duplicated(keep=False).to_numpy()
    labels = []
    for name, many, days in zip(names.tolist(), several.tolist(), table["days_since_onset"].tolist(), strict=True):
        if many and days is not None and not pd.isna(days):
            started = pd.Timestamp(today).normalize() - pd.Timedelta(days=int(days))
            labels.append(f"{name} (pain from {plain_date(started)})")
        else:
            labels.append(name)
    return labels
