"""The expected course of acute low back pain, as a fraction of the onset pain.

Published cohorts report mean pain at a few time points after onset
(GUIDANCE.md section 1). A single exponential cannot follow both the fast fall
of the first weeks and the slow tail that follows, so each parameter set is
fitted (scipy, exactly through its points) with a two-phase curve

    fraction(day) = a * exp(-k_fast * day) + (1 - a) * exp(-k_slow * day)

which is smooth, 1.0 on the onset day, and never rises (0 <= a <= 1 and both
rates >= 0). Beyond the last published point the curve stays flat at that
point's value: the cohorts say nothing about later days. Days before onset are
treated as day 0. (With three points and three parameters the fit is exact;
the half-life of the fast phase comes out at about 12 days.)

Each source is a named, swappable :class:`RecoveryCurve` in ``CURVES`` so the
dashboard and tests can compare sources without touching the analyses.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from analysis.model.errors import ValidationError

# Starting guess for the fit: half the pain goes in a phase with a ~2 week
# half-life, the rest over about half a year.
_GUESS = (0.5, 0.05, 0.004)
# From this many days at once, whole days are read off a table of the curve (RecoveryCurve.day_table).
_TABLE_FROM_SIZE = 1024


@dataclass(frozen=True)
class RecoveryCurve:
    """One published course: points of (day since onset, fraction of onset pain).

    ``fitted`` holds (a, k_fast, k_slow) as fitted by :func:`fit_two_phase`
    once, so that importing scipy (about 0.7 s) is not paid at every start; a
    test checks they match a fresh fit. Leave it None for a new parameter set
    and the fit runs on first use.
    """

    name: str
    citation: str
    points: tuple[tuple[float, float], ...]
    fitted: tuple[float, float, float] | None = None

    @cached_property
    def parameters(self) -> tuple[float, float, float]:
        """(a, k_fast, k_slow) of the two-phase curve through the points."""
        return self.fitted if self.fitted is not None else fit_two_phase(self.points)

    @property
    def last_day(self) -> float:
        """The last published day; the curve is flat after it."""
        return max(p[0] for p in self.points)

    def fraction(self, days: npt.ArrayLike) -> np.ndarray:
        """Expected pain as a fraction of onset pain on each day (NaN stays NaN)."""
        t = np.clip(np.asarray(days, dtype=float), 0.0, self.last_day)
        if t.size >= _TABLE_FROM_SIZE and float(self.last_day).is_integer():
            with np.errstate(invalid="ignore"):  # a NaN casts to some integer: then not every day is whole
                whole = t.astype(np.int64)
            if np.array_equal(whole, t):  # every one a whole day (a NaN or a fraction takes the formula)
                return self.day_table[whole]
        return _two_phase(t, *self.parameters)

    @cached_property
    def day_table(self) -> np.ndarray:
        """fraction() of every whole day from onset to the last published day, worked out once (read-only).

        Why: the rules ask for the curve on a million grid rows, all whole days of at most a year; the
        table holds the very numbers the formula gives for them, at one lookup each (issue 12).
        """
        table = _two_phase(np.arange(int(self.last_day) + 1, dtype=float), *self.parameters)
        table.setflags(write=False)
        return table


def fit_two_phase(points: tuple[tuple[float, float], ...]) -> tuple[float, float, float]:
    """(a, k_fast, k_slow) fitted through (day, fraction) points by least squares (scipy)."""
    from scipy.optimize import least_squares  # imported late: slow, and only needed for new curves

    days = np.array([p[0] for p in points], dtype=float)
    target = np.array([p[1] for p in points], dtype=float)

    def residuals(params: np.ndarray) -> np.ndarray:
        return _two_phase(days, *params) - target

    fit = least_squares(residuals, _GUESS, bounds=([0.0, 1e-6, 1e-7], [1.0, 1.0, 0.1]),
                        xtol=1e-14, ftol=1e-14, gtol=1e-14)
    a, k_fast, k_slow = (float(v) for v in fit.x)
    return a, k_fast, k_slow


def _two_phase(days: np.ndarray, a: float, k_fast: float, k_slow: float) -> np.ndarray:
    return a * np.exp(-k_fast * days) + (1.0 - a) * np.exp(-k_slow * days)


# Menezes Costa 2012 (CMAJ, acute cohorts, 0-100): 52 at onset, 23 at 6 weeks,
# 12 at 26 weeks, 6 at 52 weeks. Pengel 2003's "about 0.42 at one month" is not
# used as a point: it lies below the 6-week 0.44, and no non-increasing curve
# passes through both; the fitted curve gives 0.51 at day 30.
MENEZES_2012 = RecoveryCurve(
    name="menezes2012",
    citation="Menezes Costa et al., CMAJ 2012: acute cohorts 52 -> 23 (6 wk) -> 12 (26 wk) -> 6 (52 wk)",
    points=((42, 23 / 52), (182, 12 / 52), (365, 6 / 52)),  # Menezes Costa 2012
    fitted=(0.5402788247105011, 0.05657660044651849, 0.003787257919007924),  # fit_two_phase(points)
)

# Wallwork 2024 (CMAJ update, 47 cohorts): 56 -> 26 (6 wk) -> 22 (26 wk) -> 21
# (52 wk): the same early fall with a much flatter tail.
WALLWORK_2024 = RecoveryCurve(
    name="wallwork2024",
    citation="Wallwork et al., CMAJ 2024: acute cohorts 56 -> 26 (6 wk) -> 22 (26 wk) -> 21 (52 wk)",
    points=((42, 26 / 56), (182, 22 / 56), (365, 21 / 56)),  # Wallwork 2024
    fitted=(0.5885905532527134, 0.055487712694734646, 0.0002538710025629219),  # fit_two_phase(points)
)

CURVES: dict[str, RecoveryCurve] = {c.name: c for c in (MENEZES_2012, WALLWORK_2024)}
DEFAULT_CURVE = "menezes2012"


def get_curve(curve: str) -> RecoveryCurve:
    """Return the named parameter set, or raise ValidationError naming the choices."""
    try:
        return CURVES[curve]
    except (KeyError, TypeError):
        choices = ", ".join(CURVES)
        raise ValidationError(f"Unknown recovery curve {curve!r}; choose one of: {choices}.") from None


def expected_fraction(days: npt.ArrayLike, curve: str = DEFAULT_CURVE) -> np.ndarray:
    """Expected pain on each day since onset as a fraction of the onset pain.

    Multiply by a person's onset pain to get their expected pain. 1.0 on day 0,
    never rising, flat after the last published day; negative days count as
    day 0 and NaN days give NaN. Returns a float array shaped like ``days``.
    """
    return get_curve(curve).fraction(days)
