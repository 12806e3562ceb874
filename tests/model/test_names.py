"""One written form of a patient's name (analysis.model.names)."""
from __future__ import annotations

import unicodedata

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.model.names import patient_name, patient_names
from analysis.storage import Diary


def test_a_mac_name_and_a_pc_name_become_one():
    pc, mac = "Zoë Brown", unicodedata.normalize("NFD", "Zoë Brown")
    assert mac != pc and patient_name(mac) == pc == patient_name(f" {pc} ")
    assert patient_names(pd.Series([pc, mac, "Ann"])).tolist() == [pc, pc, "Ann"]


def test_ascii_names_pass_untouched():
    names = pd.Series(["Ann", "Ben"] * 3)
    assert patient_names(names) is names


@given(st.lists(st.text(min_size=1), min_size=1, max_size=8))
def test_every_name_ends_in_nfc_and_keeps_its_row(texts):
    names = pd.Series(texts, dtype=object)
    out = patient_names(names)
    assert out.tolist() == [unicodedata.normalize("NFC", t) for t in texts]


def test_the_diary_finds_a_patient_however_the_name_was_composed(tmp_path):
    diary = Diary(tmp_path / "d.db")
    first = diary.add_episode(unicodedata.normalize("NFD", "Zoë"), "2026-11-01")
    assert diary.patient_names() == ["Zoë"]
    second = diary.add_episode("Zoë", "2026-11-20")
    assert len(set(diary.episodes()["patient"])) == 1 and first != second


def test_m011_composes_names_stored_decomposed_and_joins_a_pair(tmp_path):
    """A diary at m010 holding Zoë twice (as a Mac and a PC wrote her) and Åsa once, decomposed: after m011 one
    Zoë with both episodes, Åsa composed."""
    import sqlite3

    path = tmp_path / "d.db"
    diary = Diary(path)
    diary.add_episode("Zoë", "2026-11-01")
    diary.add_episode("Åsa", "2026-11-01")
    diary.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE patients SET name = ? WHERE name = 'Åsa'", (unicodedata.normalize("NFD", "Åsa"),))
        db.execute("INSERT INTO patients(name) VALUES (?)", (unicodedata.normalize("NFD", "Zoë"),))
        db.execute("INSERT INTO episodes(patient_id, onset_date) VALUES ((SELECT max(id) FROM patients), "
                   "'2026-11-20')")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_patient_names_nfc'")
    db.close()
    diary = Diary(path)
    assert diary.patient_names() == ["Zoë", "Åsa"]
    assert sorted(diary.episodes().loc[lambda e: e["patient"] == "Zoë", "onset_date"].astype(str).str[:10]) == [
        "2026-11-01", "2026-11-20"]


def test_a_report_file_is_named_after_its_patient_and_day_in_plain_ascii() -> None:
    from analysis.model.names import report_file_name

    assert report_file_name("Zoë O'Brien", "2026-12-02") == "backtrack-report-zoe-o-brien-2026-12-02.pdf"
    assert report_file_name("日本", "2026-12-02") == "backtrack-report-patient-2026-12-02.pdf"
    assert report_file_name("../../etc/passwd", "2026-12-02") == "backtrack-report-etc-passwd-2026-12-02.pdf"
