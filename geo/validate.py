"""Field-by-field validation of the layers against the data model.

Each layer has a schema (:data:`DISTRICTS`, :data:`WORKS`, :data:`FUNDING`,
:data:`MEETINGS`, :data:`NEEDS`). :func:`validate_fields` checks a frame column by column with
vectorised parsing, logs one problem per bad value (file, row, id, message) and
returns the frame with typed columns and the bad rows removed.
"""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo import vocab
from geo.meetings import normalise_meeting_time


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, int, real, amount, date, time, vocab
    required: bool = True
    vocabulary: tuple = ()
    minimum: float | None = None
    maximum: float | None = None


def _vocab(mapping):
    return tuple(str(k) for k in mapping)


DISTRICTS = (
    Field("id", "text"),
    Field("name_ru", "text"),
    Field("name_kk", "text", required=False),
    Field("name_en", "text", required=False),
    Field("kind", "vocab", vocabulary=_vocab(vocab.DISTRICT_KINDS)),
    Field("population", "int", minimum=0),
)

WORKS = (
    Field("id", "text"),
    Field("title_ru", "text"),
    Field("title_kk", "text", required=False),
    Field("title_en", "text", required=False),
    Field("category", "vocab", vocabulary=_vocab(vocab.CATEGORIES)),
    Field("status", "vocab", vocabulary=_vocab(vocab.STATUSES)),
    Field("year", "int", minimum=1990, maximum=2100),
    Field("progress", "int", required=False, minimum=0, maximum=100),
    Field("start", "date", required=False),
    Field("finish", "date", required=False),
    Field("address", "text", required=False),
)

FUNDING = (
    Field("record_id", "text"),
    Field("work_id", "text"),
    Field("year", "int", minimum=1990, maximum=2100),
    Field("amount_kzt", "amount", minimum=0),
    Field("source", "vocab", vocabulary=_vocab(vocab.FUNDING_SOURCES)),
    Field("approved", "date", required=False),
    Field("note", "text", required=False),
)

MEETINGS = (
    Field("district_id", "text"),
    Field("year", "int", minimum=1990, maximum=2100),
    Field("cycle", "vocab", vocabulary=("1", "2", "3")),
    Field("date", "date"),
    Field("attendees", "int", required=False, minimum=0),
    Field("summary_ru", "text", required=False),
    Field("summary_kk", "text", required=False),
    Field("place", "text", required=False),
    Field("time", "time", required=False),
)

NEEDS = (
    Field("id", "text"),
    Field("district_id", "text"),
    Field("year", "int", minimum=1990, maximum=2100),
    Field("cycle", "vocab", vocabulary=("1", "2", "3")),
    Field("raised_on", "date"),
    Field("title_ru", "text"),
    Field("title_kk", "text"),
    Field("title_en", "text", required=False),
    Field("category", "vocab", vocabulary=_vocab(vocab.CATEGORIES)),
    Field("status", "vocab", vocabulary=_vocab(vocab.NEED_STATUSES)),
    Field("status_on", "date"),
    Field("answer_ru", "text", required=False),
    Field("answer_kk", "text", required=False),
    Field("work_ids", "text", required=False),
    Field("lon", "real", required=False, minimum=-180, maximum=180),
    Field("lat", "real", required=False, minimum=-90, maximum=90),
    Field("source", "vocab", vocabulary=_vocab(vocab.NEED_SOURCES)),
    Field("supporters", "int", required=False, minimum=0),
)


def validate_fields(frame, schema, file, log, *, id_field=None):
    """Check and type the columns of ``frame`` against ``schema``.

    Parameters
    ----------
    frame : DataFrame
        Raw rows; text columns may hold strings, numbers or nulls.
    schema : tuple of Field
    file : str
        The file name used in problems.
    log : geo.problems.ProblemLog
    id_field : str, optional
        The column naming each row in problems; checked for uniqueness.

    Returns
    -------
    DataFrame
        The rows without errors, with ``int`` columns as nullable ``Int64``,
        ``amount`` as ``int64``, dates as ``datetime64`` and text as ``object``.
    """
    missing = [f.name for f in schema if f.required and f.name not in frame.columns]
    if missing:
        log.error(file, f"required field(s) missing: {', '.join(missing)} "
                  f"(the file has: {', '.join(c for c in frame.columns if c != 'geometry')})")
        empty = frame.iloc[0:0].copy()
        for spec in schema:
            empty[spec.name] = pd.Series(dtype="int64" if spec.kind in ("int", "amount")
                                         else object)
        return empty
    frame = frame.copy(deep=False)  # copy-on-write: the columns replaced below are new arrays
    ids = frame[id_field].map(_as_text) if id_field else pd.Series(None, index=frame.index)
    bad = pd.Series(False, index=frame.index)
    for spec in schema:
        if spec.name not in frame.columns:
            frame[spec.name] = None
        column, column_bad = _check_column(frame[spec.name], spec, file, log, ids)
        frame[spec.name] = column
        bad |= column_bad
    if id_field:
        bad |= _check_unique(frame[id_field], file, log)
    if bad.any():  # a mask copies every column: only when a row goes
        frame = frame[~bad].copy(deep=False)
    for spec in schema:
        if spec.required and spec.kind == "int":
            frame[spec.name] = frame[spec.name].astype("int64")
    return frame


