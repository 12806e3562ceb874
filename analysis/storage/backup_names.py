"""Automatic backups' file names: how they are found, ranked and said in words.

Why a module of its own: which copies are kept is decided from the names alone, without opening the diary (a
diary SQLite cannot open still lists its backups); analysis.storage.backups makes and restores them.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

__all__ = ["automatic_backups", "backup_words"]


def automatic_backups(diary: Path) -> list[Path]:
    """The automatic backups kept beside the diary file `diary`, newest first (file names carry their time).

    Found from the folder alone, without opening the diary: a diary SQLite cannot open (damaged) is exactly when
    its backups are needed (review 10: `backups` refused with the same "damaged" sentence that sends people to it).
    """
    if str(diary) == ":memory:":
        return []
    return sorted(diary.parent.glob(f"{diary.stem}.backup-*.db"), reverse=True)


_REASON_WORDS = {"import": "before an import", "restore": "before a restore", "migration": "before an upgrade"}


def backup_words(path: Path) -> str:
    """An automatic backup in words, from its file name: '2 Dec 2026, 15:28 (before an import)'.

    Why: the Diary page listed 'diary.backup-20261202-152856-685525-import.db' (review 12); a person chooses a
    copy by when it was made and why. A name this version did not write comes back as it is."""
    found = re.search(r"\.backup-(\d{8})-(\d{6})-\d+-([a-z]+)$", path.stem)
    if not found:
        return path.name
    when = dt.datetime.strptime(found[1] + found[2], "%Y%m%d%H%M%S")
    reason = _REASON_WORDS.get(found[3], f"before {found[3]}")
    return f"{when.day} {when:%b %Y, %H:%M} ({reason})"
