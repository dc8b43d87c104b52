"""Reading the files of a data folder into raw frames, with every problem logged.

This module only reads: it finds the files, decodes text, checks the CRS and
repairs geometries. Field-by-field validation lives in :mod:`geo.validate`.
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS

from geo import dbf_text

VECTOR_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
TARGET_CRS = "EPSG:4326"


def find_layer_files(folder, stem):
    """Vector files in ``folder`` whose name is ``stem`` or starts with it, sorted."""
    folder = Path(folder)
    found = []
    for path in sorted(folder.iterdir()):
        name = path.name.lower()
        if path.suffix.lower() in VECTOR_SUFFIXES and (
            path.stem.lower() == stem or name.startswith(stem)
        ):
            found.append(path)
    return found


def read_vector(path, log, *, encoding=None, crs=None, extent=None):
    """Read one vector file into a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    path : Path
        A Shapefile, GeoPackage or GeoJSON file.
    log : geo.problems.ProblemLog
        Receives every problem found.
    encoding : str, optional
        The DBF encoding to use when a Shapefile has no ``.cpg``; by default
        UTF-8 is tried, then cp1251.
    crs : str, optional
        The CRS to assume when the file has none. Without it a layer with no
        CRS is an error.
    extent : tuple, optional
        ``(minlon, minlat, maxlon, maxlat)`` every geometry should fall in, used
        to detect swapped coordinates.

    Returns
    -------
    GeoDataFrame or None
        ``None`` when the file cannot be read at all (the reason is logged).
    """
    name = path.name
    if path.suffix.lower() == ".shp":
        missing = [s for s in (".dbf", ".shx") if not _sidecar(path, s)]
        if missing:
            log.error(name, f"the Shapefile is incomplete: {', '.join(missing)} is missing")
            return None
        truncated = _truncated_shp(path)
        if truncated:
            log.error(name, truncated)
            return None
    try:
        frame = _read_with_encoding(path, log, encoding)
    except Exception as exc:  # GDAL raises many types for a broken file
        # The name, not the server's path: the message is shown on /healthz.
        log.error(name, f"cannot read the file: {_short(exc).replace(str(path), name)}")
        return None
    frame.columns = [c if c == "geometry" else str(c).lower() for c in frame.columns]
    frame = frame.reset_index(drop=True)
    frame = _to_target_crs(frame, name, log, crs)
    if frame is None:
        return None
    if extent is not None and not _check_extent(frame, name, log, extent):
        return None
    return frame


def _sidecar(path, suffix):
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return None


def _truncated_shp(path):
    """Why a ``.shp`` is cut short (GDAL would read its last shapes as empty), or ``None``."""
    size = path.stat().st_size
    with open(path, "rb") as file:
        header = file.read(28)
    declared = int.from_bytes(header[24:28], "big") * 2 if len(header) == 28 else None
    if declared is None or declared > size:
        return (f"the .shp file is truncated ({size} bytes of {declared or 'at least 100'}): "
                "copy or export it again")
    return None


def _read_with_encoding(path, log, encoding):
    """Read a file; for Shapefiles decode the DBF correctly or say why not."""
    if path.suffix.lower() != ".shp":
        return gpd.read_file(path, engine="pyogrio")
    return dbf_text.read_shapefile(path, log, encoding=encoding)


def _to_target_crs(frame, name, log, crs):
    if frame.crs is None:
        if crs is None:
            log.error(name, "the layer has no coordinate reference system (a missing .prj?); "
                      "add one, or give the CRS explicitly")
            return None
        frame = frame.set_crs(CRS.from_user_input(crs))
        log.warning(name, f"the layer has no CRS; {crs} was assumed as given")
    if not CRS.from_user_input(frame.crs).equals(CRS.from_user_input(TARGET_CRS)):
        frame = frame.to_crs(TARGET_CRS)
    return frame


def _check_extent(frame, name, log, extent):
    """Geometries must fall in the city's extent; swapped lon/lat is told apart."""
    present = frame.geometry[~(frame.geometry.isna() | frame.geometry.is_empty)]
    if present.empty:
        return True
    minx, miny, maxx, maxy = present.total_bounds
    ex_minx, ex_miny, ex_maxx, ex_maxy = extent
    inside = minx >= ex_minx and maxx <= ex_maxx and miny >= ex_miny and maxy <= ex_maxy
    if inside:
        return True
    swapped = miny >= ex_minx and maxy <= ex_maxx and minx >= ex_miny and maxx <= ex_maxy
    if swapped:
        log.error(name, "the coordinates look swapped (latitude, longitude): the layer lies in "
                  "the city's extent only when x and y are exchanged")
        return False
    bounds = ", ".join(f"{v:.4f}" for v in (minx, miny, maxx, maxy))
    log.warning(name, f"some geometries lie outside the city's extent (layer bounds {bounds})")
    return True


def repair_geometries(frame, name, log, *, polygonal=False, ids=None):
    """Repair invalid geometries with ``make_valid`` and say so, row by row.

    For polygon layers the repair keeps only the polygonal parts, so a bow-tie
    becomes a valid MultiPolygon.
    """
    geoms = frame.geometry
    present = ~(geoms.isna() | geoms.is_empty)
    invalid = present & ~geoms.is_valid
    for pos in invalid[invalid].index:
        before = geoms.loc[pos]
        reason = shapely.is_valid_reason(before)
        repaired = shapely.make_valid(before)
        if polygonal:
            repaired = _polygonal_part(repaired)
        frame.loc[pos, "geometry"] = repaired
        log.warning(name, f"invalid geometry ({reason}) repaired with make_valid into a "
                    f"{repaired.geom_type}", row=int(pos) + 1,
                    id=None if ids is None else ids.loc[pos])
    return frame


def _polygonal_part(geom):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    polygons = []
    for part in parts:
        polygons.extend(getattr(part, "geoms", [part]))
    return shapely.MultiPolygon(polygons) if polygons else shapely.Polygon()


def read_table(path, log):
    """Read a CSV file as text columns (UTF-8 with or without BOM, else cp1251)."""
    name = path.name
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="cp1251")
        except Exception as exc:
            log.error(name, f"cannot read the CSV file: {_short(exc)}")
            return None
        log.warning(name, "the file is not UTF-8: read as cp1251; save it as UTF-8")
    except Exception as exc:
        log.error(name, f"cannot read the CSV file: {_short(exc)}")
        return None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame.apply(lambda col: col.str.strip())


def list_layers(path):
    """Layer names of a multi-layer file (GeoPackage); used by error messages."""
    # pyogrio (GDAL, ~30 MiB) is imported by the readers that need it, not with this
    # module, which a worker serving from PostGIS loads too.
    import pyogrio

    try:
        return [row[0] for row in pyogrio.list_layers(path)]
    except Exception:
        return []


def _short(exc):
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
