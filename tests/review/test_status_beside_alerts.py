"""The status never contradicts the alerts beside it in the CLI's summary table and the triage list (review 34, a
code reader: "on_track" beside an urgent paracetamol overdose and beside "Pain still strong after a week")."""
from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import cli

HEADER = ("date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient,onset_date,"
          "normal_activity_minutes\n")


def _diary(tmp_path: Path) -> Path:
    """Pat: pain falling as usual, paracetamol 5,000 mg on the last day (urgent); Sam: the same course, no alert."""
    rows = []
    for name, last_medicine in (("Pat", "paracetamol 1000 mg x5"), ("Sam", "")):
        for day in range(1, 11):
            medicine = last_medicine if day == 10 else ""
            rows.append(f"2026-11-{day:02d},{max(1, 7 - day // 2)},{max(2, 8 - day // 2)},30,0,{medicine},,,{name},"
                        "2026-11-01,60\n")
    path = tmp_path / "two.csv"
    path.write_text(HEADER + "".join(rows))
    db = tmp_path / "d.db"
    assert cli("import", "--db", db, path).returncode == 0
    return db


def test_the_summary_table_and_triage_say_urgent_first_beside_an_urgent_alert(tmp_path: Path) -> None:
    db = _diary(tmp_path)
    records = {r["patient"]: r for r in json.loads(cli("summary", "--db", db, "--json").stdout)}
    assert records["Pat"]["status"] == records["Sam"]["status"] == "on_track"  # the JSON's course comparison
    table = cli("summary", "--db", db).stdout.splitlines()
    pat = next(line for line in table if line.split()[0] == "Pat")
    sam = next(line for line in table if line.split()[0] == "Sam")
    assert "Urgent sign first" in pat and "on_track" not in pat and "On track" not in pat, pat
    assert "On track" in sam, sam
    triage = {r["patient"]: r for r in json.loads(cli("triage", "--db", db, "--as-of", "2026-11-10", "--json").stdout)}
    # the JSON's "status" stays the course comparison (a public contract: extend, never rename); the words beside
    # the alerts are a key of their own (review 34's code reader)
    assert triage["Pat"]["status"] == "On track" and triage["Pat"]["status_beside_alerts"] == "Urgent sign first"
    assert triage["Pat"]["priority"] == 1
    assert triage["Sam"]["status"] == triage["Sam"]["status_beside_alerts"] == "On track"
    text = cli("triage", "--db", db, "--as-of", "2026-11-10").stdout
    assert "On track" not in next(line for line in text.splitlines() if " Pat " in line)


def test_a_later_episode_says_urgent_first_while_the_earlier_ones_sign_is_open(tmp_path: Path) -> None:
    """Review 34's browser walk: Mo's first episode holds an open bladder sign; beside her second episode Progress,
    the Clinic and the GP report said "Urgent sign first", the triage list and the summary table "On track (see the
    warning)"."""
    rows = [f"2026-11-{d:02d},5,6,30,0,,{'bladder_bowel' if d == 5 else ''},,Mo,2026-11-01,60\n" for d in range(1, 9)]
    rows += [f"2026-11-{d:02d},4,5,30,0,,,,Mo,2026-11-20,60\n" for d in range(20, 28)]
    path = tmp_path / "mo.csv"
    path.write_text(HEADER + "".join(rows))
    db = tmp_path / "d.db"
    assert cli("import", "--db", db, path).returncode == 0
    triage = json.loads(cli("triage", "--db", db, "--as-of", "2026-11-27", "--json").stdout)
    # the later episode says where the urgent sign is (review 36: "Urgent sign first" beside no alert of its own)
    assert [r["status_beside_alerts"] for r in triage] == ["Urgent sign first", "Urgent sign first (other episode)"], \
        triage
    table = [line for line in cli("summary", "--db", db).stdout.splitlines() if line.split()[0] == "Mo"]
    assert len(table) == 2 and all("Urgent sign first" in line for line in table), table


def test_a_diary_that_went_quiet_weeks_in_is_not_too_early_to_say(tmp_path: Path) -> None:
    """review 35's clinical-brief tester: a diary silent for 24 days, judged on day 36, was "Too early to say";
    what is missing is recent entries, which the label now says at any day."""
    rows = "".join(f"2026-10-{day:02d},{max(1, 7 - day // 2)},{max(2, 8 - day // 2)},30,0,,,,Quinn,2026-10-29,60\n"
                   for day in range(29, 32))
    path = tmp_path / "quiet.csv"
    path.write_text(HEADER + rows)
    table = cli("summary", path, "--as-of", "2026-12-04")
    assert table.returncode == 0, table.stderr
    assert "Not enough recent entries" in table.stdout and "Too early" not in table.stdout
