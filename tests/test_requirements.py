import pytest

from tests._requirements import require


def test_missing_component_skips_by_default(monkeypatch):
    monkeypatch.delenv("OKRAINA_REQUIRE_THING", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no thing"):
        require(False, "no thing", "OKRAINA_REQUIRE_THING")


def test_missing_component_fails_when_required(monkeypatch):
    monkeypatch.setenv("OKRAINA_REQUIRE_THING", "1")
    with pytest.raises(pytest.fail.Exception, match="OKRAINA_REQUIRE_THING=1"):
        require(False, "no thing", "OKRAINA_REQUIRE_THING")
    require(True, "present", "OKRAINA_REQUIRE_THING")
