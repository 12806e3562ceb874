"""Commands that judge and plan: report, summary, seen, triage, screening, plan, reminder."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from analysis.cli.core import EXIT_FAILED, EXIT_OK, Session, json_text, pass_session, say_refusal
from analysis.cli.data import write_output
from analysis.cli.options import (
    command,
    curve_option,
    date_option,
    db_option,
    json_option,
    output_option,
    patient_option,
)
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.errors import ImportRefused, NotFound, UsageError
from analysis.model.names import patient_name
from analysis.review.report_text import format_table
from analysis.storage import Diary
from analysis.storage.read_once import read_once
from analysis.workflows.diary_io import import_path


def _print_json(value: object) -> None:
    print(json_text(value))


@command("report", "PDF report of a patient's latest episode for a GP or physiotherapist")
@db_option
@patient_option("whose report (needed when the diary has several patients)")
@date_option("--as-of", help="report as on this date (default: the diary's last date)", lived=True)
@curve_option
@output_option("PDF file to write")
@pass_session
def report(session: Session, patient: str | None, as_of: str | None, curve: str, output: str) -> int:
    """Write the PDF report for a GP or physiotherapist of the patient's latest episode."""
    from analysis.output.report import episode_report  # matplotlib and fpdf load only when a report is asked for

    reads, output = read_once(session.existing_diary()), session.output(output)  # the diary read once (it only reads)
    newest = session.latest_episode(patient, on=as_of, reads=reads)
    episode_id = session.latest_episode(patient, with_entries=True, on=as_of, reads=reads)
    pdf = episode_report(reads, episode_id, as_of, today=dt.date.today(), curve=curve)
    write_output(output, pdf)
    print(f"Wrote the report to {output}.")
    if newest != episode_id:
        onsets = reads.episodes().set_index(c.EPISODE_ID)[c.ONSET_DATE]
        print(f"The newest episode (from {plain_date(onsets[newest])}) has no entries yet: the report is of the "
              f"episode from {plain_date(onsets[episode_id])}.")
    return EXIT_OK


@command("summary", "where each patient stands: recovery status, projection, alerts",
         "Reads the --db diary, or diary files imported into a private in-memory diary, or (with --engine dask) a "
         "Parquet dataset folder written by export --format parquet.")
@click.argument("files", nargs=-1, metavar="[FILE]...")
@db_option
@patient_option("only this patient (with --db), or the owner of files without a patient column")
@date_option("--as-of", help="judge as on this date (default: each diary's last date)", lived=True)
@curve_option
@json_option("print JSON (a list, one object per patient episode)")
@click.option("--engine", type=click.Choice(["pandas", "dask"]), default="pandas", show_default=True,
              help="dask: summarise a Parquet dataset folder (export --format parquet) on a Dask cluster")
@click.option("--scheduler", metavar="ADDRESS",
              help="with --engine dask: a Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a two-worker "
                   "LocalCluster on this machine)")
@pass_session
def summary(session: Session, files: tuple[str, ...], patient: str | None, as_of: str | None, curve: str,
            as_json: bool, engine: str, scheduler: str | None) -> int:
    """Print where each patient episode stands (a table, or JSON with --json)."""
    # Here, not at the top: the summary brings SciPy (about a second), which `import`, `check` and every other
    # command that does not judge never need.
    from analysis.review.summary import as_read_on, summarise, to_records

    # the day it is read: a projected day before it is said in the past (projection_words), on either engine
    read_on = as_of or dt.date.today().isoformat()
    if engine == "dask" or scheduler:
        return _summary_on_dask(session, files, patient, as_of, curve, as_json, scheduler, read_on)
    diary = _diary_for(session, files, patient)
    ids = None
    episodes = diary.episodes()
    if patient and not files:
        episodes = episodes[episodes[c.PATIENT] == patient_name(patient)]
        if episodes.empty:
            raise NotFound(f"There is no patient called {patient!r} in this diary.")
        ids = episodes[c.EPISODE_ID].tolist()
    table = summarise(diary.entries(ids), diary.doses(ids), diary.symptoms(ids), episodes, as_of, curve,
                      seen=diary.seen(ids), screening_answers=diary.screening(ids), answers=diary.answers(ids))
    return _print_summary(to_records(as_read_on(table, read_on)), as_json)


