"""Rules as data (issue 12): the engine runs the finder each rule declares, and nothing else.

Each Rule in analysis.alerts.rules names its Finder (analysis.alerts.declaration); the engine's registry
(analysis.alerts.finders.FINDERS) maps every named Finder to the function that finds its days, and a finder's
hits carry only the codes of rules that declare it. Today's page (analysis.review.page_rules) reads which
alerts are about what a person did on a day from the same declaration.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from analysis.alerts import engine, finders
from analysis.alerts import rules as r
from analysis.alerts.declaration import Finder
from analysis.alerts.hits import CODES
from analysis.model.vocabulary import (
    BED_REST_OVER_2_DAYS,
    CODEINE_OVER_3_DAYS,
    DAILY_DOSE_EXCEEDED,
    NSAID_OVER_10_DAYS,
    ORAL_STEROID_7_DAYS,
    PARACETAMOL_ALONE,
    TWO_NSAIDS_SAME_DAY,
)
from analysis.review.page_rules import day_warning_codes
from tests.alerts.test_alerts import SCENARIOS, Frames, clean, demo_frames, plus

DIARIES: dict[str, Callable[[], Frames]] = {
    **{name: build for name, build, *_ in SCENARIOS},
    "the demo diaries": demo_frames,
    "prednisolone on days 5 to 12": lambda: plus(clean(), [(d, "prednisolone", 5, 4) for d in range(5, 13)]),
    "ibuprofen on days 0 to 13": lambda: plus(clean(), [(d, "ibuprofen", 400, 3) for d in range(14)]),
    "everything at once": lambda: plus(
        clean(), [(d, "codeine", 30, 3) for d in range(5, 10)] + [(20, "ibuprofen", 400, 1), (20, "naproxen", 250, 1)],
        {10: ["numbness"], 11: ["numbness"], 15: ["leg_pain"], 20: ["fever"]}, bed_rest_hours={range(0, 3): 14.0}),
}


def declared_by(finder: Finder) -> set[str]:
    """The codes of the rules that name `finder`."""
    return {code for code, rule in r.RULES.items() if rule.predicate is finder}


def test_every_rule_declares_a_registered_finder() -> None:
    for code, rule in r.RULES.items():
        assert isinstance(rule.predicate, Finder), code
        assert rule.predicate in finders.FINDERS, (code, rule.predicate)


def test_every_registered_finder_is_named_by_a_rule_and_the_registry_keeps_the_finders_order() -> None:
    assert set(finders.FINDERS) == {rule.predicate for rule in r.RULES.values()}
    assert list(finders.FINDERS) == [finder for finder in Finder if finder in finders.FINDERS]


@pytest.mark.parametrize("name", list(DIARIES))
def test_a_finder_s_hits_are_its_own_rules_codes(name: str) -> None:
    context = engine.finder_context(*DIARIES[name]())
    for finder, registered in finders.FINDERS.items():
        if not len(getattr(context, registered.needs)):
            continue
        found = {CODES[rule] for rule in registered.run(context).rule}
        assert found <= declared_by(finder), (name, finder, found - declared_by(finder))


def test_the_diaries_raise_every_rule_through_its_own_finder() -> None:
    """The check above is not empty: across the diaries each rule's code comes from its finder."""
    raised: set[str] = set()
    for build in DIARIES.values():
        context = engine.finder_context(*build())
        for finder, registered in finders.FINDERS.items():
            raised |= {CODES[rule] for rule in registered.run(context).rule} & declared_by(finder)
    assert raised == set(r.RULES)


def counted_finders(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """FINDERS with each run counted (by Finder)."""
    calls: Counter = Counter()

    def counting(finder: Finder, registered: finders.Registered) -> finders.Registered:
        def run(context: finders.Context) -> finders.Hits:
            calls[finder] += 1
            return registered.run(context)
        return finders.Registered(registered.needs, run)

    monkeypatch.setattr(finders, "FINDERS", {f: counting(f, each) for f, each in finders.FINDERS.items()})
    return calls


def test_the_engine_runs_each_named_finder_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counted_finders(monkeypatch)
    engine.alert_days(*DIARIES["everything at once"]())
    assert calls == Counter(set(Finder))


def test_the_engine_runs_only_the_finders_the_rules_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finder no rule declares is never run: the declaration, not a list in the engine, decides."""
    frames = DIARIES["everything at once"]()
    calls = counted_finders(monkeypatch)
    monkeypatch.setattr(r, "RULES", {code: rule for code, rule in r.RULES.items() if rule.predicate
                                     is not Finder.BED_REST})
    found = engine.alert_days(*frames)
    assert Finder.BED_REST not in calls and calls[Finder.MEDICINES] == 1
    assert BED_REST_OVER_2_DAYS not in set(found[engine.CODE]) and CODEINE_OVER_3_DAYS in set(found[engine.CODE])


def test_a_finder_without_rows_to_read_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    entries, dose_log, symptom_log = clean()
    calls = counted_finders(monkeypatch)
    engine.alert_days(entries, dose_log.iloc[:0], symptom_log.iloc[:0])  # no doses, no symptoms
    assert set(calls) == set(Finder) - {Finder.MEDICINES, Finder.SYMPTOMS}


def test_today_s_day_warnings_are_the_rules_about_what_was_done_on_a_day() -> None:
    """page_rules reads Finder.about_the_day from the declarations: the medicine and bed-rest rules."""
    about_the_day = {finder for finder in Finder if finder.about_the_day}
    assert about_the_day == {Finder.MEDICINES, Finder.BED_REST}
    assert set(day_warning_codes()) == declared_by(Finder.MEDICINES) | declared_by(Finder.BED_REST) == {
        BED_REST_OVER_2_DAYS, CODEINE_OVER_3_DAYS, DAILY_DOSE_EXCEEDED, TWO_NSAIDS_SAME_DAY, NSAID_OVER_10_DAYS,
        PARACETAMOL_ALONE, ORAL_STEROID_7_DAYS}


def test_a_rule_naming_a_finder_without_a_function_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its alert would otherwise never fire, and nothing would say so."""
    kept = {finder: each for finder, each in finders.FINDERS.items() if finder is not Finder.SYMPTOMS}
    monkeypatch.setattr(finders, "FINDERS", kept)
    with pytest.raises(LookupError, match="warning symptoms"):
        engine.alert_days(*DIARIES["everything at once"]())


def test_a_rule_declared_without_a_finder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule.predicate defaults to None: such a rule would never run, and nothing would say so (review 28)."""
    from dataclasses import replace

    rules = dict(r.RULES)
    code = next(iter(rules))
    rules[code] = replace(rules[code], predicate=None)
    monkeypatch.setattr(r, "RULES", rules)
    with pytest.raises(LookupError, match=code):
        engine.alert_days(*DIARIES["everything at once"]())
