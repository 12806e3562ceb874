"""The simulation benchmark (benchmarks/simulate.py) on a small population: issue 9's targets, with a margin."""
from __future__ import annotations

import pytest

from benchmarks.simulate import NOISE_SD, REAL_LOG, real_noise, separation, simulate


@pytest.fixture(scope="module")
def table():
    return simulate(per_class=100, seed=7).set_index("class")


def codes(table, shape: str) -> dict[str, float]:
    """The codes column as {code: share}."""
    text = table.loc[shape, "codes"]
    return {code: float(share.rstrip("%")) / 100 for code, share in
            (item.rsplit(" ", 1) for item in text.split(", "))} if text else {}


@pytest.mark.parametrize("shape", ["rapid_recovery", "average_course"])
def test_recoveries_and_the_average_course_stay_quiet(table, shape: str) -> None:
    # target: >= 99% without a warning from day 10 and at six weeks (100 diaries here: a margin of 2)
    assert table.loc[shape, "warned_from_day_10"] <= 0.03
    assert table.loc[shape, "warned_at_6_weeks"] <= 0.03


@pytest.mark.parametrize("shape", ["persistent_high", "stuck"])
def test_persistent_and_stuck_courses_are_warned_by_three_weeks(table, shape: str) -> None:
    # by day 21 unless the diary skips day 21 (5% of days are missed); then on its next entry
    assert table.loc[shape, "warned_by_day_21"] >= 0.90
    assert table.loc[shape, "warned_by_first_entry_from_day_21"] >= 0.98
    assert codes(table, shape)["worst_pain_after_week"] >= 0.95  # the pain rule finds them too, later


def test_a_flare_still_fires_on_fluctuating_courses(table) -> None:
    # the robust flare (4 of 5 days) must not be deaf: fluctuating courses rise by up to 3.8 points after week 6
    assert codes(table, "fluctuating").get("pain_worsening", 0.0) >= 0.10
    assert codes(table, "average_course").get("pain_worsening", 0.0) <= 0.02


@pytest.mark.skipif(not REAL_LOG.exists(), reason="../shared/real-files/painlogs is not present")
def test_the_noise_is_the_one_measured_on_a_real_pain_log() -> None:
    measured = real_noise()
    assert measured["days"] == 57
    assert measured["residual_sd"] == pytest.approx(1.27, abs=0.01)
    assert abs(NOISE_SD - measured["residual_sd"]) <= 0.05
    # not sticky: fewer repeats of yesterday's number than independent noise of sd 1.3 gives (~21%)
    assert measured["same_as_yesterday"] < 0.21 and measured["lag1_autocorrelation"] < 0


def test_the_stuck_course_is_within_the_noise_of_an_average_course_at_day_14() -> None:
    # why the day-14 target is out of reach (RESULTS.md): even an oracle separates them by d' ~1.24 at sd 1.3;
    # 90% found at 1% false alarms would need d' >= 2.33 + 1.28
    at_14, at_21 = separation(14), separation(21)
    assert at_14["stuck"] == pytest.approx(1.24, abs=0.01) and at_14["stuck_onset"] == pytest.approx(6.28, abs=0.01)
    assert at_21["stuck"] > at_14["stuck"] and at_14["persistent_high"] < 2.33 + 1.28


def test_the_level_check_finds_persistent_courses_earlier_than_before(table) -> None:
    # RESULTS.md: the pain rule finds persistent-high courses by day 21 in 62% (26% before the level check)
    assert table.loc["persistent_high", "pain_rule_by_day_21"] >= 0.45
    assert table.loc["persistent_high", "warned_by_day_14"] >= 0.05


def test_the_worst_pain_is_shared_with_the_pain_in_every_class() -> None:
    import numpy as np

    from analysis.model import columns as c
    from benchmarks.simulate import diaries

    for shape in ("stuck", "average_course", "persistent_high"):
        frame = diaries(shape, 50, np.random.default_rng(3))
        lead = frame[c.WORST_PAIN] - frame[c.PAIN]
        # 0, 1, 1 or 2 above the pain (less only where 10 clips it)
        assert set(lead.unique()) <= {0.0, 1.0, 2.0} and abs(lead.mean() - 1.0) < 0.1
    stuck = diaries("stuck", 200, np.random.default_rng(3))
    late = stuck[(stuck[c.DATE] - stuck[c.ONSET_DATE]).dt.days >= 3]
    # issue 9: "pain stuck at 5 (from 6) ... with worst pain 6"
    assert abs(late[c.PAIN].mean() - 5.0) < 0.1 and abs(late[c.WORST_PAIN].mean() - 6.0) < 0.1
    own = diaries("stuck", 200, np.random.default_rng(3), worst_model="own")
    assert (own[c.WORST_PAIN] - own[c.PAIN]).max() >= 3  # the old model: the worst pain's own noise
    with pytest.raises(ValueError, match="worst_model"):
        diaries("stuck", 1, np.random.default_rng(3), worst_model="independent")


def test_rule_rates_split_the_warnings_by_rule_and_class() -> None:
    from benchmarks.simulate import rule_rates, run

    ran = run(100, 7)
    rates = rule_rates(100, 7, ran=ran).set_index(["code", "class"])
    table = simulate(100, 7, ran=ran).set_index("class")
    # the pain rule's column agrees with the class table, and no rule warns more diaries than all rules do
    assert rates.loc[("worst_pain_after_week", "persistent_high"), "by_day_21"] == table.loc[
        "persistent_high", "pain_rule_by_day_21"]
    for (code, shape), row in rates.iterrows():
        assert row["from_day_10"] <= table.loc[shape, "warned_from_day_10"] + 1e-12, code
    assert rates.loc[("no_activity_progress_3w", "stuck"), "by_day_14"] == 0.0  # it starts on day 21


def test_one_look_on_day_14_cannot_find_90_percent_at_1_percent_false_alarms() -> None:
    from benchmarks.simulate import roc

    curve = roc(14, per_class=300, seed=5).set_index(["statistic", "class"])
    assert (curve["found_at_1pct"] < 0.9).all()
    oracle = curve.loc[("oracle", "persistent_high")]
    assert oracle["found_at_1pct"] == pytest.approx(0.489, abs=0.001)  # Phi(2.30 - 2.33)
    # every statistic finds more when more average courses may be warned
    assert (curve["found_at_10pct"] >= curve["found_at_1pct"]).all()
    assert curve.loc[("level_check", "persistent_high"), "auc"] > 0.8
