"""The alert rules as data (issue 12): each rule is one declaration, its words are built from its thresholds.

Changing a threshold must be one edit: these tests rebuild the declarations with other values
(analysis.alerts.rules.build_rules) and check that titles, messages and evidence follow, that no
number in the words is a hard-coded copy, and that the README's alert table and the other modules
agree with the declarations.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.alerts import rules as r
from analysis.alerts.declaration import Finder, Threshold, number_word, weeks_in_digits, weeks_in_words
from analysis.alerts.red_flags import RULE_SYMPTOMS, SAME_DAY_SYMPTOMS
from analysis.model.vocabulary import MEDICINES, SYMPTOM_CODES
from analysis.review import report_text

ROOT = Path(__file__).resolve().parents[2]
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# Numbers in the words that are not thresholds of the rule: emergency phone numbers, the heat pack's
# 10-20 minutes and the 5-10 minute walks (plan advice), "a week" for a flare to settle.
NOT_THRESHOLDS = {"999", "112", "911", "10-20", "5-10"}
# A rule whose name is its number: two NSAIDs on one day is what the rule is, not a tunable threshold.
DEFINITION_WORDS = {"two_nsaids_same_day": {"two", "one"}}


def words(rule: r.Rule) -> str:
    return " ".join((rule.title, rule.message, rule.evidence))


def shifted(threshold: Threshold) -> float:
    """Another plausible value, written differently in every form (digits, words, percent, weeks)."""
    value = threshold.value
    if threshold.unit == "share":
        return value / 2
    if threshold.unit == "mg":
        return value + 100
    if threshold.unit in ("day", "days") and value % 7 == 0:
        return value * 3  # whole weeks stay whole weeks, and 7 never becomes another rule's 14
    return value + 1 if float(value).is_integer() else value + 1.5


def numbers_in(text: str) -> set[str]:
    """Digits (with their range or thousands separators) and number words in `text`."""
    digits = set(re.findall(r"\d[\d,.\-]*\d|\d", text))
    spelled = {w for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS}
    return digits | spelled


def test_every_code_has_a_title_of_its_own() -> None:
    titles = [rule.title for rule in r.RULES.values()]
    assert all(title and title != code for code, title in zip(r.RULES, titles, strict=True))
    assert len(set(titles)) == len(titles)
    assert r.ALERT_TITLES == {code: rule.title for code, rule in r.RULES.items()}
    assert report_text.ALERT_TITLES is r.ALERT_TITLES  # read, not restated


def test_the_declarations_keep_the_public_codes_in_their_order() -> None:
    assert list(r.RULES) == [
        "red_flag_emergency", "red_flag_see_doctor", "new_numbness_weakness", "radiating_leg_pain",
        "worst_pain_after_week", "activity_declining", "no_activity_progress_3w", "not_recovered_6w",
        "pain_persisting_6w", "behind_expected_curve", "pain_worsening", "bed_rest_over_2_days",
        "codeine_over_3_days", "daily_dose_exceeded", "two_nsaids_same_day", "paracetamol_alone",
        "oral_steroid_7_days", "nsaid_over_10_days"]
    assert list(r.build_rules()) == list(r.RULES)
    assert r.build_rules() == r.RULES


@pytest.mark.parametrize("code", list(r.RULES))
def test_every_threshold_is_named_with_its_value_unit_and_source(code: str) -> None:
    for threshold in r.RULES[code].thresholds:
        assert threshold.name in r.THRESHOLD_NAMES
        assert threshold.value == getattr(r, threshold.name)  # the very constant the engine compares with
        assert threshold.unit and threshold.source, threshold


@pytest.mark.parametrize("code", list(r.RULES))
def test_the_evidence_states_every_threshold_of_its_rule(code: str) -> None:
    rule = r.RULES[code]
    for threshold in rule.thresholds:
        assert threshold.text in rule.evidence, (threshold.name, threshold.text, rule.evidence)


@pytest.mark.parametrize("name", r.THRESHOLD_NAMES)
def test_changing_a_threshold_changes_the_words_of_every_rule_that_states_it(name: str) -> None:
    users = [rule for rule in r.RULES.values() if name in {t.name for t in rule.thresholds}]
    assert users, f"{name} is declared as a threshold but no rule states it"
    new_value = shifted(next(t for t in users[0].thresholds if t.name == name))
    rebuilt = r.build_rules(**{name: new_value})
    for rule in users:
        again = rebuilt[rule.code]
        assert again.evidence != rule.evidence
        assert next(t for t in again.thresholds if t.name == name).value == new_value
    untouched = [code for code in r.RULES if code not in {rule.code for rule in users}]
    assert all(rebuilt[code] == r.RULES[code] for code in untouched)


@pytest.mark.parametrize("code", list(r.RULES))
def test_no_number_in_the_title_or_message_is_a_hard_coded_copy(code: str) -> None:
    """Shift every threshold at once: a number still in the title or message was typed, not derived."""
    rule = r.RULES[code]
    everything = {t.name: shifted(t) for each in r.RULES.values() for t in each.thresholds}
    again = r.build_rules(**everything)[code]
    for part in ("title", "message"):
        before = numbers_in(getattr(rule, part)) - NOT_THRESHOLDS - DEFINITION_WORDS.get(code, set())
        after = numbers_in(getattr(again, part))
        assert not before & after, (part, before & after, getattr(rule, part))


def test_the_opioid_rule_follows_its_number_of_days() -> None:
    """OPIOID_MAX_DAYS = 5: 'five days' and '5 days' everywhere, 'three' and '3' nowhere; the code stays."""
    assert r.OPIOID_MAX_DAYS == 3
    rule = r.build_rules(OPIOID_MAX_DAYS=5)["codeine_over_3_days"]
    assert rule.title == "Codeine or opioid for more than 5 days"
    assert "more than five of the last seven days" in rule.message
    assert "more than 5 of the last 7 days" in rule.evidence
    assert "three" not in words(rule).lower() and "3" not in words(rule)
    today = r.RULES["codeine_over_3_days"]
    assert today.title == "Codeine or opioid for more than 3 days"
    assert "more than three of the last seven days" in today.message


def test_weeks_and_days_are_worded_from_the_same_constants() -> None:
    rebuilt = r.build_rules(WEEK_1_DAY=14, WEEK_3_DAY=28, WEEK_6_DAY=56, BED_REST_MAX_DAYS=3, TREND_WINDOW_DAYS=21)
    assert rebuilt["worst_pain_after_week"].title == "Pain still strong after two weeks"
    assert "after the first two weeks." in rebuilt["worst_pain_after_week"].message
    assert rebuilt["no_activity_progress_3w"].title == "Activity not building up (4 weeks)"
    assert rebuilt["no_activity_progress_3w"].message.startswith("After four weeks ")
    assert rebuilt["not_recovered_6w"].title == "Not as active as before after 8 weeks"
    assert rebuilt["pain_persisting_6w"].message.startswith("Eight weeks on, ")
    assert rebuilt["bed_rest_over_2_days"].title == "More than three days of bed rest"
    assert "over the last week or three" in rebuilt["activity_declining"].message
    assert "From day 56:" in rebuilt["not_recovered_6w"].evidence


def test_wording_helpers() -> None:
    assert [number_word(n) for n in (0, 3, 10, 12)] == ["no", "three", "ten", "12"]
    assert [weeks_in_words(d) for d in (7, 14, 21, 10)] == ["a week", "two weeks", "three weeks", "ten days"]
    assert weeks_in_words(7, article=False) == "week"
    assert [weeks_in_digits(d) for d in (7, 21, 42, 10)] == ["1 week", "3 weeks", "6 weeks", "10 days"]
    assert Threshold("X", 0.3, "share", "s").text == "30%"
    assert Threshold("X", 4000.0, "mg", "s").text == "4,000"
    assert Threshold("X", 5.5, "standard errors", "s").text == "5.5"


def test_build_rules_refuses_a_name_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="OPIOID_MAX_DAY"):
        r.build_rules(OPIOID_MAX_DAY=5)


def test_medicine_numbers_come_from_the_vocabulary() -> None:
    assert r.PARACETAMOL_MAX_MG == MEDICINES["paracetamol"].max_daily_mg == 4000
    assert (r.IBUPROFEN_OTC_MG, r.NAPROXEN_OTC_MG) == (1200, 660)
    assert "4,000 mg" in r.PARACETAMOL_OVERDOSE_MESSAGE and "4,000 mg" in r.PARACETAMOL_OVERDOSE_TITLE
    assert "ibuprofen 1,200 mg, naproxen 660 mg" in r.RULES["daily_dose_exceeded"].evidence


def test_the_symptom_to_alert_mapping_is_stated_once() -> None:
    with_symptoms = {code: rule.symptoms for code, rule in r.RULES.items() if rule.symptoms}
    assert with_symptoms == RULE_SYMPTOMS
    assert set(SAME_DAY_SYMPTOMS) == set(RULE_SYMPTOMS)
    for code, symptoms in RULE_SYMPTOMS.items():
        assert set(SAME_DAY_SYMPTOMS[code]) <= set(symptoms) <= set(SYMPTOM_CODES), code
    # every warning symptom a person can tick raises some alert
    assert set(SYMPTOM_CODES) == {s for symptoms in SAME_DAY_SYMPTOMS.values() for s in symptoms}


@pytest.mark.parametrize("code", list(r.RULES))
def test_every_rule_names_the_finder_that_finds_its_days(code: str) -> None:
    """A Finder, not a function's name: the engine dispatches on it (tests/alerts/test_rules_dispatch.py)."""
    assert isinstance(r.RULES[code].predicate, Finder), code


