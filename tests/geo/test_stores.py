"""The stores: same Dataset from a folder, a GeoPackage and PostGIS; imports all or nothing."""

from pathlib import Path

import numpy as np
import pandas as pd
import psycopg
import pytest
from pandas.testing import assert_frame_equal

from geo.near import MAX_RADIUS_M
from geo.problems import DataError
from geo.select import Selection
from geo.stats import city_totals, district_totals
from geo.stores import (FileStore, GeoPackageStore, PostGISStore, StoreError, dataset_from_store,
                        load_from, mask_url, open_store)
from geo.stores.importing import validate_folder, write_store
from tests.geo import tiny

SAMPLE = Path(__file__).resolve().parents[2] / "shapefiles"
FRAMES = ("districts", "works", "shares", "funding", "allocations", "meetings", "needs",
          "need_links")


def import_folder(folder, target):
    write_store(validate_folder(folder), target)


def assert_same_dataset(expected, actual):
    assert actual.version == expected.version
    assert actual.city == expected.city
    for name in FRAMES:
        assert_frame_equal(getattr(actual, name), getattr(expected, name), obj=name)
    for selection in selections(expected):
        assert_frame_equal(district_totals(actual, selection), district_totals(expected, selection))
        assert city_totals(actual, selection) == city_totals(expected, selection)
    for lon, lat in probe_points(expected):
        for radius_m in (300, 1500, MAX_RADIUS_M):
            near = actual.near.works_near(lon, lat, radius_m)
            expected_near = expected.near.works_near(lon, lat, radius_m)
            assert near.keys() == expected_near.keys()
            for key in near:
                np.testing.assert_array_equal(near[key], expected_near[key])
        assert actual.locator.district_at(lon, lat) == expected.locator.district_at(lon, lat)


def assert_texts_shared(dataset):
    """Equal texts are one object; the funding's work ids are the works' own."""
    works, funding = dataset.works, dataset.funding
    for frame, column in ((works, "status"), (works, "category"), (funding, "source")):
        assert len({id(v) for v in frame[column]}) == frame[column].nunique()
    ids = {v: id(v) for v in works["id"]}
    assert all(id(v) == ids[v] for v in funding["work_id"] if v in ids)


def selections(dataset):
    yield Selection()
    for year in dataset.years:
        yield Selection((year, year))
    yield Selection(None, ("roads",), ("done", "in_progress"))


def probe_points(dataset):
    points = dataset.districts.geometry.representative_point()
    return [(p.x, p.y) for p in points] + [dataset.center]


def broken_copy_of_tiny(folder):
    rows = [dict(r) for r in tiny.FUNDING]
    rows[0]["amount_kzt"] = "700 млн"
    return tiny.write_city(folder, funding=rows)