def _diary_for(session: Session, files: tuple[str, ...], patient: str | None) -> Diary:
    """The diary to read: FILEs imported into a private in-memory diary, or the --db diary."""
    if files and session.db:
        raise UsageError("Give either diary files or --db, not both.")
    if not files:
        return session.existing_diary()
    diary = session.keep(Diary(":memory:"))
    for path in files:
        try:
            import_path(diary, path, patient=patient, mapping=None, date_order=None)
        except ImportRefused as refusal:  # named with every problem, as `import` does: "1 problem." alone hid it
            say_refusal(refusal)
            raise click.exceptions.Exit(EXIT_FAILED) from None
    return diary


def _print_summary(records: list[dict], as_json: bool) -> int:
    """The summary records as JSON (summary --json) or as the plain table."""
    print(json_text(records) if as_json else format_table(records))
    return EXIT_OK


def _summary_on_dask(session: Session, files: tuple[str, ...], patient: str | None, as_of: str | None,
                     curve: str, as_json: bool, scheduler: str | None, read_on: str | None = None) -> int:
    """summary DIR --engine dask: the same records, computed per patient bucket on Dask."""
    from analysis.workflows.pooled import dataset_patients, summarise_dataset
    if session.db or len(files) != 1 or not Path(files[0]).is_dir():
        raise UsageError("--engine dask summarises one Parquet dataset folder: summary DIR --engine dask "
                         "(write it with export --db PATH --format parquet -o DIR).")
    if patient and patient_name(patient) not in dataset_patients(files[0]):  # as `summary --db` says (review 10)
        raise NotFound(f"There is no patient called {patient!r} in this dataset.")
    records = summarise_dataset(files[0], as_of, curve, scheduler=scheduler, read_on=read_on)
    if patient:
        records = [r for r in records if r["patient"] == patient_name(patient)]
    return _print_summary(records, as_json)


@command("seen", "record that a clinician has assessed an alert (e.g. red_flag_emergency)",
         "A red flag held active is closed; a later report starts it again.")
@db_option
@patient_option()
@click.option("--code", required=True, help="the alert code, e.g. red_flag_emergency")
@date_option("--date", help="the day of the assessment (default: today)")
@pass_session
def seen(session: Session, patient: str | None, code: str, date: str | None) -> int:
    """Record that a clinician has seen the patient about an alert, so it stops being held active."""
    from analysis.alerts.rules import RULES
    from analysis.review import urgent_now
    from analysis.review.seen_marks import marks_closing_nothing
    if code not in RULES:
        raise UsageError(f"--code: {code!r} is not an alert code; use one of {', '.join(RULES)}.")
    day = date or dt.date.today().isoformat()
    if dt.date.fromisoformat(day) > dt.date.today():  # as the page's date box allows no later day
        raise UsageError(f"--date: {day} is after today; give the day a clinician saw the patient.")
    latest = session.latest_episode(patient)
    # the episode whose alert is active (an earlier episode's red flag shows on the person's pages too)
    ids = urgent_now.person_episode_ids(session.diary().episodes(), latest)
    # every episode of the person holding it: one visit is about the person's sign (review 7: the earlier
    # episode's fever held the new episode's walking target after `seen` marked the new episode only)
    holding = urgent_now.episodes_holding(session.diary(), ids, code, dt.date.today()) or [latest]
    for episode_id in holding:
        session.diary().mark_seen(episode_id, code, day, by="clinician")
    print(f"Recorded that {code} was seen on {day}.")
    # a mark that closes nothing (no such alert by that day, or the sign reported again after it) is said, as an
    # import says it: "Recorded" alone read as dealt with beside a patient who stayed urgent (review 25)
    history = urgent_now.alerts_now(session.diary(), holding, dt.date.today())
    for warning in marks_closing_nothing("seen", history, tuple((episode, code, day) for episode in holding)):
        print(f"  warning: {warning}")
    return EXIT_OK


@command("triage", "every patient, most urgent first: the Clinic's triage list")
@db_option
@date_option("--as-of", help="the clinic's date (default: today): alerts and quiet days are judged on it", lived=True)
@json_option("print JSON (a list, most urgent first; priority 1 = most urgent)")
@pass_session
def triage(session: Session, as_of: str | None, as_json: bool) -> int:
    """Print the triage list of every patient in --db, most urgent first (a table, or JSON with --json)."""
    from analysis.review.triage import format_triage, to_triage_records, triage_list

    day = as_of or dt.date.today().isoformat()  # the clinic's date
    diary = session.existing_diary()
    table = triage_list(diary.entries(), diary.doses(), diary.symptoms(), diary.episodes(), day, live=as_of is None,
                        seen=diary.seen(), screening=diary.screening(), answers=diary.answers())
    records = to_triage_records(table)
    print(json_text(records) if as_json else format_triage(records))
    return EXIT_OK


