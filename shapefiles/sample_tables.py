"""Hand-written tables of the illustrative sample: districts, streets, works, phrases.

Everything here is the project's own invention except the settlements' point
coordinates, which are public facts (where the places are). ``draw_sample.py``
turns these tables into geometries and files.
"""

AS_OF = "2024-12-20"  # the date the sample pretends to be drawn on
YEARS = (2022, 2023, 2024)

# The city proper as we sketch it: a hand-drawn outline (lon, lat) along the
# Irtysh and the Ulba around the centre; central districts are cut from it.
CITY_OUTLINE = (
    (82.548, 49.930), (82.575, 49.915), (82.615, 49.905), (82.660, 49.905),
    (82.695, 49.915), (82.675, 49.945), (82.668, 49.960), (82.684, 49.995),
    (82.735, 50.008), (82.730, 50.025), (82.690, 50.022), (82.640, 50.015),
    (82.590, 50.008), (82.555, 50.000), (82.545, 49.975), (82.542, 49.950),
)

# id, name_ru, name_kk, name_en, kind, population, seed lon, seed lat, blob radius
# (m, settlements only; None for central districts). Central seeds are our own
# choice; settlement seeds are the places' real coordinates.
DISTRICTS = (
    ("tsentr", "Центр", "Орталық", "Tsentr", "center", 58_800, 82.6150, 49.9510, None),
    ("ulbinsky", "Ульбинский", "Үлбі", "Ulbinsky", "microdistrict", 42_000, 82.6530, 49.9630, None),
    ("levoberezhye", "Левобережье", "Сол жағалау", "Levoberezhye", "microdistrict", 55_000, 82.6400, 49.9240, None),
    ("ksht", "КШТ", "КШТ", "KShT", "microdistrict", 34_000, 82.5820, 49.9650, None),
    ("zashchita", "Защита", "Защита", "Zashchita", "microdistrict", 31_000, 82.5750, 49.9920, None),
    ("novy-gorod", "Новый город", "Жаңа қала", "Novy Gorod", "microdistrict", 40_000, 82.6220, 49.9880, None),
    ("sogra", "Согра", "Соғра", "Sogra", "microdistrict", 24_000, 82.7050, 50.0120, None),
    ("pristan", "Пристань", "Пристань", "Pristan", "microdistrict", 14_000, 82.5600, 49.9450, None),
    ("vostochny", "Восточный", "Шығыс", "Vostochny", "microdistrict", 27_000, 82.6650, 49.9900, None),
    ("ahmirovo", "Ахмирово", "Ахмирово", "Akhmirovo", "settlement", 6_500, 82.5282, 49.9487, 1500),
    ("novo-ahmirovo", "Ново-Ахмирово", "Ново-Ахмирово", "Novo-Akhmirovo", "settlement", 3_200, 82.4939, 49.9314, 1200),
    ("menovnoe", "Меновное", "Меновное", "Menovnoe", "settlement", 7_800, 82.5842, 49.9336, 1300),
    ("prudhoz", "Прудхоз", "Прудхоз", "Prudkhoz", "settlement", 900, 82.4747, 49.9759, 700),
    ("novo-yavlenka", "Ново-Явленка", "Ново-Явленка", "Novo-Yavlenka", "settlement", 1_400, 82.4905, 49.9694, 750),
    ("samsonovka", "Самсоновка", "Самсоновка", "Samsonovka", "settlement", 2_100, 82.6482, 49.8318, 1000),
    ("kremlevsky", "Кремлевский", "Кремлевский", "Kremlevsky", "settlement", 650, 82.6000, 49.8333, 750),
    ("podgornoe", "Подгорное", "Подгорное", "Podgornoe", "settlement", 1_900, 82.6717, 49.8939, 950),
    ("basovo", "Басово", "Басово", "Basovo", "settlement", 2_600, 82.7231, 49.8894, 850),
    ("vodnoe", "Водное", "Водное", "Vodnoe", "settlement", 1_300, 82.7396, 49.8810, 750),
    ("novo-troitskoe", "Ново-Троицкое", "Ново-Троицкое", "Novo-Troitskoe", "settlement", 480, 82.8880, 49.8290, 650),
    ("masyanovka", "Масьяновка", "Масьяновка", "Masyanovka", "settlement", 370, 82.8617, 49.8383, 600),
)

