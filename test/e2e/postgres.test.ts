import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../src/config.ts";
import { cleanUp, endAdmin, open, postgresql } from "../storage/databases.ts";
import { botEnvironment, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

const USER = { id: 7001, first_name: "Айгүл", language_code: "kk" };

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;
let database: DatabaseConfig;

const replies = (since: number): RecordedRequest[] =>
  api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.params.chat_id === USER.id && r.response?.ok === true);

beforeAll(async () => {
  if (postgresql.skipped) return;
  api = await startBotApi({ token: TEST_TOKEN });
  database = await postgresql.database();
  environment = botEnvironment(api, { DATABASE_URL: (database as { url: string }).url });
  bot = await startBot(api, environment);
});

afterAll(async () => {
  await stopAll({ bot, api, environment });
  await cleanUp();
  await endAdmin();
});

describe.skipIf(postgresql.skipped)(`the bot on PostgreSQL${postgresql.skipped ? ` (skipped: ${postgresql.skipped})` : ""}`, () => {
  it("answers, keeps a subscription through a SIGKILL, and answers once a question sent while it was down", async () => {
    let since = api.mark();
    api.userSends(USER, "/subscribe");
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && /жаңа материал/.test(String(r.params.text)), { since, timeoutMs: 15_000 });

    since = api.mark();
    api.userSends(USER, "Екінші кезеңде қанша бала оралды?");
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && r.response?.ok === true, { since, timeoutMs: 15_000 });
    expect(String(answer.params.text)).toMatch(/https?:\/\//);

    // Killed once the answer is recorded as done: a kill between the send and that record is the one case answered twice.
    const storage = await open(database);
    await expect.poll(async () => (await storage.inboxCounts()).pending, { timeout: 15_000 }).toBe(0);
    await bot.stop("SIGKILL");
    since = api.mark();
    api.userSends(USER, "Русафа операциясы қашан болды?");
    bot = await startBot(api, environment);
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && r.response?.ok === true, { since, timeoutMs: 15_000 });
    // A marker after it: once it is answered, a second answer to the first question would have come before it.
    api.userSends(USER, "/help");
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && /\/subscribe|\/language/.test(String(r.params.text)), { since, timeoutMs: 15_000 });
    expect(replies(since)).toHaveLength(2);
    expect(await storage.isSubscribed(USER.id)).toBe(true);
    await expect.poll(async () => (await storage.inboxCounts()).pending, { timeout: 15_000 }).toBe(0);
  });
});
