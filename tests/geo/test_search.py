"""geo.search: what residents type finds the place, street or work they mean."""

from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box

from geo import load_dataset
from geo.search import Entry, SearchIndex, build_index, normalise, search_index, streets

SAMPLE = Path(__file__).resolve().parents[2] / "shapefiles"

WORKS = gpd.GeoDataFrame({
    "title_ru": ["Ремонт дороги по ул. Горького", "Освещение по ул. Садовая",
                 "Скважина на ул. Садовая", "Сквер на пр. Независимости"],
    "title_kk": ["Горький көшесіндегі жолды жөндеу", "Бақ көшесіндегі жарық",
                 "Бақ көшесіндегі ұңғыма", "Тәуелсіздік даңғылындағы сквер"],
    "address": ["ул. Горького, от д. 1 до д. 9", "с. Подгорное, ул. Садовая, от д. 2 до д. 8",
                "с. Подгорное, ул. Садовая, 35", "пр. Независимости, 12"],
    "district_id": ["a", "c", "c", "b"],
}, geometry=[LineString([(82.60, 49.94), (82.61, 49.94)]), LineString([(82.50, 49.90), (82.51, 49.90)]),
             Point(82.505, 49.905), Point(82.615, 49.945)],
   index=["w1", "w2", "w3", "w4"], crs="EPSG:4326")
DISTRICTS = gpd.GeoDataFrame({
    "name_ru": ["Ульбинский", "Новый город", "Подгорное"], "name_kk": ["Үлбі", "Жаңа қала", "Подгорное"],
    "name_en": ["Ulbinsky", "Novy Gorod", "Podgornoe"], "kind": ["microdistrict", "microdistrict", "settlement"],
}, geometry=[box(82.60, 49.94, 82.61, 49.95), box(82.61, 49.94, 82.62, 49.95),
             box(82.50, 49.90, 82.51, 49.91)], index=["a", "b", "c"], crs="EPSG:4326")


class City:
    districts, works = DISTRICTS, WORKS


@pytest.fixture(scope="module")
def index():
    return build_index(City())


def found(index, query, **options):
    return [(entry.kind, entry.id) for entry in index.search(query, **options)]


@pytest.mark.parametrize("query, first", [
    ("Ульбинский", ("district", "a")),
    ("ульб", ("district", "a")),             # unfinished
    ("ҮЛБІ", ("district", "a")),             # Kazakh, upper case
    ("улби", ("district", "a")),             # Kazakh typed with Russian look-alikes
    ("жана кала", ("district", "b")),        # ң, қ typed as н, к
    ("ulbinsky", ("district", "a")),         # English
    ("Подгорное", ("settlement", "c")),
    ("Горького", ("street", "ул. Горького")),
    ("ул. Горького", ("street", "ул. Горького")),
    ("ул Горького", ("street", "ул. Горького")),
    ("горький", ("street", "ул. Горького")),   # the Kazakh form, or a Russian case ending
    ("Горький көш.", ("street", "ул. Горького")),
    ("тауелсиздик", ("street", "пр. Независимости")),
    ("Садовая Подгорное", ("street", "ул. Садовая (с. Подгорное)")),
    ("независимости 12", ("work", "w4")),
    ("w3", ("work", "w3")),
])
def test_what_people_type_finds_what_they_mean(index, query, first):
    assert found(index, query)[0] == first


def test_ё_and_е_are_one_letter():
    entry = Entry("street", "ул. Молодёжная", (("ru", "ул. Молодёжная"),))
    index = SearchIndex([(entry, entry.id)])
    assert found(index, "молодежная") == found(index, "Молодёжная") == [("street", "ул. Молодёжная")]


def test_every_word_must_match(index):
    assert found(index, "Садовая Ульбинский") == []
    assert found(index, "нечто") == []


def test_place_words_alone_find_nothing_but_an_unfinished_word_is_a_prefix(index):
    assert found(index, "ул.") == found(index, "ул. ") == found(index, "") == []
    assert ("district", "a") in found(index, "ул")   # the start of Ульбинский


def test_streets_group_works_by_settlement_with_names_in_both_languages():
    by_id = {entry.id: entry for entry in streets(WORKS)}
    assert set(by_id) == {"ул. Горького", "ул. Садовая (с. Подгорное)", "пр. Независимости"}
    sadovaya = by_id["ул. Садовая (с. Подгорное)"]
    assert sadovaya.work_ids == ("w2", "w3")
    assert sadovaya.name("kk") == "Бақ көшесі (Подгорное ауылы)"
    assert by_id["пр. Независимости"].name("kk") == "Тәуелсіздік даңғылы"
    assert 82.50 <= sadovaya.lon <= 82.51 and 49.90 <= sadovaya.lat <= 49.905


def test_ranking_places_before_streets_before_works_and_kinds_filter(index):
    # Works: the shorter title first ("Скважина на ..." before "Освещение по ...").
    assert found(index, "садовая") == [("street", "ул. Садовая (с. Подгорное)"),
                                       ("work", "w3"), ("work", "w2")]
    assert found(index, "садовая", kinds={"work"}) == [("work", "w3"), ("work", "w2")]
    assert found(index, "садовая", limit=1) == [("street", "ул. Садовая (с. Подгорное)")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_query(text):
    index = build_index(City())
    results = index.search(text, limit=5)
    assert len(results) <= 5 and all(isinstance(entry, Entry) for entry in results)
    assert all(word == word.casefold() for word in normalise(text))


@pytest.fixture(scope="module")
def sample():
    return load_dataset(SAMPLE)


def test_the_sample_finds_its_settlements_streets_and_works(sample):
    index = search_index(sample)
    assert search_index(sample) is index   # built once per snapshot
    assert found(index, "Ахмирово")[0] == ("settlement", "ahmirovo")
    assert found(index, "Горький көшесі")[0] == ("street", "ул. Горького")
    street = index.search("ул Горького")[0]
    assert set(street.work_ids) == {w for w in sample.works.index
                                    if "ул. Горького" in str(sample.works.loc[w, "address"])}
    for work_id in sample.works.index[:20]:
        assert ("work", work_id) in found(index, work_id, limit=50)


def test_an_entry_is_found_again_by_its_kind_and_id(index):
    street = index.get("street", "ул. Садовая (с. Подгорное)")
    assert street.work_ids == ("w2", "w3")
    assert index.get("work", "w4").name("kk") == "Тәуелсіздік даңғылындағы сквер"
    assert index.get("street", "w4") is None and index.get("work", "нет") is None
