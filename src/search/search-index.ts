import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { Lang } from "../knowledge/types.ts";
import { CONCEPT_PREFIX, FIGURE_CONCEPT, type Analyzer, type QueryAnalysis, type QueryTerm } from "./analyzer.ts";
import { editDistanceAtMostOne } from "./edit-distance.ts";
import type { Passage } from "./passages.ts";
import { trigrams, WordMatcher, type WordForm } from "./ngrams.ts";
import { F, imputeAsks, PASSAGE_FEATURE_COUNT, Ranker } from "./ranking.ts";
import { TermSlots } from "./term-slots.ts";
import { tokenize } from "./tokenize.ts";

export interface SearchResult {
  /** Best first. */
  hits: Hit[];
  /** The question names something of the operation: a concept of its subject, or a rare name some passage has (Швейкин, not Казахстан). */
  topical: boolean;
  /** The question is about another country, and no passage names it. */
  otherCountry: boolean;
  /** Share of the question's searchable words that the index does not know at all. */
  unknown: number;
  /**
   * Words that no passage has, even with a typo or as a prefix, and that say what the question is
   * about: nouns next to the question word ("сколько денег", "ұшқышы кім"), and names.
   */
  unknownFocus: number;
  unknownNames: number;
}

export interface Hit {
  passage: Passage;
  /** The ranker's score. */
  score: number;
  /** What the score was computed from (PASSAGE_FEATURES). */
  features: Float64Array;
}

/** What the ranking needs to know of a passage, as bit flags, so that it never reads the passage objects of a large index. */
const TRAIT = {
  kk: 1,
  ownLanguageOnly: 2,
  firstFact: 4,
  dispute: 8,
  number: 16,
  place: 32,
  person: 64,
  aboutWhat: 128,
  aboutWho: 256,
  aboutNumbers: 512,
  reason: 1024,
  /** No asks: an article's sentence. */
  noAsks: 2048,
} as const;
/** The kind of passage each question type prefers. */
const TYPE_TRAIT = { count: TRAIT.number, where: TRAIT.place, who: TRAIT.person, why: TRAIT.reason } as const;
/** The kind of timeline fact each question type prefers. */
const ABOUT_TRAIT = { count: TRAIT.aboutNumbers, who: TRAIT.aboutWho, general: TRAIT.aboutWhat, why: TRAIT.aboutWhat } as const;

/**
 * A passage's text counts fully; its context (entry title, heading) a third as much; the questions
 * its fact answers (asks) half as much.
 */
const FIELDS = [
  { name: "terms", boost: 1 },
  { name: "context", boost: 0.35 },
  { name: "asks", boost: 0.5 },
] as const;
const NF = FIELDS.length;
const [TEXT, CONTEXT, ASKS] = [0, 1, 2] as const;
type Field = typeof TEXT | typeof CONTEXT | typeof ASKS;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const CONCEPT_WEIGHT = 0.7;
/** Words the index does not know are looked up with typos and as prefixes, at these weights. */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const TYPOS_PER_LETTER = 0.2;
const MAX_TYPOS = 2;
const MIN_PREFIX = 4;
/** An unknown word stands for at most this many indexed words (the commonest of them). */
const MAX_STAND_INS = 30;
/**
 * How much a word that is nowhere in the index weighs, relative to the rarest known word: an
 * unknown verb is more often the question's own wording of something the sources say.
 */
const UNKNOWN_NOUN_WEIGHT = 0.5;
const UNKNOWN_VERB_WEIGHT = 0.3;
/** Shorter unknown words are too often endings or particles to say anything. */
const MIN_UNKNOWN_NOUN = 4;
/** A word matched only by a typo or a prefix counts this much of its weight in coverage. */
const RESCUED_COVERAGE = 0.6;
/** A "how many" question is best answered where a number stands next to a word of the question ("67 женщин"). */
const COUNTED_WINDOW = 5;
/** "How do things stand now": years after the operation's start, up to this many, count. */
const FIRST_YEAR = 2019;
const LATEST_SPAN = 6;

const CANDIDATES = 60;
/** The analysed words of at most this many passages are kept (a few hundred ever are on a real knowledge base). */
const MAX_CACHED_FORMS = 20_000;
/** A capitalised first word found in at most this many passages is taken for a name ("Қырғызстан"). */
const RARE_NAME_DF = 10;
/** Words of the sentences around the question weigh this much. */
const CONTEXT_WEIGHT = 0.15;

