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
    /menu — меню: хронология и ключевые фигуры
    /timeline — хронология операции по событиям
    /figures — ключевые люди и организации
    /subscribe, /unsubscribe — подписка на новые материалы: всё или выбранные темы, сразу или раз в неделю
    /language — язык интерфейса (русский или казахский)
    /help — эта справка

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
    Напишите вопрос словами — например: «Когда прошёл первый этап операции „Жусан“?»
answer-button-outdated = Эта кнопка устарела — спросите ещё раз, пожалуйста.
answer-also-figures = Другие источники называют другие цифры:
answer-suggest = Точного ответа в моих источниках нет. Возможно, вы спрашиваете:
answer-other-country =
    Я отвечаю только об операции «Жусан» — о возвращении граждан Казахстана. О том, как возвращали своих граждан другие страны, в моих источниках сведений нет.
answer-personal =
    Я отвечаю только по опубликованным источникам об операции «Жусан» и не могу помочь с личным делом: у меня нет ни контактов, ни сведений о конкретных людях.
    О самой операции спрашивайте — примеры здесь: /start
feedback-up = 👍
feedback-down = 👎
feedback-thanks = Спасибо за оценку!

## Things the bot cannot read, limits and errors

unsupported-message = Я понимаю только текст. Напишите вопрос об операции «Жусан» словами — например: «Сколько детей вернули из Сирии?»
rate-limited = Вы пишете очень быстро — дайте мне пару секунд, и спросите снова.
error-generic = Что-то пошло не так, и я не смог ответить. Попробуйте ещё раз чуть позже.
error-not-saved = Не получилось сохранить это: хранилище бота сейчас недоступно. На вопросы я отвечаю как обычно; попробуйте ещё раз позже.

## Menus

menu-main-title =
    <b>Операция «Жусан»</b>
    Листайте хронологию событий или карточки ключевых людей и организаций — у каждой записи есть источники.
menu-timeline = 📅 Хронология
menu-figures = 👤 Ключевые фигуры
menu-language = 🌐 Қазақша
menu-help = ❔ Помощь
menu-main = 🏠 Меню
menu-back = ⬅️ Назад
menu-prev = ◀️ Раньше
menu-next = Позже ▶️
menu-timeline-title =
    <b>Хронология операции «Жусан»</b>
    Страница { $page } из { $pages }. Выберите событие:
menu-event-prev = ◀️ Предыдущее
menu-event-next = Следующее ▶️
menu-event-list = 📋 К списку
menu-event-who = Кто поручил и кто провёл
menu-event-numbers = Цифры
menu-event-dispute = Где источники расходятся
menu-sources = Источники:
menu-figures-title =
    <b>Ключевые фигуры</b>
    Люди и организации, связанные с операцией «Жусан». Выберите группу:
menu-group-kazakhstan = 🇰🇿 Казахстан
menu-group-usa = 🇺🇸 США
menu-group-un = 🇺🇳 ООН
menu-group-other = 👥 Другие
menu-group-title =
    <b>{ $group }</b>
    Выберите человека или организацию:
menu-ask-about = ❓ Спросить: { $name }
menu-ask-question = Что известно о { $name } в связи с операцией «Жусан»?
menu-outdated = Эта кнопка устарела — вот свежее меню.
answer-open-event = 📅 Открыть в хронологии
answer-open-figure = 👤 Открыть карточку

date-short-day = { DATETIME($date, day: "numeric", month: "short", year: "numeric") }
date-short-month = { DATETIME($date, month: "short", year: "numeric") }

## Groups and inline mode

group-help =
    <b>Как спросить меня в группе</b>
    • <code>/ask вопрос</code> — например: <code>/ask Сколько детей вернули из Ирака?</code>
    • <code>/ask</code> ответом на чьё-то сообщение — отвечу на вопрос из него
    • упомяните меня: <code>@{ $bot } вопрос</code>
    • ответьте на моё сообщение
    Остальные сообщения группы я не читаю и на них не отвечаю. В любом чате можно набрать <code>@{ $bot } вопрос</code> и выбрать ответ с источником.
