import { cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, freePort, startBot, TEST_TOKEN, type BotEnvironment } from "./bot-process.ts";
import { startBotApi, type BotApi } from "./stand-in/bot-api.ts";

let api: BotApi;
let environment: BotEnvironment;

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN });
});

afterAll(async () => {
  await api.close();
  environment?.cleanUp();
});

describe("operations", () => {
  it("serves /healthz, /readyz and Prometheus metrics on HEALTH_PORT while polling, and logs JSON lines", async () => {
    const port = await freePort();
    environment = botEnvironment(api, { HEALTH_PORT: String(port) });
    const bot = await startBot(api, environment);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
    expect((await get("/healthz")).status).toBe(200);
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.text()).toMatch(/ready/);

    const since = api.mark();
    api.userSends({ id: 8001, first_name: "Оператор", language_code: "ru" }, "Кто руководил операцией «Русафа»?");
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8001, { since });
    // The update counts as handled just after its answer went.
    let metrics = "";
    for (let i = 0; i < 20 && !/zhusan_updates_handled_total\{result="ok"\} [1-9]/.test(metrics); i++) {
      metrics = await (await get("/metrics")).text();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(metrics).toMatch(/zhusan_updates_handled_total\{result="ok"\} [1-9]/);
    expect(metrics).toMatch(/zhusan_answers_total\{reason="answered"\} 1/);
    expect(metrics).toMatch(/zhusan_messages_sent_total\{kind="answer"\} [1-9]/);
    expect(metrics).toMatch(/zhusan_inbox_pending 0/);
    expect(metrics).toMatch(/zhusan_update_seconds_bucket/);
    expect((await get("/nothing")).status).toBe(404);

    expect(await bot.stop("SIGTERM")).toBe(0);
    const lines = bot.output().trim().split("\n");
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain("stopped");
  });
});

describe("starting", () => {
  it("stops with one line when Telegram refuses the token", async () => {
    environment = botEnvironment(api, { BOT_TOKEN: "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" });
    const bot = await startBot(api, environment, { waitForPoll: false });
    expect(await bot.exited).toBe(1);
    const output = bot.output().trim();
    expect(output).toMatch(/BOT_TOKEN.*401/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("stops with one line naming DATABASE_URL when the database cannot be opened", async () => {
    environment = botEnvironment(api, { DATABASE_URL: "file:/proc/zhusan/bot.sqlite" });
    const bot = await startBot(api, environment, { waitForPoll: false });
    expect(await bot.exited).toBe(1);
    const output = bot.output().trim();
    expect(output).toMatch(/^DATABASE_URL: cannot open \/proc\/zhusan\/bot\.sqlite: /);
    expect(output.split("\n")).toHaveLength(1);
  });

  it("says when it cannot reach Telegram, attempt by attempt, and keeps trying", async () => {
    environment = botEnvironment(api, { TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    const bot = await startBot(api, environment, { waitForPoll: false });
    // A second attempt's line: it tried again after saying so, and is still trying.
    const attempts = () => bot.output().match(/Cannot reach Telegram at http:\/\/127\.0\.0\.1:9 .*trying again in \d+ s/g)?.length ?? 0;
    await expect.poll(attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(bot.child.exitCode).toBeNull();
    expect(await bot.stop("SIGTERM")).toBe(0);
  });

  it("keeps running beside a second poller with the same token, saying so in one line per attempt, not a stack", async () => {
    environment = botEnvironment(api);
    const other = botEnvironment(api);
    const first = await startBot(api, environment);
    const second = await startBot(api, other);
    // Two attempts' lines: the first attempt's output is complete by the time the next one is logged.
    const conflicts = () => (first.output() + second.output()).match(/another process is polling with this token.*trying again in \d+ s/g)?.length ?? 0;
    await expect.poll(conflicts, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const output = first.output() + second.output();
    expect(output).not.toMatch(/\n\s+at /);
    expect(first.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();
    expect(await second.stop("SIGTERM")).toBe(0);
    expect(await first.stop("SIGTERM")).toBe(0);
    other.cleanUp();
  });

  it("logs a reply refused with 403 (the user blocked the bot) as one line, not a stack, and goes on", async () => {
    environment = botEnvironment(api);
    const bot = await startBot(api, environment);
    const blocked = { id: 8003, first_name: "Ушедший", language_code: "ru" };
    api.block(blocked.id);
    let since = api.mark();
    api.userSends(blocked, "Кто руководил операцией «Русафа»?");
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === blocked.id, { since });
    // A marker: the user writes again. A chat's updates are handled in order, so once the refusal of
    // the marker's answer is logged, whatever the first refusal made the bot log is there.
    api.userSends(blocked, "Сколько детей вернули из Ирака?");
    const marker = api.updates.at(-1)?.update_id;
    const refusals = () => bot.output().trim().split("\n").filter((line) => /403|blocked/i.test(line));
    const about = (line: string) => (JSON.parse(line) as { update?: number }).update;
    await expect.poll(() => refusals().some((line) => /^\{/.test(line) && about(line) === marker), { timeout: 10_000 }).toBe(true);
    const lines = refusals();
    expect(lines).toHaveLength(2); // one for each message
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(bot.output()).not.toMatch(/\n\s+at /);
    since = api.mark();
    api.userSends({ id: 8004, first_name: "Оператор", language_code: "ru" }, "Кто руководил операцией «Русафа»?");
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8004, { since });
    expect(await bot.stop("SIGTERM")).toBe(0);
  });

  it("answers from the last good copy of the knowledge base when the one on disk is broken, and says what is wrong", async () => {
    environment = botEnvironment(api);
    const knowledgeDir = join(environment.dataDir, "knowledge");
    cpSync(resolve(import.meta.dirname, "../../knowledge"), knowledgeDir, { recursive: true });
    environment.env.KNOWLEDGE_DIR = knowledgeDir;
    expect(await (await startBot(api, environment)).stop("SIGTERM")).toBe(0);

    writeFileSync(join(knowledgeDir, "timeline.yaml"), "events:\n  - id: [broken\n");
    const bot = await startBot(api, environment);
    expect(bot.output()).toMatch(/timeline\.yaml.*answering from the last good copy/);
    const since = api.mark();
    api.userSends({ id: 8002, first_name: "Оператор", language_code: "ru" }, "Кто руководил операцией «Русафа»?");
    const reply = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8002, { since });
    expect(String(reply.params.text)).toMatch(/Василенко/);
    expect(await bot.stop("SIGTERM")).toBe(0);
  });

  it("does not start on a broken knowledge base when there is no good copy, and says what is wrong", async () => {
    environment = botEnvironment(api);
    const knowledgeDir = join(environment.dataDir, "knowledge");
    cpSync(resolve(import.meta.dirname, "../../knowledge"), knowledgeDir, { recursive: true });
    writeFileSync(join(knowledgeDir, "timeline.yaml"), "events:\n  - id: [broken\n");
    environment.env.KNOWLEDGE_DIR = knowledgeDir;
    const bot = await startBot(api, environment, { waitForPoll: false });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/timeline\.yaml/);
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });
});
