"""The measured work of `python -m benchmarks`, each task in a child process of its own.

Why a child process per task: its peak memory (ru_maxrss) is the task's alone, and
one task's caches or imports never make the next one look fast. Run as
`python -m benchmarks.work TASK JSON-ARGUMENTS`; the last line printed is the
result as JSON (times in seconds, lists in round order). `python -m benchmarks.work serve`
runs every task it is sent in one process instead (`--one-child`, for the test suite's tiny run).
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.ingest.import_limits import ImportLimits
from analysis.ingest.importer import read_diary_file
from analysis.model import columns as c
from analysis.storage import Diary
from benchmarks.timing import RESULT, function_times, interleaved, peak_mb, profile

TODAY = dt.date(2026, 11, 22)
# A research-sized file is far above the import limits meant for files sent to a clinic
# (analysis.ingest.import_limits); a research group raises them the same way (--max-rows, --max-file-mb).
RESEARCH_LIMITS = ImportLimits(max_file_mb=10_000, max_rows=100_000_000)


def summary_inputs(csv: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The parsed file as the summary takes it: entries, doses, symptoms, episodes (one episode per patient)."""
    parsed = read_diary_file(csv, today=TODAY, limits=RESEARCH_LIMITS)
    keys = parsed.entries[[c.PATIENT]].drop_duplicates().reset_index(drop=True)
    keys[c.EPISODE_ID] = range(1, len(keys) + 1)
    entries = parsed.entries.merge(keys, on=c.PATIENT)
    doses, symptoms = parsed.doses.merge(keys, on=c.PATIENT), parsed.symptoms.merge(keys, on=c.PATIENT)
    episodes = entries.drop_duplicates(c.EPISODE_ID)[[c.EPISODE_ID, c.PATIENT, c.ONSET_DATE, c.EPISODE_LABEL]]
    return entries, doses, symptoms, episodes


def task_summary(csv: str, repeat: int, small_csv: str | None = None) -> dict:
    """Full summary with alerts of every episode vs `pandas.read_csv` of the same file; with `small_csv`
    (a tenth of the patients) also the summary of that file, in the same rounds, for the scaling target.

    Returns baseline_s, ours_s, small_s (lists, round order), episodes, profile (text),
    functions and functions_small (cumulative CPU seconds per function of one run of each:
    what grows faster than the patients), peak_mb (of reading the file and one summary), peak_all_mb
    (the whole process, every round: the allocator keeps some of each run).
    """
    from analysis.review.summary import summarise  # here: the import task's child never loads it (nor SciPy)

    inputs = summary_inputs(Path(csv))
    summarise(*inputs)  # once untimed: its peak is that of one summary (reading the file, then summarising)
    one_mb = peak_mb()
    small = summary_inputs(Path(small_csv)) if small_csv else None
    runs: list[tuple[Callable[[], object], None]] = [(lambda: pd.read_csv(csv), None),
                                                     (lambda: summarise(*inputs), None)]
    if small:
        runs.append((lambda: summarise(*small), None))
    times = interleaved(repeat, runs)
    result = {"baseline_s": times[0], "ours_s": times[1], "episodes": len(inputs[3]),
              "profile": profile(lambda: summarise(*inputs), lines=14)}
    if small:
        result |= {"small_s": times[2], "small_episodes": len(small[3]),
                   "functions": function_times(lambda: summarise(*inputs)),
                   "functions_small": function_times(lambda: summarise(*small))}
    return result | {"peak_mb": one_mb, "peak_all_mb": peak_mb()}


def task_import(csv: str, repeat: int, out: str) -> dict:
    """Our import (read, validate, convert, write in one transaction) vs the sqlite3 shell's `.import`.

    Returns baseline_s, ours_s (lists), rows (stored per table), profile, peak_mb (one import),
    peak_all_mb (the whole process, every round).
    """
    base_db, our_db = Path(out) / "baseline.db", Path(out) / "ours.db"

    def clean(path: Path) -> Callable[[], None]:
        def remove() -> None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return remove

    def sqlite_import() -> None:
        subprocess.run(["sqlite3", str(base_db)], input=f".mode csv\n.import {csv} entries\n", text=True,
                       check=True)

    def our_import() -> None:
        diary = Diary(our_db)
        parsed = read_diary_file(Path(csv), today=TODAY, limits=RESEARCH_LIMITS)
        diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms)
        diary.close()

    clean(our_db)()  # an empty diary, as the baseline's: never a diary left by an earlier run
    our_import()  # once untimed: the first run pays for imports (pandera builds its schema) and a cold disk cache
    one_mb = peak_mb()  # the peak of one import; later runs in this process add the allocator's leftovers
    baseline, ours = interleaved(repeat, [(sqlite_import, clean(base_db)), (our_import, clean(our_db))])
    clean(our_db)()
    text = profile(our_import, lines=16)
    stored = Diary(our_db)
    rows = {table: stored.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("entries", "doses", "symptoms")}
    stored.close()
    clean(our_db)()
    clean(base_db)()
    return {"baseline_s": baseline, "ours_s": ours, "rows": rows, "profile": text, "peak_mb": one_mb,
            "peak_all_mb": peak_mb()}


def task_pages(short_db: str, long_db: str, repeat: int) -> dict:
    """The Progress page on a 3-year diary vs a 1-week diary, through AppTest (Streamlit's headless runner).

    Returns progress_short_s, progress_long_s (lists; each run with the analysis caches
    cleared, so each side computes its page), peak_mb.
    """
    from benchmarks.pages import progress_page

    progress_page(short_db)  # warm-up: imports and the first script compile are not the page's work
    short, long = interleaved(repeat, [(lambda: progress_page(short_db), None),
                                       (lambda: progress_page(long_db), None)])
    return {"progress_short_s": short, "progress_long_s": long, "peak_mb": peak_mb()}


TASKS: dict[str, Callable[..., dict]] = {"summary": task_summary, "import": task_import, "pages": task_pages}


def serve() -> None:
    """Run tasks read from standard input, one JSON [TASK, ARGUMENTS] a line, each answered on one line that
    starts with RESULT, until the input ends (`python -m benchmarks --one-child`: one process for them all)."""
    for line in sys.stdin:
        task, arguments = json.loads(line)
        print(RESULT + json.dumps(TASKS[task](**arguments)), flush=True)


def main() -> None:
    if sys.argv[1:] == ["serve"]:
        serve()
        return
    task, arguments = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(TASKS[task](**arguments)))


if __name__ == "__main__":
    main()
