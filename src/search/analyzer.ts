import { LANGS, otherLang, type Lang } from "../knowledge/types.ts";
import { GLOSSARY } from "./glossary.ts";
import { editDistanceAtMostOne } from "./edit-distance.ts";
import { detectLanguage } from "./language.ts";
import { stripCourtesy } from "./courtesy.ts";
import { cyrillize } from "./latin.ts";
import { trigrams, type WordForm } from "./ngrams.ts";
import { isPersonalRequest } from "./requests.ts";
import { KAZAKH_LETTERS, foldKazakh, normalize } from "./normalize.ts";
import { stemKazakh } from "./stem-kk.ts";
import { stemRussian } from "./stem-ru.ts";
import { LATEST_WORDS, LIGHT_VERBS, QUESTION_WORDS, STOP_WORDS, WEAK_TYPE_WORDS, type QuestionType } from "./stopwords.ts";
import { tokenize } from "./tokenize.ts";

/** Concept terms start with this, so they never collide with a stem and are never fuzzy-matched. */
export const CONCEPT_PREFIX = "_";

const YEAR = /^(19|20)\d\d$/;
const YEAR_WORD: Record<Lang, string> = { ru: stemRussian("года"), kk: stemKazakh("жылғы") };
/** "в каком году", "в каком городе", "қай жылы": only after these do WEAK_TYPE_WORDS say what is asked. */
const WHICH = new Set(["каком", "какого", "какой", "кай", "нешинши"]);

/** Words that give a reason or a meaning: a passage with one answers "why" (folded, so Kazakh as typed without its letters too). */
const REASON = new RegExp(
  `(?<!\\p{L})(${[
    "потому что", "так как", "поскольку", "чтобы", "из-за", "ради", "в честь", "по названию", "по имени", "символ\\p{L}*",
    "означа\\p{L}*", "связыва\\p{L}*", "связан\\p{L}*", "причин\\p{L}*", "цель\\p{L}*", "целью",
    "себебі", "өйткені", "үшін", "нышан\\p{L}*", "білдір\\p{L}*", "атымен", "байланыст\\p{L}*", "мақсат\\p{L}*", "себеп\\p{L}*",
  ]
    .map((w) => foldKazakh(w))
    .join("|")})(?!\\p{L})`,
  "u",
);

/** Jusan Bank and its sister companies share the operation's name: "Жусан" before one of these words is the brand. */
const BRAND_NAMES = "банк bank мобайл mobile инвест invest бизнес business гарант garant лайф life пэй pay".split(" ");
const BRAND = new RegExp(`(?<!\\p{L})(жусан|jusan|zhusan)(?=[\\s-]+(${BRAND_NAMES.join("|")}))`, "giu");

/** At most this many searchable words of a question are used; the rest of a long text is ignored. */
export const MAX_QUERY_TERMS = 32;
/** Only the beginning of a longer text is read: no question is that long. */
const MAX_QUERY_CHARS = 1000;
/**
 * A Kazakh word in the first person («оқимын», «жатырмыз», «мұғаліммін»): the asker speaks of
 * themself, which the sources, all in the third person, never answer. Dropped unless the index has it.
 */
const SPEAKER_KK = /\p{L}{3}(мын|мин|пын|пин|бын|бин|мыз|миз|пыз|пиз|быз|биз)$/u;

export interface QueryTerm {
  word: string;
  /** Stems to look for: one per stemmer that could apply to the word. */
  stems: string[];
  concepts: string[];
  /** A capitalised name of a person, or of something the glossary does not know: the answer must be about it. */
  proper: boolean;
  /** Has a verb's ending: a word that often differs from the sources' wording without changing the question. */
  verbLike: boolean;
  /** Next to a question word ("сколько денег", "ұшқышы кім"): what the question asks about. */
  focus: boolean;
  /** Written with a capital letter (a name, or the first word). */
  capitalized: boolean;
  /** The first word of a sentence, capitalised whether or not it is a name. */
  first: boolean;
  /**
   * Only in the sentences around the question ("Я журналист, сдаю текст сегодня. Сколько…?"):
   * background that weighs less, and that need not be in the answer.
   */
  context: boolean;
}

