"""Plotly charts for the app and the GP report. Pure: frames in, figure out; no streamlit, no I/O.

Every chart has a title, axis titles with units, and hover text in words.
Plotly renders a subset of HTML (links, bold, spans) in trace names, legends,
hovers, annotations, titles and category labels: every piece of user text
(patient names, medicine names, labels) goes through `safe()` first.
"""
from __future__ import annotations

import html
import textwrap
from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go

from analysis.course import recovery
from analysis.model import columns as c
from analysis.model.dates import plain_date
from analysis.plan.walking import PAUSED

PAIN_COLOUR = "#1f4e79"
WORST_COLOUR = "#c0504d"
MEAN_COLOUR = "#0b7a75"
BAND_COLOUR = "rgba(11, 122, 117, 0.13)"
EXPECTED_COLOUR = "#6b8e23"
ACTIVITY_COLOUR = "rgba(120, 160, 90, 0.55)"
PLAN_COLOUR = "#e08a00"
SEVERITY_COLOURS = {"urgent": "#b00020", "warning": "#e08a00", "info": "#1f77b4"}
WEEK_MARKS = {7: "1 week", 21: "3 weeks", 42: "6 weeks"}
# Every other mark's word one row lower: a chart that runs to the expected course's end puts "Start" and "1 week"
# a few pixels apart on a 390-pixel phone, where they ran into one word (review 20).
MARK_ROW_PX = 13
COHORT_GREY = "rgba(120, 120, 120, 0.25)"
PAUSED_SHADE = "rgba(176, 0, 32, 0.08)"
PAUSED_WORDS = "Plan paused until seen"  # why the target line stops: an urgent alert paused the plan
HIGHLIGHT_COLOURS = ["#b00020", "#1f4e79", "#e08a00", "#0b7a75", "#7b3294", "#4d4d4d"]


def safe(text: object) -> str:
    """User text made inert for plotly: HTML escaped, and '%' written as an entity so that a name such as
    '%{y}' is not read as a hover template field."""
    return html.escape(str(text), quote=False).replace("%", "&#37;")


def seven_day_pain(days: pd.DataFrame, course: pd.DataFrame | None = None) -> pd.Series:
    """The 7-day mean pain on each diary day as the status reads it (analysis.course.recovery.daily_course, or
    `course`: that frame already made for these days, as a ProgressView holds it), NaN (a gap in the line) where the
    7 days hold fewer than MIN_ENTRIES_7D entries. Index: date.

    Why: the charts averaged whatever the week held (one entry was a "7-day average"), while "Pain now" beside
    them said "–" for want of three entries (review 29): one line, one rule."""
    if course is None:
        if days.empty:
            return pd.Series(dtype=float, index=pd.DatetimeIndex([], name=c.DATE))
        if c.EPISODE_ID not in days:  # one episode's days, as the pages pass them; a frame built by hand may lack it
            days = days.assign(**{c.EPISODE_ID: 0})
        course = recovery.daily_course(days)
    mean = course["pain_mean_7d"].where(course["entries_7d"] >= recovery.MIN_ENTRIES_7D)
    return pd.Series(mean.to_numpy(), index=pd.DatetimeIndex(course[c.DATE], name=c.DATE))


