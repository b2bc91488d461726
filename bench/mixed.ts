import { monitorEventLoopDelay } from "node:perf_hooks";
import { TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { FIRST_SUBSCRIBER, percentile, publishNewArticle, QUESTIONS, rss, withSubscribers } from "./harness.ts";
import { describeViolations, startBotAgainst, StandInProcess } from "./stand-in-process.ts";

/*
 * Everything at once through the stand-in, which enforces Telegram's limits (30 a second in all,
 * one a second per chat, 20 a minute per group) and answers 429 past them: an announcement to
 * many subscribers, quiet users asking questions a few seconds apart, and a group flooding the bot
 * with /ask. Reports 429s, the quiet users' reply latency and the bot's memory.
 *
 * The stand-in runs in a process of its own (bench/stand-in-process.ts): when it shared this
 * process, this process's bookkeeping stalled its event loop for up to 600 ms, and requests that
 * arrived apart were stamped together as a burst the bot never sent. A reply's latency is measured
 * on the stand-in's clock, from the update being queued to the reply being answered.
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const QUESTIONS_EACH = Number(process.env.BENCH_QUESTIONS_EACH ?? 20);
const FLOOD_PER_SECOND = Number(process.env.BENCH_FLOOD_RATE ?? 20);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const api = await StandInProcess.start({ token: TEST_TOKEN, rateLimits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
const { environment, knowledgeDir } = await withSubscribers(api, SUBSCRIBERS, { TELEGRAM_TIMEOUT_SECONDS: "15" });
const bot = await startBotAgainst(api, environment);
const pid = bot.child.pid as number;
const group = await api.group();

// Counted as each answer comes, never by scanning every request.
let announced = 0;
let toGroup = 0;
api.onRequest((r) => {
  if (r.method !== "sendMessage" || r.ok !== true) return;
  const chat = Number(r.chatId);
  if (chat >= FIRST_SUBSCRIBER && chat < 5_000_000) announced++;
  else if (chat === group.id) toGroup++;
});
publishNewArticle(environment, knowledgeDir);

// This process's own event loop (the load generator's), for comparison with the stand-in's.
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
let flooding = true;
let peakRss = rss(pid);
const flooder = { id: 5_000_000, first_name: "Flood", language_code: "ru" };
const flood = (async () => {
  let sent = 0;
  while (flooding) {
    void api.userSends(flooder, `/ask@${api.bot.username} ${QUESTIONS[sent++ % QUESTIONS.length]}`, { chat: group.id });
    if (sent % FLOOD_PER_SECOND === 0) peakRss = Math.max(peakRss, rss(pid));
    await sleep(1000 / FLOOD_PER_SECOND);
  }
  return sent;
})();

const latencies: number[] = [];
const quietUser = async (n: number) => {
  const user = { id: 20_000 + n, first_name: `Q${n}`, language_code: n % 2 ? "kk" : "ru" };
  await sleep(Math.random() * 3000);
  for (let q = 0; q < QUESTIONS_EACH; q++) {
    const { queuedAt, mark } = await api.userSends(user, QUESTIONS[(n + q) % QUESTIONS.length] as string);
    const reply = await api.waitFor((r) => r.method === "sendMessage" && r.chatId === user.id && r.ok === true, { since: mark, timeoutMs: 60_000 });
    latencies.push((reply.answeredAt as number) - queuedAt);
    await sleep(2000 + Math.random() * 2000);
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: USERS }, (_, n) => quietUser(n)));
const questionsDone = (performance.now() - started) / 1000;
flooding = false;
const floodSent = await flood;

await api.waitFor(() => announced >= SUBSCRIBERS, { timeoutMs: (SUBSCRIBERS / 20) * 1000 + 120_000 });
const announcedIn = (performance.now() - started) / 1000;
const stats = await api.stats();
await bot.stop();
await api.close();
environment.cleanUp();

latencies.sort((a, b) => a - b);
console.log(
  `mixed load: ${USERS} quiet users × ${QUESTIONS_EACH} questions answered in ${questionsDone.toFixed(0)} s, reply p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms · a group sent ${floodSent} /ask at ${FLOOD_PER_SECOND}/s, ` +
    `${toGroup} answered there · ${SUBSCRIBERS.toLocaleString("en")} announcements delivered in ${announcedIn.toFixed(0)} s · 429s from the stand-in: ${stats.tooMany}, ` +
    `limit violations: ${stats.violations}, refused requests: ${stats.rejected.length} · the stand-in's own event loop (own process) stalled up to ${stats.lagMaxMs.toFixed(0)} ms ` +
    `(p99 ${stats.lagP99Ms.toFixed(0)} ms; this process's up to ${(lag.max / 1e6).toFixed(0)} ms) · peak RSS ${peakRss.toFixed(0)} MB`,
);
if (stats.violations > 0) console.log(`  limits exceeded: ${describeViolations(stats)}`);
