"""The diary database; the only package in analysis/ that speaks SQL (``Diary`` is the entry point)."""
from analysis.storage.bulk import WriteResult
from analysis.storage.common import iso
from analysis.storage.diary import DEFAULT_PATH, ENV_VAR, Diary, default_path
from analysis.storage.records import ActivityMerge, DayEntry, Dose, DoseEntry

__all__ = ["DEFAULT_PATH", "ENV_VAR", "ActivityMerge", "DayEntry", "Diary", "Dose", "DoseEntry", "WriteResult",
           "default_path", "iso"]
