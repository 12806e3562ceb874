"""The layout shows the pipeline, and imports run one way down it (README, "Layout").

Each subpackage of `analysis/` is a layer; a module may import its own layer and the layers above it in
LAYERS, never one below. The CLI (`analysis/cli*`, `analysis/__main__.py`) sits at the bottom and may import
everything.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANALYSIS = ROOT / "analysis"
LAYERS = ["model", "ingest", "storage", "course", "alerts", "plan", "review", "output", "workflows", "cli"]


def layer_of(module: str) -> str | None:
    """'analysis.course.grid' -> 'course'; the CLI package or module and __main__ -> 'cli'."""
    parts = module.split(".")
    if parts[0] != "analysis" or len(parts) < 2:
        return None
    return "cli" if parts[1] in {"cli", "__main__"} else parts[1]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name.startswith("analysis.")}


MODULES = sorted(p for p in ANALYSIS.rglob("*.py") if p.parent != ANALYSIS or p.stem in {"cli", "__main__"})


def test_every_module_is_in_a_layer() -> None:
    flat = sorted(p.name for p in ANALYSIS.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "cli.py"] or flat == ["__init__.py", "__main__.py"], flat
    for path in MODULES:
        assert layer_of(module_name(path)) in LAYERS, path


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path: Path) -> None:
    own = LAYERS.index(layer_of(module_name(path)))
    for name in imports(path):
        layer = layer_of(name)
        if layer in LAYERS:
            assert LAYERS.index(layer) <= own, f"{module_name(path)} ({LAYERS[own]}) imports {name} ({layer})"
