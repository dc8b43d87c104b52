"""The needs of a map's selection in figures, beside the map (no Flask)."""

from dataclasses import dataclass

from geo import vocab
from geo.needs import MetShare, select_needs, share_met
from web.maps.needs_data import drawn_count


@dataclass(frozen=True)
class NeedsSummary:
    """``total`` needs of the selection (and status types), ``by_type`` {type: count} in
    the vocabulary's order, ``unplaced`` of them without a point (counted, not drawn),
    and the share met of the selection (all status types)."""

    total: int
    by_type: dict
    unplaced: int
    share: MetShare


def needs_summary(dataset, selection, status_types=()):
    """The summary of ``selection`` and ``status_types``, kept per snapshot."""
    status_types = tuple(status_types or ())
    return dataset.memo(("needs_summary", selection, status_types),
                        lambda: _summary(dataset, selection, status_types))


def _summary(dataset, selection, status_types):
    needs = select_needs(dataset, selection, status_types=status_types)
    counts = needs["status_type"].value_counts()
    return NeedsSummary(total=len(needs),
                        by_type={t: int(counts.get(t, 0)) for t in vocab.NEED_STATUS_TYPES},
                        unplaced=len(needs) - drawn_count(needs), share=share_met(dataset, selection))