/*
 * MiniSearch scores every posting of every query term; for a word in a third of a large
 * collection ("Жусан") that alone takes hundreds of milliseconds. So MiniSearch looks up only
 * the words with at most COMMON_DF passages; for each commoner term the index keeps, from build
 * time, the CHAMPIONS passages where it weighs most (a "champion list"). A word the index does
 * not know is first replaced by the indexed words it may be a typo or the beginning of (from a
 * radix tree of the vocabulary), which are then looked up the same way. The candidates are scored
 * with the same BM25+ as MiniSearch's over every query term. Below CHAMPIONS passages a champion
 * list is the whole posting list, so on a knowledge base of today's size nothing is approximated.
 */
const COMMON_DF = 64;
const CHAMPIONS = 1000;
const MINISEARCH_CANDIDATES = 400;
/** At most this many candidates are scored; a passage MiniSearch found counts as on this many champion lists. */
const MAX_SCORED = 4000;
const RARE_VOTE = 4;

const isConcept = (term: string) => term.startsWith(CONCEPT_PREFIX);
const isPlainWord = (term: string) => !isConcept(term) && !/\d/.test(term);
const LANGUAGE_BIT: Record<Lang, number> = { ru: 1, kk: 2 };
const YEAR = /^(19|20)\d\d$/;

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/**
 * Things a question names one of, where a passage that names another of them and not the one
 * asked about is about something else: "Кто руководил операцией «Жусан»?" is not answered by who
 * led «Русафа», nor a question about 2021 by a 2019 figure.
 */
const YEARS = Array.from({ length: 51 }, (_, i) => String(1980 + i));
const concepts = (...names: string[]) => names.map((c) => CONCEPT_PREFIX + c);
/**
 * Kinds of which a passage naming one member answers only a question naming the same one; a
 * member may have several names (Rusafa was the operation in Iraq, in Baghdad).
 */
const EXCLUSIVE: { members: string[][]; years?: true; hard?: true }[] = [
  { members: [concepts("zhusan", "syria"), concepts("rusafa", "iraq", "baghdad")], hard: true },
  { members: ["second", "third", "fourth", "fifth"].map((c) => concepts(c)) },
  { members: YEARS.map((year) => [year]), years: true },
];
/** A fact that names no year is about the operation's own years: a question about another year needs one that names it. */
const OPERATION_YEARS = new Set(["2019", "2020", "2021"]);

interface ExclusiveKind {
  kind: Set<number>;
  /** Those of the kind that the question names. */
  asked: Set<number>;
  /** A passage that names none of the kind does not answer either. */
  mustName: boolean;
  /** A passage that names only others of the kind does not answer at all. */
  hard: boolean;
}

interface RankState {
  query: QueryAnalysis;
  preferredKk: boolean;
  /** Bit g set: the passage must name the country that the question's word g names. */
  required: number;
  /** The names of people and bodies the question names: the passage must name at least one. */
  names: number;
  groupWeights: number[];
  totalWeight: number;
  /** Groups of the words the index knows, and their total weight. */
  knownGroups: number;
  knownWeight: number;
  /** Groups of the words next to a question word. */
  focusGroups: number;
  asksAboutDispute: boolean;
  /** Known non-number terms of the question, for "how many" questions. */
  counted: Set<number>;
  idfs: number[];
  /** The question's term ids, by slot. */
  queryTermIds: number[];
  statsBySlot: QueryTermStats[][];
  slots: TermSlots;
  /** Scratch space for countSlots. */
  tf: Int32Array;
  /** For each EXCLUSIVE kind the question names: the term ids of its kind, and of those it names. */
  exclusive: ExclusiveKind[];
}

interface QueryTermStats {
  term: string;
  group: number;
  id: number | undefined;
  weight: number;
  /** Stands in for a word the index does not know (a typo of it, or a word it begins). */
  rescue?: true;
  /** A country's concept: a passage names the country only if it has this (not just the word, as in "посол в России"). */
  country?: true;
}

/** A MiniSearch index over passages, with the statistics needed to judge how well a passage answers. */
export class SearchIndex {
  private readonly search: MiniSearch;
  private readonly termIds = new Map<string, number>();
  private readonly documentFrequency: number[] = [];
  /** Counts, not years: the numbers a "how many" question looks for. */
  private readonly isNumber: boolean[] = [];
  private readonly isPerson: boolean[] = [];
  /** Bit 1: some Russian passage has the term; bit 2: some Kazakh one. */
  private readonly languagesOf: number[] = [];
  /** Term ids of every passage, field by field: passage i's field f is `termData[starts[NF*i+f] .. starts[NF*i+f+1])`. */
  private readonly termData: Int32Array;
  private readonly starts: Int32Array;
  private readonly averageLength: number[];
  private readonly champions = new Map<number, Int32Array>();
  /** The indexed words (not concepts or numbers), for typo and prefix look-ups. */
  private readonly vocabulary = new SearchableMap<number>();
  /** Scratch space for collectCandidates: how many of the question's lists each passage is on. */
  private readonly votes: Uint16Array;
  private readonly traits: Uint16Array;
  private readonly ranker: Ranker;
  /** Terms that are names in some passage (capitalised inside a sentence). */
  private readonly nameTerms = new Set<number>();
  private readonly topicalConcepts: Set<string>;
  private readonly analyzer: Analyzer;
  /** The words of each passage's text and asks, analysed when first needed (few passages ever are). */
  private readonly formsCache = new Map<number, { text: WordForm[]; asks: WordForm[][] }>();
  private readonly countryConcepts: Set<string>;
  /** How precise each passage's most precise date is: 0 none, 1 a year, 2 a month, 3 a day. */
  private readonly dates: Uint8Array;
  /** The latest year each passage names, 0 if none. */
  private readonly years: Uint16Array;
  private readonly keys: Map<string, Passage>;
  private readonly maxIdf: number;

