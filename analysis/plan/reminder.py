"""A daily reminder without a server: an RFC 5545 calendar file any calendar app can import.

Why a file: nothing may leave 127.0.0.1, so the app cannot send notifications; a repeating
calendar event with an alarm reminds the person from their own calendar instead.
"""
from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from analysis.model.errors import UsageError

SUMMARY = "Backtrack: log your day"
DESCRIPTION = ("Half a minute: your pain, your walk and the exercises you did. Open Backtrack on your "
               "computer and fill in today.")
DURATION_MINUTES = 5  # project choice: a short slot, so it does not block the calendar


def reminder_time(text: str) -> dt.time:
    """Parse HH:MM (24-hour clock); a bad value is one sentence naming it."""
    try:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise UsageError(f"--time: {text!r} is not a time of the form HH:MM, such as 19:30.") from None


def reminder_ics(at: dt.time, start: dt.date, stamp: dt.datetime) -> bytes:
    """The calendar file: one event at `at` (local, floating time) from `start`, repeating daily, with an alarm.

    `stamp` is when the file is made (DTSTAMP; passed in: analysis/ reads no clock). The UID depends only
    on the time, so importing a new file for the same time updates the event instead of adding a second.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Backtrack//daily reminder//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"daily-reminder-{at:%H%M}@backtrack.local")
    event.add("dtstamp", stamp)
    begin = dt.datetime.combine(start, at)
    event.add("dtstart", begin)
    event.add("dtend", begin + dt.timedelta(minutes=DURATION_MINUTES))
    event.add("summary", SUMMARY)
    event.add("description", DESCRIPTION)
    event.add("rrule", {"freq": "daily"})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", SUMMARY)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
