"""A 5-second smoke run of ``bench/load_hostile.py`` (the 60-second figures live in
docs/BENCHMARKS.md): wrk over the main routes with a data reload, zero errors."""

import shutil
import sys
from pathlib import Path

from tests._requirements import require

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


def test_main_routes_under_load_with_a_reload_answer_without_errors():
    require(shutil.which("wrk") is not None, "wrk is not installed", "OKRAINA_REQUIRE_WRK")
    import load_hostile

    results = load_hostile.run(duration_s=5, connections=8)
    assert results["steady"]["requests"] > 0 and results["steady"]["errors"] == 0
    assert results["reloading"]["requests"] > 0 and results["reloading"]["errors"] == 0
    assert results["reloading"]["versions"]["reloaded"] is True
    assert results["reloading"]["versions"]["errors"] == []
