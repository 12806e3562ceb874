"""Seeded synthetic diaries that follow the published recovery shapes.

Used for the demo diary (sample_data/generate.py) and as test fixtures. The
shapes are the five trajectory classes of Downie et al., Pain 2016
(GUIDANCE.md section 2). Every generator takes a seed, so the same call always
gives the same diary, and tests can draw diaries the code was not written around.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import pandas as pd

from analysis.model import columns as c
from analysis.model.vocabulary import MEDICINES

DEMO_SUFFIX = " (demo)"


def is_demo(patient: str) -> bool:
    """True for the example patients of the demo diary (their names end in ' (demo)')."""
    return patient.endswith(DEMO_SUFFIX)


SHAPES = ("rapid_recovery", "recovery_by_week_12", "incomplete_recovery",
          "fluctuating", "persistent_high")


def shape_pain(shape: str, day: float, baseline: float) -> float:
    """Noise-free average pain on `day` since onset for one trajectory shape.

    rapid_recovery: at 0-1 by week 2; recovery_by_week_12: steady fall to 0-1
    by about day 60-80; incomplete_recovery: falls then levels off near 3.5;
    fluctuating: falls to about 2.5 by week 5 then rises again towards 6 by
    week 11; persistent_high: stays near 7.
    """
    if shape == "rapid_recovery":
        return baseline * math.exp(-day / 4.0)
    if shape == "recovery_by_week_12":
        return baseline * math.exp(-day / 20.0)
    if shape == "incomplete_recovery":
        floor = 3.5
        return floor + (baseline - floor) * math.exp(-day / 10.0)
    if shape == "fluctuating":
        low = 2.2 + (baseline - 2.2) * math.exp(-day / 8.0)
        rise = 0.0 if day < 42 else min(3.8, (day - 42) * 0.14)
        return low + rise
    if shape == "persistent_high":
        return max(6.5, baseline - 0.01 * day)
    raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")


@dataclass
class DiarySpec:
    """What to generate: one patient episode."""

    patient: str
    shape: str
    onset: str = "2026-01-05"
    days: int = 75
    first_day: int = 0  # diary may start late, e.g. day 10 after onset
    baseline: float = 7.0
    noise_sd: float = 0.6  # about +-1 point after rounding
    missing_share: float = 0.05
    normal_activity: float = 60.0
    seed: int = 42
    codeine_days: int = 0  # consecutive days of codeine from onset (0: none)
    extra_symptoms: dict[int, list[str]] = field(default_factory=dict)  # day -> codes
    bed_rest_days: int = 1


def generate(spec: DiarySpec, episode_id: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Generate one episode's (entries, doses, symptoms) frames.

    Columns follow analysis.model.columns: entries ENTRY_COLUMNS, doses DOSE_COLUMNS,
    symptoms SYMPTOM_COLUMNS.
    """
    rng = random.Random(spec.seed)
    onset = pd.Timestamp(spec.onset)
    recovering = spec.shape in ("rapid_recovery", "recovery_by_week_12")
    entries, doses, symptoms = [], [], []
    for day in range(spec.first_day, spec.first_day + spec.days):
        if day > spec.first_day + 2 and rng.random() < spec.missing_share:
            continue
        date = onset + pd.Timedelta(days=day)
        mean = shape_pain(spec.shape, day, spec.baseline)
        pain = min(10, max(0, round(mean + rng.gauss(0, spec.noise_sd))))
        worst = min(10, pain + rng.choice([0, 1, 1, 2]))
        activity = _activity(spec, day, mean, rng)
        bed_rest = 14.0 if day < spec.bed_rest_days else 0.0
        entries.append({c.PATIENT: spec.patient, c.EPISODE_ID: episode_id, c.ONSET_DATE: onset,
                        c.NORMAL_ACTIVITY: spec.normal_activity, c.DATE: date, c.PAIN: float(pain),
                        c.WORST_PAIN: float(worst), c.ACTIVITY: float(activity),
                        c.BED_REST: bed_rest, c.NOTES: _note(day, rng)})
        doses.extend(_doses(spec, day, pain, date, episode_id, recovering))
        for code in spec.extra_symptoms.get(day, []):
            symptoms.append({c.EPISODE_ID: episode_id, c.DATE: date, c.SYMPTOM: code})
    entries_df = pd.DataFrame(entries, columns=c.ENTRY_COLUMNS)
    doses_df = pd.DataFrame(doses, columns=c.DOSE_COLUMNS).astype(
        {c.EPISODE_ID: int, c.DATE: "datetime64[us]", c.MEDICINE: "str", c.DRUG_CLASS: "str", c.DOSE_MG: float,
         c.COUNT: int, c.TOTAL_MG: float})
    symptoms_df = pd.DataFrame(symptoms, columns=c.SYMPTOM_COLUMNS).astype(
        {c.EPISODE_ID: int, c.DATE: "datetime64[us]", c.SYMPTOM: "str"})
    return entries_df, doses_df, symptoms_df


