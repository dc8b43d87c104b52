"""/api/near's stored Features equal the rebuilt ones on the hostile city too (markup,
quotes, ``%`` and bidi controls in every text; a line among the points)."""

from tests.web.test_near_features import assert_near_matches_rebuilt


def test_every_hostile_work_matches(hostile_app, hostile_dataset):
    for lang in ("ru", "kk", "en"):
        count = assert_near_matches_rebuilt(
            hostile_app, f"/api/near?lat=49.945&lon=82.605&radius=10000&lang={lang}")
        assert count == len(hostile_dataset.near) == len(hostile_dataset.works)
