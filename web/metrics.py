"""The district metrics a map can be shaded by: one registry, and the default of each map.

Defaults (what a URL without ``metric`` shows; users have always got these, so they
stay per kind of map): the front page ``/`` opens on total ``funding``; the embed
``/embed/map``, its PNG, the snippet builder and oEmbed on ``funding_per_resident``.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext

CITY_DEFAULT = "funding"
EMBED_DEFAULT = "funding_per_resident"


@dataclass(frozen=True)
class Metric:
    """A metric: its code in URLs, its column of ``geo.stats.district_totals``, label and unit."""

    code: str
    column: str
    label: object  # lazy: translated where shown
    unit: str | None = None  # "kzt", "%" or None (a count)
    compact: bool = False  # tenge written in millions where the unit is shown with the value

    def label_with_unit(self):
        """``Funding, ₸`` (the embed's legend, whose values carry no currency)."""
        return f"{self.label}, ₸" if self.unit == "kzt" else str(self.label)

    def value_text(self, *, with_unit):
        """How a value is written: ``with_unit`` as on the front page (``1,2 млн ₸``)."""
        from web.i18n import format_kzt, format_number

        if self.unit == "%":
            return lambda value: f"{format_number(value * 100)} %"
        if self.unit == "kzt" and with_unit:
            return lambda value: format_kzt(value, compact=self.compact)
        return format_number


METRICS = {metric.code: metric for metric in (
    Metric("funding_per_resident", "funding_per_resident_kzt", lazy_gettext("Funding per resident"), "kzt"),
    Metric("funding", "funding_kzt", lazy_gettext("Funding"), "kzt", compact=True),
    Metric("works", "works", lazy_gettext("Number of works")),
    Metric("share_done", "share_done", lazy_gettext("Share of works done"), "%"),
)}
