"""Review 31's last browser walk, the Clinic's import (found after the fixes of review 31):

- a fitness app's minutes in a renamed file started on the first diary of the list ("Add the minutes to Anna
  (demo)'s diary") while a diary named like the file was there, and said "import their diary first" twice;
- the downloadable problem report, which the README says gives every row, said "rows 89, ... 162 and 26 more";
- the report's directions were the page's ("Say below ..., then press Import with these columns"), pointing
  nowhere in a spreadsheet."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from analysis.ingest.file_owner import owner_named
from analysis.model.errors import report_messages, tidy
from analysis.storage import Diary
from analysis.workflows.diary_io import import_many
from analysis.workflows.problem_report import problem_report_csv
from tests.apptest import app

TODAY = dt.date.today()


def _days(n: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=k) for k in range(n, 0, -1)]


def _diary_csv(n: int = 4) -> bytes:
    return ("date,pain\n" + "".join(f"{day},5\n" for day in _days(n))).encode()


def _fit_csv(n: int = 4, walking_only: int = 0) -> bytes:
    """Google Fit's daily file; the last `walking_only` days have no Move Minutes, only a walking duration."""
    rows = [f"{day},{'' if i >= n - walking_only else 40 + i},1800,3000,{(20 + i) * 60_000}\n"
            for i, day in enumerate(_days(n))]
    return ("Date,Move Minutes count,Calories (kcal),Distance (m),Walking duration (ms)\n" + "".join(rows)).encode()


def _clinic_with(files: list[tuple[str, bytes]]):  # noqa: ANN202
    at = app().switch_page("screens/clinic.py").run()
    at.file_uploader(key="clinic_upload").set_value([(n, d, "text/csv") for n, d in files]).run()
    at.button(key="clinic_import").click().run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> list[str]:  # noqa: ANN001
    return [str(t.value) for t in at.text]


def test_the_diary_named_like_the_renamed_fitness_file_is_offered(fresh_diary: Path) -> None:
    name = "pipstur_daily_activity_metrics.csv"
    at = _clinic_with([("anna.csv", _diary_csv()), ("pipstur.csv", _diary_csv()), (name, _fit_csv())])
    assert at.selectbox(key=f"patient_{name}").value == "pipstur"
    said = [t for t in _texts(at) if "import their diary first" in t or "only activity minutes" in t]
    assert said == [f"{name} was not imported: it holds only activity minutes, and its name is not a diary's."], \
        said  # once, and nothing about importing a diary first, nor that no diary has the name of the file
    assert at.button(key=f"patient_{name}_import").label == "Add the minutes to pipstur's diary"
    at.button(key=f"patient_{name}_import").click().run()
    diary = Diary(fresh_diary)
    try:
        entries = diary.entries()
        names = dict(zip(diary.episodes()["episode_id"], diary.episodes()["patient"], strict=True))
    finally:
        diary.close()
    added = entries[entries["activity_minutes"].notna()]
    assert {names[e] for e in added["episode_id"]} == {"pipstur"} and len(added) == 4


def test_nobody_is_chosen_for_a_file_that_names_no_diary(fresh_diary: Path) -> None:
    name = "tracker_from_phone.csv"
    at = _clinic_with([("anna.csv", _diary_csv()), ("ben.csv", _diary_csv()), (name, _fit_csv())])
    assert at.selectbox(key=f"patient_{name}").value is None
    button = at.button(key=f"patient_{name}_import")
    assert button.disabled and button.label == "Add the minutes to the diary chosen"
    at.selectbox(key=f"patient_{name}").set_value("ben").run()
    assert not at.button(key=f"patient_{name}_import").disabled


def test_a_file_names_a_diary_only_by_what_is_left_of_it_less_the_apps_own_name() -> None:
    names = ["Anna (demo)", "pipstur", "Ann", "Ann Lee", "Tom Smith", "export", "2", "activity", "A", "Marie"]
    assert owner_named("pipstur_daily_activity_metrics.csv", names) == "pipstur"
    assert owner_named("Tom_Smith_Daily activity metrics (1).csv", names) == "Tom Smith"
    assert owner_named("ann-lee_dailyActivity_merged.csv", names) == "Ann Lee"  # not Ann: the whole name left
    assert owner_named("Zoe\u0308 daily activity metrics.csv", ["Zoë"]) == "Zoë"  # the name as a Mac writes it
    # the app's own names, numbers, and words beside a name are nobody (review 32: a stranger's minutes offered to
    # the patients "export", "2" and "activity", to the longer of two names, to a one-letter name)
    for nobody in ("fitbit_export_20261117.csv", "fitbit_export_20261117 (2).csv", "Daily activity metrics.csv",
                   "Daily activity metrics (2).csv", "fit export.csv", "ann-marie fit.csv", "annabel.csv",
                   "a week of walking.csv", "from Ann to Jo.csv", "2026-11-03 daily activity metrics.csv",
                   "daily_activity_metrics_export.csv", "activity_fitbit_export_20261117.csv"):
        assert owner_named(nobody, names) is None, nobody
    assert owner_named("ann daily activity metrics.csv", ["ann", "Ann"]) is None  # two diaries of that name


