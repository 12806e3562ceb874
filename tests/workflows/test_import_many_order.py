"""import_many's `unclear_order` (review 14): the order chosen on the Clinic page decides only the files whose own
dates cannot tell; a file settled by a day above 12 keeps its own order, and a given `date_order` still rules."""
from __future__ import annotations

import datetime as dt

from analysis.storage import Diary
from analysis.workflows.diary_io import REFUSED, import_many

TODAY = dt.date(2026, 12, 2)
US = b"date,pain\n" + b"".join(f"11/{d}/2026,5\n".encode() for d in range(1, 13))  # cannot tell
UK = b"date,pain\n" + b"".join(f"{d}/11/2026,5\n".encode() for d in range(18, 31))  # day first, settled


def test_the_unclear_order_decides_only_the_files_that_cannot_tell() -> None:
    diary = Diary(":memory:")
    results = list(import_many(diary, [("us.csv", US), ("uk.csv", UK)], unclear_order="mdy", today=TODAY))
    assert [r.status == REFUSED for r in results] == [False, False], [r.problems for r in results]
    days = diary.entries().groupby("patient")["date"].agg(["min", "max"])
    assert str(days.loc["us", "min"])[:10] == "2026-11-01" and str(days.loc["us", "max"])[:10] == "2026-11-12"
    assert str(days.loc["uk", "min"])[:10] == "2026-11-18"


def test_without_an_unclear_order_a_file_that_cannot_tell_is_asked_about() -> None:
    (result,) = import_many(Diary(":memory:"), [("us.csv", US)], today=TODAY)
    assert result.status == REFUSED and result.needs_date_order
