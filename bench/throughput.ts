import type { Update } from "grammy/types";
import { TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { LoadBalancer, startCluster } from "../test/e2e/cluster.ts";
import { maxInWindow, type BotApi } from "../test/e2e/stand-in/bot-api.ts";
import { cleanUp, endAdmin, postgresql, sqlite } from "../test/storage/databases.ts";
import { cpuSeconds, percentile, QUESTIONS } from "./harness.ts";
import { describeViolations, StandInProcess } from "./stand-in-process.ts";

/*
 * Answer throughput: a burst of questions from many users (1,000 from 200 by default), delivered
 * to the instances' webhooks in turn as a load balancer would (test/e2e/cluster.ts), with one
 * instance on SQLite, one on PostgreSQL and three on one PostgreSQL database (a schema of its own
 * each run; PostgreSQL needs TEST_DATABASE_URL). The stand-in, in a process of its own, enforces
 * Telegram's limits (429 past them). Reports answers a second, question-to-answer latency,
 * duplicates and 429s.
 *
 * What caps what: every answer is one sendMessage, and Telegram takes about 30 a second from a bot
 * in all, which the bot's send budget (shared by the instances through the database) keeps to.
 * So a burst of N answers takes at least N/30 s, however many instances run; the latency of a
 * burst is mostly its wait for a slot. One message a second per chat holds each user to one
 * answer a second, which binds only when fewer than 30 users are asking at once. How close each
 * set-up comes to 30 depends on its budget: a process alone (SQLite) counts each send for 1.15 s
 * (a margin for the network's jitter, src/telegram/send-budget.ts), at most 26 a second; the
 * budget shared through PostgreSQL counts a send until one second after Telegram answered it
 * (src/telegram/send-slots.ts), 30 a second less the round trip.
 */
const USERS = Number(process.env.BENCH_USERS ?? 200);
const EACH = Number(process.env.BENCH_QUESTIONS_EACH ?? 5);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 20);
const SETUPS = (process.env.BENCH_SETUPS ?? "sqlite:1,postgres:1,postgres:3").split(",").map((setup) => {
  const [backend = "", instances = "1"] = setup.split(":");
  return { backend, instances: Number(instances) };
});
const FIRST_USER = 4_000_000;
const TELEGRAM_PER_SECOND = 30;
const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The load balancer of the cluster tests, noting when each update was first handed to an instance and when it was acknowledged. */
class TimedBalancer extends LoadBalancer {
  readonly deliveredAt = new Map<number, number>();
  readonly acknowledgedAt: number[] = [];

  override async deliver(update: Update): Promise<void> {
    if (!this.deliveredAt.has(update.update_id)) this.deliveredAt.set(update.update_id, Date.now());
    await super.deliver(update);
    this.acknowledgedAt.push(Date.now());
  }
}

async function metric(port: number, name: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => "");
  return text
    .split("\n")
    .filter((line) => line.startsWith(name))
    .reduce((total, line) => total + Number(line.split(" ").at(-1)), 0);
}

