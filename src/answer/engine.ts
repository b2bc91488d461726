import type { KnowledgeBase, Lang, Source } from "../knowledge/types.ts";
import { Analyzer, CONCEPT_PREFIX, FIGURE_CONCEPT, type QueryAnalysis } from "../search/analyzer.ts";
import { buildPassages, passageRef, type Passage } from "../search/passages.ts";
import { C, CONFIDENCE_FEATURES, describeBest, F, Ranker } from "../search/ranking.ts";
import { SearchIndex, type Hit } from "../search/search-index.ts";

/** A further passage must score nearly as well as the best one, and match nearly as much of the question. */
const EXTRA_SCORE_GAP = 0.5;
const COVERAGE_SLACK = 0.05;
/** "Did you mean": at most this many of the closest facts. */
const MAX_SUGGESTIONS = 3;
/** Concepts that only name the operation. */
const OVERVIEW_CONCEPTS = new Set(["zhusan", "rusafa", "operation"].map((c) => `${CONCEPT_PREFIX}${c}`));
/** Inline mode offers the facts that score at most this much below the best one. */
const MORE_ANSWERS_GAP = 3;
const MAX_SOURCES = 3;
/** The answer quotes one passage, and one more that adds to it; or, for a figure the sources give differently, up to three. */
const MAX_QUOTES = 2;
const MAX_FIGURE_QUOTES = 3;
const MAX_RELATED = 3;
/** An article sentence shorter than this is quoted with the sentence after it. */
const SHORT_SENTENCE = 80;
const ANAPHORA = /^(он|она|они|оно|это|этот|эта|там|тогда|также|кроме того|при этом|ол|олар|бұл|сол|сондай-ақ|бұдан бөлек)[\s,]/iu;

/** A source as the answer shows it. */
export interface Citation {
  /** The page's own title, when known (never the knowledge base entry's label). */
  title: string | null;
  outlet: string;
  published: string | null;
  url: string;
  /** The quote is our translation of this page. */
  translation: boolean;
}

export interface Quote {
  text: string;
  passage: Passage;
  /** The sources of this quote that the answer cites. */
  citations: Citation[];
}

/** uncertain: nothing answers confidently, but the closest facts are offered as suggestions. */
/** other-country, personal: refused for that reason (a question about another country, a request for personal help). */
export type AnswerReason = "answered" | "empty" | "not-found" | "uncertain" | "other-country" | "personal";

export interface Answer {
  found: boolean;
  reason: AnswerReason;
  /** The language of the answer: the question's, or the fallback when the question does not tell. */
  lang: Lang;
  /** The main quote first, then one that adds something from another source (up to two for differing figures). */
  quotes: Quote[];
  /** The further quotes give the asked-for figure as other sources state it. */
  differingFigures: boolean;
  /** Every source cited, the main quote's first; at most three. */
  sources: Citation[];
  /** Other passages that matched well, from other entries or articles: offered as follow-ups. */
  related: Passage[];
  /** When nothing answers confidently: the closest passages, offered as "did you mean". */
  suggestions: Passage[];
  analysis: QueryAnalysis;
}

/** What the search found, before an answer is made of it. */
export interface Retrieval {
  analysis: QueryAnalysis;
  lang: Lang;
  reason: AnswerReason;
  /** Best first. */
  hits: Hit[];
  /** What the ranker judged the best passage by (CONFIDENCE_FEATURES), when there is one. */
  confidence: Float64Array | null;
}

export interface AskOptions {
  /** The language to answer in when the question does not tell (the user's setting). */
  fallbackLang?: Lang;
}

const entryOf = (p: Passage) => `${p.origin.kind}:${p.origin.id}`;
const factOf = (p: Passage) =>
  p.origin.kind === "article" ? `${entryOf(p)}:${p.origin.paragraph}:${p.origin.sentence}` : `${entryOf(p)}:${p.origin.fact}`;

/**
 * A question that is nothing but the name of a person or a body ("Смадияров", "кто такой
 * Ашикбаев", «ҰҚК деген не») asks who or what that is: the first fact of their card leads.
 */
