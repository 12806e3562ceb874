"""Pooled diaries on Dask: `python -m benchmarks.pooled [--patients 10000 100000] [--days 100]`.

For each size, the seeded research diary (benchmarks.data) is parsed once, written as a Parquet dataset
(analysis.workflows.pooled.write_tables), and summarised twice in the same run: the baseline is `summarise` over
all tables in this one process (what `summary --db` does after reading the diary); ours is
`summary DIR --engine dask` on a two-worker LocalCluster (what a practice network runs on a real
cluster). Reported: seconds, the ratio, and whether both gave the same records. Not a timed test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.ingest.import_limits import ImportLimits
from analysis.ingest.importer import read_diary
from analysis.model import columns as c
from analysis.workflows import pooled
from benchmarks.data import diary_frame

TODAY = dt.date(2026, 12, 31)
RESEARCH_LIMITS = ImportLimits(max_file_mb=100_000, max_rows=1_000_000_000)


def tables_for(patients: int, days: int) -> dict[str, pd.DataFrame]:
    """The diary tables of the seeded research diary, one episode per patient (ids 1..patients)."""
    text = diary_frame(patients, days).to_csv(index=False).encode("utf-8")
    parsed = read_diary(text, "research.csv", today=TODAY, limits=RESEARCH_LIMITS)
    keys = parsed.entries[[c.PATIENT]].drop_duplicates().reset_index(drop=True)
    keys[c.EPISODE_ID] = range(1, len(keys) + 1)
    entries = parsed.entries.merge(keys, on=c.PATIENT)
    first = entries.groupby(c.EPISODE_ID)[c.DATE].agg(["min", "max", "size"])
    episodes = entries.drop_duplicates(c.EPISODE_ID)[
        [c.EPISODE_ID, c.PATIENT, c.EPISODE_LABEL, c.ONSET_DATE, c.NORMAL_ACTIVITY]].reset_index(drop=True)
    episodes["entry_count"] = episodes[c.EPISODE_ID].map(first["size"])
    episodes["first_date"] = episodes[c.EPISODE_ID].map(first["min"])
    episodes["last_date"] = episodes[c.EPISODE_ID].map(first["max"])
    empty_seen = pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), "code": pd.Series(dtype="str"),
                               "seen_date": pd.Series(dtype="datetime64[s]"), "seen_by": pd.Series(dtype="str"),
                               "recorded_at": pd.Series(dtype="str")})
    empty_screening = pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), "question": pd.Series(dtype="str"),
                                    "answer": pd.Series(dtype=object), "answered_at": pd.Series(dtype="str")})
    empty_answers = pd.DataFrame({c.EPISODE_ID: pd.Series(dtype="int64"), "instrument": pd.Series(dtype="str"),
                                  "item": pd.Series(dtype="str"), "date": pd.Series(dtype="datetime64[us]"),
                                  "value": pd.Series(dtype="float64"), "label": pd.Series(dtype="str")})
    return {"episodes": episodes, "entries": entries, "doses": parsed.doses.merge(keys, on=c.PATIENT),
            "symptoms": parsed.symptoms.merge(keys, on=c.PATIENT), "seen": empty_seen,
            "screening": empty_screening, "answers": empty_answers}


def run(patients: int, days: int, workers: int, baseline: bool = True) -> dict:
    """Time one size: in-process summary versus Dask over the Parquet dataset (Dask alone without `baseline`)."""
    tables = tables_for(patients, days)
    folder = Path(tempfile.mkdtemp(prefix="pooled-bench-")) / "dataset"
    try:
        started = time.perf_counter()
        pooled.write_tables(tables, folder, buckets=max(16, patients // 2_000))
        write_s = time.perf_counter() - started
        started = time.perf_counter()
        local = pooled.summarise_tables(tables) if baseline else None
        local_s = time.perf_counter() - started if baseline else float("nan")
        del tables
        started = time.perf_counter()
        on_dask = pooled.summarise_dataset(folder, workers=workers)
        dask_s = time.perf_counter() - started
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    return {"patients": patients, "rows": patients * days, "write_parquet_s": write_s, "in_process_s": local_s,
            "dask_s": dask_s, "ratio": dask_s / local_s,
            "same_records": None if local is None else pooled.sort_records(local) == on_dask}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dask-only-above", type=int, default=50_000,
                        help="sizes above this run on Dask only (the one-process summary grows faster than linearly)")
    args = parser.parse_args()
    for patients in args.patients:
        row = run(patients, args.days, args.workers, baseline=patients <= args.dask_only_above)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{row['patients']:>7,} patients ({row['rows']:,} rows): parquet written in "
              f"{row['write_parquet_s']:.1f} s; summary in one process {row['in_process_s']:.1f} s, on Dask "
              f"({args.workers} workers) {row['dask_s']:.1f} s = {row['ratio']:.2f}x; same records: "
              f"{row['same_records']}; peak memory of this process so far {peak:,.0f} MB", flush=True)


if __name__ == "__main__":
    main()
