"""A day's total written after a medicine's amount ("paracetamol 5 g/day"), and the words that only say how much
or how often (analysis.ingest.medicines reads medicine text with them).

Why a module of its own: these decide whether a day's total is an intake (an overdose alert depends on it) or a
limit copied from a label ("max 4 g/day"), and they were found wrong twice in one day (reviews 21 and 23).
"""
from __future__ import annotations

import re

# The number and unit of an amount (analysis.ingest.medicines reads its amounts with them).
NUMBER = r"\d+(?:[.,]\d+)*"
UNIT = r"mg|milligrams?|g|gm|grams?|mcg|µg|ug|micrograms?"

# A day's total written straight after its amount: "paracetamol 5 g/day", "5000 mg per day", "5 g a day", "5g/d".
DAY_TOTAL = (rf"({NUMBER} ?(?:{UNIT})) ?(?:/ ?days?|/ ?d|per day|a day|/ ?24 ?h(?:rs?|ours?)?"
             r"|per 24 ?h(?:rs?|ours?)?|in 24 ?h(?:rs?|ours?)?)(?![a-z])")
# Words that make such a total a limit ("max 4 g/day", "up to 4g/day"): an instruction, never an intake.
_LIMIT_BEFORE = re.compile(r"\b(?:max(?:imum)?|not more than|no more than|never more than|up to|at most|limit(?: of)?"
                           r"|do not exceed|don't exceed)\W*$")


def day_total(match: re.Match[str]) -> str:
    """A day's total after a medicine's name as one dose of that total, as "5 g daily" reads (it was kept in the
    notes, so "paracetamol 5 g/day" raised no overdose alert: review 21). Left as typed (so kept in the notes)
    after a limit word ("max 4 g/day" is what the label allows, not what was taken) or with no name before it (a
    piece "1g a day" after a comma became a medicine called "once": review 23)."""
    before = match.string[:match.start()]
    if not re.search(r"[a-z]\W*$", before) or _LIMIT_BEFORE.search(before):
        return match[0]
    return f"{match[1]} once "


# Words that say how much or how often, never what: a "name" made of them alone names no medicine ("1g a day"
# after a comma was recorded as a medicine called "a day", 1,000 mg: review 23).
DOSING_WORDS = frozenset({"a", "an", "day", "days", "daily", "per", "once", "twice", "thrice", "times", "max",
                          "maximum", "up", "to", "at", "most", "no", "not", "more", "than", "dose", "doses", "each",
                          "every", "hour", "hours", "week", "total", "in", "the", "of"})
