"""Write the demo diaries: one canonical CSV per synthetic patient, seeded so output never changes.

Run from the repository root: `python sample_data/generate.py`. The five
patients follow the five published trajectory shapes (Downie 2016, GUIDANCE.md §2).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis.model import columns as c# noqa: E402
from analysis.output.export import diary_csv  # noqa: E402
from analysis.ingest.synthetic import demo_specs, generate  # noqa: E402


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
