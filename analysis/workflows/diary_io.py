"""Moving whole diaries in and out of the database: import files, export CSV, load the demo.

This is what the CLI and the Clinic page both call, so a file is imported the
same way whichever door it comes through: read and validated completely first
(analysis.ingest.importer, nothing written if it is refused), then written in one
transaction (analysis.storage).
"""
from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.alerts.red_flags import KEPT_BY_IMPORTS
from analysis.alerts.seen_after import came_back_codes
from analysis.ingest.importer import ParsedActivity, ParsedDiary, read_diary
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.model.errors import (
    ColumnsNotRecognised,
    DateOrderUnclear,
    ImportRefused,
    NotFound,
    PatientNeeded,
    PatientNotFound,
    SourceNeeded,
    tidy,
)
from analysis.model.names import patient_name
from analysis.model.vocabulary import SYMPTOMS
from analysis.output.export import diary_csv
from analysis.review.seen_marks import marks_closing_nothing
from analysis.review.urgent_now import alerts_now
from analysis.storage import ActivityMerge, Diary, WriteResult
from analysis.workflows.demo_files import sample_files


@dataclass
class ImportOutcome:
    """The result of importing one file that was accepted."""

    source: str
    written: WriteResult | None
    warnings: list[str] = field(default_factory=list)
    merged_activity: ActivityMerge | None = None  # activity-only files: what the minutes did
    all_warnings: list[str] = field(default_factory=list)  # every warning, uncapped and untidied (the report)

    def sentence(self) -> str:
        """One line for people: what changed."""
        if self.merged_activity is not None:
            m = self.merged_activity
            parts = [f"activity minutes added to {m.added} diary day{'s' * (m.added != 1)}"]
            if m.updated:
                parts.append(f"{m.updated} updated from the tracker's newer figures")
            if m.unchanged:
                parts.append(f"{m.unchanged} already the same")
            if m.kept:
                parts.append(f"{m.kept} day{'s' * (m.kept != 1)} kept the minutes typed in the diary "
                             "(the tracker said otherwise)")
            if m.skipped:
                parts.append(f"{m.skipped} date{'s' * (m.skipped != 1)} had no diary entry yet")
            return f"{self.source}: {'; '.join(parts)}."
        w = self.written
        assert w is not None
        parts = [f"{w.added} new day{'s' * (w.added != 1)}"]
        if w.updated:
            parts.append(f"{w.updated} updated")
        if w.unchanged:
            parts.append(f"{w.unchanged} already up to date")
        if w.seen:
            parts.append(f"{w.seen} \"I have been seen about this\" mark{'s' * (w.seen != 1)} recorded")
        who = f"{w.patients} patient{'s' * (w.patients != 1)}"
        count = len(self.all_warnings or self.warnings)  # every warning, not the lines shown ("and 11 more")
        note = f" ({count} warning{'s' * (count != 1)})" if count else ""
        return f"{self.source}: imported for {who}: {', '.join(parts)}{note}."


def import_bytes(diary: Diary, data: bytes, name: str, **options: object) -> ImportOutcome:
    """Validate one file completely, then write it in one transaction. Options are passed to read_diary (patient,
    mapping, date_order, today, source_id). Raises ImportRefused (nothing written) when the file has errors."""
    return write_parsed(diary, read_diary(data, name, **options))  # type: ignore[arg-type]


