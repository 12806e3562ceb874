"""Command line: `python -m analysis ...`.

The CLI only parses options, calls the library and prints. Every error a user
can cause is turned into one clean line on stderr in `main` (the one place),
never a traceback. Exit codes: 0 done, 1 refused or failed, 2 usage.
The command names, options and JSON keys are a public contract: extend, don't rename.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import errno
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from analysis.course.curve import CURVES, DEFAULT_CURVE
from analysis.ingest.import_limits import LIMITS, current_limits
from analysis.ingest.importer import ParsedActivity, ParsedDiary, read_diary_file
from analysis.model import columns as c
from analysis.model.errors import BacktrackError, ImportRefused, NotFound, UsageError, tidy
from analysis.output.fhir import fhir_json
from analysis.review.report_text import format_table
from analysis.review.summary import summarise, to_records
from analysis.storage import ENV_VAR, Diary, default_path
from analysis.workflows.diary_io import export_csv, import_path, load_demo, write_parsed

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


_OPENED: list[Diary] = []  # closed when the command ends (main), so the file is left complete


def _open(args: argparse.Namespace) -> Diary:
    diary = Diary(args.db or default_path())
    _OPENED.append(diary)
    return diary


def parse_mapping(text: str | None) -> dict[str, str] | None:
    """Parse --map "Source header=target,Other=pain" into {"Source header": "target", ...}."""
    if not text:
        return None
    mapping = {}
    for pair in text.split(","):
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageError(f"--map: {pair.strip()!r} is not of the form source=target.")
        mapping[source.strip()] = target.strip()
    return mapping


def _read_files(args: argparse.Namespace, problems_to: TextIO) -> Iterator[ParsedDiary | ParsedActivity | None]:
    """Read each FILE with the --patient, --map and --date-order options; a refused file is
    printed with every problem to `problems_to` and yields None."""
    options = {"patient": args.patient, "mapping": parse_mapping(args.map), "date_order": args.date_order,
               "source_id": getattr(args, "source_id", None),
               "limits": current_limits(**{name: getattr(args, name, None) for name in LIMITS})}
    for path in args.files:
        try:
            yield read_diary_file(path, **options)
        except ImportRefused as refusal:
            print(str(refusal), file=problems_to)
            for problem in refusal.problems:
                print(f"  {problem}", file=problems_to)
            yield None


def cmd_import(args: argparse.Namespace) -> int:
    """Import each file atomically; a refused file writes nothing and the others still go in.

    The diary is opened only once a file has been accepted, so refusing every
    file never leaves a new, empty database behind.
    """
    diary: Diary | None = None
    refused = 0
    for parsed in _read_files(args, sys.stderr):
        if parsed is None:
            refused += 1
            continue
        diary = diary or _open(args)
        outcome = write_parsed(diary, parsed)
        print(tidy(outcome.sentence()))
        for warning in outcome.warnings:
            print(f"  warning: {warning}")
    return EXIT_FAILED if refused else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate files without importing: every problem of every file; exit 1 if any file would be refused."""
    refused = 0
    for parsed in _read_files(args, sys.stdout):
        if parsed is None:
            refused += 1
            continue
        days = len(parsed.activity if isinstance(parsed, ParsedActivity) else parsed.entries)
        kind = "activity day" if isinstance(parsed, ParsedActivity) else "diary day"
        print(f"{tidy(parsed.source)}: valid, {days} {kind}{'s' * (days != 1)}"
              + (f", {len(parsed.warnings)} warning{'s' * (len(parsed.warnings) != 1)}." if parsed.warnings else "."))
        for warning in parsed.warnings:
            print(f"  warning: {warning}")
    return EXIT_FAILED if refused else EXIT_OK


