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
from analysis.alerts.red_flags import PROGRESSIVE_SYMPTOMS, RED_FLAG_EMERGENCY, RULE_SYMPTOMS
from analysis.model import columns as c
from analysis.model.vocabulary import DAILY_DOSE_EXCEEDED, SYMPTOMS

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


def run_details(rule: np.ndarray, names: np.ndarray, severity: np.ndarray, start: np.ndarray, end: np.ndarray,
                episode: np.ndarray, symptoms: pd.DataFrame | None,
                signs_before: pd.DataFrame | None = None) -> np.ndarray:
    """Per run: its detail sentence (object array). A run is given by its code (`rule`: position in `names`),
    severity (text), first and last date (`start`, `end`: datetime64[us]) and `episode` id.

    Symptom alerts name the warning signs logged during the run; the others their title (the
    paracetamol overdose, a daily_dose_exceeded run that is urgent, its own). One day: "X noted on
    8 March 2026"; longer: "X first noted on 8 March 2026, last noted 9 March 2026" ("reported" for signs).
    """
    start = _from_the_day_before(rule, names, start, episode, symptoms, signs_before)
    titles = [r.RULES[k].title if k in r.RULES else k for k in names] + [r.PARACETAMOL_OVERDOSE_TITLE]
    what = rule.astype(np.int64)  # a position in `titles`, then in titles + the named signs' texts
    if DAILY_DOSE_EXCEEDED in list(names):
        dose = np.flatnonzero(rule == list(names).index(DAILY_DOSE_EXCEEDED))
        what[dose[severity[dose] == r.URGENT]] = len(names)
    rule_of_kind = np.array([_RULES.index(k) if k in RULE_SYMPTOMS else -1 for k in names] + [-1], dtype=np.int64)
    flagged = rule_of_kind[rule] >= 0
    if symptoms is not None and len(symptoms) and flagged.any():
        rows = np.flatnonzero(flagged)
        digits = _named_symptoms(episode[rows], rule_of_kind[rule[rows]], start[rows], end[rows], symptoms)
        lists, which = np.unique(digits, return_inverse=True)
        named = lists > 0
        what[rows[digits > 0]] = len(titles) + np.cumsum(named)[which.reshape(-1)[digits > 0]] - 1
        titles += [_sentence(int(number)) for number in lists[named]]
    # one sentence per distinct (wording, reported or noted, first date, last date): integer keys, each
    # distinct one found by hashing (pd.factorize), not sorting
    day_at, days = pd.factorize(np.r_[start.view(np.int64), end.view(np.int64)])
    size = len(days)
    key = ((what * 2 + flagged) * size + day_at[:len(start)]) * size + day_at[len(start):]
    which, keys = pd.factorize(key)
    day_words = _long_dates(np.asarray(days).view("datetime64[us]"))
    verbs = ("noted", "reported")
    sentences = []
    for head, first_at, last_at in zip((keys // size // size).tolist(), (keys // size % size).tolist(),
                                       (keys % size).tolist(), strict=True):
        thing, verb = titles[head // 2], verbs[head % 2]
        sentences.append(f"{thing} {verb} on {day_words[first_at]}" if first_at == last_at else
                         f"{thing} first {verb} on {day_words[first_at]}, last {verb} {day_words[last_at]}")
    return np.array(sentences, dtype=object)[which]


def _from_the_day_before(rule: np.ndarray, names: np.ndarray, start: np.ndarray, episode: np.ndarray,
                         symptoms: pd.DataFrame | None, signs_before: pd.DataFrame | None = None) -> np.ndarray:
    """`start`, a day earlier for each emergency run whose episode logged numbness or weakness on its first day and
    the day before (or whose person did, in the episode before: `signs_before`, the carried signs as symptom rows).

    Why: numbness two days running is the emergency on the second day (red_flags.flagged_rows); its detail said
    "reported on 4 December" alone, so the banner, the Clinic and the GP report hid the first report the urgency
    rests on (review 33: "first reported on 3 December 2026, last reported 4 December 2026" now). Only the words:
    the run, its fingerprint and its marks keep their day."""
    names = list(names)
    if RED_FLAG_EMERGENCY not in names or symptoms is None or not len(symptoms):
        return start
    rows = np.flatnonzero(rule == names.index(RED_FLAG_EMERGENCY))
    if not len(rows):
        return start
    signs = symptoms[symptoms[c.SYMPTOM].astype(str).str.strip().str.lower().isin(PROGRESSIVE_SYMPTOMS).to_numpy()]
    if signs_before is not None and len(signs_before):  # the earlier episode's day before (review 35: not named)
        signs = pd.concat([signs[[c.EPISODE_ID, c.DATE]], signs_before[[c.EPISODE_ID, c.DATE]]], ignore_index=True)
    logged = pd.MultiIndex.from_arrays([signs[c.EPISODE_ID].to_numpy(), _micros(signs[c.DATE])])
    # numbness or weakness on the run's first day and on the day before: a bladder emergency the day after numbness
    # began that day, and says so (its start is not moved)
    before = start[rows] - np.timedelta64(1, "D")
    both = (pd.MultiIndex.from_arrays([episode[rows], before.view(np.int64)]).isin(logged)
            & pd.MultiIndex.from_arrays([episode[rows], start[rows].view(np.int64)]).isin(logged))
    earlier = rows[both]
    if not len(earlier):
        return start
    start = start.copy()
    start[earlier] -= np.timedelta64(1, "D")
    return start


def _long_dates(days: np.ndarray) -> list[str]:
    """long_date of each of `days` (datetime64), the month and year worded once per distinct month."""
    dates = days.astype("datetime64[D]").tolist()  # datetime.date: its strftime is long_date's
    months: dict[tuple[int, int], str] = {}
    for date in dates:
        if (date.year, date.month) not in months:
            months[date.year, date.month] = f"{date:%B %Y}"
    return [f"{date.day} {months[date.year, date.month]}" for date in dates]


def _micros(dates: pd.Series) -> np.ndarray:
    """Dates as int64 microseconds since 1970 (exact: two runs share a sentence only on equal dates)."""
    return pd.to_datetime(dates).to_numpy().astype("datetime64[us]").view(np.int64)


def _named_symptoms(episode: np.ndarray, rule: np.ndarray, start: np.ndarray, end: np.ndarray,
                    symptoms: pd.DataFrame) -> np.ndarray:
    """The signs each symptom run (its `episode` id, `rule`: position in RULE_SYMPTOMS, `start` and `end`:
    datetime64[us]) names: logged from its date to its last_date (inclusive), belonging to its rule, each once,
    first-logged first (ties: SYMPTOMS order). Returns per run one integer (see _sentence; 0: none).
    """
    from analysis.alerts import history_kernels  # numba: loaded when alerts are first grouped

    found, names = pd.factorize(symptoms[c.SYMPTOM])  # a few distinct signs: each looked up once
    unknown = len(_SIGN_CODES)
    sign = np.array([_SIGN_CODES.index(str(n)) if str(n) in SYMPTOMS else unknown for n in names] + [unknown],
                    dtype=np.int64)[found]  # -1 (missing): the last entry
    logged_at = _micros(symptoms[c.DATE])
    logged_episode, episode = _episode_codes(symptoms[c.EPISODE_ID].to_numpy(), episode)
    if not history_kernels.in_order(logged_episode, logged_at, sign):  # a diary's come in order
        order = np.lexsort((sign, logged_at, logged_episode))
        logged_episode, logged_at, sign = logged_episode[order], logged_at[order], sign[order]
    return history_kernels.named_signs(logged_episode, logged_at, sign, episode, start.view(np.int64),
                                       end.view(np.int64), rule, _BELONGS, _BASE)


def _episode_codes(logged: np.ndarray, runs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The symptoms' and the runs' episode ids as int64, one integer per id on both sides.

    Why: the compiled walk compares integers, but the frames' checks accept any episode id (a pooled
    dataset's may be text); cast to int64, a text id raised and no alert of the diary was shown at all.
    Integer ids are kept as they are (the usual case, no hashing).
    """
    if logged.dtype.kind in "iu" and runs.dtype.kind in "iu":
        return logged.astype(np.int64, copy=False), runs.astype(np.int64, copy=False)
    codes = pd.factorize(np.concatenate([logged.astype(object), runs.astype(object)]))[0].astype(np.int64)
    return codes[:len(logged)], codes[len(logged):]


def _sentence(number: int) -> str:
    """The signs encoded in `number` (see _named_symptoms), first as written, then "; " and lower-cased."""
    parts = []
    while number:
        number, digit = divmod(number, _BASE)
        parts.append(_LATER_WORDS[digit - 1] if parts else _FIRST_WORDS[digit - 1])
    return "".join(parts)
