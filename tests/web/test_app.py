"""The factory: settings, the Dataset holder, /healthz and the CLI."""

from pathlib import Path

import pytest

import dataclasses

from tests.conftest import make_app
from web.config import OSM_TILES, load_config, tile_origin
from web.snapshot import get_dataset, get_holder


def test_defaults_environment_and_explicit_config():
    config = load_config(environ={})
    assert config["DATA_DIR"] == Path(__file__).resolve().parents[2] / "shapefiles"
    assert config["TILES"] == OSM_TILES and "OpenStreetMap" in config["TILES_ATTRIBUTION"]
    environ = {"OKRAINA_DATA": "/srv/data", "OKRAINA_TILES": "none", "OKRAINA_CENTER": "82.6,49.9",
               "OKRAINA_EMBED_ANCESTORS": "https://a.kz https://b.kz"}
    config = load_config(environ=environ)
    assert (config["DATA_DIR"], config["TILES"], config["CENTER"]) == (Path("/srv/data"), None, "82.6,49.9")
    assert config["EMBED_ANCESTORS"] == "https://a.kz https://b.kz"
    assert load_config({"DATA_DIR": "/x"}, environ=environ)["DATA_DIR"] == Path("/x")


@pytest.mark.parametrize("overrides", [
    {"TILES": "https://tiles.example/{z}/{x}/{y}.png"},  # no attribution
    {"TILES": "javascript:alert(1)", "TILES_ATTRIBUTION": "x"},
    {"EMBED_ANCESTORS": "https://a.kz; script-src *"},
    {"EMBED_ANCESTORS": ""},
])
def test_bad_settings_are_refused_at_start(overrides):
    with pytest.raises(ValueError):
        load_config(overrides, environ={})


def test_tile_origin():
    assert tile_origin(OSM_TILES) == "https://tile.openstreetmap.org"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"


def test_loader_gets_source_and_center(tiny_dataset):
    calls = []
    loader = lambda source, center: calls.append((source, center)) or tiny_dataset  # noqa: E731
    make_app(tiny_dataset, DATASET_LOADER=loader, DATA_DIR="/data", CENTER="82.6,49.9")
    make_app(tiny_dataset, DATASET_LOADER=loader, DATABASE_URL="postgresql://db/okraina")
    assert calls == [(Path("/data"), "82.6,49.9"), ("postgresql://db/okraina", None)]


def test_the_default_loader_reads_the_data_folder_with_geo(tiny_folder, tiny_dataset):
    from web import create_app

    app = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": tiny_folder, "CENTER": "82.6,49.9"})
    health = app.test_client().get("/healthz").json
    assert health["dataset"] == tiny_dataset.version
    with app.app_context():
        assert get_dataset().center == (82.6, 49.9)


def test_by_default_the_shipped_sample_is_served(sample_dataset):
    from web import create_app

    app = create_app({"TESTING": True, "TILES": "none"})
    assert app.test_client().get("/healthz").json["dataset"] == sample_dataset.version
    page = app.test_client().get("/?lang=kk").get_data(as_text=True)
    assert "Өскемен" in page and "[49.9484, 82.6275]" in page


def test_bad_data_folder_raises_data_error(tmp_path):
    from geo import DataError
    from web import create_app

    (tmp_path / "districts.geojson").write_text("not json", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        create_app({"TILES": "none", "DATA_DIR": tmp_path})
    assert caught.value.problems


def test_swap_replaces_the_dataset_atomically(app, tiny_dataset):
    new = dataclasses.replace(tiny_dataset, version="v2")
    with app.app_context():
        old = get_dataset()
        assert get_holder().swap(new) is old
        assert get_dataset() is new


def test_healthz(client, app, tiny_dataset):
    response = client.get("/healthz")
    assert response.json == {"status": "ok", "dataset": tiny_dataset.version,
                             "loaded_at": tiny_dataset.loaded_at.isoformat(), "reload": None}
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        get_holder().swap(dataclasses.replace(tiny_dataset, version="v2"))
    assert client.get("/healthz").json["dataset"] == "v2"


def test_flask_finds_the_factory():
    import web

    assert callable(web.create_app)


def test_cli_serve_builds_the_app_and_runs_it(monkeypatch, tiny_dataset):
    from click.testing import CliRunner
    from flask import Flask

    import web
    from web.ops.cli import main

    seen, app = {}, make_app(tiny_dataset)
    monkeypatch.setattr(web, "create_app", lambda config: seen.setdefault("config", config) and app)
    monkeypatch.setattr(Flask, "run", lambda self, host, port, threaded: seen.update(host=host, port=port))
    result = CliRunner().invoke(main, ["serve", "--db", "postgresql://db/x", "--port", "8001"])
    assert result.exit_code == 0, result.output
    assert seen == {"config": {"DATABASE_URL": "postgresql://db/x"}, "host": "127.0.0.1", "port": 8001}
    both = CliRunner().invoke(main, ["serve", "--db", "x", "--data", "."])
    assert both.exit_code == 2 and "not both" in both.output
