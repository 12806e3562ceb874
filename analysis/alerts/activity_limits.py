"""The activity rules' numbers (GUIDANCE.md §4: "less and less active", "no progress building up activities after
three weeks", "after six weeks still not as active as before"), each with its source.

Apart from analysis.alerts.rules (which reads them by name, with the other thresholds, to word the rules) only to
keep that module short. The windows of the 7-day mean and the 14-day trend live in analysis.course.activity.
"""
from __future__ import annotations

__all__ = ["ACTIVITY_DECLINE_PER_DAY", "DECLINE_FROM_DAY", "DECLINE_Z", "NORMAL_ACTIVITY_SHARE",
           "PROGRESS_MARGIN_MINUTES", "RELATIVE_DECLINE_FLOOR", "RELATIVE_DECLINE_SHARE", "SHORT_DECLINE_PER_DAY",
           "SHORT_TREND_DAYS", "SHORT_TREND_MIN_VALUES", "WEEK_3_DAY", "WEEK_6_DAY"]  # rules.py reads them by name

# "Less and less active": the 14-day Theil-Sen trend at or below -2 min/day (-28 min in two weeks), or the last
# 7 days' at or below -4 min/day (a fall of as much within a week: a course that built up and then collapsed,
# 40 down to 5 minutes in six days, had a 14-day trend of -1.7: the build-up cancelled the fall; review 33), each
# only when the fall is beyond the day-to-day noise: a Mann-Kendall trend test (Kendall's S over the same
# window, ties corrected) at one-sided p <= 1% (z <= -2.326). Why the test: a tracker's minutes swing by ~26 a day,
# and the slope alone warned 16 of 32 real Fitbit users within a month (benchmarks/tracker_activity.py); with
# it, 4 of 32; simulated typed minutes falling 2 a day with noise 10 are still found (98% by day 27, median day
# 12 instead of 7; benchmarks/RESULTS.md).
ACTIVITY_DECLINE_PER_DAY = -2.0  # project choice: -28 minutes in two weeks
SHORT_TREND_DAYS = 7  # project choice: a week
SHORT_DECLINE_PER_DAY = -4.0  # project choice: the same -28 minutes, within the week
SHORT_TREND_MIN_VALUES = 6  # of the week's 7 days logged (with 5, one missing day decides the test)
DECLINE_Z = 2.326  # Mann-Kendall z at or below -2.326: one-sided p <= 1% (Mann 1945; Kendall 1975)
# From day 7 only: in the first days activity is at its lowest and a trend rests on 7 noisy values
# (about +-1 min/day of error at 5 min of day-to-day noise), which fired on ~0.1% of steady
# recoveries; from day 7 there are 8+ values and recoveries are building up (seeds: step by step).
DECLINE_FROM_DAY = 7
WEEK_3_DAY = 21  # seeds: "no progress building up activities after three weeks"; Dutch GPs: 3-4 weeks
PROGRESS_MARGIN_MINUTES = 10.0  # built up = 7-day mean >= first week's mean + 10 min a day
WEEK_6_DAY = 42  # seeds: "after six weeks still not as active as before"
# "As active as before" = 7-day mean >= 75% of one's normal minutes (below: not as active). Also
# used by the 3-week rule: someone back to 75% of normal has built up, even if week 1 was already
# busy (before: any shortfall from 100% counted, which fired on fast recoverers with a busy first
# week). 80% fired on ~1% of steady recoveries that sit at 85-90% of normal at week 6 with pain 0-1.
NORMAL_ACTIVITY_SHARE = 0.75
# "Less and less active" from a low level too (review 35's clinical-brief tester: walking 30 -> 5 minutes in three
# weeks, 50% of normal to 8%, never reached -2 min/day and was not warned; now on day 14): the 14-day trend falling by
# half its earlier week's mean over the window, at least -0.5 min/day (6 -> 3 minutes is not a fall to warn on), when
# the later week's mean is down to half the earlier week's too. Without that last condition, simulated flat courses
# of 20 minutes (noise 5) were warned in 10% (benchmarks/simulate.py: stuck, persistent_high); with it 0.1%, as before.
RELATIVE_DECLINE_SHARE = 0.5  # project choice: half of what the person did a week before
RELATIVE_DECLINE_FLOOR = -0.5  # project choice: -7 minutes in two weeks at the least
