"""Integration tests on the shipped sample data set."""

import json

import pytest
from click.testing import CliRunner

from geo.dataset import load_dataset
from geo.select import Selection
from geo.stats import city_totals, district_totals
from web.ops.check import DEFAULT_DATA, check


@pytest.fixture(scope="module")
def sample():
    return load_dataset(DEFAULT_DATA)


def test_sample_loads_without_problems(sample):
    assert sample.problems == ()
    assert len(sample.districts) >= 18


def test_2023_has_31_works_and_just_under_700_million(sample):
    works = sample.works[sample.works["year"] == 2023]
    funding = sample.funding[sample.funding["year"] == 2023]
    assert len(works) == 31
    assert 690_000_000 <= funding["amount_kzt"].sum() < 700_000_000
    # Both readings of "2023" agree in the sample.
    assert set(funding["work_id"]) <= set(works.index)
    assert city_totals(sample, Selection((2023, 2023)))["funding_kzt"] == funding["amount_kzt"].sum()


def test_every_work_lands_in_a_district_and_funding_is_conserved(sample):
    assert sample.works["district_id"].notna().all()
    table = district_totals(sample, Selection((2022, 2024)))
    assert table["funding_kzt"].sum() == sample.funding["amount_kzt"].sum()


def test_some_line_works_are_split_across_districts(sample):
    split = sample.works[sample.works["district_ids"].map(len) > 1]
    assert len(split) >= 2
    assert set(split.geometry.geom_type) == {"LineString"}


def test_check_json_on_the_sample():
    result = CliRunner().invoke(check, [str(DEFAULT_DATA), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["ok"] is True
    assert report["years"]["2023"]["works"] == 31
    assert 690_000_000 <= report["years"]["2023"]["funding_kzt"] < 700_000_000
