import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon

from geo.city import CityConfig
from geo.dataset import load_dataset
from geo.load import load_layers
from geo.problems import DataError, ProblemLog
from tests.geo import tiny


def load(folder, **kwargs):
    log = ProblemLog()
    layers = load_layers(folder, CityConfig(extent=(82.0, 49.5, 83.5, 50.5)), log, **kwargs)
    return layers, log.problems


def messages(problems, level=None):
    return [(p.file, p.row, p.id, p.message) for p in problems if level in (None, p.level)]


def test_tiny_city_loads_without_problems(tiny_folder):
    layers, problems = load(tiny_folder)
    assert problems == ()
    assert list(layers.districts["id"]) == ["a", "b", "c"]
    assert len(layers.works) == 5
    assert layers.funding["amount_kzt"].dtype == "int64"
    assert layers.works.crs.to_epsg() == 4326


def test_every_bad_funding_value_is_reported_with_file_and_row(tmp_path):
    rows = [dict(r) for r in tiny.FUNDING]
    rows[0]["amount_kzt"] = "-5"
    rows[1]["amount_kzt"] = "12.5"
    rows[2]["amount_kzt"] = "700 млн"
    rows[3]["source"] = "bank"
    rows[4]["year"] = "two thousand"
    rows.append(dict(tiny.FUNDING[0], approved="31.12.2023"))  # duplicate id and a bad date
    folder = tiny.write_city(tmp_path / "c", funding=rows)
    _, problems = load(folder)
    found = {(p.row, p.id): p.message for p in problems if p.file == "funding.csv"}
    assert "below 0" in found[(1, "f1")]
    assert "not a whole number" in found[(2, "f2")]
    assert "not a whole amount of tenge" in found[(3, "f3")]
    assert "'bank' is not one of" in found[(4, "f4")]
    assert "not a number" in found[(5, "f5")]
    assert all(p.level == "error" for p in problems if p.file == "funding.csv")
    sixth = [p.message for p in problems if p.row == 6]
    assert any("duplicate id 'f1' (first used in row 1)" in m for m in sixth)
    assert any("'31.12.2023' is not a date" in m for m in sixth)


def test_amounts_with_spaces_as_thousand_separators_are_accepted(tmp_path):
    rows = [dict(r) for r in tiny.FUNDING]
    rows[0]["amount_kzt"] = "1 000"
    layers, problems = load(tiny.write_city(tmp_path / "c", funding=rows))
    assert problems == ()
    assert layers.funding.loc[0, "amount_kzt"] == 1000


def test_missing_required_field_is_one_clear_error(tmp_path):
    districts = [{k: v for k, v in d.items() if k != "population"} for d in tiny.DISTRICTS]
    _, problems = load(tiny.write_city(tmp_path / "c", districts=districts))
    assert messages(problems, "error")[0][:3] == ("districts.geojson", None, None)
    assert "required field(s) missing: population" in problems[0].message


def test_duplicate_work_ids_and_bad_vocabulary(tmp_path):
    works = [dict(w) for w in tiny.WORKS]
    works[1]["id"] = "p1"
    works[2]["status"] = "finished"
    works[3]["progress"] = 150
    _, problems = load(tiny.write_city(tmp_path / "c", works=works))
    errors = messages(problems, "error")
    assert ("works.geojson", 2, "p1", "duplicate id 'p1' (first used in row 1)") in errors
    assert any(row == 3 and "'finished' is not one of" in m for _, row, _, m in errors)
    assert any(row == 4 and "above 100" in m for _, row, _, m in errors)


def test_self_intersecting_district_is_repaired_and_reported(tmp_path):
    districts = [dict(d) for d in tiny.DISTRICTS]
    # A bow-tie over c's square.
    districts[2]["geometry"] = Polygon([(82.50, 49.90), (82.51, 49.91), (82.51, 49.90), (82.50, 49.91)])
    layers, problems = load(tiny.write_city(tmp_path / "c", districts=districts))
    warning = [p for p in problems if p.id == "c"]
    assert warning and warning[0].level == "warning" and "Self-intersection" in warning[0].message
    repaired = layers.districts.set_index("id").geometry["c"]
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"


def test_empty_work_geometry_is_kept_and_reported(tmp_path):
    works = [dict(w) for w in tiny.WORKS]
    works[0]["geometry"] = None
    layers, problems = load(tiny.write_city(tmp_path / "c", works=works))
    assert "p1" in set(layers.works["id"])
    assert any(p.id == "p1" and "empty or missing" in p.message and p.level == "warning"
               for p in problems)


def test_layer_in_web_mercator_is_reprojected(tmp_path):
    folder = tiny.write_city(tmp_path / "c")
    gpd.read_file(folder / "districts.geojson").to_crs(3857).to_file(folder / "districts.gpkg")
    (folder / "districts.geojson").unlink()
    layers, problems = load(folder)
    assert problems == ()
    assert layers.districts.crs.to_epsg() == 4326
    assert layers.districts.total_bounds == pytest.approx([82.50, 49.90, 82.62, 49.95], abs=1e-9)


def write_shapefile(folder, name, frame, encoding="UTF-8"):
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_file(folder / f"{name}.shp", encoding=encoding)
    return folder / f"{name}.shp"


def shapefile_city(tmp_path, encoding="cp1251"):
    folder = tiny.write_city(tmp_path / "c")
    (folder / "districts.geojson").unlink()
    write_shapefile(folder, "districts", gpd.GeoDataFrame(tiny.DISTRICTS, crs=4326), encoding)
    return folder


