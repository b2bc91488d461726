import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { Lang } from "../knowledge/types.ts";
import { CONCEPT_PREFIX, FIGURE_CONCEPT, type Analyzer, type QueryAnalysis } from "./analyzer.ts";
import { editDistanceAtMostOne } from "./edit-distance.ts";
import type { Passage } from "./passages.ts";
import { TermSlots } from "./term-slots.ts";

export interface SearchResult {
  /** Best first. */
  hits: Hit[];
  /**
   * Words that no passage has, even with a typo or as a prefix, and that say what the question is
   * about: a noun next to the question word ("сколько денег", "ұшқышы кім") or a name
   * ("Өзбекстан"). The knowledge base does not cover what is asked.
   */
  unanswerable: string[];
}

export interface Hit {
  passage: Passage;
  /** Ranking score: BM25, shaped by coverage, question type and language. */
  score: number;
  /** Share (0–1) of the question's meaning, weighted by rarity, that the passage matches. */
  coverage: number;
}

/** What the ranking needs to know of a passage, as bit flags, so that it never reads the passage objects of a large index. */
const TRAIT = { kk: 1, ownLanguageOnly: 2, firstFact: 4, dispute: 8, number: 16, place: 32, person: 64 } as const;
/** The kind of passage each question type prefers. */
const TYPE_TRAIT = { count: TRAIT.number, where: TRAIT.place, who: TRAIT.person } as const;

/** A passage's text counts fully; its context (entry title, heading) a third as much. */
const FIELDS = [
  { name: "terms", boost: 1 },
  { name: "context", boost: 0.35 },
] as const;
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
const TYPE_BOOST = 1.6;
const SAME_LANGUAGE_BOOST = 1.25;
/** Facts that explain how sources disagree answer a question only when nothing plainer does, or when it asks why they disagree. */
const DISPUTE_PENALTY = 0.75;
const DISPUTE_BOOST = 1.5;
/** A question that only names an entry ("Кто такой Сейлс?", "Что такое Жусан?") is best answered by the entry itself. */
const SUBJECT_BOOST = 1.5;
const SUBJECT_INTRODUCTION_BOOST = 2;
/** "When" questions: a passage with a year counts 1.3 times, with a month 1.6, with a day 1.9. */
const WHEN_BOOST_PER_PRECISION = 0.3;
/** Entries open with their main fact (an event's "what", a figure's introduction, a topic's definition). */
const FIRST_FACT_BOOST = 1.2;
/** A "how many" question is best answered where a number stands next to a word of the question ("67 женщин"). */
const COUNTED_BOOST = 1.3;
const COUNTED_WINDOW = 5;
/** For "how do things stand now" questions, each year after the operation's start weighs this much more. */
const LATEST_BOOST_PER_YEAR = 0.1;
const FIRST_YEAR = 2019;
const RECENT_YEARS = 1;

const CANDIDATES = 60;
/** A capitalised first word found in at most this many passages is taken for a name ("Қырғызстан"). */
const RARE_NAME_DF = 10;

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

interface RankState {
  candidates: number[];
  /** Bit g set: the passage must match the question's word g. */
  required: number;
  groupWeights: number[];
  totalWeight: number;
  rescued: Set<number>;
  stats: QueryTermStats[];
  /** The question's term ids, by slot. */
  queryTermIds: number[];
  statsBySlot: QueryTermStats[][];
  slots: TermSlots;
  /** Scratch space for countSlots. */
  tf: Int32Array;
}

interface QueryTermStats {
  term: string;
  group: number;
  id: number | undefined;
  weight: number;
  /** Stands in for a word the index does not know (a typo of it, or a word it begins). */
  rescue?: true;
}

