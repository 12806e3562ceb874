"""The shape of an alert rule's declaration and the helpers that word its numbers.

analysis.alerts.rules declares every rule with these; they live apart so that the
declarations module stays one screenful of rules, and the wording helpers can be
tested on their own.
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Rule:
    """One alert, declared once: code, severity, title, what to do, why (rule and source), its thresholds.

    `symptoms` are the warning symptoms that raise it (analysis.alerts.red_flags.RULE_SYMPTOMS);
    `predicate` names the function that finds the days it applies: "name" in analysis.alerts.engine, or
    "module.name" in analysis.alerts (a name, not an import: the engine imports this module).
    """

    code: str
    severity: str
    title: str
    message: str
    evidence: str
    thresholds: tuple[Threshold, ...] = ()
    symptoms: tuple[str, ...] = ()
    predicate: str = ""
