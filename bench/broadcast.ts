import { cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { SqliteStorage } from "../src/storage/sqlite.ts";
import { botEnvironment, startBot, TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { startBotApi } from "../test/e2e/stand-in/bot-api.ts";

/*
 * Announcing one new article to many subscribers through the stand-in, which answers at once:
 * the achieved rate against the configured limit (BROADCAST_PER_SECOND, 25 by default).
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PER_SECOND = Number(process.env.BROADCAST_PER_SECOND ?? 25);
const ROOT = resolve(import.meta.dirname, "..");

const api = await startBotApi({ token: TEST_TOKEN, rateLimits: { globalPerSecond: PER_SECOND, perChatPerSecond: 1 } });
const environment = botEnvironment(api, { BROADCAST_PER_SECOND: String(PER_SECOND) });
const knowledgeDir = join(environment.dataDir, "knowledge");
cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
environment.env.KNOWLEDGE_DIR = knowledgeDir;

const storage = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
for (let i = 0; i < SUBSCRIBERS; i++) await storage.subscribe(1_000_000 + i, "private", i % 3 === 0 ? "kk" : "ru");
await storage.close();

const bot = await startBot(api, environment);
writeFileSync(
  join(knowledgeDir, "articles", "ru", "bench-article.md"),
  "---\nid: bench-article\nlang: ru\ntitle: \"Новый материал\"\nsource: Bench\nurl: https://example.kz/bench\npublished: null\n---\nТекст об операции «Жусан».\n",
);
const since = api.mark();
const publish = spawnSync(process.execPath, ["scripts/run.mjs", "publish"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...environment.env }, encoding: "utf8" });
if (publish.status !== 0) throw new Error(publish.stdout + publish.stderr);

const announced = () => api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.response?.ok === true);
await api.waitFor(() => announced().length >= SUBSCRIBERS, { timeoutMs: (SUBSCRIBERS / PER_SECOND) * 1000 * 2 + 60_000 });
const times = announced().map((r) => r.time);
const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
const rate = (SUBSCRIBERS - 1) / seconds;
console.log(
  `broadcast: ${SUBSCRIBERS.toLocaleString("en")} subscribers announced in ${seconds.toFixed(1)} s · ${rate.toFixed(2)} messages/s ` +
    `against a limit of ${PER_SECOND}/s (${((rate / PER_SECOND) * 100).toFixed(1)}%) · stand-in rate-limit violations: ${api.rateLimitViolations.length}`,
);
await bot.stop();
await api.close();
environment.cleanUp();
