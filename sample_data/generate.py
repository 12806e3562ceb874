"""Write the demo diaries: one canonical CSV per synthetic patient, seeded so output never changes.

Run `make sample` (or `python sample_data/generate.py` once the package is installed: `pip install -e .`). The five
patients follow the five published trajectory shapes (Downie 2016, GUIDANCE.md §2).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.ingest.synthetic import demo_specs, generate
from analysis.model import columns as c
from analysis.output.export import diary_csv

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    out = Path(__file__).resolve().parent
    for number, spec in enumerate(demo_specs(), start=1):
        entries, doses, symptoms = generate(spec, episode_id=number)
        episodes = pd.DataFrame({c.EPISODE_ID: [number], c.EPISODE_LABEL: [f"Demo: {spec.shape.replace('_', ' ')}"]})
        name = spec.patient.split()[0].lower()
        path = out / f"{number}_{name}_{spec.shape}.csv"
        path.write_text(diary_csv(entries, doses, symptoms, episodes), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(entries)} days)")


if __name__ == "__main__":
    main()