group-intro =
    Здравствуйте! Я отвечаю на вопросы об операции «Жусан» цитатами из источников со ссылками.
    Спросите: <code>/ask вопрос</code>, упомяните меня (@{ $bot }) или ответьте на моё сообщение. На остальное я не отвечаю.
group-ask-usage = Напишите вопрос после команды: /ask Когда был первый этап операции «Жусан»? — или ответьте командой /ask на сообщение с вопросом.
inline-open-bot = 🤖 Спросить @{ $bot }
inline-not-found-title = Ничего не нашлось
inline-not-found-message = В источниках бота об операции «Жусан» ответа на этот вопрос нет.
inline-not-found-button = Спросить в чате с ботом
inline-message-buttons = Эти кнопки работают только в чате со мной: откройте @{ $bot } и отправьте /menu.

## Subscriptions and announcements

menu-subscribe = 🔔 Подписаться на новое
menu-unsubscribe = 🔕 Отписаться
subscribe-done = Готово: когда появятся новые материалы об операции «Жусан», я пришлю короткое сообщение со ссылкой. Отписаться — /unsubscribe.
subscribe-already = Вы уже подписаны. Отписаться — /unsubscribe.
unsubscribe-done = Вы отписались и больше не будете получать сообщения о новых материалах. Подписаться снова — /subscribe.
unsubscribe-already = Вы и не были подписаны. Подписаться — /subscribe.
subscribe-admins-only = Подписать или отписать группу может только её администратор.
subscribe-not-here = Здесь подписаться нельзя.
menu-subscription = 🔔 Подписка
follow-title = Подписка на новые материалы
follow-everything = Всё новое
follow-now = ⚡ Сразу
follow-week = 📅 Раз в неделю
follow-nothing = 🔕 Отписаться от всего
follow-status-none = Вы не подписаны. Выберите, что присылать: всё новое или только нужные темы.
follow-status = Вы следите за:
follow-status-everything = всеми новыми материалами
follow-status-now = Сообщения приходят сразу после публикации.
follow-status-week = Раз в неделю: дайджест по понедельникам в 10:00 по времени Астаны.
follow-figures-hint = Чтобы следить за человеком или организацией, откройте карточку в /figures и нажмите «🔔 Следить за новостями».
follow-figure = 🔔 Следить за новостями
follow-figure-stop = 🔕 Не следить
digest-title = Дайджест за неделю: { $from } – { $to }
digest-more = …и ещё { $count } { $count ->
        [one] материал, не поместившийся
        [few] материала, не поместившихся
       *[many] материалов, не поместившихся
    } в сообщение.
digest-footer = Настроить подписку — /subscribe, отписаться — /unsubscribe.
announce-article = Новый материал об операции «Жусан»
announce-event = Новое в хронологии операции «Жусан»
announce-read = Читать
announce-in-russian = (на русском языке)
announce-in-kazakh = (на казахском языке)
announce-unsubscribe = Отписаться от новостей: /unsubscribe

## Unknown commands and admins

unknown-command =
    Такой команды я не знаю. Мои команды:
    /menu — хронология и ключевые фигуры
    /subscribe — подписка на новые материалы
    /language — язык
    /help — как мной пользоваться
    А вопрос пишите просто текстом, без «/»: например, «Что означает название «Жусан»?»
group-unknown-command = Такой команды я не знаю. Здесь работают /ask с вопросом, /subscribe, /unsubscribe и /help; ещё можно спросить меня так: @{ $bot } вопрос.
stats =
    <b>Статистика</b>
    Подписчиков: { $ru } на русском, { $kk } на казахском
    Вопросов сегодня: { $answered } с ответом, { $notFound } без ответа
    Рассылка: { $pending } ждут отправки, { $sent } отправлено, { $failed } не доставлено

    <b>Частые вопросы без ответа (7 дней)</b>
    { $top }

    <b>Ответы с оценкой 👎 (30 дней)</b>
    { $disliked }