def write_parsed(diary: Diary, parsed: ParsedDiary | ParsedActivity) -> ImportOutcome:
    """Write a file that read_diary accepted: diary days in one transaction, or a tracker's minutes."""
    if isinstance(parsed, ParsedActivity):  # an activity tracker's file: fills days already in the diary
        activity = parsed.activity
        with diary.transaction():
            counts = [diary.merge_activity(str(patient), rows) for patient, rows in activity.groupby(c.PATIENT)]
        merged = sum(counts, ActivityMerge())
        # no date of the file is a diary day: said as a warning, not a plain "imported" (review 32: a tracker's
        # 2019 minutes given to a 2026 diary counted as "1 imported, 0 refused", with nothing added)
        matched = merged.added + merged.updated + merged.unchanged + merged.kept
        missed = [_no_day_matched(parsed.source, activity)] if merged.skipped and not matched else []
        return ImportOutcome(parsed.source, None, [*parsed.warnings, *missed], merged, [*parsed.all_warnings, *missed])
    alike = _names_alike(diary, parsed)
    before = set(diary.episodes()[c.EPISODE_ID])
    # a mark whose sign came back after it that day names that sign's codes, stamped as saved after it
    seen = parsed.seen.assign(**{c.SIGN_CODES: came_back_codes(parsed.seen)})
    written = diary.write_diary(parsed.entries, parsed.doses, parsed.symptoms, parsed.cleared, seen,
                                keep_signs=KEPT_BY_IMPORTS)
    alike += _kept_signs(diary, parsed.source, written) + _episodes_overlapping(diary, parsed.source, before)
    if written.marks:  # a mark that closes nothing is said, not only counted (analysis.review.seen_marks)
        episodes = sorted({episode for episode, _, _ in written.marks})
        alike += marks_closing_nothing(parsed.source, alerts_now(diary, episodes, dt.date.today()), written.marks)
    return ImportOutcome(parsed.source, written, [*parsed.warnings, *alike],
                         all_warnings=[*parsed.all_warnings, *alike])


def _no_day_matched(source: str, activity: pd.DataFrame) -> str:
    """The warning for a tracker's file none of whose dates is a day of the diary it was given to."""
    first, last = plain_date(activity[c.DATE].min()), plain_date(activity[c.DATE].max())
    span = first if first == last else f"{first} to {last}"
    return (f"{source}: none of its dates ({span}) is a day of the diary it was given to, so nothing was added; "
            "is it that person's file, and are their days logged?")


def _kept_signs(diary: Diary, source: str, written: WriteResult) -> list[str]:
    """A warning for each warning sign the file left out of a stored day, which the import kept (bulk.write_diary
    `keep_signs`): the person (or the physiotherapist) decides whether it was a mistake, not the file."""
    if not written.kept_signs:
        return []
    names = diary.episodes().set_index(c.EPISODE_ID)[c.PATIENT]
    return [f"{source}: kept \"{SYMPTOMS[code]}\" logged for {names.get(episode_id, '?')} on {plain_date(day)}, "
            "which this file leaves out of that day: an import never removes a warning sign that needs a doctor "
            "(remove it on the Diary page if it was logged by mistake)."
            for episode_id, day, code in written.kept_signs]


def _episodes_overlapping(diary: Diary, source: str, before: set[int]) -> list[str]:
    """A warning for each episode this import started for a patient already in the diary whose days overlap the
    days of one of that patient's earlier episodes: two episodes of one person at once, two pains on one day.

    Why: patients are matched by name, so a second clinic's "Sam Smith" with another onset became a concurrent
    episode of the first, and that person's plan was paused by the other Sam's emergency, with only "imported
    for 1 patient" said (review 17). Nothing is undone by guess: the sentence says how to keep them apart."""
    episodes = diary.episodes()
    new = episodes[~episodes[c.EPISODE_ID].isin(before)]
    if new.empty:
        return []
    entries = diary.entries()
    spans = entries.groupby(c.EPISODE_ID)[c.DATE].agg(["min", "max"])
    said = []
    for row in new.itertuples():
        if row.episode_id not in spans.index:
            continue
        first, last = spans.loc[row.episode_id]
        others = episodes[(episodes[c.PATIENT] == row.patient) & episodes[c.EPISODE_ID].isin(before)
                          & episodes[c.EPISODE_ID].isin(spans.index)]
        for other in others.itertuples():
            start, end = spans.loc[other.episode_id]
            if first <= end and start <= last:
                onset = plain_date(other.onset_date)
                said.append(f'{source}: started a new episode for "{row.patient}" whose days ({plain_date(first)} '
                            f"to {plain_date(last)}) overlap those of their episode from {onset} "
                            f"({plain_date(start)} to {plain_date(end)}); if these are two people with one name, "
                            "restore the automatic backup and import again under another name (in the file's "
                            "patient column, or with --patient for a file without one).")
                break
    return said


