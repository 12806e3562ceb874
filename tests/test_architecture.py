"""House rules, checked with ast: dependency direction, where SQL and file reading live, documented CLI."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ANALYSIS = sorted((ROOT / "analysis").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: str(p.relative_to(ROOT)))
def test_analysis_never_imports_the_ui(path: Path) -> None:
    assert not imported_modules(path) & {"streamlit", "dashboard"}


KERNELS = sorted((ROOT / "analysis").glob("*/*_kernels.py"))


def test_the_compiled_kernels_are_found() -> None:
    assert len(KERNELS) >= 7, KERNELS


@pytest.mark.parametrize("path", KERNELS, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_kernels_read_no_rule_curve_or_constant_of_the_analyses(path: Path) -> None:
    """A numba kernel (cache=True) that read a threshold from rules.py, a curve or any analysis module would
    have it frozen into numba's on-disk cache, refreshed only when the kernel's own file changes: a changed
    threshold would be silently ignored. So kernels import numba and numpy alone; callers pass every constant.
    A relative import (`from . import rules`) names no module that imported_modules sees: refused outright."""
    assert imported_modules(path) <= {"__future__", "numba", "numpy"}, path
    relative = [node.lineno for node in ast.walk(ast.parse(path.read_text()))
                if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative, (path, relative)


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_storage_speaks_sql(path: Path) -> None:
    if path.parent.name == "storage":
        return
    assert "sqlite3" not in imported_modules(path) and "sqlite_utils" not in imported_modules(path) or \
        path.name == "migrations.py"


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    assert len(cli.commands) >= 14
    for name in cli.commands:
        assert f"`{name} " in readme or f"`{name}`" in readme, f"README does not document `{name}`"


def test_no_page_renders_html() -> None:
    for path in (ROOT / "dashboard").rglob("*.py"):
        assert "unsafe_allow_html=True" not in path.read_text(), path


def test_no_icon_is_fetched_from_a_font_server() -> None:
    """`:material/...:` icons make the browser fetch a font from the internet; emoji are drawn locally."""
    for path in (ROOT / "dashboard").rglob("*.py"):
        assert ":material/" not in path.read_text(), path


def test_server_stays_on_this_machine() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert 'address = "127.0.0.1"' in config
    assert "gatherUsageStats = false" in config
    assert "headless = true" in config


def test_every_alert_code_is_in_the_readme() -> None:
    from analysis.alerts.rules import RULES

    readme = (ROOT / "README.md").read_text()
    for code in RULES:
        assert f"`{code}`" in readme, code


MAX_MODULE_LINES = 400  # STYLE.md: modules stay under ~400 lines with one concept each (issue 12)
# Issue 12: modules other helpers are still splitting; the coordinator empties this after merging.
STILL_SPLITTING: set[str] = set()
# Issue 12: class names still defined twice while the module holding the second is rewritten
# (course/recovery.py's Diary gives way to the one daily grid); emptied with STILL_SPLITTING.
SHARED_CLASS_NAMES: dict[str, set[str]] = {}


# Every module of the product (the analyses, the pages, the benchmarks, the sample data's makers) and every helper
# the tests share; the test files themselves (tests/**/test_*.py) are lists of cases, not modules of the product.
SIZED = [path for folder in ("analysis", "dashboard", "benchmarks", "sample_data", "tests")
         for path in sorted((ROOT / folder).rglob("*.py")) if not path.name.startswith("test_")]


def test_no_module_is_over_400_lines() -> None:
    long = {str(path.relative_to(ROOT)): len(path.read_text().splitlines()) for path in SIZED}
    over = {name: lines for name, lines in long.items() if lines > MAX_MODULE_LINES and name not in STILL_SPLITTING}
    assert not over, f"split these modules (over {MAX_MODULE_LINES} lines): {over}"


def test_no_two_classes_in_analysis_share_a_name() -> None:
    where: dict[str, list[str]] = {}
    for path in ANALYSIS:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                where.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    shared = {name: paths for name, paths in where.items()
              if len([path for path in paths if path not in SHARED_CLASS_NAMES.get(name, set())]) > 1}
    assert not shared, f"one name, several classes: {shared}"


def test_no_date_is_formatted_with_a_glibc_only_pattern() -> None:
    """`%-d` (the day without its zero) is a glibc extension Windows' strftime rejects: dates are written with
    analysis.model.dates.plain_date, which handles it; a pattern handed straight to strftime, or a format spec
    (f"{day:%-d %b}"), is not. Plotly's hover templates (%{x|%-d %b}) are d3's, read in the browser."""
    found = []
    for path in [*ANALYSIS, *sorted((ROOT / "dashboard").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime" and any(
                    isinstance(a, ast.Constant) and "%-" in str(a.value) for a in node.args):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} strftime")
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None and "%-" in ast.unparse(
                    node.format_spec):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} format spec")
    assert not found, found


def test_no_two_test_files_share_a_name() -> None:
    """The test folders mirror analysis/ without __init__.py, so pytest imports each test module by its file name:
    a second tests/*/test_x.py stops the whole run at collection ("import file mismatch")."""
    where: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        where.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    shared = {name: paths for name, paths in where.items() if len(paths) > 1}
    assert not shared, f"rename one of each: {shared}"