  constructor(
    readonly passages: Passage[],
    analyzer: Analyzer,
    private readonly personConcepts: Set<string>,
    ranker: Ranker = new Ranker(),
  ) {
    this.ranker = ranker;
    this.topicalConcepts = analyzer.topicalConcepts;
    this.analyzer = analyzer;
    this.countryConcepts = analyzer.countryConcepts;
    this.search = new MiniSearch({
      idField: "id",
      fields: FIELDS.map((f) => f.name),
      tokenize: (text) => (text === "" ? [] : text.split(" ")),
      processTerm: (term) => term,
    });
    const data: number[] = [];
    const starts: number[] = [];
    const lengths = [0, 0, 0];
    const traits: number[] = [];
    const dates: number[] = [];
    const years: number[] = [];
    // The facts of one entry share their context: it is analysed once.
    const contexts = new Map<string, string[]>();
    const contextTerms = (passage: Passage) => {
      const key = `${passage.lang}:${passage.context}`;
      let terms = contexts.get(key);
      if (!terms) contexts.set(key, (terms = analyzer.indexTerms(passage.context, passage.lang)));
      return terms;
    };
    passages.forEach((passage, id) => {
      const words = tokenize(passage.text);
      const fields = [analyzer.termsOf(words, passage.lang), contextTerms(passage), analyzer.indexTerms(passage.asks, passage.lang)];
      const seen = new Set<number>();
      fields.forEach((terms, f) => {
        starts.push(data.length);
        lengths[f] = (lengths[f] ?? 0) + terms.length;
        for (const term of terms) {
          const termId = this.intern(term);
          this.languagesOf[termId] = (this.languagesOf[termId] ?? 0) | LANGUAGE_BIT[passage.lang];
          data.push(termId);
          if (!seen.has(termId)) this.documentFrequency[termId] = (this.documentFrequency[termId] ?? 0) + 1;
          seen.add(termId);
        }
      });
      const [terms = [], context = [], asks = []] = fields;
      for (const name of analyzer.nameStems(passage.text, passage.lang)) {
        const termId = this.termIds.get(name);
        if (termId !== undefined) this.nameTerms.add(termId);
      }
      this.search.add({ id, terms: terms.join(" "), context: context.join(" "), asks: asks.join(" ") });
      const features = analyzer.features(passage.text, words, passage.lang);
      const article = passage.origin.kind === "article";
      traits.push(
        (passage.lang === "kk" ? TRAIT.kk : 0) |
          // A fact written in both languages competes in the question's language only.
          (passage.sibling && !passage.translated && !article ? TRAIT.ownLanguageOnly : 0) |
          (passage.origin.kind !== "article" && passage.origin.fact === 0 ? TRAIT.firstFact : 0) |
          (passage.about === "dispute" ? TRAIT.dispute : 0) |
          (features.number ? TRAIT.number : 0) |
          (features.place ? TRAIT.place : 0) |
          (features.reason ? TRAIT.reason : 0) |
          (passage.asks === "" ? TRAIT.noAsks : 0) |
          (passage.aboutPerson || terms.some((t) => personConcepts.has(t)) ? TRAIT.person : 0) |
          (passage.about === "what" ? TRAIT.aboutWhat : passage.about === "who" ? TRAIT.aboutWho : passage.about === "numbers" ? TRAIT.aboutNumbers : 0),
      );
      dates.push(features.date);
      years.push(features.year);
    });
    this.traits = Uint16Array.from(traits);
    this.dates = Uint8Array.from(dates);
    this.years = Uint16Array.from(years);
    starts.push(data.length);
    this.termData = Int32Array.from(data);
    this.starts = Int32Array.from(starts);
    const n = Math.max(passages.length, 1);
    this.averageLength = lengths.map((length) => length / n || 1);
    this.maxIdf = this.idf(0);
    this.keys = new Map(passages.map((p) => [p.key, p]));
    this.votes = new Uint16Array(passages.length);
    for (const [term, id] of this.termIds) if (isPlainWord(term)) this.vocabulary.set(term, id);
    this.buildChampions();
  }

