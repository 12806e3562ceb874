"""Warning signs written in a diary note, read for the importer (split from analysis.ingest.symptoms).

Why apart from the symptom column's reading: a note is not a symptom cell. People write about worries, tests, the
past and long-standing complaints there, so a sign is read from a note only when it is said plainly, now; anything
else that mentions one is listed for the clinician to check.
"""
from __future__ import annotations

import re

from analysis.ingest import sign_words_abroad
from analysis.ingest.symptoms import (
    _BOTH_LEGS,
    _DESCRIPTIONS,
    _LEG_WORDS,
    _NERVE,
    _NOTE_LEG,
    _NOTE_LEG_NOT,
    _NOTHING,
    _PATTERNS,
    _TYPOS,
    _items,
    _kept_after_negation,
    _negated,
    mentions_warning,
    without_negated_words,
)

# ---- warning signs written in a note (import only) ------------------------------------------------------------
# A note is not a symptom cell: people write about worries, tests and the past there ("bladder scan booked",
# "worried about numbness", "had sciatica years ago"). A sign is read from a note only when its item says it
# plainly, now; anything else that mentions a sign stays a warning for the clinician to check. Leg pain is read
# from a note only when it is said to travel into the leg, or as sciatica (_NOTE_LEG: GUIDANCE §4, "see a doctor
# if the pain radiates to the leg"; review 34's browser walk: "pain going down my left leg" and "sciatica down the
# right leg today" were neither recorded nor listed); "leg aches after the walk" is not sciatica.
_NOTE_SKIP = {"leg_pain"}
# A match that is only a body part or a measurement reports nothing: "bladder", "bowels", "temperature 37".
_NOTE_BARE = re.compile(r"(?:bladder|bowel)s?(?: problems?)?|(?:high )?temperature|saddle\w*|paraly\w*|erect\w*")
# Items about the past, worries, questions, tests or someone else: not a report of the sign today.
_NOTE_UNSURE = re.compile(r"\?|\b(?:years? ago|months? ago|weeks? ago|last (?:year|month|week)|used to|history of|"
                          r"in the past|before the pain|worr\w*|afraid|scared (?:of|that|it)|fear\w*|in case|"
                          r"what if|if (?:i|it|you)|should i|might|maybe|check(?:ed)? for|test\w*|scan\w*|"
                          r"told me|warned|asked|advice|leaflet|read about|google\w*|watch (?:out|for)|"
                          r"my (?:wife|husband|partner|mum|mother|dad|father|son|daughter|friend)|"
                          r"(?:he|she|they) (?:has|had|have)|"
                          # not the back's signs: hay fever, tingling fingers
                          r"(?:hay|glandular|scarlet) fever|hands?|fingers?|arms?|wrists?|elbows?|face|lips?|"
                          r"neck|shoulders?)\b")
# Numbness, weakness or leg pain an item says is long-standing or not new ("numb feet for years from my diabetes": two
# such days were an urgent alert, review 35's clinical-brief tester) is listed to check, not read: GUIDANCE §4's
# emergency is new or worsening numbness. Only those signs, and never when the note says new, worse or today (review
# 35's code reader: "numb for years but worse today" must stay read).
_LONG_STANDING = re.compile(r"\b(?:for (?:years|months|as long as i can remember)|since (?:childhood|birth)|"
                            r"long[- ]?standing|chronic (?:numb|tingl|weak)\w*|diabet\w*|neuropath\w*|"
                            r"always (?:had|been)|nothing new|not new|same as (?:always|usual|ever|before))\b")
_NEWLY = re.compile(r"(?<!nothing )(?<!not )\b(?:new|newly|worse|worst|worsening|spread\w*|today|tonight|first time|"
                    r"now|started|began|sudden\w*|since yesterday|this week|went)\b")
