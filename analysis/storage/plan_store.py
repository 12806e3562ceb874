"""The daily plan's storage: exercise ticks, work hours, questionnaire answers (migration m009) and the person's
usual working day (m013).

Why a module of its own: analysis/storage/diary.py is already long; these are three small
tables with their own reads and writes. `Diary` inherits the methods (PlanStore), so callers
write `diary.tick_exercises(...)` as with every other write, and each write runs inside
`Diary.transaction()` (BEGIN IMMEDIATE, analysis.storage.guard).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

import pandas as pd

from analysis.model.errors import ValidationError
from analysis.model.limits import USUAL_WORK_DAY, WORK_HOURS
from analysis.storage.common import episode_filter, iso

ANSWER_COLUMNS = ["episode_id", "instrument", "item", "date", "value", "label"]


class PlanStore:
    """Mixin for Diary: needs transaction(), _frame() and _require_episode()."""

    def transaction(self) -> AbstractContextManager[Any]: ...  # provided by Diary
    def _frame(self, sql: str, params: Iterable = ()) -> pd.DataFrame: ...  # provided by Diary
    def _require_episode(self, episode_id: int) -> None: ...  # provided by Diary
    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]: ...  # provided by Diary

    def _plan_frame(self, table: str, columns: list[str], sql: str, params: Iterable) -> pd.DataFrame:
        """`sql` read as a frame, or an empty frame of `columns` when `table` is not there yet: an older
        diary opened read-only (so never upgraded to m009) simply has no plan data."""
        if not self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)):
            return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
        return self._frame(sql, params)

    def set_exercises_done(self, episode_id: int, date: dt.date | str, exercise_ids: Iterable[str]) -> None:
        """Replace the exercises ticked on `date` with `exercise_ids` (unticking removes a row)."""
        episode_id, day = int(episode_id), iso(date)
        ids = sorted({str(i) for i in exercise_ids})
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("DELETE FROM exercise_ticks WHERE episode_id = ? AND date = ?", (episode_id, day))
            db.conn.executemany("INSERT INTO exercise_ticks(episode_id, date, exercise_id) VALUES (?, ?, ?)",
                           [(episode_id, day, i) for i in ids])

    def set_exercise_done(self, episode_id: int, date: dt.date | str, exercise_id: str, done: bool) -> None:
        """Tick (`done`) or untick one exercise on `date`, the day's other ticks left as they are.

        Why one box at a time: Today saved the day's whole list from its boxes, and a box the page had not drawn
        again since another page was opened read as unticked, so the next tick deleted the day's earlier ones
        (review 33: knee rolls ticked, Progress, back, pelvic tilt ticked: only pelvic tilt was kept)."""
        episode_id, day = int(episode_id), iso(date)
        with self.transaction() as db:
            self._require_episode(episode_id)
            if done:
                db.execute("INSERT OR IGNORE INTO exercise_ticks(episode_id, date, exercise_id) VALUES (?, ?, ?)",
                           (episode_id, day, str(exercise_id)))
            else:
                db.execute("DELETE FROM exercise_ticks WHERE episode_id = ? AND date = ? AND exercise_id = ?",
                           (episode_id, day, str(exercise_id)))

    def exercise_ticks(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Every tick. Columns: episode_id, date (datetime64), exercise_id."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._plan_frame("exercise_ticks", ["episode_id", "date", "exercise_id"],
                                 f"SELECT episode_id, date, exercise_id FROM exercise_ticks {where}"
                                 " ORDER BY episode_id, date, exercise_id", params)
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        return frame

    def set_work_hours(self, episode_id: int, date: dt.date | str, hours: float | None) -> None:
        """Record the hours worked on `date` (None removes the day)."""
        episode_id, day = int(episode_id), iso(date)
        if hours is not None and not WORK_HOURS.low <= float(hours) <= WORK_HOURS.high:
            raise ValidationError(f"work hours on {day}: {hours!r} is not between {WORK_HOURS.low:g} and "
                                  f"{WORK_HOURS.high:g}.")
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("DELETE FROM work_hours WHERE episode_id = ? AND date = ?", (episode_id, day))
            if hours is not None:
                db.execute("INSERT INTO work_hours(episode_id, date, hours) VALUES (?, ?, ?)",
                           (episode_id, day, float(hours)))

    def work_hours(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Hours worked per day. Columns: episode_id, date (datetime64), hours."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._plan_frame("work_hours", ["episode_id", "date", "hours"],
                                 f"SELECT episode_id, date, hours FROM work_hours {where} ORDER BY episode_id, date",
                                 params)
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        frame["hours"] = frame["hours"].astype(float)
        return frame

    def set_usual_work_day(self, episode_id: int, hours: float | None) -> None:
        """Record the person's usual working day in hours (None removes it: not said, the plan assumes 8 hours)."""
        episode_id = int(episode_id)
        if hours is not None and not USUAL_WORK_DAY.low <= float(hours) <= USUAL_WORK_DAY.high:
            raise ValidationError(f"Your usual working day must be between {USUAL_WORK_DAY.low:g} and "
                                  f"{USUAL_WORK_DAY.high:g} hours (got {hours!r}).")
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("DELETE FROM usual_work_day WHERE episode_id = ?", (episode_id,))
            if hours is not None:
                db.execute("INSERT INTO usual_work_day(episode_id, hours) VALUES (?, ?)", (episode_id, float(hours)))

    def usual_work_days(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """The usual working day of each episode that has one. Columns: episode_id, hours."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._plan_frame("usual_work_day", ["episode_id", "hours"],
                                 f"SELECT episode_id, hours FROM usual_work_day {where} ORDER BY episode_id", params)
        frame["hours"] = frame["hours"].astype(float)
        return frame

    def save_answers(self, episode_id: int, instrument: str, date: dt.date | str,
                     answers: Iterable[tuple[str, float, str]]) -> None:
        """Store one completed questionnaire: (item, value, label) triples; replaces that day's answers."""
        episode_id, day = int(episode_id), iso(date)
        rows = [(episode_id, instrument, str(item), day, float(value), str(label)[:200])
                for item, value, label in answers]
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("DELETE FROM questionnaire_answers WHERE episode_id = ? AND instrument = ? AND date = ?",
                       (episode_id, instrument, day))
            db.conn.executemany("INSERT INTO questionnaire_answers(episode_id, instrument, item, date, value, label)"
                           " VALUES (?, ?, ?, ?, ?, ?)", rows)

    def answers(self, episode_ids: Iterable[int] | None = None, instrument: str | None = None) -> pd.DataFrame:
        """Questionnaire answers. Columns: ANSWER_COLUMNS (date as datetime64)."""
        where, params = episode_filter("episode_id", episode_ids)
        if instrument is not None:
            where = f"{where} AND instrument = ?" if where else "WHERE instrument = ?"
            params = [*params, instrument]
        frame = self._plan_frame("questionnaire_answers", ANSWER_COLUMNS,
                                 f"SELECT {', '.join(ANSWER_COLUMNS)} FROM questionnaire_answers {where}"
                                 " ORDER BY episode_id, instrument, date, item", params)
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        frame["value"] = frame["value"].astype(float)
        return frame
