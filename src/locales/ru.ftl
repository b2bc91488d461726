## Greeting and help

start-greeting =
    Здравствуйте, { $name }! Я отвечаю на вопросы об операции «Жусан» — возвращении граждан Казахстана, в основном женщин и детей, из зон конфликтов в Сирии и Ираке в 2019–2021 годах и об их реабилитации.

    Спросите меня по-русски или по-казахски — отвечу цитатой из источника со ссылкой. Если в моих источниках ответа нет, так и скажу.
start-examples-title = Попробуйте спросить:
example-1 = Сколько человек вернули на первом этапе «Жусана»?
example-2 = Кто руководил операцией «Русафа»?
example-3 = Что означает название «Жусан»?
example-4 = Где проходила реабилитация вернувшихся?

help =
    <b>Как со мной говорить</b>
    Просто напишите вопрос об операции «Жусан» по-русски или по-казахски. Я отвечу цитатой из источника и дам ссылку на него; под ответом будут кнопки с тем, что ещё нашлось по теме.

    <b>Команды</b>
    /start — начало и примеры вопросов
    /help — эта справка
    /language — язык интерфейса (русский или казахский)

    Язык ответа следует за языком вопроса. Я не выдумываю: если в источниках ответа нет, я так и скажу.

## Language

language-choose = Выберите язык, на котором я буду с вами говорить:
language-set = Готово: буду говорить с вами по-русски.
language-button-ru = Русский
language-button-kk = Қазақша

## Answers

answer-source = Источник: { $title } — { $outlet }, { $date }
answer-source-untitled = Источник: { $outlet }, { $date }
answer-source-translated = Источник: { $title } — { $outlet }, { $date } (перевод; оригинал на русском)
answer-link = 📄 <a href="{ $url }">{ $title }</a> — { $outlet }, { $date }
answer-link-untitled = 📄 <a href="{ $url }">{ $outlet }</a>, { $date }
answer-link-translated = 📄 <a href="{ $url }">{ $title }</a> — { $outlet }, { $date } (перевод; оригинал на русском)
answer-also = Ещё по теме:
answer-quote-in-russian = (цитата на русском языке)
answer-quote-in-kazakh = (цитата на казахском языке)
answer-not-found =
    К сожалению, в моих источниках нет ответа на этот вопрос — выдумывать я не стану.
    Попробуйте спросить иначе или посмотрите примеры: /start
answer-empty =
    Напишите вопрос словами — например: «Когда прошёл первый этап операции «Жусан»?»
answer-button-outdated = Эта кнопка устарела — спросите ещё раз, пожалуйста.

## Things the bot cannot read, limits and errors

unsupported-message = Я понимаю только текст. Напишите вопрос об операции «Жусан» словами — например: «Сколько детей вернули из Сирии?»
rate-limited = Вы пишете очень быстро — дайте мне пару секунд, и спросите снова.
error-generic = Что-то пошло не так, и я не смог ответить. Попробуйте ещё раз чуть позже.

## Bot commands (the menu next to the message field)

command-start = Начало и примеры вопросов
command-help = Как пользоваться ботом
command-language = Язык: русский или казахский

## Dates of sources; $date is a date, $year a year

date-day = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
date-month = { DATETIME($date, month: "long", year: "numeric") }
date-year = { $year } г.
date-unknown = дата не указана