@command("screening", "record or show the set-up screening answers (NICE NG59) of an episode",
         "Records --yes/--no/--clear answers for the patient's latest episode, then prints every answer.")
@db_option
@patient_option()
@click.option("--yes", multiple=True, metavar="QUESTION",
              help="a question answered yes, e.g. cancer_history (repeat for several)")
@click.option("--no", multiple=True, metavar="QUESTION",
              help="a question answered no, e.g. cancer_history (repeat for several)")
@click.option("--clear", multiple=True, metavar="QUESTION",
              help="a question not answered, e.g. cancer_history (repeat for several)")
@json_option("print JSON: episode_id, answers, flags, see_gp_first")
@pass_session
def screening(session: Session, patient: str | None, yes: tuple[str, ...], no: tuple[str, ...],
              clear: tuple[str, ...], as_json: bool) -> int:
    """Record set-up screening answers for the patient's latest episode (--yes/--no/--clear KEY), then print
    every answer (JSON with --json: episode_id, answers, flags, see_gp_first)."""
    from analysis.model.screening import QUESTIONS, answers_by_episode, screening_record

    changes: dict[str, bool | None] = {}
    for option, keys, value in (("--yes", yes, True), ("--no", no, False), ("--clear", clear, None)):
        for key in keys:
            if key not in QUESTIONS:
                raise UsageError(f"{option}: {key!r} is not a set-up question; use one of {', '.join(QUESTIONS)}.")
            if key in changes:
                raise UsageError(f"{option}: {key} is given more than once; answer each question once.")
            changes[key] = value
    episode_id = session.latest_episode(patient)
    diary = session.diary()
    if changes:
        diary.save_screening(episode_id, changes)
    record = screening_record(answers_by_episode(diary.screening([episode_id])).get(episode_id))
    if as_json:
        _print_json({"episode_id": episode_id, **record})
        return EXIT_OK
    words = {True: "yes", False: "no", None: "not answered"}
    for key, answer in record["answers"].items():
        print(f"{key}: {words[answer]}")
    print("See the GP before following the plan: " + ", ".join(record["flags"]) + "."
          if record["see_gp_first"] else "No set-up answer asks for a GP visit first.")
    return EXIT_OK


@command("plan", "the day's recovery plan: walking target, exercises, heat or ice, work, check-in")
@db_option
@patient_option()
@date_option("--date", help="the day (default: today)")
@json_option("print JSON (one object; paused is true while an urgent sign is active)")
@pass_session
def plan(session: Session, patient: str | None, date: str | None, as_json: bool) -> int:
    """Print the day's plan of the patient's latest episode (plain lines, or JSON with --json)."""
    from analysis.plan.text import plan_lines
    from analysis.review.today_plan import plan_for

    day = date or dt.date.today().isoformat()
    episode_id = session.latest_episode(patient, on=day)  # a day of an earlier episode: its plan (review 19)
    onset = session.diary().episodes().set_index(c.EPISODE_ID).loc[episode_id, c.ONSET_DATE]
    if dt.date.fromisoformat(day) < onset.date():  # no episode had begun: no plan before the pain (review 4)
        raise UsageError(f"--date: {day} is before the pain started ({onset.date().isoformat()}).")
    # a day gone by is read as it was then: the day after it is a later day, not a diary a time zone ahead
    the_plan = plan_for(session.diary(), episode_id, day, live=dt.date.fromisoformat(day) >= dt.date.today())
    if as_json:
        _print_json(the_plan.to_json())
    else:
        print("\n".join(plan_lines(the_plan)))
    return EXIT_OK


@command("reminder", "write a daily reminder to log the day, as a calendar file (.ics)",
         "A daily repeating event with an alarm (RFC 5545), for any calendar app; no server is needed.")
@click.option("--time", "at", required=True, metavar="HH:MM", help="the time of day, HH:MM (24-hour clock)")
@output_option(".ics file to write")
def reminder(at: str, output: str) -> int:
    """Write a daily repeating calendar event with an alarm (RFC 5545), for any calendar app."""
    from analysis.plan.reminder import reminder_ics, reminder_time

    write_output(output, reminder_ics(reminder_time(at), dt.date.today(), dt.datetime.now(dt.UTC)))
    print(f"Wrote a daily reminder at {at} to {output}.")
    return EXIT_OK
