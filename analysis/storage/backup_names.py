"""Automatic backups' file names: how they are found, ranked, numbered and said in words.

Why a module of its own: which copies are kept is decided from the names alone (a diary SQLite cannot open still
lists its backups), and the order must not depend on the clock. Each copy carries a sequence number, one more than
any copy beside it, so the newest is the one made last even after the clock went back (DST's repeated hour, a clock
corrected); a copy written before an import or restore has gone ahead is named `.pending` until it has.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

# <stem>.backup-<date>-<time>-<microseconds>[-<sequence>]-<reason>[.pending].db (names before review 26 have no
# sequence number: they rank below every numbered copy, by their time)
__all__ = ["automatic_backups", "backup_words", "finished_name", "is_pending", "new_backup_name", "to_prune"]

_NAME = re.compile(r"\.backup-(\d{8})-(\d{6})-(\d+)(?:-(\d+))?-([a-z]+)(\.pending)?$")
_REASON_WORDS = {"import": "before an import", "restore": "before a restore", "migration": "before an upgrade"}


def automatic_backups(diary: Path) -> list[Path]:
    """The automatic backups kept beside the diary file `diary`, newest first (by their sequence numbers).

    Found from the folder alone, without opening the diary: a diary SQLite cannot open (damaged) is exactly when
    its backups are needed (review 10: `backups` refused with the same "damaged" sentence that sends people to it).
    A pending copy is listed too: its import may have committed before its process was killed.
    """
    if str(diary) == ":memory:":
        return []
    return sorted(diary.parent.glob(f"{diary.stem}.backup-*.db"), key=_rank, reverse=True)


def _rank(path: Path) -> tuple[int, str]:
    found = _NAME.search(path.stem)
    return (int(found[4]) if found and found[4] else 0), path.name


def is_pending(path: Path) -> bool:
    """True for a copy whose import or restore has not (yet) said it went ahead (`.pending`)."""
    return path.stem.endswith(".pending")


def new_backup_name(diary: Path, folder: Path, reason: str, pending: bool) -> Path:
    """The name of a new automatic backup of `diary` in `folder`: numbered one more than any copy there."""
    number = max((_rank(path)[0] for path in automatic_backups(diary)), default=0) + 1
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{diary.stem}.backup-{stamp}-{number:06d}-{reason}{'.pending' * pending}.db"


def finished_name(pending: Path) -> Path:
    """The name a pending copy takes once its import or restore went ahead."""
    return pending.with_name(pending.name.replace(".pending.db", ".db"))


def to_prune(diary: Path, keep: int) -> list[Path]:
    """The automatic backups of `diary` to delete so that `keep` remain: the oldest finished copies beyond `keep`,
    and pending copies older than the oldest finished copy kept.

    Why pending copies never count: an import killed before its commit (all or nothing: the diary unchanged)
    left its copy behind, and four such crashes pushed out the only copy from before a real change (review 26).
    A pending copy newer than those kept stays: its import may still be running, or have committed just before
    its process died."""
    copies = automatic_backups(diary)
    finished = [path for path in copies if not is_pending(path)]
    if len(finished) <= keep:
        return []
    oldest_kept = _rank(finished[keep - 1]) if keep > 0 else (1 << 62, "")
    return finished[keep:] + [path for path in copies if is_pending(path) and _rank(path) < oldest_kept]


def backup_words(path: Path) -> str:
    """An automatic backup in words, from its file name: '2 Dec 2026, 15:28 (before an import)'.

    Why: the Diary page listed 'diary.backup-20261202-152856-685525-import.db' (review 12); a person chooses a
    copy by when it was made and why. A name this version did not write comes back as it is."""
    found = _NAME.search(path.stem)
    if not found:
        return path.name
    when = dt.datetime.strptime(found[1] + found[2], "%Y%m%d%H%M%S")
    reason = _REASON_WORDS.get(found[5], f"before {found[5]}")
    if found[6]:
        reason += " that was stopped"
    return f"{when.day} {when:%b %Y, %H:%M} ({reason})"
