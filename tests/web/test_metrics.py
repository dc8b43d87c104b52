"""The metric registry: every metric names a real column, and each map keeps its default."""

from geo.stats import district_totals
from web.metrics import CITY_DEFAULT, EMBED_DEFAULT, METRICS


def test_every_metric_names_a_column_of_the_district_totals(tiny_dataset):
    columns = set(district_totals(tiny_dataset).columns)
    assert {metric.column for metric in METRICS.values()} <= columns


def test_the_front_page_and_the_embed_keep_the_defaults_users_have_got(client):
    assert (CITY_DEFAULT, EMBED_DEFAULT) == ("funding", "funding_per_resident")
    assert "metric=funding_per_resident" in client.get("/embed?lang=en").get_data(as_text=True)
