"""The diary's SQLite connection: opening the file, the one lock, transactions and raw reads.

Why it looks the way it does:

* One connection is shared by all Streamlit sessions (two browser tabs), so
  every read and write holds one lock: sqlite3 mixes the transactions of
  threads that share a connection (ECOSYSTEM.md §1), and a row written by one
  tab must never vanish with another tab's rollback.
* Every write runs inside ``transaction()`` (BEGIN IMMEDIATE): it all lands or
  none of it does, and WAL mode means a crash mid-write leaves the last
  committed diary intact.
* A folder that cannot be written still opens the diary read-only, so reading works.

The storage mixins (episodes, entries, backups, ...) inherit this class and
build on ``transaction()``, ``_rows()`` and ``_frame()``; ``analysis.storage.diary.Diary``
composes them.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from analysis.model.errors import DiaryReadOnly, DiaryReplaced, DiaryTooNew, NotADiary, NotFound
from analysis.storage.guard import BUSY_TIMEOUT_MS, begin_immediate, check_header, translate

DEFAULT_PATH = Path.home() / ".backtrack" / "diary.db"
ENV_VAR = "BACKTRACK_DB"
KEEP_BACKUPS = 5  # automatic backups kept beside the diary (the oldest go first)


def default_path() -> Path:
    """The diary file: $BACKTRACK_DB if set, else ~/.backtrack/diary.db."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).expanduser()


# The diary holds health data: its folder and files are for their owner alone (SECURITY.md), whatever the umask
# (the usual 022 made ~/.backtrack 0755 and diary.db 0644, readable by every account on a shared computer: review 10).
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def keep_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Make the file at `path` readable and writable by its owner only (a diary, a backup, an export); with
    PRIVATE_FOLDER, a folder that only its owner may enter."""
    try:
        os.chmod(path, mode)
    except OSError:  # a file system without Unix permissions: nothing to narrow
        pass


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode), None when there is none: a file renamed aside keeps its own."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


# Connections to a diary file that was replaced (renamed aside by `restore`) are never closed: SQLite, closing the
# last connection to a WAL file, checkpoints it and deletes the -wal and -shm files by name, which are now the
# restored diary's (its days not yet checkpointed would be gone). They are let go when the program ends.
_SET_ASIDE: list[sqlite3.Connection] = []


def _set_aside(conn: sqlite3.Connection) -> None:
    """Keep `conn`, open on a file renamed away from the diary's path, open until the program ends."""
    _SET_ASIDE.append(conn)


def kept_with_diary(diary: Path, path: Path) -> bool:
    """True when writing `path` would overwrite the diary file `diary` or a file kept with it: SQLite's -wal,
    -shm and -journal files and the automatic backups beside it (`<stem>.backup-*.db`), by name or, for a link,
    by being the same file. Why: `export --db diary.db -o diary.db` replaced the diary with its own CSV and said
    it had written it (review 10)."""
    if str(diary) == ":memory:":
        return False
    here, there = diary.resolve(), path.resolve()
    if there.exists() and here.exists() and os.path.samefile(here, there):
        return True
    if there.parent != here.parent:
        return False
    return (there.name in {here.name, f"{here.name}-wal", f"{here.name}-shm", f"{here.name}-journal"}
            or there.match(f"{here.stem}.backup-*.db"))


