"""The planner table's columns: which a reader sees at once, which they switch on.

The district and the underserved flag are always shown (the district sticks to the
left edge when the table scrolls); the rest form groups a reader may switch on with
``?columns=`` (one or more codes, repeated or comma-separated). Without it the table
shows :data:`DEFAULT`, the set that answers "who is underserved and why" at 1366 px.
Every column is in the HTML either way: the chosen ones are shown by the server's
classes, so the page works without JavaScript; ``planner.js`` switches them in place.
"""

from flask_babel import lazy_gettext

from web.params import N_, QueryError

ALWAYS = ("district", "underserved")
# code -> label of the switch (a group may be several table columns: works by status)
GROUPS = {
    "rank": lazy_gettext("Rank"),
    "kind": lazy_gettext("Kind"),
    "population": lazy_gettext("Population"),
    "distance": lazy_gettext("Distance from the centre"),
    "works": lazy_gettext("Works by status"),
    "funding": lazy_gettext("Funding"),
    "per_resident": lazy_gettext("Funding per resident"),
    "share_done": lazy_gettext("Share of works done"),
    "idle_years": lazy_gettext("Years without works"),
    "needs_met": lazy_gettext("Needs met"),
    "needs_waiting": lazy_gettext("Needs waiting over a year"),
    "cluster": lazy_gettext("Cluster"),
}
DEFAULT = ("rank", "per_resident", "idle_years", "needs_met", "needs_waiting")


def parse_columns(values):
    """The groups to show from the ``columns`` values of a query, in table order.

    Empty or absent -> :data:`DEFAULT`; ``district`` (always shown) may be sent
    alone to ask for no optional column; anything else unknown is a 400.
    """
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        return DEFAULT
    known = set(GROUPS) | set(ALWAYS)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise QueryError("columns", N_("unknown value '%(value)s'; known values: %(known)s"),
                         value=unknown[0], known=", ".join(GROUPS))
    return tuple(code for code in GROUPS if code in codes)