export interface QueryAnalysis {
  /** The question's language, or null when its words do not tell. */
  lang: Lang | null;
  type: QuestionType;
  terms: QueryTerm[];
  /** The question had more searchable words than MAX_QUERY_TERMS. */
  truncated: boolean;
  /** The question asks how things stand now ("сейчас", "қазір"). */
  latest: boolean;
  /** The message asks for help with a personal case (a contact, a lawyer, how to file), not about the sources. */
  personal: boolean;
}

/** Concept terms of the names of people and bodies: `_fig_<figure id>`. */
export const FIGURE_CONCEPT = `${CONCEPT_PREFIX}fig_`;

/** Extra concept words: names of people and bodies from the knowledge base, in any script. */
export interface NameConcept {
  /** The concept term, e.g. `_fig_sales`. */
  concept: string;
  words: string[];
}

const stemFor = (word: string, lang: Lang) =>
  /^[\p{N}a-z]+$/u.test(word) ? word : lang === "kk" || KAZAKH_LETTERS.test(word) ? stemKazakh(word) : stemRussian(word);

const isSearchable = (word: string) => {
  const folded = foldKazakh(word);
  return (word.length > 1 || /\d/.test(word)) && !STOP_WORDS.has(folded) && !QUESTION_WORDS.has(folded) && !WEAK_TYPE_WORDS.has(folded);
};

const VERB_ENDING: Record<Lang, RegExp> = {
  ru: /(ть|ться|ет|ют|ят|ит|ут|ется|ются|ится|ятся|ил|ыл|ал|ял|ел|ла|ли|ло|лся|лась|лось|лись|вши|вшись)$/,
  kk: /(ды|ді|ты|ті|ған|ген|қан|кен|ады|еді|йды|йді|ып|іп|у|мақ|мек|атын|етін|ған|ды|ді|са|се)$/,
};

/** Words that open a question ("что", "какой", "қандай") besides QUESTION_WORDS: the word next to one is its focus. */
const QUESTION_OPENERS = new Set(
  "что какой какая какое какие какого какому каким каком какую каких каков какова каково как почему зачем отчего чем не қандай қалай неге неліктен қай қайсы"
    .split(" ")
    .map((w) => foldKazakh(w)),
);

const opensQuestion = (word: string) => {
  const folded = foldKazakh(word);
  return QUESTION_WORDS.has(folded) || QUESTION_OPENERS.has(folded);
};

/**
 * The searchable words next to a question word: the first after it ("сколько денег", "как
 * звали пилота") or, as Kazakh puts the question word last, the one before it ("ұшқышы кім").
 */
function focusWords(words: string[]): Set<string> {
  const focus = new Set<string>();
  words.forEach((word, i) => {
    if (!opensQuestion(word)) return;
    const after = words.slice(i + 1).find((w) => isSearchable(w) || opensQuestion(w));
    const before = words.slice(0, i).reverse().find((w) => isSearchable(w) || opensQuestion(w));
    for (const neighbour of [after, before]) if (neighbour && isSearchable(neighbour)) focus.add(neighbour);
  });
  return focus;
}

const STAGE_ORDINALS: Record<number, string> = { 1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth" };
const STAGE_CONCEPT = `${CONCEPT_PREFIX}stage`;
const ZHUSAN_CONCEPT = `${CONCEPT_PREFIX}zhusan`;
/** What follows a digit written as an ordinal: «3-й», «3-ші», «2-нші» (folded). */
const ORDINAL_ENDING = /^(й|я|е|ий|ый|ой|ая|ши|шы|нши|ншы|инши)$/;

const CONSONANT = "[бвгджзйклмнпрстфхцчшщғқңһ]";
/** Two different consonants at the end, or three in a row: where a vowel was most likely left out. */
const VOWELLESS = new RegExp(`(${CONSONANT})(?!\\1)${CONSONANT}$|${CONSONANT}{3}`);

/** The word with one vowel put back where fast typing left it out («жетімдр», «адм», «балалр»). */
function withVowelRestored(word: string): string[] {
  if (word.length < 3 || !/^[а-яәғқңөұүһі]+$/.test(word) || !VOWELLESS.test(word)) return [];
  const variants: string[] = [];
  for (let i = word.length; i >= 1; i--) {
    for (const vowel of "аеиоуыі") variants.push(word.slice(0, i) + vowel + word.slice(i));
  }
  return variants;
}

/**
 * Every variant of a word with two neighbouring letters swapped ("опреации" → "операции"); only
 * for longer words, where a swap rarely turns one real word into another.
 */
function swappedLetters(word: string): string[] {
  if (word.length < 6 || /\d/.test(word)) return [];
  const variants: string[] = [];
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] !== word[i + 1]) variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return variants;
}

