"""The click CLI through `click.testing.CliRunner`: every command's options (the public contract), the values it
prints, exit codes, and the one sentence on stderr for each way a run can fail."""
from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from analysis.cli import cli, main
from analysis.cli.core import EXIT_INTERRUPTED, expand_abbreviations, explain
from analysis.storage import Diary

ROOT = Path(__file__).resolve().parent.parent

# Written from the clinical description: Ivy reports numbness around the saddle area on day 5 (cauda equina
# warning: an emergency); Jon's pain falls steadily from 7 to 3 over ten days, an ordinary recovery.
CLINIC = ("date,pain,symptoms,patient,onset_date\n"
          + "".join(f"2026-11-{d:02d},{p},{'saddle_numbness' if d == 5 else ''},Ivy,2026-11-01\n"
                    for d, p in zip(range(1, 11), (7, 7, 7, 6, 7, 7, 6, 6, 6, 6), strict=True))
          + "".join(f"2026-11-{d:02d},{p},,Jon,2026-11-01\n"
                    for d, p in zip(range(1, 11), (7, 7, 6, 6, 5, 5, 4, 4, 3, 3), strict=True)))

# Every command with every option and positional it had under argparse; click may add, never remove.
CONTRACT = {
    "import": {"FILE...", "--db", "--patient", "--map", "--date-order", "--source-id", "--max-file-mb",
               "--max-xlsx-mb", "--max-xlsx-ratio", "--max-rows", "--max-columns", "--max-cell-chars",
               "--max-xlsx-cells"},
    "check": {"FILE...", "--patient", "--map", "--date-order", "--source-id", "--max-file-mb", "--max-xlsx-mb",
              "--max-xlsx-ratio", "--max-rows", "--max-columns", "--max-cell-chars", "--max-xlsx-cells"},
    "backup": {"--db", "-o", "--output"},
    "backups": {"--db"},
    "restore": {"FILE", "--db"},
    "export": {"--db", "--patient", "--from", "--to", "--format", "--buckets", "-o", "--output"},
    "report": {"--db", "--patient", "--as-of", "--curve", "-o", "--output"},
    "summary": {"[FILE]...", "--db", "--patient", "--as-of", "--curve", "--json", "--engine", "--scheduler"},
    "demo": {"--db", "--if-empty"},
    "seen": {"--db", "--patient", "--code", "--date"},
    "triage": {"--db", "--as-of", "--json"},
    "screening": {"--db", "--patient", "--yes", "--no", "--clear", "--json"},
    "plan": {"--db", "--patient", "--date", "--json"},
    "reminder": {"--time", "-o", "--output"},
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error(result: Result) -> str:
    """The run's stderr, checked to be the one line "error: ..." and no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    source = tmp_path / "clinic.csv"
    source.write_text(CLINIC)
    db = tmp_path / "clinic.db"
    result = invoke("import", str(source), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "clinic.csv: imported for 2 patients: 20 new days.\n"
    return db


# ---- the contract: names, options, order ---------------------------------------------------------------
def test_help_lists_every_command_in_the_old_order() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(CONTRACT)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_every_command_keeps_its_options(name: str) -> None:
    command = cli.commands[name]
    given = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)
             if opt.startswith("-")}
    given |= {param.make_metavar(cli.make_context("x", [name])) for param in command.params
              if param.param_type_name == "argument"}
    assert CONTRACT[name] <= given
    for flag in ("-h", "--help"):
        result = invoke(name, flag)
        assert result.exit_code == 0 and result.stdout.startswith(f"Usage: python -m analysis {name} ")


def test_main_returns_the_exit_code_and_runner_exits_with_it(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.csv")]) == 1
    assert "No such file or directory" in capsys.readouterr().err
    assert invoke("check", str(tmp_path / "nope.csv")).exit_code == 1
    assert main(["--help"]) == 0 and main([]) == 2


def test_the_console_script_is_main(monkeypatch, capsys) -> None:
    """pip's `backtrack` script is `sys.exit(main())` with argv[0] ending in backtrack (in-process: no start-up)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"backtrack": "analysis.cli:main"}
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/backtrack", "triage", "--help"])
    assert main() == 0
    assert capsys.readouterr().out.startswith("Usage: backtrack triage [OPTIONS]")


# ---- each command, its values ----------------------------------------------------------------------------
def test_import_then_export_gives_the_days_back(clinic: Path) -> None:
    result = invoke("export", "--db", str(clinic), "--patient", "Jon", "--from", "2026-11-03", "--to", "2026-11-05",
                    "-o", "-")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["pain"], r["patient"]) for r in rows] == [
        ("2026-11-03", "6", "Jon"), ("2026-11-04", "6", "Jon"), ("2026-11-05", "5", "Jon")]