function introFirst(hits: Hit[], analysis: QueryAnalysis): Hit[] {
  if (analysis.type !== "general" && analysis.type !== "who") return hits;
  const figures = new Set(analysis.terms.flatMap((t) => t.concepts.filter((c) => c.startsWith(FIGURE_CONCEPT))));
  const [figure] = figures;
  if (figures.size !== 1 || !figure || !analysis.terms.every((t) => t.concepts.includes(figure))) return hits;
  const id = figure.slice(FIGURE_CONCEPT.length);
  const intro = hits.findIndex(({ passage: { origin } }) => origin.kind === "figure" && origin.id === id && origin.fact === 0);
  return intro <= 0 ? hits : [hits[intro] as Hit, ...hits.slice(0, intro), ...hits.slice(intro + 1)];
}

/** Answers questions from a knowledge base: the question's best passages, quoted, with their sources. */
export class AnswerEngine {
  readonly index: SearchIndex;

  private readonly refs: Map<string, Passage>;

  constructor(
    readonly knowledge: KnowledgeBase,
    private readonly ranker: Ranker = new Ranker(),
  ) {
    const people = knowledge.figures.filter((f) => f.kind === "person");
    const analyzer = new Analyzer(
      knowledge.figures.map((f) => ({
        concept: `${FIGURE_CONCEPT}${f.id}`,
        // A body's name is words in common use ("государственный", "комитет"): only its one-word aliases (КНБ) name it.
        words: f.kind === "person" ? [f.name.ru, f.name.kk, ...f.aliases] : f.aliases.filter((a) => !/\s/.test(a)),
      })),
    );
    this.index = new SearchIndex(buildPassages(knowledge), analyzer, new Set(people.map((f) => `${FIGURE_CONCEPT}${f.id}`)), ranker);
    this.analyzer = analyzer;
    this.refs = new Map(this.index.passages.map((p) => [passageRef(p), p]));
  }

  private readonly analyzer: Analyzer;

  /**
   * The passages that answer the question, best first, one per fact, each as an answer of its
   * own (for inline mode, where the user picks one to share); when none answers confidently, the
   * closest few.
   */
  answers(question: string, options: AskOptions & { limit: number }): { lang: Lang; langFromQuestion: boolean; reason: AnswerReason; answers: Answer[] } {
    const { analysis, lang, hits, reason } = this.search(question, options);
    const facts = new Set<string>();
    const answers: Answer[] = [];
    const limit = reason === "uncertain" ? Math.min(options.limit, MAX_SUGGESTIONS) : options.limit;
    const floor = (hits[0]?.score ?? 0) - MORE_ANSWERS_GAP;
    for (const hit of hits) {
      if (answers.length === limit || hit.score < floor) break;
      // An article sentence and its translation are one fact.
      const fact = factOf(this.localized(hit.passage, lang));
      if (facts.has(fact)) continue;
      facts.add(fact);
      answers.push(this.explain(hit.passage, lang));
    }
    return { lang, langFromQuestion: analysis.lang !== null, reason, answers };
  }

  /** The passages that answer a question well enough, best first, or why there are none. */
  private search(question: string, options: AskOptions) {
    const retrieval = this.retrieve(question, options);
    return { ...retrieval, hits: retrieval.reason === "answered" || retrieval.reason === "uncertain" ? retrieval.hits : [] };
  }

