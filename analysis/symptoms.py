"""Mapping symptom text to the warning-symptom codes of vocabulary.SYMPTOMS.

The canonical form is ``leg_pain;numbness``. Import also accepts plain words
(``pins and needles``, ``pain down left leg``) and the descriptions shown to
the patient. Phrases are tried in a fixed order so that the more specific
wins: ``saddle numbness`` is saddle_numbness, not numbness.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis import columns as c
from analysis.medicines import spread_by_value
from analysis.vocabulary import SYMPTOM_CODES, SYMPTOMS

# (code, phrase pattern), most specific first. Matched text is removed before the
# next pattern is tried, so one phrase gives one code.
_SADDLE = (r"(?:groin|bum|bottom|butt|backside|genitals?|privates|private parts|crotch|perineum|"
           r"inner thighs?|between (?:my |the )?legs|down below|down there)")
_CANT = r"(?:can'?n?o?t|could ?n'?o?t|unable to|not able to|struggl\w* to|hard to|difficulty|trouble|problems?)"
_PHRASES: list[tuple[str, str]] = [
    ("saddle_numbness", rf"(?:numb\w*|tingl\w*|no feeling|no sensation|(?:loss of|lost) (?:feeling|sensation))"
                        rf" (?:in |around |of |on |at )?(?:the |my |your )?{_SADDLE}"
                        rf"|{_SADDLE} (?:is |are |feels |went |gone )?numb\w*"),
    ("bladder_bowel", rf"{_CANT} (?:\w+ )?(?:pee\w*|wee\w*|urinat\w*|pass\w* (?:urine|water|stool))"
                      r"|can'?n?o?t (?:feel|tell) (?:when|if) (?:i |you )?(?:wipe|need|pee|poo|my bladder)\w*"
                      r"|(?:loss of |no |reduced )?(?:sensation|feeling) when (?:passing|i pass|i wipe|wiping)\w*"
                      r"(?: (?:urine|stool|water))?|(?:urinary )?retention|erect\w*|sexual (?:sensation|feeling)"),
    ("saddle_numbness", r"(?:numb\w* (?:in |around |of )?(?:the |my )?)?saddle\w*"
                        r"(?: (?:area|region|numbness|anaesthesia|anesthesia))?"
                        r"|numb\w* (?:around|in|of) (?:the |my )?(?:genitals|bottom|groin|private parts)"),
    ("bladder_bowel", r"(?:loss of |lost |no )?(?:bladder|bowel)s?(?: control| problems?)?"
                      r"|incontinen\w*|(?:wet|wetting) (?:myself|the bed)"
                      r"|can'?n?o?t (?:control|hold) (?:my )?(?:pee|wee|urine|poo|bladder|bowels?)"),
    ("cannot_move_leg", r"(?:can'?n?o?t|unable to|could ?n'?o?t) move (?:my |the |a |either )?"
                        r"(?:left |right )?legs?|(?:left |right )?legs? paraly[sz]ed|paraly[sz]\w*(?: legs?)?"),
    ("weakness", r"(?:left |right )?(?:legs? |foot )?weak\w*(?: (?:left |right )?(?:legs?|foot))?"
                 r"|foot drop|(?:left |right )?foot (?:drops|drags|slaps)"
                 r"|(?:can'?n?o?t|unable to|could ?n'?o?t) (?:lift|raise|pull up) (?:my |the )?(?:left |right )?"
                 r"(?:foot|toes?|ankle)|(?:tripping|trip) over (?:my )?(?:left |right )?foot"),
    ("leg_pain", r"sciatica|(?:left |right )?legs? (?:pain|hurts?|aches?|ache)"
                 r"|(?:shooting |radiating )?pain (?:\w+ ){0,4}?(?:into |down |in )(?:\w+ ){0,2}?legs?"),
    ("numbness", r"numb\w*|tingl\w*|pins (?:and|&) needles"),
    ("fever", r"fever\w*|(?:high )?temperature"),
    ("unwell", r"unwell|(?:feel\w*|felt) (?:really |very )?(?:ill|poorly|sick)|night sweats?|sweat\w* at night"
               r"|chills|shiver\w*"),
    ("weight_loss", r"(?:lost|losing|lose) (?:some |a lot of )?weight|weight (?:loss|dropping)"),
]
_PATTERNS = [(code, re.compile(rf"\b(?:{phrase})\b")) for code, phrase in _PHRASES]
_DESCRIPTIONS = {text.lower(): code for code, text in SYMPTOMS.items()}
# ";" always separates items; "," "/" "+" and "and" too, except in "pins and needles".
_SPLIT = re.compile(r"[;,/+\n]|\band\b(?! needles)")
_CODE_LIKE = re.compile(r"[a-z]+(?:_[a-z]+)+")
_NOTHING = {"", "-", "none", "nil", "no", "n/a", "na", "nothing"}


def parse_symptoms(text: str | None) -> tuple[list[str], list[str]]:
    """Map symptom text to codes; return ``(codes, unmapped)``.

    Codes come out once each, in the order first mentioned. ``unmapped`` holds
    the items (as typed) in which no symptom was recognised.
    """
    codes: list[str] = []
    unmapped: list[str] = []
    if not isinstance(text, str):
        return codes, unmapped
    whole = " ".join(text.lower().split()).strip(" .")
    if whole in _DESCRIPTIONS:
        return [_DESCRIPTIONS[whole]], unmapped
    for item in _SPLIT.split(text):
        item = " ".join(item.split())
        if item.lower().strip(" .") in _NOTHING or _negated(item):
            continue
        found = _codes(item)
        if not found:
            unmapped.append(item)
        codes += [code for code in found if code not in codes]
    return codes, unmapped


def format_symptoms(codes: list[str]) -> str:
    """Write codes in the canonical form ``leg_pain;numbness``."""
    return ";".join(codes)


def is_code_like(text: str) -> bool:
    """True for text shaped like a symptom code (``leg_pian``), as opposed to plain words."""
    return bool(_CODE_LIKE.fullmatch(text.strip().lower()))


def parse_symptom_column(texts: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Map a whole column, reading each distinct text once.

    Returns ``(symptoms, unmapped)``: ``symptoms`` has ROW (index label of
    ``texts``) and SYMPTOM, ``unmapped`` has ROW and ``text``, both in row order.
    """
    codes, uniques = pd.factorize(texts)
    found, left = [], []
    for code, value in enumerate(uniques):
        symptoms, unmapped = parse_symptoms(value)
        found += [(code, s) for s in symptoms]
        left += [(code, t) for t in unmapped]
    symptoms = spread_by_value(codes, texts.index, pd.DataFrame(found, columns=["code", c.SYMPTOM]), len(uniques))
    unmapped = spread_by_value(codes, texts.index, pd.DataFrame(left, columns=["code", "text"]), len(uniques))
    return symptoms, unmapped