# Streets per district: (type, name_ru, name_kk, name_en); "ул." street, "пр." avenue.
VILLAGE_STREETS = (
    ("ул.", "Центральная", "Орталық", "Tsentralnaya"),
    ("ул.", "Садовая", "Бақ", "Sadovaya"),
    ("ул.", "Школьная", "Мектеп", "Shkolnaya"),
    ("ул.", "Береговая", "Жағалау", "Beregovaya"),
    ("ул.", "Молодёжная", "Жастар", "Molodyozhnaya"),
)
STREETS = {
    "tsentr": (
        ("пр.", "Независимости", "Тәуелсіздік", "Nezavisimosti"),
        ("ул.", "Казахстан", "Қазақстан", "Kazakhstan"),
        ("ул.", "Горького", "Горький", "Gorkogo"),
        ("ул.", "Ушанова", "Ушанов", "Ushanova"),
        ("ул.", "Пермитина", "Пермитин", "Permitina"),
        ("ул.", "Михаэлиса", "Михаэлис", "Mikhaelisa"),
    ),
    "ulbinsky": (
        ("ул.", "Бажова", "Бажов", "Bazhova"),
        ("ул.", "Серикбаева", "Серікбаев", "Serikbayeva"),
        ("ул.", "Красина", "Красин", "Krasina"),
        ("ул.", "Пирогова", "Пирогов", "Pirogova"),
    ),
    "levoberezhye": (
        ("пр.", "Сатпаева", "Сәтбаев", "Satpayeva"),
        ("ул.", "Кабанбай батыра", "Қабанбай батыр", "Kabanbai Batyra"),
        ("ул.", "Жамбыла", "Жамбыл", "Zhambyla"),
        ("ул.", "Утепова", "Өтепов", "Utepova"),
    ),
    "ksht": (
        ("ул.", "Протозанова", "Протозанов", "Protozanova"),
        ("ул.", "Новаторов", "Новаторлар", "Novatorov"),
        ("ул.", "Мызы", "Мызы", "Myzy"),
    ),
    "zashchita": (
        ("ул.", "Бурова", "Буров", "Burova"),
        ("ул.", "Стахановская", "Стахановская", "Stakhanovskaya"),
        ("ул.", "Шевченко", "Шевченко", "Shevchenko"),
    ),
    "novy-gorod": (
        ("пр.", "Ауэзова", "Әуезов", "Auezova"),
        ("ул.", "Гагарина", "Гагарин", "Gagarina"),
        ("ул.", "Тургенева", "Тургенев", "Turgeneva"),
    ),
    "sogra": (
        ("ул.", "Согринская", "Соғра", "Sogrinskaya"),
        ("ул.", "Кутузова", "Кутузов", "Kutuzova"),
        ("ул.", "Железнодорожная", "Темір жол", "Zheleznodorozhnaya"),
    ),
    "pristan": (
        ("ул.", "Набережная Иртыша", "Ертіс жағалауы", "Naberezhnaya Irtysha"),
        ("ул.", "Речная", "Өзен", "Rechnaya"),
        ("ул.", "Пристанская", "Пристань", "Pristanskaya"),
    ),
    "vostochny": (
        ("ул.", "Виноградова", "Виноградов", "Vinogradova"),
        ("ул.", "Добролюбова", "Добролюбов", "Dobrolyubova"),
        ("ул.", "Дорожная", "Жол", "Dorozhnaya"),
    ),
}