def test_the_problem_report_gives_every_row_the_page_shortens(tmp_path: Path) -> None:
    diary = Diary(tmp_path / "d.db")
    try:
        results = list(import_many(diary, [("kim.csv", _diary_csv(40)), ("kim_fit.csv", _fit_csv(40, 30))],
                                   patient="kim"))
    finally:
        diary.close()
    fit = next(r for r in results if r.name == "kim_fit.csv")
    shown = next(w for w in fit.warnings if "Move Minutes" in w)
    assert "and 22 more" in shown  # 30 rows: the first 8 on the page
    report = pd.read_csv(io.StringIO(problem_report_csv(results)))
    message = report.loc[report["message"].str.contains("Move Minutes"), "message"].item()
    assert "more" not in message
    assert message.startswith("kim_fit.csv rows " + ", ".join(map(str, range(12, 41))) + " and 41: ")


def test_a_long_list_of_rows_is_shortened_to_show_and_kept_whole_for_a_report() -> None:
    message = "f.csv rows " + ", ".join(map(str, range(2, 5000))) + " and 5000, pain: empty."
    assert tidy(message) == "f.csv rows 2, 3, 4, 5, 6, 7, 8, 9 and 4,991 more, pain: empty."
    parts = report_messages(message)  # a cell a spreadsheet holds whole each: 2,000 rows
    assert [p.endswith(f", pain: empty. (part {n} of 3)") for n, p in enumerate(parts, 1)] == [True] * 3
    assert parts[0].startswith("f.csv rows 2, 3, ") and max(map(len, parts)) < 32_767
    lists = [p.split(" rows ", 1)[1].split(", pain")[0].replace(" and ", ", ") for p in parts]
    listed = [int(n) for rows in lists for n in rows.split(", ")]
    assert listed == list(range(2, 5001))
    ten = "f.csv rows " + ", ".join(map(str, range(2, 11))) + " and 11: x"
    assert tidy(ten) == ten and report_messages(ten) == [ten]  # ten rows are shown whole, as before
    named = 'rows #0#.csv rows ' + ", ".join(map(str, range(2, 30))) + " and 30: \x1b[31m"
    assert report_messages(named) == ["rows #0#.csv rows " + ", ".join(map(str, range(2, 30))) + " and 30: \\e[31m"]


def test_the_report_says_where_to_pick_the_columns_not_below(tmp_path: Path) -> None:
    from dashboard.clinic_import import HOW_IN_THE_REPORT

    diary = Diary(tmp_path / "d.db")
    try:
        results = list(import_many(diary, [("ute.csv", b"Tag,Schmerz\n2026-02-03,6\n")]))
    finally:
        diary.close()
    report = problem_report_csv(results, HOW_IN_THE_REPORT)
    assert "the Clinic's import (its column step)" in report and "below" not in report, report


def test_the_cli_says_how_to_name_the_diary_of_a_fitness_file_and_the_name_written_otherwise(tmp_path: Path) -> None:
    """`import fit.csv` said only "import their diary first" (which would make a second patient), never --patient;
    `--patient ANN` beside a diary "ann" did not say the name is matched as written (review 32)."""
    from tests.cli_run import cli

    db = tmp_path / "d.db"
    (tmp_path / "ann.csv").write_bytes(_diary_csv())
    (tmp_path / "fit.csv").write_bytes(_fit_csv())
    assert cli("import", "--db", db, tmp_path / "ann.csv").returncode == 0
    plain = cli("import", "--db", db, tmp_path / "fit.csv")
    assert plain.returncode != 0 and "or say whose diary the minutes are for (--patient)." in plain.stderr
    shouted = cli("import", "--db", db, "--patient", "ANN", tmp_path / "fit.csv")
    assert "The diary has 'ann': a name is matched as it is written." in shouted.stderr, shouted.stderr
    assert cli("import", "--db", db, "--patient", "ann", tmp_path / "fit.csv").returncode == 0


def test_a_fitness_file_whose_dates_are_no_diary_day_is_imported_with_a_warning(tmp_path: Path) -> None:
    """A tracker's 2019 minutes given to a diary of this year counted as "1 imported, 0 refused" with nothing added
    (review 32): now a warning says none of its dates is a diary day."""
    diary = Diary(tmp_path / "d.db")
    try:
        results = list(import_many(diary, [("ann.csv", _diary_csv()),
                                           ("fit.csv", b"Date,Move Minutes count\n2019-04-28,30\n2019-04-29,20\n")],
                                   patient="ann"))
    finally:
        diary.close()
    fit = results[-1]
    assert fit.status == "imported with warnings", fit.status
    assert fit.warnings == ["fit.csv: none of its dates (28 Apr 2019 to 29 Apr 2019) is a day of the diary it was "
                            "given to, so nothing was added; is it that person's file, and are their days logged?"]
