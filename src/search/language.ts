import { otherLang, type Lang } from "../knowledge/types.ts";
import { KAZAKH_LETTERS, foldKazakh } from "./normalize.ts";

const KAZAKH_WORDS = new Set(
  `неше қанша кім кімдер қашан қайда қайдан туралы және үшін қандай қалай деген дегеніміз неге
   неліктен ма ме ба бе па пе бар жоқ болды болған еді екен мен бен пен осы бұл ол қай айтыңыз`
    .split(/\s+/)
    .map((w) => foldKazakh(w)),
);
const RUSSIAN_WORDS = new Set(
  `сколько кто когда где что как какой какая какие каких почему зачем и в во на с со по о об для
   из от был была были было это ли такое же не ни или чем сколько кого кому расскажи`.split(/\s+/),
);
const AMBIGUOUS = new Set(["не", "ни"]);
const KAZAKH_ENDING = /(лар|лер|дар|дер|тар|тер|ның|нің|дың|дің|тың|тің|ға|ге|қа|ке)$/;
const RUSSIAN_ENDING = /(ого|его|ому|ему|ами|ями|ыми|ими|ться|тся|ание|ение|ция|ции|ый|ий|ой)$/;
const RUSSIAN_LETTERS = /[щъэ]/;
/** Endings of a finite verb (folded), the word that frames a question in either language. */
const KAZAKH_VERB = /(ды|ди|ты|ти|ган|ген|кан|кен)$/;
const RUSSIAN_VERB = /(ал|ил|ел|ял|ла|ли|ло|ет|ит|ют|ят|ут|ать|ить|ется|ится|ются|ятся|тся|лся|лась|лись)$/;

/**
 * The language of a question from its words (normalized), or null when nothing tells them
 * apart (names, numbers, Latin). `onlyIn` tells which language alone has a word (in the
 * knowledge base), so that a Russian «среди» or «ответственности» is not taken for a Kazakh verb.
 */
export function detectLanguage(words: string[], onlyIn: (word: string) => Lang | null = () => null): Lang | null {
  let kk = 0;
  let ru = 0;
  // Function words: in a message that mixes the two languages ("Жусан-3 кезінде сколько жетім
  // бала вывезли?") they, not the nouns, say which language the question is asked in.
  let kkFunction = 0;
  let ruFunction = 0;
  // The language of the last function word or verb: the one the question is built in («… сколько
  // женщин оралды деп жазылған?» is a Kazakh sentence with Russian words in it).
  let frame: Lang | null = null;
  for (const word of words) {
    if (KAZAKH_LETTERS.test(word)) kk += 2;
    if (RUSSIAN_LETTERS.test(word)) ru += 1;
    const folded = foldKazakh(word);
    if (KAZAKH_WORDS.has(folded)) {
      kk += 3;
      kkFunction++;
    }
    // Kazakh asks "не" (what), and "Ни" begins Ní Aoláin's name: they tell nothing.
    if (RUSSIAN_WORDS.has(word) && !AMBIGUOUS.has(word)) {
      ru += 2;
      ruFunction++;
    }
    let sole: Lang | null | undefined;
    const verbOf = (lang: Lang) =>
      word.length > 3 &&
      (lang === "kk" ? KAZAKH_VERB.test(folded) : !KAZAKH_LETTERS.test(word) && RUSSIAN_VERB.test(word)) &&
      (sole === undefined ? (sole = onlyIn(word)) : sole) !== otherLang(lang);
    if (KAZAKH_WORDS.has(folded) || (verbOf("kk") && !RUSSIAN_WORDS.has(word))) frame = "kk";
    else if ((RUSSIAN_WORDS.has(word) && !AMBIGUOUS.has(word)) || verbOf("ru")) frame = "ru";
    if (word.length > 4 && KAZAKH_ENDING.test(word)) kk += 1;
    if (word.length > 4 && RUSSIAN_ENDING.test(word)) ru += 1;
    // Kazakh writes Europe with "еу" (Еуропа), Russian with "ев" (Европа).
    if (/^еур/.test(word)) kk += 2;
  }
  if (kk > 0 && ru > 0 && frame) return frame;
  if (kk > 0 && ru > 0 && kkFunction !== ruFunction) return kkFunction > ruFunction ? "kk" : "ru";
  if (kk === ru) return null;
  return kk > ru ? "kk" : "ru";
}
