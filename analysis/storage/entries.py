"""Diary days: one day's pain, activity, bed rest, notes, medicines and warning signs.

A mixin of ``Diary``. Values are checked in Python first (a message naming the
field) and again by CHECK constraints in the schema (analysis.storage.migrations).
``entries()`` is the long frame the analyses read (analysis.model.columns.ENTRY_COLUMNS).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import NotFound, ValidationError
from analysis.model.limits import check_dose, check_values
from analysis.model.vocabulary import SYMPTOM_CODES
from analysis.storage.common import episode_filter, iso, now_stamp
from analysis.storage.connection import DiaryConnection
from analysis.storage.records import DayEntry, DoseEntry


class EntryStore(DiaryConnection):
    """Adding, changing, deleting and reading diary days."""

    # ---- diary days ----------------------------------------------------------------
    def _refuse_day_of_other_episode(self, episode_id: int, day: str) -> None:
        """ValidationError when the person of `episode_id` has `day` logged in another episode: the days of one
        person are one diary, whichever episode holds them (review 36's second explorer: a new episode dated before
        the current one took a second pain for a day already logged, and every page read only one of them)."""
        other = self.db.execute(
            "SELECT e.onset_date FROM entries x JOIN episodes e ON e.id = x.episode_id WHERE x.date = ? AND e.id != ? "
            "AND e.patient_id = (SELECT patient_id FROM episodes WHERE id = ?)",
            (day, episode_id, episode_id)).fetchone()
        if other is not None:
            raise ValidationError(f"date: {day} is already logged in this person's back pain from {other[0]}; change "
                                  "it there (choose that episode under Diary of).")

    def save_entry(self, episode_id: int, entry: DayEntry) -> str:
        """Add the day, or replace it if that date is already logged.

        Returns "added" or "updated", so the page can say which happened.
        """
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        self._check_entry(entry)
        day = iso(entry.date)
        with self.transaction() as db:
            self._require_episode(episode_id)
            onset = db.execute("SELECT onset_date FROM episodes WHERE id = ?", (episode_id,)).fetchone()[0]
            if day < onset:  # ISO dates sort as text; every analysis refuses such a day (analysis.course.grid)
                raise ValidationError(f"date: {day} is before the day this back pain started ({onset}).")
            existed = db.execute("SELECT 1 FROM entries WHERE episode_id = ? AND date = ?",
                                 (episode_id, day)).fetchone() is not None
            if not existed:  # one row per person and date (review 36: a second pain for one day, in two episodes)
                self._refuse_day_of_other_episode(episode_id, day)
            db.execute("""
                INSERT INTO entries(episode_id, date, pain, worst_pain, activity_minutes,
                                    bed_rest_hours, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(episode_id, date) DO UPDATE SET pain = excluded.pain,
                    worst_pain = excluded.worst_pain, activity_minutes = excluded.activity_minutes,
                    activity_source = CASE WHEN excluded.activity_minutes IS activity_minutes
                                           THEN activity_source ELSE '' END,
                    bed_rest_hours = excluded.bed_rest_hours, notes = excluded.notes""",
                       (episode_id, day, entry.pain, entry.worst_pain, entry.activity_minutes,
                        entry.bed_rest_hours, entry.notes or ""))
            db.execute("DELETE FROM doses WHERE episode_id = ? AND date = ?", (episode_id, day))
            db.conn.executemany(
                "INSERT INTO doses(episode_id, date, position, medicine, dose_mg, count) VALUES (?, ?, ?, ?, ?, ?)",
                [(episode_id, day, position, d.medicine, d.dose_mg, int(d.count))
                 for position, d in enumerate(entry.doses)])
            self._keep_symptoms(episode_id, day, list(dict.fromkeys(entry.symptoms)))
        return "updated" if existed else "added"

    def _keep_symptoms(self, episode_id: int, day: str, codes: list[str]) -> None:
        """Make the day's warning signs `codes`, inside the caller's transaction: a sign already logged keeps
        the time it was first saved, a new one is stamped now (common.now_stamp, as the seen marks are). Why: a sign
        saved after that day's "I have been seen about this" came back, and reopens the alert
        (analysis.alerts.seen_after); re-saving the day to change the pain must not look like that."""
        marks = ", ".join("?" * len(codes))
        self.db.execute(f"DELETE FROM symptoms WHERE episode_id = ? AND date = ? AND code NOT IN ({marks})",
                        (episode_id, day, *codes))
        self.db.conn.executemany(
            "INSERT INTO symptoms(episode_id, date, code, recorded_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", [(episode_id, day, code, now_stamp()) for code in codes])

    def sign_came_back(self, episode_id: int, date: dt.date | str, codes: Iterable[str]) -> int:
        """Log signs of a day again, as saved now: the person says they came back after that day's "I have been
        seen about this" (the engine then reopens their alert: analysis.alerts.seen_after). Why not Save: a sign
        ticked all day keeps the time it was first saved. Returns how many of the day's signs were stamped."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        with self.transaction() as db:
            before = db.conn.total_changes
            db.execute("UPDATE symptoms SET recorded_at = ? WHERE episode_id = ? AND date = ?"
                       " AND code IN (SELECT value FROM json_each(?))",
                       (now_stamp(), episode_id, iso(date), json.dumps(list(codes))))
            return db.conn.total_changes - before

    def add_entry(self, episode_id: int, entry: DayEntry) -> None:
        """Add a new day; refuse if that date is already logged."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        with self.transaction():
            if self.entry(episode_id, entry.date) is not None:
                raise ValidationError(f"{iso(entry.date)} is already in the diary; edit it instead.")
            self.save_entry(episode_id, entry)

    def update_entry(self, episode_id: int, date: dt.date | str, **changes: object) -> None:
        """Change some fields of one logged day (pain, worst_pain, activity_minutes, ...)."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        with self.transaction():
            current = self.entry(episode_id, date)
            if current is None:
                raise NotFound(f"There is no diary entry on {iso(date)}.")
            unknown = set(changes) - set(DayEntry.__dataclass_fields__) - {"date"}
            if unknown:
                raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
            for name, value in changes.items():
                setattr(current, name, value)
            self.save_entry(episode_id, current)

    def delete_entry(self, episode_id: int, date: dt.date | str) -> None:
        """Delete one logged day with its medicines and symptoms."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        with self.transaction() as db:
            cursor = db.execute("DELETE FROM entries WHERE episode_id = ? AND date = ?",
                                (episode_id, iso(date)))
            if cursor.rowcount == 0:
                raise NotFound(f"There is no diary entry on {iso(date)}.")

    def entry(self, episode_id: int, date: dt.date | str) -> DayEntry | None:
        """The logged day, or None if that date has no entry."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        day = iso(date)
        rows = self._rows("SELECT pain, worst_pain, activity_minutes, bed_rest_hours, notes FROM entries"
                          " WHERE episode_id = ? AND date = ?", (episode_id, day))
        if not rows:
            return None
        doses = [DoseEntry(m, mg, n) for m, mg, n in self._rows(
            "SELECT medicine, dose_mg, count FROM doses WHERE episode_id = ? AND date = ? ORDER BY position",
            (episode_id, day))]
        symptoms = [r[0] for r in self._rows(
            "SELECT code FROM symptoms WHERE episode_id = ? AND date = ? ORDER BY code", (episode_id, day))]
        pain, worst, activity, bed_rest, notes = rows[0]
        return DayEntry(pd.Timestamp(day).date(), pain, worst, activity, bed_rest, notes, doses, symptoms)

    @staticmethod
    def _check_entry(entry: DayEntry) -> None:
        if entry.pain is None:
            raise ValidationError("pain: a pain score from 0 to 10 is needed.")
        check_values({c.PAIN: entry.pain, c.WORST_PAIN: entry.worst_pain, c.ACTIVITY: entry.activity_minutes,
                      c.BED_REST: entry.bed_rest_hours})
        for dose in entry.doses:
            check_dose(dose.medicine, dose.dose_mg, dose.count)
        unknown = [s for s in entry.symptoms if s not in SYMPTOM_CODES]
        if unknown:
            raise ValidationError(f"symptoms: unknown code(s) {', '.join(unknown)}; "
                                  f"known: {', '.join(SYMPTOM_CODES)}.")

    # ---- long frames for the analyses ----------------------------------------------
    def entries(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Diary days as the long `entries` frame (analysis.model.columns.ENTRY_COLUMNS)."""
        where, params = episode_filter("x.episode_id", episode_ids)
        frame = self._frame(f"""
            SELECT p.name AS patient, x.episode_id, e.onset_date, e.normal_activity_minutes,
                   x.date, x.pain, x.worst_pain, x.activity_minutes, x.bed_rest_hours, x.notes
            FROM entries x JOIN episodes e ON e.id = x.episode_id JOIN patients p ON p.id = e.patient_id
            {where} ORDER BY x.episode_id, x.date""", params)
        for col in (c.ONSET_DATE, c.DATE):
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        for col in (c.NORMAL_ACTIVITY, c.PAIN, c.WORST_PAIN, c.ACTIVITY, c.BED_REST):
            frame[col] = frame[col].astype(float)
        frame[c.PATIENT] = frame[c.PATIENT].astype("str")
        frame[c.NOTES] = frame[c.NOTES].astype("str")
        return frame[c.ENTRY_COLUMNS]
