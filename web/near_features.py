"""GeoJSON Features of works for ``/api/near`` (the one place that serialises them here;
swap for the shared open-data serialiser when it lands)."""

import pandas as pd
import shapely

from web.names import name_column


def work_features(dataset, works, lang, *, extra=None):
    """A Feature per work (geometry in EPSG:4326, lon/lat); ``extra`` is
    ``{property: sequence}`` added in the same order (e.g. ``distance_m``)."""
    titles = name_column(works, "title", lang)
    district_names = name_column(dataset.districts, "name", lang)
    features = []
    for position, (work_id, work) in enumerate(works.iterrows()):
        geometry = work.geometry
        district_id = work["district_id"]
        properties = {
            "id": work_id, "title": titles[work_id], "category": work["category"],
            "status": work["status"], "year": int(work["year"]),
            "progress": None if pd.isna(work.get("progress")) else int(work["progress"]),
            "funding_kzt": int(work["funding_kzt"]),
            "district_id": district_id, "district_name": district_names.get(district_id) if district_id else None,
        }
        for name, values in (extra or {}).items():
            properties[name] = values[position]
        features.append({
            "type": "Feature", "id": work_id, "properties": properties,
            "geometry": None if geometry is None or geometry.is_empty
            else shapely.geometry.mapping(shapely.set_precision(geometry, 1e-6)),
        })
    return features