def _write_output(path: str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it: a full disk leaves no partial file."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def cmd_backups(args: argparse.Namespace) -> int:
    """List the automatic backups kept beside the diary, newest first (restore one with `restore`)."""
    found = _open(args).automatic_backups()
    if not found:
        print("No automatic backups yet (one is made before every import, restore and upgrade).")
    for path in found:
        print(f"{path}  {path.stat().st_size:,} bytes")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the whole diary into one file."""
    _open(args).backup(args.output)
    print(f"Backed up the diary to {args.output}.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the diary with a backup file."""
    _open(args).restore(args.file)
    print(f"Restored the diary from {args.file}.")
    return EXIT_OK


def _latest_episode(diary: Diary, patient: str | None) -> int:
    """The patient's most recent episode (the only patient's, when there is just one)."""
    episodes = diary.episodes()
    if patient is None:
        names = episodes[c.PATIENT].unique().tolist()
        if len(names) != 1:
            raise UsageError("This diary has several patients; say which with --patient.")
        patient = names[0]
    mine = episodes[episodes[c.PATIENT] == patient]
    if mine.empty:
        known = ", ".join(diary.patient_names()) or "none yet"
        raise NotFound(f"There is no patient called {patient!r} in this diary (patients: {known}).")
    return int(mine.sort_values(c.ONSET_DATE)[c.EPISODE_ID].iloc[-1])


def cmd_report(args: argparse.Namespace) -> int:
    """Write the PDF report for a GP or physiotherapist of the patient's latest episode."""
    from analysis.output.report import episode_report  # matplotlib and fpdf load only when a report is asked for

    diary = _open(args)
    episode_id = _latest_episode(diary, args.patient)
    as_of = _date_option(args.as_of, "--as-of")
    pdf = episode_report(diary, episode_id, as_of, today=dt.date.today(), curve=args.curve)
    _write_output(args.output, pdf)
    print(f"Wrote the report to {args.output}.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the canonical diary CSV (or a FHIR R4 Bundle of the latest episode, or a Parquet dataset)."""
    if args.format == "parquet":
        from analysis.workflows.pooled import write_dataset
        if args.patient or args.start or args.end or args.output == "-":
            raise UsageError("--format parquet writes the whole diary into a new folder: give -o DIR and no "
                             "--patient, --from or --to.")
        folder = write_dataset(_open(args), args.output, buckets=args.buckets)
        print(f"Wrote a Parquet dataset to {folder}.")
        return EXIT_OK
    if args.format == "fhir":
        diary = _open(args)
        episode_id = _latest_episode(diary, args.patient)
        entries = diary.entries([episode_id])
        text = fhir_json(entries, str(entries[c.PATIENT].iloc[0]), episode_id) if len(entries) else ""
        if not text:
            raise NotFound("That episode has no diary days to export.")
    else:
        text = export_csv(_open(args), patient=args.patient, start=args.start, end=args.end)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        _write_output(args.output, text.encode("utf-8"))
        days = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # a note may hold a line break
        what = "a FHIR bundle" if args.format == "fhir" else f"{days} diary day{'s' * (days != 1)}"
        print(f"Wrote {what} to {args.output}.")
    return EXIT_OK


def _diary_for(args: argparse.Namespace) -> Diary:
    """The diary to read: FILEs imported into a private in-memory diary, or the --db diary."""
    if args.files and args.db:
        raise UsageError("Give either diary files or --db, not both.")
    if not args.files:
        return _open(args)
    diary = Diary(":memory:")
    options = {"patient": getattr(args, "patient", None), "mapping": parse_mapping(getattr(args, "map", None)),
               "date_order": getattr(args, "date_order", None)}
    for path in args.files:
        import_path(diary, path, **options)
    return diary


def cmd_summary(args: argparse.Namespace) -> int:
    """Print where each patient episode stands (a table, or JSON with --json)."""
    if args.engine == "dask" or args.scheduler:
        return _summary_on_dask(args)
    diary = _diary_for(args)
    ids = None
    episodes = diary.episodes()
    if args.patient and not args.files:
        episodes = episodes[episodes[c.PATIENT] == args.patient]
        if episodes.empty:
            raise NotFound(f"There is no patient called {args.patient!r} in this diary.")
        ids = episodes[c.EPISODE_ID].tolist()
    as_of = _date_option(args.as_of, "--as-of")
    table = summarise(diary.entries(ids), diary.doses(ids), diary.symptoms(ids), episodes, as_of, args.curve,
                      seen=diary.seen(ids), screening_answers=diary.screening(ids), answers=diary.answers(ids))
    records = to_records(table)
    return _print_summary(records, args.json)


def _print_summary(records: list[dict], as_json: bool) -> int:
    """The summary records as JSON (summary --json) or as the plain table."""
    print(json.dumps(records, indent=2, ensure_ascii=False) if as_json else format_table(records))
    return EXIT_OK


def _summary_on_dask(args: argparse.Namespace) -> int:
    """summary DIR --engine dask: the same records, computed per patient bucket on Dask."""
    from analysis.workflows.pooled import summarise_dataset
    if args.db or len(args.files) != 1 or not Path(args.files[0]).is_dir():
        raise UsageError("--engine dask summarises one Parquet dataset folder: summary DIR --engine dask "
                         "(write it with export --db PATH --format parquet -o DIR).")
    records = summarise_dataset(args.files[0], _date_option(args.as_of, "--as-of"), args.curve,
                                scheduler=args.scheduler)
    if args.patient:
        records = [r for r in records if r["patient"] == args.patient]
    return _print_summary(records, args.json)


def _date_option(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date of the form YYYY-MM-DD.") from None


def cmd_demo(args: argparse.Namespace) -> int:
    """Load the five demo diaries; with --if-empty only into a diary that has no episodes yet."""
    diary = _open(args)
    if args.if_empty and not diary.is_empty():
        return EXIT_OK
    for outcome in load_demo(diary):
        print(outcome.sentence())
    return EXIT_OK


# ---- seen: a clinician has assessed a red flag (safety) ------------------------------------------
def cmd_seen(args: argparse.Namespace) -> int:
    """Record that a clinician has seen the patient about an alert, so it stops being held active."""
    from analysis.alerts.rules import RULES
    if args.code not in RULES:
        raise UsageError(f"--code: {args.code!r} is not an alert code; use one of {', '.join(RULES)}.")
    day = _date_option(args.date, "--date") or dt.date.today().isoformat()
    diary = _open(args)
    episode_id = _latest_episode(diary, args.patient)
    diary.mark_seen(episode_id, args.code, day, by="clinician")
    print(f"Recorded that {args.code} was seen on {day}.")
    return EXIT_OK


def _add_seen_parser(sub: argparse._SubParsersAction, db_help: str) -> None:
    p = sub.add_parser("seen", help="record that a clinician has assessed an alert (e.g. red_flag_emergency)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="whose latest episode (needed when the diary has several patients)")
    p.add_argument("--code", required=True, help="the alert code, e.g. red_flag_emergency")
    p.add_argument("--date", help="the day of the assessment, YYYY-MM-DD (default: today)")
    p.set_defaults(run=cmd_seen)
# ---- end seen ------------------------------------------------------------------------------------
# --- triage (the Clinic's list, most urgent first) ---------------------------------------------------------
def cmd_triage(args: argparse.Namespace) -> int:
    """Print the triage list of every patient in --db, most urgent first (a table, or JSON with --json)."""
    from analysis.review.triage import format_triage, to_triage_records, triage_list

    as_of = _date_option(args.as_of, "--as-of") or dt.date.today().isoformat()  # the clinic's date
    diary = _open(args)
    table = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), as_of,
                        seen=diary.seen(), screening=diary.screening(), answers=diary.answers())
    records = to_triage_records(table)
    print(json.dumps(records, indent=2, ensure_ascii=False) if args.json else format_triage(records))
    return EXIT_OK


def _add_triage(sub: argparse._SubParsersAction, db_help: str) -> None:
    p = sub.add_parser("triage", help="every patient, most urgent first: the Clinic's triage list")
    p.add_argument("--db", help=db_help)
    p.add_argument("--as-of", help="the clinic's date, YYYY-MM-DD (default: today): alerts and quiet days are "
                                   "judged on it")
    p.add_argument("--json", action="store_true", help="print JSON (a list, most urgent first; priority 1 = most "
                                                       "urgent)")
    p.set_defaults(run=cmd_triage)
# --- end triage ---------------------------------------------------------------------------------------------
# --- screening: the NICE NG59 set-up questions of an episode -----------------------------------------------
def cmd_screening(args: argparse.Namespace) -> int:
    """Record set-up screening answers for the patient's latest episode (--yes/--no/--clear KEY), then print
    every answer (JSON with --json: answers, flags, see_gp_first)."""
    from analysis.model.screening import QUESTIONS, answers_by_episode, screening_record

    changes: dict[str, bool | None] = {}
    for option, value in (("--yes", True), ("--no", False), ("--clear", None)):
        for key in getattr(args, option[2:]) or []:
            if key not in QUESTIONS:
                raise UsageError(f"{option}: {key!r} is not a set-up question; use one of {', '.join(QUESTIONS)}.")
            if key in changes:
                raise UsageError(f"{option}: {key} is given more than once; answer each question once.")
            changes[key] = value
    diary = _open(args)
    episode_id = _latest_episode(diary, args.patient)
    if changes:
        diary.save_screening(episode_id, changes)
    record = screening_record(answers_by_episode(diary.screening([episode_id])).get(episode_id))
    if args.json:
        print(json.dumps({"episode_id": episode_id, **record}, indent=2, ensure_ascii=False))
        return EXIT_OK
    words = {True: "yes", False: "no", None: "not answered"}
    for key, answer in record["answers"].items():
        print(f"{key}: {words[answer]}")
    print("See the GP before following the plan: " + ", ".join(record["flags"]) + "."
          if record["see_gp_first"] else "No set-up answer asks for a GP visit first.")
    return EXIT_OK


def _add_screening(sub: argparse._SubParsersAction, db_help: str) -> None:
    p = sub.add_parser("screening", help="record or show the set-up screening answers (NICE NG59) of an episode")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="whose latest episode (needed when the diary has several patients)")
    for option, meaning in (("--yes", "answered yes"), ("--no", "answered no"), ("--clear", "not answered")):
        p.add_argument(option, action="append", metavar="QUESTION",
                       help=f"a question {meaning}, e.g. cancer_history (repeat for several)")
    p.add_argument("--json", action="store_true", help="print JSON: episode_id, answers, flags, see_gp_first")
    p.set_defaults(run=cmd_screening)
# --- end screening ------------------------------------------------------------------------------------------
# --- plan and reminder (issue 13: the daily recovery plan) ------------------------------------------------
def cmd_plan(args: argparse.Namespace) -> int:
    """Print the day's plan of the patient's latest episode (plain lines, or JSON with --json)."""
    from analysis.plan.text import plan_lines
    from analysis.review.today_plan import plan_for

    day = _date_option(args.date, "--date") or dt.date.today().isoformat()
    diary = _open(args)
    plan = plan_for(diary, _latest_episode(diary, args.patient), day)
    print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False) if args.json else "\n".join(plan_lines(plan)))
    return EXIT_OK


