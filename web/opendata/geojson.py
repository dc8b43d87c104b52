"""GeoJSON (RFC 7946) for every response that sends features, in one place.

Coordinates are lon/lat in EPSG:4326 rounded to 7 decimals (about 1 cm),
polygon rings follow the right-hand rule (exteriors counter-clockwise) and no
``crs`` member is written. Each work's Feature is serialised once per Dataset
(:func:`work_features`, cached) so that a page of results is a string join,
not a serialisation; a property that depends on the request (``/api/near``'s
``distance_m``) is spliced in after the others (:meth:`FeatureTable.take_with_number`).
Imports no Flask.
"""

import io
import json
import threading
import weakref
import zlib

import numpy as np
import pandas as pd
import shapely

from geo import heap

MEDIA_TYPE = "application/geo+json"
DECIMALS = 7

# The public properties of a work, in the order they are written.
WORK_PROPERTIES = ("title_ru", "title_kk", "title_en", "category", "status", "year",
                   "progress", "start", "finish", "address", "district_id", "district_ids",
                   "funding_kzt")

_cache = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def dumps(value):
    """Compact JSON in UTF-8 (no ASCII escapes), the one encoder of this module."""
    return _encoder.encode(value)


def geometry_json(geometries):
    """Rounded, right-hand-rule GeoJSON geometries; ``"null"`` for missing or empty ones."""
    geometries = np.asarray(geometries, dtype=object)
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    present = geometries[~missing]
    present = shapely.transform(present, lambda coords: np.round(coords, DECIMALS))
    present = shapely.orient_polygons(present, exterior_cw=False)
    out = np.full(len(geometries), "null", dtype=object)
    out[~missing] = shapely.to_geojson(present)
    return out


def feature_json(feature_id, geometry, properties):
    """One Feature as a string, ``geometry`` already serialised by :func:`geometry_json`."""
    return (f'{{"type":"Feature","id":{dumps(feature_id)},"geometry":{geometry},'
            f'"properties":{dumps(properties)}}}')


def feature_collection(features, **members):
    """A FeatureCollection string from Feature strings; ``members`` come before ``features``."""
    head = dumps({"type": "FeatureCollection", **members})[:-1]
    return head + ',"features":[' + ",".join(features) + "]}"


def feature_collection_utf8(features, **members):
    """:func:`feature_collection` from Features already in UTF-8 (bytes in, bytes out)."""
    head = dumps({"type": "FeatureCollection", **members})[:-1].encode()
    return head + b',"features":[' + b",".join(features) + b"]}"


def work_properties(works):
    """The public properties of each work as plain dicts (dates as ISO strings)."""
    return plain_rows(works, WORK_PROPERTIES)


def plain_rows(frame, columns):
    """The ``columns`` of each row of ``frame`` as JSON-ready dicts (dates as ISO strings)."""
    values = [_plain_column(frame[name]) for name in columns]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _plain_column(column):
    """A column as a list of JSON-ready values: ISO dates, lists, ``None`` for missing."""
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d").astype(object)
        return text.where(column.notna(), None).tolist()
    if column.dtype == object and len(column) and isinstance(column.iloc[0], tuple):
        return [list(v) if isinstance(v, tuple) else v for v in column]
    values = column.astype(object)
    return values.where(column.notna(), None).tolist()


