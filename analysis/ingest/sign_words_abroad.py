"""The warning signs' common words in the languages a practice's diaries are most often kept in besides English:
German, French, Spanish, Italian, Dutch and Portuguese.

Why: notes are read in English (analysis.ingest.symptoms); a notes column in another language naming a sign was kept
as a plain note with no word to the clinician (review 31's browser walk: "Taubheit im Bein"). These words are never
read as a sign (the words around them are not understood: "keine Taubheit" is not caught as a negation), only listed
for the clinician to check, so a false alarm costs one line of the import's warnings, a miss an unseen emergency;
for that reason an English "no" before them is not read as a negation either ("no puedo orinar": cannot pass water).
Words that are also ordinary English ("blasé", "Taubman", "formicola") are left out or given their endings.
"""
from __future__ import annotations

import re
import unicodedata

# numb, tingling, "asleep"; bladder and bowel, incontinence, retention; fever; paralysis; weight loss; saddle numbness
_SIGNS = (
    # German
    r"taub(?:heit|e[nmrs]?)?|gef[üu]hllos\w*|kein gef[üu]hl|kribbel\w*|ameisenlaufen|harnblase|blasenschw\w*|"
    r"(?:meine|die|der|volle) blase|blase (?:\w+ )?(?:schwach|macht|probleme?|entleer\w*|halten|kontroll\w*|voll)|"
    r"\w*inkontinen\w*|harnverhalt\w*|eingen[äa]sst|wasser (?:nicht )?lassen|fieber\w*|fiebrig\w*|sch[üu]ttelfrost|"
    r"l[äa]hmung\w*|gel[äa]hmt\w*|gewichtsverlust|abgenommen|reithose\w*|"
    # French
    r"engourdi\w*|insensib\w*|perte de (?:sensibilit[ée]|poids|contr[ôo]le)|fourmill\w*|picotement\w*|vessie|"
    r"selles|fi[èe]vre|fi[ée]vreu\w*|f[ée]bril\w*|paralys\w*|"
    # Spanish
    r"entumec\w*|adormec\w*|hormigue\w*|cosquill\w*|vejiga|orina\w*|incontinencia|fiebre|par[áa]li[sz]\w*|"
    r"p[ée]rdida de peso|perd\w* (?:de )?peso|"
    # Italian
    r"intorpid\w*|formicol(?:io|ii|ante)|vescica|urina\w*|febbre|febbrile|febbricola|paralisi|perdita di peso|"
    r"dimagrit\w*|"
    # Dutch
    r"tintel\w*|doof gevoel|gevoelloos|geen gevoel|verdoofd|blaas|plassen|ontlasting|koorts\w*|verhoging|verlam\w*|"
    r"gewichtsverlies|afgevallen|"
    # Portuguese
    r"dorm[êe]ncia|dormente|formig(?:amento|ueiro|ando)|bexiga|febre|perda de peso|emagre\w*|paralisi\w*")
SIGN_WORDS = re.compile(rf"\b(?:{_SIGNS})\b")

# a weak leg, and a leg "asleep", only where a leg is named: "schwach" alone is a mild pain or a weak day
_LEG = re.compile(r"\b(?:bein\w*|\w*bein|fu[ßs]\w*|f[üu][ßs]e|jambes?|pieds?|piernas?|pies?|gamb[ae]|pied[ei]|been|"
                  r"benen|voet(?:en)?|pernas?|p[ée]s?)\b")
_WEAK_OR_ASLEEP = re.compile(r"\b(?:\w*schw[äa]ch\w*|kraftlos\w*|kraftverlust|knickt\w* (?:weg|ein)|eingeschlafen|"
                             r"faible\w*|faiblesse|d[ée]bil(?:es|idad)?|dormid[ao]s?|debol\w*|addormentat[ao]|zwak\w*|"
                             r"krachtsverlies|slaapt|fra(?:ca|co|queza))\b")


def names_a_sign(text: str) -> bool:
    """True when `text` (lower case) holds one of the signs' words in these languages, or a weak or sleeping leg."""
    text = unicodedata.normalize("NFC", text)  # "La\u0308hmung" from a Mac: the words are written composed here
    return bool(SIGN_WORDS.search(text) or (_WEAK_OR_ASLEEP.search(text) and _LEG.search(text)))


# every word that may start a match, for symptoms' cheap first look at a note
ANY = re.compile(rf"{SIGN_WORDS.pattern}|{_WEAK_OR_ASLEEP.pattern}")
