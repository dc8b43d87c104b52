"""Needs on the maps of one place: a need over its district, or the needs a work answers."""

from web.maps.city import MapText
from web.maps.detail import detail_map
from web.maps.needs_data import needs_payload
from web.maps.needs_layer import NeedsLayer


def need_map(dataset, need_id, works, *, lang="ru", text=MapText(), work_url="/works/",
             need_url="/needs/", query="", tiles=None, attribution=None):
    """``need_id``'s marker over its district with ``works`` (the works answering it)."""
    needs = dataset.needs.loc[[need_id]]
    m = detail_map(dataset, works, [needs["district_id"].iloc[0]], lang=lang, text=text,
                   work_url=work_url, query=query, tiles=tiles, attribution=attribution)
    add_needs(m, dataset, needs, lang=lang, text=text, need_url=need_url, query=query)
    return m


def add_needs(m, dataset, needs, *, lang="ru", text=MapText(), need_url="/needs/", query=""):
    """``needs`` (a frame of ``Dataset.needs``) drawn on ``m``, switched on; returns how
    many have a place (the others are not drawn)."""
    payload = needs_payload(needs, dataset.districts, lang=lang, labels=text.need_popup,
                            need_url=need_url, query=query)
    if payload["ids"]:
        NeedsLayer(payload, name=text.needs_layer, show=True).add_to(m)
    return len(payload["ids"])
