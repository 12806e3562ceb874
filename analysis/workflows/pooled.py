"""Diaries pooled beyond one machine: a Parquet dataset by patient, summarised on Dask.

A network of practices or a research group can hold far more diaries than one
SQLite file on one machine. `export --format parquet` writes every table of a
diary as a Parquet dataset split into patient buckets (`part=N` folders; a
patient's episodes, days, doses, symptoms, "seen" actions and set-up answers always share a
bucket), and `summary DIR --engine dask` runs the very same `summarise` over
each bucket with Dask's `map_partitions`, so its JSON equals `summary --db`
for the same diary. Dask is imported only here and only when asked for.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.course.curve import DEFAULT_CURVE
from analysis.model import columns as c
from analysis.model.errors import NotFound, ValidationError
from analysis.review.summary import as_read_on, summarise, to_records
from analysis.storage import Diary
from analysis.storage.connection import PRIVATE_FOLDER, keep_private

# The tables a pooled dataset holds, each read from the diary the same way the CLI's summary reads it.
TABLES: dict[str, Callable[[Diary], pd.DataFrame]] = {
    "episodes": Diary.episodes, "entries": Diary.entries, "doses": Diary.doses,
    "symptoms": Diary.symptoms, "seen": Diary.seen, "screening": Diary.screening, "answers": Diary.answers,
    # not read by the summary; written so the dataset is the whole diary (review 10)
    "exercise_ticks": Diary.exercise_ticks, "work_hours": Diary.work_hours, "acknowledgements": Diary.acknowledgements,
    "usual_work_day": Diary.usual_work_days,
}
SUMMARY_TABLES = ("episodes", "entries", "doses", "symptoms", "seen", "screening", "answers")  # what summarise reads
BUCKET = "part"
MANIFEST = "backtrack-dataset.json"
FORMAT_VERSION = 1
DEFAULT_BUCKETS = 16  # files per table; a few MB each at 10,000 patients x 100 days


def bucket_of(patient: str, buckets: int) -> int:
    """A stable bucket for a patient name (crc32, the same on every machine and Python run)."""
    return zlib.crc32(patient.encode("utf-8")) % buckets


def write_dataset(diary: Diary, out_dir: str | Path, buckets: int = DEFAULT_BUCKETS) -> Path:
    """Write the diary as a Parquet dataset in `out_dir` (created; refused if it exists and is not empty).

    Written into a temporary folder beside `out_dir` and renamed at the end, so a crash or a full disk
    never leaves half a dataset that looks whole.
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValidationError(f"{out}: the folder for the Parquet dataset must be new or empty.")
    if buckets < 1:
        raise ValidationError(f"--buckets must be at least 1 (got {buckets}).")
    return write_tables({name: read(diary) for name, read in TABLES.items()}, out, buckets)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, buckets: int = DEFAULT_BUCKETS) -> Path:
    """Write diary tables (the frames TABLES reads, keyed by its names) as a Parquet dataset in `out_dir`."""
    out = Path(out_dir)
    episodes = tables["episodes"]
    part_of_episode = episodes.set_index(c.EPISODE_ID)[c.PATIENT].map(lambda p: bucket_of(str(p), buckets))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".parquet-", dir=out.parent))
    except OSError as error:  # named as given, not by the hidden folder written first (review 18)
        raise type(error)(error.errno, error.strerror, str(out)) from None
    try:
        for name in [name for name in TABLES if name in tables]:  # the summary's alone (benchmarks) or all
            frame = tables[name].copy()
            frame[BUCKET] = frame[c.EPISODE_ID].map(part_of_episode).astype("int64")
            # One file per bucket; an empty table keeps its schema (with the bucket column) in a single file.
            if frame.empty:
                (temp / name).mkdir()
                frame.to_parquet(temp / name / "empty.parquet", index=False)
            else:
                frame.to_parquet(temp / name, partition_cols=[BUCKET], index=False)
        (temp / MANIFEST).write_text(json.dumps(
            {"format": "backtrack-parquet", "version": FORMAT_VERSION, "buckets": buckets,
             "tables": [name for name in TABLES if name in tables], "partitioned_by": "patient"}, indent=2),
            encoding="utf-8")
        _private_tree(temp)
        if out.exists():
            out.rmdir()
        os.replace(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return out


def _private_tree(folder: Path) -> None:
    """Every file of the dataset readable by its owner only, every folder enterable by its owner only, as the
    CLI's other exports are (0600): the top folder alone was private, and a copy of the dataset on a cluster's
    share kept each file's 0644 (review 21)."""
    for root, folders, files in os.walk(folder):
        for name in files:
            keep_private(Path(root) / name)
        for name in folders:
            keep_private(Path(root) / name, PRIVATE_FOLDER)
    keep_private(folder, PRIVATE_FOLDER)


def _check_dataset(folder: Path) -> dict:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise NotFound(f"{folder}: not a Backtrack Parquet dataset (no {MANIFEST}; write one with "
                       "`python -m analysis export --db PATH --format parquet -o DIR`).")
    info = json.loads(manifest.read_text(encoding="utf-8"))
    if info.get("version", 0) > FORMAT_VERSION:
        raise ValidationError(f"{folder}: this dataset was written by a newer Backtrack (format version "
                              f"{info['version']}); update Backtrack to read it.")
    return info


def dataset_patients(folder: str | Path) -> set[str]:
    """The patients' names in the Parquet dataset at `folder` (its episodes table), checked to be one first."""
    folder = Path(folder)
    _check_dataset(folder)
    return set(pd.read_parquet(folder / "episodes", columns=[c.PATIENT])[c.PATIENT].astype(str))


def _read_table(folder: Path, name: str, part: int | None) -> pd.DataFrame:
    """One table of the dataset, only bucket `part` when given; the bucket column dropped."""
    filters = None if part is None else [(BUCKET, "=", part)]
    frame = pd.read_parquet(folder / name, filters=filters)
    frame = frame.drop(columns=[BUCKET], errors="ignore")
    return frame.reset_index(drop=True)


def summarise_tables(tables: dict[str, pd.DataFrame], as_of: object = None,
                     curve: str = DEFAULT_CURVE, read_on: object = None) -> list[dict]:
    """The summary records (summary --json) of a set of diary tables; `read_on`: the day it is read (a projected
    day before it is said in the past: analysis.review.projection_words, as `summary --db` says it)."""
    table = summarise(tables["entries"], tables["doses"], tables["symptoms"], tables["episodes"], as_of, curve,
                      seen=tables["seen"], screening_answers=tables["screening"], answers=tables["answers"])
    return to_records(as_read_on(table, read_on))


def summarise_bucket(folder: str | Path, part: int | None, as_of: object = None,
                     curve: str = DEFAULT_CURVE, read_on: object = None) -> list[dict]:
    """Summary records of one bucket (all buckets when `part` is None), read straight from Parquet."""
    folder = Path(folder)
    tables = {name: _read_table(folder, name, part) for name in SUMMARY_TABLES}
    return summarise_tables(tables, as_of, curve, read_on)


def _records_frame(partition: pd.DataFrame, folder: str, as_of: object, curve: str,
                   read_on: object = None) -> pd.DataFrame:
    """map_partitions body: the partition is the bucket's episodes; summarise that whole bucket."""
    if partition.empty:
        return pd.DataFrame({"record": pd.Series([], dtype="object")})
    parts = pd.unique(partition[BUCKET].astype("int64"))
    records: list[dict] = []
    for part in parts:
        records.extend(summarise_bucket(folder, int(part), as_of, curve, read_on))
    return pd.DataFrame({"record": pd.Series([json.dumps(r, ensure_ascii=False) for r in records],
                                             dtype="object")})


_LOOPBACK_ANY_PORT = "127.0.0.1:0"  # the scheduler's HTTP server: this machine only, any free port


def sort_records(records: list[dict]) -> list[dict]:
    """The order `summarise` gives: by patient, then onset date."""
    return sorted(records, key=lambda r: (r["patient"], r["onset_date"] or ""))


def summarise_dataset(folder: str | Path, as_of: object = None, curve: str = DEFAULT_CURVE,
                      scheduler: str | None = None, workers: int = 2, read_on: object = None) -> list[dict]:
    """The summary of a pooled dataset computed on Dask: the JSON equals `summary --db` of the same diary (read
    on the same `read_on` day: summarise_tables).

    Partitions are the patient buckets of the episodes table (whole patients, hence whole episodes, per
    partition). `scheduler` is a Dask scheduler address (tcp://host:8786); without it a LocalCluster of
    `workers` processes on this machine, bound to 127.0.0.1 (its dashboard too, on a free port).
    """
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    _check_dataset(Path(folder))  # its errors name the folder as typed (review 23)
    # absolute: the workers read the folder themselves, each from its own working folder (a relative path typed on
    # this machine named nothing on a cluster's workers: review 21); a shared filesystem's path is the same on all
    folder = Path(folder).resolve()
    episodes = dd.read_parquet(str(folder / "episodes"), columns=[c.EPISODE_ID, BUCKET])
    meta = pd.DataFrame({"record": pd.Series([], dtype="object")})
    work = episodes.map_partitions(_records_frame, str(folder), as_of, curve, read_on, meta=meta)
    if scheduler:
        with Client(scheduler) as client:
            found = client.compute(work).result()
    else:
        # silence_logs: a worker whose heartbeat races the cluster's close logged "Failed to communicate with
        # scheduler" with a traceback on stderr after a correct summary (seen under load); errors of the work
        # itself still reach client.compute(...).result(). The scheduler starts its HTTP server whatever
        # dashboard_address says (None still took 8787 and warned on stderr when that port was in use: dask/
        # distributed#8136, review 10), so it gets a free port of 127.0.0.1's instead, never another interface.
        # the cluster's processes start a multiprocessing resource tracker that inherits this environment; after a
        # Ctrl+C during the start it warned of a leaked semaphore on the command's stderr (review 21, seen in CI)
        os.environ.setdefault("PYTHONWARNINGS", "ignore::UserWarning:multiprocessing.resource_tracker")
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=_LOOPBACK_ANY_PORT, silence_logs=logging.CRITICAL) as cluster, \
                Client(cluster) as client:
            found = client.compute(work).result()
    return sort_records([json.loads(text) for text in found["record"]])
