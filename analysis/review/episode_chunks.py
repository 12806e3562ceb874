"""A large summary in whole-episode chunks, one thread per core.

Why: every rule, window and projection reads one episode's own days, so the summary of a set of
episodes is the summaries of its parts put together, row for row. A research file of thousands of
patients is then summarised on every core at once: numpy's long loops and the compiled rule kernels
(analysis.alerts) release the GIL, so two threads take well under the time of one.
Why threads, not processes: forking the Streamlit server (which runs pages on threads) is unsafe, and
copying a million diary rows to another process costs more than it saves.
Small summaries (the app's one diary, a clinic's patients) run in one piece: below
MIN_EPISODES_PER_CHUNK episodes a chunk's thread would cost more than it saves.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.runs import ascending, run_heads, run_lengths

# Below this many episodes a chunk is not worth a thread (measured: 1,000 episodes x 100 days take ~0.3 s
# in one piece; a thread's start and the frames' slicing cost a few milliseconds).
MIN_EPISODES_PER_CHUNK = 1_000
# Chunks per core. Each chunk costs ~30-40 ms of fixed work that holds the GIL (frames, column look-ups, kernel
# dispatch), so one per core is the fastest; two per core were kept while one per core peaked above 1 GiB (~950-
# 1,185 MB at 10,000 x 100). Measured again after the summary's memory work (3 Dec, reading the file then one
# summary, 2 cores): one per core peaks at 814-835 MB (two: 738-740 MB), CPU 0.67-0.85 s against 0.74-0.91 s and
# wall 0.42-0.56 s against 0.49-0.64 s in three alternating rounds (benchmarks/RESULTS.md).
CHUNKS_PER_CORE = 1


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunk_bounds(episode_ids: np.ndarray, parts: int) -> list[tuple[int, int]]:
    """Split sorted episode ids into at most `parts` runs of whole episodes with about as many rows each.

    Returns (first id, last id) per chunk, in order; one chunk when `parts` is 1 or there are too few
    episodes for two chunks of MIN_EPISODES_PER_CHUNK.
    """
    distinct, rows = _runs(np.asarray(episode_ids))
    parts = max(1, min(parts, len(distinct) // MIN_EPISODES_PER_CHUNK))
    if parts == 1:
        return [(int(distinct[0]), int(distinct[-1]))] if len(distinct) else []
    # cut where the running row count passes each k/parts of the rows: chunks of about equal work
    cuts = np.searchsorted(np.cumsum(rows), np.arange(1, parts) * rows.sum() / parts, side="right")
    starts, ends = np.r_[0, cuts], np.r_[cuts, len(distinct)] - 1
    return [(int(distinct[a]), int(distinct[b])) for a, b in zip(starts, ends, strict=True) if a <= b]


def _runs(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(ids, return_counts=True); ids that come sorted (the diary's and a parsed file's order) are
    read as runs, without sorting a million ids before the threads can start (issue 12)."""
    if len(ids) and ids.dtype.kind in "iu" and ascending(ids):
        heads = run_heads(ids)
        return ids[heads], run_lengths(heads, len(ids))
    return np.unique(ids, return_counts=True)


def _within(frame: pd.DataFrame | None, low: int, high: int) -> pd.DataFrame | None:
    """The rows of `frame` whose episode lies in [low, high] (None stays None).

    Why a slice where the rows come sorted by episode (the diary's and a parsed file's order): pandas
    copies on write, so a slice shares the rows instead of copying them, and the chunks together hold no
    more memory than the whole (a mask would copy every row once more: ~260 MB at a million rows).
    """
    if frame is None or c.EPISODE_ID not in frame:
        return frame
    ids = frame[c.EPISODE_ID].to_numpy()
    if len(ids) and bool((ids[1:] >= ids[:-1]).all()):
        return frame.iloc[int(np.searchsorted(ids, low, "left")):int(np.searchsorted(ids, high, "right"))]
    return frame[(ids >= low) & (ids <= high)]


def _on_every_core(work: Callable[[tuple[int, int]], pd.DataFrame],
                   bounds: list[tuple[int, int]]) -> list[pd.DataFrame]:
    """`work` of every chunk, in the order of `bounds`, on this thread and one more thread per other core, each
    taking the next chunk not yet taken.

    Why this thread works too: the memory a large file's reading freed stays with this thread's allocator
    (glibc keeps a freed heap for the thread that used it); chunks worked here reuse it, where a pool's threads
    each grew a heap of their own on top (measured at 10,000 x 100, reading the file then one summary, one chunk
    per core on 2 cores: peak 870-880 MB with two pool threads, 800-807 MB with this thread and one other)."""
    pieces: list[pd.DataFrame | None] = [None] * len(bounds)
    queue, taking = iter(range(len(bounds))), threading.Lock()

    def take_chunks() -> None:
        while True:
            with taking:
                at = next(queue, None)
            if at is None:
                return
            pieces[at] = work(bounds[at])

    with ThreadPoolExecutor(max_workers=max(0, min(cores(), len(bounds)) - 1) or 1,
                            thread_name_prefix="summary") as pool:
        others = [pool.submit(take_chunks) for _ in range(min(cores(), len(bounds)) - 1)]
        take_chunks()
        for other in others:
            other.result()  # a chunk's error raised here, as pool.map raised it
    return [piece for piece in pieces if piece is not None]


def in_chunks(summarise_part: Callable[..., pd.DataFrame], frames: dict[str, pd.DataFrame | None],
              options: dict[str, object], order: list[str]) -> pd.DataFrame:
    """`summarise_part(**frames, **options)` over whole-episode chunks on every core, put together.

    `frames`: the keyword arguments keyed by episode (entries, doses, symptoms, episodes, seen, answers...),
    each cut to the chunk's episodes; `options` are passed to every chunk unchanged. The parts are joined
    and sorted by `order` with a stable sort, so the rows come out as one piece would give them: each part is
    asked for its rows unsorted (`ordered=False`, in episode order; a sort per part was a twentieth of the
    time the parts held the GIL), the parts come in episode order, and a stable sort keeps episode order
    among equal keys, as one piece's own stable sort does.
    """
    entries = frames["entries"]
    assert entries is not None
    bounds = chunk_bounds(entries[c.EPISODE_ID].to_numpy(), cores() * CHUNKS_PER_CORE)
    if len(bounds) < 2:
        return summarise_part(**frames, **options)

    def part(bound: tuple[int, int]) -> pd.DataFrame:  # unsorted: the joined pieces are sorted once below
        return summarise_part(**{name: _within(frame, *bound) for name, frame in frames.items()}, **options,
                              ordered=False)

    pieces = _on_every_core(part, bounds)
    found = [piece for piece in pieces if len(piece)]
    if not found:  # every row after `as_of`: the empty summary one piece gives
        return pieces[0]
    joined = pd.concat(found, ignore_index=True)
    return joined.sort_values(order, kind="stable").reset_index(drop=True)