# Issues residents raise: key -> (ru, kk).
ISSUES = {
    "potholes": ("разбитые дороги и ямы", "бұзылған жолдар мен шұңқырлар"),
    "no_asphalt": ("нет асфальта на улицах частного сектора", "жеке сектор көшелерінде асфальт жоқ"),
    "dust": ("пыль и грязь на грунтовых улицах", "топырақ көшелердегі шаң мен балшық"),
    "dark": ("тёмные улицы без освещения", "жарықсыз қараңғы көшелер"),
    "pressure": ("слабый напор воды", "су қысымының әлсіздігі"),
    "no_water": ("нет центрального водопровода", "орталықтандырылған су құбыры жоқ"),
    "sewer": ("нет канализации, переполнены выгребные ямы", "кәріз жоқ, шұңқырлар толып кетеді"),
    "heating": ("изношенные теплосети и холодные батареи", "жылу желілерінің тозуы және суық радиаторлар"),
    "gas": ("дома не подключены к газу", "үйлер газға қосылмаған"),
    "yards": ("неухоженные дворы", "аулалар абаттандырылмаған"),
    "playground": ("детям негде играть", "балалар ойнайтын орын жоқ"),
    "sport": ("нет спортивной площадки", "спорт алаңы жоқ"),
    "bus": ("редкие автобусы до города", "қалаға автобус сирек қатынайды"),
    "stops": ("нет остановочных павильонов", "аялдама павильондары жоқ"),
    "flood": ("весной подтапливает дворы", "көктемде аулаларды су басады"),
    "school": ("переполненная школа, учёба в две смены", "мектеп толып кетті, екі ауысымда оқиды"),
    "clinic": ("далеко до поликлиники, нет медпункта", "емханаға алыс, медпункт жоқ"),
    "parking": ("не хватает парковок", "көлік тұрақтары жетіспейді"),
    "dogs": ("бродячие собаки", "қаңғыбас иттер"),
    "dumps": ("стихийные свалки", "рұқсатсыз қоқыс үйінділері"),
}

DISTRICT_ISSUES = {
    "tsentr": ("potholes", "parking", "heating", "yards"),
    "ulbinsky": ("heating", "potholes", "playground", "yards"),
    "levoberezhye": ("school", "potholes", "stops", "dark"),
    "ksht": ("heating", "pressure", "playground", "potholes"),
    "zashchita": ("pressure", "potholes", "sport", "dark"),
    "novy-gorod": ("parking", "yards", "playground", "stops"),
    "sogra": ("sewer", "flood", "potholes", "dark"),
    "pristan": ("flood", "yards", "dumps", "potholes"),
    "vostochny": ("pressure", "sport", "dark", "dogs"),
    "ahmirovo": ("no_asphalt", "clinic", "dust", "dark"),
    "novo-ahmirovo": ("no_water", "dark", "dust", "bus"),
    "menovnoe": ("no_asphalt", "sewer", "dark", "playground"),
    "prudhoz": ("bus", "dark", "dust", "no_water"),
    "novo-yavlenka": ("no_water", "bus", "dust", "dumps"),
    "samsonovka": ("no_water", "dark", "bus", "dust"),
    "kremlevsky": ("bus", "no_asphalt", "clinic", "dark"),
    "podgornoe": ("gas", "no_water", "dust", "potholes"),
    "basovo": ("no_asphalt", "no_water", "dark", "flood"),
    "vodnoe": ("gas", "dark", "no_asphalt", "bus"),
    "novo-troitskoe": ("dark", "bus", "dust", "clinic"),
    "masyanovka": ("bus", "no_water", "dark", "dust"),
}

