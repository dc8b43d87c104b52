"""The planner's sentences in the current language: the rule, the reasons, the clusters.

Everything returns plain text (templates escape it); numbers and money are
formatted for the locale by ``web.i18n``.
"""

from flask_babel import format_decimal, format_percent, gettext, lazy_gettext

from geo import vocab
from web.i18n import current_lang, format_kzt

CLUSTER_NAMES = {
    "HH": lazy_gettext("high, among high (HH)"),
    "LL": lazy_gettext("low, among low (LL)"),
    "HL": lazy_gettext("high, among low (HL)"),
    "LH": lazy_gettext("low, among high (LH)"),
    "ns": lazy_gettext("not significant"),
    "island": lazy_gettext("no neighbours"),
    "no_data": lazy_gettext("no data"),
}
SCHEME_NAMES = {"fisher_jenks": lazy_gettext("natural breaks (Fisher–Jenks)"),
                "quantiles": lazy_gettext("quantiles")}


def period_text(period):
    if period is None:
        return gettext("no programme years")
    first, last = period
    return str(first) if first == last else f"{first}–{last}"


def rule_sentences(rule):
    """The underserved rule in words, from the city's thresholds: a list of sentences."""
    kinds = ", ".join(vocab.label(vocab.DISTRICT_KINDS, k, current_lang()).lower()
                      for k in rule["outskirt_kinds"])
    low = gettext("its funding per resident is below %(ratio)s of the median of all "
                  "districts", ratio=format_percent(rule["underserved_ratio"]))
    if rule["median_funding_per_resident_kzt"] is not None:
        low += gettext(" (in this period: median %(median)s, so below %(threshold)s)",
                       median=format_kzt(rule["median_funding_per_resident_kzt"]),
                       threshold=format_kzt(rule["low_funding_threshold_kzt"]))
    return [
        gettext("An outskirt (%(kinds)s) is underserved in the chosen period when at least "
                "one of these holds:", kinds=kinds),
        low + ";",
        gettext("it has had no works for %(years)s or more programme years in a row up to "
                "the end of the period.", years=rule["underserved_idle_years"]),
        gettext("The centre is never flagged. Districts are ranked underserved first, then "
                "by funding per resident (lowest first), then by years without works (most "
                "first), then by population (largest first)."),
    ]


def reason_texts(row, rule):
    """Why ``row`` (a table row) is flagged, one phrase per reason."""
    texts = []
    for code in row["underserved_reasons"]:
        if code == "low_funding":
            texts.append(low_funding_text(row["funding_per_resident_kzt"], rule))
        elif code == "no_works":
            texts.append(gettext("programme years without works: %(years)s",
                                 years=row["years_without_work"]))
    return texts


def low_funding_text(per_resident_kzt, rule):
    """The low-funding reason with its rule: ``0 ₸, below 873 ₸ = half the city median``."""
    values = {"value": format_kzt(per_resident_kzt),
              "threshold": format_kzt(rule["low_funding_threshold_kzt"])}
    if rule["underserved_ratio"] == 0.5:
        return gettext("funding per resident %(value)s, below %(threshold)s = half the city "
                       "median", **values)
    return gettext("funding per resident %(value)s, below %(threshold)s = %(ratio)s of the city "
                   "median", ratio=format_percent(rule["underserved_ratio"]), **values)


def needs_met_text(share, counted):
    """``42 % of 12`` (the share of needs met and its count), or ``too few to judge (3)``."""
    if share is None or share != share:
        return gettext("too few to judge (%(count)s)", count=counted)
    return gettext("%(share)s of %(count)s", share=format_percent(share), count=counted)


def needs_balance_sentence(balance):
    """Outskirts against centre on needs met, in one sentence."""
    outskirts, centre = balance["outskirts"], balance["centre"]
    said = gettext("Needs met: outskirts %(outskirts)s, centre %(centre)s.",
                   outskirts=needs_met_text(outskirts.share, outskirts.counted),
                   centre=needs_met_text(centre.share, centre.counted))
    if balance["ratio"] is None:
        return said
    return said + " " + gettext("Ratio %(value)s (1 = balanced; not part of the rule).",
                                value=index_text(balance["ratio"]))


def index_text(value):
    """A balance index with two decimals (``0,80`` in ru/kk), or a dash when undefined."""
    if value is None or value != value:
        return "—"
    return format_decimal(value, format="#,##0.00")


def balance_sentence(report):
    """The balance index of the period explained in one sentence."""
    value = report.totals["balance_index"]
    meaning = gettext("The balance index is the outskirts' share of funding divided by their "
                      "share of residents: 1 means balanced, below 1 the outskirts receive less "
                      "than their share, above 1 more.")
    if value is None:
        return meaning + " " + gettext("In %(period)s nothing was funded.",
                                       period=period_text(report.period))
    return meaning + " " + gettext("In %(period)s it is %(value)s.",
                                   period=period_text(report.period),
                                   value=index_text(value))


def significance_text(clusters):
    return gettext("Clusters of funding per resident (Local Moran's I, neighbours sharing a "
                   "border or a corner, %(permutations)s permutations): a district is in a "
                   "cluster when p ≤ %(level)s.", permutations=clusters.permutations,
                   level=format_decimal(clusters.significance))
