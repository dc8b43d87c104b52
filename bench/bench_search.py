"""Search at 100,000 works (issue 17): ``geo.search`` against a scan of the same texts,
and ``/api/search`` end to end against ``geo.search`` alone.

The synthetic city gets realistic titles and addresses (60 street names in the city
and in 20 settlements, so a street name matches thousands of works). Each query runs
through the index and through the baseline, a case-folded substring scan of every
title and address with pandas (``str.contains``), in the same process; then through
the app (Flask test client: parsing, result rows with boxes and URLs, JSON) on the
same Dataset and the same index. Target: every query under 50 ms at 100,000 works.

Run: ``python bench/bench_search.py [--works 100000] [--repeats 20]``; it prints the
figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo.search import normalise, search_index  # noqa: E402
from report import write_section  # noqa: E402
from synthetic_dataset import synthetic_dataset  # noqa: E402

STREETS = ["Горького", "Садовая", "Школьная", "Центральная", "Молодёжная", "Береговая",
           "Казахстан", "Ушанова", "Красина", "Утепова", "Шевченко", "Тургенева", "Речная",
           "Михаэлиса", "Жамбыла", "Протозанова", "Серикбаева", "Стахановская", "Согринская",
           "Дорожная", "Абая", "Бажова", "Виноградова", "Гоголя", "Кабанбай батыра",
           "Кирова", "Крылова", "Лермонтова", "Ленина", "Мира", "Набережная", "Новая",
           "Орджоникидзе", "Пушкина", "Рабочая", "Сатпаева", "Советская", "Степная",
           "Тихая", "Урицкого", "Фрунзе", "Чехова", "Чапаева", "Энергетиков", "Юбилейная",
           "Лесная", "Луговая", "Полевая", "Заречная", "Озёрная", "Весенняя", "Солнечная",
           "Восточная", "Западная", "Северная", "Южная", "Зелёная", "Парковая", "Вокзальная",
           "Айтеке би"]
KINDS = ["Ремонт дороги", "Уличное освещение", "Замена водопровода", "Детская площадка",
         "Благоустройство двора", "Остановочный павильон"]
QUERIES = ["Горького", "ул. Горького", "горький", "садовая посёлок 7", "молодежная",
           "Район 17", "District 17", "освещение лесная", "Казахстан 30", "{work_id}", "с",
           "ул", "Айтеке би 12", "нет такой улицы"]


def realistic(dataset, seed=3):
    """The Dataset with varied titles and addresses; the rest as built."""
    rng = np.random.default_rng(seed)
    works = dataset.works.copy()
    count = len(works)
    street = np.asarray(STREETS, dtype=object)[rng.integers(0, len(STREETS), count)]
    kind = np.asarray(KINDS, dtype=object)[rng.integers(0, len(KINDS), count)]
    village = rng.integers(0, 25, count)
    house = rng.integers(1, 200, count)
    works["title_ru"] = [f"{k} по ул. {s}" for k, s in zip(kind, street)]
    works["address"] = [(f"с. Посёлок {v}, " if v < 20 else "") + f"ул. {s}, {h}"
                        for v, s, h in zip(village, street, house)]
    return dataclasses.replace(dataset, works=works)


def api_client(dataset):
    """A test client of the app serving ``dataset`` (tiles off), as the tests build it."""
    from urllib.parse import quote

    from web import create_app

    app = create_app({"TESTING": True, "TILES": "none",
                      "DATASET_LOADER": lambda source, *, center=None: dataset})
    client = app.test_client()

    def get(query):
        response = client.get("/api/search?limit=10&q=" + quote(query))
        assert response.status_code == 200, response.get_data(as_text=True)
        return len(response.json["results"])
    return get


def scan(texts, query):
    """The baseline: every word of the query as a substring of the folded text."""
    mask = np.ones(len(texts), dtype=bool)
    for word in normalise(query):
        mask &= texts.str.contains(word, regex=False).to_numpy()
    return np.flatnonzero(mask)[:10]


def timed(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    city = realistic(synthetic_dataset(args.works))
    start = time.perf_counter()
    index = search_index(city)  # the index the app uses too (cached per Dataset)
    build_s = time.perf_counter() - start
    api = api_client(city)
    texts = (city.works["title_ru"].fillna("") + " " + city.works["address"].fillna("")) \
        .str.casefold().str.replace("ё", "е")
    lines = [f"{args.works:,} works, {len(city.districts)} districts; {len(index):,} entries "
             f"(districts, streets, works); index built in {build_s:.2f} s.", "",
             "| query | results | index median / max | `/api/search` median / max "
             "| scan median / max | scan ÷ index |",
             "|---|---|---|---|---|---|"]
    worst = worst_api = 0.0
    for query in (q.format(work_id=city.works.index[min(12_345, len(city.works) - 1)]) for q in QUERIES):
        hits = index.search(query, limit=10)
        assert api(query) == len(hits)
        median, most = timed(lambda: index.search(query, limit=10), args.repeats)
        api_median, api_most = timed(lambda: api(query), args.repeats)
        scan_median, scan_most = timed(lambda: scan(texts, query), max(3, args.repeats // 4))
        worst, worst_api = max(worst, most), max(worst_api, api_most)
        lines.append(f"| `{query}` | {len(hits)} | {median:.2f} / {most:.2f} ms | "
                     f"{api_median:.2f} / {api_most:.2f} ms | "
                     f"{scan_median:.1f} / {scan_most:.1f} ms | {scan_median / median:.0f}x |")
        print(lines[-1])
    lines += ["", f"Slowest index query: {worst:.2f} ms; slowest `/api/search` answer "
              f"(Flask test client, JSON with boxes and URLs): {worst_api:.2f} ms "
              f"(target < 50 ms: {'MET' if max(worst, worst_api) < 50 else 'NOT MET'})."]
    print(lines[-1])
    write_section("Search at 100,000 works (issue 17)",
                  "python bench/bench_search.py" + ("" if args.works == 100_000
                                                    else f" --works {args.works}"), lines)


if __name__ == "__main__":
    main()
