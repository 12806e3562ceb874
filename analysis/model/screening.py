"""The NICE NG59 risk questions asked once at set-up (GUIDANCE.md section 4).

A "yes" to any of them means the person should see their GP before following
the self-care plan. Answers are a dict ``{question key: bool}``; a question not
asked is simply absent, so questions can be added later.
"""
from __future__ import annotations

import pandas as pd

# key -> (question asked at set-up, plain words for the triage list). NICE NG59 1.1.1 and
# GUIDANCE.md section 4: features that suggest a specific cause (cancer, infection, fracture).
QUESTIONS: dict[str, tuple[str, str]] = {
    "age_over_50": ("Were you over 50 (or under 20) when this back pain started?", "age over 50 or under 20"),
    "cancer_history": ("Have you ever had cancer?", "history of cancer"),
    "recent_trauma": ("Did the pain start after a fall, accident or other hard knock?", "recent trauma"),
    "long_term_steroids": ("Do you take steroid tablets long term (for example prednisolone)?",
                           "long-term steroids"),
    "weak_immune_system": ("Is your immune system weakened (by illness or medicine)?", "weakened immune system"),
    "unwell_or_fever": ("Do you feel generally unwell or feverish?", "unwell or feverish"),
    "night_pain": ("Is the pain there at night and does not ease when you rest?", "night pain that does not ease"),
}
# About the person, not the episode: a "yes" stays true of their next episode of back pain, so it is carried to it
# until that episode answers the question itself (Diary.screening's carried_from). A cancer history answered "yes"
# was lost when a new episode started: the plan no longer said to see the GP first and the GP report said "not
# answered" (review 34, a code reader). The start of the pain, feeling unwell and night pain are this episode's.
PERSON_QUESTIONS = ("age_over_50", "cancer_history", "long_term_steroids", "weak_immune_system")
SEE_GP_FIRST = ("Because of your answers at set-up, please see your GP before following this plan: "
                "they can check that nothing else is causing the pain.")
# the same on a page without the plan (Progress): "this plan" pointed at nothing there (review 32)
SEE_GP_FIRST_ELSEWHERE = SEE_GP_FIRST.replace("this plan", "the plan on the Today page")


def flags(answers: dict[str, bool | None]) -> list[str]:
    """Plain words for each "yes" answer, in question order (for the triage list)."""
    return [words for key, (_, words) in QUESTIONS.items() if answers.get(key) is True]


def see_gp_first(answers: dict[str, bool | None]) -> str | None:
    """The line shown above Today's plan when any answer is "yes"; None otherwise."""
    return SEE_GP_FIRST if flags(answers) else None


# The stored answers as Diary.screening() returns them: one row per episode and question.
SCREENING_COLUMNS = ["episode_id", "question", "answer", "answered_at", "carried_from"]


def all_answers(answers: dict[str, bool | None] | None = None) -> dict[str, bool | None]:
    """Every question in order with its answer: True yes, False no, None not answered yet."""
    answers = answers or {}
    return {key: answers.get(key) for key in QUESTIONS}


def answers_by_episode(stored: pd.DataFrame | None) -> dict[int, dict[str, bool | None]]:
    """Stored answers (SCREENING_COLUMNS) as {episode_id: {question: True/False/None}} with every question."""
    found: dict[int, dict[str, bool | None]] = {}
    if stored is None or stored.empty:
        return found
    for episode, question, answer in zip(stored["episode_id"].astype(int), stored["question"], stored["answer"],
                                         strict=True):
        found.setdefault(int(episode), {})[str(question)] = None if answer is None or pd.isna(answer) \
            else bool(answer)
    return {episode: all_answers(answers) for episode, answers in found.items()}


def screening_record(answers: dict[str, bool | None] | None) -> dict:
    """The `screening` value of `summary --json`: the answers (every question; null when not answered),
    the plain words of each "yes" and whether the person should see their GP before following the plan.

    Keys: answers, flags, see_gp_first.
    """
    complete = all_answers(answers)
    return {"answers": complete, "flags": flags(complete), "see_gp_first": bool(flags(complete))}


def screening_records(answers: dict[int, dict[str, bool | None]], episode_ids: object) -> list[dict]:
    """screening_record of each episode in `episode_ids` (answers: answers_by_episode's), as new dicts.

    Why: a research summary has ten thousand episodes, most never answered; their record is built
    directly (every answer None, no flags) instead of through the question-by-question lookups.
    """
    out = []
    for episode in episode_ids:
        mine = answers.get(int(episode))
        out.append(screening_record(mine) if mine else
                   {"answers": dict.fromkeys(QUESTIONS), "flags": [], "see_gp_first": False})
    return out
