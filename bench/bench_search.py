"""Search at 100,000 works (issue 17): ``geo.search`` against a scan of the same texts.

The synthetic city gets realistic titles and addresses (60 street names in the city
and in 20 settlements, so a street name matches thousands of works). Each query runs
through the index and through the baseline, a case-folded substring scan of every
title and address with pandas (``str.contains``), in the same process. Target: every
query under 50 ms at 100,000 works.

Run: ``python bench/bench_search.py [--works 100000] [--repeats 20]``; it prints the
figures and rewrites its section of docs/BENCHMARKS.md.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo.search import build_index, normalise  # noqa: E402
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
    """The Dataset's frames with varied titles and addresses; the rest as built."""
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

    class City:
        districts = dataset.districts

    City.works = works
    return City


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
    index = build_index(city)
    build_s = time.perf_counter() - start
    texts = (city.works["title_ru"].fillna("") + " " + city.works["address"].fillna("")) \
        .str.casefold().str.replace("ё", "е")
    lines = [f"{args.works:,} works, {len(city.districts)} districts; {len(index):,} entries "
             f"(districts, streets, works); index built in {build_s:.2f} s.", "",
             "| query | results | index median / max | scan median / max | scan ÷ index |",
             "|---|---|---|---|---|"]
    worst = 0.0
    for query in (q.format(work_id=city.works.index[12_345]) for q in QUERIES):
        hits = index.search(query, limit=10)
        median, most = timed(lambda: index.search(query, limit=10), args.repeats)
        scan_median, scan_most = timed(lambda: scan(texts, query), max(3, args.repeats // 4))
        worst = max(worst, most)
        lines.append(f"| `{query}` | {len(hits)} | {median:.2f} / {most:.2f} ms | "
                     f"{scan_median:.1f} / {scan_most:.1f} ms | {scan_median / median:.0f}x |")
        print(lines[-1])
    verdict = "MET" if worst < 50 else "NOT MET"
    lines += ["", f"Slowest index query: {worst:.2f} ms (target < 50 ms: {verdict})."]
    print(lines[-1])
    write_section("Search at 100,000 works (issue 17)",
                  "python bench/bench_search.py" + ("" if args.works == 100_000
                                                    else f" --works {args.works}"), lines)


if __name__ == "__main__":
    main()
