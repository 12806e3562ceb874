"""Timing helpers shared by the benchmarks: interleaved runs, medians, a short profile, peak memory."""
from __future__ import annotations

import cProfile
import io
import pstats
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT = "benchmarks.work result: "  # how `python -m benchmarks.work serve` starts each answer line (--one-child)


def interleaved(repeat: int, runs: list[tuple[Callable[[], object], Callable[[], object] | None]]
                ) -> list[list[float]]:
    """Every timed run of each (run, untimed setup) pair, `repeat` rounds taken in turns.

    Why in turns: this machine's speed drifts over tens of seconds (two cores shared
    with other work); timing the baseline's runs and then ours would let that drift
    into the ratio. Returns one list of seconds per pair, in round order.
    """
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for (run, setup), taken in zip(runs, times, strict=True):
            if setup:
                setup()
            start = time.perf_counter()
            run()
            taken.append(time.perf_counter() - start)
    return times


def median_ratio(ours: list[float], baseline: list[float]) -> float:
    """The median of the per-round ratios ours/baseline: steady, not one fast minute.

    Why per round: the two runs of a round are seconds apart, so the machine's
    drift cancels in their ratio; the median then ignores a round hit by a burst.
    """
    return statistics.median(o / b for o, b in zip(ours, baseline, strict=True))


def profile(run: Callable[[], object], lines: int = 12, sort: str = "cumulative") -> str:
    """A short profile of one call of `run` (CPU time, so other work on the machine does not show)."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(sort).print_stats(lines)
    return _trim(out.getvalue())


def _trim(text: str) -> str:
    """The table of a pstats print, with the repository's path left out of file names."""
    keep = [line.replace(str(ROOT) + "/", "").rstrip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith(("Ordered by", "List reduced"))]
    return "\n".join(keep)


def function_times(run: Callable[[], object]) -> dict[str, float]:
    """Cumulative CPU seconds per function (file:line(name)) over one call of `run`."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    return {f"{file}:{line}({name})": cumulative for (file, line, name), (_, _, _, cumulative, _)
            in stats.items()}


def peak_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
