"""The building blocks of the clinical scenario corpus (tests/scenarios/build.py): an ordinary diary on the
published course, changes to its days, and the expectations written for it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONSET = dt.date(2026, 3, 2)
COLUMNS = ["date", "pain", "worst_pain", "activity_minutes", "bed_rest_hours", "medications", "symptoms",
           "notes", "patient", "onset_date", "normal_activity_minutes"]

# Menezes Costa 2012 acute course as a share of onset pain (issue 9: ~0.91 at day 3, 0.68 at day 14, 0.44 at
# six weeks; 0.23 at 26 weeks), read piecewise-linearly between the published points.
MENEZES = [(0, 1.0), (3, 0.91), (14, 0.68), (42, 0.44), (182, 0.23)]
NOISE = [0.0, 0.4, -0.3, 0.2, -0.4, 0.3, -0.2]  # a fixed wobble so flat diaries are not perfectly flat


def day(n: int) -> str:
    """ISO date of day n after the common onset."""
    return (ONSET + dt.timedelta(days=n)).isoformat()


def menezes(d: int) -> float:
    """Share of onset pain expected on day d (Menezes Costa 2012)."""
    for (d0, f0), (d1, f1) in zip(MENEZES, MENEZES[1:], strict=False):
        if d <= d1:
            return f0 + (f1 - f0) * (d - d0) / (d1 - d0)
    return MENEZES[-1][1]


def course(n: int, start: float = 6.0, *, first: int = 0, pain=None, worst_gap: float = 1.5,
           activity=None, normal: int = 60, bed: float = 0.0, meds: str = "") -> list[dict]:
    """An ordinary diary from day `first` to day n-1: pain on the published curve unless `pain(d)` is given,
    worst pain a little above it, activity built up by 5 minutes a day from 15 up to normal (GUIDANCE §4)."""
    rows = []
    for d in range(first, n):
        p = pain(d) if pain else start * menezes(d)
        p = round(min(10.0, max(0.0, p)), 1)
        a = activity(d) if activity else min(normal, 15 + 5 * d)
        rows.append({"d": d, "pain": p, "worst_pain": round(min(10.0, p + worst_gap), 1),
                     "activity_minutes": int(a), "bed_rest_hours": bed, "medications": meds,
                     "symptoms": "", "notes": ""})
    return rows


def put(rows: list[dict], d: int, **fields) -> list[dict]:
    """Change day d of a diary (adds text to medications/symptoms/notes when the day already has some)."""
    for row in rows:
        if row["d"] == d:
            for key, value in fields.items():
                if key in ("medications", "symptoms", "notes") and row[key]:
                    row[key] = f"{row[key]}; {value}"
                else:
                    row[key] = value
            return rows
    raise KeyError(d)


def on(rows: list[dict], days, **fields) -> list[dict]:
    for d in days:
        put(rows, d, **fields)
    return rows


SCENARIOS: list[dict] = []


def scenario(sid: str, rationale: str, rows: list[dict], expect: dict, *, as_of: int | None = None,
             seen: list[tuple[str, int]] = (), onset: int = 0, normal: int = 60, xfail: str | None = None) -> None:
    SCENARIOS.append({"id": sid, "rationale": rationale, "rows": rows, "expect": expect, "onset": onset,
                      "normal": normal, "as_of": None if as_of is None else day(as_of),
                      "seen": [{"code": code, "date": day(d)} for code, d in seen], "xfail": xfail})


def alert(code: str, severity: str | None = None, active: bool | None = None, date: int | None = None,
          between: tuple[int, int] | None = None, seen_date: int | None = None) -> dict:
    out: dict = {"code": code}
    if severity:
        out["severity"] = severity
    if active is not None:
        out["active"] = active
    if date is not None:
        out["date"] = day(date)
    if between is not None:
        out["date_between"] = [day(between[0]), day(between[1])]
    if seen_date is not None:
        out["seen_date"] = day(seen_date)
    return out


def serious(code: str) -> dict:
    """No alert with this code at warning or urgent severity (information is allowed)."""
    return {"code": code, "min_severity": "warning"}


URGENT = "red_flag_emergency"
SOON = "red_flag_see_doctor"
NUMB = "new_numbness_weakness"
SIGNS = [URGENT, SOON, NUMB, "radiating_leg_pain"]
