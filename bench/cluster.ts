import { TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { startCluster } from "../test/e2e/cluster.ts";
import { maxInWindow, startBotApi } from "../test/e2e/stand-in/bot-api.ts";
import { cleanUp, endAdmin, open, postgresql } from "../test/storage/databases.ts";

/*
 * Announcing one new article to 10,000 subscribers on PostgreSQL with one instance and with three
 * in webhook mode, through the stand-in, which enforces Telegram's limits (429 past them): the rate
 * against BROADCAST_PER_SECOND, how the instances shared the work, and the limits' violations.
 * Needs TEST_DATABASE_URL (a schema of its own is made and dropped).
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PER_SECOND = Number(process.env.BROADCAST_PER_SECOND ?? 25);
const FIRST = 1_000_000;

async function broadcast(instances: number): Promise<void> {
  const api = await startBotApi({ token: TEST_TOKEN, rateLimits: { globalPerSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 } });
  const database = await postgresql.database();
  const storage = await open(database);
  for (let i = 0; i < SUBSCRIBERS; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) => storage.subscribe(FIRST + i + j, "private", (i + j) % 3 ? "ru" : "kk")));
  }
  const cluster = await startCluster(api, instances, (database as { url: string }).url, { BROADCAST_PER_SECOND: String(PER_SECOND) });
  const since = api.mark();
  await cluster.publishArticle("bench-cluster");
  const received = new Set<number>();
  let repeated = 0;
  await api.waitFor(
    (r) => {
      if (r.seq > since && r.outcome !== "pending" && r.method === "sendMessage" && r.response?.ok === true && !("counted" in r)) {
        Object.assign(r, { counted: true });
        if (received.has(Number(r.params.chat_id))) repeated++;
        received.add(Number(r.params.chat_id));
      }
      return received.size >= SUBSCRIBERS;
    },
    { since, settled: false, timeoutMs: (SUBSCRIBERS / PER_SECOND) * 2000 + 60_000 },
  );
  const times = api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.response?.ok === true).map((r) => r.time);
  const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  const rate = (SUBSCRIBERS - 1) / seconds;
  const shares = await Promise.all(
    cluster.instances.map(async ({ port }) => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
      return Number(/zhusan_messages_sent_total\{kind="announcement"\} (\d+)/.exec(text)?.[1] ?? 0);
    }),
  );
  console.log(
    `broadcast on PostgreSQL, ${instances} instance(s): ${SUBSCRIBERS.toLocaleString("en")} subscribers in ${seconds.toFixed(1)} s · ${rate.toFixed(2)} messages/s ` +
      `against ${PER_SECOND}/s (${((rate / PER_SECOND) * 100).toFixed(1)}%) · most in any second ${maxInWindow(times, 1000)} · sent per instance ${shares.join(" / ")} · ` +
      `repeated ${repeated} · stand-in rate-limit violations: ${api.rateLimitViolations.length}`,
  );
  await cluster.stop();
  await api.close();
  await cleanUp();
}

if (postgresql.skipped) {
  console.log(`broadcast on PostgreSQL: skipped (${postgresql.skipped})`);
} else {
  for (const instances of (process.env.BENCH_INSTANCES ?? "1,3").split(",").map(Number)) await broadcast(instances);
  await endAdmin();
}
