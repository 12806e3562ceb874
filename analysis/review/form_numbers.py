"""The numbers typed into Today's form, checked against their ranges when Save is pressed.

Why here and not in the boxes: a number box with a range (Streamlit's min and max) that is given a number outside
it turns red and keeps its last number for the app, saying why only when hovered, which a phone never does. Save
then stored that last number without a word: 60 times a day and 9,000 mg typed were saved as 500 mg once (review
28). So the boxes take any number, and Save checks them here against the ranges of analysis.model.limits, the one
source of every range: a number outside its range is said in one sentence naming the box and what it allows, and
nothing is saved until it is changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from analysis.model.limits import Range


@dataclass(frozen=True)
class TypedNumber:
    """One box of the form: its question as the page shows it, what is in it (None: left empty) and its range."""

    label: str
    value: float | None
    allowed: Range
    whole: bool = False  # only whole numbers make sense (times a day, tablets, minutes)


DAY_NOT_SAVED = "The day is not saved until it is changed."  # Today's form: Save stores the whole day or nothing


def out_of_range(numbers: list[TypedNumber], then: str = DAY_NOT_SAVED) -> list[str]:
    """One sentence per box whose number is outside its range (or not whole where it must be), ending with `then`
    (what happens meanwhile); empty when the numbers can be saved. An empty box is never a problem: not every
    number is known every day."""
    problems = []
    for number in numbers:
        if number.value is None:
            continue
        low, high = number.allowed.low, number.allowed.high
        if not low <= number.value <= high or (number.whole and number.value != int(number.value)):
            kind = "a whole number" if number.whole else "a number"
            problems.append(f"{number.label}: {number.value:,.10g} cannot be saved; type {kind} from {low:,g} to "
                            f"{high:,g}{number.allowed.unit}. {then}")
    return problems
