"""A store whose needs are overlaid, by id, with rows kept elsewhere (staff edits, online needs).

The base store (files or PostGIS) stays the home of the imported needs; the
overlay is the home of every need staff created or edited. At each load the
overlay's rows replace the base rows with the same id (new ids are appended),
and both pass the same validation. A base row that changed since staff edited
it (a re-import) does not overwrite the edit: the edit is kept and a warning
names the need, so the import's change is reported rather than lost silently.
"""

import hashlib
import json
from dataclasses import replace

import pandas as pd

from geo.load_needs import NEED_COLUMNS, empty_needs, need_as_text, validate_needs
from geo.stores.base import Snapshot, Store

OVERLAY_NAME = "staff edits"


def need_fingerprint(fields):
    """A short hash of a need's ``needs.csv`` text: what an edit was made from."""
    text = json.dumps({k: fields.get(k, "") for k in NEED_COLUMNS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class NeedsOverlay:
    """What an overlay provides: ``version()`` (``""`` while it holds nothing) and ``rows()`` (dicts with ``fields`` and
    ``base_fingerprint``, the fingerprint of the base row it was edited from, or None)."""

    def version(self):
        raise NotImplementedError

    def rows(self):
        raise NotImplementedError


class OverlayStore(Store):
    """``base`` with its needs overlaid by ``overlay`` (a :class:`NeedsOverlay`)."""

    def __init__(self, base, overlay):
        self.base, self.overlay = base, overlay

    def describe(self):
        return self.base.describe()

    def version(self):
        return _joined(self.base.version(), self.overlay.version())

    def load(self, log, progress=None):
        overlay_version = self.overlay.version()  # before the rows: a later edit is a later version
        rows = self.overlay.rows()
        snapshot = self.base.load(log, progress=progress)
        layers = snapshot.layers
        needs = overlay_needs(layers.needs, rows, layers.districts["id"], log)
        return Snapshot(replace(layers, needs=needs), snapshot.city,
                        _joined(snapshot.version, overlay_version), snapshot.city_json)


def _joined(base_version, overlay_version):
    """The base's version while the overlay is empty (``""``), so nothing changes until an edit."""
    return f"{base_version}+{overlay_version}" if overlay_version else base_version


def overlay_needs(base, rows, district_ids, log):
    """``base`` needs with ``rows`` put in by id (see the module docstring).

    Parameters
    ----------
    base : GeoDataFrame or None
        Needs as :func:`geo.load_needs.validate_needs` returns them.
    rows : list of dict
        ``{"fields": {needs.csv column: text}, "base_fingerprint": str or None}``.
    district_ids : iterable of str
    log : ProblemLog
        Warnings for base rows changed since they were edited.

    Returns
    -------
    GeoDataFrame
    """
    base = empty_needs() if base is None else base
    if not rows:
        return base
    frame = pd.DataFrame([{k: (r["fields"].get(k) or None) for k in NEED_COLUMNS} for r in rows],
                         columns=NEED_COLUMNS, dtype=object)
    frame["source_row"] = range(1, len(frame) + 1)
    edited = validate_needs(frame, OVERLAY_NAME, log, district_ids)
    _report_changed_bases(base, rows, log)
    kept = base[~base["id"].isin(set(edited["id"]))]
    edited = edited.assign(source_row=edited["source_row"] + (int(base["source_row"].max()) if len(base) else 0))
    merged = pd.concat([kept, edited], ignore_index=True)
    return merged.set_crs(base.crs, allow_override=True) if base.crs else merged


def _report_changed_bases(base, rows, log):
    by_id = base.set_index("id", drop=False)
    for row in rows:
        need_id, fingerprint = row["fields"].get("id"), row.get("base_fingerprint")
        if fingerprint is None or need_id not in by_id.index:
            continue
        if need_fingerprint(need_as_text(by_id.loc[need_id])) != fingerprint:
            log.warning(OVERLAY_NAME, "the imported row changed after staff edited this need; "
                        "the staff edit is kept (edit the need again to take the import's change)",
                        id=need_id)
