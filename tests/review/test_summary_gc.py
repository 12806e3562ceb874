"""The summary pauses Python's cycle collector while it builds its rows (analysis.review.summary,
_collector_paused) and always restores it: after a summary, after a failed one, and never switches on a
collector its caller had switched off."""
from __future__ import annotations

import gc

import pandas as pd
import pytest

from analysis.model.errors import ValidationError
from analysis.review import summary as summary_module
from analysis.review.summary import summarise
from analysis.storage import Diary
from analysis.workflows.diary_io import load_demo


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, ...]:
    diary = Diary(":memory:")
    load_demo(diary)
    return diary.entries(), diary.doses(), diary.symptoms(), diary.episodes()


def test_the_collector_is_paused_during_the_summary_and_on_after(frames: tuple, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    seen = []
    real = summary_module._summarise_episodes
    monkeypatch.setattr(summary_module, "_summarise_episodes",
                        lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    assert len(summarise(*frames)) == 5
    assert seen == [False] and gc.isenabled()


def test_the_collector_is_on_again_after_a_failed_summary(frames: tuple) -> None:
    with pytest.raises(ValidationError):
        summarise(*frames, curve="no such curve")
    assert gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off(frames: tuple) -> None:
    gc.disable()
    try:
        summarise(*frames)
        assert not gc.isenabled()
    finally:
        gc.enable()
