import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load as parseYaml } from "js-yaml";
import type { Answer, AnswerEngine } from "../answer/engine.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";
import { foldKazakh, normalize } from "../search/normalize.ts";

/** How a question is worded (see test/eval/README.md). */
export const STYLES = [
  "plain",
  "paraphrase",
  "polite",
  "telegraphic",
  "colloquial",
  "typos",
  "lowercase",
  "oneword",
  "rambling",
  "mixed",
  "translit",
  "nokazletters",
  "latin2021",
  "latinapos",
  "ascii",
] as const;
export type Style = (typeof STYLES)[number];

/** Why a question must be refused. */
export const REFUSALS = ["other-country", "personal", "not-in-sources", "off-topic"] as const;
export type Refusal = (typeof REFUSALS)[number];

export interface EvalQuestion {
  q: string;
  lang: Lang;
  style: Style;
  topic: string;
  /** The fact expected, in a line (for people reading failures). */
  answer?: string;
  /** The answer is right when its quote holds one string of every group. */
  accept?: string[][];
  /** …and it cites one of these. */
  sources?: string[];
  refuse?: Refusal;
}

/**
 * right: the fact asked for, from a source that states it. suggested: not answered, but one of
 * the "did you mean" offers is right. refused: a must-refuse question refused.
 */
export type Outcome = "right" | "suggested" | "wrong" | "not-found" | "refused" | "answered";

export interface EvalResult {
  question: EvalQuestion;
  outcome: Outcome;
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

export interface LangReport {
  inDomain: Score;
  /** In-domain questions not answered but offered among the suggestions. */
  suggested: Score;
  refusals: Score;
  byStyle: Partial<Record<Style, Score>>;
  byRefusal: Partial<Record<Refusal, Score>>;
}

export interface EvalReport {
  results: EvalResult[];
  byLang: Record<Lang, LangReport>;
}

/** Every .yaml file of a part of the corpus (test/eval/<part>), in name order. */
export function loadPart(dir: string): EvalQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .flatMap((f) => loadQuestions(join(dir, f)));
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === "string" && s !== "");

export function loadQuestions(path: string): EvalQuestion[] {
  const doc = parseYaml(readFileSync(path, "utf8")) as { questions?: EvalQuestion[] };
  const questions = doc.questions ?? [];
  questions.forEach((q, i) => {
    const where = `${path}: questions[${i}] (${JSON.stringify(q?.q)})`;
    if (typeof q.q !== "string" || !LANGS.includes(q.lang)) throw new Error(`${where}: needs q and lang (${LANGS.join("|")})`);
    if (!STYLES.includes(q.style)) throw new Error(`${where}: style must be one of ${STYLES.join(", ")}`);
    if (q.refuse !== undefined) {
      if (!REFUSALS.includes(q.refuse)) throw new Error(`${where}: refuse must be one of ${REFUSALS.join(", ")}`);
      if (q.accept || q.sources) throw new Error(`${where}: a question to refuse has no accept or sources`);
    } else if (!Array.isArray(q.accept) || q.accept.length === 0 || !q.accept.every(isStringList) || !isStringList(q.sources)) {
      throw new Error(`${where}: needs accept (a list of lists of strings) and sources, or refuse`);
    }
  });
  return questions;
}

/** Case, ё, Kazakh letters and spaces inside numbers do not matter when a quote is compared. */
const comparable = (text: string) => foldKazakh(normalize(text)).replace(/(\d)[\s\u00a0\u202f](?=\d)/g, "$1");

/** Whether a quote and its citations answer the question; null when they do. */
export function check(question: EvalQuestion, text: string, urls: string[]): string | null {
  const quote = comparable(text);
  const missing = (question.accept ?? []).filter((group) => !group.some((s) => quote.includes(comparable(s))));
  if (missing.length > 0) return `quote lacks ${missing.map((g) => g.join("|")).join(", ")}`;
  return urls.some((url) => question.sources?.includes(url)) ? null : "cites another source";
}

export function judge(answer: Answer, question: EvalQuestion): EvalResult {
  const main = answer.quotes[0];
  const quote = main?.text ?? null;
  const urls = main?.citations.map((c) => c.url) ?? [];
  const result = (outcome: Outcome, problem: string | null): EvalResult => ({
    question,
    outcome,
    correct: outcome === "right" || outcome === "refused",
    problem,
    quote,
    urls,
  });
  if (question.refuse) return answer.found ? result("answered", "answered a question it should refuse") : result("refused", null);
  if (!main) {
    const offered = answer.suggestions.some((s) => check(question, s.text, s.sources.map((source) => source.url)) === null);
    return offered ? result("suggested", "only among the suggestions") : result("not-found", "not found");
  }
  if (answer.lang !== question.lang) return result("wrong", `answered in ${answer.lang}`);
  const problem = check(question, main.text, urls);
  return problem ? result("wrong", problem) : result("right", null);
}

const emptyLangReport = (): LangReport => ({
  inDomain: { correct: 0, total: 0 },
  suggested: { correct: 0, total: 0 },
  refusals: { correct: 0, total: 0 },
  byStyle: {},
  byRefusal: {},
});

export function evaluate(engine: AnswerEngine, questions: EvalQuestion[]): EvalReport {
  const results = questions.map((q) => judge(engine.ask(q.q, { fallbackLang: q.lang }), q));
  const byLang = Object.fromEntries(LANGS.map((lang) => [lang, emptyLangReport()])) as Record<Lang, LangReport>;
  for (const { question, correct, outcome } of results) {
    const report = byLang[question.lang];
    const scores = [(report.byStyle[question.style] ??= { correct: 0, total: 0 })];
    if (question.refuse) scores.push(report.refusals, (report.byRefusal[question.refuse] ??= { correct: 0, total: 0 }));
    else {
      scores.push(report.inDomain);
      report.suggested.total++;
      if (outcome === "suggested") report.suggested.correct++;
    }
    for (const score of scores) {
      score.total++;
      if (correct) score.correct++;
    }
  }
  return { results, byLang };
}

export const share = ({ correct, total }: Score) => (total === 0 ? 1 : correct / total);
