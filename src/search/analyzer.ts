import type { Lang } from "../knowledge/types.ts";
import { GLOSSARY } from "./glossary.ts";
import { detectLanguage } from "./language.ts";
import { KAZAKH_LETTERS, foldKazakh } from "./normalize.ts";
import { stemKazakh } from "./stem-kk.ts";
import { stemRussian } from "./stem-ru.ts";
import { LIGHT_VERBS, QUESTION_WORDS, STOP_WORDS, WEAK_TYPE_WORDS, type QuestionType } from "./stopwords.ts";
import { tokenize } from "./tokenize.ts";

/** Concept terms start with this, so they never collide with a stem and are never fuzzy-matched. */
export const CONCEPT_PREFIX = "_";

const YEAR = /^(19|20)\d\d$/;
/** "в каком году", "в каком городе", "қай жылы": only after these do WEAK_TYPE_WORDS say what is asked. */
const WHICH = new Set(["каком", "какого", "какой", "кай", "нешинши"]);

/** At most this many searchable words of a question are used; the rest of a long text is ignored. */
export const MAX_QUERY_TERMS = 32;

export interface QueryTerm {
  word: string;
  /** Stems to look for: one per stemmer that could apply to the word. */
  stems: string[];
  concepts: string[];
  /** A name written with a capital inside a sentence, of a person or of something the glossary does not know: the answer must be about it. */
  proper: boolean;
  /** Has a verb's ending: a word that often differs from the sources' wording without changing the question. */
  verbLike: boolean;
}

export interface QueryAnalysis {
  /** The question's language, or null when its words do not tell. */
  lang: Lang | null;
  type: QuestionType;
  terms: QueryTerm[];
  /** The question had more searchable words than MAX_QUERY_TERMS. */
  truncated: boolean;
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
  ru: /(ть|ться|ет|ют|ят|ит|ут|ется|ются|ится|ятся|ил|ыл|ал|ял|ел|ла|ли|ло|лся|лась|лись|вши|вшись)$/,
  kk: /(ды|ді|ты|ті|ған|ген|қан|кен|ады|еді|йды|йді|ып|іп|у|мақ|мек|атын|етін|ған|ды|ді|са|се)$/,
};

/** Words written with a capital letter inside a sentence (normalized): names. */
function properNouns(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:»")]\s+)\p{Lu}[\p{L}-]*/gu)) {
    if (match[0].length > 1 && match[0] !== match[0].toUpperCase()) tokenize(match[0]).forEach((w) => names.add(w));
  }
  return names;
}

const LONG_FUNCTION_WORDS = [...STOP_WORDS, ...QUESTION_WORDS.keys()].filter((w) => w.length >= 5);

/** A question word or stop word typed with one letter wrong ("сколко", "кайда"), if the word is one. */
function misspeltFunctionWord(folded: string): string | null {
  if (folded.length < 5) return null;
  return LONG_FUNCTION_WORDS.find((w) => Math.abs(w.length - folded.length) <= 1 && editDistanceAtMostOne(w, folded)) ?? null;
}

/** One letter added, dropped or changed, or two neighbours swapped ("скольок"). */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a.length < b.length) return editDistanceAtMostOne(b, a);
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (a.length !== b.length) return a.slice(i + 1) === b.slice(i);
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1);
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
    for (const word of tokenize(text)) {
      if (!isSearchable(word)) continue;
      const stem = stemFor(word, lang);
      if (!this.lightVerbs[lang].has(stem)) terms.push(stem, ...this.conceptsOf(stem, lang));
    }
    return terms;
  }

  private languageByVocabulary(words: string[], isKnown: (term: string, lang?: Lang) => boolean): Lang | null {
    const known = (lang: Lang) => words.filter((word) => isKnown(stemFor(word, lang), lang)).length;
    const ru = known("ru");
    const kk = known("kk");
    return ru === kk ? null : ru > kk ? "ru" : "kk";
  }

  /** What kinds of answer a passage holds: a count, a date, a place. */
  features(text: string, lang: Lang): { number: boolean; date: boolean; place: boolean } {
    const words = tokenize(text);
    const concepts = words.map((word) => (/^\d+$/.test(word) ? [] : this.conceptsOf(stemFor(word, lang), lang)));
    let number = false;
    let date = false;
    let place = false;
    words.forEach((word, i) => {
      const isMonth = (j: number) => (concepts[j] ?? []).some((c) => this.dateConcepts.has(c));
      const partOfName = words[i + 1] === `${words[i - 1]}${word}`;
      if (/^\d+$/.test(word) && !partOfName) {
        // "7 мая", "7 и 9 мая", "2019", "2019 жылғы 7 мамыр": parts of a date, not counts; nor "Жусан-2".
        if (YEAR.test(word) || [1, 2, 3, -1].some((d) => isMonth(i + d))) date = true;
        else number = true;
      }
      if (isMonth(i)) date = true;
      if ((concepts[i] ?? []).some((c) => this.placeConcepts.has(c))) place = true;
      if ((concepts[i] ?? []).includes(`${CONCEPT_PREFIX}thousand`)) number = true;
    });
    return { number, date, place };
  }

  /**
   * `isKnown` tells whether the index has a term (in passages in a language): a word it has is
   * never taken for a misspelt question word ("келді" is not "келеді"), and when the question's
   * words do not tell its language, the language whose passages know more of them is taken.
   */
  analyzeQuery(text: string, isKnown: (term: string, lang?: Lang) => boolean = () => false): QueryAnalysis {
    const words = tokenize(text);
    const proper = properNouns(text);
    const lang = detectLanguage(words) ?? this.languageByVocabulary(words.filter(isSearchable), isKnown);
    let type: QuestionType | null = null;
    let weakType: QuestionType | null = null;
    let previous = "";
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    let truncated = false;
    for (const word of words) {
      let folded = foldKazakh(word);
      const known = [stemFor(word, "ru"), stemFor(word, "kk")].some((stem) => isKnown(stem));
      if (isSearchable(word) && !known) folded = misspeltFunctionWord(folded) ?? folded;
      type ??= QUESTION_WORDS.get(folded) ?? null;
      if (WHICH.has(foldKazakh(previous))) weakType ??= WEAK_TYPE_WORDS.get(folded) ?? null;
      previous = word;
      if (!isSearchable(folded) || seen.has(word)) continue;
      seen.add(word);
      if (terms.length === MAX_QUERY_TERMS) {
        truncated = true;
        continue;
      }
      const langs: Lang[] = KAZAKH_LETTERS.test(word) ? ["kk"] : lang ? [lang] : ["ru", "kk"];
      if (langs.some((l) => this.lightVerbs[l].has(stemFor(word, l)))) continue;
      const stems = [...new Set(langs.map((l) => stemFor(word, l)))];
      const concepts = [...new Set(langs.flatMap((l) => this.conceptsOf(stemFor(word, l), l)))];
      // A name the glossary knows (Сирия, Казахстан) is the subject itself, not a thing to insist on.
      const named = proper.has(word) && concepts.every((c) => c.startsWith(FIGURE_CONCEPT));
      terms.push({ word, stems, concepts, proper: named, verbLike: langs.some((l) => VERB_ENDING[l].test(word)) });
    }
    // "Жусан-3 итоги", "2019 ресми қорытынды": totals are numbers.
    const totals = terms.some((t) => t.concepts.includes(`${CONCEPT_PREFIX}total`));
    return { lang, type: type ?? weakType ?? (totals ? "count" : "general"), terms, truncated };
  }
}
