import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, freePort, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

const SECRET = "webhook-secret-0123456789";
const USER = { id: 2101, first_name: "Асель", language_code: "ru" };

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;
let port: number;

/**
 * The bot's messages after `since` and before its answer to a /help the user sends now, delivered
 * with the secret: the user's updates are handled in the order they came, so whatever the bot
 * would still say to what came before has been said by then.
 */
async function sentBeforeMarker(since: number): Promise<RecordedRequest[]> {
  expect((await deliver("/help", { "x-telegram-bot-api-secret-token": SECRET })).status).toBe(200);
  const help = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && /Как со мной говорить/.test(String(r.params.text)), { since, timeoutMs: 15_000 });
  return api.requests.filter((r) => r.seq > since && r.seq < help.seq && r.method === "sendMessage");
}

/** Posts the update a user's message makes to the bot's webhook, as Telegram would. */
function deliver(text: string, headers: Record<string, string>): Promise<Response> {
  api.userSends(USER, text);
  const update = api.updates.at(-1);
  return fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(update),
  });
}

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN });
  port = await freePort();
  environment = botEnvironment(api, { WEBHOOK_URL: "https://bot.example.kz/telegram", WEBHOOK_SECRET: SECRET, PORT: String(port) });
  const since = api.mark();
  bot = await startBot(api, environment, { waitForPoll: false });
  await api.waitFor("setWebhook", { since, timeoutMs: 15_000 });
});

afterAll(() => stopAll({ bot, api, environment }));

describe("webhook mode", () => {
  it("registers its URL and secret with Telegram instead of polling", () => {
    expect(api.webhook?.url).toBe("https://bot.example.kz/telegram");
    expect(api.webhook?.params.secret_token).toBe(SECRET);
    expect(api.requests.some((r) => r.method === "getUpdates")).toBe(false);
  });

  it("answers an update that carries the secret header", async () => {
    const since = api.mark();
    const response = await deliver("Сколько человек вернули на третьем этапе операции «Жусан»?", { "x-telegram-bot-api-secret-token": SECRET });
    expect(response.status).toBe(200);
    const reply = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id, { since, timeoutMs: 10_000 });
    expect(String(reply.params.text)).toContain("238");
  });

  it("refuses requests without the secret, or with a wrong one, and does nothing with them", async () => {
    const since = api.mark();
    const wrong: Record<string, string>[] = [{}, { "x-telegram-bot-api-secret-token": "not-the-secret-000000" }];
    for (const headers of wrong) {
      const response = await deliver("/start", headers);
      expect(response.status).toBe(401);
    }
    const get = await fetch(`http://127.0.0.1:${port}/`);
    expect(get.status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await sentBeforeMarker(since)).toEqual([]);
  });

  it("acknowledges at once, and answers an update Telegram delivers again only once", async () => {
    const since = api.mark();
    api.userSends(USER, "Кто руководил операцией «Русафа»?");
    const update = JSON.stringify(api.updates.at(-1));
    const post = () =>
      fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: update,
      });
    const started = Date.now();
    const first = await post();
    expect(first.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    const again = await Promise.all([post(), post(), post()]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id, { since, timeoutMs: 10_000 });
    expect((await sentBeforeMarker(since)).filter((r) => r.params.chat_id === USER.id)).toHaveLength(1);
  });

  it("refuses a body that is not an update (400) or is too big to be one (413), and keeps running", async () => {
    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET };
    const send = (body: string) => fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers, body });
    expect((await send("{not json")).status).toBe(400);
    expect((await send(JSON.stringify({ message: "no update_id" }))).status).toBe(400);
    expect((await send("x".repeat(2 << 20)).catch(() => ({ status: 413 }))).status).toBe(413);
    const since = api.mark();
    const response = await deliver("Сколько человек вернули на третьем этапе операции «Жусан»?", { "x-telegram-bot-api-secret-token": SECRET });
    expect(response.status).toBe(200);
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === USER.id, { since, timeoutMs: 10_000 });
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
