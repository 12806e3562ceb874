"""Bulk writes for file imports: many days in one transaction, fast enough for research-sized files.

Part of the storage package (the only code that speaks SQL). Rows go in with
``executemany`` inside one ``db.atomic()``; a refused file never reaches here,
and an error mid-way rolls the whole import back.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis import columns as c
from analysis.dates import iso_days
from analysis.errors import ValidationError

if TYPE_CHECKING:
    from analysis.storage.diary import Diary


@dataclass(frozen=True)
class WriteResult:
    """What an import changed: days added, days replaced with new values, days already identical."""

    patients: int
    episodes: int
    added: int
    updated: int
    unchanged: int


_INSERT_DOSE = "INSERT INTO doses(episode_id, date, medicine, dose_mg, count) VALUES (?, ?, ?, ?, ?)"
_INSERT_SYMPTOM = "INSERT OR IGNORE INTO symptoms(episode_id, date, code) VALUES (?, ?, ?)"
_UPSERT_ENTRY = """
    INSERT INTO entries(episode_id, date, pain, worst_pain, activity_minutes, bed_rest_hours, notes)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(episode_id, date) DO UPDATE SET pain = excluded.pain, worst_pain = excluded.worst_pain,
        activity_minutes = excluded.activity_minutes, bed_rest_hours = excluded.bed_rest_hours,
        notes = excluded.notes"""


def _onset_key(onsets: pd.Series) -> pd.Series:
    """ISO onset dates as text, '' where the file gave none."""
    return iso_days(onsets).replace("NaT", "")


def _entry_tuples(rows: pd.DataFrame) -> Iterator[tuple]:
    """Rows for the entries upsert. NaN floats are bound as NULL by SQLite itself."""
    columns = [rows[c.EPISODE_ID].astype(int), rows["_day"]] + [
        rows[col].astype(float) for col in (c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST)]
    return zip(*(col.tolist() for col in columns), rows[c.NOTES].fillna("").astype(str).tolist(), strict=True)


def _keyed(frame: pd.DataFrame, keys: pd.DataFrame, value_columns: list[str]) -> Iterator[tuple]:
    """Rows of a doses/symptoms import frame as (episode_id, date, *values) tuples."""
    if not len(frame):
        return iter(())
    merged = _with_keys(frame, keys)
    if c.COUNT in value_columns:
        merged[c.COUNT] = merged[c.COUNT].astype(int)
    columns = [merged[c.EPISODE_ID].astype(int), merged["_day"], *(merged[col] for col in value_columns)]
    return zip(*(col.tolist() for col in columns), strict=True)


def _count_changes(rows: pd.DataFrame, before: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                   keys: pd.DataFrame) -> dict[str, int]:
    """How many imported days are new, changed or identical to what is stored."""
    if not len(before) or not len(rows):
        return {"added": len(rows), "updated": 0, "unchanged": 0}
    present = rows[[c.EPISODE_ID, "_day"]].merge(before, on=[c.EPISODE_ID, "_day"], how="left")
    new_signature = _signatures(rows, doses, symptoms, keys)
    matched = present["_signature"].notna()
    same = matched & (present["_signature"].to_numpy() == np.asarray(new_signature))
    return {"added": int((~matched).sum()), "updated": int((matched & ~same).sum()),
            "unchanged": int(same.sum())}


def _signatures(rows: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                keys: pd.DataFrame) -> np.ndarray:
    """The same text signature _existing_days builds in SQL, for the import rows (row order kept)."""
    def text(values: pd.Series) -> pd.Series:
        return values.map(lambda v: "" if v is None or v != v else (repr(float(v)) if isinstance(v, float) else str(v)))

    sig = (text(rows[c.PAIN]) + "|" + text(rows[c.WORST_PAIN]) + "|" + text(rows[c.ACTIVITY]) + "|"
           + text(rows[c.BED_REST]) + "|" + rows[c.NOTES].fillna("").astype(str) + "|")
    dose_rows = pd.DataFrame(list(_keyed(doses, keys, [c.MEDICINE, c.DOSE_MG, c.COUNT])),
                             columns=[c.EPISODE_ID, "_day", c.MEDICINE, c.DOSE_MG, c.COUNT])
    dose_text = (dose_rows[c.MEDICINE] + " " + text(dose_rows[c.DOSE_MG]) + "x" + dose_rows[c.COUNT].astype(str))
    dose_sig = dose_rows.assign(_t=dose_text).groupby([c.EPISODE_ID, "_day"], sort=False)["_t"].agg(";".join)
    symptom_rows = pd.DataFrame(list(_keyed(symptoms, keys, [c.SYMPTOM])),
                                columns=[c.EPISODE_ID, "_day", c.SYMPTOM]).sort_values(c.SYMPTOM)
    symptom_sig = symptom_rows.groupby([c.EPISODE_ID, "_day"], sort=False)[c.SYMPTOM].agg(";".join)
    index = pd.MultiIndex.from_frame(rows[[c.EPISODE_ID, "_day"]])
    return (sig.to_numpy() + dose_sig.reindex(index).fillna("").to_numpy() + "|"
            + symptom_sig.reindex(index).fillna("").to_numpy())


def write_diary(diary: Diary, entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame) -> WriteResult:
    """Write validated import frames in ONE transaction: all of it lands or none does.

    `entries` has PATIENT, EPISODE_LABEL, ONSET_DATE (NaT: attach to the patient's
    latest episode that started on or before the first date, else start one on
    that date), NORMAL_ACTIVITY, DATE, PAIN, WORST_PAIN, ACTIVITY, BED_REST, NOTES;
    `doses` and `symptoms` are keyed by PATIENT, ONSET_DATE, DATE. A date already
    in the diary is replaced (with its medicines and symptoms), so importing the
    same file twice changes nothing and an updated file updates the diary.
    """
    with diary.transaction() as db:
        keys = _resolve_episodes(diary, entries)
        rows = _with_keys(entries, keys)
        before = _existing_days(diary, keys[c.EPISODE_ID].tolist())
        counts = _count_changes(rows, before, doses, symptoms, keys)
        db.conn.executemany(_UPSERT_ENTRY, _entry_tuples(rows))
        replaced = before.merge(rows[[c.EPISODE_ID, "_day"]], on=[c.EPISODE_ID, "_day"])
        replaced_days = list(replaced[[c.EPISODE_ID, "_day"]].itertuples(index=False, name=None))
        db.conn.executemany("DELETE FROM doses WHERE episode_id = ? AND date = ?", replaced_days)
        db.conn.executemany("DELETE FROM symptoms WHERE episode_id = ? AND date = ?", replaced_days)
        db.conn.executemany(_INSERT_DOSE, _keyed(doses, keys, [c.MEDICINE, c.DOSE_MG, c.COUNT]))
        db.conn.executemany(_INSERT_SYMPTOM, _keyed(symptoms, keys, [c.SYMPTOM]))
    return WriteResult(episodes=len(keys), patients=keys[c.PATIENT].nunique(), **counts)


def _with_keys(frame: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """`frame` (keyed by patient and onset) with its episode_id and the ISO `_day` column added."""
    merged = frame.assign(_onset_key=_onset_key(frame[c.ONSET_DATE])).merge(
        keys, on=[c.PATIENT, "_onset_key"], how="inner")
    return merged.assign(_day=iso_days(merged[c.DATE]))


def _resolve_episodes(diary: Diary, entries: pd.DataFrame) -> pd.DataFrame:
    """Map each (patient, onset) in the import to an episode id, creating what is missing, in bulk.

    Without an onset, rows join the patient's latest episode that started on or
    before their first date, else start an episode on that date. A label or
    normal activity given in the file updates an existing episode.
    Columns: patient, _onset_key ('' for NaT onset), episode_id.
    """
    db = diary.db
    keyed = entries.assign(_onset_key=_onset_key(entries[c.ONSET_DATE]),
                           _label=entries[c.EPISODE_LABEL].replace("", np.nan))
    groups = keyed.groupby([c.PATIENT, "_onset_key"], sort=True).agg(
        first_day=(c.DATE, "min"), label=("_label", "first"), normal=(c.NORMAL_ACTIVITY, "first")).reset_index()
    if groups[c.PATIENT].astype(str).str.strip().eq("").any():
        raise ValidationError("patient: a name is needed.")
    db.conn.executemany("INSERT OR IGNORE INTO patients(name) VALUES (?)",
                        [(name,) for name in groups[c.PATIENT].unique().tolist()])
    patient_ids = dict(db.execute("SELECT name, id FROM patients").fetchall())
    groups["patient_id"] = groups[c.PATIENT].map(patient_ids).astype(int)
    groups["onset"] = _onsets(diary, groups)
    db.conn.executemany(
        "INSERT INTO episodes(patient_id, label, onset_date, normal_activity_minutes) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(patient_id, onset_date) DO UPDATE SET"
        " label = CASE WHEN excluded.label = 'Back pain from ' || excluded.onset_date THEN label"
        " ELSE excluded.label END,"
        " normal_activity_minutes = coalesce(excluded.normal_activity_minutes, normal_activity_minutes)",
        zip(groups["patient_id"].tolist(), _labels(groups).tolist(), groups["onset"].tolist(),
            groups["normal"].astype(float).tolist(), strict=True))
    ids = pd.DataFrame(db.execute("SELECT patient_id, onset_date, id FROM episodes").fetchall(),
                       columns=["patient_id", "onset", c.EPISODE_ID])
    found = groups.merge(ids, on=["patient_id", "onset"], how="left")
    return found[[c.PATIENT, "_onset_key", c.EPISODE_ID]]


def _labels(groups: pd.DataFrame) -> pd.Series:
    """The file's episode label, else the default 'Back pain from <onset>'."""
    return groups["label"].where(groups["label"].notna(), "Back pain from " + groups["onset"]).astype(str)