# What a category's work is called in a meeting summary: (ru, kk).
CATEGORY_PHRASES = {
    "roads": ("ремонт дорог", "жол жөндеу"),
    "lighting": ("уличное освещение", "көше жарығы"),
    "water": ("водопровод", "су құбыры"),
    "sewerage": ("канализация", "кәріз"),
    "heating": ("теплосети", "жылу желілері"),
    "gas": ("газопровод", "газ құбыры"),
    "landscaping": ("благоустройство", "абаттандыру"),
    "playground": ("детская площадка", "балалар алаңы"),
    "sports": ("спортплощадка", "спорт алаңы"),
    "transport": ("остановки и разворот автобусов", "аялдамалар мен автобус бұрылысы"),
    "social": ("социальный объект", "әлеуметтік нысан"),
    "other": ("прочие работы", "басқа жұмыстар"),
}

# Title templates by (category, shape): (ru, kk, en). {s} street in Russian
# ("ул. Бажова"), {sk} Kazakh locative ("Бажов көшесіндегі"), {se} English.
TITLES = {
    ("roads", "ln"): (
        ("Средний ремонт дороги по {s}", "{sk} жолды орташа жөндеу", "Medium repair of the road on {se}"),
        ("Асфальтирование проезжей части по {s}", "{sk} жүру бөлігін асфальттау", "Asphalting of {se}"),
        ("Капитальный ремонт дороги и тротуаров по {s}", "{sk} жол мен тротуарларды күрделі жөндеу",
         "Overhaul of the road and sidewalks on {se}"),
        ("Ремонт дороги с ливнёвкой по {s}", "{sk} жолды нөсер кәрізімен бірге жөндеу",
         "Road repair with a storm drain on {se}"),
        ("Отсыпка и грейдирование дороги по {s}", "{sk} жолды қиыршық таспен төсеу және тегістеу",
         "Gravel surfacing and grading of {se}"),
    ),
    ("lighting", "ln"): (
        ("Уличное освещение по {s}", "{sk} көше жарығын орнату", "Street lighting on {se}"),
        ("Замена светильников на светодиодные по {s}", "{sk} шамдарды жарықдиодты шамдарға ауыстыру",
         "LED streetlight replacement on {se}"),
        ("Линия наружного освещения по {s}", "{sk} сыртқы жарықтандыру желісі", "Outdoor lighting line on {se}"),
    ),
    ("lighting", "pt"): (
        ("Освещение сквера на {s}", "{sk} скверді жарықтандыру", "Lighting of the public garden on {se}"),
        ("Освещение пешеходного перехода на {s}", "{sk} жаяу жүргіншілер өткелін жарықтандыру",
         "Lighting of the pedestrian crossing on {se}"),
    ),
    ("water", "ln"): (
        ("Строительство водопровода по {s}", "{sk} су құбырын салу", "Water main construction on {se}"),
        ("Реконструкция водопроводных сетей по {s}", "{sk} су құбыры желілерін қайта жаңарту",
         "Reconstruction of water pipes on {se}"),
        ("Замена магистрального водовода по {s}", "{sk} магистральдық су құбырын ауыстыру",
         "Trunk water main replacement on {se}"),
    ),
    ("water", "pt"): (
        ("Скважина и водонапорная башня на {s}", "{sk} ұңғыма мен су мұнарасы", "Borehole and water tower on {se}"),
        ("Водоразборная колонка на {s}", "{sk} су тарату бағанасы", "Street water pump on {se}"),
    ),
    ("sewerage", "ln"): (
        ("Строительство канализационного коллектора по {s}", "{sk} кәріз коллекторын салу",
         "Sewer collector construction on {se}"),
        ("Замена канализационных сетей по {s}", "{sk} кәріз желілерін ауыстыру", "Sewer pipe replacement on {se}"),
    ),
    ("heating", "ln"): (
        ("Замена участка теплосети по {s}", "{sk} жылу желісінің учаскесін ауыстыру",
         "Replacement of a heating main section on {se}"),
        ("Реконструкция теплотрассы по {s}", "{sk} жылу трассасын қайта жаңарту",
         "Reconstruction of the heating main on {se}"),
    ),
    ("gas", "ln"): (
        ("Газификация частного сектора по {s}", "{sk} жеке секторды газдандыру", "Gas supply for private houses on {se}"),
        ("Газопровод низкого давления по {s}", "{sk} төмен қысымды газ құбыры", "Low-pressure gas pipeline on {se}"),
    ),
    ("landscaping", "pt"): (
        ("Благоустройство дворовой территории на {s}", "{sk} аула аумағын абаттандыру", "Courtyard improvement on {se}"),
        ("Обустройство сквера на {s}", "{sk} скверді абаттандыру", "New public garden on {se}"),
        ("Аллея и озеленение на {s}", "{sk} аллея және көгалдандыру", "Alley and planting on {se}"),
    ),
    ("playground", "pt"): (
        ("Детская игровая площадка на {s}", "{sk} балалар ойын алаңы", "Children's playground on {se}"),
        ("Замена оборудования детской площадки на {s}", "{sk} балалар алаңының жабдығын ауыстыру",
         "New equipment for the playground on {se}"),
    ),
    ("sports", "pt"): (
        ("Спортивная площадка с тренажёрами на {s}", "{sk} жаттығу құралдары бар спорт алаңы", "Outdoor gym on {se}"),
        ("Мини-футбольное поле на {s}", "{sk} шағын футбол алаңы", "Mini football pitch on {se}"),
        ("Хоккейная коробка на {s}", "{sk} хоккей алаңы", "Ice hockey rink on {se}"),
    ),
    ("transport", "pt"): (
        ("Новые остановочные павильоны на {s}", "{sk} жаңа аялдама павильондары", "New bus shelters on {se}"),
        ("Разворотная площадка для автобусов на {s}", "{sk} автобустарға арналған бұрылыс алаңы",
         "Bus turning area on {se}"),
    ),
    ("social", "pt"): (
        ("Капитальный ремонт поликлиники на {s}", "{sk} емханаға күрделі жөндеу", "Overhaul of the clinic on {se}"),
        ("Пристройка к школе на 300 мест на {s}", "{sk} мектепке 300 орындық жапсаржай",
         "300-place school extension on {se}"),
        ("Фельдшерско-акушерский пункт на {s}", "{sk} фельдшерлік-акушерлік пункт", "Rural medical post on {se}"),
        ("Капитальный ремонт школы на {s}", "{sk} мектепті күрделі жөндеу", "Overhaul of the school on {se}"),
    ),
    ("other", "pt"): (
        ("Снос аварийных строений на {s}", "{sk} апатты құрылыстарды бұзу", "Demolition of derelict buildings on {se}"),
    ),
    ("other", "ln"): (
        ("Укрепление берега вдоль {s}", "{sk} жағалауды нығайту", "Riverbank protection along {se}"),
    ),
}

