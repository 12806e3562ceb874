"""What Today's Save stores when the day changed elsewhere since the form was filled in (another tab, a second
device on the same diary, an import).

Why: Today's form holds the whole day, and Save stored the whole form. With Today open in two tabs, the tab
opened first (its form empty) saved a pain score over the minutes, medicines and note the other tab had saved
moments before: "Updated the entry for today", and they were gone (review 12). Now each part of the day the
person left as the form loaded it keeps what is stored now, and each part they changed takes the form's value:
a three-way merge of the day as loaded, as on the form, and as stored at the moment of Save.
"""
from __future__ import annotations

import dataclasses

from analysis.review.page_rules import worst_saved
from analysis.storage.records import DayEntry

# The parts of a day compared one by one (the symptoms, sign by sign: merged_day).
_VALUES = ("pain", "worst_pain", "activity_minutes", "bed_rest_hours", "notes", "doses")
# The words for each part when the page says what another window had saved.
PART_WORDS = {"pain": "pain", "worst_pain": "worst pain", "activity_minutes": "minutes active",
              "bed_rest_hours": "hours in bed", "notes": "the note", "doses": "medicines",
              "symptoms": "warning signs"}


def merged_day(loaded: DayEntry | None, form: DayEntry, stored: DayEntry | None) -> tuple[DayEntry, list[str]]:
    """The day to save, and the parts (PART_WORDS keys) kept from `stored` because it changed since `loaded`.

    `loaded`: the day as the form was filled from it (None: it was not saved then, the form started empty);
    `form`: the day as on the form now; `stored`: the day as saved now (None: not saved). A part the person
    changed on the form (it differs from `loaded`) is the form's; a part left as loaded is `stored`'s. Warning
    signs are merged one by one (one ticked or unticked on the form is the form's; the others as stored), so
    a sign saved elsewhere is never lost by a save that did not touch it. Medicines are one part: a changed list
    is the person's whole answer for the day. `form` holds the worst pain as typed (not yet raised to the pain):
    the rule "below the average it is saved as the average" (page_rules.worst_saved) is applied to the merged day,
    so a worst pain left as loaded keeps another window's (review 15).
    """
    if stored is None or stored == loaded:
        return dataclasses.replace(form, worst_pain=worst_saved(form.pain, form.worst_pain)), []
    before = loaded if loaded is not None else DayEntry(form.date, None)  # type: ignore[arg-type]
    changes: dict[str, object] = {}
    kept: list[str] = []
    for part in _VALUES:
        mine, then, now = (_comparable(part, getattr(day, part)) for day in (form, before, stored))
        if mine == then and now != mine:
            changes[part] = getattr(stored, part)
            kept.append(part)
    ticked, unticked = set(form.symptoms) - set(before.symptoms), set(before.symptoms) - set(form.symptoms)
    signs = [code for code in stored.symptoms if code not in unticked]
    signs += [code for code in form.symptoms if code in ticked and code not in signs]
    if set(signs) != set(form.symptoms):
        changes["symptoms"] = signs
        kept.append("symptoms")
    if changes.get("pain") is None and "pain" in changes:
        del changes["pain"]  # a day needs a pain: never take a missing one over the form's
        kept.remove("pain")
    merged = dataclasses.replace(form, **changes)
    return dataclasses.replace(merged, worst_pain=worst_saved(merged.pain, merged.worst_pain)), kept


def _comparable(part: str, value: object) -> object:
    """A part as compared: the doses as a sorted list (the same medicines in another order are the same day)."""
    if part == "doses":
        return sorted((dose.medicine, float(dose.dose_mg), int(dose.count)) for dose in value)  # type: ignore[attr-defined]
    return value