def readme_alert_table() -> dict[str, tuple[str, str]]:
    """code -> (severity cell, fires-when cell) from the README's alert table."""
    rows = {}
    for line in (ROOT / "README.md").read_text().splitlines():
        found = re.match(r"\| `([a-z0-9_]+)` \| ([^|]+) \| (.+) \|$", line)
        if found and found.group(1) in r.RULES:
            rows[found.group(1)] = (found.group(2).strip(), found.group(3))
    return rows


def test_the_readme_table_lists_every_code_with_its_severity_and_numbers() -> None:
    table = readme_alert_table()
    assert set(table) == set(r.RULES)
    for code, (severity, fires_when) in table.items():
        rule = r.RULES[code]
        assert severity.split()[0] == rule.severity or code == "daily_dose_exceeded", (code, severity)
        assert rule.severity in severity
        for threshold in rule.thresholds:
            assert threshold.text in fires_when, (code, threshold.name, threshold.text)


def test_the_readme_summary_says_the_same_numbers() -> None:
    readme = (ROOT / "README.md").read_text()
    assert f"bed rest beyond {number_word(r.BED_REST_MAX_DAYS)} days" in readme
    assert f"codeine beyond {number_word(r.OPIOID_MAX_DAYS)} days" in readme
    assert (f"no improvement at {r.WEEK_1_DAY // 7}, {r.WEEK_3_DAY // 7} and {r.WEEK_6_DAY // 7} weeks"
            in " ".join(readme.split()))
    assert "however long\n  ago it was reported: an urgent sign never goes quiet by itself" in readme
    assert f"stay active {r.SEE_DOCTOR_HOLD_DAYS} days after the last report" in readme


