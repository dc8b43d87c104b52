"""The spatial join of works to districts and of funding to works.

Rules (DESIGN.md, "Join rules"):

* a point work belongs to the district that contains it; a point on the shared
  border of several districts goes to the one whose id sorts first, so the
  answer never depends on the order of the files;
* a line or polygon work is split across districts by its length or area inside
  each; what lies outside every district is the "unassigned" share;
* funding records join works by ``work_id`` and are split with the work's
  shares in whole tenge (largest remainder), so no tenge is created or lost.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

SHARE_COLUMNS = ["work_id", "district_id", "share"]
ALLOCATION_COLUMNS = ["record_id", "work_id", "district_id", "year", "source", "amount_kzt"]


def assign_works(works, districts, metric_crs):
    """Split every work across the districts it lies in.

    Parameters
    ----------
    works : GeoDataFrame
        Works with an ``id`` column; geometries may be missing.
    districts : GeoDataFrame
        Districts with an ``id`` column and polygonal geometries, same CRS.
    metric_crs : str
        A projected CRS in metres for lengths and areas.

    Returns
    -------
    DataFrame
        ``work_id``, ``district_id`` (``None`` for the part outside every
        district, or for a work with no geometry) and ``share`` (0–1). The shares
        of each work sum to 1.
    """
    _basic_checks(works, districts)
    districts = districts.reset_index(drop=True)
    geoms = np.asarray(works.geometry.values)
    ids = works["id"].to_numpy(dtype=object)
    kinds = shapely.get_type_id(geoms)  # -1 for a missing geometry
    located = (kinds >= 0) & ~shapely.is_empty(geoms)
    is_point = located & np.isin(kinds, (0, 4))
    is_extended = located & ~is_point
    parts = [
        _assign_points(ids[is_point], geoms[is_point], districts),
        _assign_extended(works[is_extended], districts, metric_crs),
        pd.DataFrame({"work_id": ids[~located], "district_id": None, "share": 1.0}),
    ]
    parts = [p for p in parts if not p.empty] or [pd.DataFrame(columns=SHARE_COLUMNS)]
    return pd.concat(parts, ignore_index=True)[SHARE_COLUMNS]


def _basic_checks(works, districts):
    for name, frame in (("works", works), ("districts", districts)):
        if "id" not in frame.columns:
            raise ValueError(f"{name} need an 'id' column")
    if works.crs != districts.crs:
        raise ValueError("works and districts must share one CRS; reproject one of them first")


def _assign_points(point_ids, points, districts):
    if len(points) == 0:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    ids = districts["id"].to_numpy(dtype=object)
    rank = np.argsort(np.argsort(ids.astype(str), kind="stable"), kind="stable")
    # The same STRtree query as geopandas.sjoin, without building a joined frame.
    point_pos, district_pos = districts.sindex.query(points, predicate="intersects")
    # On a shared border a point intersects several districts: the first id wins.
    order = np.lexsort((rank[district_pos], point_pos))
    point_pos, district_pos = point_pos[order], district_pos[order]
    first = np.ones(len(point_pos), dtype=bool)
    first[1:] = point_pos[1:] != point_pos[:-1]
    district = np.full(len(points), None, dtype=object)
    district[point_pos[first]] = ids[district_pos[first]]
    return pd.DataFrame({"work_id": point_ids, "district_id": district, "share": 1.0})


def _assign_extended(works, districts, metric_crs):
    if works.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    works_m = works[["id", "geometry"]].to_crs(metric_crs)
    districts_m = districts[["id", "geometry"]].reset_index(drop=True).to_crs(metric_crs)
    pairs = gpd.sjoin(works_m, districts_m.rename(columns={"id": "district_id"}),
                      how="inner", predicate="intersects")
    measure = _measure_function(works_m.geometry)
    total = pd.Series(measure(works_m.geometry.values), index=works_m["id"].values)
    pieces = shapely.intersection(pairs.geometry.values,
                                  districts_m.geometry.values[pairs["index_right"].values])
    inside = pd.DataFrame({"work_id": pairs["id"].values,
                           "district_id": pairs["district_id"].values,
                           "amount": measure(pieces)})
    degenerate = total[total <= 0].index
    inside = inside[(inside["amount"] > 0) | inside["work_id"].isin(degenerate)]
    inside = _degenerate_to_first(inside, degenerate)
    inside["share"] = inside["amount"] / inside["work_id"].map(total).replace(0, np.nan)
    inside["share"] = inside["share"].fillna(1.0).clip(upper=1.0)
    return _with_outside_share(inside, works_m["id"])


def _measure_function(geoms):
    """Length for lines, area for polygons (a mixed layer is measured per row)."""
    def measure(values):
        values = np.asarray(values)
        areas = shapely.area(values)
        lengths = shapely.length(values)
        polygonal = np.isin(shapely.get_type_id(values), (3, 6))
        return np.where(polygonal, areas, lengths)
    return measure


def _degenerate_to_first(inside, degenerate):
    """A zero-length line or zero-area polygon is treated like a point."""
    if len(degenerate) == 0:
        return inside
    mask = inside["work_id"].isin(degenerate)
    firsts = inside[mask].sort_values(["work_id", "district_id"]).drop_duplicates("work_id")
    firsts = firsts.assign(amount=1.0)
    return pd.concat([inside[~mask], firsts], ignore_index=True)


def _with_outside_share(inside, all_ids):
    inside = inside[["work_id", "district_id", "share"]]
    placed = inside.groupby("work_id")["share"].sum()
    placed = placed.reindex(all_ids.values, fill_value=0.0)
    outside = (1.0 - placed).clip(lower=0.0)
    # Tiny float noise is not "outside": treat anything below a millionth as zero.
    outside = outside[outside > 1e-6]
    rest = pd.DataFrame({"work_id": outside.index, "district_id": None, "share": outside.values})
    shares = pd.concat([inside, rest], ignore_index=True)
    sums = shares.groupby("work_id")["share"].transform("sum")
    shares["share"] = shares["share"] / sums
    return shares


def allocate_funding(funding, shares):
    """Split each funding record across districts with its work's shares.

    Parameters
    ----------
    funding : DataFrame
        ``record_id``, ``work_id``, ``year``, ``source``, ``amount_kzt`` (int).
    shares : DataFrame
        The result of :func:`assign_works`.

    Returns
    -------
    DataFrame
        One row per record and district (``district_id`` ``None`` for the part
        outside every district and for records whose work is unknown), with
        whole-tenge ``amount_kzt`` that sum exactly to the record's amount.
    """
    if funding.empty:
        return pd.DataFrame(columns=ALLOCATION_COLUMNS)
    merged = funding[["record_id", "work_id", "year", "source", "amount_kzt"]].merge(
        shares, on="work_id", how="left")
    merged["share"] = merged["share"].fillna(1.0)
    merged["district_id"] = merged["district_id"].astype(object).where(
        merged["district_id"].notna(), None)
    merged["amount_kzt"] = _largest_remainder(merged)
    return merged[ALLOCATION_COLUMNS].reset_index(drop=True)


def _largest_remainder(merged):
    """Whole-tenge parts of each record that add up to the record's amount."""
    exact = merged["amount_kzt"].astype("float64") * merged["share"]
    floors = np.floor(exact + 1e-9)
    remainder = exact - floors
    short = merged["amount_kzt"].astype("int64") - floors.groupby(merged["record_id"]).transform("sum")
    order = remainder.groupby(merged["record_id"]).rank(method="first", ascending=False)
    bonus = (order <= short).astype("int64")
    return (floors.astype("int64") + bonus).astype("int64")
