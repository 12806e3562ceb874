"""What the person did about an alert: put a warning aside (*Got it*) or was seen about it.

A mixin of ``Diary``; analysis.alerts.engine reads these to hide a run already
acknowledged and to end a red flag once a clinician has assessed it.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.storage.common import episode_filter, iso, now_stamp
from analysis.storage.connection import DiaryConnection


class AlertSeenStore(DiaryConnection):
    """Alert acknowledgements and "I have been seen about this" records."""

    # ---- alert acknowledgements ----------------------------------------------------
    def acknowledge(self, episode_id: int, code: str, fingerprint: str, last_report: object = None) -> None:
        """Remember that the person has seen this alert run (hidden until the situation changes). `last_report`:
        the run's last report as the person read it (a date; None: not known), so a sign reported again after it
        shows again (analysis.alerts.engine.visible)."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        last = None if last_report is None or pd.isna(last_report) else pd.Timestamp(last_report).date().isoformat()
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("INSERT INTO acknowledgements(episode_id, code, fingerprint, last_report) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT(episode_id, code) DO UPDATE SET fingerprint = excluded.fingerprint,"
                       " last_report = excluded.last_report, acknowledged_at = datetime('now')",
                       (episode_id, code, fingerprint, last))

    def acknowledged(self) -> set[tuple[int, str, str | None]]:
        """(episode_id, fingerprint, last report read: ISO date or None) of every acknowledged alert run."""
        return {(int(e), f, last) for e, f, last in
                self._rows(f"SELECT episode_id, fingerprint, {self._last_report()} FROM acknowledgements")}

    def _last_report(self) -> str:
        """The last_report column, or NULL in an older diary opened read-only (so not upgraded to m014)."""
        known = self._rows("SELECT 1 FROM pragma_table_info('acknowledgements') WHERE name = 'last_report'")
        return "last_report" if known else "NULL AS last_report"

    def acknowledgements(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Every alert run put aside with *Got it* (one per episode and alert). Columns: episode_id, code,
        fingerprint, acknowledged_at, last_report. Why a frame: the Parquet dataset holds every table (review 10)."""
        where, params = episode_filter("episode_id", episode_ids)
        columns = ["episode_id", "code", "fingerprint", "acknowledged_at", "last_report"]
        rows = self._rows(f"SELECT {', '.join(columns[:-1])}, {self._last_report()} FROM acknowledgements {where}"
                          " ORDER BY episode_id, code", params)
        return pd.DataFrame(rows, columns=columns).astype({"episode_id": "int64"})

    # ---- "I have been seen about this" -----------------------------------------------
    def mark_seen(self, episode_id: int, code: str, seen_date: dt.date | str, by: str = "patient") -> None:
        """Record that a clinician assessed the person about alert `code` on `seen_date`.

        Why: a red flag stays active until this is recorded (analysis.alerts.engine); the
        date matters, since a report dated after it starts the alert again.
        """
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        if by not in c.SEEN_BY_VALUES:
            raise ValidationError(f"seen by: {by!r} is not 'patient' or 'clinician'.")
        if not (code or "").strip():
            raise ValidationError("code: the alert code that was seen is needed.")
        day = iso(seen_date)
        with self.transaction() as db:
            self._require_episode(episode_id)
            # a patient's press never downgrades a clinician's mark of the same day (as the import keeps it: review 34)
            db.execute("INSERT INTO alert_seen(episode_id, code, seen_date, seen_by, recorded_at)"
                       " VALUES (?, ?, ?, ?, ?)"
                       " ON CONFLICT(episode_id, code, seen_date) DO UPDATE SET seen_by = CASE WHEN"
                       " alert_seen.seen_by = 'clinician' THEN 'clinician' ELSE excluded.seen_by END,"
                       " recorded_at = excluded.recorded_at", (episode_id, code.strip(), day, by, now_stamp()))

    def _write_seen_marks(self, episode_ids: list[int], codes: list[str], days: list[str], by: list[str],
                          signs: list[str] | None = None) -> int:
        """Record imported marks (ISO `days`) inside the caller's transaction (analysis.storage.bulk.write_diary),
        as mark_seen does each; a mark already stored as given is left as it was, so importing the same file
        twice changes nothing. `signs`: per mark, the sign codes (comma-separated, "" for none) logged again
        after it on its date ("... before it came back", analysis.alerts.seen_after.came_back_codes): that
        day's rows of them that carry no save time (written by an import) are stamped as saved after the mark,
        so it stays overtaken as in the diary it came from. A row already stamped keeps its stamp (review 6):
        re-stamping it after every import put it after a mark the practice recorded since, once it had assessed
        the sign, and the same file imported again reopened it. A file's "by clinician" upgrades a stored "by patient";
        its "by patient" never downgrades a stored "by clinician" (a patient's older export of the same mark must
        not undo what the practice recorded). Returns how many marks were new or changed who recorded them."""
        before = self.db.conn.total_changes
        stamp = now_stamp()
        self.db.conn.executemany(
            "INSERT INTO alert_seen(episode_id, code, seen_date, seen_by, recorded_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(episode_id, code, seen_date) DO UPDATE SET seen_by = excluded.seen_by,"
            " recorded_at = excluded.recorded_at"
            " WHERE alert_seen.seen_by = 'patient' AND excluded.seen_by = 'clinician'",
            zip(episode_ids, codes, days, by, [stamp] * len(codes), strict=True))
        marked = self.db.conn.total_changes - before
        later = (pd.Timestamp(stamp) + pd.Timedelta(microseconds=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
        self.db.conn.executemany(
            "UPDATE symptoms SET recorded_at = ? WHERE episode_id = ? AND date = ?"
            " AND recorded_at IS NULL AND code IN (SELECT value FROM json_each(?))",
            [(later, episode, day, json.dumps(codes_back.split(",")))
             for episode, day, codes_back in zip(episode_ids, days, signs or [""] * len(days), strict=True)
             if codes_back])
        return marked

    def seen(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """The "seen about this" actions. Columns: episode_id, code, seen_date, seen_by, recorded_at, signs_after,
        signs_day_before, signs_filled_in.

        signs_after: the warning signs (codes, comma-separated; "" for none) logged on the mark's own date and
        saved after the mark was recorded (from the diary form, or so stamped by the import of a mark "before it
        came back"). Why: the engine reads such a sign as one that came back after the person was seen, not one
        the mark is about (analysis.alerts.seen_after).
        signs_day_before: the signs logged the day before the mark's date (same form). Why: numbness or weakness
        is an emergency only on a second day running; saved after an emergency mark on a first day, it is a
        new warning, not the emergency back (review 6).
        signs_filled_in: the signs dated before the mark's date but saved after the mark (a past day filled in on
        Today, or imported, after the visit). Why: nobody has assessed them; the mark must not close them (review 34:
        "cannot move a leg" filled in for the day before a visit about saddle numbness was closed by it).
        """
        where, params = episode_filter("a.episode_id", episode_ids)
        # an older diary opened read-only (so not upgraded, m010) has no save times: nothing was saved after
        stamped = self._rows("SELECT 1 FROM pragma_table_info('symptoms') WHERE name = 'recorded_at'")
        signs_after = ("coalesce((SELECT group_concat(s.code, ',') FROM symptoms s WHERE s.episode_id = a.episode_id"
                       " AND s.date = a.seen_date AND s.recorded_at > a.recorded_at), '')" if stamped else "''")
        day_before = ("coalesce((SELECT group_concat(s.code, ',') FROM symptoms s WHERE s.episode_id = a.episode_id"
                      " AND s.date = date(a.seen_date, '-1 day')), '')")
        filled_in = ("coalesce((SELECT group_concat(s.code, ',') FROM symptoms s WHERE s.episode_id = a.episode_id"
                     " AND s.date < a.seen_date AND s.recorded_at > a.recorded_at), '')" if stamped else "''")
        frame = self._frame(
            f"SELECT a.episode_id, a.code, a.seen_date, a.seen_by, a.recorded_at, {signs_after} AS signs_after,"
            f" {day_before} AS signs_day_before, {filled_in} AS signs_filled_in FROM alert_seen a {where}"
            " ORDER BY a.episode_id, a.code, a.seen_date", params)
        frame["episode_id"] = frame["episode_id"].astype("int64")
        frame["seen_date"] = pd.to_datetime(frame["seen_date"], format="%Y-%m-%d")
        return frame