admin-private-only = Статистику и публикацию я показываю только в личном чате со мной: здесь их увидели бы все.
stats-none = пока нет
publish-done = База знаний обновлена. Нового: { $items }; в очереди рассылки сообщений: { $messages }.
publish-nothing = База знаний обновлена; нового для рассылки нет.
publish-baseline = База знаний загружена. Это первая публикация: текущие материалы считаются уже известными и не рассылаются.
publish-invalid =
    База знаний не прошла проверку, ничего не изменилось:
    { $problems }
publish-more-problems = … и ещё { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }

## Review of the new material the feed watcher finds (admins)

review-card =
    📰 <b>Новый материал на проверку</b>

    <b>{ $title }</b>
    { $outlet }, { $published }

    { $lead }

    🔗 { $url }
    Темы: { $topics }
review-no-topics = не определены
review-publish = ✅ Опубликовать
review-edit = ✏️ Изменить заголовок
review-reject = ❌ Отклонить
review-when = { DATETIME($date, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit") }
review-status-publishing = ⏳ Публикуется: { $name }, { $when }
review-status-published = ✅ Опубликовано: { $name }, { $when }
review-status-rejected = ❌ Отклонено: { $name }, { $when }
review-decided-publishing = Этот материал уже публикуется — решение администратора { $name } от { $when }.
review-decided-published = Этот материал уже опубликован — решение администратора { $name } от { $when }.
review-decided-rejected = Этот материал уже отклонён — решение администратора { $name } от { $when }.
review-yours-publishing = Этот материал уже публикуется по вашему решению.
review-yours-published = Вы уже опубликовали этот материал.
review-yours-rejected = Вы уже отклонили этот материал.
review-missing = Этого материала больше нет в очереди на проверку.
review-try-again = Материал только что изменился. Попробуйте ещё раз.
review-published = Опубликовано. Сообщений в очереди рассылки: { $messages }.
review-rejected = Отклонено: этот материал больше не появится.
review-edit-prompt = Пришлите новый заголовок для «{ $title }» одним сообщением. Жду { $minutes } мин.; отменить — /cancel.
review-edit-cancelled = Изменение заголовка отменено.
review-title-too-short = Слишком короткий заголовок. Пришлите другой или отмените — /cancel.
review-title-too-long = Заголовок длиннее { $max } символов. Пришлите покороче или отмените — /cancel.
review-title-changed = Заголовок изменён. Вот материал с новым заголовком:
review-list = Ждут проверки: { $count }.
review-more = … и ещё { $count } — покажу их по команде /review, когда вы разберёте эти.
review-empty = Новых материалов на проверку нет.
review-private-only = Материалы на проверку я показываю только в личном чате со мной.
review-admins-only = Проверять новые материалы могут только администраторы бота.

## Bot commands (the menu next to the message field)

command-ask = Спросить: /ask вопрос
command-subscribe = Подписаться на новые материалы
command-unsubscribe = Отписаться от новых материалов
command-start = Начало и примеры вопросов
command-help = Как пользоваться ботом
command-language = Язык: русский или казахский
command-menu = Меню: хронология и фигуры
command-timeline = Хронология операции
command-figures = Ключевые люди и организации

## Dates of sources; $date is a date, $year a year

date-day = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
date-month = { DATETIME($date, month: "long", year: "numeric") }
date-year = { $year } г.
date-unknown = дата не указана

## npm run chat: the bot in a terminal
chat-intro = Чат с ботом «Жусан» в терминале. Пишите вопросы и команды (/start, /menu, /help, /language); число нажимает кнопку последнего сообщения; Ctrl+D — выход.
chat-you = вы:
chat-bot = бот:
chat-bot-edited = бот (сообщение изменено):
chat-link-button = это кнопка-ссылка: откройте её адрес
chat-no-button = Кнопки с номером { $number } нет — выберите номер из списка или напишите вопрос словами.
chat-usage = Запуск: npm run chat -- [--lang ru|kk]   (--lang — язык, на котором вы пишете; по умолчанию русский)
chat-guest = Гость
