# Answers
answer-source = Источник: { $title } — { $outlet }, { $date }
answer-source-translated = Источник: { $title } — { $outlet }, { $date } (перевод; оригинал на русском)
answer-source-untitled = Источник: { $outlet }, { $date }
answer-also = Ещё по теме:
answer-quote-in-russian = (цитата на русском языке)
answer-quote-in-kazakh = (цитата на казахском языке)
answer-not-found =
    К сожалению, в моих источниках нет ответа на этот вопрос — выдумывать я не стану.
    Попробуйте спросить иначе или полистайте хронологию (/timeline) и ключевые фигуры (/figures).
    Например: «Сколько детей вернули из Сирии в мае 2019 года?»
answer-empty =
    Напишите вопрос словами — например: «Когда прошёл первый этап операции «Жусан»?»

# Dates of sources; $date is a date, $year a year
date-day = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
date-month = { DATETIME($date, month: "long", year: "numeric") }
date-year = { $year } г.
date-unknown = дата не указана
