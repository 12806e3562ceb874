"""Commands that move diary data in and out: import, check, backup, backups, restore, export, demo."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from analysis.cli.core import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Session,
    explain,
    not_a_folder,
    pass_session,
    say_error,
    say_refusal,
)
from analysis.cli.options import (
    command,
    date_option,
    db_option,
    output_option,
    patient_option,
    reading,
    reading_options,
)
from analysis.ingest.importer import ParsedActivity, ParsedDiary, read_diary
from analysis.model import columns as c
from analysis.model.errors import DiaryDamaged, ImportRefused, NotFound, UsageError, ValidationError, tidy
from analysis.output.fhir import fhir_json
from analysis.storage import Diary
from analysis.storage.backups import automatic_backups, backup_words, open_backup, replace_damaged
from analysis.storage.connection import keep_private
from analysis.workflows.diary_io import distinct_names, export_csv, load_demo, write_parsed

FILES = click.argument("files", nargs=-1, required=True, metavar="FILE...")


def _read_files(files: tuple[str, ...], options: dict[str, Any],
                problems_to: TextIO) -> Iterator[ParsedDiary | ParsedActivity | None]:
    """Read each file with the reading options; a refused file is printed with every problem to
    `problems_to` and yields None."""
    how = reading(options)  # a bad --map or limit is a usage error before any file is read
    # files named alike (two phones' export.csv) are "export" and "export (2)", as the Clinic names them: the
    # name is the patient of a file without a patient column, and the second overwrote the first (review 10)
    # a name that is not UTF-8 (a Latin-1 "Jos\xe9.csv" from an old share) is shown with a replacement character
    names = [os.fsdecode(Path(path).name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
             for path in files]
    for path, name in zip(files, distinct_names(names), strict=True):
        try:
            data = Path(path).read_bytes()
        except OSError as error:  # a missing file, a folder, no permission: said, and the files after it still go
            say_error(explain(error)[0])  # the others still go in (review 18)
            yield None
            continue
        try:
            yield read_diary(data, name, **how)
        except ImportRefused as refusal:
            say_refusal(refusal, None if problems_to is sys.stderr else problems_to)
            yield None


def write_utf8(text: str) -> None:
    """`text` to standard output as UTF-8 bytes whatever the console's encoding (an export piped to a file or
    another tool is the diary CSV, UTF-8 as written to a file; a cp1252 or ASCII pipe escaped what it lacked, and
    an import of that output was another patient: review 19)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's StringIO): it takes any character
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_output(path: str, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it: a full disk leaves no partial file."""
    target = Path(not_a_folder(path))
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        keep_private(partial)  # health data: the owner's alone, as the diary is
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@command("import", "import diary files (CSV or Excel) into the database",
         "Each file goes in atomically: a refused file writes nothing and the others still go in (exit 1 when any "
         "was refused).")
@FILES
@db_option
@reading_options
@pass_session
def import_files(session: Session, files: tuple[str, ...], **options: Any) -> int:
    """Import each file atomically; the diary is opened only once a file has been accepted, so refusing every
    file never leaves a new, empty database behind."""
    refused, batched, activity = 0, False, []
    with contextlib.ExitStack() as batch:
        for index, parsed in enumerate(_read_files(files, options, sys.stderr)):
            if parsed is None:
                refused += 1
                continue
            if not batched:  # the first file accepted: one automatic backup for the whole batch (Diary.import_batch)
                batch.enter_context(session.diary().import_batch())
                batched = True
            if isinstance(parsed, ParsedActivity):  # after the diaries: it adds minutes to a patient's days, and
                activity.append(parsed)  # named before that patient's diary it ended the import (review 8)
                continue
            if not _write_and_say(session.diary(), parsed):
                return _stopped_after(parsed.source, len(files) - index - 1 + len(activity), refused)
        for number, parsed in enumerate(activity, start=1):
            try:
                if not _write_and_say(session.diary(), parsed):
                    return _stopped_after(parsed.source, len(activity) - number, refused)
            except NotFound as missing:  # still no such patient: this file is refused, the others are in
                say_error(f"{tidy(parsed.source)} was not imported: {missing}")
                refused += 1
    return EXIT_FAILED if refused else EXIT_OK


def _write_and_say(diary: Diary, parsed: ParsedDiary | ParsedActivity) -> bool:
    """Write one checked file and print what it did, with its warnings. False when Ctrl+C came as the file's
    transaction committed: the file is in, and said so (the command ends there, as Ctrl+C asked).

    Why: Ctrl+C landing on the COMMIT was said as "Stopped before the command finished ... nothing half-done was
    kept" while the file was in the diary (review 26); the diary, not how far the code got, says what happened."""
    try:
        outcome = write_parsed(diary, parsed)
    except KeyboardInterrupt:
        if not diary.import_went_in_when_stopped():
            raise
        print(f"{tidy(parsed.source)}: imported (Ctrl+C came just as it was saved); the automatic backup from "
              "before it is kept.")
        return False
    print(tidy(outcome.sentence()))
    for warning in outcome.warnings:
        print(f"  warning: {warning}")
    return True


def _stopped_after(source: str, left: int, refused: int) -> int:
    """The exit code, and the sentence, of an import stopped by Ctrl+C just after `source` went in."""
    if left:
        say_error(f"Stopped after {tidy(source)} was imported; the {left} file{'s' * (left != 1)} after it "
                  f"{'was' if left == 1 else 'were'} not imported (each file goes in whole or not at all).")
        return EXIT_INTERRUPTED
    return EXIT_FAILED if refused else EXIT_OK


@command("check", "validate diary files without importing (exit 0 valid, 1 refused)",
         "Prints every problem of every file.")
@FILES
@reading_options
def check_files(files: tuple[str, ...], **options: Any) -> int:
    """Validate files without importing: every problem of every file; exit 1 if any file would be refused."""
    refused = 0
    for parsed in _read_files(files, options, sys.stdout):
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


@command("backup", "copy the whole diary into one file")
@db_option
@output_option("backup file to write")
@pass_session
def backup(session: Session, output: str) -> int:
    """Copy the whole diary into one file."""
    session.existing_diary().backup(session.output(output))
    print(f"Backed up the diary to {output}.")
    return EXIT_OK


@command("backups", "list the automatic backups kept beside the diary, newest first",
         "One is made before every import, restore and upgrade; put one back with `restore`.")
@db_option
@pass_session
def backups(session: Session) -> int:
    """List the automatic backups kept beside the diary, newest first."""
    found = automatic_backups(session.path())  # from the folder: a damaged or lost diary lists its backups too
    if not found:
        print("No automatic backups yet (one is made before every import, restore and upgrade).")
    for path in found:
        print(f"{path}  {path.stat().st_size:,} bytes  {backup_words(path)}")
    return EXIT_OK


@command("restore", "replace the diary with a backup file")
@click.argument("file", metavar="FILE")
@db_option
@pass_session
def restore(session: Session, file: str) -> int:
    """Replace the diary with a backup file (made by `backup`)."""
    if Path(file).is_dir():
        raise ValidationError(f"{file} is a folder; give the backup file in it (`backups` lists them).")
    if not Path(file).is_file():  # said before SQLite would blame the diary for a backup it cannot open
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", file)
    try:
        diary = session.diary()
    except DiaryDamaged:  # the diary cannot be opened: put the backup in its place and keep the damaged file
        kept = replace_damaged(session.path(), Path(file))
        print(f"Restored the diary from {file}; the damaged diary is kept as {kept}.")
        return EXIT_OK
    open_backup(Path(file)).close()  # a backup that cannot be restored is said first, about the backup
    try:
        diary.restore(file)
    except DiaryDamaged:  # the diary opened, but its pages are damaged (a disk error): the same way out (review 18)
        session.close()
        kept = replace_damaged(session.path(), Path(file))
        print(f"Restored the diary from {file}; the damaged diary is kept as {kept}.")
        return EXIT_OK
    print(f"Restored the diary from {file}.")
    return EXIT_OK


@command("export", "export the diary as canonical CSV",
         "Or, with --format fhir, a FHIR R4 Bundle of the patient's latest episode; with --format parquet, every "
         "table as a Parquet dataset in a new folder (for summary DIR --engine dask).")
@db_option
@patient_option("only this patient")
@date_option("--from", "start", help="first date to include")
@date_option("--to", "end", help="last date to include")
@click.option("--format", "form", type=click.Choice(["csv", "fhir", "parquet"]), default="csv", show_default=True,
              help="csv: the canonical diary CSV; fhir: a FHIR R4 Bundle of the patient's latest episode; "
                   "parquet: every table as a Parquet dataset by patient, for summary --engine dask")
@click.option("--buckets", type=click.IntRange(min=1), default=16, show_default=True,
              help="parquet: number of patient buckets (files per table)")
@output_option("file to write, or - for standard output")
@pass_session
def export(session: Session, patient: str | None, start: str | None, end: str | None, form: str, buckets: int,
           output: str) -> int:
    """Write the canonical diary CSV (or a FHIR R4 Bundle of the latest episode, or a Parquet dataset)."""
    session.output(output, folder=form == "parquet")
    if start and end and start > end:  # ISO dates compare as text; a reversed range wrote an empty file, exit 0
        raise UsageError(f"--from {start} is after --to {end}; give the earlier date first.")
    if form == "fhir" and (start or end):  # the bundle is the whole latest episode: a range was ignored unsaid
        raise UsageError("--format fhir exports the patient's whole latest episode: leave out --from and --to.")
    if form == "parquet":
        from analysis.workflows.pooled import write_dataset
        if patient or start or end or output == "-":
            raise UsageError("--format parquet writes the whole diary into a new folder: give -o DIR and no "
                             "--patient, --from or --to.")
        folder = write_dataset(session.existing_diary(), output, buckets=buckets)
        print(f"Wrote a Parquet dataset to {folder}.")
        return EXIT_OK
    if form == "fhir":
        diary = session.existing_diary()
        episode_id = session.latest_episode(patient)
        entries = diary.entries([episode_id])
        text = fhir_json(entries, str(entries[c.PATIENT].iloc[0]), episode_id) if len(entries) else ""
        if not text:
            raise NotFound("That episode has no diary days to export.")
    else:
        text = export_csv(session.existing_diary(), patient=patient, start=start, end=end)
    if output == "-":  # UTF-8, as the file is: a console's own encoding escaped what it lacked (review 19)
        write_utf8(text)
    else:
        write_output(output, text.encode("utf-8"))
        days = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # a note may hold a line break
        what = "a FHIR bundle" if form == "fhir" else f"{days} diary day{'s' * (days != 1)}"
        print(f"Wrote {what} to {output}.")
    return EXIT_OK


@command("demo", "load the five demo diaries (sample_data/)")
@db_option
@click.option("--if-empty", is_flag=True, help="only when the diary has no episodes yet (first start)")
@click.option("--recent", is_flag=True,
              help="move the demo's dates so its last diary day is yesterday (as the app's 'Load demo diary' does)")
@pass_session
def demo(session: Session, if_empty: bool, recent: bool) -> int:
    """Load the five demo diaries; with --if-empty only into a diary that has no episodes yet; with --recent
    ending yesterday, as a person starting the app sees them (the files' own dates otherwise)."""
    diary = session.diary()
    if if_empty and not diary.is_empty():
        return EXIT_OK
    for outcome in load_demo(diary, dt.date.today() - dt.timedelta(days=1) if recent else None):
        print(outcome.sentence())
    return EXIT_OK
