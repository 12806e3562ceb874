"""The alert rules: codes, severities, thresholds with their sources, and the words people read.

The engine (analysis.alerts.engine) decides on which diary days each rule applies;
this module says what each rule means. Messages say what to do, calmly, and
never name a diagnosis (GUIDANCE.md, preamble). Every threshold is used with
the comparison its comment states, and tests/alerts/test_alerts.py checks each one
exactly at and just past its value.

Each rule is one declaration (build_rules): code, severity, title, message and
evidence, the thresholds it states (named, with unit and source) and the Finder that
finds its days (the engine runs what the rules name). Titles and words are f-strings of the same constants
the engine compares with, so a threshold is changed in one place and the words
follow (tests/alerts/test_rules_data.py rebuilds them with other values). Other modules
read titles (ALERT_TITLES) and the symptom mapping (red_flags.RULE_SYMPTOMS) from
here, never restate them.
"""
from __future__ import annotations

from types import SimpleNamespace

from analysis.alerts import level_check
from analysis.alerts.activity_limits import *  # noqa: F403  (the activity rules' numbers: its __all__)
from analysis.alerts.declaration import Finder, Rule, Threshold, number_word, weeks_in_digits, weeks_in_words
from analysis.alerts.medicine_days import *  # noqa: F403  (how many days of a medicine: its __all__)
from analysis.alerts.red_flags import (
    EMERGENCY_MESSAGE,
    INFO,
    LEG_MESSAGE,
    NEW_NUMBNESS_WEAKNESS,
    NUMBNESS_MESSAGE,
    RADIATING_LEG_PAIN,
    RED_FLAG_EMERGENCY,
    RED_FLAG_SEE_DOCTOR,
    RULE_SYMPTOMS,
    SEE_DOCTOR_MESSAGE,
    URGENT,
    WARNING,
)
from analysis.course import activity, recovery
from analysis.model import vocabulary as codes
from analysis.model.vocabulary import LOW_DOSE_ASPIRIN_MAX_MG, MEDICINES, PARACETAMOL

