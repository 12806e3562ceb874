"""FHIR R4 export of one episode's daily pain scores, for a GP or physiotherapist system.

The export is a Bundle of type "collection" holding:

* one Patient: name = the diary's patient label, identifier system
  ``urn:backtrack:patient`` with the label as value (Backtrack knows no NHS or
  insurance number);
* one Condition (optional): SNOMED CT 279039007 low back pain, onsetDateTime =
  the episode onset, clinicalStatus "active" (or "resolved" with
  abatementDateTime when a recovery date is passed);
* one Observation per diary day (GUIDANCE.md §6): status final, category
  survey, LOINC 72514-3, subject and performer = the patient (self-reported),
  effectiveDateTime = the date, valueInteger = the day's pain.

Decisions:

* LOINC 72514-3 is an integer 0-10 score, so a decimal diary value (4.5) is
  rounded half up (to 5) and the exact value is kept in a note.
* Worst pain is *not* a second Observation: two values under the same code on
  the same day would read as two conflicting measurements in a receiving
  system, and LOINC has no code we can vouch for meaning "worst pain of the
  day". It goes into a note of the day's Observation instead.
* Free-text diary notes, activity and medicines are not exported.
* fullUrls are ``urn:uuid:`` uuid5 values derived from the patient label, the
  onset date and the diary date (not the database's episode number), so
  exporting the same diary twice, or after a re-import, gives the same ids.
* No Bundle.timestamp: the analyses read no clock, and a fixed export is
  easier to compare.

The output is plain JSON-ready dicts; tests validate it with the fhir.resources
package (R4B models, the R4 technical correction, and the default R5 models).
"""
from __future__ import annotations

import json
import math
import uuid

import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import NotFound

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:backtrack")
PATIENT_SYSTEM = "urn:backtrack:patient"
LOINC, SNOMED = "http://loinc.org", "http://snomed.info/sct"
PAIN_CODE = {"system": LOINC, "code": "72514-3",
             "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
LOW_BACK_PAIN = {"system": SNOMED, "code": "279039007", "display": "Low back pain"}
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
          "display": "Survey"}
CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical"


def stable_uuid(*parts: object) -> str:
    """A uuid5 from the parts, the same on every export."""
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def pain_score(value: float) -> int:
    """The 0-10 integer score for a diary value: round half up (4.5 -> 5, 4.49 -> 4)."""
    return int(math.floor(float(value) + 0.5))


def fhir_bundle(entries: pd.DataFrame, patient: str, episode_id: int, *, condition: bool = True,
                recovered_on: object = None) -> dict:
    """One episode's diary as a JSON-ready FHIR R4 Bundle (see the module docstring for the content).

    `entries` is the long entries frame (analysis.model.columns); only rows of
    `episode_id` are used. Raises NotFound when the episode has no diary days.
    """
    mine = entries[entries[c.EPISODE_ID] == episode_id] if c.EPISODE_ID in entries else entries
    mine = mine[mine[c.PAIN].notna()].sort_values(c.DATE)
    if mine.empty:
        raise NotFound(f"Episode {episode_id} has no diary entries to export.")
    onset = _day(mine[c.ONSET_DATE].iloc[0])
    patient_id = stable_uuid("patient", patient)
    subject = {"reference": f"urn:uuid:{patient_id}"}
    resources = [(patient_id, _patient(patient_id, patient))]
    if condition:
        condition_id = stable_uuid("condition", patient, onset)
        resources.append((condition_id, _condition(condition_id, subject, onset, recovered_on)))
    for row in mine.itertuples(index=False):
        day = _day(getattr(row, c.DATE))
        obs_id = stable_uuid("pain", patient, onset, day)
        resources.append((obs_id, _observation(obs_id, subject, day, getattr(row, c.PAIN),
                                               getattr(row, c.WORST_PAIN, None))))
    return {"resourceType": "Bundle", "id": stable_uuid("bundle", patient, onset), "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{rid}", "resource": resource} for rid, resource in resources]}


def fhir_json(entries: pd.DataFrame, patient: str, episode_id: int, **options: object) -> str:
    """fhir_bundle as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(fhir_bundle(entries, patient, episode_id, **options), indent=2, ensure_ascii=False)  # type: ignore[arg-type]


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _patient(rid: str, patient: str) -> dict:
    return {"resourceType": "Patient", "id": rid,
            "identifier": [{"system": PATIENT_SYSTEM, "value": patient}], "name": [{"text": patient}]}


def _condition(rid: str, subject: dict, onset: str, recovered_on: object) -> dict:
    status = "resolved" if recovered_on else "active"
    resource = {"resourceType": "Condition", "id": rid,
                "clinicalStatus": {"coding": [{"system": CLINICAL_STATUS, "code": status}]},
                "code": {"coding": [LOW_BACK_PAIN], "text": "Acute low back pain"},
                "subject": subject, "onsetDateTime": onset}
    if recovered_on:
        resource["abatementDateTime"] = _day(recovered_on)
    return resource


def _observation(rid: str, subject: dict, day: str, pain: float, worst: object) -> dict:
    score = pain_score(pain)
    notes = []
    if float(pain) != score:
        notes.append({"text": f"Diary value {float(pain):g} of 10, rounded half up to {score}."})
    if worst is not None and not pd.isna(worst):
        notes.append({"text": f"Worst pain of the day: {float(worst):g} of 10."})
    resource = {"resourceType": "Observation", "id": rid, "status": "final",
                "category": [{"coding": [SURVEY]}],
                "code": {"coding": [PAIN_CODE], "text": "Pain severity 0-10, average of the day"},
                "subject": subject, "effectiveDateTime": day, "performer": [subject], "valueInteger": score}
    if notes:
        resource["note"] = notes
    return resource
