"""Residents' needs as GeoJSON Features: serialised once per Dataset and language.

A need's ``url`` property is its page, an absolute URL. The host comes from the
request, so the cached Features hold it relative (``"url":"needs/<id>"``) and
:func:`absolute` puts the request's root in front of every one at answer time;
caching per host would let any ``Host`` header grow the cache. Imports no Flask.
"""

from web.opendata import geojson
from web.opendata.public_tables import NEED_PROPERTIES, needs_table

_RELATIVE = '"url":"needs/'
_LANGUAGES_SERVED = set()  # by this process: what prepare() builds for the next snapshot


def need_features(dataset, lang):
    """Every need's Feature in ``lang`` (a :class:`geojson.FeatureTable` by need id)."""
    _LANGUAGES_SERVED.add(lang)
    return geojson.cached(dataset, f"needs:{lang}", lambda d: _build(d, lang))


def prepare(dataset):
    """Build the needs' Features in each language this process has served them in, so
    that after a reload no reader waits for them (at 100,000 needs, seconds each); a
    worker that never served needs builds none."""
    for lang in sorted(_LANGUAGES_SERVED):
        need_features(dataset, lang)


def absolute(text, root):
    """Feature JSON ``text`` (``str``, or UTF-8 ``bytes``) with each need's ``url`` made
    absolute under ``root`` (``http://host/``). Inside a JSON string a quote is escaped,
    so only the property itself can match."""
    url = '"url":' + geojson.dumps(root)[:-1] + "needs/"
    if isinstance(text, bytes):
        return text.replace(_RELATIVE.encode(), url.encode())
    return text.replace(_RELATIVE, url)


def _build(dataset, lang, chunk_size=5000):
    index = dataset.needs.index

    def chunks():
        for start in range(0, len(index), chunk_size):
            table = needs_table(dataset, index[start:start + chunk_size], lang, root="")
            geometries = geojson.geometry_json(table.geometry.values)
            yield [geojson.feature_json(need_id, geometry, properties)
                   for need_id, geometry, properties in zip(
                       table.index, geometries, geojson.plain_rows(table, NEED_PROPERTIES))]

    return geojson.FeatureTable(index, chunks())