# Common misspellings of the warning words (tester reports); read as the word meant.
_TYPOS = {"numbess": "numbness", "numbnes": "numbness", "numness": "numbness", "tingeling": "tingling",
          "tinglin": "tingling", "bladdder": "bladder", "blader": "bladder", "incontinance": "incontinence",
          "incontinant": "incontinent", "feaver": "fever", "fevor": "fever", "sciatia": "sciatica",
          "siatica": "sciatica", "weekness": "weakness", "weaknes": "weakness", "bowl control": "bowel control"}
# A negation before a symptom says it is absent: "no numbness", "denies bladder problems", "without fever".
_NEGATION = re.compile(r"^(?:i )?(?:no|not|nil|denies|denied|without|never|no longer|negative for|"
                       r"(?:has|have|had|did|do|does)n'?t (?:got |had |have )?(?:any )?)\b")
_ASKED_NO = re.compile(r"[?:\-]\s*(?:no|nope|none|nil|n)$")
_BOTH_LEGS = re.compile(r"\b(?:both|two|2) legs\b|\blegs both\b|\bbilateral\w*")
_NERVE = re.compile(r"numb|tingl|pins (?:and|&) needles|weak|sciatic")


def _codes(item: str) -> list[str]:
    key = item.lower().strip(" .").replace("’", "'")
    for wrong, right in _TYPOS.items():
        key = re.sub(rf"\b{wrong}\b", right, key)
    if _negated(key):
        return []
    both = ["both_legs"] if _BOTH_LEGS.search(key) and _NERVE.search(key) else []
    found = _codes_of(key)
    return both + [code for code in found if code not in both]


def _negated(key: str) -> bool:
    """True for "no numbness", "numb? no": the item says the symptom is absent (never a warning to check)."""
    key = key.lower().strip(" .").replace("’", "'")
    return bool(_ASKED_NO.search(key) or (_NEGATION.match(key) and not re.match(
        r"no (?:feeling|sensation|control)|no (?:bladder|bowel)s? control|not able to", key)))


def _codes_of(key: str) -> list[str]:
    as_code = re.sub(r"[\s\-]+", "_", key)
    if as_code in SYMPTOM_CODES:
        return [as_code]
    if key in _DESCRIPTIONS:
        return [_DESCRIPTIONS[key]]
    text = key.replace("’", "'")
    found = []
    for code, pattern in _PATTERNS:
        text, hits = pattern.subn(" ", text)
        if hits and code not in found:
            found.append(code)
    return found


# Words that point at a warning sign even when the phrase around them cannot be read with confidence.
_WARNING_WORDS = re.compile(r"\b(?:bladder|bowel|pee\w*|wee(?:ing|d)?|urin\w*|incontin\w*|poo(?:ing|ed)?|stool|"
                            r"wip(?:e|ing)|numb\w*|tingl\w*|pins (?:and|&) needles|saddle|groin|genital\w*|"
                            r"crotch|erect\w*|paraly\w*|fever\w*|both legs)\b")


def mentions_warning(text: str | None) -> bool:
    """True when text names a warning sign that is not negated ("couldn't pee", "groin odd"):
    the importer then asks the clinician to check it rather than keeping it silently as a note."""
    if not isinstance(text, str):
        return False
    if not _ANY_WARNING.search(" ".join(text.lower().replace("’", "'").split())):
        return False  # cheap first: no pattern, word or typo below can match anywhere (a 50,000-note file)
    for item in _SPLIT.split(text.lower().replace("’", "'")):
        item = " ".join(item.split()).strip(" .")
        if item and not _negated(item) and (_codes(item) and set(_codes(item)) - {"leg_pain"}
                                            or _WARNING_WORDS.search(item)):
            return True
    return False


# Every pattern mentions_warning may match, in one: a note matching none of them needs no closer look.
_ANY_WARNING = re.compile("|".join([f"(?:{pattern.pattern})" for _, pattern in _PATTERNS]
                                   + [f"(?:{_WARNING_WORDS.pattern})"] + [rf"\b{re.escape(w)}\b" for w in _TYPOS]))