class DiaryConnection:
    """One SQLite file opened through sqlite-utils, shared safely between threads (no schema work here)."""

    def __init__(self, path: str | Path | None = None, *, keep_backups: int = KEEP_BACKUPS) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.keep_backups = keep_backups
        self.read_only = False
        self.too_new: list[str] = []  # migrations recorded in the file that this version does not know
        self._lock = threading.RLock()
        self._restores = 0  # restores through this connection: SQLite's backup API moves no revision counter
        self._open()

    def _open(self) -> None:
        """Open the file at `path` as `db` and remember which file it is (`_file`, see `replaced`)."""
        memory = str(self.path) == ":memory:"
        if not memory:
            check_header(self.path)
        try:
            self.db = Database(self._connect(memory))
            self._file = None if memory else _identity(self.path)
            self._refuse_another_programs_database()
            self.db.execute("PRAGMA foreign_keys = ON")
            if not memory and not self.read_only:
                self.db.enable_wal()
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _migrate(self) -> None:
        """Bring a newly opened file's schema up to date: nothing here, ``Diary`` does it."""

    def replaced(self) -> bool:
        """True when the file at `path` is no longer the one this connection has open: `restore` put a backup in
        the place of a damaged diary (renaming the damaged one aside), or the diary was moved or deleted.

        Why: an open connection follows its file, not its name; the app's shared connection kept writing to the
        renamed damaged copy and said "saved", and the diary at the path never had those days (review 26)."""
        if self._file is None:
            return False
        return _identity(self.path) != self._file

    def follow_replacement(self) -> bool:
        """When the diary at `path` was replaced (`replaced`), open the file now there instead (under the lock,
        so no read or write is half on each); True when it did. A diary moved away with nothing in its place
        stays open as it is: nothing is created in its place, and every write is refused (`transaction`)."""
        with self._lock:
            if not self.replaced() or not self.path.exists():
                return False
            old, state = self.db, (self.read_only, self.too_new)
            self.read_only, self.too_new = False, []
            try:
                self._open()
                self._migrate()
            except BaseException:
                if self.db is not old:
                    self.db.conn.close()
                self.db, (self.read_only, self.too_new) = old, state
                raise
            self._restores += int(old.conn.total_changes) + 1  # revision() keeps growing on the new connection
            _set_aside(old.conn)
            return True

    def _refuse_another_programs_database(self) -> None:
        """Refuse, before anything is written, an SQLite file that holds tables but not Backtrack's migrations
        record: another program's database given as the diary (`summary --db places.sqlite` wrote Backtrack's
        tables into it and switched it to WAL: review 10). An empty database is a new diary."""
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "_sqlite_migrations" not in tables:
            self.db.conn.close()
            raise NotADiary(f"{self.path} is not a Backtrack diary (it is another program's database; nothing in "
                            "it was changed); check the --db path or the BACKTRACK_DB setting.")

    def _connect(self, memory: bool) -> sqlite3.Connection:
        """A connection: read-write where the folder allows it, else read-only (reading still works)."""
        timeout = BUSY_TIMEOUT_MS / 1000
        if memory:
            return sqlite3.connect(":memory:", check_same_thread=False, timeout=timeout)
        try:
            if not self.path.parent.exists():
                self.path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            writable = os.access(self.path.parent, os.W_OK) and (
                not self.path.exists() or os.access(self.path, os.W_OK))
        except OSError:
            writable = False
        if writable:
            new = not self.path.exists()
            try:
                conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=timeout)
            except sqlite3.OperationalError:
                pass
            else:
                if new:  # SQLite gives its -wal and -shm files the diary's own permissions
                    keep_private(self.path)
                return conn
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

    def close(self) -> None:
        """Close the connection (the file stays)."""
        with self._lock:
            if self.replaced():
                _set_aside(self.db.conn)
                return
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
                self._same_file()
                yield self.db
                self._same_file()
                self.db.conn.execute("COMMIT")
            except sqlite3.Error as error:
                self.db.rollback()
                raise translate(error, self.path) from None
            except BaseException:
                self.db.rollback()
                raise

    def _same_file(self) -> None:
        """Refuse a write (before it starts and again before it is committed) when the file at `path` is no longer
        the one open (`replaced`): it would land in a file renamed aside, said saved, and missing from the diary.
        The connection then follows the file now at `path`, so the next write reaches it."""
        if not self.replaced():
            return
        self.db.rollback()
        moved = not self.path.exists()
        if not moved:
            self.follow_replacement()
        raise DiaryReplaced(f"{self.path} was {'moved or deleted' if moved else 'replaced (restored from a backup)'} "
                            "since it was opened, so this was not saved; "
                            + ("put the diary back and try again." if moved else "check what it holds and save again."))

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """The rows of one query, read under the lock; SQLite failures become one sentence."""
        with self._lock:
            try:
                return self.db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as error:
                raise translate(error, self.path) from None

    def _frame(self, sql: str, params: Iterable = ()) -> pd.DataFrame:
        """One query as a frame (its columns are the query's), read under the lock."""
        with self._lock:
            try:
                return pd.read_sql_query(sql, self.db.conn, params=tuple(params))
            except (sqlite3.Error, pd.errors.DatabaseError) as error:
                cause = error.__cause__ if isinstance(error.__cause__, sqlite3.Error) else error
                raise translate(cause, self.path) from None  # type: ignore[arg-type]

    def _require_episode(self, episode_id: int) -> None:
        """Refuse a write to an episode that is not in this diary, naming its number."""
        episode_id = int(episode_id)  # a numpy integer would be bound as a BLOB
        if not self.db.execute("SELECT 1 FROM episodes WHERE id = ?", (episode_id,)).fetchone():
            raise NotFound(f"There is no episode number {episode_id} in this diary.")

    def revision(self) -> tuple[int, int]:
        """Changes whenever the diary changes (here or in another process): a key for caching analyses.

        A restore (BackupStore.restore) replaces the whole file through SQLite's backup API, which moves
        neither data_version (for this connection) nor total_changes: it counts in the second number, which
        so still only grows."""
        with self._lock:
            data_version = self.db.execute("PRAGMA data_version").fetchone()[0]
            return int(data_version), int(self.db.conn.total_changes) + self._restores

    def is_empty(self) -> bool:
        """True when no episode has been started yet (first start)."""
        return not self._rows("SELECT 1 FROM episodes LIMIT 1")
