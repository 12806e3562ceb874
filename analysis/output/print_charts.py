"""The report's two charts, drawn for paper with matplotlib: no browser, no network.

Why not plotly here: plotly needs a Chromium (kaleido) to make a picture, and a
browser starts background traffic of its own; matplotlib draws in-process on any
machine. The app keeps its interactive plotly charts (analysis.output.charts); these
show the same series. Sizes are the printed size, so 9-point type is 9 points
on the page. Mathtext is off: no text is ever interpreted.

Every function takes frames and returns PNG bytes; nothing is written to disk.
"""
from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")  # draw to memory; never open a window

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.model import columns as c  # noqa: E402
from analysis.output.charts import (  # noqa: E402
    EXPECTED_COLOUR,
    MEAN_COLOUR,
    PAIN_COLOUR,
    PLAN_COLOUR,
    WEEK_MARKS,
    WORST_COLOUR,
    seven_day_pain,
)

WIDTH_MM, HEIGHT_MM, DPI = 186.0, 84.0, 200  # A4 text width; two charts fit page 1
FONT_PT = 9
BAND_RGBA = (11 / 255, 122 / 255, 117 / 255, 0.15)
BAR_RGBA = (120 / 255, 160 / 255, 90 / 255, 0.7)
STYLE = {"text.parse_math": False, "font.size": FONT_PT, "font.family": "DejaVu Sans",
         "axes.titlesize": FONT_PT + 2, "axes.titleweight": "bold", "axes.titlelocation": "left",
         "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.color": "#e6e6e6",
         "legend.fontsize": FONT_PT - 0.5, "legend.frameon": False}


def pain_png(entries: pd.DataFrame, expected: pd.DataFrame | None,
             title: str = "Pain, day by day, against the usual course", course: pd.DataFrame | None = None) -> bytes:
    """Daily pain, worst pain and the 7-day mean over the usual course and the person's band.

    `entries`: date, pain, worst_pain, onset_date. `expected`: the columns of
    analysis.course.recovery.expected_course (date, expected_pain, expected_low, expected_high). `course`: these
    days' recovery.daily_course when made already (charts.seven_day_pain).
    """
    with plt.rc_context(STYLE):
        fig, ax = _figure(title)
        days = entries.sort_values(c.DATE)
        last = days[c.DATE].max() if len(days) else None
        if expected is not None and len(expected):
            shown = expected if last is None else expected[expected[c.DATE] <= last + pd.Timedelta(days=14)]
            ax.fill_between(shown[c.DATE], shown["expected_low"], shown["expected_high"], color=BAND_RGBA, lw=0,
                            label="Usual range for someone like you")
            ax.plot(shown[c.DATE], shown["expected_pain"], color=EXPECTED_COLOUR, ls="--", lw=1.6,
                    label="Usual course")
        if len(days):
            mean_7d = seven_day_pain(days, course)  # the status's 7-day mean: a gap where it has too few
            ax.scatter(days[c.DATE], days[c.WORST_PAIN], marker="^", s=14, color=WORST_COLOUR, alpha=0.6,
                       label="Worst pain", zorder=3)
            ax.scatter(days[c.DATE], days[c.PAIN], s=12, color=PAIN_COLOUR, label="Pain (day's average)", zorder=3)
            ax.plot(mean_7d.index, mean_7d.to_numpy(), color=MEAN_COLOUR, lw=2.2, marker="o", markersize=2.5,
                    label="7-day average", zorder=4)  # a point where one day alone has a mean (charts.pain_course)
            _week_marks(ax, pd.Timestamp(days[c.ONSET_DATE].iloc[0]), last)
        ax.set_ylim(-0.3, 10.8)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("Pain (0 none, 10 worst)")
        _date_axis(ax, days[c.DATE] if len(days) else pd.Series(dtype="datetime64[us]"))
        return _png(fig, ax)


