"""Short meeting summaries in Russian and Kazakh, composed from a district's issues
and the works of the year. Used by ``draw_sample.py``; all text is illustrative."""

from sample_tables import CATEGORY_PHRASES, ISSUES

# Cycle 1: residents name the problems and the sites. {i1}, {i2}: issues; {k}: a count.
CYCLE1 = (
    ("Жители назвали главные проблемы: {i1}; {i2}. Составлен список из {k} участков для обследования.",
     "Тұрғындар негізгі мәселелерді атады: {i1}; {i2}. Тексеруге арналған {k} учаскенің тізімі жасалды."),
    ("Обход улиц вместе с жителями. Больше всего жалоб: {i1}; также {i2}.",
     "Тұрғындармен бірге көшелер аралалды. Ең көп шағым: {i1}; сондай-ақ {i2}."),
    ("Встреча в школе. Приоритеты жителей на год: {i1} и {i2}. Вопросы переданы в отделы акимата.",
     "Кездесу мектепте өтті. Тұрғындардың жылдағы басымдықтары: {i1} және {i2}. "
     "Мәселелер әкімдік бөлімдеріне жіберілді."),
    ("Собрано {k} обращений. Главное — {i1}; жители также просят решить: {i2}.",
     "{k} өтініш жиналды. Ең бастысы — {i1}; тұрғындар сондай-ақ мына мәселені шешуді сұрайды: {i2}."),
)

# Cycle 2: the schedule is presented. {works}: what is planned; {adj}/{req}: a change.
CYCLE2 = (
    ("Представлен график работ на {year} год: {works}. По просьбе жителей {adj}.",
     "{year} жылға арналған жұмыс кестесі таныстырылды: {works}. Тұрғындардың өтініші бойынша {adj}."),
    ("Обсудили план на {year} год, объектов: {n} — {works}. Сроки согласованы; {adj}.",
     "{year} жылғы жоспар талқыланды, нысандар саны: {n} — {works}. Мерзімдер келісілді; {adj}."),
    ("Подрядчики и акимат показали сроки работ: {works}. Жители попросили {req}.",
     "Мердігерлер мен әкімдік жұмыс мерзімдерін көрсетті: {works}. Тұрғындар {req} сұрады."),
)
CYCLE2_EMPTY = (
    ("Работ на {year} год в бюджете не предусмотрено. Жители просят включить в план: {i1}.",
     "{year} жылы бюджетте жұмыс қаралмаған. Тұрғындар жоспарға мынаны енгізуді сұрайды: {i1}."),
    ("График на {year} год пуст: заявки жителей ({i1}) перенесены на следующий год.",
     "{year} жылғы кестеде жұмыс жоқ: тұрғындардың өтінімдері ({i1}) келесі жылға ауыстырылды."),
)
ADJUSTMENTS = (
    ("срок начала перенесён на июль", "басталу мерзімі шілдеге ауыстырылды"),
    ("решено работать и по выходным", "демалыс күндері де жұмыс істеу шешілді"),
    ("график оставлен без изменений", "кесте өзгеріссіз қалды"),
    ("добавлен участок по {s}", "{sk} учаске қосылды"),
    ("порядок изменён: сначала {w1}", "жұмыс тәртібі өзгертілді: алдымен {w1}"),
)
REQUESTS = (
    ("начать до летних каникул", "жұмысты жазғы демалысқа дейін бастауды"),
    ("не перекрывать улицу целиком на время работ", "жұмыс кезінде көшені толық жаппауды"),
    ("вывесить график на остановке", "кестені аялдамаға ілуді"),
    ("вывезти строительный мусор сразу после работ", "құрылыс қоқысын жұмыстан кейін бірден шығаруды"),
)

