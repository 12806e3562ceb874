"""Review 11: every threshold that cites GUIDANCE.md states a number GUIDANCE.md has (the project's clinical notes,
/work/shared/clinical/GUIDANCE.md, the source of truth for every threshold)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDANCE = Path(__file__).resolve().parents[2] / "shared" / "clinical" / "GUIDANCE.md"  # ../shared, as CI has it


def test_numbers_cited_from_guidance_are_in_guidance() -> None:
    if not GUIDANCE.is_file():
        pytest.skip("the project's clinical notes are not on this machine")
    from analysis.alerts.rules import RULES

    text = GUIDANCE.read_text()

    def section_numbers(source: str) -> set[str]:
        """The numbers of the GUIDANCE.md section a source cites ('GUIDANCE §4'), else of the whole file."""
        cited_section = re.search(r"§\s*(\d+)", source)
        body = text
        if cited_section:
            parts = re.split(r"^## (\d+)\.", text, flags=re.M)
            body = dict(zip(parts[1::2], parts[2::2], strict=True))[cited_section.group(1)]
        return set(re.findall(r"\d+", body))

    cited = [(rule.code, t.name, t.source)
             for rule in RULES.values() for t in rule.thresholds if "GUIDANCE" in t.source]
    wrong = [(code, name, source) for code, name, source in cited
             if not set(re.findall(r"\d+", re.sub(r"§\s*\d+", "", source))) <= section_numbers(source)]
    assert wrong == []
