## Greeting and help

start-greeting =
    Сәлеметсіз бе, { $name }! Мен «Жусан» операциясы туралы сұрақтарға жауап беремін — бұл 2019–2021 жылдары Қазақстан азаматтарын, негізінен әйелдер мен балаларды, Сирия мен Ирактағы қақтығыс аймақтарынан елге қайтару және оларды оңалту операциясы.

    Маған қазақша не орысша жазыңыз — дереккөзден үзінді келтіріп, сілтемесін беремін. Дереккөздерімде жауап болмаса, солай деп айтамын.
start-examples-title = Мына сұрақтарды қойып көріңіз:
example-1 = «Жусанның» бірінші кезеңінде қанша адам оралды?
example-2 = «Русафа» операциясын кім басқарды?
example-3 = «Жусан» атауы нені білдіреді?
example-4 = Елге оралғандар қайда оңалтудан өтті?

help =
    <b>Менімен қалай сөйлесуге болады</b>
    «Жусан» операциясы туралы сұрағыңызды қазақша не орысша жаза беріңіз. Дереккөзден үзінді келтіріп, оған сілтеме беремін; жауаптың астында осы тақырып бойынша тағы не табылғанын көрсететін батырмалар болады.

    <b>Командалар</b>
    /start — бастау және сұрақ мысалдары
    /menu — мәзір: хронология және негізгі тұлғалар
    /timeline — операция хронологиясы, оқиғалар бойынша
    /figures — негізгі адамдар мен ұйымдар
    /subscribe, /unsubscribe — жаңа материалдарға жазылу және бас тарту
    /language — интерфейс тілі (қазақша не орысша)
    /help — осы анықтама

    Жауап сұрақ қойылған тілде беріледі. Мен ойдан ештеңе қоспаймын: дереккөздерде жауап болмаса, соны айтамын.

## Language

language-choose = Сізбен қай тілде сөйлесейін?
language-set = Жарайды, енді сізбен қазақша сөйлесемін.
language-button-ru = Русский
language-button-kk = Қазақша

## Answers

answer-source = Дереккөз: { $title } — { $outlet }, { $date }
answer-source-untitled = Дереккөз: { $outlet }, { $date }
answer-source-translated = Дереккөз: { $title } — { $outlet }, { $date } (аударма; түпнұсқасы орыс тілінде)
answer-link = 📄 <a href="{ $url }">{ $title }</a> — { $outlet }, { $date }
answer-link-untitled = 📄 <a href="{ $url }">{ $outlet }</a>, { $date }
answer-link-translated = 📄 <a href="{ $url }">{ $title }</a> — { $outlet }, { $date } (аударма; түпнұсқасы орыс тілінде)
answer-also = Осы тақырып бойынша тағы:
answer-quote-in-russian = (үзінді орыс тілінде)
answer-quote-in-kazakh = (үзінді қазақ тілінде)
answer-not-found =
    Өкінішке қарай, менің дереккөздерімде бұл сұраққа жауап жоқ, ал ойдан шығармаймын.
    Сұрағыңызды басқаша қойып көріңіз немесе мысалдарды қараңыз: /start
answer-empty =
    Сұрағыңызды сөзбен жазыңыз, мысалы: «Жусан» операциясының бірінші кезеңі қашан өтті?»
answer-button-outdated = Бұл батырма ескірген — сұрағыңызды қайта қойыңызшы.

## Things the bot cannot read, limits and errors

unsupported-message = Мен тек мәтінді түсінемін. «Жусан» операциясы туралы сұрағыңызды сөзбен жазыңыз, мысалы: «Сириядан қанша бала оралды?»
rate-limited = Тым жылдам жазып жатырсыз — бірер секунд күте тұрып, қайта сұраңыз.
error-generic = Бірдеңе дұрыс болмай, жауап бере алмадым. Сәлден соң қайталап көріңізші.

## Menus

menu-main-title =
    <b>«Жусан» операциясы</b>
    Оқиғалар хронологиясын немесе негізгі тұлғалар мен ұйымдардың карточкаларын қараңыз — әр жазбаның дереккөзі бар.
menu-timeline = 📅 Хронология
menu-figures = 👤 Негізгі тұлғалар
menu-language = 🌐 Русский
menu-help = ❔ Анықтама
menu-main = 🏠 Мәзір
menu-back = ⬅️ Артқа
menu-prev = ◀️ Ертерек
menu-next = Кейінірек ▶️
menu-timeline-title =
    <b>«Жусан» операциясының хронологиясы</b>
    { $pages } беттің { $page }-беті. Оқиғаны таңдаңыз:
menu-event-prev = ◀️ Алдыңғы
menu-event-next = Келесі ▶️
menu-event-list = 📋 Тізімге
menu-event-who = Кім тапсырды, кім жүргізді
menu-event-numbers = Сандар
menu-event-dispute = Дереккөздер қай жерде келіспейді
menu-sources = Дереккөздер:
menu-figures-title =
    <b>Негізгі тұлғалар</b>
    «Жусан» операциясына қатысты адамдар мен ұйымдар. Топты таңдаңыз:
menu-group-kazakhstan = 🇰🇿 Қазақстан
menu-group-usa = 🇺🇸 АҚШ
menu-group-un = 🇺🇳 БҰҰ
menu-group-other = 👥 Басқалар
menu-group-title =
    <b>{ $group }</b>
    Адамды немесе ұйымды таңдаңыз:
