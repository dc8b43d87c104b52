"""The file store: a data folder of Shapefiles / GeoPackages / GeoJSON and CSV files."""

import hashlib
import json
from pathlib import Path

from geo.city import CITY_FILE, CityConfig, city_config_from_dict
from geo.dataset import hash_files
from geo.load import load_layers
from geo.stores.base import Snapshot, Store


class FileStore(Store):
    """A data folder as described in DESIGN.md (the shipped ``shapefiles/`` is one).

    Parameters
    ----------
    folder : str or Path
    crs : str, optional
        The CRS to assume for layers that have none.
    """

    def __init__(self, folder, *, crs=None):
        self.folder = Path(folder)
        self.crs = crs

    def describe(self):
        return str(self.folder)

    def version(self):
        """A hash of the names, sizes and modification times of the folder's files."""
        digest = hashlib.sha256()
        if self.folder.is_dir():
            for path in sorted(p for p in self.folder.iterdir() if p.is_file()):
                stat = path.stat()
                digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()[:16]

    def load(self, log, progress=None):
        before = self.version()
        city_json = _read_city_json(self.folder, log)
        city = _city_config(city_json, log)
        layers = load_layers(self.folder, city, log, crs=self.crs, progress=progress)
        version = hash_files(layers.sources)
        if self.version() != before:
            # A folder being copied over mid-read could mix old and new files.
            log.error(str(self.folder), "the files changed while they were being read; "
                      "read them again once the copy is finished")
        return Snapshot(layers, city, version, city_json)


def _read_city_json(folder, log):
    path = Path(folder) / CITY_FILE
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.error(CITY_FILE, f"cannot read: {exc}")
        return {}
    return raw


def _city_config(raw, log):
    try:
        return city_config_from_dict(raw, source=CITY_FILE)
    except (TypeError, ValueError) as exc:
        log.error(CITY_FILE, str(exc))
        return CityConfig()
