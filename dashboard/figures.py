"""Plotly figures. Pure functions: frames in, figure out; no streamlit, so tests can call them.

Every chart has a title, axis titles with units, and hover text in words.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import columns as c

PAIN_COLOUR = "#1f4e79"
WORST_COLOUR = "#c0504d"
MEAN_COLOUR = "#0b7a75"
ACTIVITY_COLOUR = "rgba(120, 160, 90, 0.45)"


def pain_course(entries: pd.DataFrame, title: str = "Your pain, day by day") -> go.Figure:
    """Daily pain and worst pain as points, the 7-day mean as a line, activity minutes as bars."""
    days = entries.sort_values(c.DATE)
    mean_7d = days.set_index(c.DATE)[c.PAIN].rolling("7D", min_periods=1).mean()
    fig = go.Figure()
    fig.add_bar(x=days[c.DATE], y=days[c.ACTIVITY], name="Minutes active", yaxis="y2",
                marker_color=ACTIVITY_COLOUR, hovertemplate="%{x|%-d %b}: %{y:.0f} minutes active<extra></extra>")
    fig.add_scatter(x=days[c.DATE], y=days[c.WORST_PAIN], name="Worst pain", mode="markers",
                    marker=dict(color=WORST_COLOUR, symbol="triangle-up", size=7),
                    hovertemplate="%{x|%-d %b}: worst pain %{y:.0f} of 10<extra></extra>")
    fig.add_scatter(x=days[c.DATE], y=days[c.PAIN], name="Average pain", mode="markers",
                    marker=dict(color=PAIN_COLOUR, size=7),
                    hovertemplate="%{x|%-d %b}: pain %{y:.1f} of 10<extra></extra>")
    fig.add_scatter(x=mean_7d.index, y=mean_7d.to_numpy(), name="Pain, 7-day average", mode="lines",
                    line=dict(color=MEAN_COLOUR, width=3),
                    hovertemplate="%{x|%-d %b}: 7-day average %{y:.1f} of 10<extra></extra>")
    return _layout(fig, title)


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title=title, height=420, margin=dict(l=10, r=10, t=60, b=10), hovermode="x unified",
        legend=dict(orientation="h", yanchor="bottom", y=-0.3, x=0),
        yaxis=dict(title="Pain (0 = none, 10 = worst)", range=[-0.3, 10.5], dtick=2),
        yaxis2=dict(title="Minutes active", overlaying="y", side="right", showgrid=False, rangemode="tozero"),
        xaxis=dict(title="Date"), plot_bgcolor="white")
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee")
    return fig