def test_no_other_module_restates_a_rule_as_a_table() -> None:
    """A code string used as a dict key (a title, severity or symptom table) lives in rules.py alone."""
    own = {ROOT / "analysis" / "alerts" / "rules.py"}
    for path in [*(ROOT / "analysis").rglob("*.py"), *(ROOT / "dashboard").rglob("*.py")]:
        if path in own:
            continue
        text = path.read_text()
        for code in r.RULES:
            assert f'"{code}":' not in text and f"'{code}':" not in text, (path, code)


def test_the_headline_words_its_numbers_from_the_recovery_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    early = {"days_since_onset": 2, "status": "insufficient_data"}
    assert "log at least 3 days a week to see" in report_text.headline(early)
    recovered = {"days_since_onset": 30, "status": "ahead", "baseline_pain": 6.0, "current_pain": 0.5,
                 "improvement_pct": 92.0, "recovered_date": "2026-11-20"}
    assert report_text.headline(recovered).endswith("recovered since 20 November (pain 0 or 1 for a whole week).")
    monkeypatch.setattr(report_text, "MIN_ENTRIES_7D", 4)
    monkeypatch.setattr(report_text, "RECOVERED_RUN_DAYS", 14)
    assert "log at least 4 days a week to see" in report_text.headline(early)
    assert report_text.headline(recovered).endswith("(pain 0 or 1 for two weeks).")


def test_every_rules_signs_fit_the_one_integer_its_details_are_packed_into() -> None:
    """analysis.alerts.details words a run's signs from one int64 (digit i: its i-th sign): a rule naming so
    many signs that the number would overflow must fail here, not garble an alert's detail."""
    from analysis.alerts import details
    from analysis.alerts.red_flags import RULE_SYMPTOMS

    most = max(len(signs) for signs in RULE_SYMPTOMS.values())
    assert details._BASE ** (most + 1) < 2 ** 63, (details._BASE, most)
