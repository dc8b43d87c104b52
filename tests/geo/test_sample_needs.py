"""The sample's needs: as many as its meeting summaries list, and the programme's loop."""

import re

import pytest

from geo import needs as N
from geo.dataset import load_dataset
from geo.select import Selection
from web.ops.check import DEFAULT_DATA

LISTED = re.compile(r"список из (\d+) участков|Собрано (\d+) обращений")


@pytest.fixture(scope="module")
def sample():
    return load_dataset(DEFAULT_DATA)


def test_every_district_has_5_to_15_needs_a_year_in_ru_and_kk(sample):
    needs = sample.needs
    counts = needs.groupby(["district_id", "year"]).size()
    assert len(counts) == len(sample.districts) * 3
    assert counts.between(4, 14).all() and 8 <= counts.mean() <= 11
    assert needs["title_ru"].notna().all() and needs["title_kk"].notna().all()
    assert (needs["title_ru"] != needs["title_kk"]).all()


def test_the_counts_agree_with_what_the_meeting_summaries_say(sample):
    needs = sample.needs[sample.needs["cycle"] == 1].groupby(["district_id", "year"]).size()
    said = 0
    for _, meeting in sample.meetings[sample.meetings["cycle"] == 1].iterrows():
        found = LISTED.search(meeting["summary_ru"])
        if found:
            said += 1
            stated = int(found.group(1) or found.group(2))
            assert needs[(meeting["district_id"], meeting["year"])] == stated
    assert said >= 20  # about half the summaries state the count
    assert (sample.needs["cycle"] == 1).all()


def test_most_2023_works_answer_a_need_and_some_needs_have_no_work(sample):
    answered = set(sample.need_links.loc[sample.need_links["known"], "work_id"])
    works_2023 = set(sample.works.index[sample.works["year"] == 2023])
    assert len(works_2023 & answered) >= 0.8 * len(works_2023)
    needs = sample.needs
    met = needs["status"] == "met"
    assert (met & (needs["work_ids"].map(len) == 0)).sum() >= 50  # fixed without a work
    for status in ("declined", "not_responsible", "duplicate"):
        assert (needs["status"] == status).sum() >= 3
    assert N.waiting_longest(sample)["over_year"].sum() >= 30


def test_the_sample_shows_every_class_of_time_to_meet(sample):
    classes = N.time_to_meet(sample).classes
    assert all(count > 0 for count in classes.values())
    for year in (2022, 2023, 2024):
        assert N.share_met(sample, Selection((year, year))).share is not None
