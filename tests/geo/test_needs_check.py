"""The contradictions between needs and the other layers are warnings with file, row, id."""

from geo.dataset import load_dataset
from tests.geo import tiny


def warnings_of(tmp_path, rows, meetings=None):
    city = load_dataset(tiny.write_city(tmp_path / "city", needs=rows, meetings=meetings))
    assert not any(p.fatal for p in city.problems)
    return [(p.file, p.row, p.id, p.message) for p in city.problems]


def test_each_contradiction_is_a_warning_and_status_is_left_alone(tmp_path):
    rows = [
        tiny.need("met-early", "a", "met", "2023-05-01", work_ids="p1 edge"),  # edge planned
        tiny.need("forgotten", "b", "open", "2023-03-15", work_ids="p2"),      # p2 done
        tiny.need("astray", "a", "open", "2023-03-15", lon=82.615, lat=49.945),  # in b
        tiny.need("ghost", "a", "scheduled", "2023-03-15", work_ids="edge w-404"),
        tiny.need("no-meeting", "c", "open", "2024-03-15", raised_on="2024-03-15"),
        tiny.need("fine", "b", "met", "2023-05-01", work_ids="p2", lon=82.615, lat=49.945),
    ]
    found = warnings_of(tmp_path, rows)
    assert {(row, who) for _, row, who, _ in found} == {
        (1, "met-early"), (2, "forgotten"), (3, "astray"), (4, "ghost"), (5, "no-meeting")}
    assert {file for file, *_ in found} == {"needs.csv"}
    said = {who: message for _, _, who, message in found}
    assert "not all done: edge (planned)" in said["met-early"]
    assert "all its linked works are done or cancelled" in said["forgotten"]
    assert "outside its district 'a'" in said["astray"]
    assert "'w-404', which is no known work" in said["ghost"]
    assert "cycle-1 meeting of 2024 in 'c'" in said["no-meeting"]
    city = load_dataset(tmp_path / "city")
    assert city.needs.loc["forgotten", "status"] == "open"  # linking never changes status


def test_an_open_need_with_a_work_still_going_is_not_a_contradiction(tmp_path):
    assert warnings_of(tmp_path, [tiny.need("n", "a", "scheduled", "2023-04-01",
                                            work_ids="edge")]) == []


def test_without_meetings_csv_needs_are_not_each_told_so(tmp_path):
    folder = tiny.write_city(tmp_path / "city", needs=[tiny.need("n", "a", "open", "2023-03-15")])
    (folder / "meetings.csv").unlink()
    city = load_dataset(folder)
    assert [p.file for p in city.problems] == ["meetings.csv"]
