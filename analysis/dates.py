"""Date helpers shared by storage, export and the summary."""
from __future__ import annotations

import numpy as np
import pandas as pd


def iso_days(dates: pd.Series) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text ('NaT' where missing); numpy's formatter, far faster than strftime."""
    text = np.datetime_as_string(dates.to_numpy().astype("datetime64[D]"), unit="D")
    return pd.Series(text, index=dates.index, dtype="str")
