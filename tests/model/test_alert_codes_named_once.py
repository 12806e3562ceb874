"""Every alert code is named once, in analysis.model.vocabulary, and every module says the name (review 27: codes
were retyped as text in the engine, the plan and the details, so renaming one would have left them behind)."""
from __future__ import annotations

import ast
from pathlib import Path

from analysis.alerts.rules import RULES
from analysis.model import vocabulary

ROOT = Path(__file__).resolve().parents[2]


def test_each_code_is_a_constant_of_its_own_name_and_a_declared_rule() -> None:
    assert all(getattr(vocabulary, code.upper()) == code for code in vocabulary.ALERT_CODES)
    assert list(RULES) == list(vocabulary.ALERT_CODES)


def test_no_module_but_the_vocabulary_types_an_alert_code_as_text() -> None:
    typed = []
    for path in sorted([*ROOT.glob("analysis/**/*.py"), *ROOT.glob("dashboard/**/*.py")]):
        if path == ROOT / "analysis" / "model" / "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in vocabulary.ALERT_CODES:
                typed.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert not typed, typed