# ---- worst pain after a week (seeds: "if the worst pain persists after a week") -------------
# "Persisting" as the seeds mean it (issue 9): the pain not coming down after the first week (flat or rising), while a
# course falling at the published average pace is not persisting. Each diary is compared with two courses fitted to
# its own days since onset (cumulative: one dip or noisy day moves the evidence little):
#   expected: y = L x fraction(day), the published average course (Menezes Costa 2012, analysis.course.curve)
#             scaled to the person (L fitted through all days, so anchored by the first days);
#   flat:     one level on the diary's first FIRST_DAYS days, another level on every day since.
# y is the day's mean of average and worst pain (the worst pain as the pain where missing); the expected course is
# fitted to y less the mean lead of the worst pain over the pain so far (a worst pain one point above the pain every
# day must not bend a course through zero). The evidence is how much better the flat course fits: (RSS_expected -
# RSS_flat) / noise variance, the noise the flat course's residual variance leaving out its largest residual (one odd
# day must not swamp a steady diary), at least NOISE_FLOOR_POINTS squared. It applies from day 7 when
#   - the evidence is at least PERSISTING_EVIDENCE,
#   - the last LEVEL_DAYS days lie above the person's expected course (not a faster recovery),
#   - the worst pain (LEVEL_DAYS mean) is still >= MODERATE_WORST_PAIN, and
#   - the worst pain has not fallen by a clinically important amount (2 points or 30%, Ostelo 2008)
#     from the diary's first days: a course that falls a little and then stays flat persists.
# Once on, it stays while the last three hold (hysteresis): it ends when the worst pain falls 2 points or 30%, or
# below 5, or the last week drops under the expected course, never on the evidence alone.
# Or, needing no evidence, from day 7: the worst pain 5+ and no logged day lower than the one before since the diary
# began, 5 of days 0..7 logged (level_check.UNCHANGED_WEEK_ENTRIES; review 11: worst 8 daily warned day 9).
# Why not a slope over 14 or 28 days (before): benchmarks/RESULTS.md. At the measured noise (sd 1.3) a flat and the
# average course differ by less than the noise for two weeks; the bar keeps >= 99% of average courses free of warnings
# from day 10 and finds stuck or persistent courses as early as the noise allows.
# Declared once in analysis.alerts.level_check (the rule and its level check read the same days; that
# module cannot import this one): day 7 after onset (seeds: "after a week"), the diary's first 3 calendar days
# set the starting level, and "recent" is the mean of the last 7 calendar days with at least 3 entries.
WEEK_1_DAY = level_check.WEEK_1_DAY
FIRST_DAYS = level_check.FIRST_DAYS
LEVEL_DAYS = level_check.LEVEL_DAYS
LEVEL_MIN_ENTRIES = level_check.LEVEL_MIN_ENTRIES
MODERATE_WORST_PAIN = 5.0  # "persisting" only matters while the worst pain is still >= 5 (moderate)
IMPORTANT_FALL_POINTS = recovery.MCID_POINTS  # Ostelo 2008 / Farrar 2001: a fall of >= 2 points ...
IMPORTANT_FALL_SHARE = recovery.MCID_FRACTION  # ... or >= 30% is clinically important; less is "no important fall"
# The bar: benchmarks/simulate.py (seed 2026, 1,000 diaries a class): at 30, 0.8% of average-course
# diaries get any warning from day 10 (0.8% and 1.0% on seeds 1 and 2); at 24, 1.2%; at 28, 1.1%.
PERSISTING_EVIDENCE = 30.0  # (RSS_expected - RSS_flat) / noise variance
NOISE_FLOOR_POINTS = 0.3  # the noise is at least the rounding error of whole-point scores: 1/sqrt(12) = 0.29
# The worst pain's own plateau (issue 9; scenario worst_flat_while_average_falls): the worst pain can stay
# high while the average pain eases, and the seeds' rule is about the worst pain, so a second branch looks at
# the worst pain alone. Over the last WORST_FLAT_DAYS calendar days (at least WORST_FLAT_MIN_ENTRIES logged)
# the worst pain's least-squares slope lies WORST_FLAT_Z standard errors or more above the slope of the
# average course over the same days (Menezes Costa 2012, at the person's level L from the fit above). The
# error comes from the worst pain's own noise: its scatter around that line or, if larger, half the mean
# squared day-to-day change over WORST_NOISE_DAYS days (more values: a chance quiet run does not make a noisy
# diary look sure), at least WORST_FLAT_NOISE_FLOOR. From day WORST_FLAT_FROM_DAY, while the worst pain's
# 7-day mean is still >= MODERATE_WORST_PAIN without an important fall from the first days (as above), and
# held while those hold. The bar (benchmarks/RESULTS.md, 1,000 diaries a class, noise sd 1.3): at 5.5 the
# average course keeps the same share warning-free from day 10 as without the branch on seeds 2026, 1 and 2
# (99.2%, 99.2%, 99.0%); at 5, 99.2%, 99.1%, 98.8%; at 4, 98.3% on seed 2026 (the slope of ten noisy days
# has heavier tails than a normal).
WORST_FLAT_FROM_DAY = 10  # a week of the worst pain's own course after the first days (seeds: "after a week")
WORST_FLAT_DAYS = 10  # the worst pain's course over the last 10 calendar days ...
WORST_FLAT_MIN_ENTRIES = 7  # ... with at least 7 entries
WORST_FLAT_Z = 5.5  # (slope - the average course's slope) / standard error >= 5.5
WORST_NOISE_DAYS = 19  # day-to-day changes over the last 19 days judge the noise too
# half-point scores' rounding error, 0.5 / sqrt(12) = 0.14: a diary that logs the same worst pain every day is
# judged at that noise (whole-point rounding, NOISE_FLOOR_POINTS, would need twice the days to show a plateau)
WORST_FLAT_NOISE_FLOOR = 0.15

# ---- activity (seeds: "less and less active", "no progress after 3 weeks", "after 6 weeks") ----
# The numbers and their sources: analysis/alerts/activity_limits.py (read here by name, star-imported above).
# The weekly check-in, when there is a recent one, says "as active as before" better than minutes do
# (issue 13): the Patient-Specific Functional Scale rates the activities the back stops the person doing,
# 10 = as before (Stratford 1995). Within its minimal important change of 2 points of 10 (Horn 2012;
# Stratford 1995) counts as back to before: a mean of 8+ clears the six-week rule, below 8 it applies
# whatever the minutes. A check-in counts for 14 days (two weekly check-ins); older, minutes decide.
PSFS_INSTRUMENT = codes.PSFS_INSTRUMENT  # the questionnaire store's code (analysis.plan.checkin.PSFS)
PSFS_AS_BEFORE_MEAN = 8.0
PSFS_RECENT_DAYS = 14
# Pain "persisting" at 6 weeks (info, pain_persisting_6w): 7-day mean pain >= 2 (at least 3 entries).
# PACE (Williams 2014)
# calls pain 0-1 recovered; a 7-day mean of 2 means most days above that. The earlier cut-off of
# 1.5 fired on steady recoveries that log 0-2 at week 6 (mean ~1, a noisy week reaches 1.5).
NOT_RECOVERED_PAIN = 2.0
PAIN_WEEK_DAYS = 7
PAIN_WEEK_MIN_ENTRIES = 3