def table_digest(url):
    """One text that changes if any row of any okraina table changes."""
    with psycopg.connect(url) as conn:
        return [conn.execute(f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {name} t")
                .fetchone()[0] for name in ("districts", "works", "funding", "meetings",
                                            "okraina_meta")]


def test_open_store_picks_the_store_from_the_source(tmp_path):
    assert isinstance(open_store(tmp_path), FileStore)
    assert isinstance(open_store(tmp_path / "city.gpkg"), GeoPackageStore)
    assert isinstance(open_store("postgresql://u:secret@db:5432/okraina"), PostGISStore)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(StoreError, match="neither a data folder"):
        open_store(tmp_path / "notes.txt")


def test_passwords_never_appear_in_the_source_or_errors():
    url = "postgresql://okraina:s3cret@127.0.0.1:1/okraina"
    assert mask_url(url) == "postgresql://okraina:***@127.0.0.1:1/okraina"
    assert "s3cret" not in PostGISStore(url).describe()
    with pytest.raises(StoreError) as error:
        load_from(url)
    assert "s3cret" not in str(error.value) and "cannot connect" in str(error.value)


def test_file_store_gives_the_same_dataset_as_load_dataset(tiny_folder):
    from geo.dataset import load_dataset

    assert_same_dataset(load_dataset(tiny_folder), load_from(tiny_folder))


def test_geopackage_import_round_trips(tiny_folder, tmp_path):
    target = tmp_path / "city.gpkg"
    import_folder(tiny_folder, target)
    assert_same_dataset(load_from(tiny_folder), load_from(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city", "city.gpkg"]  # no temp left


def test_a_geopackage_read_in_chunks_is_the_layer_read_whole(tmp_path):
    """Chunks of 7 features: every table of the sample comes back as pyogrio reads it
    whole (dtypes too: a text column empty in one chunk and not in another)."""
    import pyogrio

    from geo.stores.geopackage import read_layer

    target = tmp_path / "city.gpkg"
    import_folder(SAMPLE, target)
    for layer in ("districts", "works", "funding", "meetings", "needs"):
        whole = pyogrio.read_dataframe(target, layer=layer)
        assert len(whole) > 7
        assert_frame_equal(read_layer(target, layer, {}, chunk=7), whole, obj=layer)


def test_a_geopackage_reads_each_repeated_text_once(tmp_path):
    """As from PostGIS: equal values are one object, the funding's work ids the works' own."""
    target = tmp_path / "city.gpkg"
    import_folder(SAMPLE, target)
    dataset = load_from(target)
    assert_texts_shared(dataset)


def test_broken_folder_leaves_the_geopackage_unchanged(tiny_folder, tmp_path):
    target = tmp_path / "city.gpkg"
    import_folder(tiny_folder, target)
    before = target.read_bytes()
    with pytest.raises(DataError, match="amount_kzt"):
        import_folder(broken_copy_of_tiny(tmp_path / "broken"), target)
    assert target.read_bytes() == before


@pytest.mark.postgis
@pytest.mark.parametrize("which", ["tiny", "sample"])
def test_postgis_gives_the_same_dataset_as_the_files(which, tiny_folder, postgis_url):
    folder = tiny_folder if which == "tiny" else SAMPLE
    if not folder.is_dir():
        pytest.skip("the sample data set (shapefiles/) is not in this checkout yet")
    import_folder(folder, postgis_url)
    assert_same_dataset(load_from(folder), load_from(postgis_url))


@pytest.mark.postgis
def test_postgis_read_in_chunks_is_the_dataset_read_whole(postgis_url, monkeypatch):
    """Rows read 7 at a time give the Dataset of one read of every row."""
    import geo.stores.postgis as postgis

    import_folder(SAMPLE, postgis_url)
    whole = dataset_from_store(PostGISStore(postgis_url))
    monkeypatch.setattr(postgis, "READ_CHUNK", 7)
    assert_same_dataset(whole, dataset_from_store(PostGISStore(postgis_url)))


@pytest.mark.postgis
def test_postgis_reads_each_repeated_text_once(postgis_url):
    """Equal values are one object (a worker at 100,000 works holds ~30 MiB less), and
    the pooled connection keeps psycopg's own loaders afterwards."""
    import_folder(SAMPLE, postgis_url)
    store = PostGISStore(postgis_url)
    dataset = dataset_from_store(store)
    assert_texts_shared(dataset)
    with store.engine.connect() as conn:
        adapters = conn.connection.dbapi_connection.adapters
        loader = adapters.get_loader(adapters.types["text"].oid, psycopg.pq.Format.TEXT)
        assert loader is psycopg.adapters.get_loader(adapters.types["text"].oid,
                                                     psycopg.pq.Format.TEXT)


@pytest.mark.postgis
def test_postgis_loads_keep_nothing_once_dropped(postgis_url):
    """A reload must not leave the texts of the Dataset it replaced behind (it once did:
    the table of distinct texts lived on with psycopg's loader class)."""
    import gc
    import sys

    import_folder(SAMPLE, postgis_url)
    store = PostGISStore(postgis_url)
    first = dataset_from_store(store)  # psycopg, SQLAlchemy and pandas fill their caches
    texts = sum(frame.select_dtypes(include=["object", "string"]).size  # one load's texts
                for frame in (first.districts, first.works, first.funding, first.meetings))
    del first
    # psycopg keeps the last 128 queries it converted (a bounded cache); each read through
    # a server-side cursor is a new query (its cursor's name), so it is emptied on both sides.
    queries = psycopg._queries._query2pg
    queries.cache_clear()
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(3):
        dataset_from_store(store)
    queries.cache_clear()
    gc.collect()
    assert sys.getallocatedblocks() - before < texts / 4


@pytest.mark.postgis
def test_postgis_tables_have_spatial_indexes(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    with psycopg.connect(postgis_url) as conn:
        indexes = conn.execute("SELECT tablename, indexdef FROM pg_indexes "
                               "WHERE indexdef LIKE '%USING gist%'").fetchall()
    assert sorted(table for table, _ in indexes) == ["districts", "works"]


@pytest.mark.postgis
def test_broken_folder_changes_nothing_in_the_database(tiny_folder, tmp_path, postgis_url):
    import_folder(tiny_folder, postgis_url)
    before = table_digest(postgis_url)
    with pytest.raises(DataError):
        import_folder(broken_copy_of_tiny(tmp_path / "broken"), postgis_url)
    assert table_digest(postgis_url) == before


@pytest.mark.postgis
def test_a_failure_while_writing_rolls_the_whole_import_back(tiny_folder, tmp_path, postgis_url):
    import_folder(tiny_folder, postgis_url)
    before = table_digest(postgis_url)
    with psycopg.connect(postgis_url) as conn:  # the database refuses one row of the new data
        conn.execute("ALTER TABLE funding ADD CONSTRAINT no_republic "
                     "CHECK (source <> 'republic') NOT VALID")
    changed = [dict(r, amount_kzt=r["amount_kzt"] + 1) for r in tiny.FUNDING]
    with pytest.raises(StoreError, match="rolled back"):
        import_folder(tiny.write_city(tmp_path / "changed", funding=changed), postgis_url)
    assert table_digest(postgis_url) == before


@pytest.mark.postgis
def test_an_edit_in_the_database_gives_a_new_version(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    store = open_store(postgis_url)
    imported = store.version()
    with psycopg.connect(postgis_url) as conn:
        conn.execute("UPDATE works SET status = 'done', progress = 100 WHERE id = 'edge'")
    assert store.version() != imported
    assert load_from(postgis_url).works.loc["edge", "status"] == "done"


@pytest.mark.postgis
def test_rows_broken_in_the_database_are_reported_by_the_same_rules(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    with psycopg.connect(postgis_url) as conn:
        conn.execute("UPDATE works SET category = 'spaceship' WHERE id = 'p2'")
    with pytest.raises(DataError) as error:
        load_from(postgis_url)
    [problem] = [p for p in error.value.problems if p.fatal]
    assert (problem.file, problem.id) == ("postgis:works", "p2")
    assert "'spaceship' is not one of" in problem.message


@pytest.mark.postgis
def test_a_database_without_okraina_tables_says_to_import(postgis_url):
    with pytest.raises(StoreError, match="okraina import"):
        load_from(postgis_url)


def test_counted_rows_match_the_layers(tiny_folder):
    validated = validate_folder(tiny_folder)
    assert validated.row_counts == {"districts": 3, "works": 5, "funding": 5, "meetings": 18,
                                     "needs": 13}
    assert isinstance(validated.snapshot.layers.funding, pd.DataFrame)


@pytest.mark.postgis
def test_a_database_imported_before_needs_existed_has_no_needs(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    with psycopg.connect(postgis_url, autocommit=True) as conn:
        conn.execute("DROP TABLE needs")
    dataset = load_from(postgis_url)
    assert dataset.needs.empty and dataset.need_links.empty
    assert len(dataset.works) == 5


@pytest.mark.postgis
def test_a_bad_need_in_the_database_names_its_table_row_and_id(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    with psycopg.connect(postgis_url, autocommit=True) as conn:
        conn.execute("UPDATE needs SET status = 'forgotten' WHERE id = 'n9'")
    with pytest.raises(DataError) as error:
        load_from(postgis_url)
    [problem] = [p for p in error.value.problems if p.fatal]
    assert (problem.file, problem.row, problem.id) == ("postgis:needs", 9, "n9")


def test_a_geopackage_keeps_the_needs_and_their_points(tiny_folder, tmp_path):
    import_folder(tiny_folder, tmp_path / "city.gpkg")
    needs = load_from(tmp_path / "city.gpkg").needs
    assert list(needs.index) == [f"n{i}" for i in range(1, 14)]
    assert needs.loc["n7", "work_ids"] == ("p2", "road")
    assert (needs.loc["n1"].geometry.x, needs.loc["n1"].geometry.y) == (82.604, 49.944)
    assert needs.loc["n2"].geometry is None


def _tiny_with_meeting_places(folder):
    rows = [dict(r) for r in tiny.MEETINGS]
    rows[0].update(place="ул. Тестовая, 1", time="18:30-20:00")
    return tiny.write_city(folder, meetings=rows)


@pytest.mark.postgis
def test_postgis_and_geopackage_keep_the_meetings_place_and_time(tmp_path, postgis_url):
    folder = _tiny_with_meeting_places(tmp_path / "city")
    expected = load_from(folder).meetings
    for target in (postgis_url, tmp_path / "city.gpkg"):
        import_folder(folder, target)
        meetings = load_from(target).meetings
        assert list(meetings.loc[0, ["place", "time"]]) == ["ул. Тестовая, 1", "18:30-20:00"]
        assert meetings["time"].notna().sum() == expected["time"].notna().sum() == 1


@pytest.mark.postgis
def test_a_database_imported_before_meetings_had_a_place_still_loads(tiny_folder, postgis_url):
    import_folder(tiny_folder, postgis_url)
    with psycopg.connect(postgis_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE meetings DROP COLUMN place, DROP COLUMN time")
    meetings = load_from(postgis_url).meetings
    assert len(meetings) == 18 and meetings["place"].isna().all() and meetings["time"].isna().all()
    import_folder(_tiny_with_meeting_places(tiny_folder.parent / "again"), postgis_url)  # adds them back
    assert load_from(postgis_url).meetings.loc[0, "time"] == "18:30-20:00"


def test_a_geopackage_geometry_not_in_geopackage_format_is_a_clear_error(tiny_folder, tmp_path):
    """A file edited by another tool (here a bare WKB and a bad envelope code) names the
    file and the problem; nothing half-read is served."""
    import sqlite3

    from geo.stores import StoreError

    for blob in (bytes.fromhex("0101000000000000000000f03f0000000000000040"),
                 b"GP\x00\x0e\xe6\x10\x00\x00" + bytes(21)):
        target = tmp_path / f"city-{len(blob)}.gpkg"
        import_folder(tiny_folder, target)
        with sqlite3.connect(target) as conn:  # the spatial index's triggers need SpatiaLite
            for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f'DROP TRIGGER "{trigger}"')
            conn.execute("UPDATE works SET geom = ? WHERE fid = 1", (blob,))
        with pytest.raises(StoreError, match=f"cannot read {target}.*GeoPackage's binary format"):
            dataset_from_store(open_store(str(target)))
