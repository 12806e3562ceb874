"""Bulk writes for file imports: many days in one transaction, fast enough for research-sized files.

Part of the storage package (the only code that speaks SQL). Rows go in as
multi-row INSERTs, in primary-key order, inside one ``db.atomic()``; a refused
file never reaches here, and an error mid-way rolls the whole import back.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.dates import iso_day_values
from analysis.storage import episode_keys
from analysis.storage.common import now_stamp
from analysis.storage.large_writes import day_keys, insert_rows, large_import, page_cache, require_keys

if TYPE_CHECKING:
    from sqlite_utils import Database

    from analysis.storage.diary import Diary


@dataclass(frozen=True)
class WriteResult:
    """What an import changed: days added, days replaced with new values, days already identical, and
    "I have been seen about this" marks recorded (new, or now saying another who recorded them)."""

    patients: int
    episodes: int
    added: int
    updated: int
    unchanged: int
    seen: int = 0
    marks: tuple[tuple[int, str, str], ...] = ()  # every mark the file gave: (episode_id, alert code, ISO date)
    kept_signs: tuple[tuple[int, str, str], ...] = ()  # stored signs the file left out, kept: (episode_id, day, code)


_POSITION = "position"  # a dose's place within its day, as the file listed it
_DAY_KEY = "_day_key"  # (episode, day) as one integer: large_writes.require_keys compares them
_ENTRY_COLUMNS = "episode_id, date, pain, worst_pain, activity_minutes, bed_rest_hours, notes"


# A day already stored takes the file's pain and every field the file fills in; an empty cell keeps
# what is stored. Why: a diary re-imported after a tracker added minutes (or after notes were typed
# in the app) must not erase them; nothing a person entered is lost to an empty cell.
_UPSERT = """ON CONFLICT(episode_id, date) DO UPDATE SET pain = excluded.pain,
    worst_pain = coalesce(excluded.worst_pain, worst_pain),
    activity_minutes = coalesce(excluded.activity_minutes, activity_minutes),
    activity_source = {source},
    bed_rest_hours = coalesce(excluded.bed_rest_hours, bed_rest_hours),
    notes = CASE WHEN excluded.notes = '' THEN notes ELSE excluded.notes END"""
# minutes the file changes are typed (''), unless the file says who wrote them (_UPSERT_SOURCED)
_UPSERT_ENTRY = _UPSERT.format(source="""CASE WHEN excluded.activity_minutes IS NULL
        OR excluded.activity_minutes = activity_minutes THEN activity_source ELSE '' END""")
# A day whose file says who wrote its minutes (the diary CSV's activity_source column, with minutes): the minutes'
# source is the file's. Why: a diary moved by export and import must let the tracker correct its own minutes and
# never the typed ones, as the diary it came from did (analysis.storage.activity.merge_activity).
_UPSERT_SOURCED = _UPSERT.format(source="excluded.activity_source")


@dataclass(frozen=True)
class _Days:
    """The import frames keyed for storage: each row's episode_id and ISO `_day`, in primary-key order."""

    entries: pd.DataFrame
    doses: pd.DataFrame
    symptoms: pd.DataFrame
    cleared: pd.DataFrame  # episode_id, _day, field: days whose medicines or symptoms the file says were none

    @classmethod
    def key(cls, entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame, cleared: pd.DataFrame,
            episodes: pd.DataFrame) -> _Days:
        """Key each frame (only the columns stored) and sort it by (episode_id, date) for B-tree appends.

        Doses also get their `position` within the day, in the order the file listed them.
        """
        doses = _keyed(doses, episodes, [c.MEDICINE, c.DOSE_MG, c.COUNT])
        values = [c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.NOTES]
        values += [column for column in (c.UNREAD, c.ACTIVITY_SOURCE) if column in entries]
        return cls(_keyed(entries, episodes, values),
                   doses.assign(**{_POSITION: _positions(doses)}), _keyed(symptoms, episodes, [c.SYMPTOM]),
                   _keyed(cleared, episodes, ["field"]))

    def replaced(self, field: str, long: pd.DataFrame) -> pd.DataFrame:
        """(episode_id, _day) of the days whose `field` the file gives: rows of `long`, or said to be none."""
        said_none = self.cleared.loc[self.cleared["field"] == field, [c.EPISODE_ID, "_day"]]
        return pd.concat([long[[c.EPISODE_ID, "_day"]], said_none], ignore_index=True).drop_duplicates()