class FeatureTable:
    """Serialised Features, found by id, in one UTF-8 buffer with offsets; in a big
    table each deflated with a shared dictionary.

    At 100,000 works one ``str`` per Feature held ~90 MiB in every worker (Cyrillic
    titles make CPython store the whole string two bytes per character), one UTF-8
    buffer ~50 MiB and ~94 MiB at 250,000. A Feature repeats its keys, vocabulary
    and structure from every other one, so above ``DEFLATE_ABOVE`` Features each is
    deflated on its own against a dictionary of Features of the same table (zlib's
    preset dictionary): ~430 -> ~80 bytes each. Inflating one costs 1-4 µs: a page
    of 1,000 or an ``/api/near`` answer of ~700 pays a millisecond or more, which
    at 100,000 works would be a third of the route (docs/SCALING.md, "Memory").
    """

    def __init__(self, index, pieces, deflate=None):
        """``index``: the ids in order; ``pieces``: an iterable of chunks, each a list
        of the next Features as strings (the chunks bound the memory used to build);
        ``deflate``: whether to deflate them (default: above ``DEFLATE_ABOVE``)."""
        buffer, ends, end = io.BytesIO(), [], 0
        deflate = len(index) > DEFLATE_ABOVE if deflate is None else deflate
        self._dictionary, primed = b"", None
        self._inflate = self._inflate_one if deflate else bytes
        for chunk in pieces:
            encoded = [feature.encode() for feature in chunk]
            if deflate and primed is None and encoded:
                self._dictionary = _deflate_dictionary(encoded)
                primed = _compressor(self._dictionary)
            packed = [_deflate(primed, item) for item in encoded] if deflate else encoded
            for item in packed:
                end += len(item)
                ends.append(end)
            buffer.write(b"".join(packed))
        if len(ends) != len(index):
            raise ValueError(f"{len(ends)} features for {len(index)} ids")
        self.index = index
        self._buffer = buffer.getvalue()
        self._ends = np.asarray(ends, dtype=np.int64)

    def __len__(self):
        return len(self.index)

    def __contains__(self, feature_id):
        return feature_id in self.index

    def __getitem__(self, feature_id):
        """One Feature string; ``KeyError`` for an unknown id."""
        return self._text(self.index.get_loc(feature_id))

    def take(self, ids):
        """The Feature strings of ``ids``, in that order; ``KeyError`` for an unknown id."""
        return [feature.decode() for feature in self.take_utf8(ids)]

    def take_utf8(self, ids):
        """The Features of ``ids`` in UTF-8, in that order, for
        :func:`feature_collection_utf8`: inflated from the buffer, never decoded (a page
        of 1,000 costs ~1 ms to inflate, decoding and encoding it again ~2 ms more)."""
        starts, ends = self._spans(self._positions(ids))
        buffer, inflate = self._buffer, self._inflate
        if inflate is bytes:  # kept whole: a slice is the Feature
            return [buffer[start:end] for start, end in zip(starts.tolist(), ends.tolist())]
        return [inflate(buffer[start:end]) for start, end in zip(starts.tolist(), ends.tolist())]

    def take_with_number(self, ids, name, numbers):
        """The Features of ``ids`` in UTF-8, each with one more property: a number to 0.1.

        What :func:`feature_json` writes for ``{**properties, name: round(number, 1)}``,
        byte for byte, without decoding or re-serialising the stored Feature: its
        properties are its last member and not empty, so the new one goes before the
        closing ``}}``, and ``%.1f`` writes what ``round(number, 1)`` and JSON do for
        any finite number below 1e15 (at two places they part: 1.5 against 1.50).

        Parameters
        ----------
        ids : sequence
            Feature ids, in the order wanted; ``KeyError`` for an unknown one.
        name : str
            The property's name.
        numbers : array of float
            Its value for each Feature, finite and below 1e15 in magnitude.
        """
        numbers = np.asarray(numbers, dtype=float)
        if not (np.abs(numbers) < 1e15).all():
            raise ValueError("numbers must be finite and below 1e15 in magnitude")
        starts, ends = self._spans(self._positions(ids))
        key = dumps(name).replace("%", "%%")
        buffer, tail = self._buffer, f",{key}:%.1f}}}}".encode()
        spans = zip(starts.tolist(), ends.tolist(), numbers.tolist())
        if self._inflate is bytes:  # kept whole: one slice each, without its closing "}}"
            return [buffer[start:end - 2] + tail % number for start, end, number in spans]
        return [self._inflate(buffer[start:end])[:-2] + tail % number for start, end, number in spans]

    def _positions(self, ids):
        positions = self.index.get_indexer(ids)
        if (positions < 0).any():
            raise KeyError(f"unknown ids: {list(pd.Index(ids)[positions < 0][:5])}")
        return positions

    def _spans(self, positions):
        """The start and end offsets in the buffer of the Features at ``positions``."""
        return np.where(positions > 0, self._ends[positions - 1], 0), self._ends[positions]

    def _text(self, position):
        start = int(self._ends[position - 1]) if position else 0
        return self._inflate(self._buffer[start:int(self._ends[position])]).decode()

    def _inflate_one(self, packed):
        return zlib.decompressobj(DEFLATE_WBITS, self._dictionary).decompress(packed)


