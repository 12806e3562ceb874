"""Backups of the whole diary: by hand, automatic before risky changes, and restore.

A mixin of ``Diary``. A backup is one SQLite file written beside its target and
renamed, so a full disk never leaves half a backup; a restore is checked first
(integrity, foreign keys, known migrations) and keeps the diary it replaces.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.model.errors import DiaryBusy
from analysis.storage.backup_checks import in_page_size, open_backup, read_only_uri
from analysis.storage.backup_names import (
    automatic_backups,
    backup_words,
    finished_name,
    is_pending,
    new_backup_name,
    to_prune,
)
from analysis.storage.connection import DiaryConnection, keep_private
from analysis.storage.guard import BUSY_TIMEOUT_MS, translate
from analysis.storage.migrations import migrations

__all__ = ["RESTORE_BUSY", "BackupStore", "automatic_backups", "backup_words", "open_backup", "replace_damaged"]


class BackupStore(DiaryConnection):
    """Backup, automatic backups and restore."""

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
            keep_private(partial)
            try:
                with self._lock:
                    self.db.conn.backup(target)
                # one self-contained file: the diary's WAL mode, copied with its pages, made reading the copy write
                # -wal and -shm files beside it, and a copy on a read-only stick unreadable (review 18)
                target.execute("PRAGMA journal_mode=DELETE")
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
        return automatic_backups(self.path)

    @contextmanager
    def import_batch(self) -> Iterator[None]:
        """Imports made inside (on this thread) share one automatic backup, taken before the first of them.

        Why: the copy to restore after a batch is the diary as it was before the whole batch. With one per file,
        a batch of more files than `keep_backups` pushed that copy out (only copies made mid-batch were kept),
        and every file of a large batch copied the whole diary again.
        """
        batches = self.__dict__.setdefault("_import_batches", {})
        me = threading.get_ident()
        outer = me in batches
        batches.setdefault(me, False)  # False: no import yet; the first import's backup is the batch's
        try:
            yield
        finally:
            if not outer:
                batches.pop(me, None)

    def backup_before_import(self) -> Path | None:
        """The automatic backup an import takes first: one per import, or one per batch (`import_batch`).
        Returns the new copy, not yet counted against `keep_backups`: `kept_import_backup` decides once the
        import has said whether it changed anything."""
        batches = self.__dict__.get("_import_batches", {})
        me = threading.get_ident()
        if batches.get(me):
            return None  # this batch's first import took it (or found an empty diary, nothing to keep)
        taken = self.auto_backup("import", prune=False)
        if taken is not None:  # whether the import commits is read from the diary itself (kept_import_backup)
            self.__dict__.setdefault("_commit_watches", {})[taken] = _CommitWatch(self.path)
        if me in batches:
            batches[me] = True
        return taken

    def kept_import_backup(self, taken: Path | None, changed: bool) -> None:
        """Keep the copy an import took when the import changed the diary (then the oldest beyond `keep_backups`
        go); drop it when it changed nothing, so the batch's next import takes one. Why: five re-runs of an
        unchanged file left five identical copies and pushed out the one from before the last real change
        (review 10).

        Called while an exception is on its way out of the import (`changed` is then False: the code did not
        reach its end), the diary is asked whether the import's transaction committed: Ctrl+C arriving as the
        COMMIT returns leaves the file imported, and deleting the copy then lost the diary as it was before it
        (review 26). `import_went_in_when_stopped` then says so to the command that was stopped."""
        if taken is None:
            return
        watch = self.__dict__.get("_commit_watches", {}).pop(taken, None)
        stopped = sys.exc_info()[1] is not None
        committed = watch.committed() if watch is not None and stopped and not changed else False
        if watch is not None:
            watch.close()
        if committed:
            self.__dict__.setdefault("_went_in_when_stopped", set()).add(threading.get_ident())
        if changed or committed:
            self._keep_copy(taken)
            return
        taken.unlink(missing_ok=True)
        batches = self.__dict__.get("_import_batches", {})
        if threading.get_ident() in batches:
            batches[threading.get_ident()] = False

    def import_went_in_when_stopped(self) -> bool:
        """True (once) when the last import on this thread was stopped by an exception after its transaction had
        committed: the file is in the diary, and its automatic backup is kept (kept_import_backup)."""
        went, me = self.__dict__.setdefault("_went_in_when_stopped", set()), threading.get_ident()
        if me not in went:
            return False
        went.discard(me)
        return True

    def auto_backup(self, reason: str, prune: bool = True) -> Path | None:
        """Copy the diary beside itself before a migration, import or restore; keep the newest `keep_backups`.

        Returns the copy, or None when there is nothing worth keeping (an
        in-memory or empty diary, backups turned off, a read-only folder).
        """
        if str(self.path) == ":memory:" or self.keep_backups <= 0 or self.read_only:
            return None
        if not self._rows("SELECT 1 FROM sqlite_master WHERE name = 'episodes'") or self.is_empty():
            return None
        target = new_backup_name(self.path, self.backup_folder(), reason, pending=not prune)
        self.backup(target)
        if prune:
            self._prune_backups()
        return target

    def _keep_copy(self, taken: Path) -> None:
        """The import or restore that took the pending copy `taken` went ahead: the copy now counts among the
        `keep_backups` kept (analysis.storage.backup_names.to_prune), and the oldest beyond them go."""
        if is_pending(taken):
            try:
                os.replace(taken, finished_name(taken))
            except OSError:  # still listed as it is, and kept while newer than the copies counted
                pass
        self._prune_backups()

    def _prune_backups(self) -> None:
        """Delete the automatic backups beyond the newest `keep_backups` (copies never finished do not count)."""
        for old in to_prune(self.path, self.keep_backups):
            old.unlink(missing_ok=True)

    def restore(self, path: str | Path) -> None:
        """Replace this diary with a backup made by `backup` (checked first; all or nothing).

        The backup must pass SQLite's integrity_check and foreign_key_check, so
        no dose or symptom on a day that does not exist is copied in; the diary
        it replaces is kept as an automatic backup first.
        """
        self._writable()
        source = open_backup(Path(path))
        kept: Path | None = None
        converted = self.path.with_name(f".{self.path.name}.restore-partial")
        try:
            source = in_page_size(source, self._rows("PRAGMA page_size")[0][0], converted)
            # the copy of the diary as it is now is taken first, but counted (and the oldest pruned) only once the
            # restore went ahead: a restore refused as busy had pruned the very backup being restored (review 26)
            kept = self.auto_backup("restore", prune=False)
            with self._lock:
                source.backup(self.db.conn, progress=_give_up_when_busy())
                self._restores += 1  # a new revision: the pages' caches must not show the diary replaced
        except BaseException as error:
            if kept is not None:  # refused or failed: the diary is as it was, and so is the list of its copies
                kept.unlink(missing_ok=True)
            if isinstance(error, sqlite3.Error):
                raise translate(error, self.path) from None
            raise
        finally:
            source.close()
            converted.unlink(missing_ok=True)
        if kept is not None:
            self._keep_copy(kept)
        try:
            migrations.apply(self.db)
        except sqlite3.Error as error:
            raise translate(error, self.path) from None


class _CommitWatch:
    """Tells whether any connection committed to the diary file since it was made: SQLite's `data_version` seen
    from a connection of its own, which moves with every commit made through another connection (the diary's).

    Why a connection of its own: the diary's connection sees no data_version change for its own commits, and
    after an exception its transaction state no longer says whether COMMIT completed. Another program's commit
    in the meantime also counts: the copy is then kept, the safe side."""

    def __init__(self, path: Path) -> None:
        self.conn: sqlite3.Connection | None = None
        try:
            self.conn = sqlite3.connect(read_only_uri(path, locking=True), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            self.version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:  # cannot watch: the copy is kept whenever the import is stopped (the safe side)
            self.close()

    def committed(self) -> bool:
        if self.conn is None:
            return True
        try:
            return bool(self.conn.execute("PRAGMA data_version").fetchone()[0] != self.version)
        except sqlite3.Error:
            return True

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def replace_damaged(diary: Path, backup: Path) -> Path:
    """Put the checked `backup` in the place of the diary file `diary`, which SQLite cannot open (damaged), and
    return where the damaged file went: renamed beside it as `<stem>.damaged-<time>.db` (with its -wal and -shm,
    which are part of it), never deleted, so whatever a recovery tool can still read of it is kept.

    Why not `Diary.restore`: that opens the diary first, and a diary whose own bookkeeping pages are damaged
    cannot be opened; the error sentence then sent people to the very restore that refused (review 10).
    """
    source = open_backup(backup)
    partial = diary.with_name(f".{diary.name}.partial")
    _not_in_use(diary, source)
    try:
        target = sqlite3.connect(partial)
        keep_private(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        kept = diary.with_name(f"{diary.stem}.damaged-{stamp}.db")
        for suffix in ("", "-wal", "-shm"):
            old = diary.with_name(diary.name + suffix)
            if old.exists():
                os.replace(old, kept.with_name(kept.name + suffix))
        os.replace(partial, diary)
    except sqlite3.Error as error:
        raise translate(error, diary) from None
    finally:
        source.close()
        partial.unlink(missing_ok=True)
    return kept


def _not_in_use(diary: Path, source: sqlite3.Connection) -> None:
    """RESTORE_BUSY when another program holds the damaged diary's write lock (the app saving): renamed from under
    that program, its writes went to the damaged copy and were lost to the diary (review 19). Checked by taking
    the lock and letting it go at once (a connection kept open across the rename would tidy up the new file's
    -wal by name when it closed). A file SQLite cannot even lock is in no program's use."""
    try:
        holder = sqlite3.connect(diary, timeout=0.1, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        holder.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            source.close()
            raise DiaryBusy(RESTORE_BUSY) from None
    except sqlite3.Error:
        pass
    finally:
        holder.close()



RESTORE_BUSY = "The diary is busy with an import or save, so it was not restored; try again in a moment."


def _give_up_when_busy() -> Callable[[int, int, int], None]:
    """A `Connection.backup` progress callback that stops a restore after the busy timeout.

    Why: sqlite3's backup retries a locked destination forever (it sleeps and steps again while the step says
    SQLITE_BUSY or SQLITE_LOCKED), so a restore started while another program held the diary's write lock
    hung with no word; every other write says the diary is busy after a bounded wait. Nothing is copied until
    a step succeeds, so stopping here leaves the diary as it was.
    """
    busy_since: dict[str, float] = {}

    def progress(status: int, remaining: int, total: int) -> None:
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            busy_since.clear()
            return
        first = busy_since.setdefault("at", time.monotonic())
        if time.monotonic() - first >= BUSY_TIMEOUT_MS / 1000:
            raise DiaryBusy(RESTORE_BUSY)

    return progress
