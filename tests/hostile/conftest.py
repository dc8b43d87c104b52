"""Fixtures of the hostile suite: the hostile city, one app on it, one server for the session."""

import pytest

import geo
from tests.conftest import make_app, serving
from tests.hostile.payloads import write_hostile_city


@pytest.fixture(scope="session")
def hostile_folder(tmp_path_factory):
    return write_hostile_city(tmp_path_factory.mktemp("hostile") / "city")


@pytest.fixture(scope="session")
def hostile_dataset(hostile_folder):
    return geo.load_dataset(hostile_folder)


@pytest.fixture(scope="session")
def hostile_app(hostile_dataset):
    return make_app(hostile_dataset)


@pytest.fixture(scope="session")
def hostile_client(hostile_app):
    return hostile_app.test_client()


@pytest.fixture(scope="session")
def hostile_server(hostile_app):
    """The hostile app served on 127.0.0.1 for the session; yields its base URL."""
    with serving(hostile_app) as url:
        yield url