def _check_column(values, spec, file, log, ids):
    # A number column of a store (int64, or float64 with NaN for an empty cell) is parsed
    # as it is: as text it was a new string per cell (~35 MiB for the funding's amounts
    # at 250,000 records, while a worker loaded). Problems show a value as its text.
    numeric = spec.kind in ("int", "amount", "real") and values.dtype.kind in "iuf"
    text = values if numeric else values.map(_as_text)
    empty = text.isna()
    bad = pd.Series(False, index=values.index)
    if spec.required:
        for pos in empty[empty].index:
            log.error(file, f"{spec.name} is empty", row=pos + 1, id=ids.loc[pos])
        bad |= empty
    parser = _PARSERS[spec.kind]
    parsed, invalid, reason = parser(text, spec)
    invalid &= ~empty
    for pos in invalid[invalid].index:
        log.error(file, f"{spec.name} {reason(text.loc[pos])}", row=pos + 1, id=ids.loc[pos])
    bad |= invalid
    return parsed, bad


def _parse_text(text, spec):
    return text, pd.Series(False, index=text.index), None


def _parse_vocab(text, spec):
    invalid = ~text.isin(spec.vocabulary)
    allowed = ", ".join(spec.vocabulary)
    return text, invalid, lambda v: f"{v!r} is not one of: {allowed}"


def _parse_number(text, spec, whole_only):
    numbers = pd.to_numeric(text, errors="coerce")
    invalid = numbers.isna()
    fractional = ~invalid & (numbers != np.floor(numbers.fillna(0)))
    low = ~invalid & (numbers < spec.minimum) if spec.minimum is not None else False
    high = ~invalid & (numbers > spec.maximum) if spec.maximum is not None else False
    messages = {}
    for pos in text.index[invalid]:
        messages[text.loc[pos]] = "is not a number"
    for mask, what in ((fractional, "is not a whole number"),
                       (low, f"is below {spec.minimum:g}" if spec.minimum is not None else ""),
                       (high, f"is above {spec.maximum:g}" if spec.maximum is not None else "")):
        if isinstance(mask, pd.Series):
            for pos in text.index[mask]:
                messages.setdefault(text.loc[pos], what)
    invalid = invalid | fractional | low | high
    typed = numbers.where(~invalid).round()
    typed = typed.astype("Int64") if not whole_only else typed.fillna(0).astype("int64")
    unit = " tenge" if whole_only else ""

    def reason(value):
        return f"{_as_text(value)!r}{unit} {messages.get(value, 'is invalid')}"
    return typed, invalid, reason


def _parse_int(text, spec):
    return _parse_number(text, spec, whole_only=False)


def _parse_real(text, spec):
    numbers = pd.to_numeric(text, errors="coerce")
    invalid = numbers.isna() | ~np.isfinite(numbers.fillna(0))
    low = numbers < spec.minimum if spec.minimum is not None else False
    high = numbers > spec.maximum if spec.maximum is not None else False

    def reason(value):
        number, value = pd.to_numeric(value, errors="coerce"), _as_text(value)
        if pd.isna(number) or not np.isfinite(number):
            return f"{value!r} is not a number"
        return f"{value!r} is outside {spec.minimum:g}..{spec.maximum:g}"
    return numbers.astype("float64"), invalid | low | high, reason


def _parse_amount(text, spec):
    numeric = text.dtype.kind in "iuf"
    cleaned = text if numeric else text.str.replace(r"[\s\u00a0]", "", regex=True)  # "1 000 000" is fine
    typed, invalid, reason = _parse_number(cleaned, spec, whole_only=True)

    def explain(value):
        said = reason(value if numeric else re.sub(r"[\s\u00a0]", "", value)).split(" tenge ", 1)[-1]
        value = _as_text(value)
        if said == "is not a number":
            said = "is not a whole amount of tenge (write digits only, e.g. 700000000)"
        return f"{value!r} tenge {said}"
    return typed, invalid, explain


def _parse_date(text, spec):
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    invalid = dates.isna()
    return dates, invalid, lambda v: f"{v!r} is not a date in the form YYYY-MM-DD"


def _parse_time(text, spec):
    normalised = text.map(_time_or_none)
    invalid = normalised.isna() & text.notna()
    return normalised.where(~invalid, None), invalid, _time_problem


def _time_problem(value):
    try:
        normalise_meeting_time(value)
    except ValueError as exc:
        return f"{exc} (e.g. 18:00 or 18:00-20:00)"
    return "is invalid"


def _time_or_none(value):
    if value is None:
        return None
    try:
        return normalise_meeting_time(value)
    except ValueError:
        return None


_PARSERS = {"text": _parse_text, "time": _parse_time, "vocab": _parse_vocab, "int": _parse_int, "real": _parse_real,
            "amount": _parse_amount, "date": _parse_date}


def _check_unique(ids, file, log):
    duplicated = ids.duplicated(keep="first") & ids.notna()
    first_row = {}
    for pos, value in ids.items():
        first_row.setdefault(value, pos)
    for pos in duplicated[duplicated].index:
        value = ids.loc[pos]
        log.error(file, f"duplicate id {value!r} (first used in row {first_row[value] + 1})",
                  row=pos + 1, id=value)
    return duplicated


def _as_text(value):
    """A cell as stripped text, or ``None`` when empty or null."""
    if value is None:
        return None
    if isinstance(value, float):
        if np.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if value is pd.NA or value is pd.NaT:
        return None
    text = str(value).strip()
    return text or None
