"""Residents' needs of the sample: phrases in Russian, Kazakh and English, and the
drawing of needs.csv from the works and the meetings. Used by ``draw_sample.py``;
all text is illustrative.

Each cycle-1 meeting's summary says how many sites or requests were listed; that
many needs are raised at it (online needs, letters and deputies' requests take the
district's next cycle-1 meeting, as DESIGN.md says). Every work answers a need of
its district: one raised the same year, or, for about a third of the works after
the first year, one raised the year before and carried over. A need's status
follows its work (done -> met on the finish date, in progress or planned ->
scheduled, postponed -> accepted, cancelled -> declined with an answer). The other
needs are fixed quickly without a programme work, declined or not the akimat's
with an answer, duplicates, or still open.
"""

from datetime import date, timedelta

# category -> templates (ru, kk, en) of a need a programme work answers;
# {s} street in Russian, {sk} its Kazakh locative, {se} in English.
NEED_TITLES = {
    "roads": (("Отремонтировать дорогу по {s}", "{sk} жолды жөндеу", "Repair the road on {se}"),
              ("Заасфальтировать {s}", "{sk} жолды асфальттау", "Asphalt {se}")),
    "lighting": (("Установить уличное освещение по {s}", "{sk} көше жарығын орнату",
                  "Put up street lighting on {se}"),),
    "water": (("Провести водопровод по {s}", "{sk} су құбырын тарту", "Lay a water main on {se}"),
              ("Решить проблему слабого напора воды на {s}", "{sk} су қысымының әлсіздігін шешу",
               "Fix the weak water pressure on {se}")),
    "sewerage": (("Построить канализацию по {s}", "{sk} кәріз салу", "Build a sewer on {se}"),),
    "heating": (("Заменить изношенные теплосети на {s}", "{sk} тозған жылу желілерін ауыстыру",
                 "Replace the worn heating mains on {se}"),),
    "gas": (("Подвести газ к домам по {s}", "{sk} үйлерге газ тарту", "Bring gas to the houses on {se}"),),
    "landscaping": (("Благоустроить двор на {s}", "{sk} ауланы абаттандыру",
                     "Landscape the yard on {se}"),),
    "playground": (("Построить детскую площадку на {s}", "{sk} балалар алаңын салу",
                    "Build a playground on {se}"),),
    "sports": (("Построить спортивную площадку на {s}", "{sk} спорт алаңын салу",
                "Build a sports ground on {se}"),),
    "transport": (("Установить остановочный павильон на {s}", "{sk} аялдама павильонын орнату",
                   "Put up a bus shelter on {se}"),),
    "social": (("Построить медпункт или школу рядом с {s}", "{sk} маңында медпункт не мектеп салу",
                "Build a clinic or a school near {se}"),),
    "other": (("Защитить дома на {s} от подтопления", "{sk} үйлерді су басудан қорғау",
               "Protect the houses on {se} from flooding"),),
}

# The district's issue (sample_tables.ISSUES) -> category of the needs raised about it.
ISSUE_CATEGORIES = {
    "potholes": "roads", "no_asphalt": "roads", "dust": "roads", "dark": "lighting",
    "pressure": "water", "no_water": "water", "sewer": "sewerage", "heating": "heating",
    "gas": "gas", "yards": "landscaping", "playground": "playground", "sport": "sports",
    "bus": "transport", "stops": "transport", "flood": "other", "school": "social",
    "clinic": "social", "parking": "landscaping", "dogs": "other", "dumps": "other",
}

# Fixed at once, without a programme work: (category, ru, kk, en).
QUICK_FIXES = (
    ("roads", "Засыпать яму на {s}", "{sk} шұңқырды көму", "Fill the pothole on {se}"),
    ("lighting", "Заменить перегоревший фонарь на {s}", "{sk} жанбай тұрған шамды ауыстыру",
     "Replace the dead streetlight on {se}"),
    ("other", "Вывезти стихийную свалку на {s}", "{sk} рұқсатсыз қоқыс үйіндісін шығару",
     "Clear the fly-tipping on {se}"),
    ("roads", "Установить знак «Осторожно, дети» на {s}", "{sk} «Абайлаңыз, балалар» белгісін орнату",
     "Put up a 'Children' sign on {se}"),
    ("sewerage", "Прочистить ливнёвку на {s}", "{sk} нөсер кәрізін тазарту",
     "Clear the storm drain on {se}"),
    ("playground", "Починить качели на площадке на {s}", "{sk} алаңдағы әткеншекті жөндеу",
     "Mend the swings on the playground on {se}"),
    ("transport", "Вывесить расписание автобуса на остановке на {s}",
     "{sk} аялдамаға автобус кестесін ілу", "Post the bus timetable at the stop on {se}"),
)