def activity_png(daily: pd.DataFrame, normal: float | None,
                 title: str = "Minutes active each day, against the plan") -> bytes:
    """Active minutes as bars, the build-up plan, the 7-day mean and the normal level before the pain.

    `daily`: analysis.review.progress's activity frame (date, activity_minutes, activity_mean_7d, and
    planned_minutes: the walking target of analysis.plan.walking, the one Today shows).
    """
    with plt.rc_context(STYLE):
        fig, ax = _figure(title)
        logged = daily[c.ACTIVITY].notna() if len(daily) else pd.Series(dtype=bool)
        top = 10.0
        if len(daily):
            ax.bar(daily[c.DATE], daily[c.ACTIVITY].fillna(0), width=0.8, color=BAR_RGBA, label="Minutes active")
            ax.plot(daily[c.DATE], daily["planned_minutes"], color=PLAN_COLOUR, ls="--", lw=1.6,
                    label="Walking target (as on Today)")
            ax.plot(daily[c.DATE], daily["activity_mean_7d"], color=MEAN_COLOUR, lw=2.2, label="7-day average")
            top = max(top, float(pd.concat([daily[c.ACTIVITY], daily["planned_minutes"]]).max(skipna=True) or 0))
        if normal is not None and normal == normal and normal > 0:
            ax.axhline(normal, color="#555", ls=":", lw=1.2)
            ax.annotate(f"Normal before the pain: {normal:.0f} min", xy=(0.01, normal), xycoords=("axes fraction",
                        "data"), xytext=(0, 3), textcoords="offset points", fontsize=FONT_PT - 1, color="#444")
            top = max(top, float(normal))
        if not logged.any():
            ax.text(0.5, 0.55, "No active minutes were logged.", transform=ax.transAxes, ha="center",
                    color="#666", fontsize=FONT_PT + 1)
        ax.set_ylim(0, top * 1.15)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=3))
        ax.set_ylabel("Minutes a day")
        _date_axis(ax, daily[c.DATE] if len(daily) else pd.Series(dtype="datetime64[us]"))
        return _png(fig, ax)


def _figure(title: str) -> tuple[Figure, plt.Axes]:
    fig = plt.figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
    ax = fig.add_subplot()
    ax.set_title(title, pad=38)
    return fig, ax


def _week_marks(ax: plt.Axes, onset: pd.Timestamp, last: pd.Timestamp) -> None:
    """Dotted lines at onset and at 1, 3 and 6 weeks (the guidance's check points) within the diary."""
    for day, label in {0: "Start", **WEEK_MARKS}.items():
        when = onset + pd.Timedelta(days=day)
        if when <= last + pd.Timedelta(days=7):
            ax.axvline(when, color="#999", ls=":", lw=0.9)
            ax.text(when, 10.75, f" {label}", fontsize=FONT_PT - 1.5, color="#555", va="top")


def _date_axis(ax: plt.Axes, dates: pd.Series) -> None:
    """Whole days only, '3 Mar' style (month and year on long diaries), never hours or cut labels."""
    if len(dates) == 0:
        ax.xaxis.set_major_locator(mdates.DayLocator())
    else:
        first, last = pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
        span = max(1, (last - first).days)
        ax.set_xlim(first - pd.Timedelta(hours=18), last + pd.Timedelta(hours=18))
        if span <= 120:
            ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, math.ceil(span / 8))))
            ax.xaxis.set_major_formatter(FuncFormatter(_day_month))
        else:
            ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, math.ceil(span / 30.4 / 8))))
            ax.xaxis.set_major_formatter(FuncFormatter(_month_year))
    ax.tick_params(axis="x", labelsize=FONT_PT - 0.5)


def _day_month(value: float, _pos: int) -> str:
    when = mdates.num2date(value)
    return f"{when.day} {when:%b}"


def _month_year(value: float, _pos: int) -> str:
    return f"{mdates.num2date(value):%b %Y}"


def _png(fig: Figure, ax: plt.Axes) -> bytes:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(3, len(handles)),
                  borderaxespad=0.2, handlelength=1.6, columnspacing=1.2)
    out = io.BytesIO()
    fig.subplots_adjust(left=0.085, right=0.985, bottom=0.12, top=0.72)
    fig.savefig(out, format="png", dpi=DPI)
    plt.close(fig)
    return out.getvalue()
