import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, startBot, TEST_TOKEN, type BotEnvironment } from "./bot-process.ts";
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
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(bot.output()).toMatch(/Cannot reach Telegram at http:\/\/127\.0\.0\.1:9 .*trying again in \d+ s/);
    expect(bot.child.exitCode).toBeNull();
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
