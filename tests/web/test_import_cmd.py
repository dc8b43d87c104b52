"""``okraina import``: exit codes, summary, and nothing written on bad data."""

from click.testing import CliRunner

from geo.stores import load_from
from tests._postgis import postgis_server, postgis_url  # noqa: F401  (fixtures)
from tests.geo import tiny
from web.ops.import_cmd import import_command


def run(*args):
    return CliRunner().invoke(import_command, [str(a) for a in args])


def broken(folder):
    works = [dict(w) for w in tiny.WORKS]
    works[1]["status"] = "finished"
    return tiny.write_city(folder, works=works)


def test_import_into_a_geopackage_prints_a_summary(tmp_path):
    target = tmp_path / "city.gpkg"
    result = run(tiny.write_city(tmp_path / "c"), "--into", target)
    assert result.exit_code == 0, result.output
    assert "3 districts, 5 works, 5 funding, 18 meetings" in result.output
    assert "2023: 4 works, 5 001 tenge" in result.output
    assert len(load_from(target).works) == 5


def test_a_broken_folder_exits_1_and_writes_nothing(tmp_path):
    target = tmp_path / "city.gpkg"
    result = run(broken(tmp_path / "c"), "--into", target)
    assert result.exit_code == 1
    assert "status 'finished' is not one of" in result.output
    assert "nothing was written" in result.output
    assert not target.exists()


def test_an_unknown_target_is_refused(tmp_path):
    result = run(tiny.write_city(tmp_path / "c"), "--into", tmp_path / "city.shp")
    assert result.exit_code == 1 and "postgresql:// URL or a .gpkg" in result.output


def test_import_good_then_broken_into_postgis_keeps_the_good_data(tmp_path, postgis_url):
    assert run(tiny.write_city(tmp_path / "good"), "--into", postgis_url).exit_code == 0
    good = load_from(postgis_url)
    result = run(broken(tmp_path / "bad"), "--into", postgis_url)
    assert result.exit_code == 1
    again = load_from(postgis_url)
    assert again.version == good.version
    assert list(again.works["status"]) == list(good.works["status"])


def test_unreachable_database_fails_without_showing_the_password(tmp_path):
    url = "postgresql://okraina:s3cret@127.0.0.1:1/okraina"
    result = run(tiny.write_city(tmp_path / "c"), "--into", url)
    assert result.exit_code == 1
    assert "s3cret" not in result.output and "okraina:***@" in result.output