def test_export_to_a_file_counts_the_days(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = invoke("export", "--db", str(clinic), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"Wrote 20 diary days to {out}.\n")
    assert out.read_text().count("\n") == 21


def test_export_fhir_of_one_patient(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "ivy.json"
    result = invoke("export", "--db", str(clinic), "--patient", "Ivy", "--format", "fhir", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"Wrote a FHIR bundle to {out}.\n")
    pains = [e["resource"] for e in json.loads(out.read_text())["entry"]
             if e["resource"]["resourceType"] == "Observation" and e["resource"]["code"]["coding"][0]["code"]
             == "72514-3"]
    assert len(pains) == 10


def test_export_parquet_refuses_a_patient(clinic: Path, tmp_path: Path) -> None:
    result = invoke("export", "--db", str(clinic), "--format", "parquet", "--patient", "Ivy", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "--format parquet writes the whole diary into a new folder" in one_error(result)


def test_check_prints_each_problem(tmp_path: Path) -> None:
    bad = tmp_path / "knee.csv"
    bad.write_text("date,pain\n2026-11-01,3\n2026-11-02,12\n")
    result = invoke("check", str(bad))
    assert result.exit_code == 1
    assert "knee.csv row 3, pain: 12 is above the maximum 10." in result.stdout


def test_import_refused_writes_nothing_and_makes_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,pain\n2026-11-01,-1\n")
    result = invoke("import", str(bad), "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 1 and "bad.csv row 2, pain: -1 is below the minimum 0." in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_summary_json_values(clinic: Path) -> None:
    result = invoke("summary", "--db", str(clinic), "--patient", "Jon", "--as-of", "2026-11-10", "--json")
    assert result.exit_code == 0
    [jon] = json.loads(result.stdout)
    assert (jon["patient"], jon["onset_date"], jon["as_of"], jon["days_since_onset"]) == (
        "Jon", "2026-11-01", "2026-11-10", 9)
    assert jon["current_pain"] == pytest.approx(round((6 + 5 + 5 + 4 + 4 + 3 + 3) / 7, 2))  # 4-10 November
    assert jon["baseline_pain"] == pytest.approx(round((7 + 7 + 6) / 3, 2))  # the first three days
    assert jon["curve"] == "menezes2012" and jon["last_entry_date"] == "2026-11-10"


def test_summary_of_files_without_a_database(tmp_path: Path) -> None:
    sam = tmp_path / "sam.csv"
    sam.write_text("date,pain\n2026-11-01,8\n2026-11-02,7\n2026-11-03,7\n")
    result = invoke("summary", str(sam), "--json", "--curve", "wallwork2024")
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert (record["patient"], record["curve"], record["current_pain"]) == ("sam", "wallwork2024", 7.33)
    both = invoke("summary", str(sam), "--db", str(tmp_path / "d.db"))
    assert both.exit_code == 2 and one_error(both) == "error: Give either diary files or --db, not both."


def test_triage_puts_the_red_flag_first(clinic: Path) -> None:
    result = invoke("triage", "--db", str(clinic), "--as-of", "2026-11-10", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["patient"] for r in records] == ["Ivy", "Jon"]
    assert records[0]["priority"] == 1 and records[0]["active_alerts"] == ["red_flag_emergency"]
    assert records[1]["active_alerts"] == [] and records[1]["current_pain"] == 4.3  # (6+5+5+4+4+3+3)/7, one decimal


def test_seen_closes_the_red_flag(clinic: Path) -> None:
    result = invoke("seen", "--db", str(clinic), "--patient", "Ivy", "--code", "red_flag_emergency",
                    "--date", "2026-11-06")
    assert (result.exit_code, result.stdout) == (0, "Recorded that red_flag_emergency was seen on 2026-11-06.\n")
    [ivy] = json.loads(invoke("summary", "--db", str(clinic), "--patient", "Ivy", "--json").stdout)
    flag = next(a for a in ivy["alerts"] if a["code"] == "red_flag_emergency")
    assert flag["active"] is False and flag["seen_date"] == "2026-11-06"
    wrong = invoke("seen", "--db", str(clinic), "--patient", "Ivy", "--code", "red_flag")
    assert wrong.exit_code == 2 and "--code: 'red_flag' is not an alert code" in one_error(wrong)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()  # review 4: a future day was recorded
    later = invoke("seen", "--db", str(clinic), "--patient", "Ivy", "--code", "red_flag_emergency", "--date", tomorrow)
    assert later.exit_code == 2 and one_error(later) == (f"error: --date: {tomorrow} is after today; give the day a "
                                                         "clinician saw the patient.")


def test_screening_records_and_prints(clinic: Path) -> None:
    result = invoke("screening", "--db", str(clinic), "--patient", "Jon", "--yes", "age_over_50", "--no",
                    "night_pain", "--json")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["episode_id"] == 2 and shown["answers"]["age_over_50"] is True
    assert shown["answers"]["night_pain"] is False and shown["answers"]["cancer_history"] is None
    plain = invoke("screening", "--db", str(clinic), "--patient", "Jon")
    assert "age_over_50: yes\n" in plain.stdout and "night_pain: no\n" in plain.stdout


def test_plan_json_of_a_day(clinic: Path) -> None:
    result = invoke("plan", "--db", str(clinic), "--patient", "Jon", "--date", "2026-11-10", "--json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["date"] == "2026-11-10" and plan["day_since_onset"] == 9 and plan["paused"] is False
    paused = json.loads(invoke("plan", "--db", str(clinic), "--patient", "Ivy", "--date", "2026-11-06",
                               "--json").stdout)
    assert paused["paused"] is True and paused["exercises"] == []  # an urgent sign is active
    before = invoke("plan", "--db", str(clinic), "--patient", "Jon", "--date", "2026-10-01")  # review 4: a day-0 plan
    assert before.exit_code == 2
    assert one_error(before) == "error: --date: 2026-10-01 is before the pain started (2026-11-01)."


def test_plan_needs_a_patient_when_there_are_several(clinic: Path) -> None:
    result = invoke("plan", "--db", str(clinic), "--date", "2026-11-10")
    assert result.exit_code == 2
    assert one_error(result) == "error: This diary has several patients; say which with --patient."


def test_report_of_an_unknown_patient(clinic: Path, tmp_path: Path) -> None:
    result = invoke("report", "--db", str(clinic), "--patient", "Zed", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1
    assert one_error(result) == "error: There is no patient called 'Zed' in this diary."  # no list (review 10)
    near = invoke("report", "--db", str(clinic), "--patient", "Jonn", "-o", str(tmp_path / "r.pdf"))
    assert one_error(near) == "error: There is no patient called 'Jonn' in this diary. Did you mean 'Jon'?"
    assert not (tmp_path / "r.pdf").exists()


def test_backup_backups_restore(clinic: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert invoke("backup", "--db", str(clinic), "-o", str(copy)).stdout == f"Backed up the diary to {copy}.\n"
    moved = tmp_path / "moved" / "diary.db"
    result = invoke("restore", str(copy), "--db", str(moved))
    assert (result.exit_code, result.stdout) == (0, f"Restored the diary from {copy}.\n")
    assert Diary(moved).patient_names() == ["Ivy", "Jon"]
    assert invoke("import", str(clinic.with_suffix(".csv")), "--db", str(clinic)).exit_code == 0  # nothing new
    assert invoke("backups", "--db", str(clinic)).stdout.startswith("No automatic backups yet")  # none kept
    more = tmp_path / "more.csv"
    more.write_text("patient,date,pain\nIvy,2026-11-21,3\n")
    assert invoke("import", str(more), "--db", str(clinic)).exit_code == 0  # a new day: backs up first
    listed = invoke("backups", "--db", str(clinic))
    assert listed.exit_code == 0 and "clinic" in listed.stdout and "bytes" in listed.stdout


def test_demo_if_empty_leaves_a_used_diary_alone(clinic: Path) -> None:
    result = invoke("demo", "--db", str(clinic), "--if-empty")
    assert (result.exit_code, result.stdout) == (0, "")
    assert Diary(clinic).patient_names() == ["Ivy", "Jon"]


def test_reminder_writes_a_calendar(tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    result = invoke("reminder", "--time", "19:30", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"Wrote a daily reminder at 19:30 to {out}.\n")
    assert "RRULE:FREQ=DAILY" in out.read_text()
    assert invoke("reminder", "--time", "7pm", "-o", str(out)).exit_code == 2


# ---- errors: one sentence, the right exit code -----------------------------------------------------------
@pytest.mark.parametrize(("args", "code", "sentence"), [
    (["summary", "--as-of", "20/08/2026"], 2, "error: --as-of: '20/08/2026' is not a date of the form YYYY-MM-DD."),
    (["plan", "--date", "tomorrow"], 2, "error: --date: 'tomorrow' is not a date of the form YYYY-MM-DD."),
    (["export", "--from", "1/11/2026", "-o", "-"], 2, "error: --from: '1/11/2026' is not a date of the form "
                                                      "YYYY-MM-DD."),
    (["import", "x.csv", "--map", "Pain"], 2, "error: --map: 'Pain' is not of the form source=target."),
    (["import", "x.csv", "--max-rows", "0"], 2, "error: --max-rows must be a positive number, not '0.0'."),
    (["export"], 2, "error: Missing option '-o' / '--output'. See `python -m analysis export --help`."),
    (["summary", "--curve", "fast"], 2, "error: Invalid value for '--curve': 'fast' is not one of 'menezes2012', "
                                        "'wallwork2024'. See `python -m analysis summary --help`."),
    (["triage", "--colour"], 2, "error: No such option '--colour'. See `python -m analysis triage --help`."),
    (["mend"], 2, "error: No such command 'mend'. See `python -m analysis --help`."),
    ([], 2, "error: Give a command: import, check, backup, backups, restore, export, report, summary, demo, seen, "
            "triage, screening, plan, reminder; `python -m analysis COMMAND --help` shows its options."),
])
def test_usage_errors_are_one_sentence(tmp_path: Path, args: list[str], code: int, sentence: str) -> None:
    result = invoke(*args, *(["--db", str(tmp_path / "d.db")] if args and args[0] in ("summary", "plan") else []))
    assert result.exit_code == code
    assert one_error(result) == sentence
    assert not (tmp_path / "d.db").exists()  # a usage error opens no diary


def test_a_missing_file_is_one_sentence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short name: long values are cut with an ellipsis in messages
    missing = Path("nope.csv")
    result = invoke("import", str(missing), "--db", str(tmp_path / "d.db"))
    assert result.exit_code == 1
    assert one_error(result) == f"error: No such file or directory: {missing}"
    result = invoke("restore", str(missing), "--db", str(tmp_path / "d.db"))
    assert result.exit_code == 1 and one_error(result) == f"error: No such file or directory: {missing}"
    assert not (tmp_path / "d.db").exists()


def test_a_file_that_is_not_a_diary(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("pain 6 today\n")
    result = invoke("summary", "--db", str(notes))
    assert result.exit_code == 1 and "is not a Backtrack diary (it is not a database file)" in one_error(result)


def test_a_busy_diary_is_one_sentence_and_nothing_changes(clinic: Path, tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    monkeypatch.setattr("analysis.storage.guard.begin_immediate.__defaults__", (1,))
    monkeypatch.setattr("analysis.storage.connection.BUSY_TIMEOUT_MS", 50, raising=False)
    more = tmp_path / "more.csv"
    more.write_text("date,pain,patient\n2026-11-11,2,Jon\n")
    holder = sqlite3.connect(clinic, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        result = invoke("import", str(more), "--db", str(clinic))
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert one_error(result) == ("error: The diary is busy with another import or save, so this change was not "
                                 "made; run the command again in a moment (a file already imported is then up to "
                                 "date).")
    assert len(Diary(clinic).entries()) == 20


def test_a_read_only_diary_reads_but_refuses_writes(clinic: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("analysis.storage.diary.os.access", lambda *_: False)  # tests run as root
    assert invoke("triage", "--db", str(clinic), "--as-of", "2026-11-10").exit_code == 0
    result = invoke("seen", "--db", str(clinic), "--patient", "Ivy", "--code", "red_flag_emergency")
    assert result.exit_code == 1
    assert "is in a place that cannot be changed; reading works" in one_error(result)


def test_ctrl_c_is_one_sentence_and_exit_130(tmp_path: Path, monkeypatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.cli.data.read_diary", interrupted)
    good = tmp_path / "good.csv"
    good.write_text("date,pain\n2026-11-01,7\n")
    result = invoke("import", str(good), "--db", str(tmp_path / "d.db"))
    assert result.exit_code == EXIT_INTERRUPTED == 130
    assert one_error(result).startswith("error: Stopped before the command finished")
    assert not (tmp_path / "d.db").exists()


def test_a_full_disk_and_a_closed_pipe() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/tmp/r.pdf")
    assert explain(full) == ("The disk is full; free some space and try again (nothing was written to "
                             "/tmp/r.pdf).", 1)
    assert explain(BrokenPipeError(errno.EPIPE, "Broken pipe")) == ("", 1)  # `| head`: nothing to say


def test_a_missing_file_named_by_its_path_alone_is_said_as_missing() -> None:
    """pyarrow on a Dask worker raises FileNotFoundError('ds/episodes'): the line said only "error: ds/episodes"."""
    assert explain(FileNotFoundError("ds/episodes")) == ("No such file or directory: ds/episodes", 1)


# ---- the session: one diary, opened once, always closed --------------------------------------------------
@pytest.mark.parametrize("args", [
    ["export", "--patient", "Ivy", "--format", "fhir", "-o", "-"],
    ["plan", "--patient", "Jon", "--date", "2026-11-10"],
    ["screening", "--patient", "Nobody"],  # fails after opening
])
def test_the_diary_is_opened_once_and_closed(clinic: Path, monkeypatch, args: list[str]) -> None:
    opened, closed = [], []
    real_init, real_close = Diary.__init__, Diary.close

    def counting_init(self: Diary, *a: object, **k: object) -> None:
        real_init(self, *a, **k)
        opened.append(self)

    def counting_close(self: Diary) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(Diary, "__init__", counting_init)
    monkeypatch.setattr(Diary, "close", counting_close)
    invoke(*args, "--db", str(clinic))
    assert len(opened) == 1 and closed == opened


# ---- argparse's habits kept ------------------------------------------------------------------------------
def test_unique_abbreviations_still_work(clinic: Path) -> None:
    result = invoke("summary", "--db", str(clinic), "--pat", "Jon", "--as=2026-11-10", "--js")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["as_of"] == "2026-11-10"
    ambiguous = invoke("export", "--db", str(clinic), "--f", "csv", "-o", "-")
    assert ambiguous.exit_code == 2 and "No such option" in one_error(ambiguous)


def test_abbreviations_stop_at_double_dash() -> None:
    options = {"--patient", "--plan", "--json"}
    assert expand_abbreviations(["--pat=A", "--js", "--pl", "--p", "--", "--js"], options) == [
        "--patient=A", "--json", "--plan", "--p", "--", "--js"]


def test_shell_completion_of_the_console_script() -> None:
    env = {"_BACKTRACK_COMPLETE": "bash_complete", "COMP_WORDS": "backtrack summary --cu", "COMP_CWORD": "2"}
    result = CliRunner().invoke(cli, [], prog_name="backtrack", env=env)
    assert result.exit_code == 0 and result.stdout.split() == ["plain,--curve"]


def test_a_one_episode_command_on_an_empty_diary(tmp_path: Path) -> None:
    Diary(tmp_path / "new.db").close()
    result = invoke("plan", "--db", str(tmp_path / "new.db"), "--date", "2026-11-10")
    assert result.exit_code == 1
    assert one_error(result) == "error: This diary has no patients yet; import a diary first."
    # a --db with no diary at all is refused, never created (review 21)
    result = invoke("plan", "--db", str(tmp_path / "typo.db"), "--date", "2026-11-10")
    assert result.exit_code == 1 and one_error(result).startswith("error: There is no diary at ")
    assert not (tmp_path / "typo.db").exists()