# Declined, with the akimat's answer: (category, ru, kk, en, answer_ru, answer_kk).
DECLINED = (
    ("roads", "Построить объездную дорогу у {s}", "{sk} айналма жол салу", "Build a bypass near {se}",
     "Объездная дорога не предусмотрена генпланом города; вопрос снят.",
     "Айналма жол қаланың бас жоспарында қарастырылмаған; мәселе алынып тасталды."),
    ("sports", "Построить крытый бассейн на {s}", "{sk} жабық бассейн салу",
     "Build an indoor pool on {se}",
     "Бассейн в районе не окупается: жителям предложен абонемент в городской бассейн.",
     "Ауданда бассейн өзін-өзі ақтамайды: тұрғындарға қалалық бассейнге абонемент ұсынылды."),
    ("landscaping", "Сделать парковку во дворе на {s} вместо газона", "{sk} аулада көгал орнына тұрақ жасау",
     "Turn the lawn in the yard on {se} into a car park",
     "Газон сохраняется по нормам озеленения; парковка возможна вдоль улицы.",
     "Көгал көгалдандыру нормалары бойынша сақталады; тұрақ көше бойында мүмкін."),
    ("transport", "Пустить трамвай до {s}", "{s} дейін трамвай жүргізу", "Run a tram to {se}",
     "Трамвайной линии в городе нет; усилен автобусный маршрут.",
     "Қалада трамвай желісі жоқ; автобус бағыты күшейтілді."),
)

# Not the akimat's responsibility, with the answer saying whose it is.
NOT_RESPONSIBLE = (
    ("other", "Отремонтировать подъезд дома на {s}", "{sk} үйдің кіреберісін жөндеу",
     "Repair the entrance of the block on {se}",
     "Подъезд — общее имущество дома: ремонт решает объединение собственников (ОСИ).",
     "Кіреберіс — үйдің ортақ мүлкі: жөндеуді пәтер иелерінің бірлестігі (ПИБ) шешеді."),
    ("other", "Убрать бродячих собак у школы на {s}", "{sk} мектеп маңындағы қаңғыбас иттерді жинау",
     "Remove the stray dogs near the school on {se}",
     "Отлов животных ведёт областная ветеринарная служба; обращение передано ей.",
     "Жануарларды аулауды облыстық ветеринариялық қызмет жүргізеді; өтініш соған жіберілді."),
    ("lighting", "Прекратить отключения электричества на {s}", "{sk} электр жарығының сөнуін тоқтату",
     "Stop the power cuts on {se}",
     "Сети принадлежат энергокомпании; акимат направил ей запрос.",
     "Желілер энергокомпанияға тиесілі; әкімдік оған сұрау жіберді."),
)

CANCELLED_ANSWER = ("Работа отменена: участок будет включён в программу после разработки ПСД.",
                    "Жұмыс тоқтатылды: учаске ЖСҚ әзірленгеннен кейін бағдарламаға енгізіледі.")
DUPLICATE_ANSWER = ("Повтор обращения {first}: рассматривается вместе с ним.",
                    "{first} өтінішінің қайталануы: онымен бірге қаралады.")
SOURCES = (("meeting", 0.7), ("online", 0.15), ("letter", 0.08), ("deputy", 0.07))
CARRY_SHARE = 0.35  # works after the first year that answer a need of the year before
OPEN_STATUSES = ("open", "accepted")


def list_needs(works, listed, meeting_days, issues, place, as_of, rng):
    """The rows of needs.csv.

    Parameters
    ----------
    works : list of dict
        ``id``, ``district``, ``year``, ``category``, ``status``, ``start``,
        ``finish``, ``point`` (a Point in EPSG:4326 on the work) of every work.
    listed : dict
        ``{(district, year): k}``: how many needs the cycle-1 summary lists.
    meeting_days : dict
        ``{(district, year, cycle): ISO date}``.
    issues : dict
        ``{district: (issue key, ...)}``.
    place : callable
        ``place(district, rng) -> (street (s, sk, se), Point in EPSG:4326)``.
    as_of : str
        The sample's date: no status is dated later.
    """
    answers = _answered_needs(works, listed, rng)
    rows = []
    for (district, year), k in sorted(listed.items(), key=lambda item: (item[0][1], item[0][0])):
        own = answers.get((district, year), [])
        kinds = [("work", work) for work in own] + [("other", None)] * (k - len(own))
        for kind, work in kinds:
            rows.append(_need(district, year, kind, work, meeting_days, issues[district], place,
                              date.fromisoformat(as_of), rng))
    _number(rows)
    _mark_duplicates(rows, rng)
    return rows


def _answered_needs(works, listed, rng):
    """``{(district, year): [work, ...]}``: the works answering a need raised then."""
    answers = {}
    for work in works:
        year = work["year"]
        if (work["district"], year - 1) in listed and rng.random() < CARRY_SHARE:
            year -= 1
        slot = answers.setdefault((work["district"], year), [])
        if len(slot) < listed.get((work["district"], year), 0) - 2:  # room for other needs
            slot.append(work)
    return answers


