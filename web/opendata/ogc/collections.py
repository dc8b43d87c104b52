"""The three feature collections, their metadata and their items, from a Dataset."""

import json

from web.opendata import geojson
from web.opendata.need_features import absolute, need_features
from web.opendata.ogc import queryables
from web.opendata.ogc.core import GEOJSON, HTML, NotFound, link
from web.opendata.selection import page, select_district_ids, select_need_ids, select_work_ids
from web.opendata.public_tables import district_properties, district_statistics
from web.params import parse_filters, parse_need_filters

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

# Titles and descriptions in every UI language (JSON answers carry the requested one).
COLLECTIONS = {
    "districts": {
        "title": {"ru": "Районы", "kk": "Аудандар", "en": "Districts"},
        "description": {
            "ru": "Центр, микрорайоны и посёлки с показателями программы за выбранный период",
            "kk": "Орталық, шағын аудандар мен кенттер, таңдалған кезеңдегі бағдарлама "
                  "көрсеткіштерімен",
            "en": "The centre, microdistricts and settlements with the programme's figures "
                  "for the selected period",
        },
    },
    "works": {
        "title": {"ru": "Работы", "kk": "Жұмыстар", "en": "Works"},
        "description": {
            "ru": "Работы программы: точки, линии и площади с категорией, статусом, сроками "
                  "и финансированием",
            "kk": "Бағдарлама жұмыстары: санаты, мәртебесі, мерзімдері мен қаржыландыруы бар "
                  "нүктелер, сызықтар және аумақтар",
            "en": "Works of the programme: points, lines and areas with their category, "
                  "status, dates and funding",
        },
    },
    "needs": {
        "title": {"ru": "Нужды жителей", "kk": "Тұрғындардың қажеттіліктері",
                  "en": "Residents' needs"},
        "description": {
            "ru": "Нужды, названные жителями на встречах с акиматом: статус, ответ, работы, "
                  "которые их решают, и их финансирование; без точки на карте геометрия пуста",
            "kk": "Тұрғындар әкімдікпен кездесулерде атаған қажеттіліктер: мәртебесі, жауабы, "
                  "оларды шешетін жұмыстар және олардың қаржыландыруы; картада нүктесі "
                  "болмаса, геометриясы бос",
            "en": "Needs residents raised at their meetings with the akimat: status, answer, "
                  "the works that answer them and their funding; a need without a place has "
                  "a null geometry",
        },
    },
}
QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"


def check_collection(collection_id):
    if collection_id not in COLLECTIONS:
        raise NotFound(f"no collection '{collection_id}'; there are {', '.join(COLLECTIONS)}")


def metadata(request, dataset, collection_id):
    """The collection's description: title, extent, item type and links."""
    texts = COLLECTIONS[collection_id]
    path = f"/collections/{collection_id}"
    return {
        "id": collection_id,
        "title": texts["title"][request.lang],
        "description": texts["description"][request.lang],
        "itemType": "feature",
        "crs": [CRS84],
        "extent": _extent(dataset, collection_id),
        "links": [
            link(request.url(path, f="json"), "self", "application/json"),
            link(request.url(path, f="html"), "alternate", HTML),
            link(request.url(path + "/items", f="json"), "items", GEOJSON),
            link(request.url(path + "/items", f="html"), "items", HTML),
            link(request.url(path + "/queryables", f="json"), QUERYABLES_REL,
                 queryables.MEDIA_TYPE),
        ],
    }


def parse_item_filters(collection_id, args):
    """The filters of a collection's items: a need's ``status`` is in the needs' vocabulary."""
    return parse_need_filters(args) if collection_id == "needs" else parse_filters(args)


def items(dataset, collection_id, filters, period, limit, offset, request):
    """``(Features in UTF-8, number matched, has previous, has next)`` for one page;
    needs are in ``request.lang`` and link to their pages under ``request.root``."""
    if collection_id == "needs":
        ids = select_need_ids(dataset, filters, period)
        chunk, has_prev, has_next = page(ids, limit, offset)
        features = [absolute(f, request.root)
                    for f in need_features(dataset, request.lang).take_utf8(chunk)]
        return features, len(ids), has_prev, has_next
    if collection_id == "works":
        ids = select_work_ids(dataset, filters, period)
        chunk, has_prev, has_next = page(ids, limit, offset)
        return geojson.work_features(dataset).take_utf8(chunk), len(ids), has_prev, has_next
    ids = select_district_ids(dataset, filters)
    chunk, has_prev, has_next = page(ids, limit, offset)
    properties = district_properties(district_statistics(dataset, filters).loc[chunk])
    geometries = geojson.district_geometries(dataset)
    features = [geojson.feature_json(i, geometries[i], properties[i]).encode() for i in chunk]
    return features, len(ids), has_prev, has_next


def item(dataset, collection_id, feature_id, filters, request):
    """One Feature string, or ``NotFound``."""
    if collection_id == "needs":
        features = need_features(dataset, request.lang)
        if feature_id not in features:
            raise NotFound(f"no need '{feature_id}'")
        return absolute(features[feature_id], request.root)
    if collection_id == "works":
        features = geojson.work_features(dataset)
        if feature_id not in features:
            raise NotFound(f"no work '{feature_id}'")
        return features[feature_id]
    if feature_id not in dataset.districts.index:
        raise NotFound(f"no district '{feature_id}'")
    table = district_statistics(dataset, filters).loc[[feature_id]]
    return geojson.feature_json(feature_id, geojson.district_geometries(dataset)[feature_id],
                                district_properties(table)[feature_id])


def with_links(feature, links):
    """A Feature string with a ``links`` member added."""
    return feature[:-1] + ',"links":' + json.dumps(links, ensure_ascii=False) + "}"


def _extent(dataset, collection_id):
    frame = {"works": dataset.works, "needs": dataset.needs}.get(collection_id,
                                                                 dataset.districts)
    bounds = frame.geometry.total_bounds
    spatial = {"bbox": [[round(float(v), 7) for v in bounds]] if len(frame) and
               all(v == v for v in bounds) else [[-180, -90, 180, 90]], "crs": CRS84}
    if collection_id == "needs" and not frame.empty:
        first, last = frame["raised_on"].min(), frame["raised_on"].max()
        interval = [first.date().isoformat() + "T00:00:00Z",
                    last.date().isoformat() + "T23:59:59Z"]
        return {"spatial": spatial, "temporal": {"interval": [interval], "trs": GREGORIAN}}
    if collection_id != "works" or dataset.works.empty:
        return {"spatial": spatial}
    works = dataset.works
    first, last = works["start"].min(), works["finish"].max()
    interval = [first.date().isoformat() + "T00:00:00Z" if first == first else None,
                last.date().isoformat() + "T23:59:59Z" if last == last else None]
    return {"spatial": spatial, "temporal": {"interval": [interval], "trs": GREGORIAN}}
