import { parseArgs } from "node:util";
import { AnswerEngine } from "../answer/engine.ts";
import { evaluate, KINDS, loadQuestions, share, type EvalReport, type Score } from "../eval/evaluate.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { LANGS } from "../knowledge/types.ts";

const TUNING_SETS = ["test/eval/questions.yaml", "test/eval/questions-2.yaml"];
const HOLDOUT_SETS = ["test/eval/holdout.yaml", "test/eval/holdout-2.yaml"];

const percent = (score: Score) => `${(share(score) * 100).toFixed(1)}% (${score.correct}/${score.total})`;

/** Failures are listed for the tuning set only: the holdout set stays unseen by whoever tunes the engine. */
function print(name: string, report: EvalReport, details: boolean, verbose: boolean): void {
  console.log(`\n${name}`);
  for (const lang of LANGS) {
    const kinds = KINDS.filter((k) => report.byKind[lang][k]).map((k) => `${k} ${percent(report.byKind[lang][k] as Score)}`);
    console.log(`  ${lang}: in-domain ${percent(report.inDomain[lang])}, out-of-domain "not found" ${percent(report.outOfDomain[lang])}`);
    console.log(`      ${kinds.join(" · ")}`);
  }
  if (!details) return;
  for (const result of report.results.filter((r) => !r.correct || verbose)) {
    console.log(`  ${result.correct ? "ok  " : "FAIL"} [${result.question.lang}/${result.question.kind}] ${result.question.q}`);
    if (!result.correct) console.log(`       ${result.problem}\n       quote: ${result.quote ?? "-"}\n       urls: ${result.urls.join(" ") || "-"}`);
  }
}

const { values } = parseArgs({ options: { verbose: { type: "boolean", short: "v" }, holdout: { type: "boolean" } } });
const engine = new AnswerEngine(loadKnowledge(process.env.KNOWLEDGE_DIR || "knowledge"));
const verbose = values.verbose ?? false;
for (const set of TUNING_SETS) print(set, evaluate(engine, loadQuestions(set)), true, verbose);
for (const set of HOLDOUT_SETS) print(set, evaluate(engine, loadQuestions(set)), values.holdout ?? false, verbose);