def _names_alike(diary: Diary, parsed: ParsedDiary) -> list[str]:
    """A warning for each new patient whose name differs from a stored one only in case or spaces.

    Why: names are matched exactly, so 'sam.csv' (the file's name) or a patient cell 'SAM' starts a second
    person beside 'Sam' and Sam's alerts miss those days; saying so lets the importer import it again under
    the stored name. Nothing is merged by guess (two people may share initials)."""
    stored = diary.patient_names()
    key = {" ".join(name.split()).casefold(): name for name in stored}
    known = set(stored)
    said = []
    for name in map(str, parsed.entries[c.PATIENT].unique()):
        match = key.get(" ".join(name.split()).casefold())
        if name not in known and match is not None:
            said.append(f'{parsed.source}: imported for a new patient "{name}", while the diary has "{match}" '
                        "(the names differ only in case or spaces); if they are the same person, restore the "
                        f'automatic backup and import again with --patient "{match}" (or that spelling in the '
                        "patient column).")
    return said


def import_path(diary: Diary, path: str | Path, **options: object) -> ImportOutcome:
    """Import one file from disk (see import_bytes)."""
    path = Path(path)
    return import_bytes(diary, path.read_bytes(), path.name, **options)


def patient_episodes(diary: Diary, patient: str) -> pd.DataFrame:
    """The rows of `diary.episodes()` that are `patient`'s; NotFound when none are (what export and the CLI's
    one-episode commands say for a name that is not there), naming at most the one closest name.

    Why not every name: at a practice one typo in a scheduled export put the whole patient list into its log
    (review 10); the closest name (difflib, as a shell suggests a command) is enough to correct a typo."""
    episodes = diary.episodes()
    mine = episodes[episodes[c.PATIENT] == patient_name(patient)]
    if mine.empty:
        close = difflib.get_close_matches(patient_name(patient), diary.patient_names(), n=1, cutoff=0.75)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise NotFound(f"There is no patient called {patient!r} in this diary.{hint}")
    return mine


def export_csv(diary: Diary, patient: str | None = None, start: str | None = None,
               end: str | None = None) -> str:
    """The canonical diary CSV of every patient, or of one, optionally limited to a date range (the days, and
    the "I have been seen about this" marks dated in it: analysis.output.export.seen_text)."""
    episodes = diary.episodes() if patient is None else patient_episodes(diary, patient)
    ids = episodes[c.EPISODE_ID].tolist()
    entries, doses, symptoms, seen = diary.entries(ids), diary.doses(ids), diary.symptoms(ids), diary.seen(ids)
    tracker = diary.tracker_days(ids)  # the days whose minutes a tracker wrote: the activity_source column
    if start or end:
        low, high = pd.Timestamp(start or "1900-01-01"), pd.Timestamp(end or "2999-12-31")
        entries = entries[entries[c.DATE].between(low, high)]
        doses = doses[doses[c.DATE].between(low, high)]
        symptoms = symptoms[symptoms[c.DATE].between(low, high)]
        seen = seen[seen[c.SEEN_DATE].between(low, high)]  # as of the range's end, like the days
    return diary_csv(entries, doses, symptoms, episodes, seen, tracker)


IMPORTED, WITH_WARNINGS, REFUSED = "imported", "imported with warnings", "refused"