def pain_course(entries: pd.DataFrame, expected: pd.DataFrame | None = None,
                title: str = "Your pain, day by day", course: pd.DataFrame | None = None) -> go.Figure:
    """Daily pain and worst pain, the 7-day mean, and (if given) the expected course and band.

    `expected` has the columns of analysis.course.recovery.expected_course (date,
    expected_pain, expected_low, expected_high). `course`: these days' recovery.daily_course, when made already
    (its 7-day mean is the line: seven_day_pain).
    """
    days = entries.sort_values(c.DATE)
    mean_7d = seven_day_pain(days, course)
    fig = go.Figure()
    if expected is not None and len(expected):
        fig.add_scatter(x=expected[c.DATE], y=expected["expected_high"], mode="lines", line=dict(width=0),
                        showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=expected[c.DATE], y=expected["expected_low"], mode="lines", line=dict(width=0),
                        fill="tonexty", fillcolor=BAND_COLOUR, name="Usual range for someone like you",
                        hoverinfo="skip")
        fig.add_scatter(x=expected[c.DATE], y=expected["expected_pain"], mode="lines", name="Usual course",
                        line=dict(color=EXPECTED_COLOUR, dash="dash", width=2),
                        hovertemplate="%{x|%-d %b}: usual pain by now %{y:.1f} of 10<extra></extra>")
    fig.add_scatter(x=days[c.DATE], y=days[c.WORST_PAIN], name="Worst pain", mode="markers",
                    marker=dict(color=WORST_COLOUR, symbol="triangle-up", size=6, opacity=0.6),
                    hovertemplate="%{x|%-d %b}: worst pain %{y:.0f} of 10<extra></extra>")
    fig.add_scatter(x=days[c.DATE], y=days[c.PAIN], name="Pain (average of the day)", mode="markers",
                    marker=dict(color=PAIN_COLOUR, size=7),
                    hovertemplate="%{x|%-d %b}: pain %{y:.1f} of 10<extra></extra>")
    # markers as well as the line: a day whose neighbours have too few entries for a mean (a diary's third day) is
    # a point of its own, which a line alone never draws (review 29)
    fig.add_scatter(x=mean_7d.index, y=mean_7d.to_numpy(), name="Pain, 7-day average", mode="lines+markers",
                    line=dict(color=MEAN_COLOUR, width=3), marker=dict(color=MEAN_COLOUR, size=4),
                    hovertemplate="%{x|%-d %b}: 7-day average %{y:.1f} of 10<extra></extra>")
    if len(days):
        _week_marks(fig, pd.Timestamp(days[c.ONSET_DATE].iloc[0]), days[c.DATE].max())
    fig.update_layout(yaxis=dict(title="Pain (0 = none, 10 = worst imaginable)", range=[-0.3, 10.5], dtick=2))
    return _layout(fig, title)


def _week_marks(fig: go.Figure, onset: pd.Timestamp, last: pd.Timestamp) -> None:
    """Dotted vertical lines at onset and at 1, 3 and 6 weeks (the check points of the guidance).

    Added in one layout update, as add_vline would draw them: each add_vline and add_annotation re-validated
    the whole layout (four marks were half the pain chart's build, ~40 ms of every Progress rerun)."""
    marks = {onset: "Start"} | {onset + pd.Timedelta(days=day): label for day, label in WEEK_MARKS.items()
                                if onset + pd.Timedelta(days=day) <= last + pd.Timedelta(days=7)}
    line = dict(color="#888", dash="dot", width=1)
    fig.update_layout(
        shapes=[*fig.layout.shapes, *(dict(type="line", x0=when, x1=when, xref="x", y0=0, y1=1, yref="y domain",
                                           line=line) for when in marks)],
        annotations=[*fig.layout.annotations, *(dict(x=when, y=10.4, text=label, showarrow=False, xanchor="left",
                                                     yshift=-MARK_ROW_PX * (at % 2), font=dict(size=11))
                                                for at, (when, label) in enumerate(marks.items()))])


