"""Exports of other apps, recognised by their headers and reshaped into diary readings: one module per app.

analysis.ingest.apps.bearable, .pain_tracker, .google_fit and .fitbit each hold one
app's ``AppFormat``; analysis.ingest.apps.registry lists them and detects which app a
file comes from; analysis.ingest.apps.format holds what they share.

``detect(headers)`` returns the ``AppFormat`` whose headers a file has (case,
spaces and punctuation ignored; extra columns and missing optional ones are
fine), or None. The importer then calls it instead of matching headers one by
one. A converter only reshapes: each row it keeps is one *reading*, indexed by
the spreadsheet row it came from; the importer reads the values (dates in the
order the file settles, as for any diary), checks them, and makes one day of
several readings. Every message still names the row of the original file.

Mappings (for the README):

| App export                | Backtrack        | Taken from                                           |
|---------------------------|------------------|------------------------------------------------------|
| Bearable CSV              | date             | `date formatted` or `date`, whichever is clearer (1) |
|                           | pain             | back-pain Symptom rows: rating 0-4 × 2.5 (2)         |
|                           | medications      | Medication rows: detail, doses from the amount (3)   |
|                           | symptoms         | other Symptom rows naming a warning symptom (4)      |
|                           | notes            | `notes` of every row; Notes and Journal rows         |
|                           | not used         | weekday; mood, sleep, energy, other symptoms (5)     |
| Pain Tracker (PWA) CSV    | date             | `Date` (older files: `2026-03-02 08:15:00`) (10)     |
|                           | pain             | `Pain Level`, already 0-10                           |
|                           | symptoms         | `Symptoms`, mapped to warning symptoms (6)           |
|                           | medications      | `Medications` or `Medication Log`, if present (9)    |
|                           | notes            | `Notes`, plus locations, limits and missed work (7)  |
|                           | not used         | `Sleep Quality`, `Mood Impact`: one warning (5)      |
| Google Fit "Daily         | activity minutes | `Move Minutes count`, else `Walking duration (ms)`   |
| activity metrics" CSV     |                  | ÷ 60,000, rounded; days with neither skipped (8)     |
| Fitbit `dailyActivity_    | activity minutes | `VeryActiveMinutes + FairlyActiveMinutes` of one `Id`|
| merged.csv`               |                  | (`--source-id` when the file has several) (8)        |

1. Bearable headers: `date, weekday, time of day, category, rating/amount, detail,
   notes`; newer files add `date formatted`. ISO dates (or month names) on every
   row win, then dates whose day-month order the file settles.
2. Rows whose detail names low back pain (`Back (lower) pain (Moderate)`, `Lower back
   pain`, `Back pain (Severe)`). Upper, mid or middle back pain (`Back (upper) pain`)
   is not low back pain: it is kept in the day's notes (`other back pain: ...`) with a
   warning, never read as the day's pain. Bearable records only the symptoms present,
   so a day with Symptom rows but no back-pain row reads as pain 0 (the file has
   back-pain rows on other days, or it is refused); the import warning lists those
   days. Ratings 0, 1, 2, 3, 4 become 0, 2.5, 5, 7.5, 10.
   Without a rating, the severity word in brackets: None 0, Mild 1, Moderate 2,
   Severe 3, Extreme or Unbearable 4. A rating outside 0-4 refuses the file.
3. Category `Medication`, `Meds`, ...: `Ibuprofen 400mg`, `Ibuprofen (400mg)`,
   `Ibuprofen 400mg (2 pills)`; a whole rating/amount of 1-20 is the number of
   doses when the detail gives none. Bearable's own form puts the amount in
   rating/amount and only the unit in the detail: `"600","Ibuprofen (mg)"` is one dose
   of 600 mg. Food Diary rows are not used. Unreadable detail goes to the notes, with a warning.
4. `Numbness (Mild)`, `Fever`, `Sciatica`; rating 0 or `(None)` means absent.
5. One warning lists what was not used (Pain Tracker: the columns it has no place for, when
   they hold values).
6. Pain Tracker symptoms are qualities (`sharp; tingling`): `tingling` and
   `numbness` are numbness, `weakness` is weakness; other words go to the notes
   with a warning.
7. `locations: ...` when a place other than the lower back is named, `limited
   activities: ...`, `missed work days: N` when above 0. Pain Tracker's WorkSafeBC report:
   `work_impact_notes` are the notes, `primary_locations` and `functional_limitations` the
   places and limits (lists joined with `|`), with `missed work hours: N` and `modified duties: yes`.
8. Activity only: no pain, so the file is merged into the days of an existing
   patient's diary (importer.ParsedActivity) rather than imported as a diary.
9. `Medication Log` (`Naproxen (500mg, Twice daily); Paracetamol (1000mg, as needed)`):
   once/twice/three/four times daily (or QD, BID, TID, QID) gives that many doses of
   the day; another frequency gives one dose.
10. Current Pain Tracker files join their records with the two characters `\\n`
   (one physical line); they are split there, except inside quoted cells. Older
   files with real line breaks read as before. Up to 50 lines above the header
   (the WorkSafeBC sample's `#` comments) are skipped. Google Fit's per-day
   15-minute files are refused, naming the daily file to import instead
   ("Daily activity metrics.csv").

Several readings of one day become one day: the rule is in analysis.ingest.days.
"""
from analysis.ingest.apps.bearable import BEARABLE
from analysis.ingest.apps.fitbit import FITBIT
from analysis.ingest.apps.format import AppFormat, Columns, Converted, Converter, header_key
from analysis.ingest.apps.google_fit import GOOGLE_FIT
from analysis.ingest.apps.pain_tracker import PAIN_TRACKER
from analysis.ingest.apps.registry import APPS, convert_sheet, detect

__all__ = ["APPS", "BEARABLE", "FITBIT", "GOOGLE_FIT", "PAIN_TRACKER", "AppFormat", "Columns", "Converted", "Converter",
           "convert_sheet", "detect", "header_key"]