/** A MiniSearch index over passages, with the statistics needed to judge how well a passage answers. */
export class SearchIndex {
  private readonly search: MiniSearch;
  private readonly termIds = new Map<string, number>();
  private readonly documentFrequency: number[] = [];
  /** Counts, not years: the numbers a "how many" question looks for. */
  private readonly isNumber: boolean[] = [];
  /** Bit 1: some Russian passage has the term; bit 2: some Kazakh one. */
  private readonly languagesOf: number[] = [];
  /** Term ids of every passage, field by field: passage i's field f is `termData[starts[2i+f] .. starts[2i+f+1])`. */
  private readonly termData: Int32Array;
  private readonly starts: Int32Array;
  private readonly averageLength: [number, number];
  private readonly champions = new Map<number, Int32Array>();
  /** The indexed words (not concepts or numbers), for typo and prefix look-ups. */
  private readonly vocabulary = new SearchableMap<number>();
  /** Scratch space for collectCandidates: how many of the question's lists each passage is on. */
  private readonly votes: Uint16Array;
  private readonly traits: Uint8Array;
  /** How precise each passage's most precise date is: 0 none, 1 a year, 2 a month, 3 a day. */
  private readonly dates: Uint8Array;
  /** The latest year each passage names, 0 if none. */
  private readonly years: Uint16Array;
  private readonly keys: Map<string, Passage>;
  private readonly maxIdf: number;
  /** The latest year any passage names. */
  private readonly latestYear: number;

