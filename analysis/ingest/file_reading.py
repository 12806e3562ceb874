"""One file's cells made into checked frames: typed values, repeats, row checks, readings made days.

``FileReading`` is what ``analysis.ingest.importer.read_diary`` runs on each file
(dates: analysis.ingest.file_dates; notes, symptoms and medicines:
analysis.ingest.file_notes; the shared state: analysis.ingest.file_state).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.ingest import schema
from analysis.ingest.cells import cell_texts, describe_items, describe_rows, show_cell, unescape
from analysis.ingest.days import by_day, first_of_group
from analysis.ingest.distinct import column_values
from analysis.ingest.file_dates import FileDates
from analysis.ingest.file_notes import FileNotes
from analysis.ingest.file_state import MODE_APP, MODE_DAYS, MODE_READINGS
from analysis.ingest.headers import TIME
from analysis.ingest.medicine_column import parse_medication_column
from analysis.ingest.parsed import (
    ACTIVITY_OUTPUT,
    DOSE_OUTPUT,
    ENTRY_OUTPUT,
    SEEN_OUTPUT,
    SYMPTOM_OUTPUT,
    ParsedActivity,
    ParsedDiary,
)
from analysis.ingest.seen_column import parse_seen_column
from analysis.ingest.symptoms import is_code_like, mentions_warning, parse_symptom_column
from analysis.model import columns as c
from analysis.model.columns import ROW
from analysis.model.limits import FUTURE_SLACK_DAYS, LIMITS
from analysis.model.names import patient_names

_NEEDS = {c.DATE: "a date", c.PAIN: "a pain score"}


class FileReading(FileDates, FileNotes):
    """One file's canonical-named cells on their way to checked frames."""

    def parse(self, patient: str, date_order: str | None) -> ParsedDiary:
        """The checked diary of a file of days or readings (``patient`` where the file names nobody)."""
        frame = self._typed(patient, date_order)
        frame = self._drop_repeats(frame)
        doses, unparsed = parse_medication_column(frame[c.MEDICATIONS])
        symptoms, unmapped = parse_symptom_column(frame[c.SYMPTOMS])
        symptoms, unsure_notes = self._read_notes(frame[c.NOTES], symptoms)
        code_like = unmapped["text"].map({t: is_code_like(t) for t in unmapped["text"].unique()})
        words = unmapped[~code_like.astype(bool)]
        self._check_symptoms(unmapped[code_like.astype(bool)])
        self._check_rows(frame)
        seen = self._read_seen(frame)
        self._read_source(frame)
        self._note_worst_below_average(frame)
        self._note_episode_clashes(frame)
        # the text not read, also apart: a day already stored keeps its typed note beside it (analysis.storage.bulk)
        blank = pd.Series("", index=frame.index, dtype=frame[c.NOTES].dtype)
        frame[c.UNREAD] = _with_notes(_with_notes(blank, unparsed, "medications"), words, "symptoms")
        frame[c.NOTES] = _with_notes(frame[c.NOTES], unparsed, "medications")
        frame[c.NOTES] = _with_notes(frame[c.NOTES], words, "symptoms")
        days, day_doses, day_symptoms = frame, doses, symptoms
        if self.mode in (MODE_READINGS, MODE_APP):
            days, day_doses, day_symptoms = self._by_day(frame, doses, symptoms)
        self._raise_problems()
        self._note_medicines(doses, unparsed, frame[c.MEDICATIONS])
        check = words["text"].map(mentions_warning).astype(bool)
        self._note_unread(words[~check], c.SYMPTOMS, "is not a warning symptom Backtrack tracks")
        self._note_unread(words[check], c.SYMPTOMS, "mentions a warning sign that could not be read with "
                          "confidence; please check it with the patient")
        self._note_unread(unsure_notes, c.NOTES, "mentions a warning sign; please check it with the patient and "
                          "record the symptom if it applies")
        cleared = _said_nothing(frame, [(c.MEDICATIONS, doses, unparsed), (c.SYMPTOMS, symptoms, unmapped)])
        return ParsedDiary(self.name, days[ENTRY_OUTPUT].reset_index(drop=True),
                           _attach(days, day_doses, DOSE_OUTPUT), _attach(days, day_symptoms, SYMPTOM_OUTPUT),
                           self.warnings, self.app, cleared if self.mode == MODE_DAYS else cleared.iloc[:0],
                           _attach(frame, seen, SEEN_OUTPUT))

    def _read_seen(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The `seen` column's marks (analysis.ingest.seen_column: ROW, ALERT_CODE, SEEN_DATE, SEEN_BY); each
        cell that cannot be read is a problem (a mark read wrongly would end, or keep, a red flag)."""
        latest = self.today + dt.timedelta(days=FUTURE_SLACK_DAYS)
        marks, problems = parse_seen_column(frame[c.SEEN], frame[c.DATE], latest)
        for row, sentence in problems:
            self.problem(row, c.SEEN, sentence)
        return marks

    def _read_source(self, frame: pd.DataFrame) -> None:
        """The `activity_source` column read in place: "tracker" or "" (typed) in a file with the column, in any
        case; any other value is a problem of its cell (read wrongly, a tracker could overwrite typed minutes).
        Without the column the cells stay missing: storage keeps what it knows (analysis.storage.bulk)."""
        if c.ACTIVITY_SOURCE not in self.raw:
            return
        words = frame[c.ACTIVITY_SOURCE].fillna("").astype(str).str.strip().str.lower()
        wrong = ~words.isin(c.ACTIVITY_SOURCES)
        for row, value in self._cells(c.ACTIVITY_SOURCE)[wrong].items() if wrong.any() else ():
            self.problem(row, c.ACTIVITY_SOURCE, f'"{show_cell(value)}" is not a source of minutes: write "tracker" '
                                                 "(a fitness tracker's file), or leave it empty (typed in the diary).")
        frame[c.ACTIVITY_SOURCE] = words.where(~wrong, "")

    def activity(self, patient: str, date_order: str | None) -> ParsedActivity:
        """The checked minutes of an activity-only file (one row per date, no pain)."""
        frame = self._drop_repeats(self._typed(patient, date_order))
        self._check_rows(frame)
        self._raise_problems()
        return ParsedActivity(self.name, frame[ACTIVITY_OUTPUT].reset_index(drop=True), self.warnings, self.app)

    def _by_day(self, frame: pd.DataFrame, doses: pd.DataFrame, symptoms: pd.DataFrame
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """One row per day of readings (analysis.ingest.days.by_day); days without pain handled here, and in a
        diary of timed readings a reading without pain on a day with others is named (review 31: the day's pain
        changed from 6.5 to 7 without a word)."""
        if self.mode == MODE_READINGS:
            self._readings_without_pain(frame)
        days, doses, symptoms = by_day(frame, doses, symptoms)
        painless = days[c.PAIN].isna()
        if painless.any():
            self._painless(days[painless])
            days = days[~painless]
        return days, doses[doses[ROW].isin(days.index)], symptoms[symptoms[ROW].isin(days.index)]

    def _readings_without_pain(self, frame: pd.DataFrame) -> None:
        """Warn of the readings without a pain score on days that have one in another reading (a day with none at
        all is refused: _painless)."""
        said = [column for column in (c.WORST_PAIN, c.ACTIVITY, c.BED_REST, c.MEDICATIONS, c.SYMPTOMS, c.NOTES)
                if column in frame]  # a reading that says something else ("slept early") is no missing score
        empty = frame[c.PAIN].isna() & frame[said].replace("", np.nan).isna().all(axis=1)
        if not empty.any():
            return
        day = first_of_group(frame, schema.DAY_KEY)
        with_pain = set(day[~empty])
        rows = [row for row in frame.index[empty.to_numpy()] if day[row] in with_pain]
        if rows:
            self.warnings.append(f"{self.name} {describe_rows(rows)}, {self.labels.get(c.PAIN, c.PAIN)}: empty; "
                                 "that day's pain is the mean of its readings that have one.")

    def _painless(self, days: pd.DataFrame) -> None:
        """Days whose readings hold no pain: left out of an app export, refused in a diary."""
        if self.mode == MODE_READINGS:
            told = {row for row, _, column, _ in self.problems if column == c.PAIN}  # one message per cell
            for row in days.index.difference(list(told)):
                self.problem(row, c.PAIN, "empty, but every day needs a pain score.")
            return
        dates = days[c.DATE].dt.strftime("%Y-%m-%d").tolist()
        self.warnings.append(f"{self.name} {describe_rows(days.index.tolist())}: no pain score on "
                             f"{describe_items(dates)}; left {'it' if len(dates) == 1 else 'them'} out.")

    def _typed(self, patient: str, date_order: str | None) -> pd.DataFrame:
        """Numbers, dates and texts in their dtypes; unreadable cells become problems and NaN."""
        typed: dict[str, pd.Series] = {}  # made a frame once at the end: a column set at a time cost ~0.4 ms each
        for column in schema.NUMBER_COLUMNS:
            values = self._cells(column)
            bare, high = schema.header_factor(self.labels.get(column), column), LIMITS[column].high
            typed[column] = schema.to_number(values, schema.UNITS[column], bare, high)
            unread = np.flatnonzero(~pd.isna(values.to_numpy()) & np.isnan(typed[column].to_numpy()))
            for row, value in values.iloc[unread].items() if unread.size else ():  # numpy: no Series per column
                self.problem(row, column, schema.grouped_sentence(value)
                             if schema.unclear_grouping(value, schema.UNITS[column], bare, high)
                             else f'"{show_cell(value)}" is not a number.')
        for column, dates in self._dates(date_order).items():
            typed[column] = dates
        for column in schema.TEXT_COLUMNS:
            typed[column] = unescape(cell_texts(self._cells(column)))
        if TIME in self.raw:
            typed[TIME] = cell_texts(self.raw[TIME])
        unnamed = typed[c.PATIENT].isna().to_numpy()
        if unnamed.any() and not unnamed.all():  # a patient column with a gap: say whose diary those days joined
            self.warnings.append(f"{self.name} {describe_rows(self.raw.index[unnamed].tolist())}, "
                                 f"{self.labels.get(c.PATIENT, c.PATIENT)}: no patient given; imported for "
                                 f'"{patient}"; check whose day it is.')
        typed[c.PATIENT] = patient_names(typed[c.PATIENT].fillna(patient))  # one form of "Zoë" (PC or Mac)
        for column in (c.EPISODE_LABEL, c.NOTES):
            typed[column] = typed[column].fillna("")
        return pd.DataFrame(typed, index=self.raw.index)

    def _drop_repeats(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Keep one of rows that repeat another row exactly, with a warning."""
        if not frame.duplicated(schema.DAY_KEY).any():
            return frame  # cheap test first: exact repeats share their day
        content = list(frame.columns)
        repeated = frame.duplicated(content, keep="first")
        if not repeated.any():
            return frame
        first = first_of_group(frame[frame.duplicated(content, keep=False)], content)
        for row, value in self._cells(c.DATE)[repeated].items():
            self.warnings.append(f"{self.where(row, c.DATE)}: {show_cell(value)} repeats row {first[row]} "
                                 "exactly; imported it once.")
        return frame[~repeated]

    def _check_rows(self, frame: pd.DataFrame) -> None:
        """Ranges, missing required cells, future dates and conflicting days, via pandera."""
        failures = schema.row_failures(frame, self.today)
        seen = {(row, column) for row, _, column, _ in self.problems} | self.deferred
        for (column, check), group in failures.groupby([schema.COLUMN, schema.CHECK], sort=False):
            if check == schema.DUPLICATE or not self._applies(column, check):
                continue
            values = self._cells(column).reindex(group[schema.ROW])
            for row, value in values.items():
                if (row, column) not in seen:
                    self.problem(row, column, self._failure(column, check, value))
        if not self.unclear:  # while the date order is unclear, dates may still move
            self._check_onsets(frame)
        duplicates = (failures[schema.CHECK] == schema.DUPLICATE).any()
        if self.mode in (MODE_READINGS, MODE_APP) or self.unclear or not duplicates:
            return
        conflicts = frame[frame.duplicated(schema.DAY_KEY, keep=False) & frame[c.DATE].notna()]
        first = first_of_group(conflicts, schema.DAY_KEY)
        later = first[first != first.index]
        for (row, value), earlier in zip(self._cells(c.DATE)[later.index].items(), later, strict=True):
            self.problem(row, c.DATE, f"{show_cell(value)} is also the date of row {earlier}, with "
                                      "different values; keep one row per day.")

    def _check_onsets(self, frame: pd.DataFrame) -> None:
        """A day dated before the day its own row says the pain started is a problem of that row.

        Why: such a day was stored in that episode, and every analysis of the diary then refused it ("a diary
        entry before its onset date"): the triage list and the Clinic stopped for every patient (review 8).
        Which of the two dates is wrong only the file's author knows, so the file is refused with the row."""
        dates = pd.to_datetime(frame[c.DATE], errors="coerce")
        onsets = pd.to_datetime(frame[c.ONSET_DATE], errors="coerce")
        before = (dates < onsets).to_numpy()  # NaT on either side compares False
        if not before.any():
            return
        told = {(row, column) for row, _, column, _ in self.problems}  # a cell already refused is said once
        onset_label = self.labels.get(c.ONSET_DATE, c.ONSET_DATE)
        for row, value in self._cells(c.DATE)[frame.index[before]].items():
            if (row, c.DATE) not in told and (row, c.ONSET_DATE) not in told:
                self.problem(row, c.DATE, f"{show_cell(value)} is before the day the pain started "
                                          f"({onset_label} {onsets[row]:%Y-%m-%d}); correct one of the two.")

    def _applies(self, column: str, check: str) -> bool:
        """Readings need no pain each (their day does); activity files have none; while the
        date order is unclear, dates may still move, so "in the future" waits."""
        if column == c.PAIN and check == schema.MISSING:
            return self.mode == MODE_DAYS
        return not (self.unclear and check == schema.FUTURE)

    def _failure(self, column: str, check: str, value: object) -> str:
        """The sentence for one failed pandera check of one cell."""
        if check == schema.MISSING:
            return f"empty, but every row needs {_NEEDS.get(column, column)}."
        if check == schema.FUTURE:
            return f"{show_cell(value)} is in the future (today is {self.today.isoformat()})."
        low, high = schema.RANGES[column]
        if check.startswith("greater_than"):
            return f"{show_cell(value)} is below the minimum {low}."
        return f"{show_cell(value)} is above the maximum {high}."

    def _note_worst_below_average(self, frame: pd.DataFrame) -> None:
        """Worst pain below the average of the same row is kept, but said: one of the two is
        probably in the wrong column (or a slip of the finger)."""
        below = frame[c.WORST_PAIN] < frame[c.PAIN]
        label = self.labels.get(c.PAIN, c.PAIN)
        for row in frame.index[below.fillna(False).astype(bool)]:
            worst = show_cell(frame.at[row, c.WORST_PAIN])
            self.warnings.append(f"{self.where(row, c.WORST_PAIN)}: worst pain {worst} "
                                 f"is below the average pain ({label}) {show_cell(frame.at[row, c.PAIN])}; "
                                 "imported as written, check which is which.")


def _with_notes(notes: pd.Series, unread: pd.DataFrame, label: str) -> pd.Series:
    """Append ``label: text; text`` to the notes of rows with text that was not read."""
    if unread.empty:
        return notes
    texts = unread.set_index(ROW)["text"]
    if texts.index.has_duplicates:
        texts = texts.groupby(level=0, sort=False).agg("; ".join)
    extra = label + ": " + texts
    notes = notes.copy()
    old = notes.loc[extra.index]
    notes.loc[extra.index] = (old + "; ").where(old != "", "") + extra
    return notes


def _said_nothing(frame: pd.DataFrame, columns: list[tuple[str, pd.DataFrame, pd.DataFrame]]) -> pd.DataFrame:
    """Days whose cell of a column says there was nothing ("none", "-", "no"): CLEARED_OUTPUT rows, for
    each (column, rows read from it, rows not read) in turn. Built from arrays at once (a frame per column
    and a concat cost ~3 ms a file)."""
    positions, fields = [], []
    for column, read, unread in columns:
        filled = frame[column].notna().to_numpy() & ~frame.index.isin(read[ROW]) & ~frame.index.isin(unread[ROW])
        positions.append(np.flatnonzero(filled))
        fields += [column] * len(positions[-1])
    at = np.concatenate(positions)
    return pd.DataFrame({**{name: column_values(frame[name], at) for name in (c.PATIENT, c.ONSET_DATE, c.DATE)},
                         "field": pd.Series(fields, dtype="str")})


def _attach(frame: pd.DataFrame, long: pd.DataFrame, output: list[str]) -> pd.DataFrame:
    """Give each dose or symptom (by ROW) its entry's patient, onset and date (a frame built from arrays at once)."""
    positions = frame.index.get_indexer(long[ROW])
    keys = (c.PATIENT, c.ONSET_DATE, c.DATE)
    return pd.DataFrame({name: column_values(frame[name], positions) if name in keys else column_values(long[name])
                         for name in output})
