"""Checking a backup file before a restore reads it: an SQLite file holding a Backtrack diary, healthy, and read
in the diary's page size. Part of analysis.storage.backups (which restores it), kept apart for size.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from analysis.model.errors import DiaryDamaged, DiaryUnusable, NotFound, ValidationError
from analysis.storage.connection import keep_private
from analysis.storage.guard import check_header
from analysis.storage.migrations import migrations


def read_only_uri(path: Path, locking: bool = False) -> str:
    """The URI that reads the file `path` and writes nothing: `immutable` (no locks, no -wal or -shm files made
    beside it), so a backup in a read-only folder (a USB stick, a share) is read as it is; but a copy that came
    with its -wal file (a diary folder copied while in use) is read through it, or its latest days would be lost
    unsaid (review 19). The path is absolute and %-quoted: "?", "#" and "%" in a name, and a path starting "//"
    (read as a URI authority: review 19), stay a file name."""
    absolute = os.path.abspath(path)
    flags = "mode=ro" if locking or Path(f"{absolute}-wal").exists() else "mode=ro&immutable=1"
    return f"file://{quote(absolute)}?{flags}"


def open_backup(path: Path) -> sqlite3.Connection:
    """A read-only connection to the backup file `path`, once it has passed the checks a restore needs: an SQLite
    file with Backtrack's migrations (none newer than this version), SQLite's integrity check and no dose or
    symptom on a day that does not exist. Raises ValidationError or DiaryDamaged, in one sentence, otherwise."""
    name = path.name
    if not path.is_file():  # an automatic backup pushed out by newer ones while the question was on the screen
        raise NotFound(f"{name} is no longer there (newer automatic backups may have replaced it), so nothing was "
                       "restored; choose another backup.")
    try:
        check_header(path)
    except DiaryUnusable:
        raise ValidationError(f"{name} is not a Backtrack backup.") from None
    try:
        source = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:  # gone or unreadable between the look and the open (review 26: a raw OperationalError)
        raise NotFound(f"{name} cannot be opened any more, so nothing was restored; choose another backup.") from None
    try:
        try:
            names = {r[0] for r in source.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                                  (migrations.name,))}
            healthy = source.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            orphans = source.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError:
            raise ValidationError(f"{name} is not a Backtrack backup.") from None
        known = {m.name for m in migrations._migrations}
        if not names or names - known:
            raise ValidationError(f"{name} is not a Backtrack backup this version can read.")
        _require_diary_tables(source, name, names)
        if not healthy:
            raise DiaryDamaged(f"{name} is damaged (it fails SQLite's integrity check); choose another backup.")
        if orphans:
            raise DiaryDamaged(f"{name} has {len(orphans)} row(s) in {orphans[0][0]} pointing at diary days that do "
                               "not exist; choose another backup.")
    except BaseException:
        source.close()
        raise
    return source


def in_page_size(source: sqlite3.Connection, page_size: int, partial: Path) -> sqlite3.Connection:
    """`source`, or, when its page size is not `page_size`, a copy of it at `partial` rewritten in that page size
    (the copy taken with SQLite's backup API, then VACUUMed with the new size, which a file not in WAL mode allows).

    Why: the backup API cannot change the page size of a diary in WAL mode, so a healthy backup compacted by a
    database tool or made where SQLite's default differs (8192) was refused with a sentence blaming the diary's
    folder (review 26). The copy is the owner's alone, beside the diary, and removed after the restore."""
    if source.execute("PRAGMA page_size").fetchone()[0] == page_size:
        return source
    target = sqlite3.connect(partial)
    keep_private(partial)
    try:
        source.backup(target)
        target.execute(f"PRAGMA page_size = {int(page_size)}")
        target.execute("VACUUM")
    except BaseException:
        target.close()
        raise
    finally:
        source.close()
    return target


# The tables each migration makes that no later one drops: a backup recording the migration must hold them.
_TABLES_OF = {"m001_patients_and_episodes": ("patients", "episodes"),
              "m002_entries_doses_symptoms": ("entries", "doses", "symptoms"),
              "m003_alert_acknowledgements": ("acknowledgements",), "m007_alert_seen": ("alert_seen",),
              "m008_episode_screening": ("episode_screening",),
              "m009_plan_and_checkins": ("exercise_ticks", "work_hours", "questionnaire_answers"),
              "m013_usual_work_day": ("usual_work_day",)}


def _require_diary_tables(source: sqlite3.Connection, name: str, recorded: set[str]) -> None:
    """Refuse a file whose migrations record names Backtrack's migrations but whose diary tables are missing or
    cannot be read: a backup whose tables were lost, or another program's database with a migration of the same
    name. Why: restore took such a file, and the diary was emptied, or left without its tables (review 26)."""
    tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    needed = [table for migration in sorted(recorded) for table in _TABLES_OF.get(migration, ())]
    missing = [table for table in needed if table not in tables]
    if missing:
        raise ValidationError(f"{name} is not a Backtrack backup (it has no diary: its {missing[0]} table is "
                              "missing); nothing was changed.")
    for table in needed:
        try:
            source.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
        except sqlite3.DatabaseError:
            raise ValidationError(f"{name} is not a Backtrack backup (its {table} table cannot be read); nothing "
                                  "was changed.") from None
