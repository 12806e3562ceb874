"""The weekly function check-in: the Patient-Specific Functional Scale (PSFS).

Why the PSFS: the person names up to three activities that the back pain makes hard
and rates each 0-10 (0 = cannot do it, 10 = as well as before the pain); it is short,
validated for low back pain (Stratford 1995) and follows the issue's "weekly function
check-in". Answers are stored in the generic questionnaire shape (instrument, item,
date, value), so other validated instruments can be added later.
"""
from __future__ import annotations

import pandas as pd

from analysis.model.errors import ValidationError
from analysis.model.vocabulary import PSFS_INSTRUMENT

PSFS = PSFS_INSTRUMENT  # instrument code in the questionnaire store (analysis.model.vocabulary)
PSFS_ITEMS = 3  # Stratford 1995: up to three (or five) activities; three keeps the form short
PSFS_MIN, PSFS_MAX = 0.0, 10.0  # Stratford 1995: 0 = unable to perform, 10 = as before the problem
CHECKIN_EVERY_DAYS = 7  # issue 13: weekly
NOT_SAVED = "Check-in not saved"  # how a refusal starts, in the check-in's box (review 34: not "PSFS check-in:")

# Columns of psfs_course().
COURSE_COLUMNS = ["date", "psfs_mean", "activities", "change_from_first"]


def check_answers(answers: list[tuple[str, float | None]]) -> dict[str, float]:
    """Validate one PSFS check-in: 1-3 different named activities, each scored 0-10.

    `answers`: (activity, score) pairs as typed; a blank activity is left out. Returns {activity: score}.
    """
    named = [(name.strip(), value) for name, value in answers if name and name.strip()]
    clean = dict(named)
    if len(clean) < len(named):
        raise ValidationError(f"{NOT_SAVED}: name each activity once.")
    if not clean:
        raise ValidationError(f"{NOT_SAVED}: name at least one activity that your back makes hard.")
    if len(clean) > PSFS_ITEMS:
        raise ValidationError(f"{NOT_SAVED}: at most {PSFS_ITEMS} activities, not {len(clean)}.")
    # every score's problem in one sentence (review 34: only the first bad score was named, then the next one)
    problems = [problem for name, value in clean.items() if (problem := _score_problem(name, value))]
    if problems:
        raise ValidationError(f"{NOT_SAVED}: {'; '.join(problems)}.")
    return {name: float(value) for name, value in clean.items()}


def _score_problem(name: str, value: float | None) -> str | None:
    """What is wrong with one activity's score, in words; None when it is a whole number from 0 to 10."""
    if value is None:
        return f"give {name!r} a score from 0 (cannot do it) to 10 (as well as before)"
    if not PSFS_MIN <= float(value) <= PSFS_MAX:
        return f"the score for {name!r} must be 0-10, not {float(value):g}"
    if float(value) != int(float(value)):  # the scale's 11 points (Stratford 1995): 5.5 was made 5 unsaid
        return f"the score for {name!r} is a whole number from 0 to 10, not {float(value):g}"
    return None


def checkin_due(answer_dates: pd.Series, as_of: object) -> bool:
    """True when there is no check-in yet, or the last one is CHECKIN_EVERY_DAYS or more days before `as_of`."""
    dates = pd.to_datetime(answer_dates)
    dates = dates[dates <= pd.Timestamp(as_of)]
    if dates.empty:
        return True
    return (pd.Timestamp(as_of) - dates.max()).days >= CHECKIN_EVERY_DAYS


def psfs_course(answers: pd.DataFrame) -> pd.DataFrame:
    """The PSFS over time: the mean score of each check-in and its change from the first.

    `answers`: the questionnaire store's long frame (instrument, item, date, value); other
    instruments are ignored. The mean is over the activities rated that day (Stratford 1995).
    Returns COURSE_COLUMNS: date, psfs_mean, activities (how many rated), change_from_first.
    """
    mine = answers[answers["instrument"] == PSFS]
    if mine.empty:
        return pd.DataFrame(columns=COURSE_COLUMNS)
    course = (mine.assign(date=pd.to_datetime(mine["date"])).groupby("date")["value"]
              .agg(psfs_mean="mean", activities="count").reset_index().sort_values("date"))
    course["change_from_first"] = course["psfs_mean"] - course["psfs_mean"].iloc[0]
    return course[COURSE_COLUMNS].reset_index(drop=True)
