"""The summary pauses Python's cycle collector while it builds its rows (analysis.review.summary with
analysis.review.collector) and always restores it: after a summary, after a failed one, and never switches on a
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


def test_two_summaries_at_once_keep_it_paused_until_both_are_done(frames: tuple, monkeypatch: pytest.MonkeyPatch
                                                                  ) -> None:
    """The app runs pages on threads: a summary ending while another still runs must not switch the collector
    back on under it (the process has one collector), and the last to end switches it on."""
    import threading

    first_in, first_done = threading.Event(), threading.Event()
    second_in = threading.Event()
    seen: dict[str, bool] = {}
    real = summary_module._summarise_episodes

    def spy(*args: object, **kwargs: object) -> pd.DataFrame:
        if threading.current_thread().name == "first":
            first_in.set()
            assert second_in.wait(30)
        else:
            second_in.set()
            assert first_done.wait(30)
            seen["second"] = gc.isenabled()  # the first summary has returned by now
        return real(*args, **kwargs)

    monkeypatch.setattr(summary_module, "_summarise_episodes", spy)

    def first() -> None:
        summarise(*frames)
        first_done.set()

    threads = [threading.Thread(target=first, name="first"), threading.Thread(target=lambda: summarise(*frames),
                                                                              name="second")]
    threads[0].start()
    assert first_in.wait(30)
    threads[1].start()
    for thread in threads:
        thread.join(60)
    assert seen == {"second": False} and gc.isenabled()
