"""What one file's notes, symptoms and medicines say that needs a word: signs read from notes, unknown
symptom codes, medicines not read or read in an assumed strength.

A mixin of ``FileReading``; each finding is a warning naming file, rows and column,
except a mistyped symptom code, which refuses the file.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.ingest.cells import describe_rows, show_cell
from analysis.ingest.file_state import MODE_DAYS, FileState
from analysis.ingest.medicine_column import assumed_products, assumed_strength_note
from analysis.ingest.medicines import format_mg
from analysis.ingest.note_signs import read_note
from analysis.ingest.symptoms import COVERED_BY, mentions_warning
from analysis.model import columns as c
from analysis.model.columns import ROW
from analysis.model.dates import plain_date
from analysis.model.vocabulary import MEDICINES, SYMPTOM_CODES, SYMPTOMS


class FileNotes(FileState):
    """Notes, symptoms and medicines of one file: what is read from them and what is said about them."""

    def _check_symptoms(self, codes: pd.DataFrame) -> None:
        """Unknown code-like text (``leg_pian``) is refused: a mistyped warning symptom
        must not slip into the notes unnoticed. Plain words are kept in notes instead."""
        for row, text in codes[[ROW, "text"]].itertuples(index=False):
            self.problem(row, c.SYMPTOMS, f'"{text}" is not a symptom code Backtrack knows; '
                                          f"use one of {', '.join(SYMPTOM_CODES)}.")

    def _read_notes(self, notes: pd.Series, symptoms: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Warning signs a note reports plainly become that day's symptoms (analysis.ingest.symptoms.read_note), so
        the alert and the Clinic triage see a sign written only in the notes; each is said as a warning to
        check with the patient. Returns the symptoms with the notes' codes added (ROW, SYMPTOM, row order)
        and the note items that mention a sign without being read with confidence (ROW, text)."""
        added, unsure = [], []
        warned = [text for text in notes.unique() if mentions_warning(text)]  # each distinct note once
        flagged = notes[notes.isin(warned)]  # cheap filter: most notes name no sign
        if (self.mode == MODE_DAYS and tuple(self.labels) in c.OWN_EXPORT_HEADERS
                and list(self.labels) == list(self.labels.values())):
            # Backtrack's own export: its notes were typed in the app, which asked the person to tick the sign a
            # note names; their answer stands, and export then import gives back exactly the same diary
            return symptoms, pd.DataFrame({ROW: flagged.index, "text": flagged.to_numpy()})
        readings = {text: read_note(text) for text in flagged.unique()}  # each distinct note read once
        ticked = symptoms[symptoms[ROW].isin(flagged.index)].groupby(ROW)[c.SYMPTOM].agg(set).to_dict()
        said: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # one warning per text read, naming its rows
        for row, text in flagged.items():
            read, left = readings[text]
            have = set(ticked.get(row, ()))
            for item, codes in read:
                new = [code for code in codes if code not in have]  # a sign the row already records needs no word
                added += [(row, code) for code in new]
                have |= set(new)
                if new:
                    said.setdefault((item, tuple(new)), []).append(row)
            if left:
                unsure.append((row, "; ".join(left)))
        label = self.labels.get(c.NOTES, c.NOTES)
        for (item, codes), rows in said.items():
            shown = [code for code in codes if COVERED_BY.get(code) not in codes]
            self.warnings.append(f"{self.name} {describe_rows(rows)}, {label}: read '{item}' as "
                                 f"{' and '.join(SYMPTOMS[code] for code in shown)}; check it with the patient.")
        if added:
            symptoms = pd.concat([symptoms, pd.DataFrame(added, columns=[ROW, c.SYMPTOM])], ignore_index=True)
            symptoms = symptoms.sort_values(ROW, kind="stable").reset_index(drop=True)
        return symptoms, pd.DataFrame(unsure, columns=[ROW, "text"])

    def _note_medicines(self, doses: pd.DataFrame, unparsed: pd.DataFrame, texts: pd.Series) -> None:
        """Warn about medicine text not read, combination strengths assumed and names not in the list."""
        self._note_unread(unparsed, c.MEDICATIONS, "could not be read as medicine, dose and count")
        products = assumed_products(texts)
        for product, rows in _groups(products, "product"):
            self.warnings.append(f"{self.name} {describe_rows(rows.tolist())}, "
                                 f"{self.labels.get(c.MEDICATIONS, c.MEDICATIONS)}: {assumed_strength_note(product)}")
        unknown = doses[~doses[c.MEDICINE].isin(list(MEDICINES))]
        label = self.labels.get(c.MEDICATIONS, c.MEDICATIONS)
        for dose, rows in _groups(_thousands_dots(texts), "dose"):
            number = dose.split()[0]
            self.warnings.append(f"{self.name} {describe_rows(rows.drop_duplicates().tolist())}, {label}: read "
                                 f'"{dose}" as {format_mg(float(number))} mg; if it means {number.replace(".", ",")} '
                                 "mg (a dot between thousands, as Dutch or German settings write it), correct it to "
                                 f"{number.replace('.', '')} mg and import the file again.")
        for medicine, rows in _groups(unknown, c.MEDICINE):
            self.warnings.append(f"{self.name} {describe_rows(rows.drop_duplicates().tolist())}, {label}: "
                                 f'"{medicine}" is not in Backtrack\'s medicine list; imported it with '
                                 'drug class "other".')

    def _note_episode_clashes(self, frame: pd.DataFrame) -> None:
        """Warn where rows of one episode (a patient and onset date) give it different normal activity minutes
        or labels: an episode has one of each, so the first row's is kept (review 10: the others were dropped
        without a word)."""
        dated = frame[c.ONSET_DATE].notna().to_numpy()
        for column in (c.NORMAL_ACTIVITY, c.EPISODE_LABEL):
            values = frame[column]
            said = dated & values.notna().to_numpy()
            if column == c.EPISODE_LABEL:
                said &= (values != "").to_numpy(dtype=bool)
            if values[said].nunique() <= 1:
                continue  # one value in the whole file (the usual case): nothing can clash, no grouping
            given = frame[said]
            key = [given[c.PATIENT], given[c.ONSET_DATE]]
            clash = given[given.groupby(key, sort=False)[column].transform("nunique").to_numpy() > 1]  # vectorised
            for (patient, onset), rows in clash.groupby([c.PATIENT, c.ONSET_DATE], sort=False):
                values = list(dict.fromkeys(rows[column].tolist()))
                said = " and ".join(show_cell(v) for v in values)
                self.warnings.append(
                    f"{self.name} {describe_rows(rows.index.tolist())}, {self.labels.get(column, column)}: one "
                    f"episode ({patient}, from {plain_date(onset)}) is given {said}; kept {show_cell(values[0])}, "
                    "the first row's.")

    def _note_unread(self, unread: pd.DataFrame, column: str, why: str) -> None:
        """One warning per distinct text not read (kept in the notes), naming its rows."""
        for text, rows in _groups(unread, "text"):
            self.warnings.append(f"{self.name} {describe_rows(rows.drop_duplicates().tolist())}, "
                                 f'{self.labels.get(column, column)}: "{text}" {why}; kept it in the notes.')


