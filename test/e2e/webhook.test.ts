import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi } from "./stand-in/bot-api.ts";

const SECRET = "webhook-secret-0123456789";
const USER = { id: 2101, first_name: "Асель", language_code: "ru" };

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;
let port: number;

/** A port nothing listens on, for the bot's webhook server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.requests.filter((r) => r.seq > since && r.method === "sendMessage")).toEqual([]);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
