"""The expected course of acute low back pain reproduces its published tables."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.course.curve import (
    CURVES,
    DEFAULT_CURVE,
    RecoveryCurve,
    _two_phase,
    expected_fraction,
    fit_two_phase,
    get_curve,
)
from analysis.model.errors import ValidationError


@pytest.mark.parametrize(("curve", "baseline", "day", "published"), [
    ("menezes2012", 5.2, 42, 2.3),  # Menezes Costa 2012: 52 -> 23 at 6 weeks
    ("menezes2012", 5.2, 182, 1.2),  # 12 at 26 weeks
    ("menezes2012", 5.2, 365, 0.6),  # 6 at 52 weeks
    ("wallwork2024", 5.6, 42, 2.6),  # Wallwork 2024: 56 -> 26 at 6 weeks
    ("wallwork2024", 5.6, 182, 2.2),  # 22 at 26 weeks
    ("wallwork2024", 5.6, 365, 2.1),  # 21 at 52 weeks
])
def test_curve_reproduces_published_table(curve: str, baseline: float, day: int, published: float) -> None:
    assert baseline * expected_fraction(day, curve) == pytest.approx(published, abs=0.15)


@pytest.mark.parametrize("curve", list(CURVES))
def test_curve_starts_at_one(curve: str) -> None:
    assert expected_fraction(0, curve) == pytest.approx(1.0)


@pytest.mark.parametrize("curve", list(CURVES))
def test_curve_never_rises(curve: str) -> None:
    values = expected_fraction(np.linspace(0, 800, 4001), curve)
    assert np.all(np.diff(values) <= 1e-12)
    assert np.all((values > 0) & (values <= 1))


@pytest.mark.parametrize("curve", list(CURVES))
def test_curve_is_flat_after_last_point(curve: str) -> None:
    assert expected_fraction([365, 500, 3650], curve) == pytest.approx([expected_fraction(365, curve)] * 3)


@pytest.mark.parametrize("curve", list(CURVES))
def test_curve_falls_fast_first(curve: str) -> None:
    """Two phases: most of the fall to week 6 happens in the first three weeks."""
    fall_3_weeks = 1 - expected_fraction(21, curve)
    fall_6_weeks = 1 - expected_fraction(42, curve)
    assert fall_3_weeks > 0.6 * fall_6_weeks


def test_days_before_onset_count_as_day_zero_and_nan_stays_nan() -> None:
    values = expected_fraction([-3, np.nan])
    assert values[0] == pytest.approx(1.0)
    assert np.isnan(values[1])


def test_expected_fraction_keeps_shape() -> None:
    assert expected_fraction(np.zeros((2, 3))).shape == (2, 3)


def test_default_curve_is_menezes() -> None:
    assert DEFAULT_CURVE == "menezes2012"
    assert "Menezes Costa" in get_curve(DEFAULT_CURVE).citation
    assert "Wallwork" in get_curve("wallwork2024").citation


@pytest.mark.parametrize("name", ["pengel2003", "", "MENEZES2012"])
def test_unknown_curve_is_refused(name: str) -> None:
    with pytest.raises(ValidationError) as err:
        expected_fraction(10, name)
    assert str(err.value) == f"Unknown recovery curve {name!r}; choose one of: menezes2012, wallwork2024."


@pytest.mark.parametrize("curve", list(CURVES))
def test_stored_parameters_match_a_fresh_fit(curve: str) -> None:
    found = get_curve(curve)
    assert fit_two_phase(found.points) == pytest.approx(found.parameters, rel=1e-6)


def test_new_parameter_set_is_fitted_on_first_use() -> None:
    custom = RecoveryCurve("custom", "test", ((30, 0.5), (90, 0.3), (365, 0.2)))
    assert custom.fraction([30, 90, 365]) == pytest.approx([0.5, 0.3, 0.2], abs=1e-6)


@pytest.mark.parametrize("name", list(CURVES))
def test_the_day_table_holds_the_formulas_very_numbers(name: str) -> None:
    curve = CURVES[name]
    days = np.arange(-5, int(curve.last_day) + 30)
    direct = np.array([_two_phase(np.clip(np.array([float(d)]), 0.0, curve.last_day), *curve.parameters)[0]
                       for d in days])
    many = np.tile(days, 40)  # enough days at once to be read off the table
    assert np.array_equal(curve.fraction(many), np.tile(direct, 40))
    with_gap = many.astype(float)
    with_gap[3], with_gap[7] = np.nan, 10.5  # a missing day and a fraction: the formula, NaN kept
    found = curve.fraction(with_gap)
    assert np.isnan(found[3]) and found[7] == _two_phase(np.array([10.5]), *curve.parameters)[0]
    assert np.array_equal(np.delete(found, [3, 7]), np.delete(np.tile(direct, 40), [3, 7]))