def activity_course(daily: pd.DataFrame, normal: float | None,
                    title: str = "Minutes active each day, against your walking target",
                    plan: pd.DataFrame | None = None) -> go.Figure:
    """Active minutes as bars, the walking target as a step line, and the normal level before the pain.

    `daily` has the columns of analysis.course.activity.daily_activity (date, activity_minutes,
    activity_mean_7d) and, from analysis.review.progress, planned_minutes. `plan`, when given, is
    analysis.plan.walking.walking_course (date, target_minutes): the target Today showed on
    every calendar day, drawn instead of daily's planned_minutes (which has logged days only).
    """
    fig = go.Figure()
    fig.add_bar(x=daily[c.DATE], y=daily[c.ACTIVITY], name="Minutes active", marker_color=ACTIVITY_COLOUR,
                hovertemplate="%{x|%-d %b}: %{y:.0f} minutes active<extra></extra>")
    if plan is not None and len(plan):
        x, y = plan["date"], plan["target_minutes"]
    else:  # analysis.review.progress puts the same target in planned_minutes; plain daily_activity has no plan
        x, y = (daily[c.DATE], daily["planned_minutes"]) if "planned_minutes" in daily else (None, None)
    if x is not None:
        fig.add_scatter(x=x, y=y, name="Walking target (as on Today)", mode="lines",
                        line=dict(color=PLAN_COLOUR, width=2, dash="dash", shape="hv"),
                        hovertemplate="%{x|%-d %b}: target %{y:.0f} minutes<extra></extra>")
    fig.add_scatter(x=daily[c.DATE], y=daily["activity_mean_7d"], name="7-day average", mode="lines",
                    line=dict(color=MEAN_COLOUR, width=3),
                    hovertemplate="%{x|%-d %b}: 7-day average %{y:.0f} minutes<extra></extra>")
    normal_marks = {}
    if normal and normal == normal:  # a dotted line across at the normal level, named at its left end
        normal_marks = dict(
            shapes=[dict(type="line", x0=0, x1=1, xref="x domain", y0=normal, y1=normal, yref="y",
                         line=dict(color="#555", dash="dot"))],
            annotations=[dict(x=daily[c.DATE].min(), y=normal, text=f"Your normal: {normal:.0f} min",
                              showarrow=False, yshift=10, xanchor="left", font=dict(size=11))])
    paused = _paused_spans(plan)
    fig.update_layout(yaxis=dict(title="Minutes a day", rangemode="tozero"),
                      shapes=[*normal_marks.get("shapes", []), *paused["shapes"]],
                      annotations=[*normal_marks.get("annotations", []), *paused["annotations"]])
    return _layout(fig, title)


def _paused_spans(plan: pd.DataFrame | None) -> dict[str, list[dict]]:
    """A shaded span, named PAUSED_WORDS, over each run of days the plan was paused (walking_course's state PAUSED):
    the target line stops there, and the chart says why (before, it simply broke off)."""
    if plan is None or "state" not in plan or not (plan["state"] == PAUSED).any():
        return {"shapes": [], "annotations": []}
    paused = (plan["state"] == PAUSED).to_numpy()
    dates = pd.to_datetime(plan["date"]).reset_index(drop=True)
    starts = [i for i in range(len(paused)) if paused[i] and (i == 0 or not paused[i - 1])]
    half = pd.Timedelta(hours=12)
    spans = [(dates[i] - half, dates[next((j for j in range(i, len(paused)) if not paused[j]), len(paused)) - 1] + half)
             for i in starts]
    return {"shapes": [dict(type="rect", x0=a, x1=b, xref="x", y0=0, y1=1, yref="y domain", fillcolor=PAUSED_SHADE,
                            line=dict(width=0), layer="below") for a, b in spans],
            # at the foot of the span: at its top it printed over "Your normal" on a phone (review 36's explorer)
            "annotations": [dict(x=a, y=0, xref="x", yref="y domain", text=PAUSED_WORDS, showarrow=False,
                                 xanchor="left", yanchor="bottom", font=dict(size=11, color="#b00020"))
                            for a, _ in spans]}


def psfs_weeks(weeks: pd.DataFrame, title: str = "How your chosen activities are going, week by week") -> go.Figure:
    """One line per PSFS activity: its 0-10 score by week since the pain started.

    `weeks` has the columns of analysis.review.progress.psfs_by_week (week, week_start, activity, score);
    the activity names are the person's own words, so they go through safe().
    """
    fig = go.Figure()
    for i, (activity, rows) in enumerate(weeks.groupby("activity", sort=True)):
        name = safe(activity)
        fig.add_scatter(x=rows["week"], y=rows["score"], name=name, mode="lines+markers",
                        line=dict(color=HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)], width=2),
                        hovertemplate=f"Week %{{x}}: {name} %{{y:.0f}} of 10<extra></extra>")
    fig.update_layout(xaxis=dict(dtick=1),
                      yaxis=dict(title="0 = can't do it, 10 = as before the pain", range=[-0.3, 10.5], dtick=2))
    return _layout(fig, title, xtitle="Week since the pain started")