  get size(): number {
    return this.passages.length;
  }

  /** Whether some passage (in `lang`, if given) has this term. */
  has(term: string, lang?: Lang): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    return !lang || ((this.languagesOf[id] ?? 0) & LANGUAGE_BIT[lang]) !== 0;
  }

  /** The passage with this key, if the knowledge base has it. */
  byKey(key: string): Passage | undefined {
    return this.keys.get(key);
  }

  /** The passages that best answer the analysed question. */
  find(query: QueryAnalysis, preferred: Lang, limit = CANDIDATES): SearchResult {
    const stats: QueryTermStats[] = [];
    let named = 0;
    let focusGroups = 0;
    let countries = 0;
    const groupWeights = query.terms.map((term, group) => {
      const alternatives = [...term.stems, ...term.concepts];
      for (const t of alternatives) {
        const country = this.countryConcepts.has(t) ? { country: true as const } : {};
        stats.push({ term: t, group, id: this.termIds.get(t), weight: isConcept(t) ? CONCEPT_WEIGHT : 1, ...country });
      }
      const weight = this.groupWeight(alternatives, term.verbLike) * (term.context ? CONTEXT_WEIGHT : 1);
      if (term.context) return weight;
      // A capitalised word is insisted on only if some passage has it as a name ("Документтері …" opens a sentence,
      // and "Sputnik" names a source, not a subject); a name no passage has weighs against the answer instead
      // (unknownNames). The first word is capitalised anyway: it must also be rare enough to be a name.
      const rare = alternatives.every((a) => (this.documentFrequency[this.termIds.get(a) ?? -1] ?? 0) <= RARE_NAME_DF);
      const name = term.proper && (!term.first || rare) && alternatives.some((a) => this.nameTerms.has(this.termIds.get(a) ?? -1));
      // A person, body or country the question names, in any case, must be in the answer too.
      const figure = term.concepts.some((c) => c.startsWith(FIGURE_CONCEPT));
      if (term.concepts.some((c) => this.countryConcepts.has(c))) countries |= 1 << group;
      if (name || figure) named |= 1 << group;
      if (term.focus) focusGroups |= 1 << group;
      return weight;
    });
    const totalWeight = groupWeights.reduce((a, b) => a + b, 0);
    const own = stats.filter((s) => s.id !== undefined);
    const knownGroups = own.reduce((mask, stat) => mask | (1 << stat.group), 0);
    const knownWeight = groupWeights.reduce((sum, w, g) => (knownGroups & (1 << g) ? sum + w : sum), 0);

    const names = new Set(query.terms.filter((t) => t.proper).flatMap((t) => t.stems));
    const rescued = this.expandUnknown(stats, names);
    const topical = stats.some(
      (s) =>
        s.id !== undefined &&
        (!s.rescue || rescued.has(s.group)) &&
        (this.topicalConcepts.has(s.term) || (this.nameTerms.has(s.id) && (this.documentFrequency[s.id] ?? 0) <= RARE_NAME_DF)),
    );
    const unknownWords = query.terms.filter((_, g) => !(knownGroups & (1 << g)) && !rescued.has(g));
    const saysWhat = (term: QueryTerm) => !term.context && term.word.length >= MIN_UNKNOWN_NOUN && !/\d/.test(term.word);
    const result = {
      topical,
      unknown: query.terms.length > 0 ? unknownWords.length / query.terms.length : 0,
      unknownFocus: unknownWords.filter((t) => saysWhat(t) && t.focus && !t.verbLike).length,
      unknownNames: unknownWords.filter((t) => saysWhat(t) && t.capitalized && !t.first).length,
    };
    if (query.terms.length === 0) return { ...result, hits: [], otherCountry: false };
    const candidates = this.collectCandidates(stats);

    const statsOf = new Map<number, QueryTermStats[]>();
    for (const stat of stats) if (stat.id !== undefined) statsOf.set(stat.id, [...(statsOf.get(stat.id) ?? []), stat]);
    const queryTermIds = [...statsOf.keys()];
    const state: RankState = {
      query,
      preferredKk: preferred === "kk",
      required: countries,
      names: named,
      groupWeights,
      totalWeight,
      knownGroups,
      knownWeight,
      focusGroups,
      asksAboutDispute: query.terms.some((t) => t.concepts.includes(`${CONCEPT_PREFIX}dispute`)),
      counted: new Set(own.filter((s) => !/^\d+$/.test(s.term)).map((s) => s.id as number)),
      exclusive: this.exclusiveKinds(query),
      idfs: queryTermIds.map((termId) => this.idf(this.documentFrequency[termId] ?? 0)),
      queryTermIds,
      statsBySlot: queryTermIds.map((termId) => statsOf.get(termId) as QueryTermStats[]),
      slots: new TermSlots(queryTermIds),
      tf: new Int32Array(NF * queryTermIds.length),
    };
    const hits = this.rank(candidates, state, limit);
    return { ...result, hits, otherCountry: countries !== 0 && hits.length === 0 };
  }

  /**
   * Scores every candidate; then the best `limit` again with what is too slow to compute for all
   * (how closely their words match the question's letter by letter). Best first, with their features.
   */
  private rank(candidates: number[], state: RankState, limit: number): Hit[] {
    const features = new Float64Array(PASSAGE_FEATURE_COUNT);
    const scored: { id: number; score: number }[] = [];
    for (const id of candidates) {
      if (this.describe(id, state, features)) scored.push({ id, score: this.ranker.score(features) });
    }
    scored.sort((a, b) => b.score - a.score);
    const matcher = new WordMatcher(
      state.query.terms
        .map((term, g) => ({ term, weight: state.groupWeights[g] as number }))
        .filter(({ term }) => !term.context && term.word.length > 2)
        .map(({ term, weight }) => ({ grams: trigrams(term.word), weight, terms: [...term.stems, ...term.concepts] })),
    );
    const hits = scored.slice(0, limit).map(({ id }) => {
      const own = new Float64Array(PASSAGE_FEATURE_COUNT);
      this.describe(id, state, own);
      const forms = this.wordForms(id);
      own[F.trigrams] = matcher.match(forms.text);
      if (forms.asks.length === 0) imputeAsks(own);
      else {
        own[F.askTrigrams] = matcher.match(forms.asks.flat());
        own[F.closestAsk] = matcher.closest(forms.asks);
        own[F.closestAskSq] = (own[F.closestAsk] as number) ** 2;
        own[F.askTimesText] = (own[F.askCoverage] as number) * (own[F.knownCoverage] as number);
      }
      return { passage: this.passages[id] as Passage, score: this.ranker.score(own), features: own };
    });
    return hits.sort((a, b) => b.score - a.score);
  }

  /** The words of a passage's text and of each of its asks, for the letter-by-letter comparisons. */
  private wordForms(id: number): { text: WordForm[]; asks: WordForm[][] } {
    let forms = this.formsCache.get(id);
    if (!forms) {
      const { text, asks, lang } = this.passages[id] as Passage;
      forms = {
        text: this.analyzer.wordForms(text, lang),
        asks: asks === "" ? [] : asks.split("\n").map((ask) => this.analyzer.wordForms(ask, lang)),
      };
      if (this.formsCache.size >= MAX_CACHED_FORMS) this.formsCache.clear();
      this.formsCache.set(id, forms);
    }
    return forms;
  }

  /** Fills `out` with the passage's PASSAGE_FEATURES; false when the passage cannot answer at all. */
  private describe(id: number, state: RankState, out: Float64Array): boolean {
    const { query, groupWeights, queryTermIds, statsBySlot, slots, tf, idfs } = state;
    const trait = this.traits[id] as number;
    const sameLanguage = (trait & TRAIT.kk) !== 0 === state.preferredKk;
    if (!sameLanguage && trait & TRAIT.ownLanguageOnly) return false;
    let bm25 = 0;
    let groups = 0;
    let typos = 0;
    let inContext = 0;
    let inText = 0;
    let inAsks = 0;
    let countries = 0;
    this.countSlots(id, slots, tf);
    for (let slot = 0; slot < queryTermIds.length; slot++) {
      const counts = tf.subarray(NF * slot, NF * slot + NF);
      const textCount = counts[TEXT] as number;
      const titleCount = counts[CONTEXT] as number;
      const askCount = counts[ASKS] as number;
      if (textCount + titleCount + askCount === 0) continue;
      const score = this.bm25(id, counts) * (idfs[slot] as number);
      for (const stat of statsBySlot[slot] as QueryTermStats[]) {
        bm25 += score * stat.weight;
        if (stat.country) countries |= 1 << stat.group;
        if (askCount > 0) inAsks |= 1 << stat.group;
        if (textCount + titleCount === 0) continue;
        if (stat.rescue) {
          typos |= 1 << stat.group;
          continue;
        }
        groups |= 1 << stat.group;
        if (titleCount > 0) inContext |= 1 << stat.group;
        if (textCount > 0) inText |= 1 << stat.group;
      }
    }
    const anyMatch = groups | typos;
    const found = anyMatch | inAsks;
    // "Элис Уэллс … Помпео": a passage about one of the people a question names may answer it.
    if ((countries & state.required) !== state.required || (state.names !== 0 && (found & state.names) === 0)) return false;
    let coverage = 0;
    let askCoverage = 0;
    let knownCoverage = 0;
    let missingRare = 0;
    for (let g = 0; g < groupWeights.length; g++) {
      const bit = 1 << g;
      const weight = groupWeights[g] as number;
      const share = groups & bit ? weight : typos & bit ? weight * RESCUED_COVERAGE : 0;
      coverage += share;
      if (inAsks & bit) askCoverage += weight;
      if (state.knownGroups & bit) {
        knownCoverage += share;
        if (!(anyMatch & bit)) missingRare = Math.max(missingRare, weight);
      }
    }
    const matched = bitCount(anyMatch);
    out.fill(0);
    out[F.bm25] = Math.log1p(bm25);
    out[F.coverage] = coverage / state.totalWeight;
    out[F.askCoverage] = (trait & TRAIT.noAsks ? coverage : askCoverage) / state.totalWeight;
    out[F.knownCoverage] = state.knownWeight > 0 ? knownCoverage / state.knownWeight : 0;
    out[F.matched] = matched / groupWeights.length;
    out[F.missingRare] = missingRare / this.maxIdf;
    out[F.rescued] = matched > 0 ? bitCount(typos & ~groups) / matched : 0;
    out[F.contextOnly] = matched > 0 ? bitCount(inContext & ~inText) / matched : 0;
    if (query.type === "when") out[F.typeMatch] = (this.dates[id] as number) / 3;
    else if (query.type !== "general" && trait & TYPE_TRAIT[query.type]) out[F.typeMatch] = 1;
    if (query.type === "count" && this.counts(id, state.counted)) out[F.counted] = 1;
    if ((query.type === "count" || query.type === "who") && this.tellsNew(id, query.type === "count" ? this.isNumber : this.isPerson, slots)) out[F.novel] = 1;
    if (query.type !== "where" && query.type !== "when" && trait & ABOUT_TRAIT[query.type]) out[F.aboutMatch] = 1;
    if (state.focusGroups) out[F.focus] = bitCount(state.focusGroups & anyMatch) / bitCount(state.focusGroups);
    if (sameLanguage) out[F.sameLanguage] = 1;
    if (trait & TRAIT.firstFact) out[F.firstFact] = 1;
    if (trait & TRAIT.dispute) out[state.asksAboutDispute ? F.disputeAsked : F.dispute] = 1;
    // Every word the question has is in the entry's own title or name: the question is about this entry.
    if (state.knownGroups !== 0 && (inContext & state.knownGroups) === state.knownGroups) {
      out[F.subject] = 1;
      if (trait & TRAIT.firstFact && (query.type === "general" || query.type === "who")) out[F.subjectIntro] = 1;
    }
    if (query.latest) out[F.latest] = Math.min(1, Math.max(0, (this.years[id] as number) - FIRST_YEAR) / LATEST_SPAN);
    out[F.conflict] = this.conflicts(id, state.exclusive);
    if (out[F.conflict] === Infinity) return false;
    out[F.length] = Math.log1p((this.starts[NF * id + 1] as number) - (this.starts[NF * id] as number));
    return true;
  }

  /**
   * For each question word the index does not know, the indexed words it may be a typo of, or
   * the beginning of, are added to `stats` as its stand-ins (weighted down, and counting only
   * partly towards coverage). Returns the groups of the words that have a stand-in one typo away
   * or that they begin: "командир" is not "команд", though two edits in eight letters would allow it.
   */
  private expandUnknown(stats: QueryTermStats[], names: Set<string>): Set<number> {
    const knownGroups = new Set(stats.filter((s) => s.id !== undefined).map((s) => s.group));
    const unknown = stats.filter((s) => !knownGroups.has(s.group) && isPlainWord(s.term));
    const rescuedGroups = new Set<number>();
    for (const { term, group } of unknown) {
      const standIns = new Map<string, number>();
      const distance = typoDistance(term, names);
      if (distance > 0) for (const [word] of this.vocabulary.fuzzyGet(term, distance)) standIns.set(word, FUZZY_WEIGHT);
      if (term.length >= MIN_PREFIX) {
        let count = 0;
        for (const word of this.vocabulary.atPrefix(term).keys()) {
          if (++count > MAX_STAND_INS) break;
          standIns.set(word, PREFIX_WEIGHT);
        }
      }
      const ranked = [...standIns].sort((a, b) => this.df(b[0]) - this.df(a[0])).slice(0, MAX_STAND_INS);
      for (const [word, weight] of ranked) {
        stats.push({ term: word, group, id: this.termIds.get(word), weight, rescue: true });
        if (word.startsWith(term) || editDistanceAtMostOne(term, word)) rescuedGroups.add(group);
      }
    }
    return rescuedGroups;
  }

  private df(term: string): number {
    return this.documentFrequency[this.termIds.get(term) ?? -1] ?? 0;
  }

  /**
   * The passages worth scoring: those MiniSearch finds for the question's less common words, and
   * those on the champion lists of its common ones. On a large knowledge base a long question's
   * champion lists hold tens of thousands of passages; only the MAX_SCORED that are on the most
   * lists (the rare words' passages first) are scored.
   */
  private collectCandidates(stats: QueryTermStats[]): number[] {
    const touched: number[] = [];
    const vote = (id: number, weight: number) => {
      if (this.votes[id] === 0) touched.push(id);
      this.votes[id] = (this.votes[id] as number) + weight;
    };
    const rare = [...new Set(stats.filter((s) => s.id !== undefined && (this.documentFrequency[s.id] ?? 0) <= COMMON_DF).map((s) => s.term))];
    if (rare.length > 0) {
      const results = this.search.search({ combineWith: "OR", queries: rare }, { tokenize: (text) => [text], processTerm: (term) => term });
      for (const result of results.slice(0, MINISEARCH_CANDIDATES)) vote(result.id as number, RARE_VOTE);
    }
    for (const stat of stats) {
      const champions = stat.id === undefined ? undefined : this.champions.get(stat.id);
      for (const id of champions ?? []) vote(id, 1);
    }
    const chosen = touched.length <= MAX_SCORED ? touched : [...touched].sort((a, b) => (this.votes[b] as number) - (this.votes[a] as number)).slice(0, MAX_SCORED);
    for (const id of touched) this.votes[id] = 0;
    return chosen;
  }

  /** The EXCLUSIVE kinds the question names one of, as term ids. */
  private exclusiveKinds(query: QueryAnalysis): ExclusiveKind[] {
    const named = new Set(query.terms.filter((t) => !t.context).flatMap((t) => [...t.stems, ...t.concepts]));
    return EXCLUSIVE.flatMap(({ members, years, hard }) => {
      const asked = members.filter((names) => names.some((v) => named.has(v))).flat();
      if (asked.length === 0) return [];
      const ids = (list: string[]) => new Set(list.flatMap((v) => this.termIds.get(v) ?? []));
      return [{ kind: ids(members.flat()), asked: ids(asked), mustName: years === true && !asked.some((y) => OPERATION_YEARS.has(y)), hard: hard === true }];
    });
  }

  /** How many of the kinds the question names the passage (its text or context) names only others of. */
  private conflicts(passage: number, exclusive: ExclusiveKind[]): number {
    if (exclusive.length === 0) return 0;
    const from = this.starts[NF * passage] as number;
    const to = this.starts[NF * passage + CONTEXT + 1] as number;
    let conflicts = 0;
    for (const { kind, asked, mustName, hard } of exclusive) {
      let other = false;
      let same = false;
      for (let i = from; i < to && !same; i++) {
        const term = this.termData[i] as number;
        if (asked.has(term)) same = true;
        else if (kind.has(term)) other = true;
      }
      if ((other || mustName) && !same) conflicts += hard && other ? Infinity : 1;
    }
    return conflicts;
  }

  /** Whether a number in the passage's text stands next to one of `terms` ("67 женщин", "осуждены 53"). */
  private counts(passage: number, terms: Set<number>): boolean {
    const from = this.starts[NF * passage] as number;
    const to = this.starts[NF * passage + 1] as number;
    for (let i = from; i < to; i++) {
      if (!this.isNumber[this.termData[i] as number]) continue;
      const end = Math.min(to, i + 1 + COUNTED_WINDOW);
      for (let j = Math.max(from, i - COUNTED_WINDOW); j < end; j++) if (terms.has(this.termData[j] as number)) return true;
    }
    return false;
  }

  /** Whether the passage's text or context holds a number (or a person) that the question does not name. */
  private tellsNew(passage: number, kind: boolean[], slots: TermSlots): boolean {
    const to = this.starts[NF * passage + CONTEXT + 1] as number;
    for (let i = this.starts[NF * passage] as number; i < to; i++) {
      const term = this.termData[i] as number;
      if (kind[term] && slots.slot(term) < 0) return true;
    }
    return false;
  }

  /** How often each of the question's terms occurs in each field of a passage: tf[NF * slot + field]. */
  private countSlots(passage: number, slots: TermSlots, tf: Int32Array): void {
    for (let i = 0; i < tf.length; i++) tf[i] = 0;
    for (let f = 0; f < NF; f++) {
      const end = this.starts[NF * passage + f + 1] as number;
      for (let i = this.starts[NF * passage + f] as number; i < end; i++) {
        const slot = slots.slot(this.termData[i] as number);
        if (slot >= 0) tf[NF * slot + f] = (tf[NF * slot + f] as number) + 1;
      }
    }
  }

  /** How often each of `wanted`'s terms occurs in each field of a passage (only the terms it has). */
  private countTerms(passage: number, wanted: Map<number, unknown>): Map<number, number[]> {
    const counts = new Map<number, number[]>();
    for (let f = 0; f < NF; f++) {
      for (let i = this.starts[NF * passage + f] as number; i < (this.starts[NF * passage + f + 1] as number); i++) {
        const termId = this.termData[i] as number;
        if (!wanted.has(termId)) continue;
        const tf = counts.get(termId) ?? new Array<number>(NF).fill(0);
        tf[f] = (tf[f] as number) + 1;
        counts.set(termId, tf);
      }
    }
    return counts;
  }

  /** BM25+ of a term in a passage, all fields, as MiniSearch computes it, before the term's idf. */
  private bm25(passage: number, counts: ArrayLike<number>): number {
    let score = 0;
    for (let f = 0; f < NF; f++) score += this.fieldScore(passage, f as Field, counts[f] as number);
    return score;
  }

  private fieldScore(passage: number, field: Field, count: number): number {
    if (count === 0) return 0;
    const length = (this.starts[NF * passage + field + 1] as number) - (this.starts[NF * passage + field] as number);
    const relativeLength = length / (this.averageLength[field] as number);
    return FIELDS[field].boost * (BM25.d + (count * (BM25.k + 1)) / (count + BM25.k * (1 - BM25.b + BM25.b * relativeLength)));
  }

  private idf(documentFrequency: number): number {
    const n = this.passages.length;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** How much a question word matters: the rarity of its rarest known stem or concept. */
  private groupWeight(alternatives: string[], verbLike: boolean): number {
    const known = alternatives.map((a) => this.documentFrequency[this.termIds.get(a) ?? -1] ?? 0).filter((df) => df > 0);
    if (known.length > 0) return Math.max(...known.map((df) => this.idf(df)));
    return this.maxIdf * (verbLike ? UNKNOWN_VERB_WEIGHT : UNKNOWN_NOUN_WEIGHT);
  }

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.isNumber[id] = /^\d+$/.test(term) && !YEAR.test(term);
      this.isPerson[id] = this.personConcepts.has(term);
    }
    return id;
  }

  /** For every term in more than COMMON_DF passages, the CHAMPIONS passages where it scores highest. */
  private buildChampions(): void {
    const common = new Map<number, Heap>();
    this.documentFrequency.forEach((df, termId) => {
      if (df > COMMON_DF) common.set(termId, { ids: [], scores: [] });
    });
    if (common.size === 0) return;
    for (let passage = 0; passage < this.passages.length; passage++) {
      for (const [termId, tf] of this.countTerms(passage, common)) {
        pushBounded(common.get(termId) as Heap, passage, this.bm25(passage, tf), CHAMPIONS);
      }
    }
    for (const [termId, heap] of common) this.champions.set(termId, Int32Array.from(heap.ids));
  }
}

