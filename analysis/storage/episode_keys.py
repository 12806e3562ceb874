"""Which episode each imported row belongs to: an onset for rows without one, episode ids created in bulk.

Split from analysis.storage.bulk (issue 12: one job per module). A file names a patient and, perhaps, an
onset date per row; a row without one joins the patient's latest episode that started on or before its
day. Everything here runs inside bulk.write_diary's one transaction.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.dates import iso_day_values
from analysis.model.errors import ValidationError
from analysis.model.names import patient_name

if TYPE_CHECKING:
    from analysis.storage.diary import Diary


def with_onsets(diary: Diary, entries: pd.DataFrame, others: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Give every row without an onset (NaT) one, day by day: the latest onset on or before its date
    among the patient's stored episodes and the onsets this file gives; days before all of them
    start an episode on the earliest such day. The doses, symptoms and cleared days of `others`
    follow their day. Returns entries, then `others`, with ONSET_DATE filled.
    """
    missing = entries[c.ONSET_DATE].isna().to_numpy()
    if not missing.any():
        return [entries, *others]
    stored = pd.DataFrame(diary.db.execute("SELECT p.name, e.onset_date FROM episodes e "
                                           "JOIN patients p ON p.id = e.patient_id").fetchall(),
                          columns=[c.PATIENT, "onset"])
    stored["onset"] = pd.to_datetime(stored["onset"], format="%Y-%m-%d")
    given = entries.loc[~missing, [c.PATIENT, c.ONSET_DATE]].rename(columns={c.ONSET_DATE: "onset"})
    known = (pd.concat([stored, given], ignore_index=True).astype({c.PATIENT: str, "onset": "datetime64[us]"})
             .drop_duplicates().sort_values("onset"))
    days = (entries.loc[missing, [c.PATIENT, c.DATE]].astype({c.PATIENT: str, c.DATE: "datetime64[us]"})
            .drop_duplicates().sort_values(c.DATE))
    found = pd.merge_asof(days, known, left_on=c.DATE, right_on="onset", by=c.PATIENT, direction="backward")
    before_all = found["onset"].isna()
    found.loc[before_all, "onset"] = found.loc[before_all].groupby(c.PATIENT)[c.DATE].transform("min")
    found = _keep_stored_days(diary, found)
    return [entries] + others if found.empty else [_fill_onset(frame, found) for frame in (entries, *others)]


def _keep_stored_days(diary: Diary, found: pd.DataFrame) -> pd.DataFrame:
    """`found` (PATIENT, DATE, onset) with a day already in the diary kept in the episode holding it.

    Why: after a new episode starts inside a file's days, importing that file again put those days into the new
    episode as new days, so each was stored twice for one person (the same file imported twice must change
    nothing). A day held by several episodes stays with the latest of them.
    """
    if found.empty:
        return found
    names = [str(name) for name in found[c.PATIENT].unique()]
    held = pd.DataFrame(diary.db.execute(
        "SELECT p.name, x.date, max(e.onset_date) FROM entries x JOIN episodes e ON e.id = x.episode_id"
        " JOIN patients p ON p.id = e.patient_id"
        " WHERE p.name IN (SELECT value FROM json_each(?)) GROUP BY p.name, x.date",
        (json.dumps(names),)).fetchall(), columns=[c.PATIENT, "day", "held"])
    if held.empty:
        return found
    held["day"] = pd.to_datetime(held["day"], format="%Y-%m-%d").astype("datetime64[us]")
    held["held"] = pd.to_datetime(held["held"], format="%Y-%m-%d").astype("datetime64[us]")
    kept = found.merge(held, left_on=[c.PATIENT, c.DATE], right_on=[c.PATIENT, "day"], how="left")
    return found.assign(onset=kept["held"].fillna(kept["onset"]).to_numpy())