/** Words written with a capital letter anywhere, all-capital words excepted (normalized). */
function capitalizedWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(/\p{Lu}[\p{L}-]*/gu)) {
    if (match[0].length > 1 && match[0] !== match[0].toUpperCase()) tokenize(match[0]).forEach((w) => words.add(w));
  }
  return words;
}

/** A sentence of a user's message, and whether it is (part of) the question. */
interface MessageSentence {
  text: string;
  words: string[];
  /** For each word, whether it opens a clause after a comma ("…, когда его привезли"). */
  afterComma: boolean[];
  asks: boolean;
  /** Taken into the question only for what it tells: its question words ask nothing. */
  told?: true;
}

/** Kazakh question particles, folded: "келді ме", "бар ма". */
const KAZAKH_PARTICLES = new Set(["ма", "ме", "ба", "бе", "па", "пе", "ше", "шы", "ши"]);

/**
 * The message cut into sentences, each marked as asking (a question mark, a question word, a
 * Kazakh question particle) or not. When no sentence asks, or the message is one sentence, they
 * all count as the question.
 */
function messageSentences(text: string): MessageSentence[] {
  const parts = text.split(/(?<=[.!?…;\n])\s+/u).filter((p) => tokenize(p).length > 0);
  const sentences = parts.map((text) => {
    const clauses = text.split(",").map((clause) => tokenize(clause));
    const words = clauses.flat();
    const afterComma = clauses.flatMap((clause, i) => clause.map((_, j) => j === 0 && clauses.slice(0, i).some((c) => c.length > 0)));
    // "Ему было 7, когда его привезли." tells, it does not ask: "когда", "где", "кто" after a comma are conjunctions.
    const asks =
      /\?/.test(text) ||
      words.some(
        (w, i) => ((QUESTION_OPENERS.has(foldKazakh(w)) || opensQuestion(w)) && !afterComma[i] && w !== "не") || KAZAKH_PARTICLES.has(foldKazakh(w)),
      );
    return { text, words, afterComma, asks };
  });
  if (sentences.length < 2 || !sentences.some((s) => s.asks)) return sentences.map((s) => ({ ...s, asks: true }));
  // "…сорвали вылет, какая-то страна не дала коридор. Какая это была страна?": a short question
  // points back to what the sentence before it told.
  const out = sentences.map((s) => ({ ...s }));
  for (let i = out.length - 1; i > 0; i--) {
    if (!sentences[i]?.asks) continue;
    let said = (out[i] as MessageSentence).words.filter(isSearchable).length;
    for (let j = i - 1; j >= 0 && said < REFERRING_QUESTION_WORDS && !sentences[j]?.asks; j--) {
      const before = out[j] as MessageSentence;
      before.asks = true;
      before.told = true;
      said += before.words.filter(isSearchable).length;
    }
  }
  return out;
}

/** An asking sentence with fewer searchable words than this takes in the sentences before it until they add up to as many. */
const REFERRING_QUESTION_WORDS = 4;


/** Words for an ambassador or an embassy (folded): before the country in Russian, after it in Kazakh. */
const DIPLOMAT_BEFORE = /^(посол|посл(а|у|ом)$|посольств)/;
const DIPLOMAT_AFTER = /^елши/;

const FUNCTION_WORDS = [...STOP_WORDS, ...QUESTION_WORDS.keys()];
const LONG_FUNCTION_WORDS = FUNCTION_WORDS.filter((w) => w.length >= 5);

