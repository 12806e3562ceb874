"""Removing the example diaries ("(demo)" patients) without removing a day the person typed into one of them.

Why a function of its own: "Remove the example diaries" deleted every example patient whole, and with it a day the
person had typed and saved on Today while an example was chosen, unasked and with no copy (review 26). They asked to
remove the examples, not their day: the examples' own days go, a day the person typed or changed stays.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.ingest.synthetic import is_demo
from analysis.model import columns as c
from analysis.model.errors import NotFound
from analysis.storage import Diary
from analysis.workflows.diary_io import _moved, _shift_loaded, sample_files


@dataclass
class ExamplesRemoved:
    """What removing the examples did: the example patients removed whole, and per example patient kept the
    days the person typed into it (ISO dates)."""

    removed: list[str] = field(default_factory=list)
    kept: dict[str, list[str]] = field(default_factory=dict)

    def sentence(self) -> str:
        """What happened, in one sentence for the page."""
        if not self.kept:
            return "Example diaries removed (an automatic backup was taken first)."
        days = sum(len(dates) for dates in self.kept.values())
        where = ", ".join(self.kept)
        typed = "the day you typed is" if days == 1 else f"the {days} days you typed are"
        return f"Example diaries removed (an automatic backup was taken first); {typed} kept, in {where}."


def _demo_frames() -> list[pd.DataFrame] | None:
    """The demo files' rows as written (not moved); None when they are not installed, so no day can be told to be
    an example's."""
    try:
        files = sample_files()
    except NotFound:
        return None
    return [pd.read_csv(path, dtype=str, keep_default_na=False) for path in files]


def typed_days(diary: Diary) -> pd.DataFrame:
    """The days of example patients that are not the demo files' days as loaded (same date, pain and notes): days
    the person typed or changed. With the demo files missing, every example day counts as typed (kept)."""
    stored = diary.entries()
    stored = stored[stored[c.PATIENT].map(is_demo)]
    frames = _demo_frames()
    if frames is None or stored.empty:
        return stored
    shift = _shift_loaded(diary, frames) or pd.Timedelta(0)
    examples = {(row[c.PATIENT], row[c.DATE], float(row[c.PAIN]), row[c.NOTES])
                for frame in frames for _, row in _moved(frame, shift).iterrows()}
    keys = zip(stored[c.PATIENT], stored[c.DATE].dt.strftime("%Y-%m-%d"), stored[c.PAIN], stored[c.NOTES],
               strict=True)
    return stored[[key not in examples for key in keys]]


def examples_left(diary: Diary) -> bool:
    """Whether any example day is still in the diary: a day of an example patient that is the demo files' own (not
    typed). Why: after "Remove the example diaries" kept a day the person typed into an example patient, that patient
    (still named "... (demo)") holds only the person's day, and the page said "You are looking at example diaries"
    again, with a Remove button that did nothing more."""
    stored = diary.entries()
    examples = stored[stored[c.PATIENT].map(is_demo)]
    return len(examples) > len(typed_days(diary))


def remove_examples(diary: Diary) -> ExamplesRemoved:
    """Remove the example patients, after an automatic backup (so the examples can be put back). An example patient
    holding a day the person typed (`typed_days`) keeps that day, with its medicines and signs, and only its
    example days go: all or nothing, in one transaction."""
    typed = typed_days(diary)
    names = sorted(set(diary.patient_names()) & {p for p in diary.episodes()[c.PATIENT] if is_demo(p)})
    done = ExamplesRemoved()
    if not names:
        return done
    diary.auto_backup("removal")
    everything = diary.entries()
    with diary.transaction():
        for name in names:
            mine = typed[typed[c.PATIENT] == name]
            if mine.empty:
                diary.delete_patient(name)
                done.removed.append(name)
                continue
            keep = set(zip(mine[c.EPISODE_ID], mine[c.DATE], strict=True))
            theirs = everything[everything[c.PATIENT] == name]
            for episode, day in zip(theirs[c.EPISODE_ID], theirs[c.DATE], strict=True):
                if (episode, day) not in keep:
                    diary.delete_entry(int(episode), day.date())
            done.kept[name] = sorted(day.strftime("%Y-%m-%d") for day in mine[c.DATE])
    return done
