"""How many days of a medicine the medicine rules allow (GUIDANCE.md §5), each number with its source.

Apart from analysis.alerts.rules (which reads them by name, with the other thresholds, to word the rules) only to
keep that module short; the daily maxima live in analysis.model.vocabulary.
"""
from __future__ import annotations

__all__ = ["NSAID_MAX_DAYS", "NSAID_WINDOW_DAYS", "OPIOID_MAX_DAYS", "OPIOID_WINDOW_DAYS", "PARACETAMOL_ALONE_DAYS",
           "PARACETAMOL_WINDOW_DAYS", "STEROID_MIN_DAYS", "STEROID_WINDOW_DAYS"]  # rules.py reads them by name

# An opioid on more than OPIOID_MAX_DAYS of the last OPIOID_WINDOW_DAYS calendar days: BNF, MHRA 2009 (GUIDANCE §5:
# "3 days of use for acute pain"). A window, not a run (review 11): codeine on 9 of 11 days in runs of three, or
# every other day, is as long a use as four days running; a week holds any run of four (with a day left out of
# the diary between them) and no use of three days or fewer.
OPIOID_MAX_DAYS = 3
OPIOID_WINDOW_DAYS = 7
# An anti-inflammatory (NSAID) on more than NSAID_MAX_DAYS of the last NSAID_WINDOW_DAYS calendar days: the
# over-the-counter labels' "do not take for more than 10 days unless a doctor tells you to" (GUIDANCE §5: "OTC use
# beyond 10 days: ask a doctor"). The two-week window is the project's choice, so a day or two off does not
# restart the count (review 11).
NSAID_MAX_DAYS = 10
NSAID_WINDOW_DAYS = 14
# Oral steroids on 7 or more of the last 14 calendar days (issue 9; GUIDANCE §4 asks about steroid use
# at set-up). A window, not a run: a day left out of the diary, or alternate-day dosing, must not
# restart the count. Information for the clinician, applies on each steroid day once reached.
STEROID_MIN_DAYS = 7
STEROID_WINDOW_DAYS = 14
PARACETAMOL_ALONE_DAYS = 3  # NICE NG59: paracetamol as the only painkiller on >= 3 ...
PARACETAMOL_WINDOW_DAYS = 7  # ... of the last 7 calendar days ("several days")
