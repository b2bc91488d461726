import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { AnswerEngine } from "../answer/engine.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";
import { normalize } from "../search/normalize.ts";

export const KINDS = ["plain", "paraphrase", "typo", "lowercase", "keywords", "ood"] as const;
export type Kind = (typeof KINDS)[number];

/** A right answer: its quote contains every string, and it cites one of the sources. */
export interface Expectation {
  contains: string[];
  sources: string[];
}

export interface EvalQuestion {
  q: string;
  lang: Lang;
  kind: Kind;
  /** The right answer, or a list of right answers when more than one fact answers the question. */
  expect?: Expectation | Expectation[];
}

export interface EvalResult {
  question: EvalQuestion;
  correct: boolean;
  /** Why a wrong answer is wrong. */
  problem: string | null;
  quote: string | null;
  urls: string[];
}

export interface Score {
  correct: number;
  total: number;
}

export interface EvalReport {
  results: EvalResult[];
  inDomain: Record<Lang, Score>;
  outOfDomain: Record<Lang, Score>;
  byKind: Record<Lang, Partial<Record<Kind, Score>>>;
}

export function loadQuestions(path: string): EvalQuestion[] {
  const doc = parseYaml(readFileSync(path, "utf8")) as { questions?: EvalQuestion[] };
  const questions = doc.questions ?? [];
  questions.forEach((q, i) => {
    const where = `${path}: questions[${i}]`;
    if (typeof q.q !== "string" || !LANGS.includes(q.lang) || !KINDS.includes(q.kind)) throw new Error(`${where}: needs q, lang (ru|kk) and kind`);
    if ((q.kind === "ood") !== (q.expect === undefined)) throw new Error(`${where}: expect is required unless kind is ood`);
  });
  return questions;
}

const contains = (text: string, part: string) => normalize(text).includes(normalize(part));

export function judge(engine: AnswerEngine, question: EvalQuestion): EvalResult {
  const answer = engine.ask(question.q, { fallbackLang: question.lang });
  const main = answer.quotes[0];
  const quote = main?.text ?? null;
  const urls = main?.citations.map((c) => c.url) ?? [];
  let problem: string | null = null;
  if (!question.expect) {
    if (answer.found) problem = "answered an out-of-domain question";
  } else if (!main) {
    problem = "not found";
  } else if (answer.lang !== question.lang) {
    problem = `answered in ${answer.lang}`;
  } else {
    const problems = [question.expect].flat().map((expectation) => {
      const missing = expectation.contains.filter((part) => !contains(main.text, part));
      if (missing.length > 0) return `quote lacks ${missing.join(", ")}`;
      return urls.some((url) => expectation.sources.includes(url)) ? null : "cites another source";
    });
    if (!problems.includes(null)) problem = problems.join("; or ");
  }
  return { question, correct: problem === null, problem, quote, urls };
}

export function evaluate(engine: AnswerEngine, questions: EvalQuestion[]): EvalReport {
  const results = questions.map((q) => judge(engine, q));
  const empty = (): Record<Lang, Score> => ({ ru: { correct: 0, total: 0 }, kk: { correct: 0, total: 0 } });
  const report: EvalReport = { results, inDomain: empty(), outOfDomain: empty(), byKind: { ru: {}, kk: {} } };
  for (const { question, correct } of results) {
    const scores = [
      (question.kind === "ood" ? report.outOfDomain : report.inDomain)[question.lang],
      (report.byKind[question.lang][question.kind] ??= { correct: 0, total: 0 }),
    ];
    for (const score of scores) {
      score.total++;
      if (correct) score.correct++;
    }
  }
  return report;
}

export const share = ({ correct, total }: Score) => (total === 0 ? 1 : correct / total);