/**
 * Short question and stop words with one vowel left out, as thumbs type them fast («қашн», «болд»,
 * «когд»): each form and the word it stands for; a form two words could give is left out.
 */
const VOWEL_DROPPED = (() => {
  const forms = new Map<string, string | null>();
  for (const word of FUNCTION_WORDS.filter((w) => w.length === 4 || w.length === 5)) {
    for (let i = 1; i < word.length; i++) {
      if (!/[аеиоуыэюя]/.test(word[i] as string)) continue;
      const form = word.slice(0, i) + word.slice(i + 1);
      if (STOP_WORDS.has(form) || QUESTION_WORDS.has(form)) continue;
      forms.set(form, forms.has(form) && forms.get(form) !== word ? null : word);
    }
  }
  return forms;
})();

/** A question word or stop word typed with one letter wrong ("сколко", "кайда", "қашн"), if the word is one. */
function misspeltFunctionWord(folded: string): string | null {
  if (folded.length < 5) return VOWEL_DROPPED.get(folded) ?? null;
  return LONG_FUNCTION_WORDS.find((w) => Math.abs(w.length - folded.length) <= 1 && editDistanceAtMostOne(w, folded)) ?? null;
}



/**
 * Turns text into search terms: stems in the text's language plus the concepts they stand for,
 * from the glossary and from the names in the knowledge base.
 */
export class Analyzer {
  private readonly concepts: Record<Lang, Map<string, string[]>> = { ru: new Map(), kk: new Map() };
  private readonly lightVerbs: Record<Lang, Set<string>> = {
    ru: new Set(tokenize(LIGHT_VERBS.ru).map((w) => stemFor(w, "ru"))),
    kk: new Set(tokenize(LIGHT_VERBS.kk).map((w) => stemFor(w, "kk"))),
  };
  readonly placeConcepts = new Set<string>();
  readonly dateConcepts = new Set<string>();
  readonly countryConcepts = new Set<string>();
  /** Concepts that belong to the operation's subject, names of its people and bodies included. */
  readonly topicalConcepts = new Set<string>();

  constructor(names: NameConcept[] = []) {
    for (const [id, concept] of Object.entries(GLOSSARY)) {
      const term = CONCEPT_PREFIX + id;
      for (const lang of ["ru", "kk"] as const) {
        for (const word of tokenize(concept[lang])) this.addConcept(lang, stemFor(word, lang), term);
      }
      if (concept.place) this.placeConcepts.add(term);
      if (concept.date) this.dateConcepts.add(term);
      if (concept.country) this.countryConcepts.add(term);
      if (concept.topical) this.topicalConcepts.add(term);
    }
    // A name word shared by two people ("Ержан") identifies neither.
    const owners = new Map<string, Set<string>>();
    for (const { concept, words } of names) {
      for (const word of words.flatMap((w) => tokenize(w)).filter(isSearchable)) {
        if (!owners.has(word)) owners.set(word, new Set());
        owners.get(word)?.add(concept);
      }
    }
    for (const { concept } of names) this.topicalConcepts.add(concept);
    for (const [word, concepts] of owners) {
      if (concepts.size !== 1) continue;
      const term = [...concepts][0] as string;
      this.addConcept("ru", stemFor(word, "ru"), term);
      this.addConcept("kk", stemFor(word, "kk"), term);
    }
  }

  private addConcept(lang: Lang, stem: string, term: string): void {
    const list = this.concepts[lang].get(stem);
    if (!list) this.concepts[lang].set(stem, [term]);
    else if (!list.includes(term)) list.push(term);
  }

  private conceptsOf(stem: string, lang: Lang): string[] {
    return this.concepts[lang].get(stem) ?? [];
  }

  /**
   * A country that is only where a diplomat serves ("посол Казахстана в России", «Ресейдегі
   * елшісі») is not the country the text is about: a question about Russia's own returns must
   * not be answered with what Kazakhstan's ambassador there said.
   */
  private atDiplomaticPost(concept: string, words: string[], i: number): boolean {
    if (!this.countryConcepts.has(concept)) return false;
    const folded = (w: string | undefined) => foldKazakh(w ?? "");
    return DIPLOMAT_AFTER.test(folded(words[i + 1])) || words.slice(Math.max(0, i - 3), i).some((w) => DIPLOMAT_BEFORE.test(folded(w)));
  }

