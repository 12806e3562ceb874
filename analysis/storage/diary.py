"""The diary database: the only module that speaks SQL.

A :class:`Diary` wraps one SQLite file through sqlite-utils. Why it looks the
way it does:

* One connection is shared by all Streamlit sessions (two browser tabs), so
  every read and write holds one lock: sqlite3 mixes the transactions of
  threads that share a connection (ECOSYSTEM.md §1), and a row written by one
  tab must never vanish with another tab's rollback.
* Every write runs inside ``db.atomic()``: it all lands or none of it does, and
  WAL mode means a crash mid-write leaves the last committed diary intact.
* Values are checked in Python first (a message naming the field) and again by
  CHECK constraints in the schema (analysis.storage.migrations).

Readers return the long frames described in analysis.model.columns.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from analysis.model import columns as c
from analysis.model.errors import DiaryDamaged, DiaryReadOnly, DiaryTooNew, DiaryUnusable, NotFound, ValidationError
from analysis.model.limits import check_dose, check_values
from analysis.model.screening import QUESTIONS
from analysis.model.vocabulary import SYMPTOM_CODES, drug_class
from analysis.storage import bulk
from analysis.storage.bulk import WriteResult
from analysis.storage.common import episode_filter, iso
from analysis.storage.guard import BUSY_TIMEOUT_MS, begin_immediate, check_header, translate
from analysis.storage.migrations import migrations
from analysis.storage.plan_store import PlanStore

DEFAULT_PATH = Path.home() / ".backtrack" / "diary.db"
ENV_VAR = "BACKTRACK_DB"
KEEP_BACKUPS = 5  # automatic backups kept beside the diary (the oldest go first)


def default_path() -> Path:
    """The diary file: $BACKTRACK_DB if set, else ~/.backtrack/diary.db."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser()


@dataclass(frozen=True)
class ActivityMerge:
    """What merging a tracker's minutes did: days filled, days whose earlier tracker minutes were
    corrected, days already the same, days whose typed minutes were kept (the tracker said
    otherwise), and dates with no diary day to put them on."""

    added: int = 0
    updated: int = 0  # minutes the tracker itself wrote before, corrected
    unchanged: int = 0
    kept: int = 0
    skipped: int = 0

    def __add__(self, other: ActivityMerge) -> ActivityMerge:
        return ActivityMerge(self.added + other.added, self.updated + other.updated,
                             self.unchanged + other.unchanged, self.kept + other.kept, self.skipped + other.skipped)


@dataclass(frozen=True)
class Dose:
    """One medicine on one day: `count` doses of `dose_mg` each."""

    medicine: str
    dose_mg: float
    count: int = 1


@dataclass
class DayEntry:
    """Everything a patient logs for one date of one episode."""

    date: dt.date
    pain: float
    worst_pain: float | None = None
    activity_minutes: float | None = None
    bed_rest_hours: float | None = None
    notes: str = ""
    doses: list[Dose] = field(default_factory=list)
    symptoms: list[str] = field(default_factory=list)