def _keyed(frame: pd.DataFrame, episodes: pd.DataFrame, values: list[str]) -> pd.DataFrame:
    """episode_id, _day and `values` of `frame`, sorted stably by (episode_id, date)."""
    episode_ids = episode_keys.episode_ids(frame, episodes)
    dates = frame[c.DATE].to_numpy(dtype="datetime64[D]")
    columns = {value: frame[value] for value in values}
    arrays = {value: column.array for value, column in columns.items()}  # each column's own array: its dtype
    # the usual file has a patient's days in date order, and new episode ids follow the file
    if not _in_key_order(episode_ids, dates):
        order = np.lexsort((dates, episode_ids))
        episode_ids, dates = episode_ids[order], dates[order]
        arrays = {value: array.take(order) for value, array in arrays.items()}
    # one frame built from arrays: selecting, reindexing and inserting columns cost ~3 ms on a small file
    # (an object column stays object: the frame constructor would infer str from an object array)
    arrays = {value: pd.Series(array, dtype=object, copy=False) if columns[value].dtype == object else array
              for value, array in arrays.items()}
    return pd.DataFrame({c.EPISODE_ID: episode_ids, "_day": iso_day_values(dates),
                         _DAY_KEY: day_keys(episode_ids, dates), **arrays})


def _in_key_order(episode_ids: np.ndarray, dates: np.ndarray) -> bool:
    """True when rows already run by episode, then date (a check far cheaper than a sort)."""
    step_id, step_day = np.diff(episode_ids), np.diff(dates.astype(np.int64))
    return bool(np.all((step_id > 0) | ((step_id == 0) & (step_day >= 0))))


def _positions(doses: pd.DataFrame) -> np.ndarray:
    """0, 1, 2... within each (episode_id, _day) run of rows sorted by that key."""
    episode_ids, days = doses[c.EPISODE_ID].to_numpy(), doses["_day"].to_numpy()
    index = np.arange(len(doses))
    starts = np.ones(len(doses), dtype=bool)
    starts[1:] = (episode_ids[1:] != episode_ids[:-1]) | (days[1:] != days[:-1])
    return index - np.maximum.accumulate(np.where(starts, index, 0))


def _columns(taken: pd.DataFrame) -> list[np.ndarray]:
    """The keyed doses or symptoms as the columns their INSERT names, in that order."""
    values = {_POSITION: lambda f: f[_POSITION].to_numpy(), c.MEDICINE: lambda f: _texts(f[c.MEDICINE]),
              c.DOSE_MG: lambda f: _floats(f[c.DOSE_MG]), c.COUNT: lambda f: f[c.COUNT].to_numpy(dtype="int64"),
              c.SYMPTOM: lambda f: _texts(f[c.SYMPTOM])}
    return [taken[c.EPISODE_ID].to_numpy(), taken["_day"].to_numpy(),
            *(read(taken) for column, read in values.items() if column in taken)]


def _floats(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=float, na_value=np.nan)


def _texts(values: pd.Series) -> np.ndarray:
    return values.astype("str").to_numpy(dtype=object, na_value="")


_KEY = [c.EPISODE_ID, "_day"]
_DOSE_VALUES = [_POSITION, c.MEDICINE, c.DOSE_MG, c.COUNT]
# One dtype per compared column, for the import and the stored rows alike (a merge needs equal types).
_TYPES = {c.EPISODE_ID: "int64", "_day": object, _POSITION: "int64", c.MEDICINE: "str", c.DOSE_MG: float,
          c.COUNT: "int64", c.SYMPTOM: "str"}


