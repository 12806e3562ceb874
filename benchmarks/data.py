"""Research-sized synthetic diaries for the benchmarks, written as canonical CSV (seeded, vectorised)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

MEDICATION_TEXT = np.array(["", "", "ibuprofen 400 mg x3", "ibuprofen 400 mg x2", "paracetamol 500 mg x2",
                            "ibuprofen 400 mg x3; codeine 30 mg x2", "naproxen 250 mg x2"])
SYMPTOM_TEXT = np.array([""] * 40 + ["leg_pain", "numbness", "fever"])


def diary_frame(patients: int, days: int, seed: int = 42) -> pd.DataFrame:
    """`patients` x `days` canonical diary rows: a falling pain course with noise, building activity."""
    rng = np.random.default_rng(seed)
    patient = np.repeat(np.arange(patients), days)
    day = np.tile(np.arange(days), patients)
    onset = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 300, patients), unit="D")
    baseline = rng.uniform(5, 9, patients)
    rate = rng.uniform(5, 60, patients)
    floor = rng.choice([0.0, 0.0, 2.0, 4.0], patients)
    mean = floor[patient] + (baseline[patient] - floor[patient]) * np.exp(-day / rate[patient])
    pain = np.clip(np.rint(mean + rng.normal(0, 0.7, len(day))), 0, 10)
    activity = np.clip(np.rint(10 + 5 * day + rng.normal(0, 5, len(day))), 0, 90)
    return pd.DataFrame({
        "date": (onset[patient] + pd.to_timedelta(day, unit="D")).strftime("%Y-%m-%d"),
        "pain": pain.astype(int), "worst_pain": np.minimum(10, pain + rng.integers(0, 3, len(day))).astype(int),
        "activity_minutes": activity.astype(int), "bed_rest_hours": np.where(day < 1, 14, 0),
        "medications": MEDICATION_TEXT[rng.integers(0, len(MEDICATION_TEXT), len(day))],
        "symptoms": SYMPTOM_TEXT[rng.integers(0, len(SYMPTOM_TEXT), len(day))],
        "notes": "", "patient": np.char.add("P", patient.astype(str)),
        "onset_date": onset[patient].strftime("%Y-%m-%d"), "normal_activity_minutes": 60, "episode": "",
    })


def write_csv(path: Path, patients: int, days: int) -> Path:
    """Write the benchmark diary to `path` (once; reused when it exists)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        diary_frame(patients, days).to_csv(path, index=False)
    return path
