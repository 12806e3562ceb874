"""How often the projected recovery range holds the day pain really reached 1 or less, on simulated courses.

`python -m benchmarks.projections [--per-class N] [--seed S]`: benchmarks.simulate's courses (whole-number pain,
day-to-day noise sd 1.3, 5% of days missed), 200 days each; the truth is the first day a diary's own 7-day mean
(4+ entries) is 1 or less (what the projection projects), or never. Each diary is read on days 21, 28 and 42, with
the last 2 weeks' pace (analysis.course.outlook.RECENT_PACE_DAYS) and with the 4 weeks' pace alone (as before
review 36). Prints, per class and day: the share given a date, the share of those whose range (earliest to latest;
no latest: a year or more) holds the true day, whose latest is before it, and the median days the date is off.
"""
from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from analysis.course import outlook
from analysis.model import columns as c
from benchmarks import simulate

CLASSES = ("average_course", "recovery_by_week_12", "incomplete_recovery", "rapid_recovery")
READ_ON_DAYS = (21, 28, 42)
DAYS = 200


def _truth(entries: pd.DataFrame) -> pd.Series:
    """Per episode: the first day since onset its logged 7-day mean pain is 1 or less (inf: never)."""
    day = (entries[c.DATE] - simulate.ONSET).dt.days
    found = {}
    for episode, rows in entries.assign(day=day).groupby(c.EPISODE_ID):
        pain = pd.Series(rows[c.PAIN].to_numpy(), index=rows["day"].to_numpy()).reindex(range(DAYS))
        hit = np.flatnonzero((pain.rolling(7, min_periods=4).mean() <= 1.0).to_numpy())
        found[episode] = float(hit[0]) if len(hit) else np.inf
    return pd.Series(found)


def calibration(per_class: int = 300, seed: int = 7) -> pd.DataFrame:
    """One row per class, day read and pace (`recent`: with the last 2 weeks' pace; `4 weeks`: without)."""
    rng = np.random.default_rng(seed)
    simulate_days, simulate.DAYS = simulate.DAYS, DAYS
    rows = []
    try:
        for shape in CLASSES:
            entries = simulate.diaries(shape, per_class, rng)
            truth = _truth(entries)
            for read_on in READ_ON_DAYS:
                for pace, least in (("4 weeks", 10**9), ("recent", outlook.MIN_RECENT_ENTRIES)):
                    kept, outlook.MIN_RECENT_ENTRIES = outlook.MIN_RECENT_ENTRIES, least
                    try:
                        found = outlook.projections(entries, simulate.ONSET + pd.Timedelta(days=read_on))
                    finally:
                        outlook.MIN_RECENT_ENTRIES = kept
                    true = truth.reindex(found[c.EPISODE_ID]).to_numpy()
                    dated = found["projected_recovery_date"].notna().to_numpy()
                    days = {name: (found[name] - simulate.ONSET).dt.days.to_numpy(dtype=float) for name in
                            ("projected_recovery_date", "projected_earliest", "projected_latest")}
                    late = np.where(np.isnan(days["projected_latest"]), np.inf, days["projected_latest"])
                    held = (days["projected_earliest"] <= true) & (true <= late)
                    off = (days["projected_recovery_date"] - true)[dated & np.isfinite(true)]
                    rows.append({"class": shape, "day": read_on, "pace": pace, "dated": f"{dated.mean():.0%}",
                                 "range_holds": f"{held[dated].mean():.0%}" if dated.any() else "-",
                                 "latest_too_early": f"{(late < true)[dated].mean():.0%}" if dated.any() else "-",
                                 "median_days_off": f"{np.median(off):+.0f}" if len(off) else "-"})
    finally:
        simulate.DAYS = simulate_days
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(calibration(args.per_class, args.seed).to_string(index=False))


if __name__ == "__main__":
    main()