# The works, year by year: (district, category, shape, status, funding, template).
# shape: "pt" point, "ln" line inside the district, "ln>other" a line that runs
# on into the neighbouring district "other". funding: ((source, amount_kzt), ...);
# empty when no money is confirmed. template: index into TITLES, or None.
WORKS = {
    2022: (
        ("tsentr", "roads", "ln", "done", (("city", 62_400_000),), 2),
        ("tsentr", "landscaping", "pt", "done", (("city", 24_800_000), ("sponsor", 6_000_000)), 1),
        ("tsentr", "lighting", "ln", "done", (("city", 7_950_000),), 1),
        ("tsentr", "social", "pt", "done", (("city", 34_000_000), ("region", 20_000_000)), 0),
        ("ulbinsky", "heating", "ln", "done", (("city", 36_300_000), ("region", 20_000_000)), 0),
        ("ulbinsky", "playground", "pt", "done", (("city", 9_400_000),), 0),
        ("levoberezhye", "roads", "ln", "done", (("city", 48_200_000),), 0),
        ("levoberezhye", "sports", "pt", "done", (("city", 18_700_000), ("sponsor", 5_000_000)), 1),
        ("ksht", "water", "ln", "done", (("region", 41_600_000),), 1),
        ("zashchita", "roads", "ln>ksht", "done", (("city", 52_900_000),), 2),
        ("zashchita", "lighting", "pt", "done", (("city", 3_850_000),), 1),
        ("novy-gorod", "playground", "pt", "done", (("city", 8_600_000),), 0),
        ("novy-gorod", "transport", "pt", "done", (("city", 12_300_000),), 0),
        ("sogra", "sewerage", "ln", "done", (("city", 28_000_000), ("republic", 30_000_000)), 0),
        ("pristan", "landscaping", "pt", "done", (("city", 14_200_000),), 0),
        ("vostochny", "roads", "ln", "done", (("city", 31_500_000),), 0),
        ("ahmirovo", "water", "ln", "done", (("region", 44_700_000), ("city", 8_000_000)), 0),
        ("novo-ahmirovo", "lighting", "ln", "done", (("city", 4_900_000),), 0),
        ("menovnoe", "roads", "ln", "done", (("city", 27_600_000),), 4),
        ("podgornoe", "water", "pt", "done", (("city", 16_400_000),), 0),
        ("basovo", "lighting", "ln", "done", (("city", 5_300_000),), 0),
        ("samsonovka", "roads", "ln", "done", (("city", 11_800_000),), 4),
        ("kremlevsky", "lighting", "pt", "done", (("city", 2_450_000),), 1),
        ("vodnoe", "gas", "ln", "postponed", (), 0),
        ("novo-yavlenka", "other", "pt", "cancelled", (), 0),
    ),
    2023: (
        ("tsentr", "roads", "ln", "done", (("city", 95_450_000),), 2),
        ("tsentr", "landscaping", "pt", "done", (("city", 28_700_000), ("sponsor", 6_000_000)), 2),
        ("tsentr", "lighting", "ln>ulbinsky", "done", (("city", 9_860_000),), 1),
        ("tsentr", "transport", "pt", "done", (("city", 10_300_000),), 0),
        ("tsentr", "heating", "ln", "done", (("city", 22_470_000), ("region", 12_000_000)), 1),
        ("ulbinsky", "roads", "ln", "done", (("city", 38_250_000),), 0),
        ("ulbinsky", "playground", "pt", "done", (("city", 9_200_000),), 1),
        ("levoberezhye", "social", "pt", "in_progress", (("republic", 58_000_000), ("city", 16_600_000)), 1),
        ("levoberezhye", "lighting", "ln", "done", (("city", 6_740_000),), 0),
        ("levoberezhye", "roads", "ln", "done", (("city", 33_900_000),), 3),
        ("ksht", "heating", "ln", "done", (("city", 21_500_000), ("region", 12_000_000)), 0),
        ("ksht", "playground", "pt", "done", (("city", 7_650_000),), 0),
        ("zashchita", "water", "ln", "in_progress", (("region", 41_300_000),), 2),
        ("zashchita", "sports", "pt", "done", (("city", 12_800_000),), 2),
        ("novy-gorod", "roads", "ln", "done", (("city", 28_400_000),), 1),
        ("novy-gorod", "landscaping", "pt", "postponed", (("city", 9_600_000),), 0),
        ("sogra", "sewerage", "ln", "done", (("city", 16_700_000), ("republic", 22_000_000)), 1),
        ("sogra", "lighting", "ln", "done", (("city", 5_480_000),), 0),
        ("pristan", "roads", "ln", "cancelled", (("city", 2_300_000),), 3),
        ("vostochny", "sports", "pt", "done", (("city", 11_900_000), ("sponsor", 4_000_000)), 0),
        ("vostochny", "lighting", "pt", "done", (("city", 3_260_000),), 1),
        ("ahmirovo", "roads", "ln", "done", (("city", 26_800_000),), 1),
        ("ahmirovo", "social", "pt", "in_progress", (("region", 36_500_000), ("city", 6_000_000)), 2),
        ("novo-ahmirovo", "water", "ln", "done", (("city", 14_900_000),), 0),
        ("menovnoe", "roads", "ln", "done", (("city", 18_350_000),), 1),
        ("menovnoe", "lighting", "ln", "done", (("city", 4_120_000),), 0),
        ("podgornoe", "gas", "ln", "in_progress", (("region", 21_400_000),), 0),
        ("basovo", "roads", "ln", "done", (("city", 12_600_000),), 4),
        ("samsonovka", "water", "pt", "postponed", (("city", 6_900_000),), 0),
        ("vodnoe", "lighting", "ln", "done", (("city", 2_980_000),), 2),
        ("prudhoz", "lighting", "pt", "done", (("city", 1_240_000),), 1),
    ),
    2024: (
        ("tsentr", "roads", "ln", "in_progress", (("city", 96_300_000),), 0),
        ("tsentr", "landscaping", "pt", "done", (("city", 27_500_000),), 1),
        ("tsentr", "social", "pt", "planned", (("republic", 120_000_000), ("city", 30_000_000)), 3),
        ("ulbinsky", "water", "ln>vostochny", "in_progress", (("region", 61_800_000),), 2),
        ("ulbinsky", "lighting", "ln", "done", (("city", 7_420_000),), 1),
        ("levoberezhye", "playground", "pt", "done", (("city", 10_700_000),), 1),
        ("levoberezhye", "transport", "pt", "planned", (("city", 18_000_000),), 0),
        ("ksht", "roads", "ln", "done", (("city", 44_600_000),), 3),
        ("ksht", "landscaping", "pt", "in_progress", (("city", 19_300_000), ("sponsor", 7_500_000)), 0),
        ("zashchita", "roads", "ln", "planned", (("city", 57_000_000),), 2),
        ("zashchita", "lighting", "ln", "done", (("city", 6_100_000),), 2),
        ("novy-gorod", "sports", "pt", "done", (("city", 21_400_000),), 2),
        ("novy-gorod", "heating", "ln", "in_progress", (("city", 33_800_000), ("region", 25_000_000)), 1),
        ("sogra", "roads", "ln", "planned", (), 3),
        ("pristan", "landscaping", "pt", "done", (("city", 15_900_000),), 2),
        ("pristan", "other", "ln", "planned", (("region", 36_000_000),), 0),
        ("vostochny", "water", "ln", "postponed", (("city", 22_000_000),), 1),
        ("ahmirovo", "lighting", "ln", "done", (("city", 5_640_000),), 2),
        ("ahmirovo", "sports", "pt", "planned", (("sponsor", 12_000_000),), 1),
        ("novo-ahmirovo", "roads", "ln", "in_progress", (("city", 29_700_000),), 4),
        ("menovnoe", "sewerage", "ln", "planned", (("region", 48_000_000), ("city", 10_000_000)), 0),
        ("menovnoe", "playground", "pt", "done", (("city", 8_800_000),), 0),
        ("podgornoe", "roads", "ln", "done", (("city", 18_200_000),), 4),
        ("basovo", "water", "ln", "in_progress", (("region", 27_300_000),), 0),
        ("samsonovka", "lighting", "ln", "done", (("city", 3_900_000),), 0),
        ("novo-troitskoe", "lighting", "pt", "done", (("city", 1_150_000),), 1),
        ("vodnoe", "roads", "ln", "cancelled", (), 4),
        ("novo-yavlenka", "water", "pt", "planned", (), 1),
    ),
}

SOURCE_NOTES = {
    "city": ("Городской бюджет", "Уточнение городского бюджета"),
    "region": ("Областной бюджет, софинансирование", "Целевой трансферт области"),
    "republic": ("Республиканский бюджет, целевой трансферт", "Республиканская программа"),
    "sponsor": ("Спонсорская помощь предприятия города", "Средства меценатов"),
    "other": ("Прочие источники",),
}
