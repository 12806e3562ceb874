"""Patients, their episodes of back pain and each episode's set-up screening answers (NICE NG59).

A mixin of ``Diary``: every write runs in ``DiaryConnection.transaction()``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import NotFound, ValidationError
from analysis.model.limits import check_values
from analysis.model.names import patient_name
from analysis.model.screening import PERSON_QUESTIONS, QUESTIONS
from analysis.storage.common import episode_filter, iso
from analysis.storage.connection import DiaryConnection


class EpisodeStore(DiaryConnection):
    """Patients and episodes (with screening answers) of a diary."""

    # ---- patients and episodes -------------------------------------------------
    def patient_names(self) -> list[str]:
        """Every patient's name, alphabetically."""
        return [r[0] for r in self._rows("SELECT name FROM patients ORDER BY name")]

    def ensure_patient(self, name: str) -> int:
        """Return the id of patient `name`, adding the patient if new."""
        name = patient_name(name or "")  # one form of "Zoë", typed on a PC or a Mac (analysis.model.names)
        if not name:
            raise ValidationError("patient: a name is needed.")
        with self.transaction() as db:
            row = db.execute("SELECT id FROM patients WHERE name = ?", (name,)).fetchone()
            if row:
                return int(row[0])
            return int(db.execute("INSERT INTO patients(name) VALUES (?)", (name,)).lastrowid)

    def add_episode(self, patient: str, onset_date: dt.date | str, label: str = "",
                    normal_activity_minutes: float | None = None,
                    screening: Mapping[str, bool | None] | None = None) -> int:
        """Start a new episode of back pain for `patient`; return its id.

        `screening`: the set-up answers (see save_screening), stored in the same transaction.
        """
        check_values({c.NORMAL_ACTIVITY: normal_activity_minutes})
        self._check_screening(screening or {})
        onset = iso(onset_date)
        with self.transaction() as db:
            patient_id = self.ensure_patient(patient)
            if db.execute("SELECT 1 FROM episodes WHERE patient_id = ? AND onset_date = ?",
                          (patient_id, onset)).fetchone():
                raise ValidationError(f"{patient} already has an episode starting on {onset}.")
            cursor = db.execute(
                "INSERT INTO episodes(patient_id, label, onset_date, normal_activity_minutes)"
                " VALUES (?, ?, ?, ?)", (patient_id, label or f"Back pain from {onset}", onset,
                                         normal_activity_minutes))
            episode_id = int(cursor.lastrowid)
            if screening:
                self.save_screening(episode_id, screening)
            return episode_id

    def take_days_from_earlier(self, episode_id: int) -> list[str]:
        """Move the days from this episode's onset on, logged in the same person's episode that began before it
        (the latest such, up to the onset of any episode after this one), into this episode; return their ISO dates.

        Why: back pain that came back today, started from the sidebar after today was logged, left today in the
        old episode: two diary rows for one person and one date, and Today's form for that day empty (review 36).
        What was logged that day (medicines and signs follow their day: ON UPDATE CASCADE), the exercises ticked,
        the work hours and the check-ins from the onset on are the new episode's now; alerts already read and
        "seen" marks stay with the episode they were about. The person's usual working day, said once on Today,
        is the new episode's too when it has none (review 36's second explorer: a part-timer's 4-hour day became
        the 8 hours the plan assumes).
        """
        episode_id = int(episode_id)
        with self.transaction() as db:
            row = db.execute("SELECT patient_id, onset_date FROM episodes WHERE id = ?", (episode_id,)).fetchone()
            if row is None:
                raise NotFound(f"No episode {episode_id} in this diary.")
            patient_id, onset = row
            earlier = db.execute("SELECT id FROM episodes WHERE patient_id = ? AND onset_date < ? "
                                 "ORDER BY onset_date DESC LIMIT 1", (patient_id, onset)).fetchone()
            if earlier is None:
                return []
            if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'usual_work_day'").fetchone():
                db.execute("INSERT OR IGNORE INTO usual_work_day(episode_id, hours) "
                           "SELECT ?, hours FROM usual_work_day WHERE episode_id = ?", (episode_id, int(earlier[0])))
            later = db.execute("SELECT min(onset_date) FROM episodes WHERE patient_id = ? AND onset_date > ?",
                               (patient_id, onset)).fetchone()[0] or "9999-12-31"
            span = (int(earlier[0]), onset, later)
            days = [r[0] for r in db.execute("SELECT date FROM entries WHERE episode_id = ? AND date >= ? AND date < ? "
                                             "ORDER BY date", span)]
            for table in ("entries", "exercise_ticks", "work_hours", "questionnaire_answers"):
                if table == "entries" or db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                    (table,)).fetchone():
                    db.execute(f"UPDATE {table} SET episode_id = ? WHERE episode_id = ? AND date >= ? "  # noqa: S608
                               "AND date < ?", (episode_id, *span))
            return days

    def update_episode(self, episode_id: int, *, label: str | None = None,
                       onset_date: dt.date | str | None = None,
                       normal_activity_minutes: float | None = None) -> None:
        """Change an episode's label, onset date or normal activity."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        check_values({c.NORMAL_ACTIVITY: normal_activity_minutes})
        changes = {"label": label, "onset_date": iso(onset_date) if onset_date else None,
                   "normal_activity_minutes": normal_activity_minutes}
        changes = {k: v for k, v in changes.items() if v is not None}
        with self.transaction() as db:
            self._require_episode(episode_id)
            if "onset_date" in changes:
                self._check_new_onset(episode_id, changes["onset_date"])
                label_now, onset_now = db.execute("SELECT label, onset_date FROM episodes WHERE id = ?",
                                                  (episode_id,)).fetchone()
                if label is None and label_now == f"Back pain from {onset_now}":  # add_episode's own label
                    changes["label"] = f"Back pain from {changes['onset_date']}"
            if changes:
                db["episodes"].update(episode_id, changes)

    def _check_new_onset(self, episode_id: int, onset: str) -> None:
        """Refuse an onset after the episode's first diary day (no day may come before the pain began: the
        analyses refuse such a diary) or on another episode's onset of the same person (add_episode's rule)."""
        first = self._rows("SELECT min(d) FROM (SELECT min(date) AS d FROM entries WHERE episode_id = ? UNION ALL "
                           "SELECT min(date) FROM doses WHERE episode_id = ? UNION ALL "
                           "SELECT min(date) FROM symptoms WHERE episode_id = ?)", (episode_id,) * 3)[0][0]
        if first is not None and onset > first:
            raise ValidationError(f"onset_date: {onset} is after the first day in this diary ({first}); the pain "
                                  "cannot have started after a day it was logged.")
        if self._rows("SELECT 1 FROM episodes WHERE onset_date = ? AND id != ? AND patient_id = "
                      "(SELECT patient_id FROM episodes WHERE id = ?)", (onset, episode_id, episode_id)):
            raise ValidationError(f"onset_date: this person already has an episode starting on {onset}.")

    def delete_patient(self, name: str) -> None:
        """Delete a patient with all their episodes and diary days."""
        with self.transaction() as db:
            if db.execute("DELETE FROM patients WHERE name = ?", (patient_name(name),)).rowcount == 0:
                raise NotFound(f"There is no patient called {name!r} in this diary.")

    def episodes(self) -> pd.DataFrame:
        """All episodes, newest onset first.

        Columns: episode_id, patient, episode (label), onset_date, normal_activity_minutes,
        entry_count, first_date, last_date.
        """
        frame = self._frame("""
            SELECT e.id AS episode_id, p.name AS patient, e.label AS episode, e.onset_date,
                   e.normal_activity_minutes, count(x.date) AS entry_count,
                   min(x.date) AS first_date, max(x.date) AS last_date
            FROM episodes e JOIN patients p ON p.id = e.patient_id
            LEFT JOIN entries x ON x.episode_id = e.id
            GROUP BY e.id ORDER BY e.onset_date DESC, p.name""")
        for col in (c.ONSET_DATE, "first_date", "last_date"):
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        frame[c.NORMAL_ACTIVITY] = frame[c.NORMAL_ACTIVITY].astype(float)
        return frame

    # ---- set-up screening (NICE NG59) ------------------------------------------------
    @staticmethod
    def _check_screening(answers: Mapping[str, bool | None]) -> None:
        unknown = [key for key in answers if key not in QUESTIONS]
        if unknown:
            raise ValidationError(f"screening: {unknown[0]!r} is not a set-up question; "
                                  f"known: {', '.join(QUESTIONS)}.")
        wrong = [key for key, value in answers.items() if value not in (True, False, None)]
        if wrong:
            raise ValidationError(f"screening: the answer to {wrong[0]} must be yes, no or not answered, "
                                  f"not {answers[wrong[0]]!r}.")

    def save_screening(self, episode_id: int, answers: Mapping[str, bool | None]) -> None:
        """Store set-up screening answers for an episode: True yes, False no, None not answered.

        Only the questions given change (the CLI may record one answer at a time);
        the others keep what was stored.
        """
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        self._check_screening(answers)
        rows = [(episode_id, key, None if value is None else int(bool(value))) for key, value in answers.items()]
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.conn.executemany(
                "INSERT INTO episode_screening(episode_id, question, answer) VALUES (?, ?, ?)"
                " ON CONFLICT(episode_id, question) DO UPDATE SET answer = excluded.answer,"
                " answered_at = datetime('now')", rows)

    def screening(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """The stored set-up screening answers (analysis.model.screening.SCREENING_COLUMNS).

        Columns: episode_id, question, answer (True, False or None when not answered), answered_at, carried_from
        (None; or the person's earlier episode whose "yes" to a PERSON_QUESTIONS question this episode has not
        answered itself: it is about the person, and stays true of their next episode).
        """
        where, params = episode_filter("episode_id", episode_ids)
        if not self._rows("SELECT 1 FROM sqlite_master WHERE name = 'episode_screening'"):
            # an older diary opened read-only (so not upgraded) has no answers yet
            return pd.DataFrame({"episode_id": pd.Series(dtype="int64"), "question": pd.Series(dtype="str"),
                                 "answer": pd.Series(dtype=object), "answered_at": pd.Series(dtype="str"),
                                 "carried_from": pd.Series(dtype=object)})
        person = ", ".join(f"'{q}'" for q in PERSON_QUESTIONS)  # the model's own keys, never user text
        frame = self._frame(
            # the latest earlier episode's answer, carried when it is "yes" (a later "no" stands: review 34's code
            # reader); SQLite: the bare columns are those of the max(onset_date) row
            "WITH latest AS (SELECT e.id AS episode_id, s.question, s.answer, s.answered_at, p.id AS carried_from,"
            " max(p.onset_date) FROM episodes e JOIN episodes p ON p.patient_id = e.patient_id"
            " AND p.onset_date < e.onset_date JOIN episode_screening s ON s.episode_id = p.id AND s.answer IS NOT NULL"
            f" AND s.question IN ({person}) GROUP BY e.id, s.question),"
            " carried AS (SELECT episode_id, question, answer, answered_at, carried_from FROM latest WHERE answer = 1),"
            " answered AS (SELECT episode_id, question FROM episode_screening WHERE answer IS NOT NULL)"
            " SELECT * FROM (SELECT episode_id, question, answer, answered_at, NULL AS carried_from"
            " FROM episode_screening s WHERE answer IS NOT NULL OR NOT EXISTS (SELECT 1 FROM carried c"
            " WHERE c.episode_id = s.episode_id AND c.question = s.question)"
            " UNION ALL SELECT episode_id, question, answer, answered_at, carried_from FROM carried c"
            " WHERE NOT EXISTS (SELECT 1 FROM answered a WHERE a.episode_id = c.episode_id"
            f" AND a.question = c.question)) {where} ORDER BY episode_id, question", params)
        frame["carried_from"] = frame["carried_from"].astype("Int64")
        frame["episode_id"] = frame["episode_id"].astype("int64")
        frame["answer"] = pd.Series([None if pd.isna(a) else bool(a) for a in frame["answer"]],
                                    index=frame.index, dtype=object)
        return frame
