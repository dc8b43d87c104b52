"""Vocabularies of the data model with their ru/kk/en labels, colours and symbols.

This is the one place where categories, statuses, district kinds, funding
sources and the statuses and sources of residents' needs are listed; everything
else (validation, maps, legends, translations of the UI) reads them from here.
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

# The statuses of a resident's need: code -> (ru, kk, en, type). The type groups them
# for every figure: "open" (still waiting), "met", "closed" (answered without doing it).
NEED_STATUSES = MappingProxyType({
    "open": ("Открыта", "Ашық", "Open", "open"),
    "accepted": ("Принята в работу", "Жұмысқа қабылданды", "Accepted", "open"),
    "scheduled": ("Включена в график", "Кестеге енгізілді", "Scheduled", "open"),
    "met": ("Решена", "Шешілді", "Met", "met"),
    "declined": ("Отклонена", "Қабылданбады", "Declined", "closed"),
    "duplicate": ("Повтор", "Қайталанған", "Duplicate", "closed"),
    "not_responsible": ("Не в ведении акимата", "Әкімдіктің құзырында емес", "Not the akimat's",
                        "closed"),
})

# Status type -> (ru, kk, en, colour, symbol); colours from the works' palette, each
# with a symbol, so the needs layer reads apart from the works layer without colour.
NEED_STATUS_TYPES = MappingProxyType({
    "open": ("Ждёт решения", "Шешімін күтуде", "Waiting", "#d95f02", "□"),
    "met": ("Решена", "Шешілді", "Met", "#1b9e77", "■"),
    "closed": ("Закрыта без работ", "Жұмыссыз жабылды", "Closed", "#666666", "⊠"),
})

# Statuses that must carry the akimat's answer, saying why nothing will be done.
NEED_STATUSES_WITH_ANSWER = frozenset({"declined", "not_responsible"})

NEED_SOURCES = MappingProxyType({
    "meeting": ("Встреча с жителями", "Тұрғындармен кездесу", "Residents' meeting"),
    "online": ("Онлайн-обращение", "Онлайн өтініш", "Online"),
    "letter": ("Письмо", "Хат", "Letter"),
    "deputy": ("Через депутата", "Депутат арқылы", "Through a deputy"),
})

# The akim's classes of the time from raising a need to meeting it (boundaries in
# geo.needs): code -> (ru, kk, en).
MEET_TIME_CLASSES = MappingProxyType({
    "under_1_month": ("Меньше месяца", "Бір айдан аз", "Under a month"),
    "1_to_6_months": ("1–6 месяцев", "1–6 ай", "1–6 months"),
    "6_to_12_months": ("6–12 месяцев", "6–12 ай", "6–12 months"),
    "over_1_year": ("Год и больше", "Бір жыл және одан көп", "A year or more"),
})


def need_status_type(code):
    """``open``, ``met`` or ``closed`` for a need status code (``None`` if unknown)."""
    entry = NEED_STATUSES.get(code)
    return None if entry is None else entry[3]



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


def need_type_colour(status_type):
    """The colour of a need status type (``open``, ``met``, ``closed``; grey if unknown)."""
    return NEED_STATUS_TYPES.get(status_type, NEED_STATUS_TYPES["closed"])[3]


def need_type_symbol(status_type):
    return NEED_STATUS_TYPES.get(status_type, NEED_STATUS_TYPES["closed"])[4]


# category -> Matplotlib marker of the static map (shape tells categories apart in print).
CATEGORY_MARKERS = MappingProxyType({
    "roads": "s", "lighting": "*", "water": "o", "sewerage": "h", "heating": "^", "gas": "v",
    "landscaping": "P", "playground": "D", "sports": "p", "transport": ">", "social": "X",
    "other": "d",
})


def category_marker(code):
    return CATEGORY_MARKERS.get(code, CATEGORY_MARKERS["other"])
