/*
 * Learns the ranker's weights from the tuning questions (test/eval/tuning) and writes them to
 * src/search/ranker-model.ts:
 * - passage weights: for each question, a softmax over its candidate passages, pushed towards the
 *   passages that answer it (a listwise logistic model);
 * - confidence weights: a logistic regression of "the best passage answers the question" on what is
 *   known of the question and its best passage, for answerable and must-refuse questions alike;
 * - the thresholds for answering and for offering suggestions, from the same questions.
 * `--folds N` estimates accuracy on unseen questions instead: it trains on all but one Nth of the
 * questions and scores the rest, N times, and writes nothing (`--dump <file.json>` writes every
 * held-out result, to read the failures of questions the model did not learn from).
 * Both models are small enough for plain gradient descent; no library fits a listwise model.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { AnswerEngine } from "../src/answer/engine.ts";
import { check, evaluate, loadPart, share, type EvalQuestion, type EvalReport, type EvalResult } from "../src/eval/evaluate.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { LANGS, type KnowledgeBase } from "../src/knowledge/types.ts";
import { MODEL } from "../src/search/ranker-model.ts";
import { ASK_FEATURES, C, CONFIDENCE_FEATURES, describeBest, F, imputeAsks, PASSAGE_FEATURES, Ranker, type RankerModel } from "../src/search/ranking.ts";

const ROOT = resolve(import.meta.dirname, "..");
/** Candidates kept per question while training: enough to hold the right passage nearly always. */
const CANDIDATES = 100;
const PASSAGE_L2 = 0.01;
const CONFIDENCE_L2 = 0.01;
const STEPS = 400;
/** A must-refuse question answered costs this many times what an answerable one not answered does. */
const REFUSAL_WEIGHT = Number(process.env.REFUSAL_WEIGHT ?? 1);

interface Sample {
  question: EvalQuestion;
  /** Features of each candidate, and whether it answers the question. */
  features: Float64Array[];
  labels: boolean[];
  /** The fact each candidate quotes, to tell the best passage's rivals apart. */
  facts: string[];
  /** The question-level confidence features, as the search left them. */
  query: Float64Array;
}

/** The sample as a knowledge base without asks would give it. */
function withoutAsks(sample: Sample): Sample {
  const features = sample.features.map((x) => {
    const copy = Float64Array.from(x);
    imputeAsks(copy);
    return copy;
  });
  return { ...sample, features };
}

/** Runs every question through the search with many candidates and labels each candidate. */
function collect(engine: AnswerEngine, questions: EvalQuestion[]): Sample[] {
  const samples: Sample[] = [];
  for (const question of questions) {
    const retrieval = engine.retrieve(question.q, { fallbackLang: question.lang, candidates: CANDIDATES });
    if (!retrieval.confidence) continue;
    const sample: Sample = {
      question,
      features: [],
      labels: [],
      facts: [],
      query: retrieval.confidence,
    };
    for (const hit of retrieval.hits) {
      const quote = engine.explain(hit.passage, retrieval.lang).quotes[0];
      const right =
        !question.refuse &&
        retrieval.lang === question.lang &&
        quote !== undefined &&
        check(question, quote.text, quote.citations.map((c) => c.url)) === null;
      sample.features.push(hit.features);
      sample.labels.push(right);
      sample.facts.push(quote?.passage.key.replace(/:(ru|kk)$/, "") ?? hit.passage.key);
    }
    samples.push(sample);
  }
  return samples;
}

const dot = (w: Float64Array, x: Float64Array) => w.reduce((sum, wi, i) => sum + wi * (x[i] as number), 0);