  /**
   * What the search finds for a question and how sure the ranker is of the best passage: the
   * answer is made from this, and the ranker is trained on it.
   */
  retrieve(question: string, { fallbackLang = "ru", candidates }: AskOptions & { candidates?: number }): Retrieval {
    const analysis = this.analyzer.analyzeQuery(question, (term, lang) => this.index.has(term, lang));
    const lang = analysis.lang ?? fallbackLang;
    const result = (reason: AnswerReason, hits: Hit[] = [], confidence: Float64Array | null = null): Retrieval => ({
      analysis,
      lang,
      hits,
      reason,
      confidence,
    });
    if (analysis.personal) return result("personal");
    if (analysis.terms.length === 0) return result("empty");
    const found = this.index.find(analysis, lang, candidates);
    const { hits } = found;
    const best = hits[0];
    if (found.otherCountry) return result("other-country");
    if (!best) return result("not-found");
    const features = new Float64Array(CONFIDENCE_FEATURES.length);
    const bestFact = factOf(this.localized(best.passage, lang));
    const runnerUp = hits.find((h) => factOf(this.localized(h.passage, lang)) !== bestFact);
    features[C.bias] = 1;
    features[C.top] = this.ranker.textScore(best.features);
    describeBest(features, best.features);
    features[C.margin] = runnerUp ? best.score - runnerUp.score : 1;
    features[C.unknown] = found.unknown;
    features[C.unknownFocus] = Math.min(found.unknownFocus, 2);
    features[C.unknownNames] = Math.min(found.unknownNames, 2);
    features[C.topical] = found.topical ? 1 : 0;
    features[C.words] = Math.log(analysis.terms.length);
    const p = this.ranker.confidence(features);
    // Nothing but the operation's name ("Жусан", "Что такое Жусан?", «Русафа деген не»): the fact that opens its
    // entry says what it was; any other best fact is only offered, with the main ones beside it.
    const overview = analysis.terms.every((t) => t.concepts.some((c) => OVERVIEW_CONCEPTS.has(c)));
    const opensEntry = best.passage.origin.kind !== "article" && best.passage.origin.fact === 0;
    // The best passage cannot answer a "when" without a date, nor a question about a year or a stage it is not about.
    const offTarget = (analysis.type === "when" && best.features[F.typeMatch] === 0) || (best.features[F.conflict] as number) > 0;
    const reason =
      (p >= this.ranker.model.answer || (overview && opensEntry)) && !offTarget ? "answered" : p >= this.ranker.model.suggest || overview ? "uncertain" : "not-found";
    return result(reason, introFirst(hits, analysis), features);
  }

  /** The passage a button refers to, if the knowledge base still has it. */
  passageByRef(ref: string): Passage | undefined {
    return this.refs.get(ref);
  }

  /** An answer that quotes one given passage, in `lang` when the passage exists in it. */
  explain(passage: Passage, lang: Lang): Answer {
    const { quotes, sources } = cite([this.quote(passage, lang)]);
    return { found: true, reason: "answered", lang, quotes, differingFigures: false, sources, related: [], suggestions: [], analysis: this.analyzer.analyzeQuery("") };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const { analysis, lang, hits, reason } = this.search(question, options);
    const best = hits[0];
    if (reason === "uncertain") return { found: false, reason, lang, quotes: [], differingFigures: false, sources: [], related: [], suggestions: this.distinctFacts(hits, lang, MAX_SUGGESTIONS), analysis };
    if (!best) return { found: false, reason, lang, quotes: [], differingFigures: false, sources: [], related: [], suggestions: [], analysis };

    // Further passages either restate the main one's figures from other sources (then they are
    // cited under it) or add something of their own (then they are quoted too), up to three sources.
    const main = this.quote(best.passage, lang);
    const quotes = [main];
    const counting = analysis.type === "count";
    const usedFacts = new Set([factOf(main.passage)]);
    const citedUrls = new Set(best.passage.sources.map((s) => s.url));
    const maxQuotes = analysis.terms.length < 2 ? 1 : counting ? MAX_FIGURE_QUOTES : MAX_QUOTES;
    for (const hit of hits.slice(1)) {
      if (hit.score < best.score - EXTRA_SCORE_GAP) break;
      const newSources = hit.passage.sources.filter((s) => !citedUrls.has(s.url));
      const fact = factOf(this.localized(hit.passage, lang));
      if ((hit.features[F.coverage] as number) < (best.features[F.coverage] as number) - COVERAGE_SLACK || usedFacts.has(fact) || newSources.length === 0) continue;
      if (restates(hit.passage, best.passage)) {
        if (citedUrls.size >= MAX_SOURCES) continue;
        main.sources.push(...newSources);
      } else if (quotes.length < maxQuotes) quotes.push(this.quote(hit.passage, lang));
      else continue;
      usedFacts.add(fact);
      newSources.forEach((s) => citedUrls.add(s.url));
    }

    const { quotes: cited, sources } = cite(quotes);
    const quotedEntries = new Set(quotes.map((q) => entryOf(q.passage)));
    const related: Passage[] = [];
    for (const hit of hits) {
      if (related.length === MAX_RELATED) break;
      const entry = entryOf(hit.passage);
      if (quotedEntries.has(entry)) continue;
      quotedEntries.add(entry);
      related.push(this.localized(hit.passage, lang));
    }
    const differingFigures = counting && quotes.length > 1 && quotes.every((q) => figuresOf(q.passage).size > 0);
    return { found: true, reason: "answered", lang, quotes: cited, differingFigures, sources, related, suggestions: [], analysis };
  }


