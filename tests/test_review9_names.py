"""Review 9: a patient's name in one written form (NFC) wherever it is looked up."""
from __future__ import annotations

import unicodedata

import pandas as pd


def test_the_clinic_search_finds_zoe_typed_on_a_mac() -> None:
    """The physiotherapist copies 'Zoë' from the name of the file her Mac saved (decomposed: e + combining
    diaeresis) into the Clinic's *Find a patient* box. The list shows no patient, though Zoë Brown is in it;
    `export --patient`, `report --patient` and `plan --patient` with that same text find her (review 8's fix:
    'names are put in NFC where they are looked up')."""
    table = pd.DataFrame({"patient": ["Zoë Brown", "Ann Lee"], "reason": ["On track", "On track"]})
    from analysis.review.triage import filter_triage

    typed = unicodedata.normalize("NFD", "Zoë")
    assert typed != "Zoë"
    assert filter_triage(table, typed)["patient"].tolist() == ["Zoë Brown"]


def test_a_patient_stored_decomposed_before_the_fix_can_still_be_exported(tmp_path) -> None:
    """A practice diary kept before today holds Zoë Brown as her Mac wrote her (NFD: review 8's very case).
    After updating, `export --patient "Zoë Brown"` says "error: There is no patient called 'Zoë Brown' in this
    diary (patients: Zoë Brown)", typed either way; importing her next week's file adds a second, identical
    'Zoë Brown' to `triage`. Before the fix the NFD-typed name exported her."""
    import sqlite3

    from tests.cli_run import cli

    name = "Zoë Brown"
    mac = unicodedata.normalize("NFD", name)
    db = tmp_path / "d.db"
    first = tmp_path / "first.csv"
    first.write_text("patient,date,pain\nZoe,2026-11-20,6\nZoe,2026-11-21,5\n", encoding="utf-8")

    assert cli("import", str(first), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as con:  # the name as a diary written before review 8's fix stored it (at m010)
        con.execute("UPDATE patients SET name = ?", (mac,))
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_patient_names_nfc'")
    con.close()
    exported = cli("export", "--db", str(db), "--patient", name, "-o", "-")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == 3
