"""Review 27's wording: the walking target's flare hold as the plan applies it (one day is enough; the README said
the hold lasted as the Pain flare alert counts the flare), and the Progress caption that names every way the target
line moves (it said the line only goes up or stays the same)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from analysis.alerts.rules import FLARE_BASELINE_DAYS, FLARE_HIGH_DAYS, FLARE_RECENT_DAYS
from analysis.plan.text import TARGET_LINE_WORDS
from analysis.plan.walking import lasting_flare

ROOT = Path(__file__).resolve().parents[2]


def test_one_day_high_enough_holds_though_the_alert_needs_more() -> None:
    steady = [3.0] * (FLARE_BASELINE_DAYS + FLARE_RECENT_DAYS)
    held = lasting_flare(np.array([*steady, 5.5, 3.0]))
    assert held.tolist() == [False] * len(steady) + [True, False]  # one day of the last five, not FLARE_HIGH_DAYS
    assert FLARE_HIGH_DAYS > 1
    readme = (ROOT / "README.md").read_text()
    assert "as the\n  *Pain flare* alert counts it" not in readme and "one such day is\n  enough" in readme


def test_the_target_line_caption_names_every_way_it_moves() -> None:
    for words in ("goes up", "stays the same", "starts again from short walks", "needs a doctor", "paused"):
        assert words in TARGET_LINE_WORDS
