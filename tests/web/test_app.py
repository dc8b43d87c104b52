"""The factory: settings, the Dataset holder, /healthz and the CLI."""

from pathlib import Path

import pytest

from tests.conftest import fake_dataset, make_app
from web.config import OSM_TILES, load_config, tile_origin
from web.data import get_dataset, get_holder


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


def test_loader_gets_source_and_center():
    calls = []
    make_app(DATASET_LOADER=lambda source, center: calls.append((source, center)) or fake_dataset(),
             DATA_DIR="/data", CENTER="82.6,49.9")
    make_app(DATASET_LOADER=lambda source, center: calls.append((source, center)) or fake_dataset(),
             DATABASE_URL="postgresql://db/okraina")
    assert calls == [(Path("/data"), "82.6,49.9"), ("postgresql://db/okraina", None)]


def test_swap_replaces_the_dataset_atomically(app):
    new = fake_dataset()
    with app.app_context():
        old = get_dataset()
        assert get_holder().swap(new) is old
        assert get_dataset() is new


def test_healthz(client, app):
    response = client.get("/healthz")
    assert response.json == {"status": "ok", "dataset": "test-0001", "loaded_at": "2024-01-15T12:00:00+00:00"}
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        get_holder().swap(fake_dataset().__class__(districts=None, version="v2"))
    assert client.get("/healthz").json["dataset"] == "v2"


def test_flask_finds_the_factory():
    import web

    assert callable(web.create_app)


def test_cli_serve_builds_the_app_and_runs_it(monkeypatch):
    from click.testing import CliRunner
    from flask import Flask

    import web
    from web.cli import main

    seen, app = {}, make_app()
    monkeypatch.setattr(web, "create_app", lambda config: seen.setdefault("config", config) and app)
    monkeypatch.setattr(Flask, "run", lambda self, host, port, threaded: seen.update(host=host, port=port))
    result = CliRunner().invoke(main, ["serve", "--db", "postgresql://db/x", "--port", "8001"])
    assert result.exit_code == 0, result.output
    assert seen == {"config": {"DATABASE_URL": "postgresql://db/x"}, "host": "127.0.0.1", "port": 8001}
    both = CliRunner().invoke(main, ["serve", "--db", "x", "--data", "."])
    assert both.exit_code == 2 and "not both" in both.output
