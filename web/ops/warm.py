"""Build a Dataset's derived figures before it serves, not in its first requests.

At 100,000 works serialising the features takes seconds: paid here, once per
snapshot, at start-up and in the reload thread before the swap, so no reader
waits for it.

The needs' Features are built in the languages the process has already served
them in (a worker that never served needs builds none).

The planner's report (about a second, and PySAL with SciPy and scikit-learn,
~120 MiB, to compute it) is warmed only in a process that has already served the
planner: a worker that only serves maps, lists and the API never loads PySAL.
The first planner reader of a worker waits for it once; after a reload that
worker's report is ready again before the swap.
"""

import sys

from geo.planner import planner_report
from web.opendata import geojson, need_features

PLANNER_LIBRARY = "libpysal"  # imported by geo.clusters when a report is first computed


def warm(dataset):
    """Fill the snapshot's caches that the busiest pages read; returns ``dataset``."""
    geojson.prepare(dataset)
    need_features.prepare(dataset)
    if PLANNER_LIBRARY in sys.modules:
        planner_report(dataset)  # the planner's default view: the whole programme
    return dataset
