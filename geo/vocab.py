"""Vocabularies of the data model with their ru/kk/en labels, colours and symbols.

This is the one place where categories, statuses, district kinds and funding
sources are listed; everything else (validation, maps, legends, translations of
the UI) reads them from here.
"""

from types import MappingProxyType

LANGUAGES = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"

# code -> (ru, kk, en, symbol); the symbol is a short glyph drawn on markers so that
# categories differ by shape, not only by colour.
CATEGORIES = MappingProxyType({
    "roads": ("Дороги", "Жолдар", "Roads", "Д"),
    "lighting": ("Освещение", "Жарықтандыру", "Lighting", "☼"),
    "water": ("Водоснабжение", "Сумен жабдықтау", "Water supply", "≈"),
    "sewerage": ("Канализация", "Кәріз", "Sewerage", "⊘"),
    "heating": ("Теплоснабжение", "Жылумен жабдықтау", "Heating", "♨"),
    "gas": ("Газоснабжение", "Газбен жабдықтау", "Gas supply", "G"),
    "landscaping": ("Благоустройство", "Абаттандыру", "Landscaping", "♣"),
    "playground": ("Детские площадки", "Балалар алаңдары", "Playgrounds", "☺"),
    "sports": ("Спорт", "Спорт", "Sports", "⚽"),
    "transport": ("Транспорт", "Көлік", "Transport", "⊡"),
    "social": ("Социальные объекты", "Әлеуметтік нысандар", "Social facilities", "✚"),
    "other": ("Прочее", "Басқа", "Other", "•"),
})

# code -> (ru, kk, en, colour, symbol); colours from ColorBrewer's Dark2 plus grey,
# each paired with a symbol so that colour-blind readers can tell them apart.
STATUSES = MappingProxyType({
    "planned": ("Запланировано", "Жоспарланған", "Planned", "#7570b3", "○"),
    "in_progress": ("Ведутся работы", "Жұмыс жүріп жатыр", "In progress", "#d95f02", "◐"),
    "done": ("Завершено", "Аяқталды", "Done", "#1b9e77", "✓"),
    "postponed": ("Перенесено", "Кейінге қалдырылды", "Postponed", "#e6ab02", "◇"),
    "cancelled": ("Отменено", "Тоқтатылды", "Cancelled", "#666666", "✕"),
})

DISTRICT_KINDS = MappingProxyType({
    "center": ("Центр", "Орталық", "Centre"),
    "microdistrict": ("Микрорайон", "Шағын аудан", "Microdistrict"),
    "settlement": ("Посёлок", "Кент", "Settlement"),
})

# Kinds that make up "the outskirts" in the balance index and the underserved rule.
OUTSKIRT_KINDS = frozenset({"microdistrict", "settlement"})

FUNDING_SOURCES = MappingProxyType({
    "city": ("Городской бюджет", "Қалалық бюджет", "City budget"),
    "region": ("Областной бюджет", "Облыстық бюджет", "Regional budget"),
    "republic": ("Республиканский бюджет", "Республикалық бюджет", "Republican budget"),
    "sponsor": ("Спонсоры", "Демеушілер", "Sponsors"),
    "other": ("Прочие", "Басқа", "Other"),
})

MEETING_CYCLES = MappingProxyType({
    1: ("Выявление проблем и участков работ", "Мәселелер мен жұмыс учаскелерін анықтау",
        "Identify problems and work sites"),
    2: ("Презентация графика работ", "Жұмыс кестесін таныстыру",
        "Present the schedule of works"),
    3: ("Подведение итогов с жителями", "Тұрғындармен қорытынды шығару",
        "Review the results with residents"),
})


def label(vocabulary, code, lang=DEFAULT_LANGUAGE):
    """The label of ``code`` in ``vocabulary`` for ``lang``, or the code itself if unknown."""
    entry = vocabulary.get(code)
    if entry is None:
        return str(code)
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    return entry[index]


def status_colour(code):
    """The hex colour of a status (grey for unknown codes)."""
    return STATUSES.get(code, STATUSES["cancelled"])[3]


def status_symbol(code):
    return STATUSES.get(code, STATUSES["cancelled"])[4]


def category_symbol(code):
    return CATEGORIES.get(code, CATEGORIES["other"])[3]


# category -> Matplotlib marker of the static map (shape tells categories apart in print).
CATEGORY_MARKERS = MappingProxyType({
    "roads": "s", "lighting": "*", "water": "o", "sewerage": "h", "heating": "^", "gas": "v",
    "landscaping": "P", "playground": "D", "sports": "p", "transport": ">", "social": "X",
    "other": "d",
})


def category_marker(code):
    return CATEGORY_MARKERS.get(code, CATEGORY_MARKERS["other"])
