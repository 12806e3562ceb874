"""Column names of the frames that flow between storage, import and analyses.

Defined once here so pages, analyses and tests never retype string literals.

The analyses work on three long frames (one row per episode and date, or per
dose, or per symptom), always keyed by ``EPISODE_ID`` so that thousands of
patients are handled by one ``groupby`` rather than a loop:

* entries: PATIENT, EPISODE_ID, ONSET_DATE, NORMAL_ACTIVITY, DATE, PAIN,
  WORST_PAIN, ACTIVITY, BED_REST, NOTES
* doses: EPISODE_ID, DATE, MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG
* symptoms: EPISODE_ID, DATE, SYMPTOM

Dates are ``datetime64`` normalised to midnight; missing numbers are NaN.
"""
from __future__ import annotations

# identity
PATIENT = "patient"
EPISODE_ID = "episode_id"
EPISODE_LABEL = "episode"
ONSET_DATE = "onset_date"
NORMAL_ACTIVITY = "normal_activity_minutes"

# one diary day
DATE = "date"
PAIN = "pain"
WORST_PAIN = "worst_pain"
ACTIVITY = "activity_minutes"
BED_REST = "bed_rest_hours"
NOTES = "notes"
# an imported row's text the importer could not read as medicines or symptoms ("medications: ibuprofen"),
# also in its notes; kept apart so a day already in the diary keeps its typed note beside it (analysis.storage.bulk)
UNREAD = "unread_text"
MEDICATIONS = "medications"  # canonical CSV only: "ibuprofen 400 mg x3; codeine 30 mg x2"
SYMPTOMS = "symptoms"  # canonical CSV only: "leg_pain;numbness"
# canonical CSV only: the "I have been seen about this" marks (analysis.storage.alerts_seen), each
# "<alert code>@<seen date> by <patient|clinician>", "; "-separated: "red_flag_emergency@2026-03-04 by clinician"
SEEN = "seen"
# canonical CSV only: who wrote the day's activity minutes, "tracker" (a fitness tracker's file: it may correct
# them later, analysis.storage.activity) or "" (typed: never overwritten by a tracker); entries.activity_source
ACTIVITY_SOURCE = "activity_source"
ACTIVITY_SOURCES = ("", "tracker")  # the values of that column (the entries table's CHECK)

# doses
MEDICINE = "medicine"
DRUG_CLASS = "drug_class"
DOSE_MG = "dose_mg"
COUNT = "count"
TOTAL_MG = "total_mg"

# symptoms
SYMPTOM = "symptom"

# "seen about this" marks (Diary.seen, Diary.mark_seen): which alert, the day the person was seen, who recorded it
ALERT_CODE = "code"
SEEN_DATE = "seen_date"
SEEN_BY = "seen_by"
SEEN_BY_VALUES = ("patient", "clinician")  # who recorded a mark (the alert_seen table's CHECK)
# a file's mark whose own alert's sign was logged again after it, that day ("... before it came back"), and the
# sign codes the import stamps as saved after the mark (analysis.alerts.seen_after.came_back_codes)
SIGN_AGAIN = "sign_again"
SIGN_CODES = "sign_codes"

# derived
DAY = "day"  # whole days since onset; onset day is day 0
ROW = "row"  # import only: the label of the file row a reading, dose or problem came from

ENTRY_COLUMNS = [PATIENT, EPISODE_ID, ONSET_DATE, NORMAL_ACTIVITY, DATE, PAIN,
                 WORST_PAIN, ACTIVITY, BED_REST, NOTES]
DOSE_COLUMNS = [EPISODE_ID, DATE, MEDICINE, DRUG_CLASS, DOSE_MG, COUNT, TOTAL_MG]
SYMPTOM_COLUMNS = [EPISODE_ID, DATE, SYMPTOM]

# The canonical diary CSV, in the order export writes it. Only DATE and PAIN are
# required on import; EPISODE_LABEL is an extension so a round trip keeps labels, SEEN (added later) so it keeps
# who was seen about an alert, and when, ACTIVITY_SOURCE (last, added after it) so a tracker may still correct
# the minutes it wrote once the diary has moved to another computer by export and import.
CSV_COLUMNS = [DATE, PAIN, WORST_PAIN, ACTIVITY, BED_REST, MEDICATIONS, SYMPTOMS,
               NOTES, PATIENT, ONSET_DATE, NORMAL_ACTIVITY, EPISODE_LABEL, SEEN, ACTIVITY_SOURCE]
CSV_REQUIRED = [DATE, PAIN]
# The headers of Backtrack's own export, now, before the ACTIVITY_SOURCE column and before the SEEN column: a file
# with one of them is read as Backtrack wrote it (its notes exactly as typed, not searched again for warning signs).
EXPORT_HEADERS = (tuple(CSV_COLUMNS), tuple(CSV_COLUMNS[:-1]), tuple(CSV_COLUMNS[:-2]))
# Those only Backtrack writes (with the SEEN column): the signs their notes name were asked about when typed, so
# the notes are not read again for them. The header without it is also the documented format a spreadsheet or
# the sample diaries use: its notes are read like any other file's (review 34: "lost control of my bladder" in a
# hand-made file's note gave only "please check", while the same file with a "Notes" header gave the emergency).
OWN_EXPORT_HEADERS = EXPORT_HEADERS[:2]
