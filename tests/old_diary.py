"""A diary file as an older release left it: migrated only up to a given migration, with one patient (Ann), one
episode (id 3) and one day, for tests of opening old diaries (upgraded, or read-only and so not upgraded)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from analysis.storage.migrations import migrations


def old_diary(path: Path, stop_before: str, onset: str, day: str, extra: tuple[str, ...] = ()) -> None:
    """Write the file at `path`: migrations up to (not including) `stop_before`, Ann's episode 3 from `onset`
    with pain 6 on `day`, then the `extra` SQL statements; closed when it returns."""
    from sqlite_utils import Database

    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before=stop_before)
    old.execute("INSERT INTO patients(id, name) VALUES (1, 'Ann')")
    old.execute("INSERT INTO episodes(id, patient_id, label, onset_date) VALUES (3, 1, 'L', ?)", [onset])
    old.execute("INSERT INTO entries(episode_id, date, pain) VALUES (3, ?, 6)", [day])
    for statement in extra:
        old.execute(statement)
    old.conn.commit()
    old.conn.close()
