"""`make bench` at a tiny size: every target of issue 12 gets a ratio, a target and a verdict.

Not a timing test (a tiny run says nothing about speed): it checks that the harness runs end
to end, measures each baseline in the same run, reports medians of its rounds, and writes its
section into RESULTS.md without touching the rest of the file. With --one-child the analyses,
import and pages tasks run in one child process (the rerun keeps a fresh process of its own):
the same tasks, two interpreter starts fewer.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.__main__ import BEGIN, END, TARGETS, growth, run, write_results
from benchmarks.pages import diary_days
from benchmarks.timing import median_ratio

pytestmark = pytest.mark.skipif(not shutil.which("sqlite3"), reason="the import benchmark needs the sqlite3 shell")


def test_tiny_run_reports_every_ratio(tmp_path: Path) -> None:
    results_md = tmp_path / "RESULTS.md"
    results_md.write_text("# Alert simulation (issue 9)\n\nkept as it is\n", encoding="utf-8")
    results = run(["--patients", "30", "--days", "20", "--repeat", "1", "--long-days", "21", "--one-child",
                   "--out", str(tmp_path / "out"), "--results", str(results_md)])
    rows = {r["name"]: r for r in results["rows"]}
    assert set(rows) == set(TARGETS) == {"analyses", "import", "progress", "rerun", "scaling"}
    for name, r in rows.items():
        assert r["ours_s"] > 0 and r["baseline_s"] > 0, name
        assert r["ratio"] == pytest.approx(r["ours_runs"][0] / r["baseline_runs"][0]), name  # one round: its ratio
        assert r["target"] == TARGETS[name] and r["passed"] == (r["ratio"] <= r["target"])
    assert rows["import"]["stored"]["entries"] == 30 * 20  # every diary day was written
    assert rows["analyses"]["what"] == "full summary with alerts of 30 episodes"
    assert 0 < max(results["peak_mb"].values()) < 4096
    text = results_md.read_text(encoding="utf-8")
    assert text.startswith("# Alert simulation (issue 9)\n\nkept as it is\n")
    assert "# Speed (issue 12)" in text and BEGIN in text and END in text
    for name in TARGETS:
        assert f"| {name}: " in text
    assert "peak memory" in text and ("PASS" in text or "FAIL" in text)
    assert (tmp_path / "out" / "results.json").exists()


def test_results_section_replaced_in_place(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("# Simulation\n\nA\n", encoding="utf-8")
    write_results(path, "first")
    write_results(path, "second")
    text = path.read_text(encoding="utf-8")
    assert text.count("# Speed (issue 12)") == 1 and "first" not in text and "second" in text
    assert text.startswith("# Simulation\n\nA\n")


def test_median_of_round_ratios_ignores_one_slow_round() -> None:
    # rounds of (ours, baseline): 2x, 2x and one round where ours was hit by a burst (10x)
    assert median_ratio([2.0, 4.0, 10.0], [1.0, 2.0, 1.0]) == 2.0


def test_growth_names_what_grows_faster_than_the_patients() -> None:
    small = {"analysis/a.py:1(linear)": 1.0, "analysis/a.py:2(quadratic)": 0.5, "analysis/a.py:3(tiny)": 0.001,
             "analysis/a.py:0(total)": 2.0, "pandas/x.py:9(internal)": 0.1}
    large = {"analysis/a.py:1(linear)": 10.0, "analysis/a.py:2(quadratic)": 50.0, "analysis/a.py:3(tiny)": 0.01,
             "analysis/a.py:0(total)": 61.0, "pandas/x.py:9(internal)": 50.0}
    found = growth(small, large, 10)
    names = [g["function"] for g in found]
    # fastest-growing first
    assert names == ["analysis/a.py:2(quadratic)", "analysis/a.py:0(total)", "analysis/a.py:1(linear)"]
    assert found[0]["growth"] == pytest.approx(100.0)
    assert "analysis/a.py:3(tiny)" not in names  # under 2% of the large run
    assert "pandas/x.py:9(internal)" not in names  # only Backtrack's own functions are named


def test_long_diary_is_three_years_of_recurring_episodes() -> None:
    import datetime as dt

    days = diary_days(3 * 365, dt.date(2026, 11, 30))
    assert len(days) == 1095 and days["date"].iloc[-1] == "2026-11-30" and days["date"].is_unique
    assert days["onset_date"].nunique() == 7  # a new episode every 180 days
    assert days["pain"].between(0, 10).all() and (days["worst_pain"] >= days["pain"]).all()


def test_projection_calibration_compares_both_paces_per_class_and_day() -> None:
    from benchmarks.projections import CLASSES, READ_ON_DAYS, calibration

    table = calibration(per_class=20, seed=1)
    assert len(table) == len(CLASSES) * len(READ_ON_DAYS) * 2
    assert set(table["pace"]) == {"4 weeks", "recent"}
    average = table[(table["class"] == "average_course") & (table["day"] == 28)].set_index("pace")
    assert average.loc["4 weeks", "dated"].endswith("%") and average.loc["recent", "range_holds"].endswith("%")
