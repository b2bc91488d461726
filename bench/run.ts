import { readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { AnswerEngine } from "../src/answer/engine.ts";
import { loadQuestions } from "../src/eval/evaluate.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import { synthesize } from "./synthetic.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run bench does)");

const TUNING = "test/eval/tuning";
const questions = readdirSync(TUNING)
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((f) => loadQuestions(join(TUNING, f)))
  .map((q) => q.q);
questions.push("", "   ", "🙂🙂🙂", "<b>Жусан</b> **операция**", "Жусан ".repeat(2000), "Zhusan операциясы 2019 қайтарылды children");

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function bench(name: string, kb: KnowledgeBase, builds: number, rounds: number): void {
  const before = heap();
  const buildTimes: number[] = [];
  let engine: AnswerEngine | null = null;
  for (let i = 0; i < builds; i++) {
    engine = null;
    gc?.();
    const start = performance.now();
    engine = new AnswerEngine(kb);
    buildTimes.push(performance.now() - start);
  }
  const memory = heap() - before;
  if (!engine) return;
  for (const q of questions) engine.ask(q);
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const start = performance.now();
      engine.ask(q);
      latencies.push(performance.now() - start);
    }
  }
  latencies.sort((a, b) => a - b);
  buildTimes.sort((a, b) => a - b);
  console.log(
    `${name}: ${engine.index.size.toLocaleString("en")} passages · index build ${ms(percentile(buildTimes, 50))} (median of ${builds})` +
      ` · query p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}` +
      ` over ${latencies.length} queries · index heap ${mb(memory)} · process RSS ${mb(process.memoryUsage().rss)}`,
  );
}

const factor = Number(process.env.BENCH_FACTOR ?? 1000);
const kb = loadKnowledge(process.env.KNOWLEDGE_DIR || "knowledge");
bench("real knowledge base", kb, 20, 5);
bench(`synthetic ×${factor}`, synthesize(kb, factor), 1, 3);
