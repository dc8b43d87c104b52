"""The static map: a real PNG of exactly the requested size, different per district, cached."""

import io

import pytest
from PIL import Image, ImageChops

from geo.select import Selection
from web.maps.choropleth import shade_districts
from web.maps.static_png import PngText, render_png

TEXT = PngText("Title", "Funding per resident, ₸", "Works", "No data", "Data: akimat", lang="en")


def _image(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("size", [(200, 200), (333, 251), (1200, 630)])
def test_renderer_draws_exactly_the_requested_pixels(tiny_dataset, size):
    shading = shade_districts(tiny_dataset, Selection((2023, 2023)))
    image = _image(render_png(tiny_dataset, shading, TEXT, width=size[0], height=size[1]))
    assert image.format == "PNG" and image.size == size


def test_two_districts_give_two_pictures(tiny_dataset):
    pictures = []
    for district in ("a", "c"):
        selection = Selection(None, district=district)
        shading = shade_districts(tiny_dataset, selection)
        pictures.append(_image(render_png(tiny_dataset, shading, TEXT, width=400, height=300,
                                          selection=selection)).convert("RGB"))
    assert ImageChops.difference(*pictures).getbbox() is not None


def test_png_route_size_etag_and_cache(client):
    response = client.get("/embed/map.png?year=2023&width=321&height=222&lang=en")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert _image(response.data).size == (321, 222)
    etag = response.headers["ETag"]
    assert "max-age" in response.headers["Cache-Control"]
    again = client.get("/embed/map.png?year=2023&width=321&height=222&lang=en",
                       headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_png_route_differs_between_districts(client):
    a = client.get("/embed/map.png?district=a&width=300&height=250").data
    c = client.get("/embed/map.png?district=c&width=300&height=250").data
    assert a != c and _image(a).size == _image(c).size == (300, 250)


@pytest.mark.parametrize("query", ["width=199", "height=2001", "width=abc", "width=-1", "year=x",
                                   "metric=nonsense"])
def test_png_route_rejects_bad_parameters(client, query):
    assert client.get(f"/embed/map.png?{query}").status_code == 400


def test_png_route_404_for_unknown_district(client):
    assert client.get("/embed/map.png?district=nowhere").status_code == 404


def test_png_without_lang_varies_with_accept_language(client):
    chosen = client.get("/embed/map.png?width=300&height=200", headers={"Accept-Language": "kk"})
    assert chosen.status_code == 200 and "Accept-Language" in chosen.headers.get("Vary", "")
    explicit = client.get("/embed/map.png?width=300&height=200&lang=kk")
    assert "Accept-Language" not in explicit.headers.get("Vary", "")
    assert chosen.get_data() == explicit.get_data()  # the same Kazakh picture