def _onsets(diary: Diary, groups: pd.DataFrame) -> pd.Series:
    """ISO onset per group: the file's, else the latest stored onset on or before the first date, else that date."""
    onset = groups["_onset_key"].copy()
    missing = onset == ""
    if not missing.any():
        return onset
    stored = pd.DataFrame(diary.db.execute("SELECT patient_id, onset_date FROM episodes").fetchall(),
                          columns=["patient_id", "stored"])
    stored = stored.astype({"patient_id": "int64", "stored": "str"})
    stored["stored_day"] = pd.to_datetime(stored["stored"], format="%Y-%m-%d").astype("datetime64[us]")
    pending = groups.loc[missing, ["patient_id", "first_day"]].astype({"first_day": "datetime64[us]"})
    pending = pending.reset_index().sort_values("first_day")
    matched = pd.merge_asof(pending, stored.sort_values("stored_day"), left_on="first_day",
                            right_on="stored_day", by="patient_id", direction="backward")
    chosen = matched["stored"].fillna(matched["first_day"].dt.strftime("%Y-%m-%d"))
    onset.loc[matched["index"].to_numpy()] = chosen.to_numpy()
    return onset


def _existing_days(diary: Diary, episode_ids: list[int]) -> pd.DataFrame:
    """Logged days of these episodes with a signature of everything on them.

    Columns: episode_id, _day, _signature.
    """
    diary.db.execute("CREATE TEMP TABLE IF NOT EXISTS _import_episodes (id INTEGER PRIMARY KEY)")
    diary.db.execute("DELETE FROM _import_episodes")
    diary.db.conn.executemany("INSERT OR IGNORE INTO _import_episodes(id) VALUES (?)",
                              [(int(i),) for i in episode_ids])
    return diary._frame("""
        SELECT x.episode_id, x.date AS _day,
               printf('%s|%s|%s|%s|%s|', x.pain, x.worst_pain, x.activity_minutes, x.bed_rest_hours, x.notes)
               || coalesce((SELECT group_concat(t, ';') FROM (
                    SELECT d.medicine || ' ' || d.dose_mg || 'x' || d.count AS t FROM doses d
                    WHERE d.episode_id = x.episode_id AND d.date = x.date ORDER BY d.id)), '') || '|'
               || coalesce((SELECT group_concat(code, ';') FROM (
                    SELECT s.code FROM symptoms s
                    WHERE s.episode_id = x.episode_id AND s.date = x.date ORDER BY s.code)), '') AS _signature
        FROM entries x JOIN _import_episodes i ON i.id = x.episode_id""")