@dataclass(frozen=True)
class _Changes:
    """What an import changes, per row of the keyed entries (numpy masks).

    `stored`: the day is already in the diary; `same`: nothing the file gives for
    it differs from what is stored; `doses`/`symptoms`: that day's medicines or
    warning signs must be (re)written: the file gives some, or says there were
    none, and they differ from what is stored (always for a new day).
    """

    stored: np.ndarray
    same: np.ndarray
    doses: np.ndarray
    symptoms: np.ndarray

    def counts(self) -> dict[str, int]:
        return {"added": int((~self.stored).sum()), "updated": int((self.stored & ~self.same).sum()),
                "unchanged": int(self.same.sum())}


def _changes(diary: Diary, days: _Days, episode_ids: list[int]) -> _Changes:
    """Compare the import with the stored days of its episodes, all vectorised (no text per day)."""
    rows = days.entries
    none = np.zeros(len(rows), dtype=bool)
    before = _stored_days(diary, episode_ids) if len(rows) else None
    if before is None or before.empty:
        return _Changes(none, none, ~none, ~none)
    stored = rows[_KEY].merge(before, on=_KEY, how="left")
    matched = stored[c.PAIN].notna().to_numpy()
    if c.UNREAD in rows:
        rows[c.NOTES] = _keeping_typed_notes(rows, stored[c.NOTES], matched)
    same = matched.copy()
    for field in (c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST):
        new, old = _floats(rows[field]), _floats(stored[field])
        same &= np.isnan(new) | np.isclose(new, old, rtol=0, atol=1e-9)
    notes = rows[c.NOTES].fillna("").astype(str).to_numpy(dtype=object)
    same &= (notes == "") | (notes == stored[c.NOTES].fillna("").astype(str).to_numpy(dtype=object))
    if c.ACTIVITY_SOURCE in rows:  # a file saying who wrote the minutes: a day whose source it changes is written
        source = stored[c.ACTIVITY_SOURCE].fillna("").astype(str).to_numpy(dtype=object)
        same &= ~_sourced(rows) | (_texts(rows[c.ACTIVITY_SOURCE]) == source)
    index = pd.MultiIndex.from_frame(rows[_KEY].astype({"_day": object}))
    rewrite = []
    for field, table, new, values in ((c.MEDICATIONS, "doses", days.doses, _DOSE_VALUES),
                                      (c.SYMPTOMS, "symptoms", days.symptoms, [c.SYMPTOM])):
        given = index.isin(_day_index(days.replaced(field, new)))
        old = _stored_rows(diary, table, values)
        both = new[_KEY + values].astype({col: _TYPES[col] for col in ["_day", *values]}).merge(
            old, on=_KEY + values, how="outer", indicator=True)
        differs = index.isin(_day_index(both.loc[both["_merge"] != "both", _KEY]))
        same &= ~(given & differs)
        rewrite.append(given & (differs | ~matched))
    return _Changes(matched, same, *rewrite)


def _keeping_typed_notes(rows: pd.DataFrame, stored_notes: pd.Series, matched: np.ndarray) -> np.ndarray:
    """The notes to write: as the file gives them, except on a day already stored whose file note is only text the
    importer could not read ("medications: ibuprofen"): there the stored (typed) note stays, that text added after
    it unless it already holds it. Why: the warning says the text was kept in the notes; it must not replace what
    the person typed in the app."""
    notes = rows[c.NOTES].fillna("").astype(str).to_numpy(dtype=object)
    unread = rows[c.UNREAD].fillna("").astype(str).to_numpy(dtype=object)
    before = stored_notes.fillna("").astype(str).to_numpy(dtype=object)
    for at in np.flatnonzero(matched & (unread != "") & (notes == unread)):
        typed, extra = before[at], unread[at]
        notes[at] = typed if extra in typed else f"{typed}; {extra}" if typed else extra
    return notes


def _day_index(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[_KEY].astype({c.EPISODE_ID: "int64", "_day": object}))


