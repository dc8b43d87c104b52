"""Maps and figures kept per snapshot: a repeated view reuses them, a changed input does not."""

import re

from geo.select import Selection
from geo.stats import city_totals
from tests.conftest import make_app
from web.maps.choropleth import shade_districts

NONCE = re.compile(r'nonce="([^"]+)"')


def _without_nonce(html):
    return NONCE.sub('nonce=""', html)


def _csp_nonce(response):
    return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)


def test_a_repeated_view_reuses_the_rendered_map_with_its_own_nonce(sample_dataset):
    client = make_app(sample_dataset).test_client()
    first, second = client.get("/?year=2023&lang=en"), client.get("/?year=2023&lang=en")
    for response in (first, second):
        html = response.get_data(as_text=True)
        assert set(NONCE.findall(html)) == {_csp_nonce(response)}  # every tag carries this response's nonce
    assert _csp_nonce(first) != _csp_nonce(second)
    assert _without_nonce(first.get_data(as_text=True)) == _without_nonce(second.get_data(as_text=True))


def test_the_rendered_map_follows_language_metric_and_selection(sample_dataset):
    client = make_app(sample_dataset).test_client()
    english = client.get("/?year=2023&lang=en").get_data(as_text=True)
    kazakh = client.get("/?year=2023&lang=kk").get_data(as_text=True)
    assert "District page" in english and "District page" not in kazakh
    by_works = client.get("/?year=2023&lang=en&metric=works").get_data(as_text=True)
    # the tooltip's label inside the map script, not the metric menu every page has
    assert 'let aliases = ["", "Number of works"]' in by_works
    assert 'let aliases = ["", "Number of works"]' not in english
    other_year = client.get("/?year=2022&lang=en").get_data(as_text=True)
    assert other_year.count('data-work-id="w2022-') > 0 and 'data-work-id="w2023-' not in other_year


def test_embed_and_page_maps_are_kept_apart(sample_dataset):
    client = make_app(sample_dataset).test_client()
    page = client.get("/?year=2023&lang=en").get_data(as_text=True)
    embed = client.get("/embed/map?year=2023&lang=en").get_data(as_text=True)
    assert "gestureHandling" in embed and "gestureHandling" not in page


def test_shading_is_kept_per_period_and_metric_whatever_the_district(sample_dataset):
    year = Selection(years=(2023, 2023))
    shading = shade_districts(sample_dataset, year, "funding")
    assert shade_districts(sample_dataset, Selection(years=(2023, 2023), district="ulbinsky"), "funding") is shading
    assert shade_districts(sample_dataset, year, "works") is not shading


def test_city_totals_are_a_fresh_dict_each_time(sample_dataset):
    totals = city_totals(sample_dataset, Selection(years=(2023, 2023)))
    totals["works"] = -1
    assert city_totals(sample_dataset, Selection(years=(2023, 2023)))["works"] == 31
