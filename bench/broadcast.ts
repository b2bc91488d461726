import { startBot, TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { startBotApi } from "../test/e2e/stand-in/bot-api.ts";
import { publishNewArticle, withSubscribers } from "./harness.ts";

/*
 * Announcing one new article to many subscribers through the stand-in, which answers at once:
 * the achieved rate against the configured limit (BROADCAST_PER_SECOND, 25 by default).
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const PER_SECOND = Number(process.env.BROADCAST_PER_SECOND ?? 25);
const api = await startBotApi({ token: TEST_TOKEN, rateLimits: { globalPerSecond: PER_SECOND, perChatPerSecond: 1 } });
const { environment, knowledgeDir } = await withSubscribers(api, SUBSCRIBERS, { BROADCAST_PER_SECOND: String(PER_SECOND) });
const bot = await startBot(api, environment);
const since = api.mark();
publishNewArticle(environment, knowledgeDir);

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
