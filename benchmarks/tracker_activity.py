"""How often "Becoming less active" (activity_declining) fires on real trackers' daily minutes.

Run: `python -m benchmarks.tracker_activity` (not a timed test; a few seconds). Why: the activity rules were
tuned on simulated minutes with a day-to-day noise of 5 minutes (benchmarks/simulate.py), while minutes
imported from a tracker (Fitbit's very + fairly active minutes, Google Fit's move minutes; README "Other apps")
swing by 20-60 minutes a day. Each real series (../shared/real-files: 33 Fitbit users' 31 days, five Google Fit
exports' first 60 days) is run through the alert engine as a diary of steady pain 3 (no pain rule fires) with
the normal activity unknown (as after an import that does not give it: it counts as below normal, so the rule
can fire on every day from its first). These people were not in a back-pain episode and were not becoming less
active on purpose: a firing is a false alarm, or a real two-week fall the rule is meant to see.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.alerts import engine as a
from analysis.model import columns as c
from analysis.model.vocabulary import ACTIVITY_DECLINING

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real-files"
DAYS = 60  # the first 60 days of each long Google Fit export (a back-pain episode's span)


def series(real: Path = REAL) -> list[tuple[str, pd.Series]]:
    """Each real person's daily active minutes (a calendar index, NaN on days without a row)."""
    out = []
    fitbit = pd.read_csv(real / "fitbit" / "biscotty666_dailyActivity_merged.csv")
    fitbit["minutes"] = fitbit["VeryActiveMinutes"] + fitbit["FairlyActiveMinutes"]
    for user, rows in fitbit.groupby("Id"):
        out.append((f"fitbit:{user}", rows.set_index(pd.to_datetime(rows["ActivityDate"], format="%m/%d/%Y"))
                    ["minutes"].asfreq("D")))
    for path in sorted((real / "googlefit").glob("*.csv")):
        frame = pd.read_csv(path)
        if "Move Minutes count" in frame and "Date" in frame:
            minutes = frame.set_index(pd.to_datetime(frame["Date"]))["Move Minutes count"].asfreq("D")
            out.append((f"google_fit:{path.stem}", minutes.iloc[:DAYS]))
    return out


def diaries(people: list[tuple[str, pd.Series]]) -> pd.DataFrame:
    """The entries of one episode per person: onset the day before the first row, pain 3, worst 4."""
    frames = []
    for episode, (name, minutes) in enumerate(people, start=1):
        minutes = minutes.dropna()
        n = len(minutes)
        frames.append(pd.DataFrame({
            c.PATIENT: name, c.EPISODE_ID: episode, c.ONSET_DATE: minutes.index[0] - pd.Timedelta(days=1),
            c.NORMAL_ACTIVITY: np.nan, c.DATE: minutes.index.astype("datetime64[us]"), c.PAIN: [3.0] * n,
            c.WORST_PAIN: [4.0] * n, c.ACTIVITY: minutes.to_numpy(dtype=float), c.BED_REST: [0.0] * n,
            c.NOTES: [""] * n}, columns=c.ENTRY_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def run(real: Path = REAL) -> pd.DataFrame:
    """Per source (fitbit, google fit): people, how many got activity_declining, and the spread of their minutes.

    Returns columns: source, people, fired, fired_share, median_day_to_day_sd (minutes)."""
    people = [(name, minutes) for name, minutes in series(real) if minutes.notna().sum() >= 14]
    entries = diaries(people)
    empty = {"doses": pd.DataFrame(columns=c.DOSE_COLUMNS), "symptoms": pd.DataFrame(columns=c.SYMPTOM_COLUMNS)}
    history = a.alerts(entries, empty["doses"].astype({c.DATE: "datetime64[us]"}),
                       empty["symptoms"].astype({c.DATE: "datetime64[us]"}))
    fired = set(history.loc[history["code"] == ACTIVITY_DECLINING, c.EPISODE_ID])
    rows = pd.DataFrame({"source": [name.split(":")[0] for name, _ in people],
                         "fired": [episode in fired for episode in range(1, len(people) + 1)],
                         "sd": [float(m.dropna().diff().std() / np.sqrt(2)) for _, m in people]})
    return rows.groupby("source", sort=False).agg(
        people=("fired", "size"), fired=("fired", "sum"), fired_share=("fired", "mean"),
        median_day_to_day_sd=("sd", "median")).reset_index()


if __name__ == "__main__":
    print(run().to_string(index=False, formatters={"fired_share": "{:.0%}".format,
                                                   "median_day_to_day_sd": "{:.0f}".format}))