def episodes_side_by_side(frame: pd.DataFrame, title: str = "This episode and earlier ones, from the day each started"
                          ) -> go.Figure:
    """Daily pain by day since onset, one line per episode; the current one thick and dark, earlier ones grey.

    `frame` has the columns of analysis.review.progress.side_by_side (episode_id, onset_date, day, pain, current).
    """
    fig = go.Figure()
    for (onset, current), rows in frame.groupby(["onset_date", "current"], sort=True):
        name = "This episode" if current else f"Began {plain_date(onset)}"
        fig.add_scatter(x=rows["day"], y=rows[c.PAIN], name=name, mode="lines+markers",
                        line=dict(color=PAIN_COLOUR if current else "rgba(120, 120, 120, 0.6)",
                                  width=4 if current else 1.5),
                        marker=dict(size=6 if current else 3),
                        hovertemplate=f"{name}, day %{{x}}: pain %{{y:.0f}} of 10<extra></extra>")
    fig.update_layout(xaxis=dict(rangemode="tozero"),
                      yaxis=dict(title="Pain (0 = none, 10 = worst imaginable)", range=[-0.3, 10.5], dtick=2))
    return _layout(fig, title, xtitle="Days since the pain started")


def medicine_timeline(totals: pd.DataFrame, title: str = "Medicines taken") -> go.Figure:
    """One row per medicine, a dot on each day taken; hover gives the day's total in mg.

    `totals` has the columns of analysis.course.medication_use.daily_totals (date, medicine, total_mg, over_limit).
    """
    fig = go.Figure()
    for medicine, rows in totals.groupby(c.MEDICINE, sort=True):
        colours = ["#b00020" if over else PAIN_COLOUR for over in rows["over_limit"]]
        name = safe(medicine)
        fig.add_scatter(x=rows[c.DATE], y=[name] * len(rows), mode="markers", name=name,
                        marker=dict(size=10, color=colours, symbol="square"), showlegend=False,
                        customdata=rows[c.TOTAL_MG],
                        hovertemplate=f"%{{x|%-d %b}}: {name} %{{customdata:.0f}} mg in the day<extra></extra>")
    fig.update_layout(yaxis=dict(title="", type="category"), height=140 + 40 * totals[c.MEDICINE].nunique())
    return _layout(fig, title, height=None)


def alert_timeline(history: pd.DataFrame, labels: dict[str, str],
                   title: str = "When each alert applied") -> go.Figure:
    """One row per alert, a bar from the first to the last day it applied, coloured by severity."""
    fig = go.Figure()
    for row in history.itertuples(index=False):
        end = row.last_date + pd.Timedelta(days=1)
        label = safe(labels.get(row.code, row.code))
        fig.add_scatter(x=[row.date, end], y=[label] * 2, mode="lines",
                        line=dict(color=SEVERITY_COLOURS.get(row.severity, "#555"), width=12), showlegend=False,
                        hovertemplate=f"{label}: {plain_date(row.date, '%-d %b')} to "
                                      f"{plain_date(row.last_date, '%-d %b')}<extra></extra>")
    fig.update_layout(yaxis=dict(title="", type="category"), height=140 + 40 * max(1, history["code"].nunique()))
    return _layout(fig, title, height=None)


def cohort(course: pd.DataFrame, expected: pd.DataFrame, highlight: Collection[int] = (),
           title: str = "Every patient's pain as a share of their starting pain") -> go.Figure:
    """Each patient's 7-day mean as a fraction of baseline by day since onset, over the expected curve.

    `course`: patient, episode_id, day, fraction. `expected`: day, fraction.
    Readable at hundreds of patients: every course is a faint grey line (its
    name only on hover); the episodes in `highlight` (the selected or urgent
    ones) are drawn in colour and are the only ones in the legend.
    """
    fig = go.Figure()
    marked = [int(e) for e in highlight]
    grey_shown = False
    for episode, rows in course.groupby(c.EPISODE_ID, sort=True):
        if int(episode) in marked:
            continue
        name = safe(rows[c.PATIENT].iloc[0])
        fig.add_scatter(**_broken(rows), mode="lines", name="Other patients",
                        legendgroup="others", showlegend=not grey_shown, line=dict(width=1, color=COHORT_GREY),
                        hovertemplate=f"{name}: day %{{x}}, %{{y:.0%}} of starting pain<extra></extra>")
        grey_shown = True
    fig.add_scatter(x=expected[c.DAY], y=expected["fraction"], mode="lines", name="Usual course (published)",
                    line=dict(color="black", dash="dash", width=3),
                    hovertemplate="Usual course: day %{x}, %{y:.0%} of starting pain<extra></extra>")
    for number, episode in enumerate(marked):
        rows = course[course[c.EPISODE_ID] == episode]
        if rows.empty:
            continue
        name = safe(rows[c.PATIENT].iloc[0])
        fig.add_scatter(**_broken(rows), mode="lines", name=name,
                        line=dict(width=3, color=HIGHLIGHT_COLOURS[number % len(HIGHLIGHT_COLOURS)]),
                        hovertemplate=f"{name}: day %{{x}}, %{{y:.0%}} of starting pain<extra></extra>")
    fig.update_layout(yaxis=dict(title="Pain as share of the start", tickformat=".0%", rangemode="tozero"))
    # the axis title through _layout, which then sets the legend below it (set here, with xtitle=None, the legend sat
    # where a chart without one has it, over the title: review 22)
    return _layout(fig, title, xtitle="Days since the pain started")