# A dose such as "1.000 mg": a dot before exactly three digits after a whole number of mg is read as a decimal
# point (1 mg), but Dutch or German settings write a thousand that way; no one writes 1 mg as "1.000 mg" (review 11:
# "paracetamol 1.000 mg x5" was read as 5 mg, silently). Said, not guessed: Backtrack's own export writes 2.125 mg.
_THOUSANDS_DOT = r"(?<![\d.,])([1-9]\d{0,2}\.\d{3}) ?mg\b"


def _thousands_dots(texts: pd.Series) -> pd.DataFrame:
    """ROW and `dose` ("1.000 mg") of each dose in `texts` written with a dot that may separate thousands; each
    distinct text searched once (a million rows hold a few thousand texts)."""
    codes, uniques = pd.factorize(texts)
    pattern = re.compile(_THOUSANDS_DOT, re.IGNORECASE)
    found = [(code, match) for code, text in enumerate(uniques) if "." in str(text)
             for match in pattern.findall(str(text))]
    if not found:
        return pd.DataFrame(columns=[ROW, "dose"])
    rows = [(label, f"{match} mg") for code, match in found for label in texts.index[codes == code]]
    return pd.DataFrame(rows, columns=[ROW, "dose"])


def _groups(frame: pd.DataFrame, by: str) -> Iterable[tuple[object, pd.Series]]:
    """(value, its rows' ROW) for each value of `by`, in order of first appearance; nothing for an empty frame
    (most files have nothing to say, and a groupby costs ~1 ms even then)."""
    return () if frame.empty else frame.groupby(by, sort=False)[ROW]
