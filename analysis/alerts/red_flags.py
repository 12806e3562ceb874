"""Which warning symptoms need care now, and what to tell the person.

GUIDANCE.md §4 (NHS; Healthwise "when to call"; seeds): loss of bladder or bowel
control, saddle numbness or being unable to move a leg need emergency care;
fever or weight loss need a doctor soon; pain spreading into a leg needs a GP
or physiotherapist. The wording says what to do, never what the person has.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.model import columns as c
from analysis.model.vocabulary import NEW_NUMBNESS_WEAKNESS, RADIATING_LEG_PAIN, RED_FLAG_EMERGENCY, RED_FLAG_SEE_DOCTOR

URGENT = "urgent"
WARNING = "warning"
INFO = "info"
SEVERITY_ORDER = {URGENT: 0, WARNING: 1, INFO: 2}

# The codes of the alerts that warning symptoms raise are named with every alert code in analysis.model.vocabulary
# (declared with their words in analysis.alerts.rules); imported above for the modules that read them from here.

# Always an emergency when reported (GUIDANCE §4, "Seek care now").
EMERGENCY_SYMPTOMS = ("bladder_bowel", "saddle_numbness", "cannot_move_leg", "both_legs")
# An emergency when new or getting worse over consecutive days (GUIDANCE §4).
PROGRESSIVE_SYMPTOMS = ("numbness", "weakness")
# Call the doctor (GUIDANCE §4: fever, weight loss).
SEE_DOCTOR_SYMPTOMS = ("fever", "weight_loss", "unwell")
# The signs an import never removes from a day (it keeps them and says so): each needs a doctor, and a file from
# another app that leaves one out of a day must not make its alert vanish (review 11).
KEPT_BY_IMPORTS = (*EMERGENCY_SYMPTOMS, *PROGRESSIVE_SYMPTOMS, *SEE_DOCTOR_SYMPTOMS)
# New numbness or weakness on a single day: call the doctor today (Healthwise: new or worse numbness,
# tingling or weakness in the legs -> call your doctor now); urgent with bladder/bowel or saddle signs.
NERVE_EMERGENCY_COMPANIONS = ("bladder_bowel", "saddle_numbness")
# See a GP or physiotherapist (seeds: pain radiating to the leg or loss of strength).
LEG_SYMPTOMS = ("leg_pain",)
# Which logged symptoms raise which alert on the day they are logged: the one statement of the mapping
# (flagged_days applies it, analysis.alerts.rules declares it on each rule, the engine names a run's
# symptoms from RULE_SYMPTOMS).
SAME_DAY_SYMPTOMS: dict[str, tuple[str, ...]] = {
    RED_FLAG_EMERGENCY: EMERGENCY_SYMPTOMS,
    RED_FLAG_SEE_DOCTOR: SEE_DOCTOR_SYMPTOMS,
    NEW_NUMBNESS_WEAKNESS: PROGRESSIVE_SYMPTOMS,
    RADIATING_LEG_PAIN: LEG_SYMPTOMS,
}
# Numbness or weakness on a second day running raises red_flag_emergency as well (flagged_days).
RULE_SYMPTOMS: dict[str, tuple[str, ...]] = {
    **SAME_DAY_SYMPTOMS, RED_FLAG_EMERGENCY: SAME_DAY_SYMPTOMS[RED_FLAG_EMERGENCY] + PROGRESSIVE_SYMPTOMS}

EMERGENCY_MESSAGE = (
    "Get medical help now: call your emergency number (999, 112 or 911) or go to an emergency "
    "department today. Loss of bladder or bowel control, numbness around the genitals or bottom, "
    "or being unable to move a leg must be checked straight away, even if the pain is mild.")
# GUIDANCE §4 puts new or worsening numbness or weakness under "seek care now (emergency)": the words of the
# urgent alert (and of the paused plan) say so, as EMERGENCY_MESSAGE does (review 11).
PROGRESSIVE_MESSAGE = (
    "Numbness, tingling or weakness that is getting worse is an emergency: get medical help now (call your "
    "emergency number, 999, 112 or 911, or go to an emergency department today), even if the pain is mild.")
NUMBNESS_MESSAGE = (
    "New or worse numbness, tingling or weakness in a leg needs a doctor: call your GP today, or an "
    "urgent care service if you cannot reach them. If it spreads to both legs, or you cannot control your "
    "bladder or bowel, get emergency help now.")
# GUIDANCE §4: "call the doctor" (fever, weight loss, feeling unwell), not an appointment in a few days (review 11).
SEE_DOCTOR_MESSAGE = (
    "Fever, feeling unwell or unexplained weight loss together with back pain needs a doctor: call your GP "
    "today (or an out-of-hours service if the surgery is closed).")
LEG_MESSAGE = (
    "Pain spreading into your leg is common and usually settles, but a GP or physiotherapist should "
    "take a look, especially if the leg also feels weak.")


@dataclass(frozen=True)
class Advice:
    """What to do about the symptoms logged on one day."""

    severity: str
    message: str


def advice_for_symptoms(codes: list[str], previous_codes: list[str] | None = None) -> list[Advice]:
    """Advice for one day's symptom codes, most urgent first (empty when nothing needs action).

    `previous_codes` are the codes of the day before: numbness or weakness that
    was not there yesterday counts as new. Numbness or weakness on both days (either one on each, as
    flagged_rows reads them: numbness then weakness is getting worse) is urgent, so this advice under the
    Save button is never milder than the banner the engine raises above it.
    """
    chosen, before = set(codes), set(previous_codes or [])
    advice = []
    if chosen & set(EMERGENCY_SYMPTOMS):
        advice.append(Advice(URGENT, EMERGENCY_MESSAGE))
    if chosen & set(PROGRESSIVE_SYMPTOMS) and before & set(PROGRESSIVE_SYMPTOMS):
        advice.append(Advice(URGENT, PROGRESSIVE_MESSAGE))
    elif chosen & set(PROGRESSIVE_SYMPTOMS):
        advice.append(Advice(WARNING, NUMBNESS_MESSAGE))
    if chosen & set(SEE_DOCTOR_SYMPTOMS):
        advice.append(Advice(WARNING, SEE_DOCTOR_MESSAGE))
    if chosen & set(LEG_SYMPTOMS):
        advice.append(Advice(WARNING, LEG_MESSAGE))
    return advice


def advice_to_show(codes: list[str], previous_codes: list[str] | None = None) -> list[Advice]:
    """advice_for_symptoms as shown under Save: while something is urgent, only what to do now (issue 9: the
    other advice waits until the emergency is dealt with)."""
    advice = advice_for_symptoms(codes, previous_codes)
    if any(item.severity == URGENT for item in advice):
        return [item for item in advice if item.severity == URGENT]
    return advice


def flagged_days(symptoms: pd.DataFrame) -> pd.DataFrame:
    """Which alert each logged warning symptom raises, for all episodes at once (used by analysis.alerts.engine).

    Bladder or bowel control, saddle numbness or a leg that cannot move:
    red_flag_emergency. Numbness or weakness also reported the calendar day
    before (new or getting worse over consecutive days): red_flag_emergency
    with PROGRESSIVE_MESSAGE; on a single day new_numbness_weakness (a
    warning: call the doctor today). Both legs numb or weak is in
    EMERGENCY_SYMPTOMS, and bladder/bowel or saddle signs on the same day are
    red_flag_emergency already. Fever, weight loss or feeling unwell:
    red_flag_see_doctor. Leg pain: radiating_leg_pain.

    Returns columns: episode_id, date, code, message (None: the rule's own).
    """
    row, code, again = flagged_rows(symptoms)
    ids, dates = symptoms[c.EPISODE_ID].to_numpy(), symptoms[c.DATE].to_numpy()
    # one frame per code and one for the second days, put together: the columns' types as they always were
    parts = [pd.DataFrame({c.EPISODE_ID: ids[mine], c.DATE: dates[mine], "code": name, "message": None})
             for mine, name in ((row[(code == k) & ~again], name) for k, name in enumerate(SAME_DAY_SYMPTOMS))]
    parts.append(pd.DataFrame({c.EPISODE_ID: ids, c.DATE: dates}).iloc[row[again]].assign(
        code=RED_FLAG_EMERGENCY, message=PROGRESSIVE_MESSAGE))
    return pd.concat(parts, ignore_index=True)


def flagged_rows(symptoms: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """flagged_days as positions, in its row order: per flag, the symptom row it comes from, its code's
    position in SAME_DAY_SYMPTOMS, and whether it is the second day running of numbness or weakness
    (red_flag_emergency with PROGRESSIVE_MESSAGE).

    Why positions: the engine reads the flags as integers (analysis.alerts.hits); each distinct symptom
    text is cleaned once (strip, lower case), not each of the rows, and the days before are matched
    as integer keys (issue 12). Rows come per code in SAME_DAY_SYMPTOMS' order, each in the log's
    order, then the second days (the first row of each episode and date).
    """
    text, names = pd.factorize(symptoms[c.SYMPTOM])  # a missing symptom: -1, the tables' last entry
    name = pd.Series(names, dtype=object).astype("str").str.strip().str.lower().tolist()

    def rows_of(codes: tuple[str, ...]) -> np.ndarray:
        return np.flatnonzero(np.array([each in codes for each in name] + [False], dtype=bool)[text])

    row = [rows_of(codes) for codes in SAME_DAY_SYMPTOMS.values()]
    code = [np.full(len(found), k, dtype=np.int64) for k, found in enumerate(row)]
    progressive = rows_of(PROGRESSIVE_SYMPTOMS)
    ids, dates = symptoms[c.EPISODE_ID].to_numpy()[progressive], symptoms[c.DATE].to_numpy()[progressive]
    episode = pd.factorize(ids)[0]
    day, _ = pd.factorize(np.concatenate([dates, dates - np.timedelta64(1, "D")]))
    width = max(int(day.max(initial=0)) + 1, 1)
    key, before = episode * width + day[:len(dates)], episode * width + day[len(dates):]
    second = np.flatnonzero(np.isin(before, key))
    second = second[np.sort(np.unique(key[second], return_index=True)[1])]  # drop_duplicates: the first row
    row.append(progressive[second])
    code.append(np.full(len(second), list(SAME_DAY_SYMPTOMS).index(RED_FLAG_EMERGENCY), dtype=np.int64))
    again = np.zeros(sum(len(found) for found in row), dtype=bool)
    again[len(again) - len(second):] = True
    return np.concatenate(row), np.concatenate(code), again
