"""The date the data describes ("as of"), for attribution lines: never the load date.

``data_as_of`` in ``city.json`` when the city states it; otherwise the latest date
at which the data records a status or money: a done work's ``finish``, a need's
``status_on``, a funding record's ``approved``. A folder edited today but
describing last December must not be quoted as today's.
"""

import pandas as pd


def data_as_of(dataset):
    """The data's own date.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    datetime.date or None
        ``dataset.city.data_as_of``, else the latest status or funding date in
        the data; ``None`` when the data has no such date.
    """
    stated = getattr(dataset.city, "data_as_of", None)
    if stated is not None:
        return stated
    return dataset.memo(("geo.data_date.data_as_of",), lambda: latest_recorded_date(dataset))


def latest_recorded_date(dataset):
    """The latest done work's ``finish``, need's ``status_on`` or record's ``approved``."""
    works = dataset.works
    candidates = [
        works.loc[works["status"] == "done", "finish"] if "finish" in works else None,
        dataset.needs["status_on"] if "status_on" in dataset.needs else None,
        dataset.funding["approved"] if "approved" in dataset.funding else None,
    ]
    latest = [pd.to_datetime(c, errors="coerce").max() for c in candidates
              if c is not None and len(c)]
    latest = [d for d in latest if pd.notna(d)]
    return max(latest).date() if latest else None
