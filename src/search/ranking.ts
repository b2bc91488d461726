import { MODEL } from "./ranker-model.ts";

/**
 * What is known about how well a passage answers a question, as numbers. A passage's score is a
 * weighted sum of them; the weights are learned from the tuning questions
 * (`npm run train-ranker`), not set by hand.
 */
export const PASSAGE_FEATURES = [
  /** BM25+ over the question's words and concepts (log). */
  "bm25",
  /** Share of the question's meaning the passage matches, words the index does not know included. */
  "coverage",
  /** The same, over the words the index knows only. */
  "knownCoverage",
  /** Share of the question's words the passage matches, whatever their weight. */
  "matched",
  /** The rarest known word of the question that the passage lacks (0–1 of the rarest word there is). */
  "missingRare",
  /** Share of the matched words matched only through a typo or a prefix. */
  "rescued",
  /** Share of the matched words found only in the entry's title or name. */
  "contextOnly",
  /** The passage holds the kind of answer the question asks for: a count, a person, a place; a date for "when" (0–1 by precision). */
  "typeMatch",
  /** A "how many" or "who" question, and the passage names a number or a person the question does not. */
  "novel",
  /** A "how many" question, and a number next to one of its words ("67 женщин"). */
  "counted",
  /** A timeline fact of the kind asked for: who did it, the numbers, what happened. */
  "aboutMatch",
  /** The words next to the question word ("сколько детей", "кім басқарды") are in the passage. */
  "focus",
  /** The passage is in the question's language. */
  "sameLanguage",
  /** The entry's first fact: its main one. */
  "firstFact",
  /** A fact on how sources disagree, for a question that does not ask about disagreement. */
  "dispute",
  /** A fact on how sources disagree, for a question that asks why figures differ. */
  "disputeAsked",
  /** Every known word of the question is in the entry's title or name: the question is about the entry. */
  "subject",
  /** …and this is the entry's introduction, for a "who is" or a general question. */
  "subjectIntro",
  /** For "how do things stand now": the latest year the passage names (0 in 2019 … 1 six years later). */
  "latest",
  /** Kinds of thing the question names one of (the operation, the stage, the year) where the passage names only others. */
  "conflict",
  /** Length of the passage in words (log). */
  "length",
  /** How closely the passage's words match the question's, letter by letter (trigrams), 0–1. */
  "trigrams",
  /** Share of the question's meaning found in the questions the passage's fact answers (asks). */
  "askCoverage",
  /** How closely those questions' words match the question's, by trigrams, 0–1. */
  "askTrigrams",
  /** How close the question is to the closest one of them, 0–1. */
  "closestAsk",
  /** Its square: one ask matched closely says more than several matched loosely. */
  "closestAskSq",
  /** askCoverage × knownCoverage: the asks and the text agree. */
  "askTimesText",
] as const;

/** What is known about a question and its best passage, for deciding whether the passage answers it. */
export const CONFIDENCE_FEATURES = [
  "bias",
  /** The best passage's score, without what the questions its fact answers (asks) add to it. */
  "top",
  /** What those questions add: a new article's sentences have none, and must be judged without. */
  "askCoverage",
  "askTrigrams",
  "closestAsk",
  "closestAskSq",
  /** How far the best passage is ahead of the best one from another fact. */
  "margin",
  "coverage",
  "knownCoverage",
  "missingRare",
  /** The best passage holds the kind of answer asked for (a date for "when" …). */
  "typeMatch",
  "novel",
  /** Share of the question's words that the index does not know at all. */
  "unknown",
  /** Nouns next to the question word that no passage has ("сколько денег", "ұшқышы кім"). */
  "unknownFocus",
  /** Names that no passage has. */
  "unknownNames",
  /** The question names something of the operation's own (a concept of its subject, a name some passage has). */
  "topical",
  /** Number of searchable words in the question (log). */
  "words",
] as const;

export type PassageFeature = (typeof PASSAGE_FEATURES)[number];
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];

/** A feature the model has no weight for (it was added after the model was trained) counts 0. */
export interface RankerModel {
  passage: Partial<Record<PassageFeature, number>>;
  confidence: Partial<Record<ConfidenceFeature, number>>;
  /** At or above this probability the best passage is the answer. */
  answer: number;
  /** At or above this one (and below `answer`) the best passages are offered as "did you mean". */
  suggest: number;
}

export const PASSAGE_FEATURE_COUNT = PASSAGE_FEATURES.length;
export const F = Object.fromEntries(PASSAGE_FEATURES.map((name, i) => [name, i])) as Record<PassageFeature, number>;
/** The passage features that come from the questions a fact answers (asks). */
export const ASK_FEATURES = [F.askCoverage, F.askTrigrams, F.closestAsk, F.closestAskSq, F.askTimesText];
export const C = Object.fromEntries(CONFIDENCE_FEATURES.map((name, i) => [name, i])) as Record<ConfidenceFeature, number>;


/**
 * A passage without asks (an article's sentence) is matched against its own text in their place:
 * how a question would match the questions it answers is best guessed by how it matches the text.
 */
export function imputeAsks(features: Float64Array): void {
  features[F.askCoverage] = features[F.coverage] as number;
  features[F.askTrigrams] = features[F.trigrams] as number;
  features[F.closestAsk] = features[F.trigrams] as number;
  features[F.closestAskSq] = (features[F.trigrams] as number) ** 2;
  features[F.askTimesText] = (features[F.coverage] as number) * (features[F.knownCoverage] as number);
}

/** The confidence features that describe the best passage itself, copied from its passage features. */
const FROM_PASSAGE: [ConfidenceFeature, PassageFeature][] = [
  ["askCoverage", "askCoverage"],
  ["askTrigrams", "askTrigrams"],
  ["closestAsk", "closestAsk"],
  ["closestAskSq", "closestAskSq"],
  ["coverage", "coverage"],
  ["knownCoverage", "knownCoverage"],
  ["missingRare", "missingRare"],
  ["typeMatch", "typeMatch"],
  ["novel", "novel"],
];

export function describeBest(confidence: Float64Array, best: Float64Array): void {
  for (const [c, f] of FROM_PASSAGE) confidence[C[c]] = best[F[f]] as number;
}

const passageWeights = (m: RankerModel) => Float64Array.from(PASSAGE_FEATURES, (name) => m.passage[name] ?? 0);
const confidenceWeights = (m: RankerModel) => Float64Array.from(CONFIDENCE_FEATURES, (name) => m.confidence[name] ?? 0);

/** Scores passages and judges answers with one model's weights. */
export class Ranker {
  private readonly passage: Float64Array;
  private readonly confidenceWeights: Float64Array;

  constructor(readonly model: RankerModel = MODEL) {
    this.passage = passageWeights(model);
    this.confidenceWeights = confidenceWeights(model);
  }

  score(features: Float64Array): number {
    let sum = 0;
    for (let i = 0; i < this.passage.length; i++) sum += (this.passage[i] as number) * (features[i] as number);
    return sum;
  }

  /** The score without the part that comes from the questions a fact answers (asks). */
  textScore(features: Float64Array): number {
    let asks = 0;
    for (const i of ASK_FEATURES) asks += (this.passage[i] as number) * (features[i] as number);
    return this.score(features) - asks;
  }

  /** The probability that the best passage answers the question. */
  confidence(features: Float64Array): number {
    let sum = 0;
    for (let i = 0; i < this.confidenceWeights.length; i++) sum += (this.confidenceWeights[i] as number) * (features[i] as number);
    return 1 / (1 + Math.exp(-sum));
  }
}