def _activity(spec: DiarySpec, day: int, mean_pain: float, rng: random.Random) -> int:
    """Active minutes: start at 10-15 and add about 5 a day, capped by pain."""
    planned = 10 + 5 * day
    cap = spec.normal_activity * max(0.15, 1 - mean_pain / 9)
    return max(0, round(min(planned, cap) + rng.gauss(0, 5)))


def _note(day: int, rng: random.Random) -> str:
    if day == 0:
        return "Lifted a box, back went"
    if rng.random() < 0.06:
        return rng.choice(["Stiff in the morning", "Walked to the shop", "Slept badly",
                           "Back at work half day", "Heat pack helped"])
    return ""


def _doses(spec: DiarySpec, day: int, pain: float, date: pd.Timestamp, episode_id: int,
           recovering: bool) -> list[dict]:
    rows = []

    def add(name: str, mg: float, count: int) -> None:
        medicine = MEDICINES[name]
        rows.append({c.EPISODE_ID: episode_id, c.DATE: date, c.MEDICINE: name,
                     c.DRUG_CLASS: medicine.drug_class, c.DOSE_MG: float(mg), c.COUNT: count,
                     c.TOTAL_MG: float(mg * count)})

    if pain >= 4 and day < 14:
        add("ibuprofen", 400, 3 if pain >= 6 else 2)
    elif pain >= 5 and not recovering:
        add("naproxen", 250, 2)
    if day < spec.codeine_days:
        add("codeine", 30, 3)
    return rows


def demo_specs() -> list[DiarySpec]:
    """The five demo patients, one per published trajectory shape."""
    return [
        DiarySpec("Anna (demo)", "rapid_recovery", onset="2026-08-03", days=62, baseline=7, seed=1),
        DiarySpec("Ben (demo)", "recovery_by_week_12", onset="2026-07-27", days=90, baseline=7.5,
                  seed=2, codeine_days=7, bed_rest_days=3),
        DiarySpec("Chloe (demo)", "incomplete_recovery", onset="2026-08-10", days=80, baseline=7,
                  seed=3, normal_activity=45),
        DiarySpec("David (demo)", "fluctuating", onset="2026-08-01", days=85, baseline=6.5, seed=4,
                  extra_symptoms={60: ["leg_pain"], 61: ["leg_pain"]}),
        DiarySpec("Eva (demo)", "persistent_high", onset="2026-08-20", days=70, baseline=7.5,
                  seed=5, normal_activity=50),
    ]


def generate_many(specs: list[DiarySpec]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Generate several episodes, numbered 1..n, concatenated into three frames."""
    parts = [generate(spec, episode_id=i) for i, spec in enumerate(specs, start=1)]
    return tuple(pd.concat([p[k] for p in parts], ignore_index=True) for k in range(3))  # type: ignore[return-value]
