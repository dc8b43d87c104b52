"""Search over the city's own data: districts and settlements, streets, works, needs.

Residents type the way they speak, so matching forgives what a keyboard or a habit
changes and nothing else:

- case, and ``ё`` typed as ``е``;
- Kazakh letters typed as their Russian look-alikes (``ә`` as ``а``, ``қ`` as ``к``,
  ``ө`` as ``о``, ``ү``/``ұ`` as ``у``, ``і`` as ``и``, ``ғ`` as ``г``, ``ң`` as
  ``н``, ``һ`` as ``х``);
- a missing or extra street or settlement word (``ул.``, ``көш.``, ``пр.``, ``с.``);
- the last word unfinished, and a Russian case ending (``Горький`` finds ``ул.
  Горького``): a query word of six letters or more also matches on its first
  ``len - 2`` letters, ranked below a full match.

Every word of the query must match the start of a word of the entry. The index keeps
the sorted words with their entries and each entry's words (both as arrays), so a
query costs a few binary searches and array filters, not a scan of the works.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from geo.per_dataset import PerDataset

KINDS = ("district", "settlement", "street", "work", "need")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
_LOOK_ALIKES = str.maketrans("ёәіңғүұқөһ", "еаингуукох")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Kinds of street and settlement: searched for without them, whichever way they are typed.
PLACE_WORDS = frozenset({
    "ул", "улица", "пр", "проспект", "пр-т", "пер", "переулок", "бул", "бульвар", "мкр",
    "микрорайон", "тупик", "шоссе", "наб", "набережная", "пл", "площадь",
    "кош", "коше", "кошеси", "дангылы", "данг", "шагынаудан",
    "с", "село", "пос", "поселок", "п", "ауыл", "д", "дом", "от", "до",
})
_STREET = re.compile(
    r"(?P<kind>ул|пр|пер|бул|мкр|наб|пл)\.\s*(?P<name>[^,;()]+?)\s*(?:,|$|\()", re.IGNORECASE)
_SETTLEMENT = re.compile(r"(?:^|,)\s*(?:с|пос)\.\s*(?P<name>[^,]+?)\s*,", re.IGNORECASE)
# The Kazakh street name, from a Kazakh title: "Горький көшесіндегі ..." -> "Горький көшесі".
_KK_STREET = re.compile(r"(?P<name>[^\W\d_][\w-]*)\s+(?P<kind>көшесі|даңғылы)", re.IGNORECASE)
MAX_RESULTS = 50


def normalise(text):
    """Lower-case words of ``text`` with look-alike letters folded, place words kept."""
    return _WORD.findall(str(text).casefold().translate(_LOOK_ALIKES))


@dataclass(frozen=True)
class Entry:
    """One thing that can be found: its kind, id, names by language and where it is."""

    kind: str
    id: str
    names: tuple  # ((lang, name), ...)
    lon: float = None
    lat: float = None
    district_id: str = None
    work_ids: tuple = ()

    def name(self, lang):
        names = dict(self.names)
        return names.get(lang) or names.get("ru") or next(iter(names.values()), self.id)


class SearchIndex:
    """Word-prefix index over :class:`Entry` objects.

    Entries are numbered in ranking order (kind, then name length, then id), so the
    best matches of any query are its lowest numbers and ranking needs no sort. Words
    are sorted, so the words with a prefix are one contiguous range of word numbers.

    Parameters
    ----------
    entries : iterable of (Entry, str)
        Each entry with the text it is found by (all its names, address, id).
    """

    def __init__(self, entries):
        ranked = sorted(entries, key=lambda pair: (_KIND_RANK[pair[0].kind],
                                                   len(pair[0].name("ru")), pair[0].id))
        self.entries = [entry for entry, _ in ranked]
        words_of = [sorted(set(normalise(text)) - PLACE_WORDS) for _, text in ranked]
        self._words = sorted({word for words in words_of for word in words})
        number = {word: n for n, word in enumerate(self._words)}
        # entry -> its word numbers (CSR), and word -> its entries (CSR)
        self._entry_start = np.cumsum([0] + [len(w) for w in words_of])
        self._entry_words = np.fromiter((number[w] for words in words_of for w in words),
                                        dtype=np.int32, count=int(self._entry_start[-1]))
        entry_of = np.repeat(np.arange(len(self.entries), dtype=np.int32), np.diff(self._entry_start))
        order = np.argsort(self._entry_words, kind="stable")
        self._word_entries = entry_of[order]
        self._word_start = np.searchsorted(self._entry_words[order], np.arange(len(self._words) + 1))
        self._kind = np.array([_KIND_RANK[e.kind] for e in self.entries], dtype=np.int8)
        self._by_key = {(entry.kind, entry.id): entry for entry in self.entries}

    def __len__(self):
        return len(self.entries)

    def get(self, kind, entry_id):
        """The entry of ``kind`` with ``entry_id`` (a street's key, a work's id), or None."""
        return self._by_key.get((kind, entry_id))

    def search(self, query, limit=10, kinds=None):
        """Entries whose words start with every word of ``query``, best first.

        Parameters
        ----------
        query : str
        limit : int
            At most this many (1..50).
        kinds : collection of str, optional
            Only these kinds (see :data:`KINDS`).

        Returns
        -------
        list of Entry
            Ranked by: every word matched in full before a stem match, then kind
            (districts, settlements, streets, works, needs), then shorter names.
        """
        words = _query_words(query)
        if not words or not self.entries:
            return []
        limit = max(1, min(limit, MAX_RESULTS))
        loose = self._matching([_stem(word) for word in words])
        if kinds is not None:
            ranks = [_KIND_RANK[kind] for kind in kinds if kind in _KIND_RANK]
            loose = loose[np.isin(self._kind[loose], ranks)]
        full = loose
        for word in words:
            if _stem(word) != word:
                full = full[self._has_prefix(full, word)]
        best = full[:limit]
        if len(best) < limit:
            rest = loose[~np.isin(loose, full, assume_unique=True)]
            best = np.concatenate([best, rest[:limit - len(best)]])
        return [self.entries[i] for i in best]

    def _matching(self, prefixes):
        """Entry numbers (ascending) that have a word starting with each prefix."""
        ranges = [self._word_range(prefix) for prefix in prefixes]
        # Start from the prefix with the fewest postings; filter by the others.
        sizes = [self._word_start[stop] - self._word_start[start] for start, stop in ranges]
        first, *others = [ranges[i] for i in np.argsort(sizes, kind="stable")]
        start, stop = first
        mask = np.zeros(len(self.entries), dtype=bool)
        mask[self._word_entries[self._word_start[start]:self._word_start[stop]]] = True
        found = np.flatnonzero(mask)
        for word_range in others:
            if not len(found):
                break
            found = found[self._in_range(found, *word_range)]
        return found

    def _has_prefix(self, entries, prefix):
        return self._in_range(entries, *self._word_range(prefix))

    def _in_range(self, entries, start, stop):
        """For each entry, whether one of its word numbers lies in ``[start, stop)``."""
        if start == stop or not len(entries):
            return np.zeros(len(entries), dtype=bool)
        begins, ends = self._entry_start[entries], self._entry_start[entries + 1]
        counts = ends - begins
        owner = np.repeat(np.arange(len(entries)), counts)
        positions = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) \
            + np.repeat(begins, counts)
        words = self._entry_words[positions]
        hit = (words >= start) & (words < stop)
        return np.bincount(owner[hit], minlength=len(entries)) > 0

    def _word_range(self, prefix):
        start = bisect_left(self._words, prefix)
        return start, bisect_left(self._words, prefix + "\U0010ffff", lo=start)


def _stem(word):
    """The prefix a word also matches on: six letters or more lose their last two."""
    return word[:max(4, len(word) - 2)] if len(word) >= 6 else word


def _query_words(query):
    """The query's words less place words; a lone unfinished ``ул`` is still a prefix."""
    words = normalise(query)
    kept = [w for w in words if w not in PLACE_WORDS]
    finished = str(query).rstrip().endswith((".", " "))
    if not kept and words and not finished:
        kept = words[-1:]
    return kept


