"""The values a diary stores for one day: what a page or the CLI hands ``Diary`` and gets back.

Why a module of its own: the storage mixins and their callers (the Today page,
tests, the demo loader) share these small records without importing the
database code.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActivityMerge:
    """What merging a tracker's minutes did: days filled, days whose earlier tracker minutes were
    corrected, days already the same, days whose typed minutes were kept (the tracker said
    otherwise), and dates with no diary day to put them on."""

    added: int = 0
    updated: int = 0  # minutes the tracker itself wrote before, corrected
    unchanged: int = 0
    kept: int = 0
    skipped: int = 0

    def __add__(self, other: ActivityMerge) -> ActivityMerge:
        return ActivityMerge(self.added + other.added, self.updated + other.updated,
                             self.unchanged + other.unchanged, self.kept + other.kept, self.skipped + other.skipped)


@dataclass(frozen=True)
class DoseEntry:
    """One medicine on one day: `count` doses of `dose_mg` each."""

    medicine: str
    dose_mg: float
    count: int = 1


@dataclass
class DayEntry:
    """Everything a patient logs for one date of one episode."""

    date: dt.date
    pain: float
    worst_pain: float | None = None
    activity_minutes: float | None = None
    bed_rest_hours: float | None = None
    notes: str = ""
    doses: list[DoseEntry] = field(default_factory=list)
    symptoms: list[str] = field(default_factory=list)


Dose = DoseEntry  # the name before issue 12 (it clashed with analysis.ingest.medicines.Dose); new code says DoseEntry
