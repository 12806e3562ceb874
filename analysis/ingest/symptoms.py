"""Mapping symptom text to the warning-symptom codes of vocabulary.SYMPTOMS.

The canonical form is ``leg_pain;numbness``. Import also accepts plain words
(``pins and needles``, ``pain down left leg``) and the descriptions shown to
the patient (the alerts' wording and Today's tick boxes). Phrases are tried in
a fixed order so that the more specific wins: ``saddle numbness`` is
saddle_numbness, not numbness.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from analysis.ingest import sign_words_abroad
from analysis.ingest.distinct import spread_by_value
from analysis.model import columns as c
from analysis.model.vocabulary import SYMPTOM_CODES, SYMPTOM_TICK_BOXES, SYMPTOMS

# (code, phrase pattern), most specific first. Matched text is removed before the
# next pattern is tried, so one phrase gives one code.
_SADDLE = (r"(?:groin|bum|bottom|butt|backside|genitals?|privates|private parts|crotch|perineum|"
           r"inner thighs?|between (?:my |the )?legs|down below|down there)")
_CANT = r"(?:can'?n?o?t|could ?n'?o?t|unable to|not able to|struggl\w* to|hard to|difficulty|trouble|problems?)"
# The sign's words with any ending ("numbish", "weakish", "fevered", typos such as "numbnesss"), less the words that
# only begin alike (review 31: "did a number of stretches" and "Numbat documentary" were numbness, "weakly sunny"
# weakness, "watched Fever Pitch" a fever; two such days raised an urgent alert). A "numb patch" is a sign; a
# "numbing patch" or cream is a medicine.
_NUMB = r"numb(?!ers?\b|ered\b|ering\b|ats?\b|ing (?:cream|gel|spray|patch\w*|injection|agent|plaster))\w*"
_WEAK = r"weak(?!ly\b|nesses\b)\w*"  # not "my weaknesses: chocolate" ("weakness for two days" is the sign)
# A leg that cannot move or lift at all, as people write it (review 35's clinical-brief tester). Not "didn't" or
# "won't" lift (a day on the sofa, a choice), not "a leg" ("couldn't lift a leg at yoga"), and not a leg that lifts
# less far or not for a purpose ("couldn't lift my leg over the bath edge", "... properly", "... first thing"): that
# is lost strength, weakness (review 35's code reader: those were urgent)
_NOT_ABLE = r"(?:can'?n?o?t|can not|unable to|not able to|could ?n'?o?t|would ?n'?o?t|would not)"
_LEG_WILL_NOT = r"won'?t|will not|does ?n'?t|does not|can'?n?o?t|can not"  # "my leg won't move": read as ever
_LEG_WOULD_NOT = r"could ?n'?o?t|would ?n'?o?t|would not"  # new (review 35): not "wouldn't move properly first thing"
_A_LEG = r"(?:my |the )?(?:left |right )?legs? (?:just |simply |really |even )?"  # "my left leg just ..."
_SO_FAR = (r"(?: (?:much|properly|far|high\w*|enough|above|past|over|into|in to|onto|on to|up (?:on|to|onto|into)|"
           r"to (?:get|put|step|climb|walk)|straight|first|for (?:the |a )?(?:first|few|while|bit)|from|off|as |very|"
           r"well|fully|all the way|without|when|at first|until|till)\b)")
_LIMB = r"(?:left |right )?(?:legs?|foot|feet|toes?|thighs?|calf|calves|shins?)"
_NO_FEELING = (r"(?:no feeling|no sensation|(?:lost|loss of|losing) (?:the |all )?(?:feeling|sensation)"
               r"|(?:can'?n?o?t|could ?n'?o?t|unable to|not able to) feel)")
_FEVER = r"(?<!hay )(?<!cabin )(?<!glandular )(?<!scarlet )(?<!yellow )fever(?!few\b| pitch\b| tree\b)\w*"
_PHRASES: list[tuple[str, str]] = [
    ("saddle_numbness", rf"(?:{_NUMB}|tingl\w*|no feeling|can'?n?o?t feel \w+) when (?:i |you )?wip\w*|"
                        rf"(?:{_NUMB}|tingl\w*|no feeling|no sensation|(?:loss of|lost) (?:feeling|sensation))"
                        rf" (?:in |around |of |on |at )?(?:the |my |your )?{_SADDLE}"
                        rf"|{_SADDLE} (?:is |are |feels |went |gone )?{_NUMB}"
                        rf"|(?:feeling|sensation) (?:has )?gone (?:in |from |around )?(?:the |my )?{_SADDLE}"
                        # "can't feel my bottom": the loss of feeling said in plain words (review 25)
                        rf"|(?:can'?n?o?t|could ?n'?o?t|unable to|not able to) feel (?:the |my |your )?{_SADDLE}"),
    ("bladder_bowel", rf"{_CANT} (?:\w+ )?(?:pee\w*|wee\w*|urinat\w*|pass\w* (?:urine|water|stool))"
                      r"|can'?n?o?t (?:feel|tell) (?:when|if) (?:i |you )?(?:wipe|need|pee|poo|my bladder)\w*"
                      r"|(?:loss of |no |reduced )?(?:sensation|feeling) when (?:passing|i pass|i wipe|wiping)\w*"
                      r"(?: (?:urine|stool|water))?|(?:urinary )?retention|erect\w*|sexual (?:sensation|feeling)"),
    ("saddle_numbness", rf"(?:{_NUMB} (?:in |around |of )?(?:the |my )?)?saddle\w*"
                        r"(?: (?:area|region|numbness|anaesthesia|anesthesia))?"
                        rf"|{_NUMB} (?:around|in|of) (?:the |my )?(?:genitals|bottom|groin|private parts)"),
    ("bladder_bowel", r"(?:pee\w*|wee\w*|poo\w*|soil\w*|wet\w*|pissed|pissing) (?:myself|my pants|my trousers)"
                      r"|(?:lost|losing|loss of|no|can'?n?o?t|could ?n'?o?t) control (?:of|over) (?:my |the )?"
                      r"(?:bladder|bowels?)"
                      r"|(?:loss of |lost |no )?(?:bladder|bowel)s?(?: control| problems?)?"
                      r"|incontinen\w*|(?:wet|wetting) (?:myself|the bed)"
                      r"|can'?n?o?t (?:control|hold) (?:my )?(?:pee|wee|urine|poo|bladder|bowels?)"),
    # "couldn't lift my leg", "leg just wouldn't lift" (review 35's clinical-brief tester: an emergency said in
    # everyday words was neither read nor listed)
    ("cannot_move_leg", r"(?:can'?n?o?t|can not|unable to|not able to|could ?n'?o?t) move (?:my |the |a |either )?"
                        r"(?:left |right )?legs?"
                        rf"|{_NOT_ABLE} (?:lift|raise) (?:my |the |either )?(?:left |right )?legs?(?!{_SO_FAR})"
                        r"|(?:left |right )?legs? paraly[sz]ed|paraly[sz]\w*(?: legs?)?"
                        rf"|{_A_LEG}(?:{_LEG_WILL_NOT}) move"
                        rf"|{_A_LEG}(?:{_LEG_WILL_NOT}|{_LEG_WOULD_NOT}) (?:lift|budge)(?!{_SO_FAR})"
                        rf"|{_A_LEG}(?:{_LEG_WOULD_NOT}) move(?!{_SO_FAR})"),
    ("weakness", rf"(?:left |right )?(?:legs? |foot )?{_WEAK}(?: (?:left |right )?(?:legs?|foot))?"
                 r"|(?:(?:my |the |both )?(?:left |right )?(?:legs?|knees?) )?(?:giv\w* way|gave way|buckl\w*)"
                 r"|(?:my |the |both )?(?:left |right )?(?:legs?|knees?) (?:gave|giv\w*) out"
                 r"|foot drop|(?:left |right )?foot (?:drops|drags|slaps)"
                 r"|drag\w* (?:my (?:left |right )?|(?:the )?(?:left|right) )(?:legs?|foot)"
                 r"|(?:can'?n?o?t|can not|unable to|not able to|could ?n'?o?t) (?:lift|raise|pull up) (?:my |the |"
                 r"either )?(?:left |right )?(?:foot|toes?|ankle|legs?)"
                 r"|(?:tripping|trip) over (?:my )?(?:left |right )?foot"),
    ("leg_pain", r"sciatica|(?:left |right )?legs? (?:pain|hurts?|aches?|ache)"
                 r"|(?:shooting |radiating )?pain (?:\w+ ){0,4}?(?:into |down |in )(?:\w+ ){0,2}?legs?"
                 # "radiating down right leg" says the pain without the word (review 34's code reader)
                 r"|(?:shooting|radiating|travel\w*|spread\w*) (?:\w+ ){0,3}?(?:into|down) (?:\w+ ){0,2}?legs?"),
    # a leg or foot without feeling, said in plain words; "dead leg" as patients say it (review 34: "no feeling in
    # my leg", "cant feel my foot" were "not a warning symptom Backtrack tracks")
    ("numbness", rf"{_NUMB}|tingl\w*|pins (?:and|&) needles|{_NO_FEELING} (?:in |of |on )?(?:my |the |your )?"
                 rf"{_LIMB}|dead (?:left |right )?(?:legs?|foot)"
                 rf"|{_LIMB} (?:feels?|felt|is|went|gone|has gone|goes) dead\b(?! tired)"),
    # "high temp", a temperature of 38 or more, and the clinical words (review 34)
    ("fever", rf"{_FEVER}|(?:high )?temperature|high temp|temp(?:erature)? (?:of |is |was |at )?"
              r"(?:3[89]|4[0-2])(?:[.,]\d+)?(?: ?°? ?c)?(?! ?(?:hours?|hrs?|h\b|mins?|minutes?|days?|weeks?|miles?|km|%"
              r"|degrees outside|outside|in the car))|pyrexi\w*|febrile|rigou?rs"),
    ("unwell", r"unwell|(?:feel\w*|felt) (?:really |very )?(?:ill|poorly|sick)|night sweats?|sweat\w* at night"
               r"|chills|shiver\w*"),
    ("weight_loss", r"(?:lost|losing|lose) (?:some |a lot of )?weight|weight (?:loss|dropping)"
                    r"|(?:lost|losing|dropped) (?:about |around |over |nearly |almost )?\d+(?:[.,]\d+)? ?"
                    r"(?:kg|kgs|kilos?|kilograms?|lbs?|pounds?|stones?|st)\b"
                    # "lost a stone", not money or a thing dropped (review 35's code reader: "lost a few pounds on the
                    # horses", "lost a pound coin", "dropped a stone on my foot")
                    r"|(?:lost|losing) (?:about |around |over |nearly |almost )?(?:a|half a|one|two|three|four|a few|"
                    r"a couple of|several) (?:and a half )?(?:kg|kgs|kilos?|kilograms?|stones?|st)\b"),
]
_PATTERNS = [(code, re.compile(rf"\b(?:{phrase})\b")) for code, phrase in _PHRASES]
_DESCRIPTIONS = {text.lower(): code for words in (SYMPTOMS, SYMPTOM_TICK_BOXES) for code, text in words.items()}
# ";" always separates items; "," "/" "+" and "and" too, except in "pins and needles".
# Clauses first (a negation never reaches past "but": "no numbness but can't control my bladder"), then
# "and" inside a clause, unless the clause ends by saying all of it is normal ("bladder and bowels normal").
# Any case: "Pins and Needles" was split into "Pins" and "Needles", and neither was read (review 34).
_CLAUSES = re.compile(r"[;,/+|\n]|\b(?:but|however|though|although|except|whereas)\b", re.IGNORECASE)
_AND = re.compile(r"\band\b(?! needles)", re.IGNORECASE)
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
    for item in _items(text):
        if item.lower().strip(" .") in _NOTHING or _negated(item):
            continue
        found = _codes(item)
        if not found:
            unmapped.append(item)
        codes += [code for code in found if code not in codes]
    return codes, unmapped


def _items(text: str) -> list[str]:
    """The items of a symptom text: clauses split on separators and "but", then on "and" unless the
    clause as a whole says all is normal (then it stays one item, which _negated drops)."""
    items: list[str] = []
    clauses = [" ".join(clause.split()) for clause in _CLAUSES.split(text)]
    for i, clause in enumerate(clauses):
        if _BARE_ORGAN.fullmatch(clause.lower()) and i + 1 < len(clauses) and _normal(clauses[i + 1]):
            continue  # "bladder / bowels normal", "bladder | bowels fine": the one normal covers both
        if _normal(clause):
            items.append(clause)
        else:
            items += [part for part in (" ".join(p.split()) for p in _AND.split(clause)) if part]
    return [item for item in items if item]


_BARE_ORGAN = re.compile(r"(?:the )?(?:bladder|bowels?)")


def _normal(item: str) -> bool:
    key = item.lower().strip(" .!").replace("’", "'")
    return bool(_NORMAL.search(key) or (_RESOLVED.search(key) and not _LOSS_WORDS.search(key)))


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
_BOTH_LEGS = re.compile(r"\b(?:both|two|2) (?:of )?(?:my )?(?:legs|feet)\b|\b(?:legs|feet) both\b|\bbilateral\w*")
_NERVE = re.compile(rf"\b{_NUMB}\b|tingl|pins (?:and|&) needles|\b{_WEAK}\b|sciatic|giv\w* way|gave way|buckl")
# A clause that says things are normal names no warning sign: "bladder fine", "temperature normal",
# "can feel my saddle area normally", "numbness gone" (but "feeling gone" is a loss of feeling).
_NORMAL = re.compile(r"\b(?:fine|normal|normally|ok|okay|good|as usual|unchanged|no (?:problems?|issues?|change))$"
                     r"|^(?:i )?can (?:still )?(?:feel|control|move|pee|wee|hold|pass)\b")
_RESOLVED = re.compile(r"\b(?:gone|resolved|settled|cleared|better|went away|has passed)(?: now| today| completely)?$")
# "physio said no numbness": the sign said absent by someone (review 34's code reader: read as numbness)
_SAID_NO = re.compile(r"\b(?:said|says|confirmed|found) (?:there is |there's |i have |i've )?no\b")
_LOSS_WORDS = re.compile(r"feeling|sensation|control|power|strength")


def _codes(item: str) -> list[str]:
    key = item.lower().strip(" .").replace("’", "'")
    for wrong, right in _TYPOS.items():
        key = re.sub(rf"\b{wrong}\b", right, key)
    if _negated(key):
        return []
    stripped = without_negated_words(key)
    both = ["both_legs"] if _BOTH_LEGS.search(stripped) and _NERVE.search(stripped) else []
    found = _codes_of(stripped)
    return _kept_after_negation(key, both + [code for code in found if code not in both])


def _negated(key: str) -> bool:
    """True for "no numbness", "numb? no": the item says the symptom is absent (never a warning to check)."""
    key = key.lower().strip(" .").replace("’", "'")
    return bool(_ASKED_NO.search(key) or _normal(key) or _SAID_NO.search(key) or (_NEGATION.match(key) and not re.match(
        # unsure is not absent: "not sure if numb" was dropped without a word (review 34)
        r"no (?:feeling|sensation|control)|no (?:bladder|bowel)s? control|not able to|not (?:sure|certain)", key)))


# A sign's word said absent after it is named: "legs not weak", "feet aren't numb", "legs not numb or weak" (review
# 35's clinical-brief tester: "legs not weak" on two days was an urgent alert). Present tense only, and no degree
# words: "wasn't numb this morning but it is now" and "not as numb today" report the sign (review 35's code reader).
_SIGN_WORD = rf"(?:{_NUMB}|{_WEAK}|tingl\w*|feverish|paraly[sz]ed)"
_NOT_SIGN = re.compile(rf"\b(?:not|no longer|is ?n'?t|are ?n'?t) (?:at all )?{_SIGN_WORD}"
                       rf"(?:,? (?:or|nor) {_SIGN_WORD})*\b")
_NERVE_CODES = {"numbness", "weakness", "both_legs", "saddle_numbness"}  # read only where a sign's word says them


def without_negated_words(key: str) -> str:
    """`key` (lower case) less the sign words it says are absent ("legs numb not weak" -> "legs numb ")."""
    return _NOT_SIGN.sub(" ", key)


def _kept_after_negation(key: str, found: list[str]) -> list[str]:
    """`found` (the codes of without_negated_words(key)) less the numbness and weakness codes no sign word is left
    for: "saddle area isn't numb" leaves the bare "saddle area" (review 35's code reader: an urgent alert). Such an
    item is listed to check (mentions_warning), never read."""
    if not _NOT_SIGN.search(key) or _NERVE.search(without_negated_words(key)):
        return found
    return [code for code in found if code not in _NERVE_CODES]


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
                            rf"wip(?:e|ing)|{_NUMB}|tingl\w*|pins (?:and|&) needles|saddle|groin|genital\w*|"
                            rf"crotch|erect\w*|paraly\w*|{_FEVER}|both legs|"
                            # the syndrome by name (GUIDANCE §4: suspected cauda equina syndrome is "seek care now"):
                            # which of its signs is not said, so the clinician checks it (review 25)
                            r"cauda equina|ces)\b")


def mentions_warning(text: str | None) -> bool:
    """True when text names a warning sign that is not negated ("couldn't pee", "groin odd"):
    the importer then asks the clinician to check it rather than keeping it silently as a note."""
    if not isinstance(text, str):
        return False
    text = unicodedata.normalize("NFC", text)  # a Mac's decomposed letters ("La\u0308hmung") read as typed elsewhere
    if not _ANY_WARNING.search(" ".join(text.lower().replace("’", "'").split())):
        return False  # cheap first: no pattern, word or typo below can match anywhere (a 50,000-note file)
    for item in _items(text.lower().replace("’", "'")):
        item = item.strip(" .")
        if item and (sign_words_abroad.names_a_sign(item) or not _negated(item) and (
                _codes(item) and set(_codes(item)) - {"leg_pain"} or _WARNING_WORDS.search(item)
                or _NOT_SIGN.search(item)
                # leg pain said to travel into the leg: read from a note (read_note), so not filtered out first
                or "leg_pain" in _codes(item) and _NOTE_LEG.search(item) and not _NOTE_LEG_NOT.search(item))):
            return True
    return False


# A box that already says more: "both legs numb, tingling or weak" covers numbness and weakness in one leg.
_COVERED_BY = {"numbness": "both_legs", "weakness": "both_legs"}
COVERED_BY = _COVERED_BY  # for the importer's words: "both legs numb" is said once, as both legs
NOTE_HINT = "Your note mentions “{label}”: tick it above if you have it now."


def unticked_in_note(notes: str | None, ticked: Iterable[str]) -> list[str]:
    """Warning signs the note names (not negated: "no numbness" names none) whose box is not ticked, as codes
    in the order first mentioned. Why: people write "numb around my bottom" in the note and miss the box,
    and only a ticked box raises the advice and the alert. The app asks; it never ticks for them, because
    a note may be about yesterday, or about something that has passed."""
    codes, _ = parse_symptoms(notes)
    if "weakness" in codes and not _weak_leg(str(notes).lower()):
        codes.remove("weakness")  # "weak coffee", "felt weak and tired": no leg named, no box to suggest
    ticked = set(ticked)
    return [code for code in codes if code in SYMPTOM_TICK_BOXES and code not in ticked
            and _COVERED_BY.get(code, "") not in ticked | set(codes)]


def _weak_leg(text: str) -> bool:
    """The note says "weakness", or a weak word with a leg named (read_note's rule for a weak word alone)."""
    return "weakness" in text or bool(_LEG_WORDS.search(text))


def note_hints(notes: str | None, ticked: Iterable[str]) -> list[str]:
    """One gentle sentence per sign of unticked_in_note, naming its tick box as the person sees it."""
    return [NOTE_HINT.format(label=SYMPTOM_TICK_BOXES[code]) for code in unticked_in_note(notes, ticked)]


# Every pattern mentions_warning may match, in one: a note matching none of them needs no closer look.
_ANY_WARNING = re.compile("|".join([f"(?:{pattern.pattern})" for _, pattern in _PATTERNS]
                                   + [f"(?:{_WARNING_WORDS.pattern})", f"(?:{sign_words_abroad.ANY.pattern})"]
                                   + [rf"\b{re.escape(w)}\b" for w in _TYPOS]))


# Leg pain read from a note (analysis.ingest.note_signs) and named by mentions_warning: said to travel into the leg
# "sciatica gone now", "physio said no sciatica": not a report of it (review 34's code reader)
_NOTE_LEG_NOT = re.compile(r"\b(?:no|not|never|gone|resolved|better|eased|easing|settled|cleared|years? ago)\b")
_NOTE_LEG = re.compile(r"\bsciatica\b|\b(?:shooting|radiating|going|goes|gone|running|runs|travel\w*|spread\w*|pain)"
                       r" (?:\w+ ){0,3}?(?:into|down) (?:\w+ ){0,2}?legs?\b")
_LEG_WORDS = re.compile(r"\b(?:legs?|foot|feet|knees?|ankles?|thighs?|calf|calves|toes?)\b")