@dataclass
class FileResult:
    """What happened to one uploaded file."""

    name: str
    status: str  # IMPORTED, WITH_WARNINGS or REFUSED
    summary: str
    problems: list[str] = field(default_factory=list)  # as shown: alike ones counted after a few (MAX_ALIKE)
    warnings: list[str] = field(default_factory=list)  # as shown, likewise
    refusal: ImportRefused | None = None
    all_problems: list[str] = field(default_factory=list)  # every one as found, for the problem report
    all_warnings: list[str] = field(default_factory=list)

    # What a refused file needs to be let in, each asked on the Clinic's page (dashboard/clinic_import.py): which
    # column holds the date or pain; whose diary (review 14), whose activity of several (34); day- or month-first.
    @property
    def needs_mapping(self) -> bool:
        return isinstance(self.refusal, ColumnsNotRecognised)

    @property
    def needs_patient(self) -> bool:
        return isinstance(self.refusal, PatientNeeded)

    @property
    def needs_source(self) -> bool:
        return isinstance(self.refusal, SourceNeeded)

    @property
    def needs_date_order(self) -> bool:
        return isinstance(self.refusal, DateOrderUnclear)


def distinct_names(names: list[str]) -> list[str]:
    """The names of files uploaded together, each one once: a repeated name gets " (2)", " (3)"... before its
    extension, as a browser names a second download ("backtrack-diary (2).csv").

    Why: the Clinic keeps each file's result and bytes by name, so two patients' backtrack-diary.csv uploaded
    together left one result: a refused file vanished from the page ("1 imported, 0 refused.")."""
    taken = set(names)
    seen: set[str] = set()
    distinct = []
    for name in names:
        if name in seen:
            stem, suffix = Path(name).stem, Path(name).suffix
            n = 2
            while f"{stem} ({n}){suffix}" in taken:
                n += 1
            name = f"{stem} ({n}){suffix}"
            taken.add(name)
        seen.add(name)
        distinct.append(name)
    return distinct


def import_many(diary: Diary, files: list[tuple[str, bytes]], **options: object) -> Iterator[FileResult]:
    """Import files one by one, each atomically: a refused file writes nothing, the others still go in.

    Yields a FileResult per file as it is done, so a page can show progress. One automatic backup is taken,
    before the first file written (Diary.import_batch): restoring it undoes the whole upload. Files sharing a
    name are imported as "export (2).csv"... (distinct_names): a file without a patient column is named after
    its file, and two phones' export.csv became one patient, the second's days overwriting the first's.

    An activity-only file (a fitness app's minutes) of a patient whose diary comes later in the same upload is
    imported after the others: named first, its "no patient called ... import their diary first" ended the whole
    batch (review 8); the order files are chosen in must not matter. Still without that patient, it is refused.
    """
    names = distinct_names([name for name, _ in files])
    later: list[tuple[str, bytes]] = []
    with diary.import_batch():  # one automatic backup: the diary as it was before the upload
        for name, (_, data) in zip(names, files, strict=True):
            try:
                yield _import_one(diary, name, data, options)
            except PatientNotFound:  # activity for a patient not in the diary yet: try again after the other files
                later.append((name, data))
        for name, data in later:
            try:
                yield _import_one(diary, name, data, options)
            except PatientNotFound as missing:  # a fitness app's minutes named after a renamed file: whose diary?
                # (review 31); said once, and without "import their diary first": a diary is chosen instead
                # a patient given who has no diary is named; a file's own name is not (the page then offers the diary
                # it names: "no diary is called 'Una_daily_activity_metrics'" beside "Add ... to Una's diary")
                whose = (f"no diary is called {missing.patient!r}" if options.get("patient")
                         else "its name is not a diary's")
                refusal = PatientNeeded(f"{name} was not imported: it holds only activity minutes, and {whose}.", [
                    f"{name}: choose whose diary these activity minutes are for."])  # the report's row says why
                yield FileResult(name, REFUSED, str(refusal), list(refusal.problems), refusal=refusal,
                                 all_problems=list(refusal.all_problems))