  constructor(
    readonly passages: Passage[],
    analyzer: Analyzer,
    personConcepts: Set<string>,
  ) {
    this.search = new MiniSearch({
      idField: "id",
      fields: FIELDS.map((f) => f.name),
      tokenize: (text) => (text === "" ? [] : text.split(" ")),
      processTerm: (term) => term,
    });
    const data: number[] = [];
    const starts: number[] = [];
    const lengths = [0, 0];
    const traits: number[] = [];
    const dates: number[] = [];
    const years: number[] = [];
    passages.forEach((passage, id) => {
      const fields = [analyzer.indexTerms(passage.text, passage.lang), analyzer.indexTerms(passage.context, passage.lang)];
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
      const [terms = [], context = []] = fields;
      this.search.add({ id, terms: terms.join(" "), context: context.join(" ") });
      const features = analyzer.features(passage.text, passage.lang);
      const article = passage.origin.kind === "article";
      traits.push(
        (passage.lang === "kk" ? TRAIT.kk : 0) |
          // A fact written in both languages competes in the question's language only.
          (passage.sibling && !passage.translated && !article ? TRAIT.ownLanguageOnly : 0) |
          (passage.origin.kind !== "article" && passage.origin.fact === 0 ? TRAIT.firstFact : 0) |
          (passage.dispute ? TRAIT.dispute : 0) |
          (features.number ? TRAIT.number : 0) |
          (features.place ? TRAIT.place : 0) |
          (passage.aboutPerson || terms.some((t) => personConcepts.has(t)) ? TRAIT.person : 0),
      );
      dates.push(features.date);
      years.push(features.year);
    });
    this.traits = Uint8Array.from(traits);
    this.dates = Uint8Array.from(dates);
    this.years = Uint16Array.from(years);
    starts.push(data.length);
    this.termData = Int32Array.from(data);
    this.starts = Int32Array.from(starts);
    const n = Math.max(passages.length, 1);
    this.averageLength = [(lengths[0] ?? 0) / n || 1, (lengths[1] ?? 0) / n || 1];
    this.maxIdf = this.idf(0);
    this.latestYear = this.years.reduce((latest, year) => Math.max(latest, year), 0);
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
  find(query: QueryAnalysis, preferred: Lang): SearchResult {
    if (query.terms.length === 0) return { hits: [], unanswerable: [] };
    const stats: QueryTermStats[] = [];
    let required = 0;
    const groupWeights = query.terms.map((term, group) => {
      const alternatives = [...term.stems, ...term.concepts];
      for (const t of alternatives) {
        stats.push({ term: t, group, id: this.termIds.get(t), weight: isConcept(t) ? CONCEPT_WEIGHT : 1 });
      }
      // The first word is capitalised anyway: it must be found only if it is rare enough to be a name.
      const name = !term.first || alternatives.every((a) => (this.documentFrequency[this.termIds.get(a) ?? -1] ?? 0) <= RARE_NAME_DF);
      // A person or body the question names, in any case, must be in the answer too.
      const figure = term.concepts.some((c) => c.startsWith(FIGURE_CONCEPT));
      if ((term.proper && name) || figure) required |= 1 << group;
      return this.groupWeight(alternatives, term.verbLike);
    });
    const totalWeight = groupWeights.reduce((a, b) => a + b, 0);

    const names = new Set(query.terms.filter((t) => t.proper).flatMap((t) => t.stems));
    const rescued = this.expandUnknown(stats, names);
    const candidates = this.collectCandidates(stats);

    const statsOf = new Map<number, QueryTermStats[]>();
    for (const stat of stats) if (stat.id !== undefined) statsOf.set(stat.id, [...(statsOf.get(stat.id) ?? []), stat]);
    const queryTermIds = [...statsOf.keys()];
    const statsBySlot = queryTermIds.map((termId) => statsOf.get(termId) as QueryTermStats[]);
    const slots = new TermSlots(queryTermIds);
    const tf = new Int32Array(2 * queryTermIds.length);
    return this.rank(query, preferred, { candidates, required, groupWeights, totalWeight, rescued, stats, queryTermIds, statsBySlot, slots, tf });
  }

  /** Scores every candidate against the question's terms. */
  private rank(query: QueryAnalysis, preferred: Lang, state: RankState): SearchResult {
    const { candidates, required, groupWeights, totalWeight, rescued, stats, queryTermIds, statsBySlot, slots, tf } = state;
    const own = stats.filter((s) => !s.rescue && s.id !== undefined);
    const asksAboutDispute = query.terms.some((t) => t.concepts.includes(`${CONCEPT_PREFIX}dispute`));
    const knownGroups = own.reduce((mask, stat) => mask | (1 << stat.group), 0);
    const counted = new Set(own.filter((s) => !/^\d+$/.test(s.term)).map((s) => s.id as number));
    const idfs = queryTermIds.map((termId) => this.idf(this.documentFrequency[termId] ?? 0));
    const hits: Hit[] = [];
    const preferredKk = preferred === "kk";
    for (const id of candidates) {
      const trait = this.traits[id] as number;
      const sameLanguage = (trait & TRAIT.kk) !== 0 === preferredKk;
      if (!sameLanguage && trait & TRAIT.ownLanguageOnly) continue;
      let bm25 = 0;
      let groups = 0;
      let typos = 0;
      let inContext = 0;
      this.countSlots(id, slots, tf);
      for (let slot = 0; slot < queryTermIds.length; slot++) {
        const inText = tf[2 * slot] as number;
        const inTitle = tf[2 * slot + 1] as number;
        if (inText + inTitle === 0) continue;
        const score = this.bm25(id, inText, inTitle) * (idfs[slot] as number);
        for (const stat of statsBySlot[slot] as QueryTermStats[]) {
          bm25 += score * stat.weight;
          if (stat.rescue) {
            typos |= 1 << stat.group;
            continue;
          }
          groups |= 1 << stat.group;
          if (inTitle > 0) inContext |= 1 << stat.group;
        }
      }
      if (((groups | typos) & required) !== required) continue;
      let coverage = 0;
      let matched = 0;
      for (let g = 0; g < groupWeights.length; g++) {
        const weight = groupWeights[g] as number;
        if (groups & (1 << g)) coverage += weight;
        else if (typos & (1 << g)) coverage += weight * RESCUED_COVERAGE;
        if ((groups | typos) & (1 << g)) matched++;
      }
      coverage /= totalWeight;
      let score = bm25 * matched * coverage * coverage;
      if (query.type === "when") score *= 1 + WHEN_BOOST_PER_PRECISION * (this.dates[id] as number);
      else if (query.type !== "general" && trait & TYPE_TRAIT[query.type]) score *= TYPE_BOOST;
      if (query.type === "count" && this.counts(id, counted)) score *= COUNTED_BOOST;
      if (query.latest) {
        // "How do things stand now" is answered only by the newest information there is.
        const year = this.years[id] as number;
        if (year < this.latestYear - RECENT_YEARS) continue;
        score *= 1 + LATEST_BOOST_PER_YEAR * Math.max(0, year - FIRST_YEAR);
      }
      if (sameLanguage) score *= SAME_LANGUAGE_BOOST;
      if (trait & TRAIT.firstFact) score *= FIRST_FACT_BOOST;
      if (trait & TRAIT.dispute) score *= asksAboutDispute ? DISPUTE_BOOST : DISPUTE_PENALTY;
      // Every word the question has is in the entry's own title or name: the question is about this entry.
      if (knownGroups !== 0 && (inContext & knownGroups) === knownGroups) {
        score *= SUBJECT_BOOST;
        if (trait & TRAIT.firstFact && (query.type === "general" || query.type === "who")) score *= SUBJECT_INTRODUCTION_BOOST;
      }
      hits.push({ passage: this.passages[id] as Passage, score, coverage });
    }
    const unanswerable = query.terms.filter((term, g) => {
      const known = own.some((stat) => stat.group === g);
      const saysWhat = (term.focus && !term.verbLike) || term.capitalized;
      return !known && !rescued.has(g) && saysWhat && term.word.length >= MIN_UNKNOWN_NOUN && !/\d/.test(term.word);
    });
    return { hits: hits.sort((a, b) => b.score - a.score).slice(0, CANDIDATES), unanswerable: unanswerable.map((t) => t.word) };
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

  /** Whether a number in the passage's text stands next to one of `terms` ("67 женщин", "осуждены 53"). */
  private counts(passage: number, terms: Set<number>): boolean {
    const from = this.starts[2 * passage] as number;
    const to = this.starts[2 * passage + 1] as number;
    for (let i = from; i < to; i++) {
      if (!this.isNumber[this.termData[i] as number]) continue;
      const end = Math.min(to, i + 1 + COUNTED_WINDOW);
      for (let j = Math.max(from, i - COUNTED_WINDOW); j < end; j++) if (terms.has(this.termData[j] as number)) return true;
    }
    return false;
  }

  /** How often each of the question's terms occurs in each field of a passage: tf[2 * slot + field]. */
  private countSlots(passage: number, slots: TermSlots, tf: Int32Array): void {
    for (let i = 0; i < tf.length; i++) tf[i] = 0;
    for (let f = 0; f < 2; f++) {
      const end = this.starts[2 * passage + f + 1] as number;
      for (let i = this.starts[2 * passage + f] as number; i < end; i++) {
        const slot = slots.slot(this.termData[i] as number);
        if (slot >= 0) tf[2 * slot + f] = (tf[2 * slot + f] as number) + 1;
      }
    }
  }

  /** How often each of `wanted`'s terms occurs in each field of a passage (only the terms it has). */
  private countTerms(passage: number, wanted: Map<number, unknown>): Map<number, [number, number]> {
    const counts = new Map<number, [number, number]>();
    for (let f = 0; f < 2; f++) {
      for (let i = this.starts[2 * passage + f] as number; i < (this.starts[2 * passage + f + 1] as number); i++) {
        const termId = this.termData[i] as number;
        if (!wanted.has(termId)) continue;
        const tf = counts.get(termId) ?? [0, 0];
        tf[f as 0 | 1]++;
        counts.set(termId, tf);
      }
    }
    return counts;
  }

  /** BM25+ of a term in a passage, both fields, as MiniSearch computes it, before the term's idf. */
  private bm25(passage: number, inText: number, inTitle: number): number {
    return this.fieldScore(passage, 0, inText) + this.fieldScore(passage, 1, inTitle);
  }

  private fieldScore(passage: number, field: 0 | 1, count: number): number {
    if (count === 0) return 0;
    const length = (this.starts[2 * passage + field + 1] as number) - (this.starts[2 * passage + field] as number);
    const relativeLength = length / this.averageLength[field];
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
        pushBounded(common.get(termId) as Heap, passage, this.bm25(passage, ...tf), CHAMPIONS);
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