/** Adam on a convex loss given its gradient. */
function minimize(size: number, gradient: (w: Float64Array, g: Float64Array) => void, start?: Float64Array): Float64Array {
  const w = start ? Float64Array.from(start) : new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const g = new Float64Array(size);
  const rate = 0.05;
  for (let step = 1; step <= STEPS; step++) {
    g.fill(0);
    gradient(w, g);
    for (let i = 0; i < size; i++) {
      const gi = g[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      const mHat = (m[i] as number) / (1 - 0.9 ** step);
      const vHat = (v[i] as number) / (1 - 0.999 ** step);
      w[i] = (w[i] as number) - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return w;
}

/** Listwise: each question's softmax over its candidates should put its mass on the right ones. */
function trainPassageWeights(samples: Sample[]): Float64Array {
  const d = PASSAGE_FEATURES.length;
  const usable = samples
    .filter((s) => s.labels.some(Boolean) && !s.labels.every(Boolean))
    .map((s) => ({ x: Float64Array.from(s.features.flatMap((f) => [...f])), labels: s.labels, n: s.labels.length }));
  return minimize(d, (w, g) => {
    for (const { x, labels, n } of usable) {
      const exp = new Float64Array(n);
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        let score = 0;
        for (let k = 0; k < d; k++) score += (w[k] as number) * (x[i * d + k] as number);
        exp[i] = score;
        if (score > max) max = score;
      }
      let total = 0;
      let right = 0;
      for (let i = 0; i < n; i++) {
        exp[i] = Math.exp((exp[i] as number) - max);
        total += exp[i] as number;
        if (labels[i]) right += exp[i] as number;
      }
      for (let i = 0; i < n; i++) {
        const coefficient = ((exp[i] as number) / total - (labels[i] ? (exp[i] as number) / right : 0)) / usable.length;
        for (let k = 0; k < d; k++) g[k] = (g[k] as number) + coefficient * (x[i * d + k] as number);
      }
    }
    w.forEach((wi, k) => (g[k] = (g[k] as number) + 2 * PASSAGE_L2 * wi));
  });
}

interface Judged {
  sample: Sample;
  features: Float64Array;
  /** The best passage answers the question. */
  right: boolean;
  /** One of the best three facts does. */
  offered: boolean;
}

/** The confidence features of each sample's best passage under the passage weights `w`. */
function judge(samples: Sample[], w: Float64Array): Judged[] {
  return samples.map((sample) => {
    const order = sample.features.map((x, i) => ({ i, score: dot(w, x) })).sort((a, b) => b.score - a.score);
    const best = order[0] as { i: number; score: number };
    const bestFeatures = sample.features[best.i] as Float64Array;
    const rival = order.find((o) => sample.facts[o.i] !== sample.facts[best.i]);
    const features = Float64Array.from(sample.query);
    features[C.top] = best.score - ASK_FEATURES.reduce((sum, i) => sum + (w[i] as number) * (bestFeatures[i] as number), 0);
    describeBest(features, bestFeatures);
    features[C.margin] = rival ? best.score - rival.score : 1;
    const facts: number[] = [];
    for (const o of order) {
      if (facts.length === 3) break;
      if (!facts.some((i) => sample.facts[i] === sample.facts[o.i])) facts.push(o.i);
    }
    return { sample, features, right: sample.labels[best.i] === true, offered: facts.some((i) => sample.labels[i]) };
  });
}

/**
 * Logistic regression of "the best passage is right". Must-refuse questions weigh as much in all
 * as the answerable ones, so that refusing is learnt as well as answering.
 */
function trainConfidence(judged: Judged[]): Float64Array {
  const refusals = judged.filter((j) => j.sample.question.refuse).length;
  const refuseWeight = refusals > 0 ? (judged.length - refusals) / refusals : 1;
  return minimize(CONFIDENCE_FEATURES.length, (w, g) => {
    for (const { features, right, sample } of judged) {
      const p = 1 / (1 + Math.exp(-dot(w, features)));
      const weight = sample.question.refuse ? refuseWeight : 1;
      for (let k = 0; k < features.length; k++) g[k] = (g[k] as number) + (weight * (p - (right ? 1 : 0)) * (features[k] as number)) / judged.length;
    }
    w.forEach((wi, k) => (g[k] = (g[k] as number) + (k === C.bias ? 0 : 2 * CONFIDENCE_L2 * wi)));
  });
}

/**
 * The thresholds: answering where the share of answerable questions answered right plus the share
 * of must-refuse questions refused is highest; suggesting where the suggestions that hold the
 * answer most outnumber those offered for questions that must be refused.
 */
function thresholds(judged: Judged[], w: Float64Array, total: { answerable: number; refuse: number }): { answer: number; suggest: number } {
  const scored = judged.map((j) => ({ ...j, p: 1 / (1 + Math.exp(-dot(w, j.features))) }));
  const candidates = [...new Set(scored.map((s) => s.p))].sort((a, b) => a - b);
  let answer = 0.5;
  let bestValue = -Infinity;
  for (const t of candidates) {
    const right = scored.filter((s) => !s.sample.question.refuse && s.right && s.p >= t).length;
    const answeredRefusals = scored.filter((s) => s.sample.question.refuse && s.p >= t).length;
    const value = right / total.answerable + (REFUSAL_WEIGHT * (total.refuse - answeredRefusals)) / total.refuse;
    if (value > bestValue) [bestValue, answer] = [value, t];
  }
  let suggest = answer;
  bestValue = 0;
  for (const t of candidates.filter((c) => c < answer)) {
    const band = scored.filter((s) => s.p >= t && s.p < answer);
    const value = band.filter((s) => !s.sample.question.refuse && s.offered).length - band.filter((s) => s.sample.question.refuse).length;
    if (value > bestValue) [bestValue, suggest] = [value, t];
  }
  return { answer, suggest };
}

/** A seeded generator, so that training is repeatable. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const KAZAKH_ON_RUSSIAN_KEYS: Record<string, string> = { қ: "к", ә: "а", ө: "о", ү: "у", ұ: "у", і: "и", ң: "н", ғ: "г", һ: "х" };

/**
 * The question as people also type it: in lower case without punctuation, with a letter dropped
 * or two swapped in some longer words, and Kazakh without Kazakh letters. Training on these as
 * well keeps the weights from leaning on exact spelling, which unseen questions often lack.
 */
function variants(question: EvalQuestion, next: () => number): EvalQuestion[] {
  const typo = (word: string) => {
    if (word.length < 5 || next() > 0.35) return word;
    const i = 1 + Math.floor(next() * (word.length - 2));
    return next() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  };
  const sloppy = question.q.toLowerCase().replace(/[?!.,«»"]/g, "").split(/\s+/).map(typo).join(" ");
  const out = [{ ...question, q: sloppy }];
  if (question.lang === "kk") out.push({ ...question, q: question.q.replace(/[қәөүұіңғһ]/gi, (c) => KAZAKH_ON_RUSSIAN_KEYS[c.toLowerCase()] ?? c) });
  return out;
}

function train(kb: KnowledgeBase, questions: EvalQuestion[]): RankerModel {
  const engine = new AnswerEngine(kb, new Ranker(MODEL));
  const next = random(1);
  const samples = collect(engine, [...questions, ...questions.flatMap((q) => variants(q, next))]);
  const passage = trainPassageWeights(samples);
  // Each question once more as if no fact had asks (as for a new article's sentences), so that
  // confidence is learnt from what the passage itself says too.
  const judged = judge(samples, passage);
  const confidence = trainConfidence([...judged, ...judge(samples.map(withoutAsks), passage)]);
  const total = { answerable: questions.filter((q) => !q.refuse).length, refuse: questions.filter((q) => q.refuse).length };
  const cut = thresholds(judged, confidence, total);
  const named = <N extends string>(names: readonly N[], w: Float64Array) =>
    Object.fromEntries(names.map((name, i) => [name, Number((w[i] as number).toFixed(4))])) as Record<N, number>;
  return {
    passage: named(PASSAGE_FEATURES, passage),
    confidence: named(CONFIDENCE_FEATURES, confidence),
    answer: Number(cut.answer.toFixed(4)),
    suggest: Number(cut.suggest.toFixed(4)),
  };
}

const percent = (correct: number, total: number) => `${((100 * correct) / Math.max(total, 1)).toFixed(1)}% (${correct}/${total})`;

function crossValidate(kb: KnowledgeBase, questions: EvalQuestion[], folds: number, dump?: string): void {
  const held: EvalResult[] = [];
  const sums = Object.fromEntries(LANGS.map((l) => [l, { right: 0, answerable: 0, refused: 0, refuse: 0, suggested: 0 }]));
  for (let fold = 0; fold < folds; fold++) {
    const model = train(
      kb,
      questions.filter((_, i) => i % folds !== fold),
    );
    const report: EvalReport = evaluate(
      new AnswerEngine(kb, new Ranker(model)),
      questions.filter((_, i) => i % folds === fold),
    );
    held.push(...report.results);
    for (const lang of LANGS) {
      const r = report.byLang[lang];
      const s = sums[lang] as { right: number; answerable: number; refused: number; refuse: number; suggested: number };
      s.right += r.inDomain.correct;
      s.answerable += r.inDomain.total;
      s.refused += r.refusals.correct;
      s.refuse += r.refusals.total;
      s.suggested += r.suggested.correct;
    }
    console.log(`fold ${fold + 1}/${folds}: ${LANGS.map((l) => `${l} ${(100 * share(report.byLang[l].inDomain)).toFixed(1)}%`).join(", ")}`);
  }
  for (const lang of LANGS) {
    const s = sums[lang] as { right: number; answerable: number; refused: number; refuse: number; suggested: number };
    console.log(`${lang}: right ${percent(s.right, s.answerable)} · suggested ${percent(s.suggested, s.answerable)} · refused ${percent(s.refused, s.refuse)}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify(held, null, 1));
}

const { values } = parseArgs({ options: { folds: { type: "string" }, dump: { type: "string" } } });
const kb = loadKnowledge(resolve(ROOT, "knowledge"));
const questions = loadPart(resolve(ROOT, "test/eval/tuning"));
if (values.folds) {
  crossValidate(kb, questions, Number(values.folds), values.dump);
} else {
  const model = train(kb, questions);
  const file = resolve(ROOT, "src/search/ranker-model.ts");
  writeFileSync(
    file,
    `// Written by \`npm run train-ranker\` from the tuning questions (test/eval/tuning); do not edit by hand.\nimport type { RankerModel } from "./ranking.ts";\n\nexport const MODEL: RankerModel = ${JSON.stringify(model, null, 2)};\n`,
  );
  console.log(`wrote ${file}`);
}