# ---- a flare (Ostelo 2008; GUIDANCE.md section 3: "2 points or 30%", the size of an important improvement) ----
# Recent pain >= the baseline + 2 points, at any level (2 points AND 30% asked more above 6.7: 7 -> 9 was no flare,
# review 11). Not the 30% alone: under a point at low pain, in the noise (18% of average courses, simulate.py).
FLARE_POINTS = recovery.MCID_POINTS
# ... and >= 3 of 10. Without a floor a recovered diary that logs 0 for a week and then 2 on two
# days (mild pain, PACE recovery is 0-1) counted as a flare (+2 points, +30% of 0): ~0.1% of
# clean recoveries fired on that alone.
FLARE_MIN_PAIN = 3.0
# Recent pain is reached on at least FLARE_HIGH_DAYS of the last FLARE_RECENT_DAYS calendar days (the
# FLARE_HIGH_DAYS-th highest logged value), so a few bad days never fire it. It was the median of 3 days:
# at the day-to-day noise measured on a real pain log (sd 1.3, benchmarks/simulate.py) that fired on 55%
# of diaries following the average course (Menezes Costa 2012), which never rises.
FLARE_RECENT_DAYS = 5
FLARE_HIGH_DAYS = 4
# The baseline is the mean pain of the 14 calendar days before the recent days (at least 4 entries). It
# was the lowest 7-day mean among those days: the lowest of fourteen noisy means sits about half a
# point under the course, which alone fired on 22% of average-course diaries at the measured noise.
FLARE_BASELINE_DAYS = 14
FLARE_BASELINE_MIN_ENTRIES = 4

# ---- bed rest (NHS; Cochrane 2010: no more than two days of bed rest) ---------------------------
# A bed-rest day: >= 8 hours lying down during the day, half of a 16-hour waking day: "mostly lying down". NHS ("avoid
# bed rest") and Cochrane 2010 (staying active beats bed rest) name no hour count; 12 h missed days mostly in bed.
BED_REST_HOURS = 8.0
BED_REST_MAX_DAYS = 2  # applies on a bed-rest day when the last 7 days hold > 2 bed-rest days
BED_REST_WINDOW_DAYS = 7

# ---- red flags stay until they are dealt with (issue 9; GUIDANCE.md section 4 "seek care now") ----
# A sign that needs care is not gone because the next day was ordinary, nor because weeks went by: an urgent
# alert stays active until someone records that a clinician has seen the person about it, however long ago it
# was reported (the product's rule "an urgent sign never goes quiet by itself"; issue 9 asks for "at least 14
# days" after the last report, and an end date of 14 once let an emergency nobody had assessed go quiet on day 15).
# Signs that need a doctor soon stay SEE_DOCTOR_HOLD_DAYS after they were last reported unless seen. Design
# choice (issue 9): a week covers the time to reach and hear back from a GP. A report dated after the seen date
# starts either hold again.
SEE_DOCTOR_HOLD_DAYS = 7
# The symptom warnings that say to contact a doctor: also the one declaration of which alerts Today shows above
# the plan and which hold the walking target until seen (analysis.review.page_rules.doctor_first,
# analysis.plan.doctor_hold). Not "leg pain" or "not improving at 3 weeks": those do not ask for a doctor first.
SEE_DOCTOR_HOLD_CODES = (RED_FLAG_SEE_DOCTOR, NEW_NUMBNESS_WEAKNESS)
# Held SEE_DOCTOR_HOLD_DAYS unless seen (analysis.alerts.history), with "I have been seen about this": the signs
# above, and leg pain (GUIDANCE §4; its message asks a GP or physio to take a look, which takes days: it was active
# on the day logged only, "On track" in the Clinic next morning; review 17). Not the walk: the exercises.
HELD_WARNING_CODES = (*SEE_DOCTOR_HOLD_CODES, RADIATING_LEG_PAIN)

# ---- numbers read from the analyses that compute them (stated there once, with their sources) ---
TREND_WINDOW_DAYS = activity.TREND_WINDOW_DAYS  # the activity trend's window (project choice: two weeks)
ACTIVITY_MEAN_DAYS = activity.MEAN_WINDOW_DAYS  # recent activity: the last calendar week
CURRENT_PAIN_DAYS = recovery.WINDOW_DAYS  # current pain: a 7-day mean (PACE, Williams 2014)
PARACETAMOL_MAX_MG = MEDICINES[PARACETAMOL].max_daily_mg  # NHS, TGA: above it is urgent
IBUPROFEN_OTC_MG = MEDICINES["ibuprofen"].otc_max_daily_mg  # NHS: over the counter
NAPROXEN_OTC_MG = MEDICINES["naproxen"].otc_max_daily_mg  # DailyMed: over the counter
ASPIRIN_LOW_DOSE_MG = LOW_DOSE_ASPIRIN_MAX_MG  # BNF: antiplatelet dose, not a painkiller

