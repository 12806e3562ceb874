"""The summary of one patient episode as a typed record: what the page, the PDF report and the JSON all read.

Why a dataclass and not a dict: the Progress page, the report, the triage list and the headline read
about twenty fields of the summary; as dict keys a misspelt name read as None and showed a wrong page,
as attributes it is an AttributeError at once, and mypy checks every use. `SummaryRecord.to_json()`
is the public `summary --json` object, byte for byte what it was (same keys, same order, ISO dates,
rounded numbers), so the CLI contract is unchanged; the field order *is* that key order.

One constructor, `SummaryRecord.from_row`, takes a row of analysis.review.summary.summarise (or one of
its JSON objects: dates may be timestamps or ISO text). Numbers keep the Python type the table gave
(an int stays an int in the JSON) and their full precision; `to_json` rounds them as the JSON always did.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from analysis.alerts.red_flags import URGENT, WARNING
from analysis.model.screening import all_answers, flags
from analysis.review.report_text import ALERT_TITLES

Severity = Literal["urgent", "warning", "info"]
Status = Literal["ahead", "on_track", "behind", "insufficient_data"]

# Digits of the JSON numbers (unchanged since the CLI's first release): pain and minutes to 0.01, shares and
# percentages to 0.001. The record keeps full precision (the triage ranks on it); only the JSON is rounded.
ROUNDING = {**dict.fromkeys(("baseline_pain", "first_logged_pain", "current_pain", "improvement_points",
                             "expected_pain", "expected_low", "expected_high", "activity_minutes_7d"), 2),
            **dict.fromkeys(("improvement_pct", "share_of_normal_activity", "trajectory_confidence"), 3)}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _day(value: object) -> dt.date | None:
    """A date from a timestamp, a date or ISO text; None for nothing (also the text 'NaT')."""
    if value is pd.NaT:  # NaT is a datetime to isinstance
        return None
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _missing(value) or (isinstance(value, str) and value in ("", "NaT")):
        return None
    if isinstance(value, str) and len(value) == 10:
        return dt.date.fromisoformat(value)
    return pd.Timestamp(cast(Any, value)).date()


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain(value: object) -> Any:
    """A pandas/numpy scalar as a plain Python value (numpy's .item()), None for missing."""
    if _missing(value):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, str | list | dict) else value


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """One alert of the summary: a run of days on which an alert rule held (analysis.alerts.engine).

    `date` is the first day, `last_date` the last; `active` whether it still applies at the summary's
    date; `detail` says what was reported and when in plain words; `seen_date` the day a clinician
    assessed it, or None. The field order is the JSON key order of `alerts[]`.
    """

    code: str
    severity: Severity
    date: dt.date | None
    last_date: dt.date | None
    active: bool
    message: str
    evidence: str
    detail: str
    seen_date: dt.date | None = None

    @property
    def first_date(self) -> dt.date | None:
        """The first day the rule held (the JSON calls it `date`)."""
        return self.date

    @property
    def title(self) -> str:
        """The alert's short title in plain words ('Emergency warning sign'); the code when it has none."""
        return ALERT_TITLES.get(self.code, self.code)

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | AlertRecord) -> AlertRecord:
        """From one alert of a summary row (an AlertRecord of summarise's `alerts` list, or a dict of its JSON)."""
        if isinstance(row, AlertRecord):
            return row
        return cls(code=str(row["code"]), severity=cast(Severity, row["severity"]), date=_day(row.get("date")),
                   last_date=_day(row.get("last_date")), active=bool(row.get("active")),
                   message=_plain(row.get("message")), evidence=_plain(row.get("evidence")),
                   detail=_plain(row.get("detail")), seen_date=_day(row.get("seen_date")))

    def to_json(self) -> dict[str, Any]:
        """The `alerts[]` object of `summary --json`: ISO dates, keys in ALERT_KEYS order."""
        return {"code": self.code, "severity": self.severity, "date": _iso(self.date),
                "last_date": _iso(self.last_date), "active": self.active, "message": self.message,
                "evidence": self.evidence, "detail": self.detail, "seen_date": _iso(self.seen_date)}


