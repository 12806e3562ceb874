"""Nothing entered is lost: damaged diaries, busy diaries, automatic backups and the exact CSV round trip."""
from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.model.errors import DiaryBusy, DiaryDamaged, DiaryTooNew
from analysis.storage import Diary
from analysis.workflows.diary_io import export_csv, import_bytes
from tests.conftest import ROOT, day
from tests.property_budget import examples

PYTHON = sys.executable
COMMANDS = [["summary"], ["export", "-o", "out.csv"], ["backup", "-o", "copy.db"], ["demo"], ["report", "-o", "r.pdf"]]


def _diary_file(tmp_path: Path) -> Path:
    path = tmp_path / "diary.db"
    diary = Diary(path)
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 6, notes="first day"))
    diary.close()
    return path


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("pain 6 today\n")
    return path


def _png(tmp_path: Path) -> Path:
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return path


def _truncated(tmp_path: Path) -> Path:
    whole = _diary_file(tmp_path).read_bytes()
    path = tmp_path / "cut.db"
    path.write_bytes(whole[:len(whole) // 2 + 100])
    return path


def _newer(tmp_path: Path) -> Path:
    path = _diary_file(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
                     " VALUES ('backtrack', 'm099_from_the_future', '2030-01-01')")
    conn.close()
    return path


DAMAGED = {
    "text": (_text, "is not a Backtrack diary (it is not a database file)"),
    "png": (_png, "is not a Backtrack diary (it is not a database file)"),
    "truncated": (_truncated, "is damaged; restore the latest automatic backup"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_damaged_diary_gives_one_sentence(tmp_path, monkeypatch, capsys, kind, command):
    make, expected = DAMAGED[kind]
    path = make(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main([*command, "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_backups_are_listed_beside_a_diary_that_cannot_be_opened(tmp_path, capsys, kind):
    """`backups` reads the folder, not the diary: the "damaged" sentence sends people to it (review 10)."""
    make, _ = DAMAGED[kind]
    path = make(tmp_path)
    kept = tmp_path / f"{path.stem}.backup-20261101-120000-000000-import.db"
    kept.write_bytes(b"")
    assert main(["backups", "--db", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{kept}  0 bytes")


def test_a_damaged_diary_says_so_in_a_real_process(tmp_path):
    path = _truncated(tmp_path)
    done = subprocess.run([PYTHON, "-m", "analysis", "summary", "--db", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and "is damaged" in done.stderr


def test_a_newer_diary_is_read_but_never_written(tmp_path, capsys):
    path = _newer(tmp_path)
    assert main(["summary", "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "was made by a newer version of Backtrack (it has m099_from_the_future)" in err
    diary = Diary(path)
    with pytest.raises(DiaryTooNew):
        diary.save_entry(1, day("2026-11-03", 5))
    assert len(diary.entries()) == 1
    diary.close()


def test_a_read_only_location_still_reads(tmp_path, monkeypatch, capsys):
    path = _diary_file(tmp_path)
    monkeypatch.setattr("analysis.storage.connection.os.access", lambda *_: False)  # tests run as root
    diary = Diary(path)
    assert diary.read_only and len(diary.entries()) == 1
    with pytest.raises(Exception, match="cannot be changed; reading works"):
        diary.save_entry(1, day("2026-11-03", 5))
    diary.close()
    assert main(["summary", "--db", str(path)]) == 0
    assert main(["export", "--db", str(path), "-o", str(tmp_path / "x.csv")]) == 0
    assert "first day" in (tmp_path / "x.csv").read_text()


def test_restore_refuses_a_backup_with_days_that_do_not_exist(tmp_path):
    bad = _diary_file(tmp_path)
    with sqlite3.connect(bad) as conn:  # foreign keys are off on this bare connection
        conn.execute("INSERT INTO doses(episode_id, date, position, medicine, dose_mg, count)"
                     " VALUES (1, '2026-11-20', 0, 'ibuprofen', 400, 1)")
        conn.execute("INSERT INTO symptoms(episode_id, date, code) VALUES (1, '2026-11-20', 'bladder_bowel')")
    conn.close()
    other = Diary(tmp_path / "other" / "diary.db")
    with pytest.raises(DiaryDamaged, match=r"has 2 row\(s\) in .* pointing at diary days that do not exist"):
        other.restore(bad)
    assert other.is_empty()
    other.close()


def test_restore_keeps_the_replaced_diary_and_backups_lists_it(tmp_path, capsys):
    source = _diary_file(tmp_path)
    target = Diary(tmp_path / "mine" / "diary.db")
    episode = target.add_episode("Alex", "2026-10-01")
    target.save_entry(episode, day("2026-10-02", 4))
    target.restore(source)
    assert target.patient_names() == ["Sam"]
    kept = target.automatic_backups()
    assert len(kept) == 1 and kept[0].name.endswith("-restore.db")
    target.close()
    assert Diary(kept[0]).patient_names() == ["Alex"]
    assert main(["backups", "--db", str(tmp_path / "mine" / "diary.db")]) == 0
    assert str(kept[0]) in capsys.readouterr().out


def test_only_the_newest_automatic_backups_are_kept(tmp_path):
    diary = Diary(tmp_path / "diary.db", keep_backups=2)
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 6))
    for _ in range(4):
        diary.auto_backup("import")
    assert len(diary.automatic_backups()) == 2
    diary.close()


def test_a_writer_waits_then_says_busy(tmp_path, monkeypatch):
    path = _diary_file(tmp_path)
    monkeypatch.setattr("analysis.storage.connection.begin_immediate.__defaults__", (1,), raising=False)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    diary = Diary(path)
    diary.db.conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(DiaryBusy, match="The diary is busy with an import; your entry is kept -- press Save again"):
        diary.save_entry(1, day("2026-11-03", 5))
    holder.rollback()
    diary.save_entry(1, day("2026-11-03", 5))
    assert len(diary.entries()) == 2
    holder.close()
    diary.close()


# ---- the exact CSV round trip -----------------------------------------------------------
# Every note that is not blank comes back byte for byte: spaces and line breaks at either end (the notes of
# Backtrack's own export are read as written), CR, LF, quotes, commas and apostrophes included.
# Control characters other than tab, CR and LF are left out: a file full of them is refused as binary
# (analysis.ingest.readers._looks_binary), which is the hostile-file guard, not a round-trip concern.
_TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\t\r\n'\",=+-@;")),
                min_size=1, max_size=30).filter(lambda t: t.strip() != "")


@pytest.mark.parametrize("note", ["'-) wink", "'@home", "a\rb", "line one\nline two", "=1+1", "''twice",
                                  'he said "ouch", then sat', "\tindented", "-2 better", " sore \n", "\nfirst line"])
def test_notes_come_back_exactly(tmp_path, note):
    diary = Diary(tmp_path / "a.db")
    episode = diary.add_episode("Sam", "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 6, notes=note))
    text = export_csv(diary)
    other = Diary(tmp_path / "b.db")
    import_bytes(other, text.encode("utf-8"), "diary.csv")
    assert other.entries()["notes"].tolist() == [note]
    assert export_csv(other) == text


_NAME = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and t)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(note=_TEXT, name=_NAME)
def test_any_text_round_trips_byte_exactly(tmp_path_factory, note, name):
    folder = tmp_path_factory.mktemp("rt")
    diary = Diary(":memory:")
    episode = diary.add_episode(name, "2026-11-01")
    diary.save_entry(episode, day("2026-11-02", 6, notes=note))
    text = export_csv(diary)
    (folder / "out.csv").write_bytes(text.encode("utf-8"))
    other = Diary(":memory:")
    import_bytes(other, (folder / "out.csv").read_bytes(), "out.csv")
    back = other.entries()
    assert back["notes"].tolist() == [note]
    assert back["patient"].tolist() == [unicodedata.normalize("NFC", name)]  # names are stored composed (review 8)
    assert export_csv(other).encode("utf-8") == text.encode("utf-8")


# ---- writers take turns -------------------------------------------------------------------
def _big_csv(path: Path, patient: str, days: int, start: str = "2020-01-01") -> None:
    import pandas as pd

    dates = pd.date_range(start, periods=days, freq="D").strftime("%Y-%m-%d")
    rows = [f"{d},{(i % 10)},note {i},{patient}" for i, d in enumerate(dates)]  # no onset_date column
    path.write_text("date,pain,notes,patient\n" + "\n".join(rows) + "\n")


def _save_many(path: str, count: int, failures: multiprocessing.Queue) -> None:
    import datetime as dt

    from analysis.storage import DayEntry

    diary = Diary(path)
    episode = diary.add_episode("App", "2026-01-01")
    failed = 0
    for i in range(count):
        try:
            diary.save_entry(episode, DayEntry(dt.date(2026, 1, 1) + dt.timedelta(days=i), 5, notes=f"app {i}"))
        except DiaryBusy:
            failed += 1
    diary.close()
    failures.put(failed)


@pytest.mark.parametrize("round_", range(2))
def test_saves_and_two_imports_at_once_lose_nothing(tmp_path, round_):
    db = tmp_path / "diary.db"
    Diary(db).close()
    _big_csv(tmp_path / "a.csv", "Ann", 2500)
    _big_csv(tmp_path / "b.csv", "Bea", 2500)
    imports = [subprocess.Popen([PYTHON, "-m", "analysis", "import", str(tmp_path / f"{n}.csv"), "--db", str(db)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in ("a", "b")]
    failures: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
    saver = multiprocessing.get_context("spawn").Process(target=_save_many, args=(str(db), 300, failures))
    saver.start()
    outputs = [p.communicate(timeout=300) for p in imports]
    saver.join(timeout=300)
    assert failures.get(timeout=5) == 0
    for (out, err), process in zip(outputs, imports, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "2500 new days" in out
    diary = Diary(db)
    counts = diary.entries().groupby("patient").size().to_dict()
    assert counts == {"Ann": 2500, "Bea": 2500, "App": 300}
    diary.close()


def test_summary_and_report_need_no_network(tmp_path, monkeypatch, capsys):
    import socket

    real_connect = socket.socket.connect

    def local_only(self, address):  # only this computer may be reached
        host = address[0] if isinstance(address, tuple) else "local"
        if host not in ("local", "127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a request tried to leave this computer: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
    path = _diary_file(tmp_path)
    assert main(["summary", "--db", str(path), "--json"]) == 0
    assert '"patient": "Sam"' in capsys.readouterr().out
    demo = tmp_path / "demo.db"
    assert main(["demo", "--db", str(demo)]) == 0
    assert main(["report", "--db", str(demo), "--patient", "Anna (demo)", "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def _csv(folder: Path, n: int) -> Path:
    path = folder / f"patient_{n}.csv"
    path.write_text("date,patient,pain\n" + "".join(f"2026-11-{d:02d},P{n},{(d + n) % 10}\n" for d in range(1, 8)))
    return path


@pytest.mark.parametrize("through", ["cli", "clinic"])
def test_a_batch_import_larger_than_the_backups_kept_can_be_undone_whole(tmp_path, capsys, through):
    """One automatic backup before the first file of a batch, not one per file: with one per file, a batch of more
    files than KEEP_BACKUPS pushed the copy from before the batch out, and the import could not be undone."""
    from analysis.storage.diary import KEEP_BACKUPS
    from analysis.workflows.diary_io import import_many

    db = _diary_file(tmp_path)
    folder = tmp_path / "files"
    folder.mkdir()
    files = [_csv(folder, n) for n in range(KEEP_BACKUPS + 2)]
    if through == "cli":
        assert main(["import", "--db", str(db), *map(str, files)]) == 0
    else:
        diary = Diary(db)
        results = list(import_many(diary, [(p.name, p.read_bytes()) for p in files]))
        assert all(r.status == "imported" for r in results), results
        diary.close()
    diary = Diary(db)
    assert len(diary.patient_names()) == len(files) + 1
    kept = [p for p in diary.automatic_backups() if p.name.endswith("-import.db")]
    diary.close()
    assert len(kept) == 1
    assert Diary(kept[0]).patient_names() == ["Sam"]  # the diary as it was before the batch
