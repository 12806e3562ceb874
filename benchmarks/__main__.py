"""Run the benchmarks: `python -m benchmarks [--patients N] [--days D]` (make bench).

Each benchmark measures a baseline in the same run, on the same file, and reports
our time as a ratio of it, so the numbers mean the same on a fast or slow machine:

* import: `python -m analysis import` of a canonical CSV (validated, one transaction)
  against the sqlite3 shell's `.import` of the same file (no validation at all).
  Target from the issue: within 3x.
* analyses: the whole summary (recovery, projection, trajectory, activity, alerts)
  of every patient episode against pandas just reading the same CSV. Target: within 3x.

Best of `--repeat` runs for each side, the two sides taking turns. Files go to benchmarks/out/ (not committed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.ingest.import_limits import ImportLimits  # noqa: E402
from analysis.ingest.importer import read_diary_file  # noqa: E402
from analysis.model import columns as c  # noqa: E402
from analysis.review.summary import summarise  # noqa: E402
from analysis.storage import Diary  # noqa: E402
from benchmarks.data import write_csv  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TARGET_RATIO = 3.0
TODAY = dt.date(2026, 11, 22)


# A research-sized file is far above the import limits meant for files sent to a clinic
# (analysis.ingest.import_limits); a research group raises them the same way (--max-rows, --max-file-mb).
RESEARCH_LIMITS = ImportLimits(max_file_mb=10_000, max_rows=100_000_000)

def best_of(repeat: int, runs: list[tuple[Callable[[], object], Callable[[], object] | None]]) -> list[float]:
    """The fastest of `repeat` timed runs of each (run, untimed setup) pair, taken in turns.

    Why in turns: this machine's speed drifts over tens of seconds; timing the
    baseline's runs and then ours would let that drift into the ratio.
    """
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for (run, setup), taken in zip(runs, times, strict=True):
            if setup:
                setup()
            start = time.perf_counter()
            run()
            taken.append(time.perf_counter() - start)
    return [min(taken) for taken in times]


def bench_import(csv: Path, repeat: int) -> dict:
    base_db, our_db = OUT / "baseline.db", OUT / "ours.db"

    def clean(path: Path) -> Callable[[], None]:
        def remove() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return remove

    def sqlite_import() -> None:
        subprocess.run(["sqlite3", str(base_db)], input=f".mode csv\n.import {csv} entries\n", text=True,
                       check=True)

    def our_import() -> None:
        diary = Diary(our_db)
        parsed = read_diary_file(csv, today=TODAY, limits=RESEARCH_LIMITS)
        diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms)
        diary.close()

    baseline, ours = best_of(repeat, [(sqlite_import, clean(base_db)), (our_import, clean(our_db))])
    return {"name": "import", "baseline": "sqlite3 .import", "baseline_s": baseline, "ours_s": ours,
            "ratio": ours / baseline}


def bench_analyses(csv: Path, repeat: int) -> dict:
    parsed = read_diary_file(csv, today=TODAY, limits=RESEARCH_LIMITS)
    keys = parsed.entries[[c.PATIENT]].drop_duplicates().reset_index(drop=True)
    keys[c.EPISODE_ID] = range(1, len(keys) + 1)
    entries = parsed.entries.merge(keys, on=c.PATIENT)
    doses, symptoms = parsed.doses.merge(keys, on=c.PATIENT), parsed.symptoms.merge(keys, on=c.PATIENT)
    episodes = entries.drop_duplicates(c.EPISODE_ID)[[c.EPISODE_ID, c.PATIENT, c.ONSET_DATE, c.EPISODE_LABEL]]
    baseline, ours = best_of(repeat, [(lambda: pd.read_csv(csv), None),
                                      (lambda: summarise(entries, doses, symptoms, episodes), None)])
    return {"name": "analyses", "baseline": "pandas.read_csv", "baseline_s": baseline, "ours_s": ours,
            "ratio": ours / baseline, "episodes": len(keys)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["import", "analyses"], help="run one benchmark")
    args = parser.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("The import benchmark needs the sqlite3 shell (apt-get install sqlite3).")
    OUT.mkdir(parents=True, exist_ok=True)
    csv = write_csv(OUT / f"diary_{args.patients}x{args.days}.csv", args.patients, args.days)
    rows = args.patients * args.days
    print(f"{rows:,} diary rows ({args.patients:,} patients x {args.days} days), best of {args.repeat}")
    benches = {"import": bench_import, "analyses": bench_analyses}
    results = [run(csv, args.repeat) for name, run in benches.items() if args.only in (None, name)]
    for r in results:
        verdict = "within" if r["ratio"] <= TARGET_RATIO else "OVER"
        print(f"{r['name']:>9}: {r['ours_s']:6.2f} s vs {r['baseline']} {r['baseline_s']:6.2f} s "
              f"= {r['ratio']:.2f}x ({verdict} the {TARGET_RATIO:g}x target)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:,.0f} MB")
    (OUT / "results.json").write_text(json.dumps({"rows": rows, "results": results, "peak_mb": peak_mb}, indent=2))


if __name__ == "__main__":
    main()