# A course with no point for more than a week stops and starts again: a straight line across the gap drew a fall or a
# rise nobody logged (review 36's explorer: a 25-day gap climbing steadily from 0% to 35%)
BREAK_AFTER_DAYS = 7


def _broken(rows: pd.DataFrame) -> dict[str, list]:
    """x (day) and y (fraction) of one course, with a None between points more than BREAK_AFTER_DAYS apart."""
    x, y, last = [], [], None
    for day, fraction in zip(rows[c.DAY].tolist(), rows["fraction"].tolist(), strict=True):
        if last is not None and day - last > BREAK_AFTER_DAYS:
            x.append(None)
            y.append(None)
        x.append(day)
        y.append(fraction)
        last = day
    return {"x": x, "y": y}


_DAY_MS = 86_400_000  # plotly's dtick of one day


def _day_ticks(fig: go.Figure) -> dict:
    """A date axis labelled in days ('1 Dec'), one tick a day on a short diary, months on a long one.

    Why: on a diary of one or two days plotly labelled the axis in hours and milliseconds ('23:59:59.999',
    '06:00') beside dates written '1 December 2026' everywhere else on the page (review 12)."""
    spans = [pd.to_datetime(pd.Series(trace.x)) for trace in fig.data if trace.x is not None and len(trace.x)]
    if not spans:
        return dict(tickformat="%-d %b")
    days = (max(x.max() for x in spans) - min(x.min() for x in spans)).days
    if days < 10:
        return dict(tickformat="%-d %b", dtick=_DAY_MS)
    return dict(tickformat="%b %Y" if days > 300 else "%-d %b")


def _layout(fig: go.Figure, title: str, height: int | None = 420, xtitle: str | None = "Date") -> go.Figure:
    """Title, margins, legend and grid of every chart, in one layout update (each update re-validates the layout;
    every chart here has one x and one y axis)."""
    xaxis = dict(gridcolor="#eee") | (dict(title=xtitle) if xtitle else {}) | (
        _day_ticks(fig) if xtitle == "Date" else {})
    lines = _title_lines(title)
    # the legend under the plot, where a phone's narrow chart gives its rows room (above it, they wrapped up into
    # the title: review 20); the title in lines that fit a phone's width (plotly never wraps a title)
    fig.update_layout(title=dict(text="<br>".join(safe(line) for line in lines), y=1, yanchor="top",
                                 pad=dict(t=14)),
                      margin=dict(l=10, r=10, t=36 + 22 * len(lines), b=10),
                      hovermode="closest", plot_bgcolor="white", xaxis=xaxis, yaxis=dict(gridcolor="#eee"),
                      legend=dict(orientation="h", yanchor="top", y=-0.22 if xtitle else -0.1, x=0,
                                  font=dict(size=12)),
                      **(dict(height=height) if height else {}))
    return fig


TITLE_LINE_CHARS = 38  # a chart title's line on a 390-pixel phone (plotly's 17-pixel title font)


def _title_lines(title: str) -> list[str]:
    """The title in lines of at most TITLE_LINE_CHARS, broken between words (each line escaped on its own)."""
    return textwrap.wrap(title, TITLE_LINE_CHARS, break_long_words=False) or [title]
