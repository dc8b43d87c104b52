"""Names and titles from the data in the reader's language, with a fallback.

A district has ``name_ru``/``name_kk``/``name_en``, a work ``title_*``; a missing or
empty value in the chosen language falls back to Russian, then English, then Kazakh,
then the row's id, so nothing is ever shown blank.
"""

import numpy as np
import pandas as pd

from geo.vocab import LANGUAGES

FALLBACK_ORDER = ("ru", "en", "kk")


def _order(lang):
    return (lang,) + tuple(code for code in FALLBACK_ORDER if code != lang)


def data_name(row, field, lang, default=""):
    """``row[f"{field}_{lang}"]`` or the first non-empty fallback (``row`` is a mapping)."""
    for code in _order(lang if lang in LANGUAGES else "ru"):
        value = row.get(f"{field}_{code}") if hasattr(row, "get") else None
        if isinstance(value, str) and value.strip():
            return value
    return default


def name_column(frame, field, lang):
    """The same choice for every row of ``frame`` at once (a Series of str)."""
    result = np.full(len(frame), None, dtype=object)
    missing = np.ones(len(frame), dtype=bool)
    for code in _order(lang if lang in LANGUAGES else "ru"):
        column = f"{field}_{code}"
        if column not in frame:
            continue
        values = frame[column].to_numpy(dtype=object)
        usable = missing & pd.notna(values) & (values != "")  # vectorised: 10,000 titles per map
        result[usable] = values[usable]
        missing &= ~usable
    if missing.any():
        fallback = frame["id"] if "id" in frame else pd.Series(frame.index, index=frame.index)
        result[missing] = fallback.astype(str).to_numpy(dtype=object)[missing]
    return pd.Series(result, index=frame.index, dtype=object)