menu-ask-about = ❓ Сұрау: { $name }
menu-ask-question = { $name } кім және «Жусан» операциясында не істеді?
menu-outdated = Бұл батырма ескірген — міне, жаңа мәзір.
answer-open-event = 📅 Хронологиядан ашу
answer-open-figure = 👤 Карточкасын ашу

date-short-day = { DATETIME($date, day: "numeric", month: "short", year: "numeric") }
date-short-month = { DATETIME($date, month: "short", year: "numeric") }

## Groups and inline mode

group-help =
    <b>Топта менен қалай сұрауға болады</b>
    • <code>/ask сұрақ</code> — мысалы: <code>/ask Ирактан қанша бала оралды?</code>
    • біреудің хабарламасына <code>/ask</code> деп жауап беріңіз — сондағы сұраққа жауап беремін
    • мені атап өтіңіз: <code>@{ $bot } сұрақ</code>
    • менің хабарламама жауап жазыңыз
    Топтағы басқа хабарламаларды оқымаймын және оларға жауап бермеймін. Кез келген чатта <code>@{ $bot } сұрақ</code> деп теріп, дереккөзі бар жауапты таңдауға болады.
group-intro =
    Сәлеметсіздер ме! Мен «Жусан» операциясы туралы сұрақтарға дереккөздерден үзінді келтіріп, сілтемесімен жауап беремін.
    Сұрау үшін: <code>/ask сұрақ</code> деп жазыңыз, мені атап өтіңіз (@{ $bot }) немесе менің хабарламама жауап беріңіз. Басқа хабарламаларға жауап бермеймін.
group-ask-usage = Сұрағыңызды командадан кейін жазыңыз: /ask «Жусанның» бірінші кезеңі қашан өтті? — немесе сұрағы бар хабарламаға /ask деп жауап беріңіз.
inline-open-bot = 🤖 @{ $bot } ботынан сұрау
inline-not-found-title = Ештеңе табылмады
inline-not-found-message = «Жусан» операциясы туралы боттың дереккөздерінде бұл сұраққа жауап жоқ.
inline-not-found-button = Ботпен чатта сұрау

## Subscriptions and announcements

menu-subscribe = 🔔 Жаңалықтарға жазылу
menu-unsubscribe = 🔕 Жазылымнан шығу
subscribe-done = Дайын: «Жусан» операциясы туралы жаңа материал шыққанда, сілтемесі бар қысқа хабарлама жіберемін. Жазылымнан шығу — /unsubscribe.
subscribe-already = Сіз жазылып қойғансыз. Жазылымнан шығу — /unsubscribe.
unsubscribe-done = Жазылымнан шықтыңыз, енді жаңа материалдар туралы хабарлама келмейді. Қайта жазылу — /subscribe.
unsubscribe-already = Сіз жазылмаған едіңіз. Жазылу — /subscribe.
subscribe-admins-only = Топты жазылымға тек оның әкімшісі қоса не шығара алады.
subscribe-not-here = Мұнда жазылуға болмайды.
announce-article = «Жусан» операциясы туралы жаңа материал
announce-event = «Жусан» операциясының хронологиясында жаңа жазба
announce-read = Оқу
announce-in-russian = (орыс тілінде)
announce-in-kazakh = (қазақ тілінде)
announce-unsubscribe = Жаңалықтардан бас тарту: /unsubscribe

## Unknown commands and admins

unknown-command = Мұндай команданы білмеймін. Не істей алатынымды мына жерден қараңыз: /help
stats =
    <b>Статистика</b>
    Жазылушылар: орыс тілінде { $ru }, қазақ тілінде { $kk }
    Бүгінгі сұрақтар: жауабы барлары — { $answered }, жауапсыздары — { $notFound }
    Тарату: жіберілуін күтіп тұрғаны — { $pending }, жіберілгені — { $sent }, жеткізілмегені — { $failed }

    <b>Жауабы табылмаған жиі сұрақтар (7 күн)</b>
    { $top }
stats-none = әзірге жоқ
publish-done = Білім қоры жаңартылды. Жаңа материал: { $items }; тарату кезегіндегі хабарламалар: { $messages }.
publish-nothing = Білім қоры жаңартылды; таратуға жаңа материал жоқ.
publish-baseline = Білім қоры жүктелді. Бұл алғашқы жариялау: қазіргі материалдар бұрыннан белгілі деп саналады да, таратылмайды.
publish-invalid =
    Білім қоры тексеруден өтпеді, ештеңе өзгерген жоқ:
    { $problems }

## Bot commands (the menu next to the message field)

command-ask = Сұрау: /ask сұрақ
command-subscribe = Жаңа материалдарға жазылу
command-unsubscribe = Жаңа материалдардан бас тарту
command-start = Бастау және сұрақ мысалдары
command-help = Ботты қалай пайдалану керек
command-language = Тіл: қазақша не орысша
command-menu = Мәзір: хронология және тұлғалар
command-timeline = Операция хронологиясы
command-figures = Негізгі адамдар мен ұйымдар

## Dates of sources; $date is a date, $year a year

date-day = { DATETIME($date, day: "numeric", month: "long", year: "numeric") }
date-month = { DATETIME($date, month: "long", year: "numeric") }
date-year = { $year } ж.
date-unknown = күні көрсетілмеген
