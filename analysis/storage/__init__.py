"""The diary database; the only package in analysis/ that speaks SQL."""
from analysis.storage.bulk import WriteResult
from analysis.storage.common import iso
from analysis.storage.diary import DEFAULT_PATH, ENV_VAR, ActivityMerge, DayEntry, Diary, Dose, default_path

__all__ = ["DEFAULT_PATH", "ENV_VAR", "ActivityMerge", "DayEntry", "Diary", "Dose", "WriteResult", "default_path",
           "iso"]
