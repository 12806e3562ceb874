"""Chart layouts that hold on a 390-pixel phone (review 20: the legend ran into the title, the title past the edge).
The browser test (tests/browser/test_browser_review20.py) measures the drawn boxes; this checks the layout."""
from __future__ import annotations

import pandas as pd

from analysis.output import charts


def _figure(title: str):
    fig = charts.go.Figure(charts.go.Scatter(x=pd.to_datetime(["2026-12-01", "2026-12-02"]), y=[1, 2], name="a"))
    return charts._layout(fig, title)


def test_a_long_title_breaks_between_words_into_short_lines() -> None:
    title = "Every patient's pain as a share of their starting pain"
    text = _figure(title).layout.title.text
    lines = text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.TITLE_LINE_CHARS for line in lines)
    assert " ".join(lines).replace("&#x27;", "'") == title


def test_html_in_a_title_is_escaped_line_by_line() -> None:
    text = _figure("<b>Zoë</b> and a title long enough to need a second line").layout.title.text
    assert "<b>" not in text and "&lt;b&gt;Zoë&lt;/b&gt;" in text


def test_the_legend_sits_under_the_plot_and_the_top_margin_fits_the_title() -> None:
    short, long = _figure("Your pain, day by day"), _figure("Minutes active each day, against your walking target")
    assert short.layout.legend.y < 0 and short.layout.legend.yanchor == "top"
    assert long.layout.margin.t > short.layout.margin.t


def test_neighbouring_week_marks_are_worded_on_two_rows() -> None:
    """"Start" and "1 week" lie a few pixels apart on a phone when the chart runs to the expected course's end:
    every other mark's word sits one row lower, so no two neighbours share a row (review 20's 390-pixel page)."""
    onset = pd.Timestamp("2026-11-01")
    entries = pd.DataFrame({"date": pd.date_range(onset, periods=45), "pain": 5.0, "worst_pain": 6.0,
                            "onset_date": onset})
    marks = [(a.text, a.yshift or 0) for a in charts.pain_course(entries).layout.annotations]
    assert [text for text, _ in marks] == ["Start", "1 week", "3 weeks", "6 weeks"]
    shifts = [shift for _, shift in marks]
    assert all(a != b for a, b in zip(shifts, shifts[1:], strict=False)) and max(shifts) == 0
    assert min(shifts) == -charts.MARK_ROW_PX
