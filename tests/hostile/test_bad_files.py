"""Broken data files end to end: ``okraina check`` names file, row and problem, and a
running app whose folder is replaced by the broken variant keeps serving its last good
data, with ``/healthz`` showing why. The reading rules themselves are unit-tested in
``tests/geo/test_load.py``; the variants are in ``broken_data.py``.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.hostile.broken_data import DISTRICT_NAMES, VARIANTS, good_city
from web import create_app
from web.ops.check import check
from web.ops.reload import get_reloader

ROOT = Path(__file__).resolve().parents[2]
# Cyrillic read in the wrong code page: Ð/Ñ (UTF-8 as Latin), Р°/Рё (UTF-8 as cp1251),
# runs of accented Latin (cp1251 as Latin) or box-drawing signs (cp1251 as cp866).
MOJIBAKE = re.compile(r"[ÐÑ][\x80-\xff\u0080-\u024f]|Р[°-џ]|[À-ÿ]{3}|[\u2500-\u257f]")


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return good_city(tmp_path_factory.mktemp("good") / "city")


def broken_copy(good, tmp_path, name):
    folder = tmp_path / name
    shutil.copytree(good, folder)
    VARIANTS[name].break_folder(folder)
    return folder


def found(problems, level, file, row, words):
    return any(p["level"] == level and p["file"] == file and p["row"] == row and words in p["message"]
               for p in problems)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_check_names_the_file_row_and_problem(good, tmp_path, name):
    variant = VARIANTS[name]
    folder = broken_copy(good, tmp_path, name)
    result = CliRunner().invoke(check, [str(folder), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    report = json.loads(result.output)
    assert result.exit_code == (1 if variant.fatal else 0), report["problems"]
    assert report["ok"] is not variant.fatal
    missing = [e for e in variant.expected if not found(report["problems"], *e)]
    assert missing == [], report["problems"]
    text = CliRunner().invoke(check, [str(folder)]).output
    assert "Traceback" not in text and not MOJIBAKE.search(text), text
    for level, file, row, _ in variant.expected:
        assert f"{level.upper()}: {file}" + (f", row {row}" if row else "") in text


def test_the_installed_command_reports_a_broken_folder_without_a_traceback(good, tmp_path):
    folder = broken_copy(good, tmp_path, "truncated_shp")
    # The console script's own entry point, run from this checkout (the installed
    # `okraina` may belong to another checkout).
    result = subprocess.run([sys.executable, "-c", "from web.ops.cli import main; main()", "check",
                             str(folder)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1
    assert "ERROR: districts.shp: the .shp file is truncated" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture(scope="module")
def live(good, tmp_path_factory):
    """An app serving a folder that the tests replace; reloads only when asked."""
    folder = tmp_path_factory.mktemp("live") / "city"
    shutil.copytree(good, folder)
    app = create_app({"TESTING": True, "TILES": "none", "DATA_DIR": folder, "RELOAD_SECONDS": 0})
    return app, folder


def replace_folder(folder, source):
    for path in folder.iterdir():
        path.unlink()
    for path in source.iterdir():
        shutil.copy2(path, folder / path.name)


def served_names(client):
    features = client.get("/api/districts").get_json()["features"]
    return [f["properties"]["name_ru"] for f in features]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_running_app_keeps_its_last_good_data(live, good, tmp_path, name):
    app, folder = live
    variant = VARIANTS[name]
    client, reloader = app.test_client(), get_reloader(app)
    before = client.get("/healthz").get_json()["dataset"]
    replace_folder(folder, broken_copy(good, tmp_path, name))
    try:
        reloader.check()
        health = client.get("/healthz").get_json()
        if variant.fatal:
            assert health["dataset"] == before
            error = health["reload"]["last_error"]
            level, file, row, words = variant.expected[0]
            assert file in error and words in error and "still serving" in error
            assert str(folder) not in error  # no server paths on a public page
        else:
            assert health["reload"]["last_error"] is None
        assert sorted(served_names(client)) == sorted(DISTRICT_NAMES)
        assert client.get("/").status_code == 200
    finally:
        replace_folder(folder, good)
        reloader.check(force=True)
    assert client.get("/healthz").get_json()["reload"]["last_error"] is None