# Tables of more Features than this are deflated: 150,000 works keep ~65 MiB whole.
DEFLATE_ABOVE = 150_000
# Raw deflate with an 8 KiB window and a small hash table (memory level 4): a
# dictionary of that size holds the Features' shared parts, and a compressor for
# each Feature stays cheap to copy (~10 µs: 250,000 Features take ~3 s more once
# per snapshot; a 32 KiB window costs ten times that to prime for ~10% less).
DEFLATE_WBITS = -13
DEFLATE_LEVEL = 6
DEFLATE_MEMORY_LEVEL = 4
DICTIONARY_SAMPLES = 64


def _deflate_dictionary(features):
    """Features spread over ``features`` joined, as much as the window holds (zlib uses
    the last 2**13 - 262 bytes of a dictionary)."""
    step = max(1, len(features) // DICTIONARY_SAMPLES)
    return b"".join(features[::step])[-((1 << -DEFLATE_WBITS) - 262):]


def _compressor(dictionary):
    return zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, DEFLATE_WBITS, DEFLATE_MEMORY_LEVEL,
                            zlib.Z_DEFAULT_STRATEGY, dictionary)


def _deflate(primed, data):
    """``data`` deflated on its own, from a copy of the compressor ``primed`` with the
    dictionary (copying is cheaper than priming a new one)."""
    compressor = primed.copy()
    return compressor.compress(data) + compressor.flush()


def work_features(dataset):
    """Every work's Feature (a :class:`FeatureTable` by work id); built once per Dataset."""
    return cached(dataset, "works", _build_work_features)


def district_geometries(dataset):
    """Every district's serialised geometry, indexed by district id; built once per Dataset."""
    return cached(dataset, "district_geometries", lambda d: pd.Series(
        geometry_json(d.districts.geometry.values), index=d.districts.index, dtype=object))


def prepare(dataset):
    """Build every cached fragment and spatial index now, so no request pays for it."""
    work_features(dataset)
    district_geometries(dataset)
    dataset.works.sindex  # noqa: B018  (GeoPandas builds the tree on first access)
    dataset.districts.sindex  # noqa: B018


def _build_work_features(dataset, chunk_size=5000):
    works = dataset.works

    def chunks():
        for start in range(0, len(works), chunk_size):
            part = works.iloc[start:start + chunk_size]
            geometries = geometry_json(part.geometry.values)
            yield [feature_json(work_id, geometry, properties) for work_id, geometry, properties
                   in zip(part.index, geometries, work_properties(part))]

    # The chunks' strings and zlib states leave holes in the heap that the next ones do
    # not fill: at 250,000 works the build peaked ~23 MiB higher without trimming.
    return FeatureTable(works.index, heap.trimming(chunks()))


def cached(dataset, key, build):
    """``build(dataset)`` once per Dataset and ``key``, kept while the Dataset lives."""
    entry = _cache.get(dataset)
    if entry is None or key not in entry:
        with _cache_lock:
            entry = _cache.setdefault(dataset, {})
            if key not in entry:
                entry[key] = build(dataset)
    return entry[key]


def _plain(value):
    """numpy and pandas scalars as JSON values."""
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (tuple, np.ndarray)):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if pd.isna(value):
        return None
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# One encoder object: json.dumps with options builds a new one per call, which is
# most of the time spent serialising 100,000 small features.
_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain,
                            allow_nan=False)
