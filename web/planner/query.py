"""The planner's query: the shared filters plus the classification ``scheme`` and ``k``."""

from dataclasses import dataclass, replace

from geo.classify import DEFAULT_K, DEFAULT_SCHEME, K_MAX, K_MIN, SCHEMES
from geo.select import Selection
from web.params import N_, parse_bounded_int, parse_choice, parse_filters
from web.planner.columns import DEFAULT as DEFAULT_COLUMNS
from web.planner.columns import parse_columns


@dataclass(frozen=True)
class PlannerQuery:
    selection: Selection
    scheme: str = DEFAULT_SCHEME
    k: int = DEFAULT_K
    columns: tuple = DEFAULT_COLUMNS  # the table's optional column groups shown


def parse_planner_query(args):
    """``year``, ``category``, ``status``, ``lang``, ``scheme``, ``k`` and ``columns`` ->
    PlannerQuery."""
    filters = parse_filters(args)
    selection = replace(filters.selection, district=None)  # the planner compares every district
    return PlannerQuery(selection, parse_scheme(args.get("scheme")), parse_k(args.get("k")),
                        parse_columns(args.getlist("columns")))


def parse_scheme(value):
    return parse_choice("scheme", value, tuple(SCHEMES), DEFAULT_SCHEME)


def parse_k(value):
    return parse_bounded_int("k", value, minimum=K_MIN, maximum=K_MAX, default=DEFAULT_K,
                             message=N_("the number of classes must be from %(min)s to %(max)s"))
