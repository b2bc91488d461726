/*
 * Greetings, thanks and requests to answer carry no content: "Добрый день, а кто был инициатором
 * операции? Спасибо!" asks what "кто был инициатором операции" asks. They are cut out before a
 * question is analysed, as whole phrases, because their words ("день", "күн", "бе") can mean
 * something elsewhere. Matching is on folded text (қ → к …): Kazakh typed without its letters counts.
 */
import { foldKazakh } from "./normalize.ts";

const PHRASES = [
  // Russian greetings and goodbyes
  "добрый день",
  "добрый вечер",
  "доброе утро",
  "доброго дня",
  "доброго времени суток",
  "здравствуйте",
  "здравствуй",
  "здрасте",
  "привет",
  "приветствую",
  "салам",
  "салем",
  "ассалам алейкум",
  "ассаламу алейкум",
  "всего доброго",
  "хорошего дня",
  // Russian thanks and requests
  "заранее спасибо",
  "заранее благодарю",
  "большое спасибо",
  "спасибо большое",
  "спасибо заранее",
  "спасибо",
  "благодарю",
  "пожалуйста",
  "будьте добры",
  "будьте любезны",
  "не могли бы вы",
  "не подскажете",
  "подскажите",
  "скажите",
  "расскажите",
  "объясните",
  "поясните",
  "объяснить",
  "уточните",
  "извините",
  "простите",
  "можно вопрос",
  "у меня вопрос",
  "вопрос такой",
  "хотел бы узнать",
  "хотела бы узнать",
  "хочу узнать",
  "хотелось бы узнать",
  "интересует",
  "если не трудно",
  "если можно",
  // Kazakh greetings and goodbyes
  "сәлеметсіз бе",
  "сәлеметсіздер ме",
  "сәлеметсің бе",
  "саламатсыз ба",
  "сәлеметсізбе",
  "саламатсызба",
  "сәлем",
  "қайырлы күн",
  "қайырлы кеш",
  "қайырлы таң",
  "армысыз",
  "ассалаумағалейкум",
  "ассалаумалейкум",
  "сау болыңыз",
  // Kazakh thanks and requests
  "алдын ала рахмет",
  "алдын ала алғыс",
  "көп рахмет",
  "рахмет",
  "рақмет",
  "алғыс айтамын",
  "айтып жіберіңізші",
  "айтып жіберіңіз",
  "айтып беріңізші",
  "айтып беріңіз",
  "айтыңызшы",
  "айтыңыз",
  "айтшы",
  "түсіндіріп беріңізші",
  "түсіндіріп",
  "түсіндіріңізші",
  "түсіндіріңіз",
  "кешіріңіз",
  "өтінемін",
  "өтініш",
  "білгім келеді",
  "білгім келіп еді",
  "білейін деп едім",
  "сұрайын деп едім",
  "сұрағым бар",
  "бір сұрақ",
  "көмектессеңіз",
  "айтып бере аласыз ба",
  "айтып бере аласыз",
  "бере аласыз ба",
  "жібере аласыз ба",
  "білуге бола ма",
  "маған",
  "қызықтырады",
];

/** Longer phrases first, so that "заранее спасибо" goes whole rather than leaving "заранее". */
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...PHRASES]
    .sort((a, b) => b.length - a.length)
    .map((p) => foldKazakh(p).replace(/ /g, "\\s+"))
    .join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

/** The text with its courtesies blanked out by spaces, so that the other words stay where they were. */
export function stripCourtesy(text: string): string {
  const folded = foldKazakh(text.toLowerCase()).replace(/ё/g, "е");
  if (folded.length !== text.length) return text;
  let out = text;
  for (const match of folded.matchAll(PATTERN)) {
    const start = match.index ?? 0;
    out = out.slice(0, start) + " ".repeat(match[0].length) + out.slice(start + match[0].length);
  }
  return out;
}
