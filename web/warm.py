"""Build a Dataset's derived figures before it serves, not in its first requests.

At 100,000 works serialising the features takes seconds and the planner's report
about a second: paid here, once per snapshot, at start-up and in the reload
thread before the swap, so no reader waits for it.
"""

from geo.planner import planner_report
from web import geojson


def warm(dataset):
    """Fill the snapshot's caches that the busiest pages read; returns ``dataset``."""
    geojson.prepare(dataset)
    planner_report(dataset)  # the planner's default view: the whole programme
    return dataset