def write_diary(diary: Diary, entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                cleared: pd.DataFrame | None = None, seen: pd.DataFrame | None = None,
                keep_signs: Iterable[str] = ()) -> WriteResult:
    """Write validated import frames in ONE transaction: all of it lands or none does.

    `entries` has PATIENT, EPISODE_LABEL, ONSET_DATE (NaT: each day joins the
    patient's latest episode that started on or before it, else starts one),
    NORMAL_ACTIVITY, DATE, PAIN, WORST_PAIN, ACTIVITY, BED_REST, NOTES, and may have
    ACTIVITY_SOURCE ("tracker" or "" beside minutes: stored as who wrote them; missing: as before);
    `doses` and `symptoms` are keyed by PATIENT, ONSET_DATE, DATE. On a date
    already in the diary the file's pain and every field it fills in replace
    what is stored (the day's medicines and symptoms as a whole); an empty cell
    keeps what is stored, while a cell saying there were none (`cleared`: PATIENT,
    ONSET_DATE, DATE, field MEDICATIONS or SYMPTOMS) clears them. So importing
    the same file twice changes nothing, an updated file updates the diary, and
    a file without a column erases nothing. `seen` (PATIENT, ONSET_DATE, DATE
    of the row naming the episode, ALERT_CODE, SEEN_DATE, SEEN_BY, and SIGN_CODES where a
    sign came back after the mark that day) are the file's "I have been seen about this"
    marks, recorded as Diary.mark_seen does, in the same transaction; a mark stored
    but not in the file stays. A stored sign in `keep_signs` (the urgent ones) is never removed
    by the file: it is kept and listed in the result's `kept_signs`.
    """
    if cleared is None:
        cleared = pd.DataFrame({c.PATIENT: pd.Series(dtype="str"), c.ONSET_DATE: pd.Series(dtype="datetime64[us]"),
                                c.DATE: pd.Series(dtype="datetime64[us]"), "field": pd.Series(dtype="str")})
    with large_import(diary, len(entries)) as unchecked, diary.transaction() as db, page_cache(db, len(entries)):
        seen = _no_marks() if seen is None else seen
        entries, doses, symptoms, cleared, seen = episode_keys.with_onsets(diary, entries,
                                                                           [doses, symptoms, cleared, seen])
        episodes = episode_keys.resolve_episodes(diary, entries)
        days = _Days.key(entries, doses, symptoms, cleared, episodes)
        if unchecked:  # SQLite's foreign-key look-ups are off for this import: the same check, in numpy
            _require_days(days, episodes)
        changes = _changes(diary, days, episodes[c.EPISODE_ID].tolist())
        _write_days(db, days.entries[~changes.same])  # an identical day is not written again
        old = days.entries[changes.doses & changes.stored]
        db.conn.executemany("DELETE FROM doses WHERE episode_id = ? AND date = ?",
                            zip(old[c.EPISODE_ID].tolist(), old["_day"].tolist(), strict=True))
        insert_rows(db, "INSERT INTO doses(episode_id, date, position, medicine, dose_mg, count)",
                    _columns(_rewritten(days.doses, days.entries, changes.doses)))
        taken = _rewritten(days.symptoms, days.entries, changes.symptoms)
        said_none = days.cleared.loc[days.cleared["field"] == c.SYMPTOMS, _KEY]
        kept = _replace_signs(diary, days.entries[changes.symptoms & changes.stored], taken, keep_signs, said_none)
        insert_rows(db, "INSERT OR IGNORE INTO symptoms(episode_id, date, code, recorded_at)",
                    [*_columns(taken), _sign_stamps(diary, taken)])
        marks = (episode_keys.episode_ids(seen, episodes).tolist(), seen[c.ALERT_CODE].astype(str).tolist(),
                 iso_day_values(seen[c.SEEN_DATE].to_numpy(dtype="datetime64[D]")).tolist())
        signs = seen[c.SIGN_CODES].astype(str).tolist() if c.SIGN_CODES in seen else None
        marked = 0 if seen.empty else diary._write_seen_marks(*marks, seen[c.SEEN_BY].astype(str).tolist(), signs)
    return WriteResult(episodes=len(episodes), patients=episodes[c.PATIENT].nunique(), seen=marked,
                       marks=tuple(zip(*marks, strict=True)), kept_signs=kept, **changes.counts())


