import json

from click.testing import CliRunner

from tests.geo import tiny
from web.ops.check import DEFAULT_DATA, check


def run(*args):
    return CliRunner().invoke(check, [str(a) for a in args])


def test_check_json_on_a_good_folder(tmp_path):
    result = run(tiny.write_city(tmp_path / "c"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True and report["problems"] == []
    assert report["years"] == {"2022": {"works": 1, "funding_kzt": 500},
                               "2023": {"works": 4, "funding_kzt": 5001}}


def test_check_on_a_broken_folder_lists_every_problem_and_exits_1(tmp_path):
    works = [dict(w) for w in tiny.WORKS]
    works[0]["status"] = "finished"
    funding = [dict(f) for f in tiny.FUNDING] + [
        {"record_id": "f9", "work_id": "ghost", "year": 2023, "amount_kzt": "700 млн", "source": "city"},
        {"record_id": "f10", "work_id": "ghost", "year": 2023, "amount_kzt": 5, "source": "city"}]
    folder = tiny.write_city(tmp_path / "c", works=works, funding=funding)
    result = run(folder, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    brief = {(p["level"], p["file"], p["row"], p["id"]) for p in report["problems"]}
    assert ("error", "works.geojson", 1, "p1") in brief
    assert ("error", "funding.csv", 6, "f9") in brief
    assert ("warning", "funding.csv", 7, "f10") in brief  # unknown work, kept as unassigned
    assert set(report["problems"][0]) == {"level", "file", "row", "id", "message"}
    text = run(folder)
    assert text.exit_code == 1
    assert "ERROR: works.geojson, row 1 [p1]: status 'finished' is not one of" in text.output
    assert "FAILED" in text.output


def test_check_defaults_to_the_shipped_sample():
    assert DEFAULT_DATA.name == "shapefiles"


def test_check_json_reports_each_needs_warning_with_file_row_and_id(tmp_path):
    needs = [dict(n) for n in tiny.NEEDS]
    needs[0]["work_ids"] = "p1 edge"          # met, edge planned
    needs[8]["work_ids"] = "p2"               # open, p2 done
    needs[11]["lon"], needs[11]["lat"] = 82.605, 49.945  # listed in c, lies in a
    needs[9]["work_ids"] = "w-404"            # names no work
    needs[12]["year"] = 2021                  # no meeting then
    result = run(tiny.write_city(tmp_path / "c", needs=needs), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True
    assert {(p["level"], p["file"], p["row"], p["id"]) for p in report["problems"]} == {
        ("warning", "needs.csv", 1, "n1"), ("warning", "needs.csv", 9, "n9"),
        ("warning", "needs.csv", 12, "n12"), ("warning", "needs.csv", 10, "n10"),
        ("warning", "needs.csv", 13, "n13")}


def test_check_refuses_a_bad_needs_file_naming_row_and_id(tmp_path):
    needs = [dict(n) for n in tiny.NEEDS]
    needs[5]["answer_ru"] = needs[5]["answer_kk"] = ""  # not_responsible without an answer
    result = run(tiny.write_city(tmp_path / "c", needs=needs))
    assert result.exit_code == 1
    assert ("ERROR: needs.csv, row 6 [n6]: a not_responsible need must carry the akimat's "
            "answer") in result.output
