"""The NICE NG59 risk questions asked once at set-up (GUIDANCE.md section 4).

A "yes" to any of them means the person should see their GP before following
the self-care plan. Answers are a dict ``{question key: bool}``; a question not
asked is simply absent, so questions can be added later.
"""
from __future__ import annotations

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
SEE_GP_FIRST = ("Because of your answers at set-up, please see your GP before following this plan: "
                "they can check that nothing else is causing the pain.")


def flags(answers: dict[str, bool]) -> list[str]:
    """Plain words for each "yes" answer, in question order (for the triage list)."""
    return [words for key, (_, words) in QUESTIONS.items() if answers.get(key) is True]


def see_gp_first(answers: dict[str, bool]) -> str | None:
    """The line shown above Today's plan when any answer is "yes"; None otherwise."""
    return SEE_GP_FIRST if flags(answers) else None