# Cycle 3: the akim and residents review the results.
CYCLE3 = (
    ("Аким и жители подвели итоги года: работ — {n}, завершено — {done}. Остаётся проблема: {i1}.",
     "Әкім мен тұрғындар жыл қорытындысын шығарды: жұмыстар саны — {n}, аяқталғаны — {done}. "
     "Шешілмеген мәселе: {i1}."),
    ("Аким принял работы вместе с жителями: {works_done}.{rest}",
     "Әкім тұрғындармен бірге жұмыстарды қабылдады: {works_done}.{rest}"),
    ("Итоговая встреча с акимом. Жители поблагодарили за выполненное ({works_done}), "
     "но просят вернуться к вопросу: {i1}.",
     "Әкіммен қорытынды кездесу. Тұрғындар атқарылған жұмыстарға ({works_done}) ризашылық білдірді, "
     "бірақ мына мәселеге қайта оралуды сұрайды: {i1}."),
)
CYCLE3_NOTHING_DONE = (
    "Итоги: ни одна работа не завершена ({works_open}). Жители недовольны сроками.",
    "Қорытынды: бірде-бір жұмыс аяқталмады ({works_open}). Тұрғындар мерзімдерге наразы.",
)
CYCLE3_EMPTY = (
    ("Аким встретился с жителями: в {year} году работ не было. Жители повторили просьбу: {i1}. "
     "Обещано рассмотреть в бюджете следующего года.",
     "Әкім тұрғындармен кездесті: {year} жылы жұмыс жүргізілмеді. Тұрғындар өтінішін қайталады: {i1}. "
     "Келесі жылғы бюджетте қарастыру уәде етілді."),
    ("Итоги года: работ не было. Жители недовольны: вопрос «{i1}» так и не решён.",
     "Жыл қорытындысы: жұмыс болмады. Тұрғындар наразы: «{i1}» мәселесі әлі шешілмеді."),
)
REST_OPEN = (" Не завершено: {works_open}.", " Аяқталмағаны: {works_open}.")


def meeting_summary(cycle, year, issues, works, meeting_date, rng, street):
    """Return ``(summary_ru, summary_kk, k)`` for one meeting.

    ``k`` is the number of sites or requests listed at a cycle-1 meeting (some
    summaries say it): ``needs.csv`` raises exactly that many needs there.
    ``issues`` are keys of ``ISSUES``; ``works`` is a list of dicts with
    ``category``, ``status`` and ``finish`` of the district's works of ``year``;
    ``street`` is ``(s, sk)``, a street's Russian name and Kazakh locative.
    """
    (i1_ru, i1_kk), (i2_ru, i2_kk) = (ISSUES[k] for k in rng.choice(issues, size=2, replace=False))
    common = {"year": year, "k": int(rng.integers(4, 15)), "n": len(works)}
    ru = dict(common, i1=i1_ru, i2=i2_ru)
    kk = dict(common, i1=i1_kk, i2=i2_kk)
    if cycle == 1:
        pair = CYCLE1[rng.integers(len(CYCLE1))]
    elif cycle == 2:
        pair = _cycle2(works, rng, ru, kk, street)
    else:
        pair = _cycle3(works, meeting_date, rng, ru, kk)
    return pair[0].format(**ru), pair[1].format(**kk), common["k"]


def _phrases(works, lang):
    index = 0 if lang == "ru" else 1
    seen = []
    for work in works:
        phrase = CATEGORY_PHRASES[work["category"]][index]
        if phrase not in seen:
            seen.append(phrase)
    return ", ".join(seen)


def _cycle2(works, rng, ru, kk, street):
    if not works:
        return CYCLE2_EMPTY[rng.integers(len(CYCLE2_EMPTY))]
    pair = CYCLE2[rng.integers(len(CYCLE2))]
    adj = ADJUSTMENTS[rng.integers(len(ADJUSTMENTS))]
    req = REQUESTS[rng.integers(len(REQUESTS))]
    first = CATEGORY_PHRASES[works[0]["category"]]
    s, sk = street
    ru.update(works=_phrases(works, "ru"), req=req[0], adj=adj[0].format(s=s, w1=first[0]))
    kk.update(works=_phrases(works, "kk"), req=req[1], adj=adj[1].format(sk=sk, w1=first[1]))
    return pair


def _cycle3(works, meeting_date, rng, ru, kk):
    if not works:
        return CYCLE3_EMPTY[rng.integers(len(CYCLE3_EMPTY))]
    done = [w for w in works if w["status"] == "done" and w["finish"] and w["finish"] <= meeting_date]
    still = [w for w in works if w not in done]
    pair = CYCLE3[rng.integers(len(CYCLE3))] if done else CYCLE3_NOTHING_DONE
    for values, lang, rest in ((ru, "ru", REST_OPEN[0]), (kk, "kk", REST_OPEN[1])):
        values.update(done=len(done), works_done=_phrases(done, lang), works_open=_phrases(still, lang),
                      rest=rest.format(works_open=_phrases(still, lang)) if still else "")
    return pair
