"""Alert runs, compiled (numba): the days a rule applied walked once, in (episode, rule, day) order.

Why compiled: as numpy, grouping a summary's four hundred thousand rule days into runs took three
sorts of packed keys, a searchsorted of every day into a million diary days and a dozen full-length
temporaries (a third of a second of the 10,000-patient summary, issue 12). Here the days are put in
order with one counting pass over (episode, rule) buckets, each day's place among its episode's diary
days is read off the daily grid (a row per calendar day) by arithmetic, and the runs are cut in one walk.

What the kernels do NOT hold: any rule constant. BRIDGE_DIARY_DAYS and the as-of day are passed in by
analysis.alerts.history (a global read here would be frozen into numba's on-disk cache, which is refreshed
only when this file changes). `nogil`: the summary may run halves of the episodes on two threads.
"""
from __future__ import annotations

import numba
import numpy as np

_compiled = numba.njit(cache=True, nogil=True, error_model="numpy")


@_compiled
def day_order(episode: np.ndarray, rule: np.ndarray, day: np.ndarray, rank: np.ndarray, episodes: int,
              rules: int) -> np.ndarray:
    """The rows sorted by (episode, rule, day, rank), stable, keeping the first row of each (episode, rule, day).

    The same rows, in the same order, as a stable lexsort of those keys followed by dropping repeats: the
    kept row of a day is its lowest rank, the earliest given among equal ranks. A counting pass puts the
    rows in (episode, rule) buckets in the order given; each bucket (one rule's days of one episode, which
    the rules produce in calendar order) is then finished by insertion, about one step per row.
    """
    n = len(episode)
    end = np.zeros(episodes * rules + 1, np.int64)
    for i in range(n):
        end[episode[i] * rules + rule[i] + 1] += 1
    for b in range(episodes * rules):
        end[b + 1] += end[b]
    order = np.empty(n, np.int64)
    for i in range(n):  # end[b] is now where bucket b's next row goes: after the loop, its end
        b = episode[i] * rules + rule[i]
        order[end[b]] = i
        end[b] += 1
    kept = 0
    start = 0
    for b in range(episodes * rules):
        stop = end[b]
        for j in range(start + 1, stop):
            k = order[j]
            m = j - 1
            while m >= start and (day[order[m]] > day[k] or (day[order[m]] == day[k] and rank[order[m]] > rank[k])):
                order[m + 1] = order[m]
                m -= 1
            order[m + 1] = k
        for j in range(start, stop):  # a bucket's first row of each day: its most severe
            if j == start or day[order[j]] != day[order[j - 1]]:
                order[kept] = order[j]
                kept += 1
        start = stop
    return order[:kept]


@_compiled
def grid_positions(position: np.ndarray, diary_day: np.ndarray, first_day: np.ndarray, stamp: int,
                   episode: np.ndarray, day: np.ndarray) -> tuple:
    """Each row's place among its episode's diary days up to `stamp` (the next one's, on a day without one),
    read from the daily grid (`position`, `diary_day`: its columns; `first_day`: each episode's first grid
    day number); and per episode its last diary day's place and day number.

    Returns (places, last_place, last_day, ok): ok is False when a row is not on its episode's grid or has
    no diary day on or after it (then the caller searches the diary days instead).
    """
    rows = len(position)
    count = len(first_day)
    before = np.empty(rows, np.int64)  # diary days of the episode before each grid row
    start = np.empty(count + 1, np.int64)
    last_place = np.full(count, -1, np.int64)
    last_day = np.zeros(count, np.int64)
    e = -1
    seen = 0
    for i in range(rows):
        if position[i] == 0:
            e += 1
            start[e] = i
            seen = 0
        before[i] = seen
        if diary_day[i] and first_day[e] + position[i] <= stamp:
            last_place[e] = seen
            last_day[e] = first_day[e] + position[i]
            seen += 1
    start[count] = rows
    places = np.empty(len(episode), np.int64)
    ok = e == count - 1
    for j in range(len(episode)):
        k = episode[j]
        if not ok or k < 0 or k >= count:
            return places, last_place, last_day, False
        row = start[k] + day[j] - first_day[k]
        if row < start[k] or row >= start[k + 1] or before[row] > last_place[k]:
            return places, last_place, last_day, False
        places[j] = before[row]
    return places, last_place, last_day, ok


