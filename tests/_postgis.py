"""A throwaway PostGIS database per test, on the server named by OKRAINA_TEST_DATABASE_URL.

``.ci/run`` starts a cluster and sets the variable; without it the tests skip,
unless ``OKRAINA_REQUIRE_POSTGIS=1`` makes that a failure.
"""

import os
import uuid

import pytest

from tests._requirements import require

SERVER_VARIABLE = "OKRAINA_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def postgis_server():
    """The maintenance URL of a reachable PostgreSQL server with PostGIS available."""
    url = os.environ.get(SERVER_VARIABLE, "").strip()
    require(bool(url), f"no PostGIS server: {SERVER_VARIABLE} is not set",
            "OKRAINA_REQUIRE_POSTGIS")
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            found = conn.execute("SELECT 1 FROM pg_available_extensions "
                                 "WHERE name = 'postgis'").fetchone()
    except psycopg.OperationalError as exc:
        require(False, f"cannot connect to {SERVER_VARIABLE}: {exc}", "OKRAINA_REQUIRE_POSTGIS")
    require(found is not None, "the server has no postgis extension installed",
            "OKRAINA_REQUIRE_POSTGIS")
    return url


@pytest.fixture
def postgis_url(postgis_server):
    """A new database with the postgis extension; dropped after the test."""
    import psycopg

    name = f"okraina_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgis_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(postgis_server, name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    yield url
    with psycopg.connect(postgis_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _with_database(url, name):
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