  /**
   * «жусан 3», «3-й этап», «3-ші кезең»: the digit is the stage's number. Not «3 кезеңнен кейін»,
   * «после 3 этапов»: a bare digit before a stage counts stages.
   */
  private stageNumber(words: string[], i: number, langs: Lang[]): string[] {
    const ordinal = STAGE_ORDINALS[Number(words[i])];
    if (!ordinal || !/^\d$/.test(words[i] ?? "")) return [];
    const named = (w: string | undefined, concept: string) =>
      w !== undefined && langs.some((lang) => this.conceptsOf(stemFor(w, lang), lang).includes(concept));
    const written = ORDINAL_ENDING.test(foldKazakh(words[i + 1] ?? "")) && named(words[i + 2], STAGE_CONCEPT);
    return written || named(words[i - 1], ZHUSAN_CONCEPT) ? [CONCEPT_PREFIX + ordinal] : [];
  }

  /** The terms a passage in `lang` is indexed under. */
  indexTerms(text: string, lang: Lang): string[] {
    return this.termsOf(tokenize(text), lang);
  }

  /** The terms of a text already cut into words (by tokenize). */
  termsOf(words: string[], lang: Lang): string[] {
    const terms: string[] = [];
    words.forEach((word, i) => {
      if (!isSearchable(word)) return;
      const stem = stemFor(word, lang);
      // "2019 жылғы", "2019 года" only date the passage: "қанша жылға" asks for a number of years.
      if (stem === YEAR_WORD[lang] && YEAR.test(words[i - 1] ?? "")) return;
      if (!this.lightVerbs[lang].has(stem)) terms.push(stem, ...this.conceptsOf(stem, lang).filter((c) => !this.atDiplomaticPost(c, words, i)));
    });
    return terms;
  }

  /** The content words of a text, each with its trigrams, stem and concepts (for comparing questions). */
  wordForms(text: string, lang: Lang): WordForm[] {
    return [...new Set(tokenize(text))]
      .filter((word) => word.length > 2 && isSearchable(word))
      .map((word) => {
        const stem = stemFor(word, lang);
        return { grams: trigrams(word), terms: [stem, ...this.conceptsOf(stem, lang)] };
      });
  }

  /**
   * The stems of the names in a passage: words with a capital letter that do not open a sentence
   * (Швейкин, Мариани, Емшан). A question that names one of them is about the operation.
   */
  nameStems(text: string, lang: Lang): string[] {
    const stems: string[] = [];
    for (const sentence of text.split(/(?<=[.!?…])\s+/u)) {
      const [, ...rest] = sentence.match(/[\p{L}-]+/gu) ?? [];
      for (const word of rest) {
        if (word.length < 3 || word[0] === word[0]?.toLowerCase() || word === word.toUpperCase()) continue;
        for (const part of normalize(word).split("-")) if (isSearchable(part)) stems.push(stemFor(part, lang));
      }
    }
    return stems;
  }

  private languageByVocabulary(words: string[], isKnown: (term: string, lang?: Lang) => boolean): Lang | null {
    const known = (lang: Lang) => words.filter((word) => isKnown(stemFor(word, lang), lang)).length;
    const ru = known("ru");
    const kk = known("kk");
    return ru === kk ? null : ru > kk ? "ru" : "kk";
  }

