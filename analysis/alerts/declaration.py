"""The shape of an alert rule's declaration, the finders that find its days, and the helpers that word its numbers.

analysis.alerts.rules declares every rule with these; they live apart so that the
declarations module stays one screenful of rules, the engine's finders (analysis.alerts.finders) can
name the same vocabulary without importing the rules' words, and the wording helpers can be tested on
their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """'three' for 3: numbers in messages come from their constant, spelled as people read them."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def weeks_in_words(days: int, article: bool = True) -> str:
    """'a week' (or 'week'), 'three weeks', '10 days': a day count as people say it in messages."""
    if days == 7:
        return "a week" if article else "week"
    if days % 7 == 0:
        return f"{number_word(days // 7)} weeks"
    return f"{number_word(days)} days"


def weeks_in_digits(days: int) -> str:
    """'3 weeks', '10 days': a day count as a short title shows it."""
    return f"{days // 7} week{'s' if days != 7 else ''}" if days % 7 == 0 else f"{days} days"


@dataclass(frozen=True)
class Threshold:
    """One named number a rule uses: the constant's name here, its value, unit and source.

    `text` is how the evidence writes it, so a test can find every threshold in its rule's words.
    """

    name: str
    value: float
    unit: str
    source: str

    @property
    def text(self) -> str:
        """The value as the evidence writes it: '30%' for a share, '4,000' for mg, '3' for days."""
        return f"{self.value:.0%}" if self.unit == "share" else f"{self.value:,g}"


class Finder(Enum):
    """The ways the engine finds the days a rule applies: each Rule declares one (its `predicate`), and the
    engine runs each finder some rule names, once, in this order (analysis.alerts.finders.FINDERS).

    Why a vocabulary rather than function names: the declaration is what the engine dispatches on and what
    pages read (about_the_day), so renaming a function can never silently detach a rule from its finder.
    """

    PAIN_COURSE = "the pain course"  # worst pain persisting after a week, a flare (analysis.alerts.pain_course)
    BED_REST = "bed rest"
    ACTIVITY = "activity"  # activity falling or not building up, pain persisting at week 6
    BEHIND_CURVE = "behind the expected curve"
    SYMPTOMS = "warning symptoms"  # the red flags (analysis.alerts.red_flags)
    MEDICINES = "medicines"

    @property
    def about_the_day(self) -> bool:
        """Whether its rules are about what the person did on a day (took medicines, stayed in bed): Today
        says such alerts under Save for the day just saved (analysis.review.page_rules.day_warnings_on)."""
        return self in (Finder.BED_REST, Finder.MEDICINES)


@dataclass(frozen=True)
class Rule:
    """One alert, declared once: code, severity, title, what to do, why (rule and source), its thresholds.

    `symptoms` are the warning symptoms that raise it (analysis.alerts.red_flags.RULE_SYMPTOMS);
    `predicate` is the Finder whose function finds the days it applies: the engine runs the finders the rules
    name (analysis.alerts.finders.FINDERS), and a finder's hits carry only the codes of rules that name it
    (tests/alerts/test_rules_dispatch.py).
    """

    code: str
    severity: str
    title: str
    message: str
    evidence: str
    thresholds: tuple[Threshold, ...] = ()
    symptoms: tuple[str, ...] = ()
    predicate: Finder | None = None
