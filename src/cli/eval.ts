import { execFileSync } from "node:child_process";
import { appendFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { AnswerEngine } from "../answer/engine.ts";
import { evaluate, loadQuestions, REFUSALS, share, STYLES, type EvalReport, type Score } from "../eval/evaluate.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { LANGS } from "../knowledge/types.ts";

const USAGE = `usage: npm run eval -- [--part tuning|blind] [--failures] [--dump <file.json>] [--log]
  --part      which part of test/eval/ to score (default tuning)
  --failures  list every wrong answer (tuning part only: the blind part stays unread)
  --dump      write every result as JSON (tuning part only)
  --log       append the figures to test/eval/results.md (blind part only)`;

const percent = (score: Score) => `${(share(score) * 100).toFixed(1)}% (${score.correct}/${score.total})`;

function summary(report: EvalReport): string[] {
  const lines: string[] = [];
  for (const lang of LANGS) {
    const r = report.byLang[lang];
    lines.push(`${lang}: right ${percent(r.inDomain)} · offered among suggestions ${percent(r.suggested)} · refused ${percent(r.refusals)}`);
    const styles = STYLES.filter((s) => r.byStyle[s]).map((s) => `${s} ${percent(r.byStyle[s] as Score)}`);
    lines.push(`    by style: ${styles.join(" · ")}`);
    const refusals = REFUSALS.filter((k) => r.byRefusal[k]).map((k) => `${k} ${percent(r.byRefusal[k] as Score)}`);
    lines.push(`    refusals: ${refusals.join(" · ")}`);
  }
  return lines;
}

function printFailures(report: EvalReport): void {
  for (const result of report.results.filter((r) => !r.correct)) {
    const { q, lang, style, topic, answer } = result.question;
    console.log(`\nFAIL [${lang}/${style}/${topic}] ${q}\n  ${result.problem}${answer ? `\n  expected: ${answer}` : ""}`);
    if (result.quote) console.log(`  quote: ${result.quote}\n  urls: ${result.urls.join(" ")}`);
  }
}

function logLine(part: string, report: EvalReport, questions: number): string {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "src", "knowledge"], { encoding: "utf8" }).trim() ? "+changes" : "";
  const figures = LANGS.map((lang) => {
    const r = report.byLang[lang];
    return `${lang} ${percent(r.inDomain)}, suggested ${percent(r.suggested)}, refused ${percent(r.refusals)}`;
  });
  return `| ${new Date().toISOString().slice(0, 10)} | ${commit}${dirty} | ${part} (${questions}) | ${figures.join("; ")} |\n`;
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: { part: { type: "string", default: "tuning" }, failures: { type: "boolean" }, dump: { type: "string" }, log: { type: "boolean" } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const part = values.part as string;
  const blind = part !== "tuning";
  if ((blind && (values.failures || values.dump)) || (!blind && values.log)) {
    console.error(USAGE);
    return 2;
  }
  const dir = join("test/eval", part);
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  const questions = files.flatMap((f) => loadQuestions(join(dir, f)));
  const engine = new AnswerEngine(loadKnowledge(process.env.KNOWLEDGE_DIR || "knowledge"));
  const report = evaluate(engine, questions);
  console.log(`${dir}: ${questions.length} questions in ${files.length} files`);
  for (const line of summary(report)) console.log(`  ${line}`);
  if (values.failures) printFailures(report);
  if (values.dump) writeFileSync(values.dump, JSON.stringify(report.results, null, 1));
  if (values.log) appendFileSync("test/eval/results.md", logLine(part, report, questions.length));
  return 0;
}

process.exitCode = main();
