"""Review 27: Progress's caption under the activity chart names every way the walking target line moves
(analysis.plan.text.TARGET_LINE_WORDS): it said the line only goes up or stays the same."""
from __future__ import annotations

from pathlib import Path

from analysis.plan.text import TARGET_LINE_WORDS
from tests.apptest import run, with_demo


def test_progress_shows_the_caption(fresh_diary: Path) -> None:
    with_demo(fresh_diary)
    at = run("screens/progress.py")
    assert TARGET_LINE_WORDS in [caption.value for caption in at.caption]