async function burst(backend: string, instances: number): Promise<void> {
  const label = `${instances} instance${instances > 1 ? "s" : ""} on ${backend === "sqlite" ? "SQLite" : "PostgreSQL"}`;
  if (backend === "postgres" && postgresql.skipped) {
    console.log(`answer throughput, ${label}: skipped (${postgresql.skipped})`);
    return;
  }
  if (backend === "sqlite" && instances > 1) throw new Error("SQLite serves one process: several instances need PostgreSQL");
  const database = backend === "sqlite" ? await sqlite.database() : await postgresql.database();
  const databaseUrl = database.kind === "sqlite" ? `file:${database.path}` : database.url;

  const api = await StandInProcess.start({ token: TEST_TOKEN, rateLimits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
  // startCluster reads only the stand-in's url and token (botEnvironment's ApiServer).
  const cluster = await startCluster(api as unknown as BotApi, instances, databaseUrl, { TELEGRAM_TIMEOUT_SECONDS: "15" });
  const balancer = new TimedBalancer(() => cluster.instances.map((instance) => instance.port));

  const people = Array.from({ length: USERS }, (_, i) => ({ id: FIRST_USER + i, first_name: `Пользователь ${i}`, language_code: i % 2 ? "ru" : "kk" }));
  const messages = Array.from({ length: EACH }, (_, round) => people.map((user) => ({ user, text: QUESTIONS[(round + user.id) % QUESTIONS.length] as string }))).flat();
  const sent = await api.userSendsMany(messages);
  const updates = sent.map((s) => s.update);
  const chatOf = new Map(updates.map((u) => [u.update_id, u.message?.chat.id as number]));

  // Answers (ok sendMessage into the askers' chats) as they come: a chat's k-th answer is to its k-th question (per-chat order is kept).
  const answers = new Map<number, number[]>(people.map((p) => [p.id, []]));
  let complete = 0;
  api.onRequest((r) => {
    if (r.method !== "sendMessage" || r.outcome !== "answered" || r.ok !== true) return;
    const times = answers.get(Number(r.chatId));
    if (times === undefined) return;
    times.push(r.time);
    if (times.length === EACH) complete++;
  });

  const pids = cluster.instances.map((instance) => instance.process.child.pid as number);
  const cpuBefore = pids.map(cpuSeconds);
  const started = Date.now();
  await balancer.deliverAll(updates, PARALLEL);
  const delivered = Date.now();
  const total = USERS * EACH;
  const finished = await api.waitFor(() => complete >= USERS, { timeoutMs: (total / TELEGRAM_PER_SECOND) * 3000 + 60_000 }).then(
    () => true,
    () => false,
  );
  const cpu = pids.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] as number));
  const busySeconds = (Date.now() - started) / 1000;
  await settle(2000);

  const asked = new Map<number, number[]>(people.map((p) => [p.id, []]));
  for (const update of updates) asked.get(chatOf.get(update.update_id) as number)?.push(balancer.deliveredAt.get(update.update_id) as number);
  const latencies: number[] = [];
  const answerTimes: number[] = [];
  let duplicates = 0;
  let unanswered = 0;
  for (const [chat, times] of answers) {
    const questions = asked.get(chat) ?? [];
    duplicates += Math.max(0, times.length - questions.length);
    unanswered += Math.max(0, questions.length - times.length);
    times.forEach((time, k) => {
      answerTimes.push(time);
      if (k < questions.length) latencies.push(time - (questions[k] as number));
    });
  }
  latencies.sort((a, b) => a - b);
  answerTimes.sort((a, b) => a - b);
  const first = answerTimes[0] ?? NaN;
  const last = answerTimes.at(-1) ?? NaN;
  const stats = await api.stats();
  const handled = await Promise.all(cluster.instances.map(({ port }) => metric(port, "zhusan_updates_handled_total")));
  const acknowledgedIn = (delivered - started) / 1000;

  console.log(
    `answer throughput, ${label}: ${total.toLocaleString("en")} questions from ${USERS} users, delivered round-robin ${PARALLEL} at a time, ` +
      `all acknowledged in ${acknowledgedIn.toFixed(1)} s (${(total / acknowledgedIn).toFixed(0)} updates/s taken in) · ` +
      `${answerTimes.length} answers in ${((last - started) / 1000).toFixed(1)} s from the first question: ${((answerTimes.length - 1) / ((last - first) / 1000)).toFixed(1)} answers/s ` +
      `first to last (cap ${TELEGRAM_PER_SECOND}/s), ${(answerTimes.length / ((last - started) / 1000)).toFixed(1)}/s from the first question, most in any second ${maxInWindow(answerTimes, 1000)} · ` +
      `question to answer p50 ${(percentile(latencies, 50) / 1000).toFixed(2)} s, p99 ${(percentile(latencies, 99) / 1000).toFixed(2)} s, ` +
      `max ${((latencies.at(-1) ?? NaN) / 1000).toFixed(2)} s (at ${TELEGRAM_PER_SECOND}/s the last answer leaves ≥ ${((total - 1) / TELEGRAM_PER_SECOND).toFixed(0)} s after the first) · ` +
      `duplicates ${duplicates}, unanswered ${unanswered}${finished ? "" : " (timed out)"} · 429s from the stand-in ${stats.tooMany} ` +
      `(limit violations ${stats.violations}, refused ${stats.rejected.length}, its event loop stalled up to ${stats.lagMaxMs.toFixed(0)} ms) · ` +
      `handled per instance ${handled.join(" / ")}, CPU per instance ${cpu.map((c) => c.toFixed(1)).join(" / ")} s in the ${busySeconds.toFixed(0)} s of the burst · ` +
      `deliveries made again ${balancer.redelivered}`,
  );
  if (stats.violations > 0) console.log(`  limits exceeded: ${describeViolations(stats)}`);
  for (const refused of stats.rejected.slice(0, 3)) console.log(`  refused: ${refused}`);

  await cluster.stop();
  await api.close();
  await cleanUp();
}

console.log(
  `answer throughput: every answer is one sendMessage; Telegram's ~${TELEGRAM_PER_SECOND} messages a second in all (kept by the bot's send budget, shared by ` +
    `all instances) caps answers/s for any number of instances, and one a second per chat caps each user (binding only below ${TELEGRAM_PER_SECOND} users asking at once); ` +
    `more instances add intake and survive the loss of one, not answers/s. A process alone (SQLite) counts each send for 1.15 s: at most 26/s; ` +
    `the budget shared through PostgreSQL counts it until 1 s after Telegram's answer: 30/s less the round trip`,
);
for (const { backend, instances } of SETUPS) await burst(backend, instances);
await endAdmin();
