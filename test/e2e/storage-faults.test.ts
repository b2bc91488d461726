import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { botEnvironment, startBot, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

/*
 * The data folder on a disk of its own (a small tmpfs), made full or read-only the way a real disk
 * becomes. Mounting needs the privilege to mount; where the machine does not give it, these tests
 * say so and are skipped.
 */
function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), "zhusan-mount-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    console.warn("storage-faults: skipped, this machine does not let the tests mount a tmpfs");
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const USER = { id: 7001, first_name: "Гульнар", language_code: "ru" };
const QUESTIONS = ["Русафа операциясын кім басқарды?", "Сколько детей вернули на втором этапе?", "Кто руководил операцией «Русафа»?"];

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess | null = null;
let disk: string;

const reply = (since: number) =>
  api.waitFor((r: RecordedRequest) => r.method === "sendMessage" && r.params.chat_id === USER.id && r.response?.ok === true, { since, timeoutMs: 15_000 });

describe.skipIf(!canMount())("a data folder the bot cannot write", () => {
  beforeEach(async () => {
    api = await startBotApi({ token: TEST_TOKEN });
    environment = botEnvironment(api);
    disk = join(environment.dataDir, "disk");
    mkdirSync(disk);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk]);
    environment.env.DATABASE_URL = `file:${join(disk, "bot.sqlite")}`;
    // The user chose Kazakh and subscribed before the disk went wrong.
    const storage = SqliteStorage.open(join(disk, "bot.sqlite"));
    await storage.setLanguage(USER.id, "kk");
    await storage.subscribe(USER.id, "private", "kk");
    await storage.close();
  });

  afterEach(async () => {
    await bot?.stop();
    bot = null;
    await api.close();
    execFileSync("umount", ["-l", disk]);
    environment.cleanUp();
  });

  it("starts on a read-only disk, answers in the language the user chose, and says plainly that a change cannot be saved", async () => {
    execFileSync("mount", ["-o", "remount,ro", disk]);
    bot = await startBot(api, environment);
    expect(bot.output()).toMatch(/cannot be written.*read-only copy/);

    for (const question of QUESTIONS) {
      const since = api.mark();
      api.userSends(USER, question);
      expect(String((await reply(since)).params.text)).toMatch(/Василенко|156/);
    }
    let since = api.mark();
    api.userSends(USER, "/start");
    expect(String((await reply(since)).params.text)).toContain("Сәлеметсіз бе");

    since = api.mark();
    api.userSends(USER, "/unsubscribe");
    expect(String((await reply(since)).params.text)).toMatch(/сақтай алмадым/);
    const lines = bot.output().trim().split("\n");
    expect(lines.every((line) => line.startsWith("{")), "every log line is one JSON object").toBe(true);
    expect(bot.output()).not.toMatch(/\n\s+at /);
    expect(await bot.stop("SIGTERM")).toBe(0);
  });

  it("keeps answering while the disk is full, says so in the log once, and keeps what it is told once there is room again", async () => {
    bot = await startBot(api, environment);
    // Fill every block of the disk that is left.
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${join(disk, "filler")}`, "bs=64k"], { stdio: "ignore" });
    } catch {
      // dd stops with "No space left on device": the disk is full.
    }
    for (const question of QUESTIONS) {
      const since = api.mark();
      api.userSends(USER, question);
      expect(String((await reply(since)).params.text)).toMatch(/Василенко|156/);
    }
    const faults = bot
      .output()
      .split("\n")
      .filter((line) => /"fault"/.test(line) && /failed/.test(line));
    expect(faults.length).toBeGreaterThan(0);
    expect(new Set(faults.map((line) => JSON.parse(line).fault)).size, "one line per kind of fault while it lasts").toBe(faults.length);
    expect(bot.output()).not.toMatch(/\n\s+at /);

    rmSync(join(disk, "filler"));
    const since = api.mark();
    api.userSends(USER, "/unsubscribe");
    expect(String((await reply(since)).params.text)).not.toMatch(/сақтай алмадым/);
    expect(await bot.stop("SIGTERM")).toBe(0);

    const storage = SqliteStorage.open(join(disk, "bot.sqlite"));
    expect(await storage.isSubscribed(USER.id)).toBe(false);
    expect(await storage.getLanguage(USER.id)).toBe("kk");
    await storage.close();
  });
});