# ---- history -----------------------------------------------------------------------------------
# A rule that misses one diary day between two days on which it applies stays one alert (same
# first date and fingerprint), so a noisy diary does not produce a string of separate alerts.
BRIDGE_DIARY_DAYS = 1

# Every constant a rule's words state; build_rules reads them by name so a test can rebuild the words
# with another value and see them change.
THRESHOLD_NAMES = (
    "WEEK_1_DAY", "FIRST_DAYS", "LEVEL_DAYS", "MODERATE_WORST_PAIN", "IMPORTANT_FALL_POINTS", "IMPORTANT_FALL_SHARE",
    "PERSISTING_EVIDENCE", "WORST_FLAT_FROM_DAY", "WORST_FLAT_DAYS", "WORST_FLAT_Z", "ACTIVITY_DECLINE_PER_DAY",
    "SHORT_TREND_DAYS", "SHORT_TREND_MIN_VALUES", "SHORT_DECLINE_PER_DAY", "DECLINE_Z", "RELATIVE_DECLINE_SHARE",
    "RELATIVE_DECLINE_FLOOR", "DECLINE_FROM_DAY", "TREND_WINDOW_DAYS", "WEEK_3_DAY", "PROGRESS_MARGIN_MINUTES",
    "ACTIVITY_MEAN_DAYS", "WEEK_6_DAY", "NORMAL_ACTIVITY_SHARE", "PSFS_AS_BEFORE_MEAN", "PSFS_RECENT_DAYS",
    "NOT_RECOVERED_PAIN", "PAIN_WEEK_DAYS", "CURRENT_PAIN_DAYS", "FLARE_POINTS", "FLARE_MIN_PAIN", "FLARE_RECENT_DAYS",
    "FLARE_HIGH_DAYS", "FLARE_BASELINE_DAYS", "BED_REST_HOURS", "BED_REST_MAX_DAYS", "BED_REST_WINDOW_DAYS",
    "OPIOID_MAX_DAYS", "OPIOID_WINDOW_DAYS", "NSAID_MAX_DAYS", "NSAID_WINDOW_DAYS", "STEROID_MIN_DAYS",
    "STEROID_WINDOW_DAYS", "PARACETAMOL_ALONE_DAYS",
    "PARACETAMOL_WINDOW_DAYS", "SEE_DOCTOR_HOLD_DAYS", "PARACETAMOL_MAX_MG", "IBUPROFEN_OTC_MG",
    "NAPROXEN_OTC_MG", "ASPIRIN_LOW_DOSE_MG",
)


