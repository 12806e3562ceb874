"""User text is inert in every chart: plotly renders <a>, <b>, <span> in names, hovers, titles and labels."""
from __future__ import annotations

import json

import pandas as pd

from analysis.output import charts
from analysis.review.progress import progress_view
from analysis.review.triage import cohort_course, expected_fraction_course
from analysis.storage import Diary
from analysis.workflows.diary_io import import_bytes

HOSTILE = '<a href="http://x">x</a> <b>B</b>'
ESCAPED = '&lt;a href="http://x"&gt;x&lt;/a&gt; &lt;b&gt;B&lt;/b&gt;'


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _diary() -> Diary:
    rows = ["patient,date,pain,worst_pain,activity_minutes,medications,symptoms"]
    for day in range(1, 15):
        rows.append(f'"{HOSTILE.replace(chr(34), chr(34) * 2)}",2026-11-{day:02d},{max(1, 7 - day // 3)},8,'
                    f"{10 + day},ibuprofen 400 mg x2,{'fever' if day > 10 else ''}")
    diary = Diary(":memory:")
    import_bytes(diary, ("\n".join(rows) + "\n").encode(), "hostile.csv")
    return diary


def _assert_inert(fig: object) -> None:
    text = _strings(fig.to_plotly_json())  # type: ignore[attr-defined]
    for string in text:
        assert "<a" not in string and "<b>" not in string, string
    assert any(ESCAPED in s for s in text)


def test_every_chart_escapes_patient_and_medicine_names() -> None:
    diary = _diary()
    entries = diary.entries()
    assert entries["patient"].iloc[0] == HOSTILE
    course = cohort_course(entries)
    expected = expected_fraction_course(int(course["day"].max()))
    episode = int(entries["episode_id"].iloc[0])
    _assert_inert(charts.cohort(course, expected))  # name on the hover of the grey line
    _assert_inert(charts.cohort(course, expected, highlight=[episode]))  # name in the legend
    highlighted = charts.cohort(course, expected, highlight=[episode])
    assert [t.name for t in highlighted.data if t.showlegend is not False][-1] == ESCAPED

    view = progress_view(entries, diary.doses(), diary.symptoms(), diary.episodes(), episode)
    assert not view.medicine_days.empty and not view.alerts.empty
    totals = view.medicine_days.assign(medicine=HOSTILE)
    _assert_inert(charts.medicine_timeline(totals))
    labels = {code: HOSTILE for code in view.alerts["code"]}
    _assert_inert(charts.alert_timeline(view.alerts, labels))
    _assert_inert(charts.pain_course(view.entries, view.expected, title=HOSTILE))
    _assert_inert(charts.activity_course(view.activity, 20.0, title=HOSTILE))


def test_a_name_that_looks_like_a_hover_field_stays_literal() -> None:
    course = pd.DataFrame({"patient": ["%{y}"], "episode_id": [1], "day": [3], "fraction": [0.5]})
    fig = charts.cohort(course, expected_fraction_course(3))
    hover = fig.data[0].hovertemplate
    assert hover.startswith("&#37;{y}: day %{x}")
    assert "%{y}" not in json.dumps(fig.to_plotly_json()["data"][0]["hovertemplate"])


def test_a_course_stops_across_more_than_a_week_without_a_point() -> None:
    """Review 36's explorer: the Clinic's chart drew a straight line across a 25-day gap (0% to 35%, never logged)."""
    course = pd.DataFrame({"patient": ["Anna"] * 5, "episode_id": [1] * 5, "day": [0, 1, 8, 15, 40],
                           "fraction": [1.0, 0.9, 0.5, 0.0, 0.35]})
    for highlight in ((), (1,)):
        fig = charts.cohort(course, expected_fraction_course(40), highlight=highlight)
        line = next(trace for trace in fig.data if trace.name in ("Other patients", "Anna"))
        assert list(line.x) == [0, 1, 8, 15, None, 40] and list(line.y) == [1.0, 0.9, 0.5, 0.0, None, 0.35]


def test_the_pain_chart_marks_onset_and_the_weeks_the_diary_reaches() -> None:
    """Start, 1 week and 3 weeks for a diary 25 days long (6 weeks lies beyond a week after its last day): each a
    dotted line over the whole height at its day, with its word at the top."""
    onset = pd.Timestamp("2026-11-01")
    days = pd.date_range(onset, periods=25)
    entries = pd.DataFrame({"date": days, "pain": 5.0, "worst_pain": 6.0, "onset_date": onset})
    fig = charts.pain_course(entries)
    lines = [(pd.Timestamp(s.x0), pd.Timestamp(s.x1), s.y0, s.y1, s.yref, s.line.dash) for s in fig.layout.shapes]
    assert lines == [(onset + pd.Timedelta(days=d),) * 2 + (0, 1, "y domain", "dot") for d in (0, 7, 21)]
    assert [(pd.Timestamp(a.x), a.text) for a in fig.layout.annotations] == [
        (onset, "Start"), (onset + pd.Timedelta(days=7), "1 week"), (onset + pd.Timedelta(days=21), "3 weeks")]


def _days(pains: dict[int, float]) -> pd.DataFrame:
    """One episode's diary days (day after onset -> pain), onset 1 Nov 2026."""
    onset = pd.Timestamp("2026-11-01")
    return pd.DataFrame({"episode_id": 1, "onset_date": onset, "date": [onset + pd.Timedelta(days=d) for d in pains],
                         "pain": list(pains.values()), "worst_pain": None})


def _line(fig: object, name: str) -> list[float | None]:
    [trace] = [t for t in fig.data if t.name == name]
    return [None if pd.isna(y) else float(y) for y in trace.y]


def test_the_7_day_line_needs_the_entries_the_status_needs() -> None:
    """Review 29: with two entries in the week "Pain now" said "-" while the chart drew a 7-day average from them.
    The line now has a gap until the week holds 3 entries, then the status's own mean."""
    fig = charts.pain_course(_days({0: 8, 1: 7, 5: 6, 6: 5}))
    assert _line(fig, "Pain, 7-day average") == [None, None, 7.0, 6.5]  # day 5: 8, 7, 6; day 6: 8, 7, 6, 5


def test_a_lone_7_day_mean_is_drawn_as_a_point() -> None:
    """A diary's third day is the first with a 7-day mean; with gaps on both sides a line alone draws nothing."""
    fig = charts.pain_course(_days({0: 8, 1: 7, 2: 6}))
    [trace] = [t for t in fig.data if t.name == "Pain, 7-day average"]
    assert _line(fig, "Pain, 7-day average") == [None, None, 7.0] and "markers" in trace.mode