def _need(district, year, kind, work, meeting_days, issues, place, as_of, rng):
    meeting = date.fromisoformat(meeting_days[(district, year, 1)])
    source = _source(rng)
    raised = meeting if source == "meeting" else meeting - timedelta(days=int(rng.integers(5, 60)))
    (s, sk, se), point = place(district, rng)
    if kind == "work":
        point = work["point"]
        category, titles = work["category"], NEED_TITLES[work["category"]]
        ru, kk, en = titles[int(rng.integers(len(titles)))]
        status, status_on, answer = _status_from_work(work, meeting_days, district, raised)
    else:
        category, (ru, kk, en), status, status_on, answer = _other(issues, raised, as_of, rng)
    return {
        "id": None, "district_id": district, "year": year, "cycle": 1,
        "raised_on": raised.isoformat(), "title_ru": ru.format(s=s),
        "title_kk": kk.format(sk=sk, s=s), "title_en": en.format(se=se), "category": category,
        "status": status, "status_on": min(status_on, as_of).isoformat(),
        "answer_ru": answer[0], "answer_kk": answer[1],
        "work_ids": work["id"] if work else "",
        "lon": f"{point.x:.6f}" if point is not None and rng.random() < 0.8 else "",
        "lat": None, "source": source,
        "supporters": str(int(rng.integers(3, 90))) if rng.random() < 0.7 else "",
        "_point": point,
    }


def _source(rng):
    roll, total = rng.random(), 0.0
    for code, share in SOURCES:
        total += share
        if roll < total:
            return code
    return SOURCES[0][0]


def _status_from_work(work, meeting_days, district, raised):
    status = work["status"]
    schedule = date.fromisoformat(meeting_days[(district, work["year"], 2)])
    if status == "done":
        return "met", date.fromisoformat(work["finish"]), ("", "")
    if status == "in_progress":
        return "scheduled", max(date.fromisoformat(work["start"]), raised), ("", "")
    if status == "planned":
        return "scheduled", max(schedule, raised), ("", "")
    if status == "postponed":
        return "accepted", max(schedule, raised), ("", "")
    return "declined", max(schedule, raised), CANCELLED_ANSWER


def _other(issues, raised, as_of, rng):
    """A need no programme work answers: fixed quickly, declined, not ours, or waiting."""
    roll = rng.random()
    if roll < 0.3:
        category, *text = QUICK_FIXES[int(rng.integers(len(QUICK_FIXES)))]
        return category, text, "met", raised + timedelta(days=int(rng.integers(3, 75))), ("", "")
    if roll < 0.45:
        category, *text, a_ru, a_kk = DECLINED[int(rng.integers(len(DECLINED)))]
        return category, text, "declined", raised + timedelta(days=int(rng.integers(20, 90))), \
            (a_ru, a_kk)
    if roll < 0.55:
        category, *text, a_ru, a_kk = NOT_RESPONSIBLE[int(rng.integers(len(NOT_RESPONSIBLE)))]
        return category, text, "not_responsible", raised + timedelta(
            days=int(rng.integers(7, 40))), (a_ru, a_kk)
    category = ISSUE_CATEGORIES[issues[int(rng.integers(len(issues)))]]
    titles = NEED_TITLES[category]
    status = OPEN_STATUSES[int(rng.integers(len(OPEN_STATUSES)))]
    if roll < 0.65 and raised.year < as_of.year:  # met late, after half a year or more
        return category, titles[0], "met", raised + timedelta(days=int(rng.integers(190, 600))), \
            ("", "")
    status_on = raised if status == "open" else raised + timedelta(days=int(rng.integers(20, 60)))
    return category, titles[int(rng.integers(len(titles)))], status, status_on, ("", "")


def _number(rows):
    counters = {}
    for row in rows:
        counters[row["year"]] = counters.get(row["year"], 0) + 1
        row["id"] = f"n{row['year']}-{counters[row['year']]:03d}"
        point = row.pop("_point")
        row["lat"] = f"{point.y:.6f}" if row["lon"] else ""


def _mark_duplicates(rows, rng):
    """About one list in four repeats an earlier need of the same meeting."""
    by_meeting = {}
    for row in rows:
        by_meeting.setdefault((row["district_id"], row["year"]), []).append(row)
    for listed in by_meeting.values():
        waiting = [r for r in listed if r["status"] in OPEN_STATUSES]
        if len(waiting) >= 2 and rng.random() < 0.25:
            first, repeat = waiting[0], waiting[-1]
            repeat.update({key: first[key] for key in ("title_ru", "title_kk", "title_en",
                                                       "category")})
            repeat.update(status="duplicate", answer_ru=DUPLICATE_ANSWER[0].format(first=first["id"]),
                          answer_kk=DUPLICATE_ANSWER[1].format(first=first["id"]))