_NOT_NEW_SIGNS = {"numbness", "weakness", "leg_pain"}
# A weak word alone ("weak", "weaker", "weakish") is read from a note as a leg's weakness only when the note names a
# leg ("weak coffee", "a bit weaker after the gym" are not: listed to check; review 31); "weakness" is read
_WEAK_ALONE = re.compile(r"weak(?!ness)\w*")
# Not read from a note, listed to check instead (review 31): a leg that only hurts to move ("couldn't move my leg
# much because of the pain": a leg that cannot move is an emergency, one that hurts is not)
_FOR_PAIN = re.compile(r"\b(?:because of (?:the |my )?pain|for (?:the )?pain|due to (?:the )?pain|(?:too|so) "
                       r"(?:painful|sore)|it hurt\w*|hurt too much|too much pain|with(?:out)? (?:the )?pain)")
_AT_ALL = re.compile(r"\bat all\b")  # "can't move my left leg at all, taking codeine for the pain": the sign
_LIFTED = re.compile(r"\b(?:lift|raise)\b")  # a leg lifted less far for the pain is not a weak leg either
# weight lost on purpose ("on a weight loss diet"; "lost weight without dieting" is the sign)
_ON_PURPOSE = re.compile(r"(?<!without )(?<!not )(?<!no )\b(?:diet\w*|slimming|weight watchers|on purpose|"
                         r"intentional\w*)")


def read_note(text: str | None) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The warning signs a diary note reports plainly, for the importer; return ``(read, unsure)``.

    Why: a sign written only in an imported note ("lost control of my bladder") must reach the alerts and
    the Clinic triage, while a note that only mentions one ("bladder scan booked") must not raise an urgent
    alert. ``read`` holds each item (as typed) read with confidence and its codes (parse_symptoms' codes
    less leg_pain, negations dropped as there); ``unsure`` holds the items that mention a sign
    (mentions_warning) but were not read with confidence: the clinician checks those.
    """
    read: list[tuple[str, list[str]]] = []
    unsure: list[str] = []
    if not isinstance(text, str):
        return read, unsure
    legs = bool(_LEG_WORDS.search(text.lower()))  # "legs numb and weaker": the leg is named in another item
    newly = bool(_NEWLY.search(text.lower().replace("’", "'")))
    items = _items(text)
    for at, item in enumerate(items):
        key = item.lower().strip(" .!").replace("’", "'")
        if key in _NOTHING or _negated(key) and not sign_words_abroad.names_a_sign(key):  # English "no" only
            continue
        # the pain that stops the leg: in the item, or the item after it says so ("couldn't lift my leg, too painful")
        after = items[at + 1].lower().strip(" .!").replace("’", "'") if at + 1 < len(items) else ""
        for_pain = bool(_FOR_PAIN.search(key) or _FOR_PAIN.match(after)) and not _AT_ALL.search(key)
        codes = [code for code in _note_codes(key, legs) if (code not in _NOTE_SKIP or _NOTE_LEG.search(key)
                                                             and not _NOTE_LEG_NOT.search(key))
                 and not (code == "cannot_move_leg" and for_pain or code == "weakness" and _LIFTED.search(key)
                          and for_pain)
                 and not (code == "weight_loss" and _ON_PURPOSE.search(key))]
        long_standing = bool(_LONG_STANDING.search(key)) and set(codes) <= _NOT_NEW_SIGNS and not newly
        if codes and not _NOTE_UNSURE.search(key) and not long_standing:
            read.append((item.strip(" ."), codes))
        elif mentions_warning(item):
            unsure.append(item.strip(" ."))
    return read, unsure


def _note_codes(key: str, legs: bool) -> list[str]:
    """_codes, keeping only codes matched by more than a bare word (_NOTE_BARE), a weak word alone only when the
    note names a leg (`legs`)."""
    for wrong, right in _TYPOS.items():
        key = re.sub(rf"\b{wrong}\b", right, key)
    if key in _DESCRIPTIONS:
        return [_DESCRIPTIONS[key]]
    text = without_negated_words(key)
    both = ["both_legs"] if _BOTH_LEGS.search(text) and _NERVE.search(text) else []
    found: list[str] = []
    for code, pattern in _PATTERNS:
        plain = [m.group(0) for m in pattern.finditer(text) if not _NOTE_BARE.fullmatch(m.group(0).strip())
                 and not (_WEAK_ALONE.fullmatch(m.group(0).strip()) and not legs)]
        text = pattern.sub(" ", text)
        if plain and code not in found:
            found.append(code)
    return _kept_after_negation(key, both + [code for code in found if code not in both])
