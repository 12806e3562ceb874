"""Fitbit's (Fitabase) ``dailyActivity_merged.csv``: activity minutes of one person (``Id``), merged
into a patient's logged days (note 8 in analysis.ingest.apps); and Fitbit's own account export
(``fitbit_export_YYYYMMDD.csv``: an "Activities" title line, then ``Date, ..., Minutes Fairly Active,
Minutes Very Active, ...``), one person's, merged the same way (review 16)."""
from __future__ import annotations

import pandas as pd

from analysis.ingest.apps.format import AppFormat, Columns, Converted, active_minutes, day_text
from analysis.ingest.cells import describe_items
from analysis.ingest.sheet import refuse
from analysis.model import columns as c
from analysis.model.errors import SourceNeeded


def _fitbit(cols: Columns, name: str) -> Converted:
    """Fitbit (Fitabase) ``dailyActivity_merged.csv``: one row per person (``Id``) and day;
    activity minutes are VeryActiveMinutes + FairlyActiveMinutes (moderate or harder)."""
    ids = cols.text("id").str.strip()
    people = ids.dropna().drop_duplicates().tolist()
    chosen = cols.source_id
    if chosen is not None and chosen not in people:
        raise refuse(name, [f"{name} has no Id {chosen}; its Ids are {describe_items(people, 5)}."])
    if chosen is None and len(people) > 1:  # whose is said on the Clinic's page, or with the CLI's --source-id
        refusal = refuse(name, [f"{name} holds the activity of {len(people)} people (Ids "
                                f"{describe_items(people, 5)}); {SourceNeeded.HOW}"], SourceNeeded)
        refusal.sources = people
        raise refusal
    mine = ids == (chosen if chosen is not None else (people[0] if people else ""))
    minutes, problems = active_minutes(cols, "veryactiveminutes", "fairlyactiveminutes", mine)
    keep = mine & minutes.notna()
    frame = pd.DataFrame({c.DATE: day_text(cols.text("activitydate")), c.ACTIVITY: minutes})[keep]
    labels = {c.DATE: cols.header("activitydate"),
              c.ACTIVITY: f"{cols.header('veryactiveminutes')} + {cols.header('fairlyactiveminutes')}"}
    return Converted(frame, labels, [], problems)


FITBIT = AppFormat("Fitbit", ("activitydate", "veryactiveminutes", "fairlyactiveminutes"), ("id",), _fitbit,
                   activity_only=True, default_names=("dailyactivity_merged", "dailyactivity"))

