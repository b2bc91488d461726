import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { SqliteStorage } from "../src/storage/sqlite.ts";
import { botEnvironment, type ApiServer, type BotEnvironment } from "../test/e2e/bot-process.ts";
import type { BotApi } from "../test/e2e/stand-in/bot-api.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** Questions the benchmarks ask, in both languages. */
export const QUESTIONS = [
  "Сколько человек вернули из Сирии на третьем этапе операции «Жусан»?",
  "Кто руководил операцией «Русафа»?",
  "Үшінші кезеңде Сириядан қанша адам оралды?",
  "Что означает название «Жусан»?",
  "Натан Сейлс Қазақстанға қашан келді?",
];

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** A process's resident memory in MB. */
export const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

/** CPU time a process has used so far, user and system, in seconds (Linux counts it in ticks of 1/100 s). */
export const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** Subscribers' chat ids start here. */
export const FIRST_SUBSCRIBER = 1_000_000;

/** A bot environment with its own copy of the knowledge base and `count` subscribers (a third Kazakh). */
export async function withSubscribers(api: ApiServer, count: number, env: Record<string, string> = {}): Promise<{ environment: BotEnvironment; knowledgeDir: string }> {
  const environment = botEnvironment(api, env);
  const knowledgeDir = join(environment.dataDir, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
  environment.env.KNOWLEDGE_DIR = knowledgeDir;
  const storage = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
  for (let i = 0; i < count; i++) await storage.subscribe(FIRST_SUBSCRIBER + i, "private", i % 3 === 0 ? "kk" : "ru");
  await storage.close();
  return { environment, knowledgeDir };
}

/** Adds a new article and runs `npm run publish`, which queues its announcement to every subscriber. */
export function publishNewArticle(environment: BotEnvironment, knowledgeDir: string): void {
  writeFileSync(
    join(knowledgeDir, "articles", "ru", "bench-article.md"),
    "---\nid: bench-article\nlang: ru\ntitle: \"Новый материал\"\nsource: Bench\nurl: https://example.kz/bench\npublished: null\n---\nТекст об операции «Жусан».\n\n" +
      "Статья для замера: её анонс уходит всем подписчикам сразу после публикации, пока другие пользователи задают вопросы, а группа засыпает бота командами /ask; текст нужен только такой длины, какую загрузчик принимает за статью.\n",
  );
  const publish = spawnSync(process.execPath, ["scripts/run.mjs", "publish"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...environment.env }, encoding: "utf8" });
  if (publish.status !== 0) throw new Error(publish.stdout + publish.stderr);
}

/**
 * Sends `rounds` questions at `rate` a second, each from a new user (the per-chat limit of one
 * message a second is not what is measured), and returns the times from the update's delivery to
 * its reply, sorted.
 */
export async function replyLatencies(api: BotApi, rounds: number, rate: number, questions: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  const begun = performance.now();
  for (let i = 0; i < rounds; i++) {
    const due = begun + (i * 1000) / rate - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    const user = { id: 10_000 + i, first_name: `U${i}`, language_code: i % 2 ? "kk" : "ru" };
    const since = api.mark();
    api.userSends(user, questions[i % questions.length] as string);
    const reply = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id, { since, settled: false });
    // The long poll that delivered the update may have started before it was sent.
    const delivery = api.requests.findLast((r) => r.method === "getUpdates" && JSON.stringify(r.response ?? "").includes(`"id":${user.id},`));
    if (delivery?.answeredAt) latencies.push(reply.time - delivery.answeredAt);
  }
  return latencies.sort((a, b) => a - b);
}