def _write_days(db: Database, rows: pd.DataFrame) -> None:
    """Insert or update the keyed days `rows`: those whose file says who wrote their minutes (_sourced) store that
    source, the others keep the stored one unless their minutes change (then typed, ''), as before the column."""
    sourced = _sourced(rows) if c.ACTIVITY_SOURCE in rows else np.zeros(len(rows), dtype=bool)
    for part, extra, upsert in ((rows[~sourced], [], _UPSERT_ENTRY),
                                (rows[sourced], [c.ACTIVITY_SOURCE], _UPSERT_SOURCED)):
        insert_rows(db, f"INSERT INTO entries({', '.join([_ENTRY_COLUMNS, *extra])})", [
            part[c.EPISODE_ID].to_numpy(), part["_day"].to_numpy(),
            *(_floats(part[col]) for col in (c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST)),
            _texts(part[c.NOTES]), *(_texts(part[col]) for col in extra)], upsert)


def _sourced(rows: pd.DataFrame) -> np.ndarray:
    """Rows whose file says who wrote their minutes: an activity_source ("tracker" or "") beside minutes given
    (without minutes the day keeps its stored minutes, and their source with them)."""
    return (rows[c.ACTIVITY_SOURCE].notna() & rows[c.ACTIVITY].notna()).to_numpy(dtype=bool)


def _require_days(days: _Days, episodes: pd.DataFrame) -> None:
    """Every day's episode exists, and every dose and sign belongs to a day the import writes or finds stored
    (analysis.storage.large_writes: what the schema's foreign keys check)."""
    require_keys(days.entries[c.EPISODE_ID].to_numpy(), episodes[c.EPISODE_ID].to_numpy(dtype="int64"), "days")
    written = days.entries[_DAY_KEY].to_numpy()
    require_keys(days.doses[_DAY_KEY].to_numpy(), written, "medicine rows")
    require_keys(days.symptoms[_DAY_KEY].to_numpy(), written, "warning-sign rows")


def _rewritten(given: pd.DataFrame, entries: pd.DataFrame, rewrite: np.ndarray) -> pd.DataFrame:
    """The file's doses or symptoms of the days whose doses or symptoms are (re)written."""
    if rewrite.all():  # every day rewritten (a new diary): no index of a million days to build and match
        return given
    return given[_day_index(given).isin(_day_index(entries[rewrite]))]


def _sign_stamps(diary: Diary, taken: pd.DataFrame) -> np.ndarray:
    """The save time of each imported sign: now on a day on or before an "I have been seen about this" mark already
    stored for its episode, else none (an imported sign counts as logged before any mark the file itself gives,
    unless that mark says "before it came back": alerts_seen._write_seen_marks). A sign already stored keeps its
    own time (the INSERT ignores it), so importing the same file again changes nothing.

    Why now there: a sign that reaches the diary by import after a clinician's mark came back after the visit
    (on the mark's day: review 11, loss of bladder control reported after this morning's visit stayed closed), or
    was not known at the visit (an earlier day filled in: review 34, "cannot move a leg" on the day before a visit
    about saddle numbness was closed by it); without a time it counted as before the mark.
    """
    stamps = np.full(len(taken), None, dtype=object)
    if len(taken) and diary._rows("SELECT 1 FROM temp.sqlite_master WHERE name = '_import_episodes'"):
        marked = diary._frame("SELECT a.episode_id, max(a.seen_date) AS last_mark FROM alert_seen a"
                              " JOIN _import_episodes i ON i.id = a.episode_id GROUP BY a.episode_id")
        if len(marked):
            last = taken[[c.EPISODE_ID, "_day"]].merge(marked, on=c.EPISODE_ID, how="left")
            before = (last["last_mark"].notna() & (last["_day"].astype(str) <= last["last_mark"].astype(str)))
            stamps[before.to_numpy(dtype=bool)] = now_stamp()
    return stamps