def _fill_onset(frame: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """`frame` with ONSET_DATE set from `found` (PATIENT, DATE, onset) where it was NaT."""
    missing = frame[c.ONSET_DATE].isna()
    if not missing.any():
        return frame
    keys = frame.loc[missing, [c.PATIENT, c.DATE]].astype({c.PATIENT: str, c.DATE: "datetime64[us]"})
    onset = keys.merge(found, on=[c.PATIENT, c.DATE], how="left")["onset"].to_numpy()
    filled = frame[c.ONSET_DATE].astype("datetime64[us]").to_numpy(copy=True)
    filled[missing.to_numpy()] = onset
    return frame.assign(**{c.ONSET_DATE: filled})


def resolve_episodes(diary: Diary, entries: pd.DataFrame) -> pd.DataFrame:
    """Map each (patient, onset) in the import to an episode id, creating what is missing, in bulk.

    Rows come with an onset (with_onsets gives one to those without). A label or
    normal activity given in the file updates an existing episode.
    Columns: patient, onset_date (as in the file, NaT where it gave none), episode_id.
    """
    db = diary.db
    groups = _groups(entries)
    # the groups are few (a patient's episodes), so what follows is Python on lists: each pandas call on a
    # frame of one or two rows cost more than the statements themselves
    if groups[c.PATIENT].astype(str).str.strip().eq("").any():  # pandas' strip, as the cells were stripped
        raise ValidationError("patient: a name is needed.")
    patients = [patient_name(name) for name in groups[c.PATIENT].tolist()]  # one form of "Zoë" (model.names)
    db.conn.executemany("INSERT OR IGNORE INTO patients(name) VALUES (?)",
                        [(name,) for name in dict.fromkeys(patients)])
    patient_ids = dict(db.execute("SELECT name, id FROM patients").fetchall())
    patient_id = [int(patient_ids[name]) for name in patients]
    onsets = iso_day_values(groups[c.ONSET_DATE]).tolist()  # every group has one: see with_onsets
    db.conn.executemany(
        "INSERT INTO episodes(patient_id, label, onset_date, normal_activity_minutes) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(patient_id, onset_date) DO UPDATE SET"
        " label = CASE WHEN excluded.label = 'Back pain from ' || excluded.onset_date THEN label"
        " ELSE excluded.label END,"
        " normal_activity_minutes = coalesce(excluded.normal_activity_minutes, normal_activity_minutes)",
        zip(patient_id, _labels(groups["label"].tolist(), onsets), onsets,
            groups["normal"].to_numpy(dtype=float, na_value=np.nan).tolist(), strict=True))
    ids = {(patient, onset): episode for patient, onset, episode in
           db.execute("SELECT patient_id, onset_date, id FROM episodes").fetchall()}
    return pd.DataFrame({c.PATIENT: groups[c.PATIENT], c.ONSET_DATE: groups[c.ONSET_DATE],
                         c.EPISODE_ID: np.array([ids[key] for key in zip(patient_id, onsets, strict=True)],
                                                dtype="int64")})


def _groups(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per (patient, onset) in file order: PATIENT, ONSET_DATE, and the first label (NaN for "")
    and normal activity the file gives for it ("label", "normal"), as groupby(...).first() takes them.

    Why by hand below _SMALL_IMPORT_ROWS: the groupby's set-up cost several ms per file of a few dozen days.
    """
    if len(entries) > _SMALL_IMPORT_ROWS:
        keyed = entries.assign(_label=entries[c.EPISODE_LABEL].replace("", np.nan))
        return (keyed.groupby([c.PATIENT, c.ONSET_DATE], sort=False, dropna=False)  # new ids in file order
                [["_label", c.NORMAL_ACTIVITY]].first().reset_index()
                .rename(columns={"_label": "label", c.NORMAL_ACTIVITY: "normal"}))
    onsets = entries[c.ONSET_DATE].to_numpy().astype("datetime64[us]").view("int64").tolist()
    labels = entries[c.EPISODE_LABEL].tolist()
    normals = entries[c.NORMAL_ACTIVITY].to_numpy(dtype=float, na_value=np.nan).tolist()
    found: dict[tuple[object, int], list] = {}  # (patient, onset) -> [its first row, label, normal]
    for row, key in enumerate(zip(entries[c.PATIENT].tolist(), onsets, strict=True)):
        group = found.setdefault(key, [row, np.nan, np.nan])
        if not isinstance(group[1], str) and isinstance(labels[row], str) and labels[row] != "":
            group[1] = labels[row]
        if np.isnan(group[2]):
            group[2] = normals[row]
    first = [group[0] for group in found.values()]
    return pd.DataFrame({c.PATIENT: entries[c.PATIENT].iloc[first].to_numpy(),
                         c.ONSET_DATE: entries[c.ONSET_DATE].iloc[first].to_numpy(),
                         "label": pd.Series([group[1] for group in found.values()], dtype=object),
                         "normal": np.array([group[2] for group in found.values()], dtype=float)})


def _labels(labels: list[object], onsets: list[str]) -> list[str]:
    """The file's episode label, else the default 'Back pain from <onset>'."""
    return [f"Back pain from {onset}" if pd.isna(label) else str(label)  # type: ignore[call-overload]
            for label, onset in zip(labels, onsets, strict=True)]


_SMALL_IMPORT_ROWS = 5_000  # below this a dict lookup beats a merge (a merge costs ~4 ms of pandas set-up)


def episode_ids(frame: pd.DataFrame, episodes: pd.DataFrame) -> np.ndarray:
    """The episode id of each row of `frame`, by its (patient, onset) in `episodes` (which holds every one).

    Why two ways: a file of a few dozen days is keyed four times per import, and a merge's fixed cost
    was most of that; a research file of a million days needs the merge's vectorised join.
    """
    if len(frame) > _SMALL_IMPORT_ROWS:
        ids = frame[[c.PATIENT, c.ONSET_DATE]].merge(episodes, on=[c.PATIENT, c.ONSET_DATE], how="left")
        return ids[c.EPISODE_ID].to_numpy(dtype="int64")
    lookup = dict(zip(_keys(episodes), episodes[c.EPISODE_ID].tolist(), strict=True))
    return np.array([lookup[key] for key in _keys(frame)], dtype="int64")


def _keys(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """(patient, onset as whole days since 1970) per row: comparable whatever the frame's datetime unit."""
    onsets = frame[c.ONSET_DATE].to_numpy(dtype="datetime64[D]").astype("int64").tolist()
    return list(zip(frame[c.PATIENT].tolist(), onsets, strict=True))
