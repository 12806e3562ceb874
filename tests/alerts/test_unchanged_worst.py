"""An unchanged worst pain warns on day 7 (analysis/alerts/pain_kernels.py `unchanged`; constants in
analysis/alerts/level_check.py, UNCHANGED_WEEK_ENTRIES, and rules.py, MODERATE_WORST_PAIN, WEEK_1_DAY).

GUIDANCE.md §4 'see a doctor if the worst pain persists after a week' (README: worst_pain_after_week 'from day
7'). Review 11's Fay (worst 8, pain 7 on every day 0..7) was warned only on day 9: the statistical branches judge a
noise-free diary at the measured noise. These are the edges of the plain rule that now warns her on day 7: only
its day-7 warning is checked, since the statistical branches may still warn the same diaries later.
"""
from __future__ import annotations

from analysis.alerts import level_check
from analysis.alerts import rules as r
from tests.alerts.test_alerts import days_of, diary, hand, series

CODE = "worst_pain_after_week"
WEEK = r.WEEK_1_DAY + 1  # days 0..7 since onset


def _days(pain: list[float], worst: list[float], logged: list[int] | None = None) -> list[int]:
    """The days since onset (diary from onset) on which worst_pain_after_week applies."""
    return days_of(hand(diary(pain, worst, logged=logged)), CODE)


def test_fays_diary_warns_on_day_7_and_stays_on() -> None:
    assert _days(series(WEEK, 7), series(WEEK, 8)) == [7]
    assert _days(series(21, 7), series(21, 8)) == list(range(7, 21))  # still unchanged: held to the end


def test_fays_exact_diary_on_day_6_is_not_warned_before_a_week() -> None:
    assert _days(series(WEEK - 1, 7), series(WEEK - 1, 8)) == []


def test_a_worst_pain_unchanged_on_only_4_days_of_week_1_is_not_warned_on_day_7() -> None:
    """Four days logged (half the week unseen, where a fall could be): not enough for the plain rule; five are."""
    assert level_check.UNCHANGED_WEEK_ENTRIES == 5
    assert _days(series(WEEK, 7), series(WEEK, 8), logged=[0, 2, 4, 7]) == []
    assert _days(series(WEEK, 7), series(WEEK, 8), logged=[0, 1, 2, 7]) == []  # days 3-6 missed
    assert _days(series(WEEK, 7), series(WEEK, 8), logged=[0, 2, 4, 6, 7]) == [7]


def test_a_worst_pain_falling_by_one_point_over_the_week_is_not_unchanged() -> None:
    """8 on day 0 to 7 on day 7, in even steps or in one step on day 4: it fell, so not on day 7."""
    assert _days(series(WEEK, 7), [8 - d / 7 for d in range(WEEK)]) == []
    assert _days(series(WEEK, 6.5), series(WEEK, 8, {range(4, WEEK): 7})) == []
    assert _days(series(WEEK, 6.5), series(WEEK, 8, {5: 7.5})) == []  # one day half a point lower


def test_a_flat_worst_pain_of_4_is_below_moderate_and_5_is_not() -> None:
    assert r.MODERATE_WORST_PAIN == 5
    assert _days(series(WEEK, 4), series(WEEK, 4)) == []
    assert _days(series(WEEK, 4), series(WEEK, 5)) == [7]
    assert _days(series(WEEK, 4), series(WEEK, 5, {3: 4.5})) == []  # one day under 5


def test_a_worst_pain_rising_over_the_week_has_not_fallen() -> None:
    assert _days(series(WEEK, 6), [6 + d / 7 for d in range(WEEK)]) == [7]


def test_a_worst_pain_up_for_one_day_and_back_fell_on_the_way_back() -> None:
    """8, then 9 on day 3, back to 8 on day 4: a fall from one day to the next, so not on day 7 (a
    rule against the first days' level warned 2.7-4.0% of simulated average courses, benchmarks/RESULTS.md)."""
    assert _days(series(WEEK, 7), series(WEEK, 8, {3: 9})) == []


def test_a_diary_begun_after_day_3_has_no_week_1_to_judge() -> None:
    """Onset 5 days before the first entry: only days 5..7 of the first week are logged."""
    assert _days(series(WEEK, 7), series(WEEK, 8), logged=[5, 6, 7]) == []


def test_a_worst_pain_held_at_5_while_the_pain_falls_fast_is_not_warned() -> None:
    """Review 28: the pain fell 7 to 1 in a week (a recovering course) while the worst pain stayed 5: the branch asked
    nothing about the course and warned on day 7, and on every day after while the worst stayed 5. As every branch
    of the rule, it needs the last days above the person's expected course."""
    assert _days([7, 6, 5, 4, 3, 2, 1, 1], series(WEEK, 5)) == []
    assert _days([7, 6, 5, 4, 3, 2, 1] + [1] * 7, series(14, 5)) == []


def test_a_diary_begun_after_the_first_days_has_not_seen_week_1_fall() -> None:
    """Logged from day 3 to day 7 (five days) at worst 5: the first days, when a fall would show, were not logged."""
    assert _days(series(WEEK, 5), series(WEEK, 5), logged=[3, 4, 5, 6, 7]) == []
    assert _days(series(WEEK, 5), series(WEEK, 5), logged=[0, 1, 2, 3, 7]) == [7]  # the first days seen: as designed


def test_a_warning_on_an_unchanged_worst_pain_holds_while_the_pain_falls() -> None:
    """Review 36's tester: the worst pain 7 every day while the pain fell fast was warned on day 7 or 8, quiet on
    the next day or two (the last days no longer above the expected course), and warned again from day 10 by the
    worst pain's plateau, as a second alert. A warning already given holds while the worst pain has not fallen."""
    falling = [6, 5, 6, 5, 4, 5, 4, 4, 3, 4, 3, 3, 2, 3, 2, 2, 2, 2, 2, 1, 2]
    assert _days(falling, series(21, 7)) == list(range(8, 21))
    assert _days([6, 6, 6, 5, 5, 5, 3, 4, 3, 3, 2, 2, 2, 3, 2, 2, 2, 2, 1, 2, 2], series(21, 6)) == list(range(7, 21))
    # the worst pain 8 for three weeks while the pain fell to 1: warned on day 7, then quiet until now
    assert _days([4, 5, 4, 4, 3, 4, 3, 2, 3, 2, 1, 1, 2, 0, 1, 1, 0, 0, 1, 1, 2], series(21, 8)) == list(range(7, 21))


def test_a_held_warning_ends_when_the_worst_pain_falls() -> None:
    """The same course with the worst pain down to 5 from day 12: it fell, so the warning is no longer held by it."""
    falling = [6, 5, 6, 5, 4, 5, 4, 4, 3, 4, 3, 3, 2, 3, 2, 2, 2, 2, 2, 1, 2]
    held = _days(falling, series(21, 7, {range(12, 21): 5}))
    assert held[:4] == [8, 9, 10, 11] and 20 not in held