def _import_one(diary: Diary, name: str, data: bytes, options: dict[str, object]) -> FileResult:
    """One file of import_many, atomically: what was imported, or why it was refused (a fitness file's patient not
    found passes through, PatientNotFound: import_many tries it again after the other files).

    `unclear_order` in the options ("dmy" or "mdy") is the date order of a file whose dates cannot tell (every
    day 12 or under), tried only after the file has said so: a file settled by its own values keeps its order
    (review 14: a page's "Month first" for one US file refused a UK file's 18/11/2026 row by row)."""
    options = dict(options)
    unclear_order = options.pop("unclear_order", None)
    try:
        try:
            outcome = import_bytes(diary, data, name, **options)
        except DateOrderUnclear:
            if unclear_order is None or options.get("date_order"):
                raise
            outcome = import_bytes(diary, data, name, **(options | {"date_order": unclear_order}))
    except ImportRefused as refusal:
        return FileResult(name, REFUSED, str(refusal), list(refusal.problems), refusal=refusal,
                          all_problems=list(refusal.all_problems))
    except NotFound as missing:
        if isinstance(missing, PatientNotFound):
            raise
        said = tidy(f"{name} was not imported: {missing}")  # that file refused, not the whole upload ended (review 32)
        return FileResult(name, REFUSED, said, [said], all_problems=[said])
    status = WITH_WARNINGS if outcome.warnings else IMPORTED
    return FileResult(name, status, tidy(outcome.sentence()), warnings=outcome.warnings,
                      all_warnings=outcome.all_warnings)


def backup_bytes(diary: Diary) -> bytes:
    """The whole diary as the bytes of one SQLite file (see Diary.backup)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "backtrack-backup.db"
        diary.backup(path)
        return path.read_bytes()


def restore_bytes(diary: Diary, data: bytes, name: str) -> None:
    """Replace the diary with an uploaded backup file (checked first; all or nothing)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        diary.restore(path)


def load_demo(diary: Diary, ends_on: dt.date | None = None) -> list[ImportOutcome]:
    """Import the demo diaries, so a new user sees a real picture at once (one automatic backup for the five).

    `ends_on`: every date of the five moved by the same number of days, so the demo's last diary day is that
    day (the app's button and `make run` pass yesterday: the files end on a fixed day, and a demo opened weeks
    later showed every patient gone quiet, Today with nothing logged for weeks). None: the files' own dates
    (the tests and benchmarks read those). Loaded again (with a demo patient in the diary), the demo is moved as it
    was the first time, so it is up to date rather than doubled."""
    files = sample_files()
    with diary.import_batch():
        if ends_on is None:
            return [import_path(diary, path) for path in files]
        frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for path in files]
        last = max(pd.to_datetime(frame[c.DATE]).max() for frame in frames)
        loaded = _shift_loaded(diary, frames)
        shift = pd.Timestamp(ends_on) - last if loaded is None else loaded
        return [import_bytes(diary, _moved(frame, shift).to_csv(index=False).encode("utf-8"), path.name)
                for frame, path in zip(frames, files, strict=True)]


def _shift_loaded(diary: Diary, frames: list[pd.DataFrame]) -> pd.Timedelta | None:
    """The shift the demo was loaded with before, when a demo patient is in the diary already: loaded again on a
    later day it is then up to date, not a second, overlapping set of episodes (review 19). None: not loaded."""
    stored = diary.episodes()
    for frame in frames:
        mine = stored[stored[c.PATIENT] == frame[c.PATIENT].iloc[0]]
        if len(mine) and c.ONSET_DATE in frame:
            return pd.Timestamp(mine[c.ONSET_DATE].min()) - pd.to_datetime(frame[c.ONSET_DATE]).min()
    return None


def _moved(frame: pd.DataFrame, shift: pd.Timedelta) -> pd.DataFrame:
    """A demo file's rows with its date and onset_date columns moved by `shift` (the other cells as written)."""
    moved = {name: (pd.to_datetime(frame[name]) + shift).dt.strftime("%Y-%m-%d")
             for name in (c.DATE, c.ONSET_DATE) if name in frame}
    return frame.assign(**moved)
