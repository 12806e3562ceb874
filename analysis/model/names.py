"""One written form for a patient's name, wherever it comes from.

Why: the same accented name can be stored as different code points: "Zoë" typed on a PC is one character ë
(Unicode NFC), exported on a Mac it is e followed by a combining diaeresis (NFD). Compared byte for byte they were
two patients who look identical in every list (review 8). Every name that enters the diary, or looks one up, is
put in NFC here; ASCII names (the usual ones) are already NFC and pass untouched.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd


def patient_name(name: str) -> str:
    """`name` in Unicode NFC (composed: "Zoë" as one ë), its spaces at the ends removed."""
    return unicodedata.normalize("NFC", name).strip()


def patient_names(names: pd.Series) -> pd.Series:
    """A column of names (no missing values) in NFC, each distinct name normalised once; the column itself when
    every name is ASCII (one join and test: a million rows of a practice's export cost ~35 ms, a per-row
    normalisation ~200 ms)."""
    try:
        if not len(names) or "".join(names.tolist()).isascii():
            return names
    except TypeError:  # a name that is not text (a number read from a spreadsheet): normalised as its text
        pass
    codes, distinct = pd.factorize(names)
    composed = np.array([unicodedata.normalize("NFC", str(name)) for name in distinct], dtype=object)
    if (composed == np.asarray(distinct, dtype=object)).all():
        return names
    return pd.Series(composed[codes], index=names.index, name=names.name, dtype=names.dtype)


def report_file_name(patient: str, day: object) -> str:
    """The GP report's file name: 'backtrack-report-ann-lee-2026-12-02.pdf' (ASCII letters and digits of the name,
    'patient' when none are left, at most 40).

    Why: a physiotherapist downloading several patients' reports got backtrack-report.pdf, (1), (2)... in their
    downloads, with nothing to tell them apart. Only the computer's own downloads folder sees the name."""
    ascii_name = unicodedata.normalize("NFKD", str(patient)).encode("ascii", "ignore").decode().lower()
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in ascii_name).split())[:40].strip("-") or "patient"
    return f"backtrack-report-{slug}-{pd.Timestamp(day):%Y-%m-%d}.pdf"