class AlertList(Sequence[AlertRecord]):
    """One episode's alerts in a summary table: a view of its rows of the alert columns of all episodes, each
    read as an AlertRecord when it is asked for (the summary's `alerts` column holds one per episode).

    Why a view: a research summary of 10,000 episodes holds ~115,000 alerts, and building a record (or a dict)
    for each one took a tenth of the whole summary (issue 12), while the triage list and the pages read a few
    and the JSON reads each once. `columns` are lists in ALERT_KEYS order (dates as datetime.date or None,
    texts as str, missing ones read as None), shared by every episode's view; [start, stop) are this episode's rows.
    """

    __slots__ = ("_columns", "_start", "_stop")

    def __init__(self, columns: tuple[list[Any], ...], start: int = 0, stop: int | None = None) -> None:
        self._columns = columns
        self._start = start
        self._stop = len(columns[0]) if stop is None else stop

    def __len__(self) -> int:
        return self._stop - self._start

    def _record(self, row: int) -> AlertRecord:
        code, severity, first, last, active, message, evidence, detail, seen = (
            column[row] for column in self._columns)
        return AlertRecord(code, severity, first, last, bool(active), _plain(message), _plain(evidence),
                           _plain(detail), seen)

    def __getitem__(self, index: Any) -> Any:  # int -> AlertRecord, slice -> tuple of them (Sequence's contract)
        if isinstance(index, slice):
            return tuple(self._record(self._start + i) for i in range(*index.indices(len(self))))
        at = index + len(self) if index < 0 else index
        if not 0 <= at < len(self):
            raise IndexError("alert index out of range")
        return self._record(self._start + at)

    def __iter__(self) -> Iterator[AlertRecord]:
        return (self._record(row) for row in range(self._start, self._stop))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == AlertRecord.from_row(b) for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to a list: unhashable, as a list is

    def __repr__(self) -> str:
        return f"AlertList({list(self)!r})"


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """The set-up screening answers (NICE NG59): every question with True (yes), False (no) or None (not
    answered), the plain words of each "yes", and whether to see the GP before following the plan."""

    answers: Mapping[str, bool | None] = field(default_factory=all_answers)
    flags: tuple[str, ...] = ()
    see_gp_first: bool = False

    @classmethod
    def from_row(cls, value: Mapping[str, Any] | None) -> ScreeningRecord:
        """From analysis.model.screening.screening_record's dict; None reads as nothing answered."""
        if not value:
            return cls()
        answers = dict(value.get("answers") or all_answers())
        return cls(answers=answers, flags=tuple(value.get("flags") or flags(answers)),
                   see_gp_first=bool(value.get("see_gp_first")))

    @property
    def not_answered(self) -> int:
        """How many questions have no answer yet."""
        return sum(answer is None for answer in all_answers(dict(self.answers)).values())

    def to_json(self) -> dict[str, Any]:
        """The `screening` object of `summary --json`: answers, flags, see_gp_first."""
        return {"answers": dict(self.answers), "flags": list(self.flags), "see_gp_first": self.see_gp_first}