interface Heap {
  ids: number[];
  scores: number[];
}

/** Keeps the `limit` highest scores in a min-heap. */
function pushBounded(heap: Heap, id: number, score: number, limit: number): void {
  const { ids, scores } = heap;
  if (ids.length === limit) {
    if (score <= (scores[0] as number)) return;
    ids[0] = id;
    scores[0] = score;
    siftDown(heap, 0);
    return;
  }
  ids.push(id);
  scores.push(score);
  let i = ids.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((scores[parent] as number) <= (scores[i] as number)) break;
    swap(heap, i, parent);
    i = parent;
  }
}

function siftDown(heap: Heap, start: number): void {
  const { scores } = heap;
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < scores.length && (scores[left] as number) < (scores[smallest] as number)) smallest = left;
    if (right < scores.length && (scores[right] as number) < (scores[smallest] as number)) smallest = right;
    if (smallest === i) return;
    swap(heap, i, smallest);
    i = smallest;
  }
}

function swap(heap: Heap, a: number, b: number): void {
  [heap.ids[a], heap.ids[b]] = [heap.ids[b] as number, heap.ids[a] as number];
  [heap.scores[a], heap.scores[b]] = [heap.scores[b] as number, heap.scores[a] as number];
}

/**
 * How many typos a word may have: one in five letters. Four-letter names ("Сайн" for "Саин") get
 * one too; other four-letter words would match too much ("ақша" → "ақш").
 */
/** How many letters of an unknown word may be wrong: one in five, at most two; none in short words but names. */
function typoDistance(term: string, names: Set<string>): number {
  return term.length >= 5 || (term.length === 4 && names.has(term)) ? Math.min(MAX_TYPOS, Math.round(term.length * TYPOS_PER_LETTER)) : 0;
}

