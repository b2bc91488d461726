import { botEnvironment, startBot, TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { startBotApi } from "../test/e2e/stand-in/bot-api.ts";
import { QUESTIONS as BENCH_QUESTIONS, percentile, replyLatencies, rss } from "./harness.ts";

/*
 * The real bot process against the Bot API stand-in on 127.0.0.1: start-up to the first poll,
 * the time from an update handed to the bot to its reply reaching the API, and resident memory.
 */
const QUESTIONS = [...BENCH_QUESTIONS, "Какая погода завтра в Алматы?"];
const ROUNDS = Number(process.env.BENCH_QUESTIONS ?? 300);
/** Questions a second: below Telegram's 30 messages a second, which the bot's throttle enforces. */
const RATE = Number(process.env.BENCH_RATE ?? 20);


const api = await startBotApi({ token: TEST_TOKEN });
const environment = botEnvironment(api, { TELEGRAM_TIMEOUT_SECONDS: "15" });
const spawned = performance.now();
const firstPoll = api.waitFor("getUpdates", { settled: false, timeoutMs: 15_000 }).then(() => performance.now() - spawned);
const bot = await startBot(api, environment);
const startup = await firstPoll;
const rssIdle = rss(bot.child.pid as number);

const latencies = await replyLatencies(api, ROUNDS, RATE, QUESTIONS);
const rssBusy = rss(bot.child.pid as number);
await bot.stop();
await api.close();
environment.cleanUp();

console.log(
  `bot process: start-up to first poll ${startup.toFixed(0)} ms · update to reply p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms over ${latencies.length} questions at ${RATE}/s · ` +
    `RSS ${rssIdle.toFixed(0)} MB after start, ${rssBusy.toFixed(0)} MB after the questions`,
);