class Diary(PlanStore):
    """A patient diary in one SQLite file; safe to share between threads."""

    def __init__(self, path: str | Path | None = None, *, keep_backups: int = KEEP_BACKUPS) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.keep_backups = keep_backups
        self.read_only = False
        self.too_new: list[str] = []  # migrations recorded in the file that this version does not know
        self._lock = threading.RLock()
        memory = str(self.path) == ":memory:"
        if not memory:
            check_header(self.path)
        try:
            self.db = Database(self._connect(memory))
            self.db.execute("PRAGMA foreign_keys = ON")
            if not memory and not self.read_only:
                self.db.enable_wal()
            self._migrate()
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _connect(self, memory: bool) -> sqlite3.Connection:
        """A connection: read-write where the folder allows it, else read-only (reading still works)."""
        timeout = BUSY_TIMEOUT_MS / 1000
        if memory:
            return sqlite3.connect(":memory:", check_same_thread=False, timeout=timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            writable = os.access(self.path.parent, os.W_OK) and (
                not self.path.exists() or os.access(self.path, os.W_OK))
        except OSError:
            writable = False
        if writable:
            try:
                return sqlite3.connect(str(self.path), check_same_thread=False, timeout=timeout)
            except sqlite3.OperationalError:
                pass
        if not self.path.exists():
            raise DiaryReadOnly(f"{self.path} cannot be created there; choose a folder you can write to.")
        self.read_only = True
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # a WAL diary without its -shm file, in a folder nobody can write
            conn.close()
            conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        return conn

    def _migrate(self) -> None:
        """Bring the schema up to date (after an automatic backup); refuse to touch a newer diary's schema."""
        known = {m.name for m in migrations._migrations}
        recorded: set[str] = set()
        if self.db["_sqlite_migrations"].exists():
            recorded = {r[0] for r in self.db.execute("SELECT name FROM _sqlite_migrations")}
        self.too_new = sorted(recorded - known)
        if self.too_new or self.read_only:
            return
        if recorded and len(recorded & known) < len(known):
            self.auto_backup("migration")
        migrations.apply(self.db)

    def close(self) -> None:
        """Close the connection (the file stays)."""
        with self._lock:
            self.db.conn.close()

    def _writable(self) -> None:
        """Refuse a write before it starts: read-only location or a diary from a newer version."""
        if self.too_new:
            raise DiaryTooNew(f"{self.path} was made by a newer version of Backtrack (it has {self.too_new[0]}); "
                              "update Backtrack to change it (reading still works).")
        if self.read_only:
            raise DiaryReadOnly(f"{self.path} is in a place that cannot be changed; reading works, but to "
                                "write move the diary to a folder you can write to.")

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Hold the lock and run the block as one BEGIN IMMEDIATE transaction (nested: a savepoint).

        The write lock is taken at the start (waiting, with a bounded retry, for
        another writer such as a CLI import), so a write never fails half-way
        because someone else is writing; SQLite failures become one sentence.
        """
        with self._lock:
            if self.db.conn.in_transaction:
                with self.db.atomic() as db:
                    yield db
                return
            self._writable()
            begin_immediate(self.db.conn, self.path)
            try:
                yield self.db
                self.db.conn.execute("COMMIT")
            except sqlite3.Error as error:
                self.db.rollback()
                raise translate(error, self.path) from None
            except BaseException:
                self.db.rollback()
                raise

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            try:
                return self.db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as error:
                raise translate(error, self.path) from None

    def _frame(self, sql: str, params: Iterable = ()) -> pd.DataFrame:
        with self._lock:
            try:
                return pd.read_sql_query(sql, self.db.conn, params=tuple(params))
            except (sqlite3.Error, pd.errors.DatabaseError) as error:
                cause = error.__cause__ if isinstance(error.__cause__, sqlite3.Error) else error
                raise translate(cause, self.path) from None  # type: ignore[arg-type]

    # ---- patients and episodes -------------------------------------------------
    def patient_names(self) -> list[str]:
        """Every patient's name, alphabetically."""
        return [r[0] for r in self._rows("SELECT name FROM patients ORDER BY name")]

    def ensure_patient(self, name: str) -> int:
        """Return the id of patient `name`, adding the patient if new."""
        name = (name or "").strip()
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
            if changes:
                db["episodes"].update(episode_id, changes)

    def delete_patient(self, name: str) -> None:
        """Delete a patient with all their episodes and diary days."""
        with self.transaction() as db:
            if db.execute("DELETE FROM patients WHERE name = ?", (name,)).rowcount == 0:
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

    def _require_episode(self, episode_id: int) -> None:
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        if not self.db.execute("SELECT 1 FROM episodes WHERE id = ?", (episode_id,)).fetchone():
            raise NotFound(f"There is no episode number {episode_id} in this diary.")

    # ---- diary days ----------------------------------------------------------------
    def save_entry(self, episode_id: int, entry: DayEntry) -> str:
        """Add the day, or replace it if that date is already logged.

        Returns "added" or "updated", so the page can say which happened.
        """
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        self._check_entry(entry)
        day = iso(entry.date)
        with self.transaction() as db:
            self._require_episode(episode_id)
            existed = db.execute("SELECT 1 FROM entries WHERE episode_id = ? AND date = ?",
                                 (episode_id, day)).fetchone() is not None
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
            db.execute("DELETE FROM symptoms WHERE episode_id = ? AND date = ?", (episode_id, day))
            db.conn.executemany(
                "INSERT INTO doses(episode_id, date, position, medicine, dose_mg, count) VALUES (?, ?, ?, ?, ?, ?)",
                [(episode_id, day, position, d.medicine, d.dose_mg, int(d.count))
                 for position, d in enumerate(entry.doses)])
            db.conn.executemany("INSERT INTO symptoms(episode_id, date, code) VALUES (?, ?, ?)",
                                [(episode_id, day, code) for code in dict.fromkeys(entry.symptoms)])
        return "updated" if existed else "added"

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
        doses = [Dose(m, mg, n) for m, mg, n in self._rows(
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

    def doses(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Medicine doses as the long `doses` frame (analysis.model.columns.DOSE_COLUMNS), in entry order."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._frame(f"SELECT episode_id, date, medicine, dose_mg, count FROM doses {where}"
                            " ORDER BY episode_id, date, position", params)
        frame[c.DATE] = pd.to_datetime(frame[c.DATE], format="%Y-%m-%d")
        frame[c.MEDICINE] = frame[c.MEDICINE].astype("str")
        frame[c.DRUG_CLASS] = frame[c.MEDICINE].map(drug_class).astype("str")
        frame[c.DOSE_MG] = frame[c.DOSE_MG].astype(float)
        frame[c.COUNT] = frame[c.COUNT].astype(int)
        frame[c.TOTAL_MG] = frame[c.DOSE_MG] * frame[c.COUNT]
        return frame[c.DOSE_COLUMNS]

    def symptoms(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """Warning symptoms as the long `symptoms` frame (analysis.model.columns.SYMPTOM_COLUMNS)."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._frame(f"SELECT episode_id, date, code AS symptom FROM symptoms {where}"
                            " ORDER BY episode_id, date, code", params)
        frame[c.DATE] = pd.to_datetime(frame[c.DATE], format="%Y-%m-%d")
        frame[c.SYMPTOM] = frame[c.SYMPTOM].astype("str")
        return frame[c.SYMPTOM_COLUMNS]

    # ---- bulk writes (import) ----------------------------------------------------
    def write_diary(self, entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                    cleared: pd.DataFrame | None = None) -> WriteResult:
        """Write validated import frames in one transaction (see analysis.storage.bulk.write_diary)."""
        if not self.db.conn.in_transaction:
            self.auto_backup("import")
        return bulk.write_diary(self, entries, doses, symptoms, cleared)

    def merge_activity(self, patient: str, activity: pd.DataFrame) -> ActivityMerge:
        """Put activity minutes from an activity tracker (DATE, ACTIVITY) into the patient's logged days.

        Each date goes to the patient's latest episode that started on or before
        it. Only days already in the diary are changed (a day needs a pain score).
        A day without minutes gets the tracker's; minutes a tracker wrote before
        are corrected (its export may have ended mid-day); minutes the person
        typed are theirs and are kept (counted in `kept`), never overwritten.
        """
        rows = [(float(minutes), iso(day)) for day, minutes in zip(activity[c.DATE], activity[c.ACTIVITY],
                                                                   strict=True) if minutes == minutes]
        check_values({c.ACTIVITY: max((m for m, _ in rows), default=None)})
        counts = {"added": 0, "updated": 0, "unchanged": 0, "kept": 0, "skipped": 0}
        with self.transaction() as db:
            found = db.execute("SELECT id FROM patients WHERE name = ?", (patient,)).fetchone()
            if not found:
                raise NotFound(f"There is no patient called {patient!r} to add activity to; import their "
                               "diary first.")
            for minutes, day in rows:
                stored = db.execute("""
                    SELECT episode_id, activity_minutes, activity_source FROM entries WHERE date = ? AND episode_id = (
                        SELECT id FROM episodes WHERE patient_id = ? AND onset_date <= ?
                        ORDER BY onset_date DESC LIMIT 1)""", (day, found[0], day)).fetchone()
                if stored is None:
                    counts["skipped"] += 1
                elif stored[1] is not None and abs(stored[1] - minutes) < 1e-9:
                    counts["unchanged"] += 1
                elif stored[1] is not None and stored[2] != "tracker":
                    counts["kept"] += 1
                else:
                    db.execute("UPDATE entries SET activity_minutes = ?, activity_source = 'tracker'"
                               " WHERE episode_id = ? AND date = ?", (minutes, stored[0], day))
                    counts["added" if stored[1] is None else "updated"] += 1
        return ActivityMerge(**counts)

    # ---- backup ----------------------------------------------------------------------
    def backup(self, path: str | Path) -> None:
        """Copy the whole diary into one SQLite file at `path` (safe while the app is running).

        The copy is written to a temporary file beside `path` and renamed, so a
        full disk never leaves a half-written backup behind.
        """
        path = Path(path)
        partial = path.with_name(f".{path.name}.partial")
        try:
            target = sqlite3.connect(str(partial))
            try:
                with self._lock:
                    self.db.conn.backup(target)
            finally:
                target.close()
            os.replace(partial, path)
        except sqlite3.Error as error:
            raise translate(error, path) from None
        finally:
            partial.unlink(missing_ok=True)

    def backup_folder(self) -> Path:
        """Where automatic backups go: beside the diary."""
        return self.path.parent

    def automatic_backups(self) -> list[Path]:
        """The automatic backups of this diary, newest first (file names carry their time)."""
        if str(self.path) == ":memory:":
            return []
        return sorted(self.backup_folder().glob(f"{self.path.stem}.backup-*.db"), reverse=True)

    def auto_backup(self, reason: str) -> Path | None:
        """Copy the diary beside itself before a migration, import or restore; keep the newest `keep_backups`.

        Returns the copy, or None when there is nothing worth keeping (an
        in-memory or empty diary, backups turned off, a read-only folder).
        """
        if str(self.path) == ":memory:" or self.keep_backups <= 0 or self.read_only:
            return None
        if not self._rows("SELECT 1 FROM sqlite_master WHERE name = 'episodes'") or self.is_empty():
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_folder() / f"{self.path.stem}.backup-{stamp}-{reason}.db"
        self.backup(target)
        for old in self.automatic_backups()[self.keep_backups:]:
            old.unlink(missing_ok=True)
        return target

    def restore(self, path: str | Path) -> None:
        """Replace this diary with a backup made by `backup` (checked first; all or nothing).

        The backup must pass SQLite's integrity_check and foreign_key_check, so
        no dose or symptom on a day that does not exist is copied in; the diary
        it replaces is kept as an automatic backup first.
        """
        name = Path(path).name
        self._writable()
        try:
            check_header(Path(path))
        except DiaryUnusable:
            raise ValidationError(f"{name} is not a Backtrack backup.") from None
        source = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            try:
                names = {r[0] for r in source.execute("SELECT name FROM _sqlite_migrations")}
                healthy = source.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                orphans = source.execute("PRAGMA foreign_key_check").fetchall()
            except sqlite3.DatabaseError:
                raise ValidationError(f"{name} is not a Backtrack backup.") from None
            known = {m.name for m in migrations._migrations}
            unknown = names - known
            if not names or unknown:
                raise ValidationError(f"{name} is not a Backtrack backup this version can read.")
            if not healthy:
                raise DiaryDamaged(f"{name} is damaged (it fails SQLite's integrity check); choose another backup.")
            if orphans:
                table = orphans[0][0]
                raise DiaryDamaged(f"{name} has {len(orphans)} row(s) in {table} pointing at diary days that do not "
                                   "exist; choose another backup.")
            self.auto_backup("restore")
            with self._lock:
                source.backup(self.db.conn)
            migrations.apply(self.db)
        except sqlite3.Error as error:
            raise translate(error, self.path) from None
        finally:
            source.close()

    # ---- alert acknowledgements ----------------------------------------------------
    def acknowledge(self, episode_id: int, code: str, fingerprint: str) -> None:
        """Remember that the person has seen this alert run (hidden until the situation changes)."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("INSERT INTO acknowledgements(episode_id, code, fingerprint) VALUES (?, ?, ?)"
                       " ON CONFLICT(episode_id, code) DO UPDATE SET fingerprint = excluded.fingerprint,"
                       " acknowledged_at = datetime('now')", (episode_id, code, fingerprint))

    def acknowledged(self) -> set[tuple[int, str]]:
        """(episode_id, fingerprint) of every acknowledged alert run."""
        return {(int(e), f) for e, f in self._rows("SELECT episode_id, fingerprint FROM acknowledgements")}

    # ---- "I have been seen about this" -----------------------------------------------
    def mark_seen(self, episode_id: int, code: str, seen_date: dt.date | str, by: str = "patient") -> None:
        """Record that a clinician assessed the person about alert `code` on `seen_date`.

        Why: a red flag stays active until this is recorded (analysis.alerts.engine); the
        date matters, since a report dated after it starts the alert again.
        """
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        if by not in ("patient", "clinician"):
            raise ValidationError(f"seen by: {by!r} is not 'patient' or 'clinician'.")
        if not (code or "").strip():
            raise ValidationError("code: the alert code that was seen is needed.")
        day = iso(seen_date)
        with self.transaction() as db:
            self._require_episode(episode_id)
            db.execute("INSERT INTO alert_seen(episode_id, code, seen_date, seen_by) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT(episode_id, code, seen_date) DO UPDATE SET seen_by = excluded.seen_by,"
                       " recorded_at = datetime('now')", (episode_id, code.strip(), day, by))

    def seen(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """The "seen about this" actions. Columns: episode_id, code, seen_date, seen_by, recorded_at."""
        where, params = episode_filter("episode_id", episode_ids)
        frame = self._frame(f"SELECT episode_id, code, seen_date, seen_by, recorded_at FROM alert_seen {where}"
                            " ORDER BY episode_id, code, seen_date", params)
        frame["episode_id"] = frame["episode_id"].astype("int64")
        frame["seen_date"] = pd.to_datetime(frame["seen_date"], format="%Y-%m-%d")
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

        Columns: episode_id, question, answer (True, False or None when not answered), answered_at.
        """
        where, params = episode_filter("episode_id", episode_ids)
        if not self._rows("SELECT 1 FROM sqlite_master WHERE name = 'episode_screening'"):
            # an older diary opened read-only (so not upgraded) has no answers yet
            return pd.DataFrame({"episode_id": pd.Series(dtype="int64"), "question": pd.Series(dtype="str"),
                                 "answer": pd.Series(dtype=object), "answered_at": pd.Series(dtype="str")})
        frame = self._frame(f"SELECT episode_id, question, answer, answered_at FROM episode_screening {where}"
                            " ORDER BY episode_id, question", params)
        frame["episode_id"] = frame["episode_id"].astype("int64")
        frame["answer"] = pd.Series([None if pd.isna(a) else bool(a) for a in frame["answer"]],
                                    index=frame.index, dtype=object)
        return frame

    def revision(self) -> tuple[int, int]:
        """Changes whenever the diary changes (here or in another process): a key for caching analyses."""
        with self._lock:
            data_version = self.db.execute("PRAGMA data_version").fetchone()[0]
            return int(data_version), int(self.db.conn.total_changes)

    def is_empty(self) -> bool:
        """True when no episode has been started yet (first start)."""
        return not self._rows("SELECT 1 FROM episodes LIMIT 1")
