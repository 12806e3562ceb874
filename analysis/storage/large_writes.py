"""How a large import writes fast without giving up a check (used by analysis.storage.bulk.write_diary).

Rows go in as multi-row INSERTs (`insert_rows`: a 100-row VALUES list per statement). Two settings of the
connection, for the length of one large import only:

* a larger page cache (SQLite's default is 2,000 KiB): a million days fill ~70 MB of pages; with the small
  default, dirty pages spill into the WAL mid-transaction and are written again as they fill (~10-15% of the
  insert time, benchmarks/RESULTS.md "Speed");
* SQLite's foreign-key look-ups off while the rows go in, each key checked in numpy instead. Why: every dose and
  sign row made SQLite look its day up in `entries` (a B-tree search per row; ~15% of a million-row import's
  CPU, measured with the benchmark file), though the import writes a day's doses and signs only for days it
  writes or finds stored. `require_keys` proves that before a row is written (sorted integer keys, one binary
  search for all), and refuses the import, writing nothing, if a row has no day, so the diary keeps the same
  guarantee the schema's foreign keys give. Every other write, and every other connection, keeps SQLite's own.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from analysis.model.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from analysis.storage.diary import Diary

# KiB of page cache while a large import writes: 64 MB holds most of a million days' pages and keeps the
# import's peak memory under 1 GiB.
IMPORT_CACHE_KIB = 65_536
LARGE_IMPORT_ROWS = 10_000  # below this the default cache holds every page, and the look-ups cost nothing to see
_ROWS_PER_STATEMENT = 100  # 100 rows x 8 columns stays far below SQLite's 32,766 parameters per statement
_ROWS_PER_BATCH = 50_000  # a multiple of _ROWS_PER_STATEMENT: rows turned into Python values at a time (~15 MB)
_DAYS_PER_EPISODE = 1 << 22  # day numbers (days since 1970) of years 1000-9999 lie within +-2**21


@contextmanager
def large_import(diary: Diary, rows: int) -> Iterator[bool]:
    """Hold the diary's lock and, for an import of `rows` days or more outside a transaction, turn SQLite's
    foreign-key look-ups off (set back on after, whatever happens). Yields whether they are off: then the caller
    must check its keys with `require_keys` before writing. The lock keeps every other write on this connection
    out while they are off (PRAGMA foreign_keys cannot change inside a transaction, hence before it)."""
    with diary._lock:
        off = rows >= LARGE_IMPORT_ROWS and not diary.db.conn.in_transaction
        if off:
            diary.db.execute("PRAGMA foreign_keys = OFF")
        try:
            yield off
        finally:
            if off:
                diary.db.execute("PRAGMA foreign_keys = ON")


@contextmanager
def page_cache(db: Database, rows: int) -> Iterator[None]:
    """Raise SQLite's page cache for a large import and put it back after (cache_size is per connection)."""
    if rows < LARGE_IMPORT_ROWS:
        yield
        return
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def day_keys(episode_ids: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """One int64 per (episode, calendar day), ordered as the pairs are: the key `require_keys` compares."""
    days = dates.astype("datetime64[D]").astype(np.int64)
    return episode_ids.astype(np.int64) * _DAYS_PER_EPISODE + (days + _DAYS_PER_EPISODE // 2)


def require_keys(children: np.ndarray, parents: np.ndarray, what: str) -> None:
    """Refuse the import (ValidationError, nothing written) unless every key of `children` is among `parents`.

    The foreign-key check SQLite would have made row by row (see the module docstring): `parents` are the keys
    that exist once the import's days are written, `what` names the rows in the sentence."""
    if not len(children):
        return
    known = np.sort(parents) if len(parents) and np.any(parents[1:] < parents[:-1]) else parents
    at = np.searchsorted(known, children)
    found = (at < len(known)) & (known[np.minimum(at, len(known) - 1)] == children) if len(known) else \
        np.zeros(len(children), dtype=bool)
    if not found.all():
        raise ValidationError(f"The import was stopped and nothing was saved: {int((~found).sum())} {what} belong "
                              "to no day of the diary (a fault in Backtrack, please report it).")


def insert_rows(db: Database, insert: str, columns: list[np.ndarray], conflict: str = "") -> None:
    """Run `insert` ("INSERT INTO t(a, b)") for every row of `columns`, many rows per statement.

    Why: binding a statement per row costs more than the insert itself; a
    100-row VALUES list does the same work in about a third less time than
    ``executemany``. Values must be Python scalars (an object array holds
    them); NaN is bound as NULL by SQLite itself. The rows become Python
    values a batch at a time: a million days at once took ~300 MB.
    """
    for start in range(0, len(columns[0]), _ROWS_PER_BATCH):
        _insert_batch(db, insert, [column[start:start + _ROWS_PER_BATCH] for column in columns], conflict)


def _insert_batch(db: Database, insert: str, columns: list[np.ndarray], conflict: str) -> None:
    count, width = len(columns[0]), len(columns)
    if not count:
        return
    table = np.empty((count, width), dtype=object)
    for j, column in enumerate(columns):
        table[:, j] = column
    values = table.ravel().tolist()
    row = "(" + ", ".join("?" * width) + ")"
    full = count - count % _ROWS_PER_STATEMENT
    statement = f"{insert} VALUES {', '.join([row] * _ROWS_PER_STATEMENT)} {conflict}"
    step = _ROWS_PER_STATEMENT * width
    for start in range(0, full * width, step):
        db.execute(statement, values[start:start + step])
    if full < count:
        db.execute(f"{insert} VALUES {', '.join([row] * (count - full))} {conflict}", values[full * width:])
