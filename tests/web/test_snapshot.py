"""The snapshot module's district lookup: one check, a 404 or (for a filter) a 400."""

import pytest
from werkzeug.exceptions import NotFound

from web.params import QueryError
from web.snapshot import require_district


def test_a_known_district_gives_its_row_and_none_gives_none(tiny_dataset):
    assert require_district(tiny_dataset, "a")["id"] == "a"
    assert require_district(tiny_dataset, None) is None


def test_an_unknown_district_is_a_404_or_a_bad_filter(tiny_dataset):
    with pytest.raises(NotFound, match="no district 'zz'"):
        require_district(tiny_dataset, "zz")
    with pytest.raises(QueryError) as caught:
        require_district(tiny_dataset, "zz", param="district")
    assert caught.value.description == "district: unknown district 'zz'"
