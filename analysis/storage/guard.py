"""Opening a diary file safely and turning SQLite failures into one sentence.

Why a module of its own: every way a diary file can be unusable (not a
database, damaged, read-only folder, full disk, made by a newer version,
busy with an import) must reach the person as one calm sentence, never a
traceback; the CLI and the dashboard then show it in their one place.
"""
from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from analysis.model.errors import (
    BacktrackError,
    DiaryBusy,
    DiaryDamaged,
    DiaryReadOnly,
    DiskFull,
    NotADiary,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000  # how long one attempt waits for another writer (a CLI import) to finish
# How far a damaged header's file is read for the schema SQLite keeps on its first page (the largest page), and
# the tables whose definitions there make it a diary (every diary has had them since its first migration).
DAMAGED_SCAN_BYTES = 65_536
DIARY_TABLES = (b"episodes", b"entries", b"doses", b"symptoms")
WRITE_ATTEMPTS = 3  # bounded retry: a save waits at most about 15 s before saying the diary is busy
DatabaseError = sqlite3.Error  # a SQLite failure that escaped the diary: the CLI translates it, it imports no sqlite3
BUSY_MESSAGE = "The diary is busy with an import; your entry is kept -- press Save again."

# SQLite primary result codes (https://www.sqlite.org/rescode.html)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite touches it (an empty file is a new diary)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise DiaryReadOnly(f"{path} cannot be read ({error.strerror}).") from None
    if head and head != SQLITE_HEADER:
        if _damaged_database(path):
            raise DiaryDamaged(f"{path} is damaged (its first bytes are not a database's); restore the latest "
                               f"automatic backup with `python -m analysis backups --db {path}` and `restore`.")
        raise NotADiary(f"{path} is not a Backtrack diary (it is not a database file); "
                        "check the --db path or the BACKTRACK_DB setting.")


def _damaged_database(path: Path) -> bool:
    """True when a file without SQLite's header is still laid out as a Backtrack diary: its first page starts as
    a table b-tree page (the byte after the 100-byte header: 0x05 or 0x0D) and its schema names the diary's own
    tables. That is a diary whose header was damaged (a bad sector, a partial write), not another kind of file:
    a spreadsheet, a PDF, or an SQL script that merely says CREATE TABLE (review 23), which `restore` must never
    replace. Why: such a diary was called "not a Backtrack diary, check the --db path", and `restore` refused to
    put its backup in its place (review 21)."""
    try:
        with path.open("rb") as handle:
            first_pages = handle.read(DAMAGED_SCAN_BYTES)
    except OSError:
        return False
    if len(first_pages) < 512 or first_pages[100] not in (0x05, 0x0D):
        return False
    return all(re.search(rb"CREATE TABLE [\[\"`]?" + name + rb"\b", first_pages) for name in DIARY_TABLES)


def translate(error: sqlite3.Error, path: Path | str) -> BacktrackError | sqlite3.Error:
    """The one-sentence error for a SQLite failure on the diary at `path`; other errors come back unchanged."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error).lower()
    if code in (_BUSY, _LOCKED) or "database is locked" in text:
        return DiaryBusy(BUSY_MESSAGE)
    if code == _NOTADB or "not a database" in text:
        return NotADiary(f"{path} is not a Backtrack diary (it is not a database file); "
                         "check the --db path or the BACKTRACK_DB setting.")
    if code == _CORRUPT or "malformed" in text:
        return DiaryDamaged(f"{path} is damaged; restore the latest automatic backup with "
                            f"`python -m analysis backups --db {path}` and `restore`.")
    if code == _FULL or "disk is full" in text:
        return DiskFull(f"The disk holding {path} is full; free some space and try again (nothing was changed).")
    if code in (_READONLY, _CANTOPEN) or "readonly" in text:
        return DiaryReadOnly(f"{path} is in a place that cannot be changed; reading works, but to write "
                             "move the diary to a folder you can write to.")
    if code == _IOERR:
        return DiaryDamaged(f"{path} could not be read or written (disk error); "
                            "restore the latest automatic backup if the problem stays.")
    return error


def begin_immediate(conn: sqlite3.Connection, path: Path | str, attempts: int = WRITE_ATTEMPTS) -> None:
    """Start a write transaction that takes the write lock at once (BEGIN IMMEDIATE).

    Why: a deferred BEGIN that reads before it writes cannot wait for another
    writer (SQLite refuses the upgrade at once with "database is locked");
    BEGIN IMMEDIATE waits under the busy timeout, so writers take turns. After
    `attempts` waits the person is told the diary is busy (DiaryBusy).
    """
    for attempt in range(attempts):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            translated = translate(error, path)
            if not isinstance(translated, DiaryBusy):
                raise translated from None
            if attempt + 1 == attempts:
                raise translated from None
            time.sleep(0.05 * (attempt + 1))
