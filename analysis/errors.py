"""The project's exceptions: one base class, one subclass per kind of problem.

Every message is a complete sentence a user can act on. The CLI and the
dashboard each turn these into output in exactly one place.
"""
from __future__ import annotations


class BacktrackError(Exception):
    """Base class for every error Backtrack reports to a user."""


class ValidationError(BacktrackError):
    """A value is outside what the diary accepts (range, vocabulary, date)."""


class NotFound(BacktrackError):
    """A patient, episode or diary entry that was asked for does not exist."""


class ImportRefused(BacktrackError):
    """A file was refused; `problems` holds every problem found in it."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class DateOrderUnclear(ImportRefused):
    """A file's only problem is that its dates read either day-first or month-first; choose the order."""


class ColumnsNotRecognised(ImportRefused):
    """A file's date or pain column was not found, or a mapping named columns that do not fit: the file can be
    imported once someone says which column holds what (the Clinic's column step, the CLI's --map)."""


class UsageError(BacktrackError):
    """A command was called with options that do not fit together."""


class DiaryBusy(BacktrackError):
    """Another program (an import) held the diary for longer than a save waits; nothing was lost."""


class DiaryUnusable(BacktrackError):
    """The diary file cannot be used as it is: not a diary, damaged, read-only, disk full or too new."""


class NotADiary(DiaryUnusable):
    """The file given as the diary is not a SQLite database (a text file, a picture)."""


class DiaryDamaged(DiaryUnusable):
    """The diary file is a database but damaged (truncated, corrupted) or breaks its own rules."""


class DiaryReadOnly(DiaryUnusable):
    """The diary lies where it cannot be changed; it can still be read."""


class DiskFull(DiaryUnusable):
    """The disk holding the diary (or an output file) is full; nothing was half-written."""


class DiaryTooNew(DiaryUnusable):
    """The diary was made by a newer version of Backtrack; this one only reads it."""
