"""Activity minutes from a tracker (Google Fit, Fitbit) merged into the days a patient logged.

A mixin of ``Diary``; the tracker file itself is read by analysis.ingest.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.model import columns as c
from analysis.model.errors import PatientNotFound
from analysis.model.limits import check_values
from analysis.model.names import patient_name
from analysis.storage.common import episode_filter, iso
from analysis.storage.connection import DiaryConnection
from analysis.storage.records import ActivityMerge


class ActivityStore(DiaryConnection):
    """Merging a tracker's minutes without overwriting what the person typed."""

    def merge_activity(self, patient: str, activity: pd.DataFrame) -> ActivityMerge:
        """Put activity minutes from an activity tracker (DATE, ACTIVITY) into the patient's logged days.

        Each date goes to the patient's latest episode that started on or before
        it. Only days already in the diary are changed (a day needs a pain score).
        A day without minutes gets the tracker's; minutes a tracker wrote before
        are corrected (its export may have ended mid-day); minutes the person
        typed are theirs and are kept (counted in `kept`), never overwritten.
        """
        rows = [(float(minutes), iso(day)) for day, minutes in zip(activity[c.DATE], activity[c.ACTIVITY],
                                                                   strict=True) if minutes == minutes]
        check_values({c.ACTIVITY: max((m for m, _ in rows), default=None)})
        counts = {"added": 0, "updated": 0, "unchanged": 0, "kept": 0, "skipped": 0}
        with self.transaction() as db:
            found = db.execute("SELECT id FROM patients WHERE name = ?", (patient_name(patient),)).fetchone()
            if not found:  # names are matched as written: one written otherwise is named (review 32: "ANN", "ann")
                alike = [name for (name,) in db.execute("SELECT name FROM patients")
                         if name.casefold() == patient_name(patient).casefold()]
                hint = f" The diary has {alike[0]!r}: a name is matched as it is written." if alike else ""
                raise PatientNotFound(f"There is no patient called {patient!r} to add activity to; import their "
                                      "diary first, or say whose diary the minutes are for (--patient)." + hint,
                                      patient)
            for minutes, day in rows:
                stored = db.execute("""
                    SELECT episode_id, activity_minutes, activity_source FROM entries WHERE date = ? AND episode_id = (
                        SELECT id FROM episodes WHERE patient_id = ? AND onset_date <= ?
                        ORDER BY onset_date DESC LIMIT 1)""", (day, found[0], day)).fetchone()
                if stored is None:
                    counts["skipped"] += 1
                elif stored[1] is not None and abs(stored[1] - minutes) < 1e-9:
                    counts["unchanged"] += 1
                elif stored[1] is not None and stored[2] != "tracker":
                    counts["kept"] += 1
                else:
                    db.execute("UPDATE entries SET activity_minutes = ?, activity_source = 'tracker'"
                               " WHERE episode_id = ? AND date = ?", (minutes, stored[0], day))
                    counts["added" if stored[1] is None else "updated"] += 1
        return ActivityMerge(**counts)

    def tracker_days(self, episode_ids: Iterable[int] | None = None) -> pd.DataFrame:
        """The days whose activity minutes a tracker wrote (EPISODE_ID, DATE), for the diary CSV's
        activity_source column: moved by export and import, those minutes stay the tracker's to correct."""
        where, params = episode_filter("episode_id", episode_ids)
        where = f"{where} AND" if where else "WHERE"
        frame = self._frame(f"""SELECT episode_id, date FROM entries {where} activity_source = 'tracker'
                                AND activity_minutes IS NOT NULL ORDER BY episode_id, date""", params)
        frame[c.DATE] = pd.to_datetime(frame[c.DATE], format="%Y-%m-%d")
        return frame.astype({c.EPISODE_ID: "int64"})
