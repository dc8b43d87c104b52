"""geo.stores.overlay: needs kept elsewhere replace the store's by id, and a changed base is reported."""

import pytest

import geo
from geo.load_needs import need_as_text
from geo.problems import ProblemLog
from geo.stores import open_store
from geo.stores.overlay import NeedsOverlay, OverlayStore, need_fingerprint, overlay_needs


@pytest.fixture
def tiny_dataset(tiny_folder):
    return geo.load_dataset(tiny_folder)


class Rows(NeedsOverlay):
    def __init__(self, rows, version="e1.1"):
        self._rows, self._version = rows, version

    def version(self):
        return self._version

    def rows(self):
        return self._rows


def test_need_as_text_round_trips_through_the_loader(tiny_dataset):
    need = tiny_dataset.needs.loc["n1"]
    log = ProblemLog()
    again = overlay_needs(tiny_dataset.needs, [{"fields": need_as_text(need), "base_fingerprint": None}],
                          tiny_dataset.districts.index, log)
    assert list(log.problems) == []
    row = again.set_index("id").loc["n1"]
    for column in ("district_id", "year", "cycle", "raised_on", "title_ru", "status", "status_on", "work_ids"):
        assert row[column] == need[column]
    assert row.geometry.equals(need.geometry)


def test_an_edited_need_replaces_its_row_and_a_new_one_is_appended(tiny_dataset):
    edited = dict(need_as_text(tiny_dataset.needs.loc["n1"]), status="met")
    new = dict(edited, id="online-abcd-efgh", source="online", status="open")
    rows = [{"fields": edited, "base_fingerprint": need_fingerprint(need_as_text(tiny_dataset.needs.loc["n1"]))},
            {"fields": new, "base_fingerprint": None}]
    log = ProblemLog()
    needs = overlay_needs(tiny_dataset.needs, rows, tiny_dataset.districts.index, log)
    assert len(needs) == len(tiny_dataset.needs) + 1 and needs["id"].is_unique
    assert needs.set_index("id").loc["n1", "status"] == "met"
    assert needs.set_index("id").loc["online-abcd-efgh", "source"] == "online"
    assert list(log.problems) == []


def test_a_base_row_changed_since_the_edit_keeps_the_edit_and_says_so(tiny_dataset):
    edited = dict(need_as_text(tiny_dataset.needs.loc["n1"]), status="met")
    log = ProblemLog()
    needs = overlay_needs(tiny_dataset.needs, [{"fields": edited, "base_fingerprint": "0" * 16}],
                          tiny_dataset.districts.index, log)
    assert needs.set_index("id").loc["n1", "status"] == "met"
    [warning] = log.problems
    assert warning.level == "warning" and warning.id == "n1" and "staff edit is kept" in warning.message


def test_the_overlay_store_s_version_is_the_base_s_until_the_first_edit(tiny_folder):
    base = open_store(tiny_folder)
    assert OverlayStore(base, Rows([], version="")).version() == base.version()
    edited = OverlayStore(base, Rows([]))
    assert edited.version() == base.version() + "+e1.1"
    base_version = geo.stores.dataset_from_store(base).version
    assert geo.stores.dataset_from_store(edited).version == base_version + "+e1.1"
