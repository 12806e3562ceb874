"""Hits: the (episode, day, rule) rows the alert rules produce, as integer codes.

Why integers: sorting text columns of 300,000 rows costs seconds. A hit carries the rule's
position in RULES, 10 x severity rank + pick, and the message's position in MESSAGES.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.red_flags import PROGRESSIVE_MESSAGE, SEVERITY_ORDER
from analysis.model import columns as c

EPS = 1e-9  # float tolerance: a value exactly at a threshold counts as at it
CODES = list(r.RULES)
MESSAGES = [each.message for each in r.RULES.values()] + [PROGRESSIVE_MESSAGE, r.PARACETAMOL_OVERDOSE_MESSAGE,
                                                          r.OVER_COUNTER_MESSAGE]
EVIDENCES = [each.evidence for each in r.RULES.values()]  # a rule's evidence, by its position in CODES


@dataclass(frozen=True)
class Hits:
    """Rows of hits as plain arrays (episode_id, date, rule, rank, message), one entry per hit.

    Why not a frame: the engine makes two dozen of them and joins them once; building and concatenating
    DataFrames of up to a million rows cost more than the arrays they carry (issue 12).
    """

    episode: np.ndarray
    date: np.ndarray
    rule: np.ndarray
    rank: np.ndarray
    message: np.ndarray

    def __len__(self) -> int:
        return len(self.episode)


def hits(frame: pd.DataFrame | tuple[np.ndarray, np.ndarray], mask: np.ndarray, code: str,
         severity: str | None = None, message: str | None = None, pick: int = 0) -> Hits:
    """One rule's hits: the rows of `frame` (or of its (episode_id, date) arrays) where `mask` holds;
    severity/message None: the rule's own.

    When one rule applies twice on a day (two readings), the lower 10 x severity rank + pick wins.
    Holds episode_id, date, the rule's position in CODES, the rank and the message's position in MESSAGES.
    Why positions: a rule holds on few of a grid's million days; the mask is read once and only those rows
    are copied (masking both columns read the mask twice and held the GIL through each, issue 12); the
    positions are found by a compiled pass that lets the other thread run (numpy's flatnonzero holds the GIL).
    """
    rule = CODES.index(code)
    rank = SEVERITY_ORDER[severity or r.RULES[code].severity]
    ids, dates = (frame[c.EPISODE_ID].to_numpy(), frame[c.DATE].to_numpy()) if isinstance(frame, pd.DataFrame) \
        else frame
    from analysis.alerts import day_kernels  # numba: loaded when the rules first run

    rows = day_kernels.positions(np.asarray(mask, dtype=np.bool_))
    episode = ids[rows]
    size = len(episode)
    return Hits(episode, dates[rows], np.full(size, rule, dtype=np.int64),
                np.full(size, 10 * rank + pick, dtype=np.int64),
                np.full(size, rule if message is None else MESSAGES.index(message), dtype=np.int64))


def join(parts: list[Hits]) -> Hits:
    """The hits of several rules as one, in the order given (at least one part)."""
    if len(parts) == 1:
        return parts[0]
    return Hits(*(np.concatenate([getattr(part, name) for part in parts])
                  for name in ("episode", "date", "rule", "rank", "message")))


def sort_order(*keys: np.ndarray) -> np.ndarray:
    """np.lexsort of `keys` (the first the primary one): one stable sort of the keys packed into one int64
    when they fit in 62 bits (they do: a million hits sort four times faster), else lexsort.

    Why here: the engine orders its hits by it, and alert_history its runs' days."""
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    packed, bits = np.zeros(len(keys[0]), dtype=np.int64), 0
    for key in keys:
        key = np.asarray(key, dtype=np.int64)
        low = int(key.min())
        width = max(int(key.max()) - low, 1).bit_length()
        bits += width
        if bits > 62:
            return np.lexsort(keys[::-1])
        packed = (packed << width) | (key - low)
    return np.argsort(packed, kind="stable")
