import type { Lang } from "../knowledge/types.ts";
import { GLOSSARY } from "./glossary.ts";
import { editDistanceAtMostOne } from "./edit-distance.ts";
import { detectLanguage } from "./language.ts";
import { KAZAKH_LETTERS, foldKazakh } from "./normalize.ts";
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

/** At most this many searchable words of a question are used; the rest of a long text is ignored. */
export const MAX_QUERY_TERMS = 32;
/** Only the beginning of a longer text is read: no question is that long. */
const MAX_QUERY_CHARS = 1000;

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
  /** The question's first word, capitalised whether or not it is a name. */
  first: boolean;
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


const LONG_FUNCTION_WORDS = [...STOP_WORDS, ...QUESTION_WORDS.keys()].filter((w) => w.length >= 5);

/** A question word or stop word typed with one letter wrong ("сколко", "кайда"), if the word is one. */
function misspeltFunctionWord(folded: string): string | null {
  if (folded.length < 5) return null;
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

  /** The terms a passage in `lang` is indexed under. */
  indexTerms(text: string, lang: Lang): string[] {
    const terms: string[] = [];
    const words = tokenize(text);
    words.forEach((word, i) => {
      if (!isSearchable(word)) return;
      const stem = stemFor(word, lang);
      // "2019 жылғы", "2019 года" only date the passage: "қанша жылға" asks for a number of years.
      if (stem === YEAR_WORD[lang] && YEAR.test(words[i - 1] ?? "")) return;
      if (!this.lightVerbs[lang].has(stem)) terms.push(stem, ...this.conceptsOf(stem, lang));
    });
    return terms;
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
  features(text: string, lang: Lang): { number: boolean; date: number; place: boolean; year: number } {
    const words = tokenize(text);
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
    return { number, date, place, year };
  }

  /**
   * `isKnown` tells whether the index has a term (in passages in a language): a word it has is
   * never taken for a misspelt question word ("келді" is not "келеді"), and when the question's
   * words do not tell its language, the language whose passages know more of them is taken.
   */
  analyzeQuery(question: string, isKnown: (term: string, lang?: Lang) => boolean = () => false): QueryAnalysis {
    const text = question.slice(0, MAX_QUERY_CHARS);
    const words = tokenize(text);
    const lang = detectLanguage(words) ?? this.languageByVocabulary(words.filter(isSearchable), isKnown);
    let type: QuestionType | null = null;
    let weakType: QuestionType | null = null;
    let previous = "";
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    let truncated = text.length < question.length;
    const capitalized = capitalizedWords(text);
    const focus = focusWords(words);
    const known = (w: string) => [stemFor(w, "ru"), stemFor(w, "kk")].some((stem) => isKnown(stem));
    // A long text repeats its words: each is read once.
    const readings = new Map<string, { word: string; folded: string }>();
    const read = (typed: string) => {
      const word = known(typed) || !isSearchable(typed) ? typed : (swappedLetters(typed).find(known) ?? typed);
      const folded = foldKazakh(word);
      return { word, folded: isSearchable(word) && !known(word) ? (misspeltFunctionWord(folded) ?? folded) : folded };
    };
    for (const typed of words) {
      let reading = readings.get(typed);
      if (!reading) readings.set(typed, (reading = read(typed)));
      const { word, folded } = reading;
      type ??= QUESTION_WORDS.get(folded) ?? null;
      if (WHICH.has(foldKazakh(previous))) weakType ??= WEAK_TYPE_WORDS.get(folded) ?? null;
      const afterYear = YEAR.test(previous);
      previous = word;
      if (!isSearchable(folded) || seen.has(word)) continue;
      seen.add(word);
      if (terms.length === MAX_QUERY_TERMS) {
        truncated = true;
        continue;
      }
      const langs: Lang[] = KAZAKH_LETTERS.test(word) ? ["kk"] : lang ? [lang] : ["ru", "kk"];
      if (langs.some((l) => this.lightVerbs[l].has(stemFor(word, l)) || (afterYear && stemFor(word, l) === YEAR_WORD[l]))) continue;
      const stems = [...new Set(langs.map((l) => stemFor(word, l)))];
      const concepts = [...new Set(langs.flatMap((l) => this.conceptsOf(stemFor(word, l), l)))];
      // A name the glossary knows (Сирия, Казахстан) is the subject itself, not a thing to insist on.
      const named = capitalized.has(typed) && concepts.every((c) => c.startsWith(FIGURE_CONCEPT));
      terms.push({
        word,
        stems,
        concepts,
        proper: named,
        verbLike: langs.some((l) => VERB_ENDING[l].test(word)),
        focus: focus.has(typed),
        capitalized: capitalized.has(typed),
        first: typed === words[0],
      });
    }
    // "Жусан-3 итоги", "2019 ресми қорытынды": totals are numbers.
    const totals = terms.some((t) => t.concepts.includes(`${CONCEPT_PREFIX}total`));
    const latest = words.some((w) => LATEST_WORDS.has(foldKazakh(w)));
    return { lang, type: type ?? weakType ?? (totals ? "count" : "general"), terms, truncated, latest };
  }
}
