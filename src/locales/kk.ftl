# Answers
answer-source = Дереккөз: { $title } — { $outlet }, { $date }
answer-source-translated = Дереккөз: { $title } — { $outlet }, { $date } (аударма; түпнұсқасы орыс тілінде)
answer-source-untitled = Дереккөз: { $outlet }, { $date }
answer-also = Осы тақырып бойынша тағы:
answer-quote-in-russian = (үзінді орыс тілінде)
answer-quote-in-kazakh = (үзінді қазақ тілінде)
answer-not-found =
    Өкінішке қарай, менің дереккөздерімде бұл сұраққа жауап жоқ, ал ойдан шығармаймын.
    Сұрағыңызды басқаша қойып көріңіз немесе хронологияны (/timeline) және негізгі тұлғаларды (/figures) қараңыз.
    Мысалы: «2019 жылғы мамырда Сириядан қанша бала қайтарылды?»
answer-empty =
    Сұрағыңызды сөзбен жазыңыз, мысалы: «Жусан» операциясының бірінші кезеңі қашан өтті?»

# Dates of sources; $date is a date, $year a year
date-day = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
date-month = { DATETIME($date, month: "long", year: "numeric") }
date-year = { $year } ж.
date-unknown = күні көрсетілмеген
