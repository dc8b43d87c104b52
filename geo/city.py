"""Per-city settings: names, the centre, the metric CRS and the plausible extent.

A data folder may hold a ``city.json``; anything missing falls back to the
defaults below, which are neutral (no city is assumed by the code).
"""

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from pathlib import Path

CITY_FILE = "city.json"


@dataclass(frozen=True)
class CityConfig:
    """Settings of one city's data set.

    Attributes
    ----------
    name : dict
        The city's name by language code (``ru``, ``kk``, ``en``).
    center : tuple of float or None
        The city centre as ``(lon, lat)`` in EPSG:4326; distances from the centre
        are measured from here. ``None`` means the centroid of the districts.
    metric_crs : str
        A projected CRS in metres used for lengths, areas and distances.
    extent : tuple of float or None
        ``(minlon, minlat, maxlon, maxlat)`` that every geometry should fall in;
        used to detect swapped coordinates. ``None`` disables the check.
    encoding : str or None
        The encoding of DBF files that have no ``.cpg``.
    underserved_ratio : float
        An outskirt is underserved when its funding per resident is below this
        share of the median of all districts.
    underserved_idle_years : int
        An outskirt is underserved when it has had no work for this many
        consecutive programme years up to the end of the period.
    timezone : str or None
        The IANA time zone of meeting times (``Asia/Almaty``); ``None`` writes
        them as local ("floating") times in calendars.
    data_as_of : datetime.date or None
        The date the data describes (``"data_as_of": "YYYY-MM-DD"``); ``None``
        lets :func:`geo.data_date.data_as_of` find it in the data.
    """

    name: dict = field(default_factory=lambda: {"ru": "Город", "kk": "Қала", "en": "City"})
    center: tuple | None = None
    metric_crs: str = "EPSG:3857"
    extent: tuple | None = None
    encoding: str | None = None
    underserved_ratio: float = 0.5
    underserved_idle_years: int = 2
    timezone: str | None = None
    data_as_of: date | None = None

    def with_center(self, center):
        return replace(self, center=center)


def read_city_config(folder):
    """Read ``city.json`` from ``folder`` (or defaults when there is none).

    Raises
    ------
    ValueError
        If the file exists but is not valid JSON or has values of the wrong type.
    """
    path = Path(folder) / CITY_FILE
    if not path.exists():
        return CityConfig()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path.name}: cannot read: {exc}") from exc
    return city_config_from_dict(raw, source=path.name)


def city_config_from_dict(raw, source=CITY_FILE):
    if not isinstance(raw, dict):
        raise ValueError(f"{source}: expected a JSON object")
    kwargs = {}
    if "name" in raw:
        kwargs["name"] = dict(raw["name"])
    if raw.get("center") is not None:
        kwargs["center"] = parse_center(raw["center"], source)
    if raw.get("extent") is not None:
        extent = tuple(float(v) for v in raw["extent"])
        if len(extent) != 4:
            raise ValueError(f"{source}: extent needs 4 numbers (minlon, minlat, maxlon, maxlat)")
        kwargs["extent"] = extent
    for key in ("metric_crs", "encoding"):
        if raw.get(key) is not None:
            kwargs[key] = str(raw[key])
    if "underserved_ratio" in raw:
        kwargs["underserved_ratio"] = float(raw["underserved_ratio"])
    if "underserved_idle_years" in raw:
        kwargs["underserved_idle_years"] = int(raw["underserved_idle_years"])
    if raw.get("timezone") is not None:
        kwargs["timezone"] = parse_timezone(raw["timezone"], f"{source}: timezone")
    if raw.get("data_as_of") is not None:
        kwargs["data_as_of"] = parse_iso_date(raw["data_as_of"], f"{source}: data_as_of")
    return CityConfig(**kwargs)


def parse_timezone(value, what):
    """An IANA time zone name that this machine knows; ``ValueError`` otherwise."""
    try:
        ZoneInfo(str(value))
    except (ValueError, ZoneInfoNotFoundError) as exc:
        raise ValueError(f"{what}: {value!r} is not an IANA time zone such as Asia/Almaty") from exc
    return str(value)


def parse_iso_date(value, what):
    """A ``YYYY-MM-DD`` string as a date; ``ValueError`` naming ``what`` otherwise."""
    text = str(value)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{what}: expected a date YYYY-MM-DD, got {value!r}") from exc


def parse_center(value, source="center"):
    """Parse ``"lon,lat"`` or ``[lon, lat]`` into a checked ``(lon, lat)`` tuple."""
    if isinstance(value, str):
        value = value.split(",")
    try:
        lon, lat = (float(v) for v in value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{source}: expected 'lon,lat', got {value!r}") from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"{source}: {lon},{lat} is not a lon,lat pair")
    return (lon, lat)