def cmd_reminder(args: argparse.Namespace) -> int:
    """Write a daily repeating calendar event with an alarm (RFC 5545), for any calendar app."""
    from analysis.plan.reminder import reminder_ics, reminder_time

    _write_output(args.output, reminder_ics(reminder_time(args.time), dt.date.today(), dt.datetime.now(dt.UTC)))
    print(f"Wrote a daily reminder at {args.time} to {args.output}.")
    return EXIT_OK


def _add_plan(sub: argparse._SubParsersAction, db_help: str) -> None:
    p = sub.add_parser("plan", help="the day's recovery plan: walking target, exercises, heat or ice, work, check-in")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="whose latest episode (needed when the diary has several patients)")
    p.add_argument("--date", help="the day, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON (one object; paused is true while an urgent "
                                                       "sign is active)")
    p.set_defaults(run=cmd_plan)
    p = sub.add_parser("reminder", help="write a daily reminder to log the day, as a calendar file (.ics)")
    p.add_argument("--time", required=True, help="the time of day, HH:MM (24-hour clock)")
    p.add_argument("-o", "--output", required=True, help=".ics file to write")
    p.set_defaults(run=cmd_reminder)
# --- end plan and reminder ----------------------------------------------------------------------------------


def _reading_options(p: argparse.ArgumentParser) -> None:
    """How to read a diary file: the same four options for `import` and `check`, so both read a file alike."""
    p.add_argument("--patient", help="patient the file belongs to, when it has no patient column")
    p.add_argument("--map", help='header mapping, e.g. "Schmerz=pain,Datum=date"')
    p.add_argument("--date-order", choices=["dmy", "mdy"], help="order of day and month in ambiguous dates")
    p.add_argument("--source-id", help="the person (Id) to take from a file of several, e.g. Fitbit dailyActivity")


