"""A large import writes with SQLite's foreign-key look-ups off and checks the same keys in numpy
(analysis.storage.large_writes): an orphan dose or sign is still refused with nothing written, and the
connection's foreign keys are on again afterwards, whatever happened."""
from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.ingest.importer import read_diary
from analysis.model import columns as c
from analysis.model.errors import BacktrackError
from analysis.storage import Diary, large_writes

TODAY = dt.date(2026, 11, 20)
CSV = b"""date,pain,medications,symptoms,patient,onset_date
2026-11-01,6,ibuprofen 400 mg x3,leg_pain,Ann,2026-10-31
2026-11-02,5,ibuprofen 400 mg x2,,Ann,2026-10-31
2026-11-03,4,,,Ann,2026-10-31
"""


@pytest.fixture(params=[False, True], ids=["small import", "large import"])
def large(request, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both paths: SQLite's own foreign keys (small) and the numpy check (any import counted as large)."""
    if request.param:
        monkeypatch.setattr(large_writes, "LARGE_IMPORT_ROWS", 1)
    return request.param


def _parsed():
    return read_diary(CSV, "ann.csv", today=TODAY)


def _foreign_keys_on(diary: Diary) -> bool:
    return diary.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_good_import_writes_everything_and_leaves_foreign_keys_on(tmp_path, large: bool) -> None:
    diary = Diary(tmp_path / "d.db")
    parsed = _parsed()
    result = diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms)
    assert (result.added, len(diary.doses()), len(diary.symptoms())) == (3, 2, 1)
    assert _foreign_keys_on(diary)
    diary.close()


@pytest.mark.parametrize("table", ["doses", "symptoms"])
def test_a_dose_or_sign_of_a_day_not_written_is_refused_and_nothing_is_saved(tmp_path, large: bool,
                                                                            table: str) -> None:
    diary = Diary(tmp_path / "d.db")
    parsed = _parsed()
    frames = {"doses": parsed.doses, "symptoms": parsed.symptoms}
    orphan = frames[table].iloc[[0]].assign(**{c.DATE: pd.Timestamp("2026-11-09")})  # a day the file lacks
    frames[table] = pd.concat([frames[table], orphan], ignore_index=True)
    # SQLite's own check raises its IntegrityError (a fault, not a user's mistake); the numpy one says so in words
    with pytest.raises(BacktrackError if large else sqlite3.IntegrityError):
        diary.write_diary(parsed.entries, frames["doses"], frames["symptoms"])
    assert diary.entries().empty and diary.doses().empty and diary.symptoms().empty
    assert _foreign_keys_on(diary)
    diary.close()


def test_inside_an_open_transaction_sqlite_keeps_its_own_check(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PRAGMA foreign_keys cannot change inside a transaction: a nested import keeps them on."""
    monkeypatch.setattr(large_writes, "LARGE_IMPORT_ROWS", 1)
    diary = Diary(tmp_path / "d.db")
    parsed = _parsed()
    with diary.transaction():
        with large_writes.large_import(diary, 10**6) as unchecked:
            assert unchecked is False and _foreign_keys_on(diary)
        diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms)
    assert len(diary.doses()) == 2 and _foreign_keys_on(diary)
    diary.close()


@given(st.lists(st.tuples(st.integers(1, 10**6), st.integers(-300_000, 2_900_000)), min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(1, 10**6), st.integers(-300_000, 2_900_000)), max_size=40))
def test_day_keys_find_exactly_the_pairs_that_exist(parents: list, others: list) -> None:
    """Over the whole range of dates the importer reads (years 1000-9999) and many episodes: a child pair is
    accepted exactly when the same (episode, day) is among the parents."""
    def keys(pairs: list) -> np.ndarray:
        ids = np.array([p[0] for p in pairs], dtype=np.int64)
        days = np.array([p[1] for p in pairs], dtype="datetime64[D]")
        return large_writes.day_keys(ids, days)

    parent_keys = keys(parents)
    large_writes.require_keys(parent_keys[::-1].copy(), parent_keys, "rows")  # every parent: accepted
    for pair in others:
        if pair in set(parents):
            large_writes.require_keys(keys([pair]), parent_keys, "rows")
        else:
            with pytest.raises(BacktrackError):
                large_writes.require_keys(keys([pair]), parent_keys, "rows")
