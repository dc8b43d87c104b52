"""Decoding the text of a Shapefile's DBF: the right Cyrillic, or a warning that says why.

GDAL recodes DBF text by the ``.cpg`` file, and when the ``.cpg`` is wrong or
names an encoding it does not know it falls back to Latin-1 or drops bytes
without a word: mojibake. So the DBF is read as Latin-1 (every byte kept as
one character) and decoded here, where every guess is reported.
"""

import codecs
import re

import geopandas as gpd
import pandas as pd

LOSSLESS = "ISO-8859-1"  # GDAL and Python both know this name
# How .cpg files name encodings that Python's codecs do not know by that name.
_CPG_ALIASES = {"65001": "utf-8", "utf8": "utf-8", "ansi 1251": "cp1251", "ansi 1252": "cp1252",
                "ansi 866": "cp866", "oem 866": "cp866"}
_TEXT_PUNCTUATION = set("«»—–№“”„…’‘ ")


def read_shapefile(path, log, *, encoding=None):
    """Read a Shapefile with its DBF text decoded (see the module docstring).

    ``encoding`` is the city's encoding for DBFs without a ``.cpg``. Problems go
    to ``log`` (a ``geo.problems.ProblemLog``) under the file's name.
    """
    frame = gpd.read_file(path, engine="pyogrio", encoding=LOSSLESS)
    cpg = next((p for p in (path.with_suffix(".cpg"), path.with_suffix(".CPG")) if p.exists()), None)
    declared = cpg.read_text(errors="replace").strip() if cpg is not None else None
    codec = cpg_codec(declared) if declared is not None else cpg_codec(encoding or "")
    columns = [c for c in frame.columns if c != "geometry" and pd.api.types.is_string_dtype(frame[c])]
    raw = {c: frame[c].map(lambda v: v.encode(LOSSLESS) if isinstance(v, str) else v) for c in columns}
    actual = _choose(raw, codec)
    for column in columns:
        frame[column] = raw[column].map(  # only cp1251, the last resort, can meet a bad byte
            lambda b: b.decode(actual, errors="replace") if isinstance(b, bytes) else b)
    message = _explain(declared, encoding, codec, actual)
    if message:
        log.warning(path.name, message)
    return frame


def cpg_codec(declared):
    """The Python codec a ``.cpg`` names (``"1251"`` -> ``cp1251``), or ``None`` if unknown."""
    name = (declared or "").strip().lower()
    name = _CPG_ALIASES.get(name, f"cp{name}" if name.isdigit() else name)
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def _choose(raw, codec):
    """The codec that decodes every value: UTF-8 if it can, else the declared, else cp1251."""
    values = [b for column in raw.values() for b in column if isinstance(b, bytes) and not b.isascii()]
    if not values:
        return codec or "utf-8"
    if all(_decodes(b, "utf-8") for b in values):  # non-ASCII UTF-8 is never an accident
        return "utf-8"
    if codec and codec != "cp1251" and all(_decodes(b, codec) for b in values) and not any(
            _cp1251_reads_better(b.decode(codec), b) for b in values):
        return codec
    return "cp1251"


def _decodes(data, codec):
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _cp1251_reads_better(text, data):
    """Whether ``data`` is Cyrillic cp1251 that ``text`` shows as mojibake.

    cp1251 read as a Latin code page gives runs of accented letters (Àëüôà), read as
    cp866 box-drawing signs (└ы№Їр); real text seldom has either.
    """
    if not _decodes(data, "cp1251"):
        return False
    unusual = [ch for ch in data.decode("cp1251") if not ch.isascii() and ch not in _TEXT_PUNCTUATION]
    if not unusual or not all("\u0400" <= ch <= "\u04ff" for ch in unusual):
        return False
    signs = any(not ch.isascii() and not ch.isalpha() and ch not in _TEXT_PUNCTUATION for ch in text)
    return signs or re.search(r"[\u00c0-\u00ff]{3}", text) is not None


def _explain(declared, encoding, codec, actual):
    """The warning for the file, or ``None`` when the text is in the encoding it should be."""
    if codec is not None and codecs.lookup(codec).name == codecs.lookup(actual).name:
        return None
    if declared is None:
        if encoding:
            return (f"the text is not in the city's encoding {encoding!r}: it was read as "
                    f"{actual}; add a .cpg file saying which encoding the DBF uses")
        if actual == "utf-8":
            return None
        return ("no .cpg file and the text is not UTF-8: read as cp1251; add a .cpg file "
                "saying which encoding the DBF uses")
    if codec is None:
        return (f"the .cpg names an encoding that is not known ({declared!r}); the text was "
                f"read as {actual}: correct the .cpg file")
    return (f"the .cpg declares {declared!r} but the text is not in that encoding; it was "
            f"read as {actual}: correct the .cpg file")