  /**
   * What kinds of answer a passage holds: a count, a date (0 none, 1 a year, 2 a month, 3 a day),
   * a place; and the latest year it names.
   */
  features(text: string, words: string[], lang: Lang): { number: boolean; date: number; place: boolean; reason: boolean; year: number } {
    const concepts = words.map((word) => (/^\d+$/.test(word) ? [] : this.conceptsOf(stemFor(word, lang), lang)));
    let number = false;
    let date = 0;
    let place = false;
    let year = 0;
    words.forEach((word, i) => {
      if (YEAR.test(word)) year = Math.max(year, Number(word));
      const isMonth = (j: number) => (concepts[j] ?? []).some((c) => this.dateConcepts.has(c));
      const partOfName = words[i + 1] === `${words[i - 1]}${word}`;
      if (/^\d+$/.test(word) && !partOfName) {
        // "7 мая", "7 и 9 мая", "2019", "2019 жылғы 7 мамыр": parts of a date, not counts; nor "Жусан-2".
        if ([1, 2, 3, -1].some((d) => isMonth(i + d)) && !YEAR.test(word)) date = 3;
        else if (YEAR.test(word)) date = Math.max(date, 1);
        else number = true;
      }
      if (isMonth(i)) date = Math.max(date, 2);
      if ((concepts[i] ?? []).some((c) => this.placeConcepts.has(c))) place = true;
      if ((concepts[i] ?? []).includes(`${CONCEPT_PREFIX}thousand`)) number = true;
    });
    return { number, date, place, reason: REASON.test(foldKazakh(text.toLowerCase())), year };
  }

  /**
   * The languages whose stemmer and glossary read a word. People in Kazakhstan mix the two in one
   * message («Третий этап кезінде сколько сирот болды?»): a word written without Kazakh letters
   * that the message's language does not know, but the other language does, is read as both.
   */
  private languagesOf(word: string, lang: Lang | null, isKnown: (term: string, lang?: Lang) => boolean): Lang[] {
    if (KAZAKH_LETTERS.test(word)) return ["kk"];
    if (!lang) return ["ru", "kk"];
    const knows = (l: Lang) => isKnown(stemFor(word, l), l) || this.conceptsOf(stemFor(word, l), l).length > 0;
    return knows(lang) || !knows(otherLang(lang)) ? [lang] : [lang, otherLang(lang)];
  }