def build_rules(**overrides: float) -> dict[str, Rule]:
    """The declarations, worded from the constants above (or `overrides` of them, by name).

    Why a function: titles, messages and evidence are f-strings of the same constants the engine
    compares with, so changing a threshold is one edit and the words can never disagree with it.
    """
    unknown = set(overrides) - set(THRESHOLD_NAMES)
    if unknown:
        raise TypeError(f"build_rules() got thresholds it does not know: {', '.join(sorted(unknown))}.")
    k = SimpleNamespace(**{**{name: globals()[name] for name in THRESHOLD_NAMES}, **overrides})

    def t(name: str, unit: str, source: str) -> Threshold:
        return Threshold(name, getattr(k, name), unit, source)

    see_doctor_hold = t("SEE_DOCTOR_HOLD_DAYS", "days", "issue 9")
    week_1 = t("WEEK_1_DAY", "day", "seeds: 'after a week'")
    moderate = t("MODERATE_WORST_PAIN", "points", "project choice: moderate worst pain")
    fall = (t("IMPORTANT_FALL_POINTS", "points", "Ostelo 2008; Farrar 2001"),
            t("IMPORTANT_FALL_SHARE", "share", "Ostelo 2008; Farrar 2001"))
    week_3 = t("WEEK_3_DAY", "day", "seeds: 'after three weeks'; Dutch GPs 3-4 weeks")
    week_6 = t("WEEK_6_DAY", "day", "seeds: 'after six weeks'")
    normal_share = t("NORMAL_ACTIVITY_SHARE", "share", "project choice, benchmarks/simulate.py")
    trend = t("TREND_WINDOW_DAYS", "days", "project choice: two weeks of days for the seeds' 'less and less active'")
    mean_days = t("ACTIVITY_MEAN_DAYS", "days", "the last calendar week")
    rules = [
        Rule(RED_FLAG_EMERGENCY, URGENT, "Emergency warning sign", EMERGENCY_MESSAGE,
             "Loss of bladder or bowel control, saddle numbness, a leg that cannot move or numbness or weakness in "
             "both legs reported, or numbness or weakness reported on two consecutive days (a day with nothing "
             "logged at all between two such reports counts as one with it); stays active until a "
             "clinician has seen the person about it, however long ago it was reported (NHS; Healthwise; "
             "GUIDANCE.md §4 'seek care now').",
             (), RULE_SYMPTOMS[RED_FLAG_EMERGENCY], Finder.SYMPTOMS),
        Rule(RED_FLAG_SEE_DOCTOR, WARNING, "Fever or weight loss", SEE_DOCTOR_MESSAGE,
             "Fever, weight loss or feeling unwell reported; stays active until seen, else "
             f"{k.SEE_DOCTOR_HOLD_DAYS} days after the last report (Healthwise; GUIDANCE.md §4 'call the doctor').",
             (see_doctor_hold,), RULE_SYMPTOMS[RED_FLAG_SEE_DOCTOR], Finder.SYMPTOMS),
        Rule(NEW_NUMBNESS_WEAKNESS, WARNING, "New numbness or weakness", NUMBNESS_MESSAGE,
             "New numbness, tingling or weakness in a leg reported on one day; stays active until seen, else "
             f"{k.SEE_DOCTOR_HOLD_DAYS} days after the last report (Healthwise: new or worse numbness or weakness, "
             "call the doctor now; GUIDANCE.md §4).",
             (see_doctor_hold,), RULE_SYMPTOMS[NEW_NUMBNESS_WEAKNESS], Finder.SYMPTOMS),
        Rule(RADIATING_LEG_PAIN, WARNING, "Pain spreading into the leg", LEG_MESSAGE,
             "Pain radiating into the leg reported; stays active until seen, else "
             f"{k.SEE_DOCTOR_HOLD_DAYS} days after the last report (seeds; GUIDANCE.md §4 'see a doctor if').",
             (see_doctor_hold,), RULE_SYMPTOMS[RADIATING_LEG_PAIN], Finder.SYMPTOMS),
        Rule(codes.WORST_PAIN_AFTER_WEEK, WARNING, f"Pain still strong after {weeks_in_words(k.WEEK_1_DAY)}",
             "Your pain, or your worst pain of the day, has not been easing the way it usually does after the first "
             f"{weeks_in_words(k.WEEK_1_DAY, article=False)}. Book an appointment with your GP or physiotherapist to "
             "check that nothing else is going on; keep moving gently meanwhile.",
             f"From day {k.WEEK_1_DAY}: the pain (mean of average and worst) fits a flat course since the first "
             f"{k.FIRST_DAYS} days clearly better than the average published course scaled to the person's own "
             f"start ({k.PERSISTING_EVIDENCE:g}+ noise variances), the last {k.LEVEL_DAYS} days lie above that "
             f"course, and the worst pain ({k.LEVEL_DAYS}-day mean) is still {k.MODERATE_WORST_PAIN:g}+ of 10 "
             f"without a fall of {k.IMPORTANT_FALL_POINTS:g} points or {k.IMPORTANT_FALL_SHARE:.0%} from the first "
             f"days; or, from day {k.WORST_FLAT_FROM_DAY}, the worst pain alone has stayed level over the last "
             f"{k.WORST_FLAT_DAYS} days where that course falls ({k.WORST_FLAT_Z:g} standard errors), still "
             f"{k.MODERATE_WORST_PAIN:g}+ without such a fall; or the average pain alone fits that flat course "
             f"better by a likelihood ratio of {level_check.EVIDENCE_BAR:g} or more up to day "
             f"{level_check.LATE_FROM_DAY - 1} ({level_check.LATE_EVIDENCE_BAR:g} after), with the day-to-day noise "
             f"taken as the measured {level_check.NOISE_SD:g} points until the diary shows its own, the last "
             f"{k.LEVEL_DAYS} days above the course and the same worst-pain conditions; or, from day {k.WEEK_1_DAY} "
             f"itself, the worst pain has not fallen at all ({k.MODERATE_WORST_PAIN:g}+ and no logged day lower than "
             f"the one before since the diary began, {level_check.UNCHANGED_WEEK_ENTRIES}+ of days 0-{k.WEEK_1_DAY} "
             "logged) (seeds: 'worst pain persists after a week'; Ostelo 2008; Menezes Costa 2012).",
             (week_1, t("FIRST_DAYS", "days", "project choice"), t("LEVEL_DAYS", "days", "project choice"),
              t("PERSISTING_EVIDENCE", "noise variances", "benchmarks/simulate.py, seed 2026"), moderate, *fall,
              t("WORST_FLAT_FROM_DAY", "day", "issue 9"), t("WORST_FLAT_DAYS", "days", "issue 9"),
              t("WORST_FLAT_Z", "standard errors", "benchmarks/RESULTS.md")), (), Finder.PAIN_COURSE),
        Rule(codes.ACTIVITY_DECLINING, WARNING, "Becoming less active",
             "You have been less and less active over the last "
             f"{weeks_in_words(k.SHORT_TREND_DAYS, article=False)} or {number_word(k.TREND_WINDOW_DAYS // 7)}. Try "
             "to build up again in small steps (a few minutes more each day); if pain stops you, talk to your GP or "
             "physiotherapist.",
             f"From day {k.DECLINE_FROM_DAY}: activity trend over {k.TREND_WINDOW_DAYS} days "
             f"{k.ACTIVITY_DECLINE_PER_DAY:g} minutes a day or steeper (or, its later week's mean down by "
             f"{k.RELATIVE_DECLINE_SHARE:.0%} of its earlier week's, by as much over the window, "
             f"{k.RELATIVE_DECLINE_FLOOR:g} a day or steeper), or over the last {k.SHORT_TREND_DAYS} days "
             f"({k.SHORT_TREND_MIN_VALUES}+ logged) {k.SHORT_DECLINE_PER_DAY:g} or steeper, "
             f"the fall beyond the day-to-day noise (Mann-Kendall z {-k.DECLINE_Z:g} or lower, one-sided 1%), while "
             "below normal activity (seeds: 'less and less active instead of more'; benchmarks/tracker_activity.py).",
             (t("DECLINE_FROM_DAY", "day", "project choice: 8+ values in the trend"), trend,
              t("ACTIVITY_DECLINE_PER_DAY", "minutes a day", "project choice: -28 minutes in two weeks"),
              t("RELATIVE_DECLINE_SHARE", "share", "project choice: half"),
              t("RELATIVE_DECLINE_FLOOR", "minutes a day", "project choice: -7 minutes in two weeks"),
              t("SHORT_TREND_DAYS", "days", "project choice: a week"),
              t("SHORT_TREND_MIN_VALUES", "days", "project choice: 6 of 7 logged"),
              t("SHORT_DECLINE_PER_DAY", "minutes a day", "project choice: -28 minutes in a week"),
              t("DECLINE_Z", "standard deviations", "Mann 1945; Kendall 1975: one-sided 1%")),
             (), Finder.ACTIVITY),
        Rule(codes.NO_ACTIVITY_PROGRESS_3W, WARNING, f"Activity not building up ({weeks_in_digits(k.WEEK_3_DAY)})",
             f"After {weeks_in_words(k.WEEK_3_DAY)} your activity has not built up beyond the first week. A "
             "physiotherapist can help you make a step-by-step plan; contact your GP or physiotherapist.",
             f"From day {k.WEEK_3_DAY}: {k.ACTIVITY_MEAN_DAYS}-day mean activity not {k.PROGRESS_MARGIN_MINUTES:g} "
             f"minutes above the first week's, and below {k.NORMAL_ACTIVITY_SHARE:.0%} of normal or normal not known "
             "(seeds: 'no progress building up activities after three weeks'; Dutch primary care 3-4 weeks).",
             (week_3, mean_days, t("PROGRESS_MARGIN_MINUTES", "minutes a day", "project choice"), normal_share),
             (), Finder.ACTIVITY),
        Rule(codes.NOT_RECOVERED_6W, WARNING, f"Not as active as before after {weeks_in_digits(k.WEEK_6_DAY)}",
             f"{weeks_in_words(k.WEEK_6_DAY).capitalize()} on, you are still less active than before your back "
             "pain. A physiotherapist can help you build up step by step: contact your GP or physiotherapist about "
             "a plan.",
             f"From day {k.WEEK_6_DAY}: {k.ACTIVITY_MEAN_DAYS}-day mean activity below {k.NORMAL_ACTIVITY_SHARE:.0%} "
             f"of normal, or, with a weekly check-in in the last {k.PSFS_RECENT_DAYS} days, its mean below "
             f"{k.PSFS_AS_BEFORE_MEAN:g} of 10 (seeds: 'after six weeks still not as active as before'; PSFS, "
             "Stratford 1995).",
             (week_6, mean_days, normal_share, t("PSFS_RECENT_DAYS", "days", "two weekly check-ins"),
              t("PSFS_AS_BEFORE_MEAN", "of 10", "Stratford 1995; Horn 2012")), (), Finder.ACTIVITY),
        # Pain alone at six weeks is information, not a warning: the average course still has 44% of its
        # onset pain at six weeks (Menezes Costa 2012), so a warning here contradicted an "on track" status.
        Rule(codes.PAIN_PERSISTING_6W, INFO, f"Some pain persisting at {weeks_in_digits(k.WEEK_6_DAY)}",
             f"{weeks_in_words(k.WEEK_6_DAY).capitalize()} on, you still have some back pain. Pain often keeps "
             "easing for several more weeks; if it holds you back, a physiotherapist can help.",
             f"From day {k.WEEK_6_DAY}: {k.PAIN_WEEK_DAYS}-day mean pain {k.NOT_RECOVERED_PAIN:g}+ of 10 (PACE, "
             "Williams 2014: 0-1 is recovered; Menezes Costa 2012: pain still easing at six weeks).",
             (week_6, t("PAIN_WEEK_DAYS", "days", "PACE diary week"),
              t("NOT_RECOVERED_PAIN", "of 10", "PACE, Williams 2014")), (), Finder.ACTIVITY),
        Rule(codes.BEHIND_EXPECTED_CURVE, INFO, "Slower than the usual course",
             "Your pain is higher than it usually is at this point for people with acute low back pain. Keep "
             "active; if this continues, mention it to your GP or physiotherapist.",
             f"{k.CURRENT_PAIN_DAYS}-day mean pain above the expected band (Menezes Costa 2012 curve; Downie 2016 "
             "classes).",
             (t("CURRENT_PAIN_DAYS", "days", "PACE, Williams 2014"),), (), Finder.BEHIND_CURVE),
        Rule(codes.PAIN_WORSENING, WARNING, "Pain flare",
             "Your pain has gone up clearly over the last few days. A flare often settles within days: keep moving "
             "gently, use heat or ice for 10-20 minutes. If it does not settle within a week, or new symptoms "
             "appear, contact your GP or physiotherapist.",
             f"Pain on at least {k.FLARE_HIGH_DAYS} of the last {k.FLARE_RECENT_DAYS} days {k.FLARE_POINTS:g} points "
             f"above the mean of the {k.FLARE_BASELINE_DAYS} days before, and {k.FLARE_MIN_PAIN:g}+ of 10 (Ostelo "
             "2008: a rise as large as an important improvement).",
             (t("FLARE_HIGH_DAYS", "days", "project choice"), t("FLARE_RECENT_DAYS", "days", "project choice"),
              t("FLARE_POINTS", "points", "Ostelo 2008"),
              t("FLARE_BASELINE_DAYS", "days", "project choice"), t("FLARE_MIN_PAIN", "of 10", "PACE floor")),
             (), Finder.PAIN_COURSE),
        Rule(codes.BED_REST_OVER_2_DAYS, WARNING, f"More than {number_word(k.BED_REST_MAX_DAYS)} days of bed rest",
             f"Staying in bed for more than {number_word(k.BED_REST_MAX_DAYS)} days slows recovery. Get up and move "
             "a little every hour, even if it hurts: short walks of 5-10 minutes are a good start.",
             f"More than {k.BED_REST_MAX_DAYS} days with {k.BED_REST_HOURS:g}+ hours of bed rest within "
             f"{k.BED_REST_WINDOW_DAYS} days (NHS; Cochrane 2010).",
             (t("BED_REST_MAX_DAYS", "days", "NHS; Cochrane 2010"),
              t("BED_REST_HOURS", "hours", "half of a 16-hour waking day"),
              t("BED_REST_WINDOW_DAYS", "days", "project choice")), (), Finder.BED_REST),
        Rule(codes.CODEINE_OVER_3_DAYS, WARNING, f"Codeine or opioid for more than {k.OPIOID_MAX_DAYS} days",
             f"You have taken codeine or another opioid on more than {number_word(k.OPIOID_MAX_DAYS)} of the last "
             f"{number_word(k.OPIOID_WINDOW_DAYS)} days. It can cause dependence when used longer: talk to your GP "
             "or pharmacist about stopping or another painkiller.",
             f"An opioid on more than {k.OPIOID_MAX_DAYS} of the last {k.OPIOID_WINDOW_DAYS} days, in a row or not "
             "(BNF; MHRA 2009).", (t("OPIOID_MAX_DAYS", "days", "BNF; MHRA 2009"), t(
                 "OPIOID_WINDOW_DAYS", "days", "project choice: holds any run of four")), (), Finder.MEDICINES),
        Rule(codes.DAILY_DOSE_EXCEEDED, WARNING, "Daily maximum dose exceeded",
             "You took more than the daily maximum of a medicine. Do not take more today; ask a pharmacist or GP "
             "for advice.",
             "A medicine's daily total above its adult maximum: warning; above the over-the-counter maximum only "
             f"(ibuprofen {k.IBUPROFEN_OTC_MG:,g} mg, naproxen {k.NAPROXEN_OTC_MG:,g} mg): information; paracetamol "
             f"above {k.PARACETAMOL_MAX_MG:,g} mg: urgent (NHS, BNF, DailyMed; GUIDANCE.md §5).",
             (t("IBUPROFEN_OTC_MG", "mg", "NHS"), t("NAPROXEN_OTC_MG", "mg", "DailyMed"),
              t("PARACETAMOL_MAX_MG", "mg", "NHS, TGA")), (), Finder.MEDICINES),
        Rule(codes.TWO_NSAIDS_SAME_DAY, WARNING, "Two anti-inflammatories on one day",
             "You took two different anti-inflammatory painkillers (NSAIDs) on the same day. Take only one kind at a "
             "time; ask a pharmacist which to keep.",
             f"Two different NSAIDs on one day; low-dose aspirin (up to {k.ASPIRIN_LOW_DOSE_MG:,g} mg a day) does "
             "not count (labels; BNF; GUIDANCE.md §5).",
             (t("ASPIRIN_LOW_DOSE_MG", "mg", "BNF; issue 9"),), (), Finder.MEDICINES),
        Rule(codes.PARACETAMOL_ALONE, INFO, "Paracetamol on its own",
             "Paracetamol on its own does little for low back pain. Ask a pharmacist or GP whether an "
             "anti-inflammatory (such as ibuprofen) is suitable for you, and keep moving.",
             f"Paracetamol as the only painkiller on {k.PARACETAMOL_ALONE_DAYS}+ of the last "
             f"{k.PARACETAMOL_WINDOW_DAYS} days (NICE NG59).",
             (t("PARACETAMOL_ALONE_DAYS", "days", "NICE NG59"), t("PARACETAMOL_WINDOW_DAYS", "days", "NICE NG59")),
             (), Finder.MEDICINES),
        Rule(codes.ORAL_STEROID_7_DAYS, INFO,
             f"Steroid tablets on {k.STEROID_MIN_DAYS} or more of {k.STEROID_WINDOW_DAYS} days",
             "You have taken steroid tablets (such as prednisolone) on several days. Mention this to your GP or "
             "physiotherapist at your next visit, so they can take it into account; do not stop a steroid course "
             "suddenly without asking.",
             f"An oral steroid on {k.STEROID_MIN_DAYS}+ of the last {k.STEROID_WINDOW_DAYS} days (issue 9; "
             "GUIDANCE.md §4 'long-term steroids'; BNF).",
             (t("STEROID_MIN_DAYS", "days", "issue 9"), t("STEROID_WINDOW_DAYS", "days", "issue 9")),
             (), Finder.MEDICINES),
        Rule(codes.NSAID_OVER_10_DAYS, INFO, f"Anti-inflammatory for more than {k.NSAID_MAX_DAYS} days",
             f"You have taken an anti-inflammatory painkiller (such as ibuprofen) on more than {k.NSAID_MAX_DAYS} "
             f"of the last {k.NSAID_WINDOW_DAYS} days. Bought over the counter, it is for {k.NSAID_MAX_DAYS} days at "
             "most unless a doctor says otherwise: ask your GP or pharmacist whether to go on.",
             f"An NSAID on more than {k.NSAID_MAX_DAYS} of the last {k.NSAID_WINDOW_DAYS} days (labels; GUIDANCE.md "
             "§5).", (t("NSAID_MAX_DAYS", "days", "labels; GUIDANCE §5"), t(
                 "NSAID_WINDOW_DAYS", "days", "project choice: a day off does not restart it")), (), Finder.MEDICINES),
    ]
    return {rule.code: rule for rule in rules}


RULES: dict[str, Rule] = build_rules()
ALERT_TITLES: dict[str, str] = {code: rule.title for code, rule in RULES.items()}

# Same code, information only: above the over-the-counter maximum but within the adult (prescribed) one.
OVER_COUNTER_MESSAGE = (
    "You took more than the over-the-counter daily maximum of a medicine. That is fine only if your doctor "
    "prescribed this dose; if not, take less and ask a pharmacist or GP for advice.")

# Same code, more urgent words and title: too much paracetamol can harm the liver without symptoms (NHS, TGA).
PARACETAMOL_OVERDOSE_MESSAGE = (
    f"You took more than {PARACETAMOL_MAX_MG:,g} mg of paracetamol in one day. Too much paracetamol can damage the "
    "liver even when you feel well: get medical advice now (call your GP, a pharmacist, or your out-of-hours or "
    "poison service). Take no more paracetamol until a doctor or pharmacist says you may.")  # true on any later
# day too: an urgent alert is held until seen (review 15: "today" was read out two months after the day)
PARACETAMOL_OVERDOSE_TITLE = f"More than {PARACETAMOL_MAX_MG:,g} mg of paracetamol in one day"