def _add_limits(p: argparse.ArgumentParser) -> None:
    """--max-file-mb and the other import limits (analysis.ingest.import_limits); each overrides its env variable."""
    defaults = current_limits({})
    for name, limit in LIMITS.items():
        p.add_argument(limit.option, dest=name, type=float, metavar="N",
                       help=f"refuse files over this {limit.what} (default {getattr(defaults, name):g} {limit.unit}; "
                            f"env {limit.env})")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Backtrack: a private low back pain diary. Import, check, summarise and export diaries.")
    db_help = f"diary database (default: ${ENV_VAR} or ~/.backtrack/diary.db)"
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("import", help="import diary files (CSV or Excel) into the database")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--db", help=db_help)
    _reading_options(p)
    _add_limits(p)
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("check", help="validate diary files without importing (exit 0 valid, 1 refused)")
    p.add_argument("files", nargs="+", metavar="FILE")
    _reading_options(p)
    _add_limits(p)
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("backup", help="copy the whole diary into one file")
    p.add_argument("--db", help=db_help)
    p.add_argument("-o", "--output", required=True, help="backup file to write")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("backups", help="list the automatic backups kept beside the diary, newest first")
    p.add_argument("--db", help=db_help)
    p.set_defaults(run=cmd_backups)

    p = sub.add_parser("restore", help="replace the diary with a backup file")
    p.add_argument("file", help="backup file made by `backup`")
    p.add_argument("--db", help=db_help)
    p.set_defaults(run=cmd_restore)

    p = sub.add_parser("export", help="export the diary as canonical CSV")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="only this patient")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first date to include")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last date to include")
    p.add_argument("--format", choices=["csv", "fhir", "parquet"], default="csv",
                   help="csv: the canonical diary CSV; fhir: a FHIR R4 Bundle of the patient's latest episode; "
                        "parquet: every table as a Parquet dataset by patient, for summary --engine dask")
    p.add_argument("--buckets", type=int, default=16, help="parquet: number of patient buckets (files per table)")
    p.add_argument("-o", "--output", required=True, help="file to write, or - for standard output")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("report", help="PDF report of a patient's latest episode for a GP or physiotherapist")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="whose report (needed when the diary has several patients)")
    p.add_argument("--as-of", help="report as on this date, YYYY-MM-DD (default: the diary's last date)")
    p.add_argument("--curve", default=DEFAULT_CURVE, choices=sorted(CURVES), help="expected-recovery data set")
    p.add_argument("-o", "--output", required=True, help="PDF file to write")
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("summary", help="where each patient stands: recovery status, projection, alerts")
    p.add_argument("files", nargs="*", metavar="FILE", help="diary files to summarise (instead of --db)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--patient", help="only this patient (with --db), or the owner of files without a patient column")
    p.add_argument("--as-of", help="judge as on this date, YYYY-MM-DD (default: each diary's last date)")
    p.add_argument("--curve", default=DEFAULT_CURVE, choices=sorted(CURVES), help="expected-recovery data set")
    p.add_argument("--json", action="store_true", help="print JSON (a list, one object per patient episode)")
    p.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                   help="dask: summarise a Parquet dataset folder (export --format parquet) on a Dask cluster")
    p.add_argument("--scheduler", help="with --engine dask: a Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                       "(default: a two-worker LocalCluster on this machine)")
    p.set_defaults(run=cmd_summary)

    p = sub.add_parser("demo", help="load the five demo diaries (sample_data/)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--if-empty", action="store_true", help="only when the diary has no episodes yet (first start)")
    p.set_defaults(run=cmd_demo)
    _add_seen_parser(sub, db_help)
    _add_triage(sub, db_help)
    _add_screening(sub, db_help)
    _add_plan(sub, db_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; the one place where errors become messages."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as error:
        print(f"error: {tidy(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except BacktrackError as error:
        print(f"error: {tidy(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        if error.errno == errno.ENOSPC:
            print(f"error: The disk is full; free some space and try again (nothing was written to "
                  f"{error.filename or 'the output file'}).", file=sys.stderr)
            return EXIT_FAILED
        print(f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_FAILED
    finally:
        while _OPENED:
            _OPENED.pop().close()
