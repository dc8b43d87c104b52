"""Reading and validating needs.csv: every fatal problem names file, row and id."""

from geo.dataset import load_dataset
from tests.geo import tiny


def problems_of(tmp_path, rows):
    folder = tiny.write_city(tmp_path / "city", needs=rows)
    return load_dataset(folder, strict=False)


def errors(dataset):
    return [(p.file, p.row, p.id, p.message) for p in dataset.problems if p.fatal]


def test_the_tiny_needs_load_without_problems(tiny_folder):
    city = load_dataset(tiny_folder)
    assert city.problems == ()
    assert len(city.needs) == 13 and city.needs.crs == "EPSG:4326"
    assert city.needs.loc["n7", "supporters"] == 120
    assert city.needs.loc["n12", "status_type"] == "open"


def test_every_fatal_problem_names_file_row_and_id(tmp_path):
    rows = [
        tiny.need("ok", "a", "open", "2023-03-15"),
        tiny.need("ok", "b", "open", "2023-03-15"),                       # duplicate id
        tiny.need("x1", "nowhere", "open", "2023-03-15"),                 # unknown district
        tiny.need("x2", "a", "forgotten", "2023-03-15"),                  # unknown status
        tiny.need("x3", "a", "open", "2023-03-15", category="rockets"),   # unknown category
        tiny.need("x4", "a", "open", "2023-03-15", source="pigeon"),      # unknown source
        tiny.need("x5", "a", "open", "15.03.2023"),                       # bad date
        tiny.need("x6", "a", "declined", "2023-04-01"),                   # no answer
        tiny.need("x7", "a", "open", "2023-03-15", lon="восемь", lat=49.9),  # not a number
        tiny.need("x8", "a", "open", "2023-03-15", lon=82.6),             # half a point
        tiny.need("x9", "a", "met", "2023-03-01"),                        # met before raised
        tiny.need("", "a", "open", "2023-03-15"),                         # no id
        tiny.need("x10", "a", "not_responsible", "2023-04-01", answer_kk="Жауап"),  # fine
    ]
    found = errors(problems_of(tmp_path, rows))
    assert {(row, who) for _, row, who, _ in found} == {
        (2, "ok"), (3, "x1"), (4, "x2"), (5, "x3"), (6, "x4"), (7, "x5"), (8, "x6"),
        (9, "x7"), (10, "x8"), (11, "x9"), (12, None)}
    assert {file for file, *_ in found} == {"needs.csv"}
    messages = {who: message for _, _, who, message in found}
    assert "duplicate id 'ok'" in messages["ok"]
    assert "'nowhere' names no district" in messages["x1"]
    assert "'forgotten' is not one of" in messages["x2"]
    assert "must carry the akimat's answer" in messages["x6"]
    assert "'восемь' is not a number" in messages["x7"]
    assert "both lon and lat" in messages["x8"]
    assert "before raised_on" in messages["x9"]


def test_a_missing_required_column_is_one_file_problem(tmp_path):
    rows = [{k: v for k, v in tiny.need("n", "a", "open", "2023-03-15").items() if k != "status"}]
    [problem] = [p for p in problems_of(tmp_path, rows).problems if p.fatal]
    assert (problem.file, problem.row) == ("needs.csv", None)
    assert "status" in problem.message


def test_work_ids_are_split_on_spaces_each_kept_once(tmp_path):
    city = problems_of(tmp_path, [tiny.need("n", "a", "open", "2023-03-15",
                                            work_ids=" p1  edge p1 ")])
    assert city.needs.loc["n", "work_ids"] == ("p1", "edge")