  /** The first `limit` hits that are different facts, in `lang`. */
  private distinctFacts(hits: Hit[], lang: Lang, limit: number): Passage[] {
    const facts = new Set<string>();
    const passages: Passage[] = [];
    for (const hit of hits) {
      if (passages.length === limit) break;
      const passage = this.localized(hit.passage, lang);
      if (facts.has(factOf(passage))) continue;
      facts.add(factOf(passage));
      passages.push(passage);
    }
    return passages;
  }

  /** The same passage in `lang` when the knowledge base has it in both languages. */
  private localized(passage: Passage, lang: Lang): Passage {
    if (passage.lang === lang || !passage.sibling) return passage;
    return this.index.byKey(passage.sibling) ?? passage;
  }

  private quote(found: Passage, lang: Lang): Draft {
    const passage = this.localized(found, lang);
    let text = passage.text;
    const { before, after } = passage.neighbours;
    if (before && ANAPHORA.test(text)) text = `${before} ${text}`;
    else if (after && text.length < SHORT_SENTENCE) text = `${text} ${after}`;
    return { text, passage, sources: [...passage.sources] };
  }
}

/** A quote before its citations are chosen: its passage's sources, and those of passages that say the same. */
interface Draft {
  text: string;
  passage: Passage;
  sources: Source[];
}

const NUMBER = /\d+/g;
const YEAR = /^(19|20)\d\d$/;

/** The numbers a passage gives, years aside. */
const figuresOf = (p: Passage) => new Set((p.text.match(NUMBER) ?? []).filter((n) => !YEAR.test(n)));

/** Whether `other` gives no figure that `main` does not (two sources for one set of numbers). */
function restates(other: Passage, main: Passage): boolean {
  const theirs = figuresOf(other);
  const ours = figuresOf(main);
  return theirs.size > 0 && [...theirs].every((n) => ours.has(n));
}

/**
 * Picks the sources to cite, at most three without repeats: each quote's first source, then the
 * quotes' further sources; fills in each quote's citations.
 */
function cite(quotes: Draft[]): { quotes: Quote[]; sources: Citation[] } {
  const chosen = new Map<string, Citation>();
  const citationsOf = quotes.map(() => [] as Citation[]);
  const rounds = [quotes.map((q) => q.sources.slice(0, 1)), quotes.map((q) => q.sources.slice(1))];
  for (const round of rounds) {
    round.forEach((sources, i) => {
      for (const source of sources) {
        if (chosen.size === MAX_SOURCES && !chosen.has(source.url)) return;
        const citation = chosen.get(source.url) ?? toCitation(source, quotes[i]?.passage as Passage);
        chosen.set(source.url, citation);
        if (!citationsOf[i]?.includes(citation)) citationsOf[i]?.push(citation);
      }
    });
  }
  return { quotes: quotes.map(({ text, passage }, i) => ({ text, passage, citations: citationsOf[i] ?? [] })), sources: [...chosen.values()] };
}

function toCitation(source: Source, passage: Passage): Citation {
  return {
    title: source.title,
    outlet: source.outlet,
    published: source.published,
    url: source.url,
    translation: passage.translated,
  };
}
