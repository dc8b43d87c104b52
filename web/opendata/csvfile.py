"""CSV files for spreadsheets: one format for every download.

Planners open them in Excel with a Russian or Kazakh locale: UTF-8 with a
byte-order mark (so Cyrillic shows), ``;`` between fields and a decimal comma
(that locale's list and decimal separators), ISO dates, CRLF line ends. A text
cell that starts with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'`` so that
a spreadsheet shows it as text instead of running it as a formula.
"""

import pandas as pd

OPTIONS = {"sep": ";", "decimal": ",", "lineterminator": "\r\n"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_csv(frame, *, index=False):
    """``frame`` as CSV text in the format above (text columns made formula-safe)."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_object_dtype(frame[column]) or pd.api.types.is_string_dtype(
                frame[column]):
            frame[column] = frame[column].map(no_formula)
    if index and not pd.api.types.is_numeric_dtype(frame.index):  # ids are text too
        frame.index = frame.index.map(no_formula).rename(frame.index.name)
    return "\ufeff" + frame.to_csv(index=index, **OPTIONS)


def no_formula(value):
    """A text cell a spreadsheet will not run; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