@dataclass(frozen=True, slots=True)
class SummaryRecord:
    """Where one patient episode stands at `as_of` (see the README's `summary --json` table for every field).

    Built by `from_row` from a row of analysis.review.summary.summarise; `to_json()` is the CLI's object.
    """

    patient: str
    episode_id: int
    episode: str | None
    onset_date: dt.date | None
    as_of: dt.date | None
    days_since_onset: int | None
    baseline_pain: float | None
    current_pain: float | None
    improvement_points: float | None
    improvement_pct: float | None
    meaningful_improvement: bool | None
    expected_pain: float | None
    expected_low: float | None
    expected_high: float | None
    status: Status | None
    status_reason: str | None
    recovered_date: dt.date | None
    recurrence_date: dt.date | None
    baseline_estimated: bool | None
    first_logged_pain: float | None
    projected_recovery_date: dt.date | None
    projected_earliest: dt.date | None
    projected_latest: dt.date | None
    projection_note: str | None
    trajectory: str | None
    trajectory_confidence: float | None
    activity_minutes_7d: float | None
    share_of_normal_activity: float | None
    activity_trend: str | None
    last_entry_date: dt.date | None
    days_without_entries: int | None
    curve: str | None
    alerts: tuple[AlertRecord, ...] = ()
    screening: ScreeningRecord = field(default_factory=ScreeningRecord)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SummaryRecord:
        """From one row of summarise (or one object of `summary --json`). `patient` and `episode_id` are
        required; any other field missing from `row` reads as None (no alerts, nothing answered)."""
        values: dict[str, Any] = {}
        for key in SUMMARY_KEYS:
            value = row.get(key)
            if key == "alerts":
                values[key] = _alert_records(value)
            elif key == "screening":
                values[key] = ScreeningRecord.from_row(value if isinstance(value, Mapping) else None)
            elif key in DATE_KEYS:
                values[key] = _day(value)
            else:
                values[key] = _plain(value)
        if values["patient"] is None or values["episode_id"] is None:
            raise KeyError("A summary row needs its patient and episode_id.")
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The object `python -m analysis summary --json` prints for this episode (keys in SUMMARY_KEYS order)."""
        out: dict[str, Any] = {}
        for key in SUMMARY_KEYS:
            value = getattr(self, key)
            if key == "alerts":
                out[key] = [a.to_json() for a in value]
            elif key == "screening":
                out[key] = value.to_json()
            elif key in DATE_KEYS:
                out[key] = _iso(value)
            elif isinstance(value, float) and key in ROUNDING:
                out[key] = round(value, ROUNDING[key])
            else:
                out[key] = value
        return out

    def active_alerts(self, severity: str | None = None) -> tuple[AlertRecord, ...]:
        """The alerts active at `as_of` (of `severity`, when given), in the summary's order."""
        return tuple(a for a in self.alerts if a.active and (severity is None or a.severity == severity))

    def active_by_urgency(self) -> tuple[AlertRecord, ...]:
        """The active alerts, urgent first, then warnings, then the rest (each group in the summary's order)."""
        ranked = [URGENT, WARNING]
        return (*self.active_alerts(URGENT), *self.active_alerts(WARNING),
                *(a for a in self.active_alerts() if a.severity not in ranked))


# The public JSON keys, in order (python -m analysis summary --json): the record's fields. Extend, never rename.
SUMMARY_KEYS: list[str] = [f.name for f in fields(SummaryRecord)]
ALERT_KEYS: list[str] = [f.name for f in fields(AlertRecord)]
SCREENING_KEYS: list[str] = [f.name for f in fields(ScreeningRecord)]
DATE_KEYS: frozenset[str] = frozenset(f.name for f in fields(SummaryRecord) if "dt.date" in str(f.type))


def summary_records(table: pd.DataFrame) -> list[SummaryRecord]:
    """Every row of a summarise table as a SummaryRecord, in the table's order.

    The same values as SummaryRecord.from_row of each row, converted a column at a time: a summary of
    10,000 episodes is turned into JSON in a fraction of the time a row at a time takes.
    """
    if table.empty:
        return []
    columns = {key: _column(key, table[key]) if key in table else [None] * len(table) for key in SUMMARY_KEYS}
    if any(value is None for value in columns["patient"]) or any(v is None for v in columns["episode_id"]):
        raise KeyError("A summary row needs its patient and episode_id.")
    return [SummaryRecord(*values) for values in zip(*columns.values(), strict=True)]


def _alert_records(value: object) -> tuple[AlertRecord, ...]:
    """A row's alerts (an AlertList, or a list of dicts of the JSON) as records; nothing for a missing value."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return tuple(AlertRecord.from_row(a) for a in value)
    return ()


def _column(key: str, series: pd.Series) -> list[Any]:
    """One column of a summarise table as the record's values (see SummaryRecord.from_row)."""
    values = series.tolist()  # numpy scalars become Python ones (an int stays an int)
    if key == "alerts":
        return [_alert_records(v) for v in values]
    if key == "screening":
        return [ScreeningRecord.from_row(v if isinstance(v, Mapping) else None) for v in values]
    if key in DATE_KEYS:
        return [_day(v) for v in values]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "f":
        return [None if v != v else v for v in values]  # NaN is missing
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
        return values
    return [_plain(v) for v in values]