def _replace_signs(diary: Diary, days: pd.DataFrame, taken: pd.DataFrame, keep_signs: Iterable[str],
                   said_none: pd.DataFrame) -> tuple[tuple[int, str, str], ...]:
    """On the stored `days` whose warning signs the file rewrites, delete each stored sign the file does not give,
    except the `keep_signs` on a day the file names other signs for, which stay; return those kept as
    (episode_id, ISO day, code). A sign the file gives too keeps the time it was first saved. On a day the file
    says had none (`said_none`: its "none" or "-"), every sign goes: the documented way to correct a sign.

    Why keep some: a file from another app, naming sciatica on a day the person logged loss of bladder control in
    the app, replaced the day's signs as a whole and the urgent alert vanished (review 11); naming other signs
    does not say that one was wrong, so it stays and the import says it was kept."""
    if days.empty:
        return ()
    stored = _stored_rows(diary, "symptoms", [c.SYMPTOM]).merge(days[_KEY], on=_KEY)
    given = taken[[*_KEY, c.SYMPTOM]].astype({col: _TYPES[col] for col in (*_KEY, c.SYMPTOM)})
    both = stored.merge(given, on=[*_KEY, c.SYMPTOM], how="left", indicator=True)
    removed = both[both["_merge"] == "left_only"]
    keep = removed[c.SYMPTOM].isin(list(keep_signs)).to_numpy() & ~_day_index(removed).isin(_day_index(said_none))
    gone = removed[~keep]
    diary.db.conn.executemany("DELETE FROM symptoms WHERE episode_id = ? AND date = ? AND code = ?",
                              zip(gone[c.EPISODE_ID].tolist(), gone["_day"].tolist(), gone[c.SYMPTOM].tolist(),
                                  strict=True))
    kept = removed[keep]
    return tuple(zip(kept[c.EPISODE_ID].astype(int).tolist(), kept["_day"].astype(str).tolist(),
                     kept[c.SYMPTOM].tolist(), strict=True))


def _no_marks() -> pd.DataFrame:
    """An empty `seen` frame of write_diary (a caller with no marks)."""
    day = pd.Series(dtype="datetime64[us]")
    return pd.DataFrame({c.PATIENT: pd.Series(dtype="str"), c.ONSET_DATE: day, c.DATE: day,
                         c.ALERT_CODE: pd.Series(dtype="str"), c.SEEN_DATE: day, c.SEEN_BY: pd.Series(dtype="str")})


def _stored_days(diary: Diary, episode_ids: list[int]) -> pd.DataFrame:
    """Logged days of these episodes (noted in the temp table _import_episodes for _stored_rows).

    Columns: episode_id, _day, pain, worst_pain, activity_minutes, bed_rest_hours, notes, activity_source.
    """
    diary.db.execute("CREATE TEMP TABLE IF NOT EXISTS _import_episodes (id INTEGER PRIMARY KEY)")
    diary.db.execute("DELETE FROM _import_episodes")
    diary.db.conn.executemany("INSERT OR IGNORE INTO _import_episodes(id) VALUES (?)",
                              [(int(i),) for i in episode_ids])
    return diary._frame("""
        SELECT x.episode_id, x.date AS _day, x.pain, x.worst_pain, x.activity_minutes, x.bed_rest_hours, x.notes,
               x.activity_source
        FROM entries x JOIN _import_episodes i ON i.id = x.episode_id""")


def _stored_rows(diary: Diary, table: str, values: list[str]) -> pd.DataFrame:
    """The doses or symptoms stored for the episodes of _stored_days: episode_id, _day and `values`."""
    names = {c.SYMPTOM: "code"}
    columns = ", ".join(f"t.{names.get(v, v)} AS {v}" for v in values)
    frame = diary._frame(f"""SELECT t.episode_id, t.date AS _day, {columns}
                             FROM {table} t JOIN _import_episodes i ON i.id = t.episode_id""")
    return frame.astype({col: _TYPES[col] for col in frame.columns})
