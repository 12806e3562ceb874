"""The clinical scenario corpus (issue 9): every diary in tests/scenarios/ through the public CLI.

Each scenario is a README-format CSV plus a JSON of what a clinician expects (codes present and absent,
severities, dates, active state, status, recovery and recurrence dates, projection, estimated baseline),
written from the clinical brief rather than the alert code (see tests/scenarios/build.py). The diaries are
imported with `python -m analysis import` (its `main`, called in-process) into one temporary database per
evaluation date, `seen` is recorded where a scenario says a clinician assessed a sign, and
`python -m analysis summary --json` is read back.
A scenario the product disagrees with keeps its expectation and is an xfail(strict=True) naming the gap.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tests.cli_run import cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "scenarios"
SEVERITY_RANK = {"none": -1, "info": 0, "warning": 1, "urgent": 2}


def load_corpus() -> list[dict]:
    """Every scenario's expectation file, sorted by id."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]


SCENARIOS = load_corpus()


@cache
def group_results(as_of: str | None, db_dir: str) -> tuple[dict[str, dict], str]:
    """Import every scenario judged on `as_of` into one database, record `seen`, summarise; by patient."""
    group = [s for s in SCENARIOS if s["as_of"] == as_of]
    db = Path(db_dir) / f"scenarios-{as_of or 'last-day'}.db"
    done = cli("import", *[str(CORPUS / f"{s['id']}.csv") for s in group], "--db", str(db))
    log = done.stdout + done.stderr
    for s in group:
        for seen in s["seen"]:
            out = cli("seen", "--db", str(db), "--patient", s["id"], "--code", seen["code"], "--date", seen["date"])
            log += out.stdout + out.stderr
    args = ["summary", "--db", str(db), "--json"] + (["--as-of", as_of] if as_of else [])
    summary = cli(*args)
    assert summary.returncode == 0, summary.stderr
    return {row["patient"]: row for row in json.loads(summary.stdout)}, log


@pytest.fixture(scope="session")
def corpus_db_dir(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("scenarios"))


def test_corpus_is_large_and_explained() -> None:
    assert len(SCENARIOS) >= 80
    for s in SCENARIOS:
        assert (CORPUS / f"{s['id']}.csv").exists(), s["id"]
        assert s["rationale"].strip() and "\n" not in s["rationale"], s["id"]
        assert s["expect"], s["id"]


def alert_matches(alert: dict, want: dict) -> bool:
    for key, value in want.items():
        if key == "date_between":
            if not value[0] <= alert["date"] <= value[1]:
                return False
        elif alert.get(key) != value:
            return False
    return True


def describe(alerts: list[dict]) -> str:
    return "; ".join(f"{a['code']}/{a['severity']}/{a['date']}..{a['last_date']}/"
                     f"{'active' if a['active'] else 'inactive'}" for a in alerts) or "no alerts"


def check(row: dict, expect: dict) -> list[str]:
    """Every way the summary row differs from the expectation, in words."""
    problems: list[str] = []
    alerts = row["alerts"]
    for want in expect.get("present", []):
        if not any(alert_matches(a, want) for a in alerts):
            problems.append(f"expected alert {want}, got {describe(alerts)}")
    for absent in expect.get("absent", []):
        code, floor = (absent, "info") if isinstance(absent, str) else (absent["code"], absent["min_severity"])
        hits = [a for a in alerts if a["code"] == code and SEVERITY_RANK[a["severity"]] >= SEVERITY_RANK[floor]]
        if hits:
            problems.append(f"expected no {code} at {floor} or above, got {describe(hits)}")
    if "max_severity" in expect:
        ceiling = SEVERITY_RANK[expect["max_severity"]]
        over = [a for a in alerts if SEVERITY_RANK[a["severity"]] > ceiling]
        if over:
            problems.append(f"expected nothing above {expect['max_severity']}, got {describe(over)}")
    for key in ("status", "recovered_date", "baseline_estimated"):
        if key in expect and row[key] != expect[key]:
            problems.append(f"expected {key} {expect[key]!r}, got {row[key]!r}")
    if "recurrence_date" in expect:
        want, got = expect["recurrence_date"], row["recurrence_date"]
        ok = (got is not None and want[0] <= got <= want[1]) if isinstance(want, list) else got == want
        if not ok:
            problems.append(f"expected recurrence_date {want!r}, got {got!r}")
    for key, (value, tolerance) in expect.get("approx", {}).items():
        if row[key] is None or abs(row[key] - value) > tolerance:
            problems.append(f"expected {key} {value} ± {tolerance}, got {row[key]!r}")
    if expect.get("baseline_above_first_logged") and not row["baseline_pain"] > row["first_logged_pain"]:
        problems.append(f"expected baseline_pain above first_logged_pain, got {row['baseline_pain']!r} and "
                        f"{row['first_logged_pain']!r}")
    if "projection" in expect:
        got = row["projected_recovery_date"]
        if (got is None) != (expect["projection"] is None):
            problems.append(f"expected projected_recovery_date {'a date' if expect['projection'] else None}, "
                            f"got {got!r} ({row['projection_note']})")
    return problems


def unread_medicines(sid: str, log: str) -> list[str]:
    """Medicine text the import could not read: an alert that stays absent must not be absent for that reason.

    A product read in its assumed strength ("Vicodin without its strength was read as 5/300") was read.
    """
    return [f"medicine text not read on import: {line.strip()}" for line in log.splitlines()
            if line.strip().startswith(f"warning: {sid}.csv row") and "medications:" in line
            and "without its strength was read as" not in line]


def scenario_params() -> list:
    params = []
    for s in SCENARIOS:
        marks = [pytest.mark.xfail(strict=True, reason=s["xfail"])] if s.get("xfail") else []
        params.append(pytest.param(s, id=s["id"], marks=marks))
    return params


@pytest.mark.parametrize("scenario", scenario_params())
def test_scenario(scenario: dict, corpus_db_dir: str) -> None:
    rows, log = group_results(scenario["as_of"], corpus_db_dir)
    assert scenario["id"] in rows, f"{scenario['id']} was not imported:\n{log}"
    problems = check(rows[scenario["id"]], scenario["expect"])
    problems += unread_medicines(scenario["id"], log)
    assert not problems, f"{scenario['id']} ({scenario['rationale']}):\n  " + "\n  ".join(problems)
