"""Tests for analysis.output.fhir: the FHIR R4 Bundle of daily pain Observations, validated with fhir.resources."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from fhir.resources.bundle import Bundle as BundleR5
from fhir.resources.R4B.bundle import Bundle as BundleR4B

from analysis.ingest.synthetic import DiarySpec, generate
from analysis.model import columns as c
from analysis.model.errors import NotFound
from analysis.output.fhir import PATIENT_SYSTEM, fhir_bundle, fhir_json, pain_score


@pytest.fixture(scope="module")
def entries() -> pd.DataFrame:
    """Two episodes: 'Ann' (episode 1, 20 days, one day with pain 4.5) and 'Bo' (episode 2, 5 days)."""
    ann = generate(DiarySpec("Ann", "recovery_by_week_12", days=20, missing_share=0.0, seed=3), episode_id=1)[0]
    ann.loc[4, c.PAIN] = 4.5
    bo = generate(DiarySpec("Bo", "persistent_high", onset="2026-03-02", days=5, seed=4), episode_id=2)[0]
    return pd.concat([ann, bo], ignore_index=True)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("model", [BundleR4B, BundleR5], ids=["R4B", "R5"])
@pytest.mark.parametrize("options", [{}, {"condition": False}, {"recovered_on": "2026-02-20"}])
def test_bundle_validates_with_fhir_resources(entries: pd.DataFrame, model: type, options: dict) -> None:
    bundle = model.model_validate(fhir_bundle(entries, "Ann", 1, **options))
    assert bundle.type == "collection"


def test_one_patient_one_condition_and_one_observation_per_diary_day(entries: pd.DataFrame) -> None:
    bundle = fhir_bundle(entries, "Ann", 1)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert len(resources(bundle, "Patient")) == 1
    assert len(resources(bundle, "Condition")) == 1
    observations = resources(bundle, "Observation")
    ann = entries[entries[c.EPISODE_ID] == 1]
    assert len(observations) == len(ann) == 20
    assert [o["effectiveDateTime"] for o in observations] == ann[c.DATE].dt.strftime("%Y-%m-%d").tolist()
    assert len(bundle["entry"]) == 22


def test_condition_can_be_left_out(entries: pd.DataFrame) -> None:
    assert resources(fhir_bundle(entries, "Ann", 1, condition=False), "Condition") == []


def test_codes_status_category_and_references(entries: pd.DataFrame) -> None:
    bundle = fhir_bundle(entries, "Ann", 1)
    patient_url = bundle["entry"][0]["fullUrl"]
    patient = resources(bundle, "Patient")[0]
    assert patient["identifier"] == [{"system": PATIENT_SYSTEM, "value": "Ann"}]
    assert patient["name"] == [{"text": "Ann"}]
    condition = resources(bundle, "Condition")[0]
    assert condition["code"]["coding"][0] == {"system": "http://snomed.info/sct", "code": "279039007",
                                              "display": "Low back pain"}
    assert condition["onsetDateTime"] == "2026-01-05"
    assert condition["clinicalStatus"]["coding"][0]["code"] == "active"
    assert condition["subject"] == {"reference": patient_url}
    for obs in resources(bundle, "Observation"):
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "survey"
        assert obs["code"]["coding"] == [{"system": "http://loinc.org", "code": "72514-3",
                                          "display": "Pain severity - 0-10 verbal numeric rating [Score] - "
                                                     "Reported"}]
        assert obs["subject"] == {"reference": patient_url}
        assert isinstance(obs["valueInteger"], int) and 0 <= obs["valueInteger"] <= 10


def test_full_urls_are_urn_uuids_matching_resource_ids(entries: pd.DataFrame) -> None:
    bundle = fhir_bundle(entries, "Ann", 1)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"


def test_export_is_deterministic(entries: pd.DataFrame) -> None:
    assert fhir_bundle(entries, "Ann", 1) == fhir_bundle(entries.sample(frac=1, random_state=1), "Ann", 1)
    assert fhir_json(entries, "Ann", 1) == fhir_json(entries, "Ann", 1)
    other = fhir_bundle(entries, "Bo", 2)
    assert other["entry"][0]["fullUrl"] != fhir_bundle(entries, "Ann", 1)["entry"][0]["fullUrl"]


def test_only_the_requested_episode_is_exported(entries: pd.DataFrame) -> None:
    observations = resources(fhir_bundle(entries, "Bo", 2), "Observation")
    assert len(observations) == 5
    assert observations[0]["effectiveDateTime"] == "2026-03-02"


@pytest.mark.parametrize(("pain", "score"), [(0, 0), (4.49, 4), (4.5, 5), (2.5, 3), (7.0, 7), (10, 10)])
def test_pain_score_rounds_half_up(pain: float, score: int) -> None:
    assert pain_score(pain) == score


def test_decimal_pain_is_rounded_and_kept_in_a_note(entries: pd.DataFrame) -> None:
    day = resources(fhir_bundle(entries, "Ann", 1), "Observation")[4]
    assert day["valueInteger"] == 5
    assert {"text": "Diary value 4.5 of 10, rounded half up to 5."} in day["note"]


def test_worst_pain_is_a_note_not_a_second_observation(entries: pd.DataFrame) -> None:
    day = resources(fhir_bundle(entries, "Ann", 1), "Observation")[0]
    worst = entries.loc[0, c.WORST_PAIN]
    assert day["note"] == [{"text": f"Worst pain of the day: {worst:g} of 10."}]


def test_recovery_date_resolves_the_condition(entries: pd.DataFrame) -> None:
    condition = resources(fhir_bundle(entries, "Ann", 1, recovered_on=pd.Timestamp("2026-02-20")), "Condition")[0]
    assert condition["clinicalStatus"]["coding"][0]["code"] == "resolved"
    assert condition["abatementDateTime"] == "2026-02-20"


def test_json_keeps_non_ascii_names(entries: pd.DataFrame) -> None:
    text = fhir_json(entries.assign(**{c.PATIENT: "Zoë"}), "Zoë", 1)
    assert '"value": "Zoë"' in text
    assert json.loads(text)["entry"][0]["resource"]["name"] == [{"text": "Zoë"}]


def test_episode_without_entries_is_a_clear_error(entries: pd.DataFrame) -> None:
    with pytest.raises(NotFound, match=r"^Episode 9 has no diary entries to export\.$"):
        fhir_bundle(entries, "Ann", 9)
