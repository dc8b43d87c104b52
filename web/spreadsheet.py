"""CSV for spreadsheets: text that Excel or LibreOffice would run as a formula stays text.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to a spreadsheet (OWASP "CSV injection"); a leading ``'`` makes it text
there. Numbers are left alone, so ``-5`` is still a number.
"""

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """``value`` with a ``'`` in front when a spreadsheet would run it; others unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _is_number(value):
        return value
    return "'" + value


def no_formulas(frame):
    """A copy of ``frame`` whose text cells (and text index) cannot run as formulas."""
    frame = frame.copy()
    for column in frame.columns:
        if column != "geometry" and not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(no_formula)
    if not pd.api.types.is_numeric_dtype(frame.index):
        frame.index = frame.index.map(no_formula).rename(frame.index.name)
    return frame


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True
