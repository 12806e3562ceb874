"""A large summary in whole-episode chunks on threads (analysis.review.episode_chunks) gives exactly the
rows one piece gives: the same JSON, byte for byte, with red flags seen, screening answers, patients with
more than one episode and an `as_of` date; and every chunk holds whole episodes."""
from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.model.errors import ValidationError
from analysis.review import episode_chunks
from analysis.review import summary as summary_module
from analysis.review.summary import summarise, to_records
from analysis.storage import DayEntry, Diary
from analysis.workflows.diary_io import import_bytes, load_demo

SCENARIOS = Path(__file__).resolve().parents[2] / "tests" / "scenarios"
SAMPLE = ["hold_urgent_13_days", "hold_fever_expired", "late_start_estimated", "meds_tylenol4_codeine_over",
          "flat_8_no_projection", "activity_declining", "recurrence_after_recovery", "six_weeks_recovered"]


@pytest.fixture(scope="module")
def diary() -> Diary:
    """The demo diaries (one patient has an earlier episode) and a spread of scenarios, one seen by a
    clinician and two with screening answers."""
    diary = Diary(":memory:")
    load_demo(diary)
    for name in SAMPLE:
        import_bytes(diary, (SCENARIOS / f"{name}.csv").read_bytes(), f"{name}.csv")
    episodes = diary.episodes().set_index("patient")["episode_id"]
    diary.mark_seen(int(episodes["hold_urgent_13_days"]), "red_flag_emergency", dt.date(2026, 3, 20), by="clinician")
    diary.save_screening(int(episodes["flat_8_no_projection"]), {"cancer_history": True})
    diary.save_screening(int(episodes["activity_declining"]), {"night_pain": False})
    for onset, pains in ((dt.date(2025, 10, 1), [7, 6, 5, 5, 4, 3, 3, 2, 2, 1]), (dt.date(2026, 2, 1), [8] * 12)):
        episode = diary.add_episode("Robin", onset, normal_activity_minutes=60)  # one patient, two episodes
        for day, pain in enumerate(pains):
            diary.save_entry(episode, DayEntry(onset + dt.timedelta(days=day), pain, None, 20, 0, ""))
    return diary


def _arguments(diary: Diary) -> tuple[tuple, dict]:
    return ((diary.entries(), diary.doses(), diary.symptoms(), diary.episodes()),
            {"seen": diary.seen(), "screening_answers": diary.screening(), "answers": diary.answers()})


@pytest.mark.parametrize("as_of", [None, "2026-03-20"])
@pytest.mark.parametrize("parts", [2, 3, 7])
def test_chunks_give_the_rows_one_piece_gives(diary: Diary, monkeypatch: pytest.MonkeyPatch, parts: int,
                                             as_of: str | None) -> None:
    frames, options = _arguments(diary)
    whole = summary_module._summarise_episodes(*frames, as_of=as_of, **options)
    assert diary.episodes()["patient"].duplicated().any()  # a patient with two episodes is in the test
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 1)
    monkeypatch.setattr(episode_chunks, "cores", lambda: parts)
    threads = []
    real = summary_module._summarise_episodes

    def spy(*args: object, **kwargs: object) -> pd.DataFrame:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(summary_module, "_summarise_episodes", spy)
    chunked = summarise(*frames, as_of=as_of, **options)
    chunks = min(parts * episode_chunks.CHUNKS_PER_CORE, len(diary.episodes()))
    here = threading.current_thread().name  # this thread takes chunks too (episode_chunks._on_every_core)
    assert 2 <= len(threads) <= chunks and all(name.startswith("summary") or name == here for name in threads)
    assert len(set(threads)) <= parts  # one thread per core at most, this one included
    assert json.dumps(to_records(chunked)) == json.dumps(to_records(whole))
    assert chunked.index.tolist() == list(range(len(whole)))


def test_a_small_summary_runs_in_one_piece_on_this_thread(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(episode_chunks, "cores", lambda: 8)
    calls = []
    real = summary_module._summarise_episodes
    monkeypatch.setattr(summary_module, "_summarise_episodes",
                        lambda *a, **k: calls.append(threading.current_thread()) or real(*a, **k))
    frames, options = _arguments(diary)
    assert len(summarise(*frames, **options)) == len(diary.episodes())
    assert calls == [threading.current_thread()]


def test_an_error_in_a_chunk_reaches_the_caller(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 1)
    monkeypatch.setattr(episode_chunks, "cores", lambda: 2)
    frames, options = _arguments(diary)
    with pytest.raises(ValidationError, match="Unknown curve"):
        summarise(*frames, curve="no such curve", **options)


def test_an_error_in_another_threads_chunk_reaches_the_caller(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    """This thread takes chunks too: a chunk failing on the other thread is still raised here, after this
    thread's own chunks are done."""
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 1)
    monkeypatch.setattr(episode_chunks, "cores", lambda: 2)
    here, real = threading.current_thread(), summary_module._summarise_episodes
    started, waited = threading.Barrier(2, timeout=10), set()  # both threads hold a chunk before either goes on

    def fails_elsewhere(*args: object, **kwargs: object) -> pd.DataFrame:
        if threading.current_thread() not in waited:
            waited.add(threading.current_thread())
            started.wait()
        if threading.current_thread() is not here:
            raise ValidationError("a chunk failed on the other thread")
        return real(*args, **kwargs)

    monkeypatch.setattr(summary_module, "_summarise_episodes", fails_elsewhere)
    frames, options = _arguments(diary)
    with pytest.raises(ValidationError, match="on the other thread"):
        summarise(*frames, **options)


def test_every_row_after_as_of_gives_the_empty_summary(diary: Diary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 1)
    monkeypatch.setattr(episode_chunks, "cores", lambda: 2)
    frames, options = _arguments(diary)
    empty = summarise(*frames, as_of="1990-01-01", **options)
    assert empty.empty and list(empty.columns) == summary_module.SUMMARY_KEYS


@pytest.mark.parametrize("parts", [1, 2, 3, 5])
def test_chunk_bounds_hold_whole_episodes_of_about_equal_rows(monkeypatch: pytest.MonkeyPatch, parts: int) -> None:
    monkeypatch.setattr(episode_chunks, "MIN_EPISODES_PER_CHUNK", 10)
    rng = np.random.default_rng(parts)
    rows = rng.integers(1, 200, 100)
    ids = np.repeat(np.arange(1, 101), rows)
    bounds = episode_chunks.chunk_bounds(ids, parts)
    assert len(bounds) == parts
    assert bounds[0][0] == 1 and bounds[-1][1] == 100
    assert all(low <= high for low, high in bounds)
    assert all(b[0] == a[1] + 1 for a, b in zip(bounds, bounds[1:], strict=False))  # contiguous, none shared
    sizes = [int(((ids >= low) & (ids <= high)).sum()) for low, high in bounds]
    assert max(sizes) - min(sizes) <= 2 * rows.max()  # balanced to within an episode or two


def test_chunk_bounds_keep_chunks_of_at_least_the_minimum() -> None:
    ids = np.arange(1, 1_500)
    assert len(episode_chunks.chunk_bounds(ids, 8)) == 1  # 1,499 episodes: not two chunks of 1,000
    assert len(episode_chunks.chunk_bounds(np.arange(1, 4_001), 8)) == 4
    assert episode_chunks.chunk_bounds(np.array([], dtype=np.int64), 2) == []
