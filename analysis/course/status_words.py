"""The sentence behind each episode's recovery status, in plain words (split from analysis.course.recovery).

Why its own module: the sentence must say what the status says ("above the expected range" only when the
printed numbers are above it, review 25), which takes a rounding check of its own; and ten thousand sentences are
written in one pass for a research summary (issue 12)."""
from __future__ import annotations

import numpy as np


def status_reasons(status: np.ndarray, current: np.ndarray, count: np.ndarray, low: np.ndarray, high: np.ndarray,
                   day: np.ndarray, window_days: int, min_entries: int) -> list[str]:
    """Per episode, the plain sentence behind its status (recovery.status_at's status_reason): the average pain
    of the `window_days` days to `day` against the expected range, or, for insufficient_data, what is missing
    (`count` entries, `min_entries` needed)."""
    where = {"ahead": "below", "on_track": "within", "behind": "above"}
    # "the 7 days to day 61", not "the last 7 days": read weeks after a diary stopped (a GP report), the last
    # seven days are not the ones judged. One %-format per sentence: half the time of an f-string of five fields
    # (the same text: %.1f is :.1f, %s {}); one decimal unless it would misread (_reads_right), then two
    sentence = (f"Average pain %.1f over the {window_days} days to day %s is %s the expected range of %.1f to %.1f "
                "for that day.")
    sentences = (sentence.replace("%.1f", "%.2f"), sentence)  # indexed by whether one decimal reads right
    right = _reads_right(np.asarray(status), *(np.asarray(a, dtype=float) for a in (current, low, high)))
    # plain Python values (tolist): formatting ten thousand numpy scalars one by one costs half as much again
    return [_too_few(n, d, window_days, min_entries) if s == "insufficient_data"
            else sentences[ok] % (cur, d, where[s], lo, hi)
            for s, cur, n, lo, hi, d, ok in zip(*(np.asarray(a).tolist() for a in
                                                  (status, current, count, low, high, day, right)), strict=True)]


def _too_few(count: int, day: int, window_days: int, min_entries: int) -> str:
    """Why there is no status: too few entries in the window."""
    have = "No entries" if count == 0 else f"Only {count} {'entry' if count == 1 else 'entries'}"
    return f"{have} in the {window_days} days to day {day}; at least {min_entries} are needed."


def _reads_right(status: np.ndarray, current: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Per row, whether the numbers printed to one decimal say what the status says: above the top, below the
    bottom, or within (review 25: "Average pain 5.0 ... is above the expected range of 1.6 to 5.0")."""
    current, low, high = _one_decimal(current), _one_decimal(low), _one_decimal(high)
    with np.errstate(invalid="ignore"):
        return np.where(status == "behind", current > high,
                        np.where(status == "ahead", current < low, (low <= current) & (current <= high)))


def _one_decimal(values: np.ndarray) -> np.ndarray:
    """`values` as "%.1f" prints them (Python's round(x, 1): the exact binary value rounded, ties to even).

    Why not np.round alone: it rounds x * 10, which is itself rounded, so a value a hair from a tie (x.x5) may
    round the other way than it prints; those few are rounded one by one as Python does (issue 12: ten thousand
    round() calls were a tenth of the time the summary holds the GIL)."""
    found = np.round(values, 1)
    tenths = values * 10
    near_tie = np.flatnonzero(np.abs(tenths - np.floor(tenths) - 0.5) < 1e-6)
    found[near_tie] = [round(value, 1) for value in values[near_tie].tolist()]
    return found
