"""The daily grid's passes, compiled (numba): each frame's rows scattered onto the grid's columns in one walk.

Why compiled: laying a million entries, doses and symptoms on the grid took a full-length temporary per
column and per flag (np.full, a fancy-index scatter, a mask per class and per symptom, a table of every
medicine's day): a tenth of the summary of 10,000 patients (issue 12). Here each kernel walks its rows
once and writes every column it owns; analysis.course.grid allocates the columns and names them.

What the kernels do NOT hold: any vocabulary or rule. The caller passes the codes (which class column a
dose row marks, which symptom a row is) as integers. One file on purpose: numba's cache of a kernel is
refreshed only when the kernel's own file changes. `nogil`: the summary may run halves of the episodes
on two threads.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")
_DAY_US = 86_400_000_000  # microseconds in a day: the grid's dates are datetime64[us]


@_compiled
def extent(code: np.ndarray, day: np.ndarray, first: np.ndarray, last: np.ndarray) -> None:
    """Lower `first` and raise `last` (per episode code) to each code's earliest and latest `day`."""
    for j in range(len(code)):
        k, d = code[j], day[j]
        if d < first[k]:
            first[k] = d
        if d > last[k]:
            last[k] = d


@_compiled
def rows(code: np.ndarray, day: np.ndarray, start: np.ndarray, first: np.ndarray,
         diary_day: np.ndarray) -> np.ndarray:
    """Per record: its grid row (the episode's first row + days since the episode's first day); marks the
    row a diary day."""
    found = np.empty(len(code), dtype=np.int64)
    for j in range(len(code)):
        k = code[j]
        r = start[k] + day[j] - first[k]
        found[j] = r
        diary_day[r] = True
    return found


@_compiled
def calendar(first: np.ndarray, length: np.ndarray, start: np.ndarray, onset: np.ndarray, ids: np.ndarray,
             normal: np.ndarray, episode: np.ndarray, position: np.ndarray, since_onset: np.ndarray,
             date_us: np.ndarray, onset_us: np.ndarray, normal_out: np.ndarray) -> None:
    """Each episode's rows: its id (`ids` per episode code), days since its first row, since its onset, the
    date and onset date (datetime64[us] as integers) and its normal activity (`normal` per episode code)."""
    for k in range(len(first)):
        here = onset[k] * _DAY_US
        for p in range(length[k]):
            r = start[k] + p
            episode[r] = ids[k]
            position[r] = p
            since_onset[r] = first[k] + p - onset[k]
            date_us[r] = (first[k] + p) * _DAY_US
            onset_us[r] = here
            normal_out[r] = normal[k]


@_compiled
def entries(code: np.ndarray, row: np.ndarray, day: np.ndarray, normal: np.ndarray, logged: np.ndarray,
            normal_max: np.ndarray, first_entry: np.ndarray) -> bool:
    """Mark each entry's row logged; per episode code the largest known normal activity (`normal`, one per
    entry, empty: none given; np.fmax) and the first entry's day. False when two entries share a row (the
    caller names them)."""
    for j in range(len(row)):
        r, k = row[j], code[j]
        if logged[r]:
            return False
        logged[r] = True
        if len(normal):
            v = normal[j]
            if v == v and not v <= normal_max[k]:  # NaN left out, as np.fmax does
                normal_max[k] = v
        if day[j] < first_entry[k]:
            first_entry[k] = day[j]
    return True


@_compiled
def scatter(row: np.ndarray, values: np.ndarray, out: np.ndarray) -> None:
    """out[row] = values (rows distinct)."""
    for j in range(len(row)):
        out[row[j]] = values[j]


@_compiled
def doses(code: np.ndarray, dnum: np.ndarray, med: np.ndarray, cls: np.ndarray, nsaid: np.ndarray,
          total: np.ndarray, episode: np.ndarray, start: np.ndarray, first: np.ndarray, column: np.ndarray,
          nsaid_column: int, dosed: np.ndarray, flags: np.ndarray, nsaid_count: np.ndarray, mg: np.ndarray) -> None:
    """Per daily dose row (one per medicine and day; `code`: its episode in the dose log, `episode` maps that
    to the grid's): the day dosed, its class's flag (`column` per class code, -1 none; the NSAID flag only
    where `nsaid`, low-dose aspirin aside), the day's NSAID count, and the medicine's total in mg
    (np.nan_to_num: unknown is 0)."""
    for j in range(len(code)):
        k = episode[code[j]]
        r = start[k] + dnum[j] - first[k]
        dosed[r] = True
        if nsaid[j]:
            nsaid_count[r] += 1
            flags[nsaid_column, r] = True
        c = column[cls[j]]
        if c >= 0 and c != nsaid_column:
            flags[c, r] = True
        x = total[j]
        if x != x:
            x = 0.0
        elif x == np.inf:
            x = np.finfo(np.float64).max
        elif x == -np.inf:
            x = -np.finfo(np.float64).max
        mg[med[j], r] = x


@_compiled
def symptoms(row: np.ndarray, sign: np.ndarray, flags: np.ndarray) -> None:
    """Each symptom row's flag (`sign`: its code's position, -1 for a code the grid has no column for)."""
    for j in range(len(row)):
        if sign[j] >= 0:
            flags[sign[j], row[j]] = True