def test_cp1251_dbf_with_cpg_reads_cyrillic(tmp_path):
    folder = shapefile_city(tmp_path)
    assert (folder / "districts.cpg").read_text().strip().upper() in ("CP1251", "1251")
    layers, problems = load(folder)
    assert problems == ()
    assert list(layers.districts["name_ru"]) == ["Альфа", "Бета", "Гамма"]


def test_cp1251_dbf_without_cpg_reads_cyrillic_and_says_so(tmp_path):
    folder = shapefile_city(tmp_path)
    (folder / "districts.cpg").unlink()
    layers, problems = load(folder)
    assert list(layers.districts["name_ru"]) == ["Альфа", "Бета", "Гамма"]
    assert [p.level for p in problems] == ["warning"] and "cp1251" in problems[0].message


def test_cp1251_dbf_with_a_wrong_cpg_reads_cyrillic_and_says_so(tmp_path):
    folder = shapefile_city(tmp_path)
    (folder / "districts.cpg").write_text("UTF-8")
    layers, problems = load(folder)
    assert list(layers.districts["name_ru"]) == ["Альфа", "Бета", "Гамма"]
    assert "correct the .cpg" in problems[0].message


def test_utf8_dbf_declared_cp1251_is_not_mojibake(tmp_path):
    folder = shapefile_city(tmp_path, encoding="UTF-8")
    (folder / "districts.cpg").write_text("1251")
    layers, problems = load(folder)
    assert list(layers.districts["name_ru"]) == ["Альфа", "Бета", "Гамма"]
    assert "correct the .cpg" in problems[0].message


def test_shapefile_without_prj_is_an_error_unless_a_crs_is_given(tmp_path):
    folder = shapefile_city(tmp_path)
    (folder / "districts.prj").unlink()
    _, problems = load(folder)
    assert [p.level for p in problems] == ["error"]
    assert "no coordinate reference system" in problems[0].message
    layers, problems = load(folder, crs="EPSG:4326")
    assert [p.level for p in problems] == ["warning"] and len(layers.districts) == 3


def test_shapefile_missing_its_dbf_or_truncated_is_a_clear_error(tmp_path):
    folder = shapefile_city(tmp_path)
    (folder / "districts.dbf").unlink()
    _, problems = load(folder)
    assert "districts.shp" == problems[0].file and ".dbf is missing" in problems[0].message
    folder = shapefile_city(tmp_path / "second")
    data = (folder / "districts.shp").read_bytes()
    (folder / "districts.shp").write_bytes(data[: len(data) // 2])
    _, problems = load(folder)
    assert problems and problems[0].level == "error" and problems[0].file == "districts.shp"


def test_swapped_latitude_and_longitude_are_detected(tmp_path):
    folder = tiny.write_city(tmp_path / "c")
    works = gpd.read_file(folder / "works.geojson")
    works.geometry = works.geometry.map(lambda g: type(g)([(y, x) for x, y in g.coords]))
    works.to_file(folder / "works.geojson")
    _, problems = load(folder)
    assert any(p.file == "works.geojson" and "swapped" in p.message for p in problems)


def test_every_problem_is_collected_and_load_dataset_refuses(tmp_path):
    works = [dict(w) for w in tiny.WORKS]
    works[0]["category"] = "??"
    works[1]["year"] = "nope"
    folder = tiny.write_city(tmp_path / "c", works=works,
                             funding=[dict(tiny.FUNDING[0], amount_kzt="-1")])
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert len([p for p in caught.value.problems if p.fatal]) == 3
    partial = load_dataset(folder, strict=False)
    assert len(partial.works) == 3


def test_missing_files_and_folder_are_reported(tmp_path):
    _, problems = load(tmp_path / "nowhere")
    assert "does not exist" in problems[0].message
    empty = tmp_path / "empty"
    empty.mkdir()
    _, problems = load(empty)
    text = " ".join(p.message for p in problems)
    assert "no districts file" in text and "no works file" in text and "funding.csv" in \
        " ".join(p.file for p in problems)


def test_numbers_read_as_numbers_are_checked_as_their_text_would_be():
    """A store gives int64 and float64 (NaN for empty) where a CSV gives text: parsed as
    numbers (no string per cell), they give the typed values, dropped rows and problems
    that their text gave."""
    import numpy as np

    from geo import validate

    numbers = pd.DataFrame({
        "record_id": ["r1", "r2", "r3", "r4", "r5"], "work_id": ["w1"] * 5,
        "year": np.array([2023, 2024, 1800, 2023, 2024], dtype=np.int64),
        "amount_kzt": np.array([1000.0, 2.5, 300.0, -5.0, 7e9]),
        "source": ["city"] * 5, "approved": [None] * 5, "note": [None] * 5})
    texts = numbers.astype(object).map(validate._as_text)  # as the cells were read before
    results = []
    for frame in (numbers, texts):
        log = ProblemLog()
        typed = validate.validate_fields(frame, validate.FUNDING, "funding", log, id_field="record_id")
        results.append((typed, [(p.row, p.id, p.message) for p in log.problems]))
    (typed, problems), (typed_text, problems_text) = results
    pd.testing.assert_frame_equal(typed, typed_text)
    assert typed["record_id"].tolist() == ["r1", "r5"]
    assert problems == problems_text
    assert [message for _, _, message in problems] == [
        "year '1800' is below 1990", "amount_kzt '2.5' tenge is not a whole number",
        "amount_kzt '-5' tenge is below 0"]