def streets(works):
    """Streets named in the works' addresses, with their works and a representative point.

    Parameters
    ----------
    works : GeoDataFrame
        Indexed by id, with ``address`` and a geometry in EPSG:4326.

    Returns
    -------
    list of Entry
        One per (settlement, street) pair, ``kind="street"``; its point is the
        centroid of its works' representative points.
    """
    if "address" not in works.columns:
        return []
    found, kazakh = {}, {}
    points = works.geometry.representative_point()
    titles_kk = works["title_kk"] if "title_kk" in works.columns else [None] * len(works)
    for work_id, address, title_kk, point in zip(works.index, works["address"], titles_kk, points):
        if not isinstance(address, str) or not address.strip():
            continue
        street = _STREET.search(address)
        if not street:
            continue
        settlement = _SETTLEMENT.search(address)
        label = f"{street.group('kind').lower()}. {street.group('name').strip()}"
        village = settlement.group("name").strip() if settlement else None
        suffix, suffix_kk = (f" (с. {village})", f" ({village} ауылы)") if village else ("", "")
        found.setdefault(label + suffix, []).append((work_id, point))
        named = _KK_STREET.search(title_kk) if isinstance(title_kk, str) else None
        if named:
            kazakh.setdefault(label + suffix,
                              f"{named.group('name')} {named.group('kind')}{suffix_kk}")
    return [_street_entry(label, kazakh.get(label), located)
            for label, located in sorted(found.items())]


