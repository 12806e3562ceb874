"""What each alert run reported and when, in plain words (the `detail` named on the banner, triage and PDF).

Split from analysis.alerts.history (issue 12). A research diary has a hundred thousand runs but few
distinct (wording, first day, last day) triples: each distinct sentence is written once and shared
by every run that says it (strings are immutable, so sharing one object changes nothing a caller sees).
The warning signs a symptom run names are found with sorted integer keys and searchsorted, not a merge
of every run with every symptom of its episode.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.alerts import rules as r
from analysis.alerts.red_flags import RULE_SYMPTOMS
from analysis.model import columns as c
from analysis.model.vocabulary import SYMPTOMS

CODE, SEVERITY, LAST_DATE = "code", "severity", "last_date"

_SIGN_CODES = list(SYMPTOMS)
_RULES = list(RULE_SYMPTOMS)
# which logged signs each symptom rule names: a (rule, sign) lookup table (last column: a sign not in SYMPTOMS)
_BELONGS = np.array([[sign in signs for sign in _SIGN_CODES] + [False] for signs in RULE_SYMPTOMS.values()],
                    dtype=bool)
_FIRST_WORDS = [SYMPTOMS[k] for k in _SIGN_CODES]  # the first sign named, as written
_LATER_WORDS = ["; " + w[:1].lower() + w[1:] for w in _FIRST_WORDS]  # the ones after it
_BASE = len(_SIGN_CODES) + 1  # a run's signs, in order, as the digits of one integer (digit 0: no sign)


def long_date(day: object) -> str:
    """A date in plain words: 8 March 2026."""
    stamp = pd.Timestamp(day)
    return f"{stamp.day} {stamp:%B %Y}"


def run_details(runs: pd.DataFrame, symptoms: pd.DataFrame | None) -> np.ndarray:
    """Per run of `runs` (code, severity, date, last_date, episode_id): its detail sentence (object array).

    Symptom alerts name the warning signs logged during the run; the others their title (the
    paracetamol overdose, a daily_dose_exceeded run that is urgent, its own). One day: "X noted on
    8 March 2026"; longer: "X first noted on 8 March 2026, last noted 9 March 2026" ("reported" for signs).
    """
    code = runs[CODE].to_numpy(dtype=object)
    kinds, distinct = pd.factorize(code)  # a handful of codes: look each title up once
    titles = [r.RULES[k].title if k in r.RULES else k for k in distinct]
    rule_of_kind = np.array([_RULES.index(k) if k in RULE_SYMPTOMS else -1 for k in distinct], dtype=np.int64)
    flagged_kind = rule_of_kind >= 0
    what = np.array(titles, dtype=object)[kinds]
    overdose = (code == "daily_dose_exceeded") & (runs[SEVERITY].to_numpy(dtype=object) == r.URGENT)
    what[overdose] = r.PARACETAMOL_OVERDOSE_TITLE
    flagged = flagged_kind[kinds] if len(distinct) else np.zeros(len(runs), dtype=bool)
    if symptoms is not None and len(symptoms) and flagged.any():
        rows = np.flatnonzero(flagged)
        named_rows, named = _named_symptoms(runs, rule_of_kind[kinds[rows]], rows, symptoms)
        what[named_rows] = named
    start, end = _micros(runs[c.DATE]), _micros(runs[LAST_DATE])
    # one sentence per distinct (wording, reported or noted, first date, last date): integer keys, np.unique
    wording, words = pd.factorize(what)
    days, day_at = np.unique(np.r_[start, end], return_inverse=True)
    day_at = day_at.reshape(-1)
    first_at, last_at = day_at[:len(start)], day_at[len(start):]
    head = np.unique((wording.astype(np.int64) * 2 + flagged) * len(days) + first_at, return_inverse=True)
    key = head[1].reshape(-1).astype(np.int64) * len(days) + last_at
    keys, which = np.unique(key, return_inverse=True)
    head_of, last_of = keys // len(days), keys % len(days)
    head_key = head[0][head_of]
    first_of = head_key % len(days)
    thing_of, verb_of = (head_key // len(days)) // 2, (head_key // len(days)) % 2
    day_words = [long_date(day) for day in days.view("datetime64[us]")]
    verbs = ("noted", "reported")
    sentences = [f"{words[thing]} {verbs[verb]} on {day_words[first]}" if first == last else
                 f"{words[thing]} first {verbs[verb]} on {day_words[first]}, last {verbs[verb]} {day_words[last]}"
                 for thing, verb, first, last in zip(thing_of.tolist(), verb_of.tolist(), first_of.tolist(),
                                                     last_of.tolist(), strict=True)]
    return np.array(sentences, dtype=object)[which.reshape(-1)]


def _micros(dates: pd.Series) -> np.ndarray:
    """Dates as int64 microseconds since 1970 (exact: two runs share a sentence only on equal dates)."""
    return pd.to_datetime(dates).to_numpy().astype("datetime64[us]").view(np.int64)


def _named_symptoms(runs: pd.DataFrame, rule: np.ndarray, rows: np.ndarray,
                    symptoms: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The signs each symptom run in `rows` of `runs` names: logged from its date to its last_date (inclusive),
    belonging to its rule (`rule`: its position in RULE_SYMPTOMS), each once, first-logged first (ties:
    SYMPTOMS order), "; "-joined.

    Returns the rows of `runs` that name at least one sign (ascending) and their text (object array).
    """
    found, names = pd.factorize(symptoms[c.SYMPTOM])  # a few distinct signs: each looked up once
    unknown = len(_SIGN_CODES)
    sign = np.array([_SIGN_CODES.index(str(n)) if str(n) in SYMPTOMS else unknown for n in names] + [unknown],
                    dtype=np.int64)[found]  # -1 (missing): the last entry
    logged_at = _micros(symptoms[c.DATE])
    # each symptom as one sortable integer: (episode, rank of its time among all logged times)
    episodes, episode_at = np.unique(symptoms[c.EPISODE_ID].to_numpy(), return_inverse=True)
    times, time_at = np.unique(logged_at, return_inverse=True)
    span = len(times)
    key = episode_at.reshape(-1).astype(np.int64) * span + time_at.reshape(-1)
    order = np.lexsort((sign, key))
    key, sign = key[order], sign[order]
    # each run's slice of them: its episode, times from its date to its last_date
    mine = runs[c.EPISODE_ID].to_numpy()[rows]
    at = np.minimum(np.searchsorted(episodes, mine), len(episodes) - 1)
    has = episodes[at] == mine
    start, end = _micros(runs[c.DATE])[rows], _micros(runs[LAST_DATE])[rows]
    lo = np.searchsorted(key, at * span + np.searchsorted(times, start, "left"), "left")
    hi = np.searchsorted(key, at * span + np.searchsorted(times, end, "right"), "left")
    count = np.where(has, np.maximum(hi - lo, 0), 0)
    run = np.repeat(np.arange(len(rows)), count)
    pair = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
    pair_sign = sign[pair]
    keep = _BELONGS[rule[run], pair_sign]
    run, pair_sign = run[keep], pair_sign[keep]
    # each (run, sign) once, at its first logging: the pairs are already in (run, time, sign) order
    twice = run.astype(np.int64) * _BASE + pair_sign
    by = np.argsort(twice, kind="stable")
    repeat = np.zeros(len(twice), dtype=bool)
    repeat[by[1:]] = twice[by[1:]] == twice[by[:-1]]
    run, pair_sign = run[~repeat], pair_sign[~repeat]
    if not len(run):
        return rows[:0], np.array([], dtype=object)
    # a run's signs as one integer (digit i: its i-th sign + 1), each distinct list worded once
    starts = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    place = np.arange(len(run)) - np.repeat(starts, np.diff(np.r_[starts, len(run)]))
    digits = np.add.reduceat((pair_sign + 1) * _BASE ** place, starts)
    lists, which = np.unique(digits, return_inverse=True)
    texts = [_sentence(int(number)) for number in lists]
    return rows[run[starts]], np.array(texts, dtype=object)[which.reshape(-1)]


def _sentence(number: int) -> str:
    """The signs encoded in `number` (see _named_symptoms), first as written, then "; " and lower-cased."""
    parts = []
    while number:
        number, digit = divmod(number, _BASE)
        parts.append(_LATER_WORDS[digit - 1] if parts else _FIRST_WORDS[digit - 1])
    return "".join(parts)
