"""Review 11: daily paracetamol totals 'all products together' (GUIDANCE.md §5) as people write them in a diary
file (imported, then read back through `summary`)."""
from __future__ import annotations

import datetime as dt

from tests.cli_run import cli, cli_json

TODAY = dt.date.today()


def _import_one_day(tmp_path, name: str, medicines: str):
    """`name`'s diary: 5 days of pain 5 up to yesterday, `medicines` on the last; returns (import run, alerts)."""
    onset = TODAY - dt.timedelta(days=5)
    path = tmp_path / f"{name}.csv"
    rows = [f"{onset + dt.timedelta(days=i)},5,\"{medicines if i == 4 else ''}\"" for i in range(5)]
    path.write_text("date,pain,medications\n" + "\n".join(rows) + "\n")
    db = tmp_path / f"{name}.db"
    done = cli("import", path, "--db", db, "--patient", name)
    assert done.returncode == 0, done.stderr
    return done, cli_json("summary", "--db", str(db))[0]["alerts"]


def test_a_thousands_dot_in_a_paracetamol_dose_is_not_read_as_1_mg(tmp_path) -> None:
    """Dirk's diary file (Dutch phone settings): 'paracetamol 1.000 mg x5' yesterday. The comma form of the same
    dose gives the urgent paracetamol alert (checked first)."""
    _, comma = _import_one_day(tmp_path, "Comma", "paracetamol 1,000mg x5")
    assert [(a["code"], a["severity"]) for a in comma] == [("daily_dose_exceeded", "urgent")]
    done, alerts = _import_one_day(tmp_path, "Dirk", "paracetamol 1.000 mg x5")
    # said, not guessed (Backtrack's own export writes 2.125 mg): the import names the dose and what it may mean
    assert 'read "1.000 mg" as 1 mg; if it means 1,000 mg' in done.stdout, (alerts, done.stdout)


def test_paracetamol_and_a_lemsip_on_one_day_add_up(tmp_path) -> None:
    """Gwen took paracetamol 1 g four times and two Lemsip Max sachets for a cold on the same day."""
    _, alerts = _import_one_day(tmp_path, "Gwen", "paracetamol 1g x4; Lemsip Max x2")
    assert [(a["code"], a["severity"]) for a in alerts] == [("daily_dose_exceeded", "urgent")]