  /**
   * `isKnown` tells whether the index has a term (in passages in a language): a word it has is
   * never taken for a misspelt question word ("келді" is not "келеді"), and when the question's
   * words do not tell its language, the language whose passages know more of them is taken.
   */
  analyzeQuery(question: string, isKnown: (term: string, lang?: Lang) => boolean = () => false): QueryAnalysis {
    const known = (w: string) => [stemFor(w, "ru"), stemFor(w, "kk")].some((stem) => isKnown(stem));
    // "Sales" stays a name the sources write in Latin; "Kazakhstan" is read as «Казахстан», which they say far more often.
    const keepLatin = (latin: string, cyrillic: string) =>
      known(latin) && !known(cyrillic) && LANGS.every((l) => this.conceptsOf(stemFor(cyrillic, l), l).length === 0);
    const text = stripCourtesy(cyrillize(question.slice(0, MAX_QUERY_CHARS), keepLatin)).replace(BRAND, (name) => " ".repeat(name.length));
    const sentences = messageSentences(text);
    const words = sentences.flatMap((s) => s.words);
    const afterComma = sentences.flatMap((s) => s.afterComma);
    const asked = new Set(sentences.filter((s) => s.asks).flatMap((s) => s.words));
    const questioning = new Set(sentences.filter((s) => s.asks && !s.told).flatMap((s) => s.words));
    const sentenceStarts = new Set(sentences.map((s) => s.words[0]));
    const onlyIn = (word: string): Lang | null => {
      if (KAZAKH_LETTERS.test(word)) return "kk";
      const [ru, kk] = [isKnown(stemFor(word, "ru"), "ru"), isKnown(stemFor(word, "kk"), "kk")];
      return ru === kk ? null : ru ? "ru" : "kk";
    };
    const lang = detectLanguage(words, onlyIn) ?? this.languageByVocabulary(words.filter(isSearchable), isKnown);
    let weakType: QuestionType | null = null;
    let previous = "";
    const terms: QueryTerm[] = [];
    const seen = new Map<string, QueryTerm>();
    let truncated = question.length > MAX_QUERY_CHARS;
    const capitalized = capitalizedWords(text);
    const focus = focusWords(words);
    // A long text repeats its words: each is read once.
    const readings = new Map<string, { word: string; folded: string }>();
    const read = (typed: string) => {
      if (known(typed) || !isSearchable(typed)) return { word: typed, folded: foldKazakh(typed) };
      const swapped = swappedLetters(typed).find(known);
      if (swapped) return { word: swapped, folded: foldKazakh(swapped) };
      const functionWord = misspeltFunctionWord(foldKazakh(typed));
      if (functionWord) return { word: typed, folded: functionWord };
      // Of the words a vowel could make of it, the one the sources have the most of: «екнші» is «екінші», not «екенші».
      const stemLength = (w: string) => Math.max(...LANGS.map((l) => stemFor(w, l)).map((stem) => (isKnown(stem) ? stem.length : 0)));
      const [word = typed] = withVowelRestored(typed)
        .map((w) => ({ w, length: stemLength(w) }))
        .filter((v) => v.length > 0)
        .sort((a, b) => b.length - a.length)
        .map((v) => v.w);
      return { word, folded: foldKazakh(word) };
    };
    // A question word that opens a clause after a comma is most often a conjunction; "сколько" says the most.
    const types: { type: QuestionType; conjunction: boolean }[] = [];
    let opened = false;
    for (const [i, typed] of words.entries()) {
      let reading = readings.get(typed);
      if (!reading) readings.set(typed, (reading = read(typed)));
      const { word, folded } = reading;
      const context = !asked.has(typed);
      const questioned = questioning.has(typed);
      const asks = questioned ? QUESTION_WORDS.get(folded) : undefined;
      if (asks) types.push({ type: asks, conjunction: afterComma[i] === true });
      else if (questioned && QUESTION_OPENERS.has(folded)) opened = true;
      if (questioned && WHICH.has(foldKazakh(previous))) weakType ??= WEAK_TYPE_WORDS.get(folded) ?? null;
      const afterYear = YEAR.test(previous);
      const ordinalEnding = /^\d$/.test(previous) && ORDINAL_ENDING.test(folded);
      previous = word;
      if (!isSearchable(folded) || seen.has(word) || ordinalEnding) continue;
      if (SPEAKER_KK.test(folded) && !known(word)) continue;
      if (terms.length === MAX_QUERY_TERMS) {
        truncated = true;
        continue;
      }
      const langs = this.languagesOf(word, lang, isKnown);
      if (langs.some((l) => this.lightVerbs[l].has(stemFor(word, l)) || (afterYear && stemFor(word, l) === YEAR_WORD[l]))) continue;
      const stems = [...new Set(langs.map((l) => stemFor(word, l)))];
      const concepts = [...new Set([...langs.flatMap((l) => this.conceptsOf(stemFor(word, l), l)), ...this.stageNumber(words, i, langs)])].filter(
        (c) => !this.atDiplomaticPost(c, words, i),
      );
      // A name the glossary knows (Сирия, Казахстан) is the subject itself, not a thing to insist on.
      const named = capitalized.has(typed) && concepts.every((c) => c.startsWith(FIGURE_CONCEPT));
      const term: QueryTerm = {
        word,
        stems,
        concepts,
        proper: named,
        verbLike: langs.some((l) => VERB_ENDING[l].test(word)),
        focus: focus.has(typed),
        capitalized: capitalized.has(typed),
        first: sentenceStarts.has(typed),
        context,
      };
      seen.set(word, term);
      terms.push(term);
    }
    // "Жусан-3 итоги", "2019 ресми қорытынды": totals are numbers.
    const totals = terms.some((t) => t.concepts.includes(`${CONCEPT_PREFIX}total`));
    const latest = words.some((w) => LATEST_WORDS.has(foldKazakh(w)));
    const personal = isPersonalRequest(sentences.filter((s) => s.asks).map((s) => s.text).join(" "));
    const asking = types.some((t) => !t.conjunction) || opened ? types.filter((t) => !t.conjunction) : types;
    const type = (asking.find((t) => t.type === "count") ?? asking[0])?.type;
    return { lang, type: type ?? weakType ?? (totals ? "count" : "general"), terms, truncated, latest, personal };
  }
}
