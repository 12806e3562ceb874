"""The typed summary record (analysis.review.record, issue 12 item 4).

`SummaryRecord.to_json()` must be exactly the `summary --json` object the CLI printed before the record
existed: `legacy_to_records` below is that function as it stood (commit 318e4f1), kept here as the
reference. Both are run on the same summarise tables: the demo diaries and a spread of clinical scenarios
(red flags held, seen by a clinician, late start, recovery and recurrence, medicines, screening answers).
The README's tables of summary keys and alert keys must list every field of the records and no other.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.review.record import (
    ALERT_KEYS,
    SCREENING_KEYS,
    SUMMARY_KEYS,
    AlertList,
    AlertRecord,
    ScreeningRecord,
    SummaryRecord,
    summary_records,
)
from analysis.review.summary import summarise, to_records
from analysis.storage import Diary
from analysis.workflows.diary_io import import_bytes, load_demo

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "scenarios"
# A spread of the corpus: urgent and see-doctor holds, expiry, overdose, late start, recovery and
# recurrence, medicines, insufficient entries, trajectories.
SAMPLE = ["hold_urgent_13_days", "hold_fever_expired", "hold_overdose_13_days", "hold_two_day_numbness_urgent",
          "late_start_estimated", "late_start_one_day", "insufficient_entries", "meds_tylenol4_codeine_over",
          "ibu_800_x4_warning", "flat_8_no_projection", "activity_declining", "neg_none",
          "quiet_rapid_recovery", "recurrence_after_recovery", "six_weeks_recovered"]

LEGACY_KEYS = [
    "patient", "episode_id", "episode", "onset_date", "as_of", "days_since_onset", "baseline_pain",
    "current_pain", "improvement_points", "improvement_pct", "meaningful_improvement", "expected_pain",
    "expected_low", "expected_high", "status", "status_reason", "recovered_date", "recurrence_date",
    "baseline_estimated", "first_logged_pain", "projected_recovery_date",
    "projected_earliest", "projected_latest", "projection_note", "trajectory", "trajectory_confidence",
    "activity_minutes_7d", "share_of_normal_activity", "activity_trend", "last_entry_date",
    "days_without_entries", "curve", "alerts", "screening",
]
LEGACY_DATE_KEYS = {"onset_date", "as_of", "recovered_date", "recurrence_date", "projected_recovery_date",
                    "projected_earliest", "projected_latest", "last_entry_date"}


def legacy_to_records(table: pd.DataFrame) -> list[dict]:
    """analysis.review.summary.to_records as it was before the typed record (the reference)."""
    records = []
    for row in table.to_dict("records"):
        clean = {}
        for key in LEGACY_KEYS:
            value = row.get(key)
            if key == "alerts":  # the table holds AlertLists since issue 12; the legacy JSON of each alert
                clean[key] = [_legacy_alert(alert) for alert in value]
            elif key in LEGACY_DATE_KEYS:
                clean[key] = None if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
            elif isinstance(value, list | dict):
                clean[key] = value
            elif value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                clean[key] = None
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                clean[key] = value
        for key in ("baseline_pain", "first_logged_pain", "current_pain", "improvement_points", "expected_pain",
                    "expected_low", "expected_high", "activity_minutes_7d"):
            if isinstance(clean.get(key), float):
                clean[key] = round(clean[key], 2)
        for key in ("improvement_pct", "share_of_normal_activity", "trajectory_confidence"):
            if isinstance(clean.get(key), float):
                clean[key] = round(clean[key], 3)
        records.append(clean)
    return records


def _legacy_alert(alert: AlertRecord) -> dict:
    """An alert as the legacy table held it (a dict, dates as ISO text), built from its fields by name."""
    found = {name: getattr(alert, name) for name in ("code", "severity", "date", "last_date", "active", "message",
                                                      "evidence", "detail", "seen_date")}
    return {name: value.isoformat() if isinstance(value, dt.date) else value for name, value in found.items()}


def _summary(diary: Diary, as_of: object = None) -> pd.DataFrame:
    return summarise(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), as_of, seen=diary.seen(),
                     screening_answers=diary.screening(), answers=diary.answers())


@pytest.fixture(scope="module")
def demo() -> Diary:
    diary = Diary(":memory:")
    load_demo(diary)
    return diary


@pytest.fixture(scope="module")
def scenarios() -> Diary:
    diary = Diary(":memory:")
    for name in SAMPLE:
        import_bytes(diary, (SCENARIOS / f"{name}.csv").read_bytes(), f"{name}.csv")
    episodes = diary.episodes().set_index("patient")["episode_id"]
    # a clinician saw one urgent patient: seen_date appears in its alerts
    diary.mark_seen(int(episodes["hold_urgent_13_days"]), "red_flag_emergency", dt.date(2026, 3, 20), by="clinician")
    diary.save_screening(int(episodes["neg_none"]), {"cancer_history": True, "recent_trauma": False})
    diary.save_screening(int(episodes["activity_declining"]), {"night_pain": False})
    return diary


def _same_json(table: pd.DataFrame) -> None:
    new, old = to_records(table), legacy_to_records(table)
    assert json.dumps(new) == json.dumps(old)  # same keys, order, types (1 is not 1.0) and values
    assert [r.to_json() for r in summary_records(table)] == old


def test_the_json_is_unchanged_on_the_demo_diaries(demo: Diary) -> None:
    table = _summary(demo)
    assert len(table) == 5
    _same_json(table)
    _same_json(_summary(demo, "2026-01-15"))


@pytest.mark.parametrize("as_of", [None, "2026-03-20", "2026-06-01"])
def test_the_json_is_unchanged_on_the_scenarios(scenarios: Diary, as_of: str | None) -> None:
    table = _summary(scenarios, as_of)
    assert len(table) == len(SAMPLE)
    _same_json(table)


def test_the_scenarios_cover_what_the_json_can_hold(scenarios: Diary) -> None:
    """The comparison above means something only if the rows hold dates, nulls, alerts seen and screening."""
    records = {r.patient: r for r in summary_records(_summary(scenarios))}
    urgent = records["hold_urgent_13_days"]
    seen = [a for a in urgent.alerts if a.code == "red_flag_emergency"]
    assert seen and all(a.seen_date == dt.date(2026, 3, 20) for a in seen)
    assert seen[0].severity == "urgent" and seen[0].title == "Emergency warning sign"
    assert isinstance(seen[0].date, dt.date) and seen[0].first_date == seen[0].date
    assert records["late_start_estimated"].baseline_estimated is True
    assert records["insufficient_entries"].status == "insufficient_data"
    assert records["insufficient_entries"].current_pain is None
    assert records["six_weeks_recovered"].recovered_date is not None
    assert records["recurrence_after_recovery"].recurrence_date is not None
    assert records["neg_none"].screening.flags == ("history of cancer",)
    assert records["neg_none"].screening.see_gp_first is True
    assert records["activity_declining"].screening.answers["night_pain"] is False
    assert records["activity_declining"].screening.not_answered == 6
    assert isinstance(urgent.onset_date, dt.date) and isinstance(urgent.days_since_onset, int)


def test_the_record_is_frozen_and_typed(demo: Diary) -> None:
    record = summary_records(_summary(demo))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.status = "ahead"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        record.current_pian  # type: ignore[attr-defined]  # noqa: B018  a misspelt field fails at once
    assert not hasattr(record, "__dict__")  # slots


def test_keys_are_the_fields() -> None:
    assert SUMMARY_KEYS == LEGACY_KEYS  # the public order is the field order
    assert ALERT_KEYS == ["code", "severity", "date", "last_date", "active", "message", "evidence", "detail",
                          "seen_date"]
    assert SCREENING_KEYS == ["answers", "flags", "see_gp_first"]


def test_from_row_reads_json_too() -> None:
    """A `summary --json` object read back gives the same record (dates from ISO text)."""
    row = {"patient": "Ann", "episode_id": 3, "onset_date": "2026-03-01", "current_pain": 2.345678,
           "alerts": [{"code": "pain_worsening", "severity": "warning", "date": "2026-03-05",
                       "last_date": "2026-03-06", "active": True, "message": "m", "evidence": "e", "detail": "d",
                       "seen_date": None}]}
    record = SummaryRecord.from_row(row)
    assert record.onset_date == dt.date(2026, 3, 1) and record.current_pain == 2.345678
    assert record.to_json()["current_pain"] == 2.35  # the JSON rounds; the record keeps full precision
    assert record.alerts == (AlertRecord("pain_worsening", "warning", dt.date(2026, 3, 5), dt.date(2026, 3, 6),
                                         True, "m", "e", "d", None),)
    assert record.screening == ScreeningRecord()
    assert SummaryRecord.from_row(record.to_json()).to_json() == record.to_json()
    with pytest.raises(KeyError):
        SummaryRecord.from_row({"episode_id": 1})


# ---- the README lists every field ---------------------------------------------------------------------
def _readme_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("`summary --json` prints a list")
    return readme[start:readme.index("\n## ", start)]


def _table_keys(prefix: str = "") -> set[str]:
    """Every `key` named in the first cell of a row of the summary-keys table, as written."""
    keys = set()
    for line in _readme_section().splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            keys |= set(re.findall(r"`([^`]+)`", first))
    return {k[len(prefix):] for k in keys if k.startswith(prefix)} if prefix else keys


def test_the_readme_lists_every_summary_key() -> None:
    listed = {k for k in _table_keys() if "." not in k}
    assert listed == set(SUMMARY_KEYS)


def test_the_readme_lists_every_alert_and_screening_key() -> None:
    section = _readme_section()
    alert_row = next(line for line in section.splitlines() if line.startswith("| `alerts` |"))
    braces = re.search(r"\{([^}]*)\}", alert_row)
    assert braces and [k.strip() for k in braces.group(1).split(",")] == ALERT_KEYS
    assert _table_keys("alerts[].") <= set(ALERT_KEYS)
    screening_row = next(line for line in section.splitlines() if line.startswith("| `screening` |"))
    braces = re.search(r"\{([^}]*)\}", screening_row)
    assert braces and [k.strip() for k in braces.group(1).split(",")] == SCREENING_KEYS
    assert _table_keys("screening.") <= set(SCREENING_KEYS)


READERS = [*sorted((ROOT / "dashboard").rglob("*.py")), ROOT / "analysis/output/report.py",
           ROOT / "analysis/output/report_sections.py", *(ROOT / "analysis/review" / f"{name}.py" for name in (
               "progress", "progress_text", "status_headline", "triage", "page_rules"))]


@pytest.mark.parametrize("path", READERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_and_the_report_read_attributes_not_keys(path: Path) -> None:
    """The summary is read as a typed record: no `summary["..."]`, `summary.get(...)` or `s["..."]` left."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"summary(\.get\(|\[\s*['\"])|\bs(\.get\(|\[\s*['\"])|record(\.get\(|\[\s*['\"])", text)


def test_an_alert_list_reads_its_own_rows_of_the_shared_columns_as_records() -> None:
    day = dt.date(2026, 3, 5)
    columns = (["a", "b", "c"], ["urgent", "warning", "info"], [day] * 3, [day, None, day], [True, False, True],
               ["m1", "m2", None], ["e1", "e2", "e3"], ["d1", "d2", "d3"], [None, day, None])
    mine = AlertList(columns, 1, 3)
    assert len(mine) == 2 and [a.code for a in mine] == ["b", "c"]
    assert mine[0] == AlertRecord("b", "warning", day, None, False, "m2", "e2", "d2", day)
    assert mine[-1].code == "c" and mine[-1].message is None and mine[1:] == (mine[1],)
    with pytest.raises(IndexError):
        mine[2]
    # equal to the same alerts as records or as the JSON's dicts; an empty view equals an empty list
    assert mine == list(mine) and mine == [a.to_json() for a in mine] and mine != [mine[0]]
    assert AlertList(columns, 0, 0) == [] and not AlertList(columns, 0, 0)
    assert SummaryRecord.from_row({"patient": "P", "episode_id": 1, "alerts": mine}).alerts == tuple(mine)


def test_the_summary_table_holds_one_alert_list_per_episode(demo: Diary) -> None:
    table = _summary(demo)
    assert all(isinstance(alerts, AlertList) for alerts in table["alerts"])
    assert sum(len(alerts) for alerts in table["alerts"]) > 0
