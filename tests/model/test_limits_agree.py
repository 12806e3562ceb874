"""Value ranges are defined once (analysis.model.limits) and every place that states one agrees.

The places: the pandera import model (introspected), the CHECK constraints of a fresh diary's
SQL schema (literal in their migrations, so a changed limit needs a new migration: this test
says so), the pages' widgets (ast: their bounds are read, not typed), the storage checks, and
the README's CSV table.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis.ingest.schema import NUMBER_COLUMNS, RANGES, DiaryRow
from analysis.model import columns as c
from analysis.model.errors import ValidationError
from analysis.model.limits import LIMITS, USUAL_WORK_DAY, WORK_HOURS, bounds, check_values
from analysis.storage import Diary

ROOT = Path(__file__).resolve().parents[2]
# table of the SQL schema that holds each diary field
TABLE_OF = {c.PAIN: "entries", c.WORST_PAIN: "entries", c.ACTIVITY: "entries", c.BED_REST: "entries",
            c.NORMAL_ACTIVITY: "episodes"}


def sql_ranges(diary: Diary) -> dict[tuple[str, str], tuple[float, float]]:
    """(table, column) -> (low, high) of every `column BETWEEN low AND high` CHECK in the schema."""
    found = {}
    for table, sql in diary.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall():
        for column, low, high in re.findall(r"(\w+) BETWEEN (-?[\d.]+) AND (-?[\d.]+)", sql or ""):
            found[(table, column)] = (float(low), float(high))
    return found


def test_the_diary_fields_are_the_limits_fields() -> None:
    assert set(NUMBER_COLUMNS) == set(LIMITS) == set(TABLE_OF)


@pytest.mark.parametrize("field", list(LIMITS))
def test_the_pandera_model_checks_the_limits(field: str) -> None:
    checks = {check.name: check.statistics for check in DiaryRow.columns[field].checks}
    low, high = bounds(field)
    assert checks["greater_than_or_equal_to"] == {"min_value": low}
    assert checks["less_than_or_equal_to"] == {"max_value": high}
    assert RANGES[field] == (low, high)


def test_a_fresh_diary_checks_the_same_ranges(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "fresh.db")
    try:
        found = sql_ranges(diary)
    finally:
        diary.close()
    for field, table in TABLE_OF.items():
        assert found[(table, field)] == bounds(field), (
            f"{table}.{field} is checked as {found[(table, field)]} in SQL but analysis.model.limits says "
            f"{bounds(field)}: a changed limit needs a new migration")
    assert found[("work_hours", "hours")] == (WORK_HOURS.low, WORK_HOURS.high)
    assert found[("usual_work_day", "hours")] == (USUAL_WORK_DAY.low, USUAL_WORK_DAY.high)


@pytest.mark.parametrize("field", list(LIMITS))
def test_storage_refuses_just_past_each_end(field: str) -> None:
    low, high = bounds(field)
    check_values({field: low})
    check_values({field: high})
    for value in (low - 0.5, high + 0.5):
        with pytest.raises(ValidationError, match=field):
            check_values({field: value})


def test_work_hours_are_checked_at_the_same_ends(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "work.db")
    try:
        episode = diary.add_episode("Wren", "2026-11-01")
        diary.set_work_hours(episode, "2026-11-02", WORK_HOURS.high)
        with pytest.raises(ValidationError, match=f"between {WORK_HOURS.low:g} and {WORK_HOURS.high:g}"):
            diary.set_work_hours(episode, "2026-11-03", WORK_HOURS.high + 0.5)
        assert diary.work_hours([episode])["hours"].tolist() == [WORK_HOURS.high]
    finally:
        diary.close()


WIDGETS = {"slider", "number_input", "NumberColumn"}
# Widgets whose range is a widget's choice, not a stored limit, by their label: none since review 27 (Today's dose
# boxes read limits.TIMES_A_DAY and limits.dose_range). The check-in score reads analysis.plan.checkin's PSFS scale.
OTHER_SCALES: tuple[str, ...] = ()


def widget_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in (ROOT / "dashboard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WIDGETS:
                calls.append((path, node))
    return calls


def test_no_widget_types_a_range_of_its_own() -> None:
    """min and max (positional 2 and 3, or min_value/max_value) are read from the limits, never numbers."""
    scanned = 0
    for path, call in widget_calls():
        scanned += 1
        first = call.args[0] if call.args else None
        parts = first.values if isinstance(first, ast.JoinedStr) else [first]
        label = "".join(str(p.value) for p in parts if isinstance(p, ast.Constant))
        if isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) and first.func.attr == "times":
            label = "times today"  # a medicine's count, worded for the day being filled in (page_rules.day_questions)
        if any(word in label for word in OTHER_SCALES):
            continue
        positional = call.args[1:2] if len(call.args) > 1 and isinstance(call.args[1], ast.Starred) else call.args[1:3]
        bounds_given = positional + [k.value for k in call.keywords if k.arg in ("min_value", "max_value")]
        bounds_given += [k.value for k in call.keywords if k.arg is None]  # **_bounds(field)
        typed = [b for b in bounds_given if isinstance(b, ast.Constant) and isinstance(b.value, int | float)]
        assert not typed, f"{path.relative_to(ROOT)}:{call.lineno} {label!r} types its range"
    # no widget gives a min or max any more: Today's number boxes since review 28 (Save checks them against the
    # limits: analysis.review.form_numbers, tests/app/test_today_typed_ranges_app.py), the Diary table's columns
    # since review 29 (diary_edits.cells_out_of_range, test_diary_table_ranges_app.py), the set-up's onset and usual
    # minutes (page_rules.episode_problems, tests/app/test_review29_app.py), the check-in's scores since review 34
    # (checkin.check_answers; tests/app/test_plan_app.py types 11 and 5.5): any bound given is read from the limits
    assert scanned >= 5


CHOICES = {"segmented_control", "pills", "select_slider"}  # a scale of choices: Today's pain, one tap a point


def test_no_choice_widget_types_a_scale_of_its_own() -> None:
    """A scale's choices (positional 2 or options=) are read from the limits (page_rules.pain_scale), never a
    typed list of numbers or a range(0, 11)."""
    checked = 0
    for path in (ROOT / "dashboard").rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr in CHOICES):
                continue
            options = call.args[1:2] + [k.value for k in call.keywords if k.arg == "options"]
            for node in options:
                typed = [n for n in ast.walk(node) if isinstance(n, ast.Constant)
                         and isinstance(n.value, int | float) and not isinstance(n.value, bool)]
                assert not typed, f"{path.relative_to(ROOT)}:{call.lineno} types its scale: {ast.unparse(node)}"
                checked += 1
    assert checked >= 2  # Today's average and worst pain


def test_the_readme_csv_table_gives_the_same_ranges() -> None:
    readme = (ROOT / "README.md").read_text()
    for field, limit in LIMITS.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{field}` |"))
        assert f"{limit.low:g}–{limit.high:g}" in row, (field, row)


def test_the_readme_csv_table_lists_every_column() -> None:
    """Every column export writes is a row of the README's CSV table (the format other tools read)."""
    table = (ROOT / "README.md").read_text().split("## The diary CSV format", 1)[1].split("\n## ", 1)[0]
    for column in c.CSV_COLUMNS:
        assert f"| `{column}` |" in table, column


@pytest.mark.parametrize("usual", [0.025, 0.2, 400.0])
def test_every_dose_todays_boxes_allow_is_stored_and_a_stored_one_outside_them_is_kept(usual: float) -> None:
    """Review 27: Today's dose boxes (limits.dose_range, TIMES_A_DAY) lie inside what storage takes (check_dose),
    and a stored dose outside them is kept below the form, never loaded into a box that would refuse it."""
    from analysis.model.limits import DOSE_COUNT, TIMES_A_DAY, check_dose, dose_range, fits_the_form

    mg = dose_range(usual)
    assert mg.low > 0 and DOSE_COUNT.low <= TIMES_A_DAY.low and TIMES_A_DAY.high <= DOSE_COUNT.high
    for dose, times in ((mg.low, TIMES_A_DAY.low), (mg.high, TIMES_A_DAY.high)):
        check_dose("x", dose, times)
        assert fits_the_form(usual, dose, times)
    assert not fits_the_form(usual, mg.low / 2, 1) and not fits_the_form(usual, mg.high + 1, 1)
    assert not fits_the_form(usual, usual, TIMES_A_DAY.high + 1)