@_compiled
def cut_runs(order: np.ndarray, episode: np.ndarray, rule: np.ndarray, place: np.ndarray, severity: np.ndarray,
             bridge: int, last_place: np.ndarray) -> tuple:
    """The runs of the rows in `order` ((episode, rule, place)-sorted): a run ends where the episode or rule
    changes, more than `bridge` diary days are missed, or the day's severity changes.

    Why each severity apart: a run takes its worst day's severity, and an urgent run is held active until seen or
    for days after its own last day. One rule of several severities (daily_dose_exceeded: paracetamol over 4 g
    urgent, a medicine over its adult maximum a warning, ibuprofen over the counter's maximum information) ran
    the ibuprofen days on from one paracetamol day as one urgent alert that never ended (review 8), and from one
    diclofenac day as a warning active for weeks (review 9).

    Per run: its first row, last row, the first row of its most severe (lowest) severity, that severity,
    and whether its last row is on the episode's last diary day (`last_place`).
    """
    n = len(order)
    first = np.empty(n, np.int64)
    last = np.empty(n, np.int64)
    pick = np.empty(n, np.int64)
    worst = np.empty(n, np.int64)
    active = np.empty(n, np.bool_)
    runs = -1
    for j in range(n):
        i = order[j]
        if j == 0 or episode[i] != episode[order[j - 1]] or rule[i] != rule[order[j - 1]] \
                or place[i] - place[order[j - 1]] > 1 + bridge or severity[i] != severity[order[j - 1]]:
            runs += 1
            first[runs] = i
            pick[runs] = i
            worst[runs] = severity[i]
        elif severity[i] < worst[runs]:
            pick[runs] = i
            worst[runs] = severity[i]
        last[runs] = i
        active[runs] = place[i] == last_place[episode[i]]
    runs += 1
    return first[:runs], last[:runs], pick[:runs], worst[:runs], active[:runs]


@_compiled
def places_in(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Each of `wanted`'s position in the sorted, distinct `values` (-1: not there). Rows of one episode come
    together, so the last one found is tried first, then a binary search."""
    out = np.empty(len(wanted), np.int64)
    at = 0
    for j in range(len(wanted)):
        x = wanted[j]
        if len(values) == 0:
            out[j] = -1
            continue
        if values[at] != x:
            at = np.searchsorted(values, x)
            if at == len(values) or values[at] != x:
                at = 0
                out[j] = -1
                continue
        out[j] = at
    return out


@_compiled
def named_signs(episode: np.ndarray, time: np.ndarray, sign: np.ndarray, run_episode: np.ndarray,
                start: np.ndarray, end: np.ndarray, rule: np.ndarray, belongs: np.ndarray, base: int) -> np.ndarray:
    """Per run (`run_episode`, `start` to `end` inclusive, `rule`): the signs of the (episode, time, sign)-sorted
    symptoms logged then that its rule names (`belongs`: rule x sign), each once at its first logging, as the
    digits of one integer (digit i: the i-th sign + 1, in base `base`); 0 when none.

    The runs come by episode (the history's order): each episode's symptoms are found by walking on from the
    last episode's, a run's first one by a binary search among them."""
    out = np.zeros(len(run_episode), np.int64)
    taken = np.zeros(base, np.bool_)
    size = len(episode)
    first, stop = 0, 0  # the current episode's symptoms: [first, stop)
    for j in range(len(run_episode)):
        e = run_episode[j]
        if j == 0 or e != run_episode[j - 1]:
            if j > 0 and e < run_episode[j - 1]:  # out of episode order: search again
                first = np.searchsorted(episode, e)
            while first < size and episode[first] < e:
                first += 1
            stop = first
            while stop < size and episode[stop] == e:
                stop += 1
        lo = first + np.searchsorted(time[first:stop], start[j])
        number = 0
        scale = 1
        k = lo
        while k < stop and time[k] <= end[j]:
            s = sign[k]
            if belongs[rule[j], s] and not taken[s]:
                taken[s] = True
                number += (s + 1) * scale
                scale *= base
            k += 1
        for m in range(lo, k):
            taken[sign[m]] = False
        out[j] = number
    return out


@_compiled
def in_order(episode: np.ndarray, time: np.ndarray, sign: np.ndarray) -> bool:
    """Whether the rows are sorted by (episode, time, sign)."""
    for k in range(1, len(episode)):
        if episode[k] != episode[k - 1]:
            if episode[k] < episode[k - 1]:
                return False
        elif time[k] != time[k - 1]:
            if time[k] < time[k - 1]:
                return False
        elif sign[k] < sign[k - 1]:
            return False
    return True
