"""The diary database: ``Diary``, the one entry point to a patient diary in one SQLite file.

``Diary`` composes small storage modules, each with one job:

* analysis.storage.connection: opening the file, the lock, transactions, raw reads;
* analysis.storage.episodes: patients, episodes and set-up screening answers;
* analysis.storage.entries: diary days; analysis.storage.day_details: doses and symptoms;
* analysis.storage.activity: tracker minutes merged into logged days;
* analysis.storage.backups: backup, automatic backups, restore;
* analysis.storage.alerts_seen: alerts put aside or seen about;
* analysis.storage.plan_store: the daily plan's ticks, work hours and answers;
* analysis.storage.bulk: the import's bulk write.

Here: upgrading the schema on open (after an automatic backup) and the import write.
Readers return the long frames described in analysis.model.columns.
"""
from __future__ import annotations

import os  # noqa: F401  (tests written before the split patch analysis.storage.diary.os.access; os is one module)
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.storage import bulk
from analysis.storage.activity import ActivityStore
from analysis.storage.alerts_seen import AlertSeenStore
from analysis.storage.backups import BackupStore
from analysis.storage.bulk import WriteResult
from analysis.storage.connection import DEFAULT_PATH, ENV_VAR, KEEP_BACKUPS, default_path
from analysis.storage.day_details import DayDetailStore
from analysis.storage.entries import EntryStore
from analysis.storage.episodes import EpisodeStore
from analysis.storage.guard import translate
from analysis.storage.migrations import migrations
from analysis.storage.plan_store import PlanStore
from analysis.storage.records import ActivityMerge, DayEntry, Dose, DoseEntry

_KNOWN = frozenset(m.name for m in migrations._migrations)  # the migrations this version knows

__all__ = ["DEFAULT_PATH", "ENV_VAR", "KEEP_BACKUPS", "ActivityMerge", "DayEntry", "Diary", "Dose", "DoseEntry",
           "default_path"]


class Diary(EpisodeStore, EntryStore, DayDetailStore, ActivityStore, BackupStore, AlertSeenStore, PlanStore):
    """A patient diary in one SQLite file; safe to share between threads."""

    def __init__(self, path: str | Path | None = None, *, keep_backups: int = KEEP_BACKUPS) -> None:
        super().__init__(path, keep_backups=keep_backups)
        self._migrate()

    def _migrate(self) -> None:
        """Bring the schema up to date (after an automatic backup); refuse to touch a newer diary's schema.
        Also run when the connection follows a restored diary to its path (`follow_replacement`)."""
        try:
            self._upgrade()
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _upgrade(self) -> None:
        """Apply the pending migrations, after an automatic backup of a diary that has days.

        What is pending is read again, and every migration applied, under the write lock (BEGIN IMMEDIATE), all in
        one transaction. Why: two programs opening an old diary at once (the app and a CLI command after an update)
        both read the same pending migrations and both applied them; the second failed with a raw "table ...
        already exists" (review 26). Now the second waits for the first, finds nothing pending and opens the
        upgraded diary. An up-to-date diary takes no write lock, so opening it never waits for an import.
        """
        self.too_new = sorted(self._recorded(everything=True) - _KNOWN)
        if self.too_new or self.read_only or not self._upgrade_needed():
            return
        if self._recorded():
            self.auto_backup("migration")
        with self.transaction() as db:
            migrations.ensure_migrations_table(db)
            self.too_new = sorted(self._recorded(everything=True) - _KNOWN)  # another program may be newer
            if self.too_new:
                return
            done = self._recorded()
            for migration in migrations._migrations:
                if migration.name not in done:
                    with db.atomic():
                        migration.fn(db)
                        migrations._record_applied(db, migration.name)

    def _recorded(self, everything: bool = False) -> set[str]:
        """The migrations recorded in the file: Backtrack's, or with `everything` every set's."""
        if not self.db["_sqlite_migrations"].exists():
            return set()
        where = "" if everything else " WHERE migration_set = ?"
        return {r[0] for r in self.db.execute(f"SELECT name FROM _sqlite_migrations{where}",
                                              () if everything else (migrations.name,))}

    def _upgrade_needed(self) -> bool:
        """True when a migration is pending or the migrations record needs its sqlite-utils shape (read without
        the write lock: `_upgrade` reads it again under the lock)."""
        table = self.db.table("_sqlite_migrations")
        return bool(migrations.pending(self.db)) or not table.exists() or table.pks != ["id"]

    # ---- bulk writes (import) ----------------------------------------------------
    def write_diary(self, entries: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame,
                    cleared: pd.DataFrame | None = None, seen: pd.DataFrame | None = None,
                    keep_signs: Iterable[str] = ()) -> WriteResult:
        """Write validated import frames in one transaction (see analysis.storage.bulk.write_diary)."""
        taken = None if self.db.conn.in_transaction else self.backup_before_import()
        try:
            written = bulk.write_diary(self, entries, doses, symptoms, cleared, seen, keep_signs)
        except BaseException:
            self.kept_import_backup(taken, changed=False)  # all or nothing: the diary is as the copy has it
            raise
        self.kept_import_backup(taken, changed=bool(written.added or written.updated or written.seen))
        return written
