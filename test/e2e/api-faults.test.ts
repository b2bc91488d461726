import { afterEach, describe, expect, it } from "vitest";
import { botEnvironment, freePort, startBot, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startFaultyProxy, type FaultyProxy } from "./faulty-proxy.ts";
import { startBotApi, type BotApi } from "./stand-in/bot-api.ts";

const HTML_404 = { status: 404, body: "<html><body><h1>404 Not Found</h1></body></html>", contentType: "text/html" };
const NOT_FOUND = { status: 404, body: JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }) };
const NO_DESCRIPTION = { status: 200, body: JSON.stringify({ ok: false }) };
const QUESTION = "Сколько человек вернули из Сирии на третьем этапе операции «Жусан»?";

let api: BotApi | undefined;
let proxy: FaultyProxy | undefined;
let environment: BotEnvironment | undefined;
let bot: BotProcess | undefined;

async function startStandInBehindProxy(): Promise<{ api: BotApi; proxy: FaultyProxy }> {
  api = await startBotApi({ token: TEST_TOKEN });
  proxy = await startFaultyProxy(api);
  return { api, proxy };
}

afterEach(async () => {
  await bot?.stop();
  await proxy?.close();
  await api?.close();
  environment?.cleanUp();
  bot = undefined;
  proxy = undefined;
  api = undefined;
  environment = undefined;
});

/** The log's lines, each of which must be one JSON line or one plain line: never a stack. */
function logLines(bot: BotProcess): string[] {
  const output = bot.output();
  expect(output).not.toMatch(/\n\s+at /);
  return output.trim().split("\n");
}

async function outputShows(bot: BotProcess, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(bot.output())) {
    if (Date.now() > deadline) throw new Error(`the log never showed ${pattern}:\n${bot.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a Bot API server that answers some calls oddly", () => {
  it("costs no answer when getMe, deleteWebhook and setMyCommands fail at first: each failure is one line, and the command menu is set later", async () => {
    const { api, proxy } = await startStandInBehindProxy();
    proxy.answerNext("getMe", 1, HTML_404);
    proxy.answerNext("deleteWebhook", 1, NO_DESCRIPTION);
    proxy.answerNext("setMyCommands", 1, NOT_FOUND);
    environment = botEnvironment(proxy);
    bot = await startBot(api, environment);

    const since = api.mark();
    api.userSends({ id: 8101, first_name: "Оператор", language_code: "ru" }, QUESTION);
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8101 && r.response?.ok === true, { since, timeoutMs: 10_000 });
    expect(String(answer.params.text)).toContain("238");
    // No command list was set yet: the answer did not wait for one.
    expect(api.requests.filter((r) => r.method === "setMyCommands" && r.response?.ok)).toHaveLength(0);

    const lines = logLines(bot);
    expect(lines.filter((line) => /answered getMe: 502 the answer is not JSON \(.*<html>.*\); trying again in 2 s/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /Could not delete the webhook \(deleteWebhook: 502 an error without a description: \{\\"ok\\":false\}\); trying again in 15 s/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /Could not set the command menu \(setMyCommands: 404 Not Found\); trying again in 15 s/.test(line))).toHaveLength(1);
    expect(lines.join("\n")).not.toContain(TEST_TOKEN);

    await api.waitFor(() => api.requests.filter((r) => r.method === "setMyCommands" && r.response?.ok).length >= 6, { timeoutMs: 25_000 });
    expect(api.commands({ type: "all_private_chats" }, "kk").map((c) => c.command)).toContain("menu");
    await outputShows(bot, /Set the command menu: done at attempt 2/);
    await outputShows(bot, /Delete the webhook: done at attempt 2/);
    logLines(bot);
  }, 60_000);

  it("still answers when a reply is answered with an HTML error page once, and sends it once", async () => {
    const { api, proxy } = await startStandInBehindProxy();
    environment = botEnvironment(proxy);
    bot = await startBot(api, environment);
    proxy.answerNext("sendMessage", 1, { status: 502, body: "<html><body>502 Bad Gateway</body></html>", contentType: "text/html" });

    const since = api.mark();
    api.userSends({ id: 8102, first_name: "Оператор", language_code: "ru" }, QUESTION);
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8102 && r.response?.ok === true, { since, timeoutMs: 15_000 });
    expect(String(answer.params.text)).toContain("238");
    expect(proxy.answered).toEqual(["sendMessage"]);
    expect(api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.params.chat_id === 8102)).toHaveLength(1);
    expect(bot.child.exitCode).toBeNull();
    logLines(bot);
  }, 30_000);

  it("stops with one line when the server refuses setWebhook", async () => {
    const { api, proxy } = await startStandInBehindProxy();
    proxy.answerNext("setWebhook", 1, NOT_FOUND);
    environment = botEnvironment(proxy, { WEBHOOK_URL: "https://bot.example.kz/telegram", WEBHOOK_SECRET: "webhook-secret-0123456789", PORT: String(await freePort()) });
    bot = await startBot(api, environment, { waitForPoll: false });
    expect(await bot.exited).toBe(1);
    const lines = logLines(bot);
    expect(lines.at(-1)).toBe(`WEBHOOK_URL: ${proxy.url} refused the webhook (setWebhook: 404 Not Found)`);
  });
});