def _street_entry(label, label_kk, located):
    xs = [p.x for _, p in located if p is not None and not p.is_empty]
    ys = [p.y for _, p in located if p is not None and not p.is_empty]
    names = (("ru", label),) + ((("kk", label_kk),) if label_kk else ())
    return Entry("street", label, names,
                 lon=float(np.mean(xs)) if xs else None, lat=float(np.mean(ys)) if ys else None,
                 work_ids=tuple(sorted(str(w) for w, _ in located)))


def build_index(dataset):
    """A :class:`SearchIndex` over a Dataset's districts, streets, works and needs."""
    return SearchIndex([*_district_entries(dataset.districts), *_street_texts(dataset.works),
                        *_work_entries(dataset.works),
                        *_need_entries(getattr(dataset, "needs", None))])


# search_index(dataset): the Dataset's index, built on first use and kept as long as the snapshot.
search_index = PerDataset(build_index)


def _names(row, prefix):
    return tuple((lang, str(row[f"{prefix}_{lang}"])) for lang in ("ru", "kk", "en")
                 if isinstance(row.get(f"{prefix}_{lang}"), str) and row.get(f"{prefix}_{lang}"))


def _district_entries(districts):
    points = districts.geometry.representative_point()
    for (district_id, row), point in zip(districts.iterrows(), points):
        names = _names(row, "name")
        kind = "settlement" if row.get("kind") == "settlement" else "district"
        entry = Entry(kind, str(district_id), names, lon=point.x, lat=point.y,
                      district_id=str(district_id))
        yield entry, " ".join(name for _, name in names)


def _street_texts(works):
    for entry in streets(works):
        yield entry, " ".join(name for _, name in entry.names)


def _work_entries(works):
    points = works.geometry.representative_point()
    titles = [works[c] if c in works.columns else None for c in ("title_ru", "title_kk", "title_en")]
    addresses = works["address"] if "address" in works.columns else None
    districts = works["district_id"] if "district_id" in works.columns else None
    for position, (work_id, point) in enumerate(zip(works.index, points)):
        names = tuple((lang, column.iat[position]) for lang, column in zip(("ru", "kk", "en"), titles)
                      if column is not None and isinstance(column.iat[position], str))
        address = addresses.iat[position] if addresses is not None else None
        district = districts.iat[position] if districts is not None else None
        located = point is not None and not point.is_empty
        entry = Entry("work", str(work_id), names, lon=point.x if located else None,
                      lat=point.y if located else None,
                      district_id=district if isinstance(district, str) else None)
        yield entry, " ".join([str(work_id), *(n for _, n in names),
                               address if isinstance(address, str) else ""])


def _need_entries(needs):
    if needs is None or not len(needs):
        return
    for need_id, row in needs.iterrows():
        names = _names(row, "title")
        point = row.geometry if "geometry" in needs.columns else None
        located = point is not None and not point.is_empty
        entry = Entry("need", str(need_id), names, lon=point.x if located else None,
                      lat=point.y if located else None, district_id=row.get("district_id"))
        yield entry, " ".join([str(need_id), *(n for _, n in names)])
