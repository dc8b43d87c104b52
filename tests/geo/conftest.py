import pytest

from tests.geo import tiny


@pytest.fixture
def tiny_folder(tmp_path):
    return tiny.write_city(tmp_path / "city")
