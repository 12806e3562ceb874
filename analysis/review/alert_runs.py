"""One line per alert: the runs of one alert in one episode said together, each report with its date.

Why: an urgent sign reported on three separate days is three runs of one alert, each active until the person is
seen (analysis.alerts.history). Shown run by run, Today's banner said "Act now" three times, the Clinic named only
the first report (a dict keyed by code kept one of them), and Progress stopped with an error: its "I have been
seen about this" box is one per alert (review 31's browser walk: loss of bladder control noted on 15, 19 and 23
October). One mark closes every run reported on or before its date, so one line and one button per alert is what
the person acts on.
"""
from __future__ import annotations

import pandas as pd

from analysis.model import columns as c

# the verbs of analysis.alerts.details.run_details: "X reported on D", "X first reported on D1, last reported D2"
_VERBS = ("reported", "noted")


def merge_runs(alerts: pd.DataFrame) -> pd.DataFrame:
    """`alerts` (rows of an alert history: episode_id, code, date, last_date, detail...) with the runs of one code in
    one episode made one row: the first row in `alerts`' order, its detail naming every run in date order
    ("Loss of bladder or bowel control reported on 15 October 2026, again on 19 October 2026 and on 23 October
    2026"), from the first run's date to the last run's last_date, and `fingerprints`, every run's fingerprint (put
    aside together). The frame itself, with `fingerprints`, when no code repeats. Columns: those of `alerts`, and
    fingerprints where `alerts` has fingerprint."""
    keys = [key for key in (c.EPISODE_ID, "code") if key in alerts]  # a frame of one episode may have no id
    if alerts.empty or not alerts.duplicated(keys).any():
        return _with_fingerprints(alerts, alerts, keys)
    first = alerts.drop_duplicates(keys)
    in_order = alerts.sort_values(c.DATE, kind="stable") if c.DATE in alerts else alerts
    how = {"detail": ("detail", together), c.DATE: (c.DATE, "min"), "last_date": ("last_date", "max")}
    merged = in_order.groupby(keys, sort=False).agg(**{name: how[name] for name in how if name in alerts})
    rows = first.drop(columns=list(merged.columns)).join(merged, on=keys)[alerts.columns]
    return _with_fingerprints(rows, in_order, keys)


def _with_fingerprints(rows: pd.DataFrame, runs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`rows` with `fingerprints`: the tuple of fingerprints of every run of its episode and code in `runs`."""
    if "fingerprint" not in rows:
        return rows
    if rows.empty:
        return rows.assign(fingerprints=pd.Series(dtype=object))
    found = runs.groupby(keys, sort=False)["fingerprint"].agg(tuple)
    at = pd.MultiIndex.from_frame(rows[keys]) if len(keys) > 1 else pd.Index(rows[keys[0]])
    return rows.assign(fingerprints=found.reindex(at).to_numpy())


def together(details: pd.Series | list[str]) -> str:
    """The details of one alert's runs (date order) as one: the thing reported once, then each run's dates."""
    texts = list(dict.fromkeys(str(detail) for detail in details if isinstance(detail, str) and detail))
    if len(texts) < 2:
        return texts[0] if texts else ""
    parts = [_split(text) for text in texts]
    worded = [part for part in parts if part is not None]
    if len(worded) < len(parts) or len({(thing, verb) for thing, verb, _ in worded}) > 1:
        return "; ".join(texts)  # not one thing worded alike: each run's own words
    thing, verb, first = worded[0]
    again = [when for _, _, when in worded[1:]]
    more = again[0] if len(again) == 1 else ", ".join(again[:-1]) + f" and {again[-1]}"
    return f"{thing} {verb} {first}, again {more}"


def _split(detail: str) -> tuple[str, str, str] | None:
    """A run's detail as (what, verb, when): ("Loss of bladder or bowel control", "reported", "on 15 October
    2026"), or when "first reported on D1, last reported D2": "from D1 to D2"; None when not so worded."""
    for verb in _VERBS:
        if f" first {verb} on " in detail and f", last {verb} " in detail:
            thing, rest = detail.split(f" first {verb} on ", 1)
            start, end = rest.split(f", last {verb} ", 1)
            return thing, verb, f"from {start} to {end}"
        if f" {verb} on " in detail:
            thing, day = detail.rsplit(f" {verb} on ", 1)
            return thing, verb, f"on {day}"
    return None


def newest_run(fingerprints: tuple[str, ...]) -> str:
    """Of one alert's runs' fingerprints ("code:YYYY-MM-DD"), the newest: putting it aside puts aside the earlier
    ones too (analysis.alerts.engine.visible)."""
    return max(fingerprints, key=lambda fingerprint: fingerprint.rpartition(":")[2])


def cards_and_aside(shown: pd.DataFrame, aside: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Progress's alert cards and its "put aside" lines, one per alert (merge_runs), from the runs shown
    (analysis.alerts.engine.visible) and those put aside with "Got it" (page_rules.put_aside).

    A run put aside of an alert reported again since (a new run shows) is named in that alert's card, not in a line
    of its own: each drew an "I have been seen about this" box of one key and the page stopped with an error
    (review 32), and "Got it" on the card puts both aside."""
    again = aside["code"].isin(set(shown["code"])) if len(aside) else pd.Series(dtype=bool)
    if not again.any():
        return merge_runs(shown), merge_runs(aside)
    return merge_runs(pd.concat([shown, aside[again]])), merge_runs(aside[~again])
