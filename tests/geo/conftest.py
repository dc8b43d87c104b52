import pytest

from tests._postgis import postgis_server, postgis_url  # noqa: F401  (fixtures)
from tests.geo import tiny


@pytest.fixture
def tiny_folder(tmp_path):
    return tiny.write_city(tmp_path / "city")
