"""``/download``: files read back with pandas, GeoPandas and pyogrio equal the Dataset."""

import io

import geopandas
import pandas as pd
import pyogrio
import pytest

from tests.web.rfc7946 import check_feature_collection

EXTENT = (82.0, 49.5, 83.5, 50.5)


def download(client, url, mimetype):
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return response


def read_csv(response):
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return pd.read_csv(io.BytesIO(response.data), sep=";", decimal=",", encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def test_works_csv_equals_the_dataset(client, tiny_dataset):
    table = read_csv(download(client, "/download/works.csv", "text/csv")).set_index("id")
    works = tiny_dataset.works
    assert sorted(table.index) == sorted(works.index)
    for column in ("title_ru", "title_kk", "category", "status", "year", "funding_kzt"):
        assert table[column].to_dict() == works[column].to_dict(), column
    assert table.loc["p1", "category_name"] == "Дороги"
    assert table.loc["road", "district_ids"] == "a,b"
    assert table.loc["p1", "start"] == "2023-04-01"
    assert (table.loc["p1", "lon"], table.loc["p1", "lat"]) == (82.605, 49.945)


def test_works_csv_follows_the_filters_and_language(client):
    response = download(client, "/download/works.csv?year=2023&category=lighting&lang=en",
                        "text/csv")
    assert 'filename="works-2023.csv"' in response.headers["Content-Disposition"]
    table = read_csv(response)
    assert list(table["id"]) == ["p2"] and list(table["category_name"]) == ["Lighting"]


def test_districts_csv_has_the_statistics_with_a_decimal_comma(client):
    response = download(client, "/download/districts.csv?year=2023", "text/csv")
    assert ";0,7" in response.text or ";0,8" in response.text  # area_km2 ~0.796
    table = read_csv(response).set_index("id")
    assert table.loc["a", "works"] == 3 and table.loc["c", "underserved"] == True  # noqa: E712
    assert table.loc["a", "area_km2"] == pytest.approx(0.796, abs=0.01)
    assert table.loc["b", "name_ru"] == "Бета"


def test_funding_csv(client, tiny_dataset):
    table = read_csv(download(client, "/download/funding.csv?year=2023", "text/csv"))
    expected = tiny_dataset.funding[tiny_dataset.funding["year"] == 2023]
    assert sorted(table["record_id"]) == sorted(expected["record_id"])
    assert table["amount_kzt"].sum() == expected["amount_kzt"].sum() == 5001
    only_b = read_csv(download(client, "/download/funding.csv?district=b", "text/csv"))
    assert sorted(only_b["record_id"]) == ["f2", "f3"]


def test_works_geojson_equals_the_dataset(client, tiny_dataset):
    response = download(client, "/download/works.geojson", "application/geo+json")
    check_feature_collection(response.get_json(), EXTENT)
    frame = geopandas.read_file(io.BytesIO(response.data)).set_index("id")
    works = tiny_dataset.works
    assert sorted(frame.index) == sorted(works.index)
    for work_id in works.index:
        assert frame.geometry[work_id].equals_exact(works.geometry[work_id], 1e-7)
    assert frame["funding_kzt"].to_dict() == works["funding_kzt"].to_dict()


@pytest.mark.parametrize("layer", ["works", "districts"])
def test_geopackage_reads_back_equal_to_the_dataset(client, tiny_dataset, tmp_path, layer):
    response = download(client, f"/download/{layer}.gpkg?year=2023",
                        "application/geopackage+sqlite3")
    path = tmp_path / f"{layer}.gpkg"
    path.write_bytes(response.data)
    assert [name for name, _ in pyogrio.list_layers(path)] == [layer]
    frame = pyogrio.read_dataframe(path).set_index("id")
    assert frame.crs.to_epsg() == 4326
    source = tiny_dataset.works[tiny_dataset.works["year"] == 2023] if layer == "works" \
        else tiny_dataset.districts
    assert sorted(frame.index) == sorted(source.index)
    for feature_id in source.index:
        assert frame.geometry[feature_id].equals_exact(source.geometry[feature_id], 1e-9)
    if layer == "works":
        assert frame.loc["p2", "title_kk"] == "Жұмыс p2"
        assert str(frame.loc["p2", "start"])[:10] == "2023-04-01"
    else:
        assert frame.loc["a", "works"] == 3 and frame.loc["b", "funding_kzt"] in (3500, 3501)


def test_districts_geojson_and_unknown_files(client):
    response = download(client, "/download/districts.geojson?district=c",
                        "application/geo+json")
    features = check_feature_collection(response.get_json(), EXTENT)
    assert [f["id"] for f in features] == ["c"]
    assert client.get("/download/roads.csv").status_code == 404
    assert client.get("/download/works.xlsx").status_code == 404
    assert client.get("/download/works.csv?year=later").status_code == 400


def test_download_page_and_block_keep_the_filters(client):
    page = client.get("/download/?year=2023&lang=kk")
    assert page.status_code == 200
    assert "/download/works.gpkg?year=2023&amp;lang=kk" in page.text
    assert "/download/funding.csv?year=2023&amp;lang=kk" in page.text


# -- residents' needs ---------------------------------------------------------------

def test_needs_csv_equals_the_dataset_with_names_in_the_language(client, tiny_dataset):
    table = read_csv(download(client, "/download/needs.csv?lang=kk", "text/csv")).set_index("id")
    needs = tiny_dataset.needs
    assert sorted(table.index) == sorted(needs.index)
    assert table.loc["n7", "title"] == "Қажеттілік n7" and table.loc["n7", "title_ru"] == "Нужда n7"
    assert table.loc["n7", "status_name"] == "Шешілді" and table.loc["n7", "status_type"] == "met"
    assert table.loc["n10", "source_name"] == "Хат" and table.loc["n6", "category_name"] == "Басқа"
    assert table.loc["n7", "work_ids"] == "p2 road"  # space-separated, as in needs.csv
    assert table.loc["n7", "money_kzt"] == 4001 and table.loc["n7", "supporters"] == 120
    assert table.loc["n5", "answer"] == "Әкімдік жауабы"
    assert table.loc["n9", "raised_on"] == "2023-03-15"
    assert (table.loc["n1", "lon"], table.loc["n1", "lat"]) == (82.604, 49.944)
    assert pd.isna(table.loc["n2", "lon"])  # no place, no coordinates
    assert table.loc["n2", "url"] == "http://localhost/needs/n2"


@pytest.mark.parametrize("query, expected, name", [
    ("?year=2022", ["n12", "n13"], "needs-2022"),
    ("?status_type=closed&district=a", ["n4", "n5", "n6"], "needs"),
    ("?status=met&category=water", ["n11"], "needs"),
    ("?bbox=82.5,49.9,82.51,49.91", ["n12"], "needs"),
])
def test_needs_files_follow_the_filters(client, query, expected, name):
    csv = download(client, "/download/needs.csv" + query, "text/csv")
    assert sorted(read_csv(csv)["id"]) == expected
    assert csv.headers["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    features = download(client, "/download/needs.geojson" + query,
                        "application/geo+json").get_json()["features"]
    assert sorted(f["id"] for f in features) == expected


def test_needs_geopackage_keeps_needs_without_a_point(client, tiny_dataset, tmp_path):
    response = download(client, "/download/needs.gpkg?lang=en", "application/geopackage+sqlite3")
    path = tmp_path / "needs.gpkg"
    path.write_bytes(response.data)
    assert [tuple(layer) for layer in pyogrio.list_layers(path)] == [("needs", "Point")]
    frame = pyogrio.read_dataframe(path).set_index("id")
    assert frame.crs.to_epsg() == 4326 and sorted(frame.index) == sorted(tiny_dataset.needs.index)
    assert frame.geometry["n12"].equals_exact(tiny_dataset.needs.geometry["n12"], 1e-9)
    assert frame.geometry["n2"] is None
    assert frame.loc["n11", "title"] == "Need n11" and frame.loc["n7", "money_kzt"] == 4001


def test_needs_geojson_equals_the_api(client):
    response = download(client, "/download/needs.geojson?lang=en", "application/geo+json")
    document = response.get_json()
    check_feature_collection(document, EXTENT)
    api = client.get("/api/needs?lang=en&limit=1000").get_json()
    assert document["features"] == api["features"]


def test_needs_files_refuse_the_works_vocabulary(client):
    assert client.get("/download/needs.csv?status=done").status_code == 400
    assert client.get("/download/needs.gpkg?status_type=done").status_code == 400
    assert client.get("/download/needs.csv?district=nowhere").status_code == 400


def test_download_block_offers_needs_without_the_works_status(client):
    page = client.get("/download/?year=2023&lang=en")
    assert "/download/needs.csv?year=2023&amp;lang=en" in page.text
    from flask import render_template_string

    with client.application.test_request_context("/"):
        html = render_template_string(
            '{% from "download/_block.html" import download_block %}'
            '{{ download_block({"year": "2023", "status": "done"}) }}')
    assert "/download/works.csv?year=2023&amp;status=done" in html
    assert "/download/needs.csv?year=2023\"" in html
