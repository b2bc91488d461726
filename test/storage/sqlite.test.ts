import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { isStorageFault } from "../../src/storage/storage.ts";

const DAY = 86_400_000;

let dir: string;
const opened: SqliteStorage[] = [];

/** Looks at a database file from outside, as another process would. */
function inspect<T>(path: string, look: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return look(db);
  } finally {
    db.close();
  }
}

/** Opens a storage that is closed after the test. */
function open(path: string): SqliteStorage {
  const storage = SqliteStorage.open(path);
  opened.push(storage);
  return storage;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zhusan-sqlite-"));
});

afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SqliteStorage: the file", () => {
  it("keeps language preferences after it is closed and opened again", async () => {
    const path = join(dir, "bot.sqlite");
    const first = open(path);
    expect(await first.getLanguage(1)).toBeNull();
    await first.setLanguage(1, "kk");
    await first.setLanguage(2, "ru");
    await first.setLanguage(2, "kk");
    await first.close();

    const second = open(path);
    expect(await second.getLanguage(1)).toBe("kk");
    expect(await second.getLanguage(2)).toBe("kk");
    expect(await second.getLanguage(3)).toBeNull();
  });

  it("keeps subscriptions and the outbox across a reopen, and migrates an existing file without losing them", async () => {
    const path = join(dir, "bot.sqlite");
    const first = open(path);
    await first.subscribe(10, "private", "ru");
    await first.publish(["article:a"], [{ item: "article:a", chatId: 10, text: "hello" }]);
    await first.close();

    const second = open(path);
    expect(await second.subscribers()).toEqual([{ chatId: 10, lang: "ru" }]);
    expect(await second.publishedItems()).toEqual(new Set(["article:a"]));
    expect(await second.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it("creates the folder the file goes in", async () => {
    const path = join(dir, "nested", "deeper", "bot.sqlite");
    const storage = open(path);
    await storage.setLanguage(1, "ru");
    expect(existsSync(path)).toBe(true);
  });

  it("works in memory, where nothing is kept", async () => {
    const first = open(":memory:");
    await first.setLanguage(1, "kk");
    expect(await first.getLanguage(1)).toBe("kk");
    const second = open(":memory:");
    expect(await second.getLanguage(1)).toBeNull();
  });

  it("can be closed twice", async () => {
    const storage = open(":memory:");
    await storage.close();
    await expect(storage.close()).resolves.toBeUndefined();
  });
});

describe("SqliteStorage: the file beside other processes", () => {
  it("is in WAL mode, so a reader or a backup never waits for the bot's writes", () => {
    const path = join(dir, "bot.sqlite");
    open(path);
    expect(inspect(path, (db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
  });

  it("waits while another process holds the write lock, then writes", async () => {
    const path = join(dir, "bot.sqlite");
    const storage = open(path);
    // Another process (npm run publish, a backup) in a write transaction for 300 ms.
    const other = spawn(
      process.execPath,
      ["-e", `const db = new (require("better-sqlite3"))(${JSON.stringify(path)}); db.exec("BEGIN IMMEDIATE"); console.log("locked"); setTimeout(() => db.exec("COMMIT"), 300);`],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((resolve) => other.stdout.once("data", resolve));
    const started = Date.now();
    await storage.setLanguage(1, "kk");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(await storage.getLanguage(1)).toBe("kk");
    await new Promise((resolve) => other.once("exit", resolve));
  });

  it("keeps what was committed when the process is killed: nothing lives only in memory", async () => {
    const path = join(dir, "bot.sqlite");
    const storage = open(path);
    await storage.inboxAdd([{ updateId: 7, payload: "{}" }], Date.now());
    // Read by another connection while the first is still open, as after a crash.
    expect(inspect(path, (db) => db.prepare("SELECT update_id FROM inbox").all())).toEqual([{ update_id: 7 }]);
  });
});

describe("SqliteStorage: subscriptions", () => {
  it("subscribes, unsubscribes and tells whether a chat is subscribed", async () => {
    const storage = open(":memory:");
    expect(await storage.isSubscribed(10)).toBe(false);
    await storage.subscribe(10, "private", "ru");
    expect(await storage.isSubscribed(10)).toBe(true);
    await storage.unsubscribe(10);
    expect(await storage.isSubscribed(10)).toBe(false);
    await storage.subscribe(10, "private", "kk");
    expect(await storage.isSubscribed(10)).toBe(true);
    expect(await storage.subscribers()).toEqual([{ chatId: 10, lang: "kk" }]);
  });

  it("drops the announcements still waiting for a chat that unsubscribes, and only those", async () => {
    const storage = open(":memory:");
    await storage.subscribe(10, "private", "ru");
    await storage.subscribe(11, "private", "ru");
    await storage.publish(["article:a"], [
      { item: "article:a", chatId: 10, text: "a" },
      { item: "article:a", chatId: 11, text: "a" },
    ]);
    await storage.unsubscribe(10);
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 1 });
    expect((await storage.nextOutbox(Date.now()))?.chatId).toBe(11);
  });

  it("unsubscribing a chat that never subscribed does nothing", async () => {
    const storage = open(":memory:");
    await storage.unsubscribe(99);
    expect(await storage.isSubscribed(99)).toBe(false);
    expect(await storage.subscribers()).toEqual([]);
  });

  it("lists active subscribers by chat id with their language, and counts them by language", async () => {
    const storage = open(":memory:");
    await storage.subscribe(30, "private", "kk");
    await storage.subscribe(-1001, "group", "ru");
    await storage.subscribe(20, "private", "ru");
    await storage.subscribe(40, "private", "kk");
    await storage.unsubscribe(40);
    // Subscribing again changes the language instead of adding a second subscription.
    await storage.subscribe(20, "private", "kk");

    expect(await storage.subscribers()).toEqual([
      { chatId: -1001, lang: "ru" },
      { chatId: 20, lang: "kk" },
      { chatId: 30, lang: "kk" },
    ]);
    expect(await storage.subscriberCounts()).toEqual({ ru: 1, kk: 2 });
  });

  it("counts nobody when nobody is subscribed", async () => {
    expect(await open(":memory:").subscriberCounts()).toEqual({ ru: 0, kk: 0 });
  });

  it("moves a group's subscription and its pending messages to its new id when it becomes a supergroup", async () => {
    const storage = open(":memory:");
    await storage.subscribe(-100, "group", "kk");
    await storage.publish(
      ["article:a", "article:b", "article:c"],
      [
        { item: "article:a", chatId: -100, text: "a" },
        { item: "article:b", chatId: -100, text: "b" },
        { item: "article:c", chatId: -100, text: "c" },
        { item: "article:a", chatId: 7, text: "a for someone else" },
      ],
    );
    // "a" was already sent to the old group; "b" is being sent; "c" waits.
    const a = await storage.nextOutbox(Date.now());
    expect(a?.item).toBe("article:a");
    await storage.startSending(a!.id);
    await storage.markSent(a!.id);
    const b = await storage.nextOutbox(Date.now());
    expect(b?.item).toBe("article:b");
    await storage.startSending(b!.id);

    await storage.moveChat(-100, -1009);

    expect(await storage.isSubscribed(-100)).toBe(false);
    expect(await storage.isSubscribed(-1009)).toBe(true);
    expect(await storage.subscribers()).toEqual([{ chatId: -1009, lang: "kk" }]);

    await storage.retryLater(b!.id, 0, "moved");
    const pending = [];
    for (let next = await storage.nextOutbox(Date.now()); next; next = await storage.nextOutbox(Date.now())) {
      pending.push({ item: next.item, chatId: next.chatId });
      await storage.startSending(next.id);
      await storage.markSent(next.id);
    }
    expect(pending).toEqual([
      { item: "article:b", chatId: -1009 },
      { item: "article:c", chatId: -1009 },
      { item: "article:a", chatId: 7 },
    ]);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 4, failed: 0 });
  });

  it("moving a chat that was not subscribed subscribes nobody", async () => {
    const storage = open(":memory:");
    await storage.moveChat(-100, -1009);
    expect(await storage.isSubscribed(-1009)).toBe(false);
    expect(await storage.subscribers()).toEqual([]);
  });
});

describe("SqliteStorage: publishing and the outbox", () => {
  it("marks items published and queues each message once", async () => {
    const storage = open(":memory:");
    expect(await storage.publishedItems()).toEqual(new Set());
    await storage.publish(["article:a", "event:e"], [
      { item: "article:a", chatId: 1, text: "A to 1" },
      { item: "article:a", chatId: 2, text: "A to 2" },
    ]);
    // The same item for the same chat again (a publish repeated after a crash) is ignored.
    await storage.publish(["article:a"], [
      { item: "article:a", chatId: 1, text: "A to 1, again" },
      { item: "event:e", chatId: 1, text: "E to 1" },
    ]);
    expect(await storage.publishedItems()).toEqual(new Set(["article:a", "event:e"]));
    expect(await storage.outboxCounts()).toEqual({ pending: 3, sent: 0, failed: 0 });

    const texts: string[] = [];
    for (let next = await storage.nextOutbox(Date.now()); next; next = await storage.nextOutbox(Date.now())) {
      texts.push(next.text);
      await storage.startSending(next.id);
      await storage.markSent(next.id);
    }
    expect(texts).toEqual(["A to 1", "A to 2", "E to 1"]);
  });

  it("can mark items published without queueing anything (the first publish)", async () => {
    const storage = open(":memory:");
    await storage.publish(["article:a", "article:b"], []);
    expect(await storage.publishedItems()).toEqual(new Set(["article:a", "article:b"]));
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
    expect(await storage.nextOutbox(Date.now())).toBeNull();
  });

  it("hands out the oldest due message with what is needed to send it", async () => {
    const storage = open(":memory:");
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "<b>new</b> & more" }]);
    const message = await storage.nextOutbox(Date.now());
    expect(message).toEqual({ id: expect.any(Number), item: "event:e", chatId: 42, text: "<b>new</b> & more", attempts: 0 });
  });

  it("does not hand out a message queued after `now`", async () => {
    const storage = open(":memory:");
    const before = Date.now() - 60_000;
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
    expect(await storage.nextOutbox(before)).toBeNull();
  });

  it("takes a message out of the queue while it is being sent, and counts it sent when it is", async () => {
    const storage = open(":memory:");
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
    const message = (await storage.nextOutbox(Date.now()))!;
    await storage.startSending(message.id);
    expect(await storage.nextOutbox(Date.now())).toBeNull();
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
    await storage.markSent(message.id);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 0 });
    expect(await storage.nextOutbox(Date.now() + DAY)).toBeNull();
  });

  it("retries a message later: not due before its time, then with the attempt counted", async () => {
    const storage = open(":memory:");
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
    const message = (await storage.nextOutbox(Date.now()))!;
    await storage.startSending(message.id);
    const at = Date.now() + 30_000;
    await storage.retryLater(message.id, at, "network down");

    expect(await storage.nextOutbox(Date.now())).toBeNull();
    expect(await storage.nextOutbox(at - 1)).toBeNull();
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
    const again = await storage.nextOutbox(at);
    expect(again).toMatchObject({ id: message.id, attempts: 1 });

    await storage.startSending(message.id);
    await storage.retryLater(message.id, at + 1000, "still down");
    expect((await storage.nextOutbox(at + 1000))?.attempts).toBe(2);
  });

  it("puts a message retried later behind the messages already due", async () => {
    const storage = open(":memory:");
    await storage.publish(["event:e"], [
      { item: "event:e", chatId: 1, text: "first" },
      { item: "event:e", chatId: 2, text: "second" },
    ]);
    const first = (await storage.nextOutbox(Date.now()))!;
    expect(first.text).toBe("first");
    await storage.startSending(first.id);
    await storage.retryLater(first.id, Date.now() + 1, "chat busy");
    const now = Date.now() + 10;
    expect((await storage.nextOutbox(now))?.text).toBe("second");
  });

  it("marks a message failed for good", async () => {
    const storage = open(":memory:");
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
    const message = (await storage.nextOutbox(Date.now()))!;
    await storage.startSending(message.id);
    await storage.markFailed(message.id, "Forbidden: bot was blocked by the user");
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 1 });
    expect(await storage.nextOutbox(Date.now() + DAY)).toBeNull();
  });

  it("after a crash, counts messages that were being sent as sent and never hands them out again", async () => {
    const path = join(dir, "bot.sqlite");
    const before = open(path);
    await before.publish(["event:e"], [
      { item: "event:e", chatId: 1, text: "one" },
      { item: "event:e", chatId: 2, text: "two" },
      { item: "event:e", chatId: 3, text: "three" },
    ]);
    const one = (await before.nextOutbox(Date.now()))!;
    await before.startSending(one.id);
    const two = (await before.nextOutbox(Date.now()))!;
    await before.startSending(two.id);
    // The process dies here, with "one" and "two" on their way to Telegram.
    await before.close();

    const after = open(path);
    expect(await after.settleInterrupted()).toBe(2);
    expect(await after.settleInterrupted()).toBe(0);
    expect(await after.outboxCounts()).toEqual({ pending: 1, sent: 2, failed: 0 });
    const next = await after.nextOutbox(Date.now() + DAY);
    expect(next?.text).toBe("three");
    await after.startSending(next!.id);
    await after.markSent(next!.id);
    expect(await after.nextOutbox(Date.now() + DAY)).toBeNull();
  });

  it("counts the outbox by state", async () => {
    const storage = open(":memory:");
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
    await storage.publish(["event:e"], [1, 2, 3, 4, 5].map((chatId) => ({ item: "event:e", chatId, text: "x" })));
    const take = async () => {
      const message = (await storage.nextOutbox(Date.now()))!;
      await storage.startSending(message.id);
      return message.id;
    };
    await storage.markSent(await take());
    await storage.markSent(await take());
    await storage.markFailed(await take(), "gone");
    await take(); // being sent: still pending
    expect(await storage.outboxCounts()).toEqual({ pending: 2, sent: 2, failed: 1 });
  });
});

describe("SqliteStorage: publication requests", () => {
  it("hands a requested publication to one taker, runs it and records its result", async () => {
    const storage = open(":memory:");
    expect(await storage.takePublication()).toBeNull();
    const id = await storage.requestPublication("cli");
    expect(await storage.publication(id)).toEqual({ id, status: "requested", result: null });

    expect(await storage.takePublication()).toEqual({ id, status: "running", result: null });
    expect(await storage.publication(id)).toEqual({ id, status: "running", result: null });
    // A publication that is running is not taken again.
    expect(await storage.takePublication()).toBeNull();

    await storage.finishPublication(id, "done", "2 new items, 10 messages");
    expect(await storage.publication(id)).toEqual({ id, status: "done", result: "2 new items, 10 messages" });
    expect(await storage.takePublication()).toBeNull();
  });

  it("takes requests oldest first and records failures", async () => {
    const storage = open(":memory:");
    const first = await storage.requestPublication("admin 1");
    const second = await storage.requestPublication("cli");
    expect(second).toBeGreaterThan(first);
    expect((await storage.takePublication())?.id).toBe(first);
    await storage.finishPublication(first, "failed", "timeline.yaml: events[3].date: expected an ISO date");
    expect((await storage.takePublication())?.id).toBe(second);
    expect(await storage.publication(first)).toEqual({ id: first, status: "failed", result: "timeline.yaml: events[3].date: expected an ISO date" });
  });

  it("knows no publication it was never asked for", async () => {
    expect(await open(":memory:").publication(12345)).toBeNull();
  });

  it("keeps the bot's last heartbeat, running or stopped, and none before a bot ever ran", async () => {
    const storage = open(":memory:");
    expect(await storage.lastBeat()).toBeNull();
    await storage.beat(1000, true);
    await storage.beat(6000, true);
    expect(await storage.lastBeat()).toEqual({ at: 6000, running: true });
    await storage.beat(7000, false);
    expect(await storage.lastBeat()).toEqual({ at: 7000, running: false });
  });

  it("lets a publication requested by one process be taken by another (the same file)", async () => {
    const path = join(dir, "bot.sqlite");
    const cli = open(path);
    const bot = open(path);
    const id = await cli.requestPublication("cli");
    expect((await bot.takePublication())?.id).toBe(id);
    expect(await cli.takePublication()).toBeNull();
    await bot.finishPublication(id, "done", "ok");
    expect(await cli.publication(id)).toEqual({ id, status: "done", result: "ok" });
  });
});

describe("SqliteStorage: question statistics", () => {
  const now = Date.UTC(2024, 4, 15, 12, 0, 0);

  it("counts today's answered and unanswered questions (by UTC day)", async () => {
    const storage = open(":memory:");
    await storage.logQuestion("Сколько детей вернули?", "ru", true, now - 3600_000);
    await storage.logQuestion("Қанша бала оралды?", "kk", true, now);
    await storage.logQuestion("Какая погода?", "ru", false, now);
    // Yesterday, and just before midnight UTC: not today.
    await storage.logQuestion("Кто руководил?", "ru", true, now - DAY);
    await storage.logQuestion("Что такое Жусан?", "ru", false, Date.UTC(2024, 4, 14, 23, 59, 59));
    // Just after midnight UTC: today.
    await storage.logQuestion("Где Русафа?", "ru", false, Date.UTC(2024, 4, 15, 0, 0, 1));

    const stats = await storage.questionStats(now);
    expect(stats.answeredToday).toBe(2);
    expect(stats.notFoundToday).toBe(2);
  });

  it("lists the questions that found nothing in the last seven days, most asked first", async () => {
    const storage = open(":memory:");
    const ask = async (question: string, times: number, at = now, found = false) => {
      for (let i = 0; i < times; i++) await storage.logQuestion(question, "ru", found, at - i * 1000);
    };
    await ask("погода в Алматы", 3);
    await ask("курс доллара", 5, now - 2 * DAY);
    await ask("футбол", 1);
    await ask("а кто такой Сейлс", 3, now - 6 * DAY);
    // Found an answer: not listed however often it is asked.
    await ask("Сколько детей вернули?", 10, now, true);
    // Older than seven days: not listed.
    await ask("старый вопрос", 20, now - 8 * DAY);

    const { topNotFound } = await storage.questionStats(now);
    expect(topNotFound).toEqual([
      { question: "курс доллара", count: 5 },
      // Equal counts: alphabetical.
      { question: "а кто такой Сейлс", count: 3 },
      { question: "погода в Алматы", count: 3 },
      { question: "футбол", count: 1 },
    ]);
  });

  it("keeps one 👍 or 👎 per user and answer, and lists the answers most disliked in the last 30 days", async () => {
    const storage = open(":memory:");
    const vote = (userId: number, messageId: number, passage: string, vote: 1 | -1, at = now) =>
      storage.recordFeedback({ userId, messageId, passage, vote, at });
    await vote(1, 10, "event:rusafa:0:ru", -1);
    await vote(2, 11, "event:rusafa:0:ru", -1);
    await vote(3, 12, "event:rusafa:0:ru", 1);
    await vote(1, 13, "topic:name:0:kk", 1);
    await vote(1, 13, "topic:name:0:kk", -1); // changed its mind: one vote, the last
    await vote(4, 14, "topic:name:0:kk", -1, now - 31 * DAY); // too old
    await vote(5, 15, "figure:sales:0:ru", 1); // only liked: not listed

    expect(await storage.dislikedAnswers(now)).toEqual([
      { passage: "event:rusafa:0:ru", down: 2, up: 1 },
      { passage: "topic:name:0:kk", down: 1, up: 0 },
    ]);
  });

  it("lists at most ten unanswered questions", async () => {
    const storage = open(":memory:");
    for (let i = 0; i < 15; i++) await storage.logQuestion(`вопрос ${String(i).padStart(2, "0")}`, "ru", false, now);
    const { topNotFound } = await storage.questionStats(now);
    expect(topNotFound).toHaveLength(10);
    expect(topNotFound[0]).toEqual({ question: "вопрос 00", count: 1 });
  });

  it("is all zero and empty with no questions", async () => {
    expect(await open(":memory:").questionStats(now)).toEqual({ answeredToday: 0, notFoundToday: 0, topNotFound: [] });
  });
});

describe("SqliteStorage: migrations", () => {
  const version = (db: Database.Database) => Number(db.pragma("user_version", { simple: true }));
  const tables = (db: Database.Database) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

  it("creates every table on a fresh file and records the schema version", async () => {
    const path = join(dir, "fresh.sqlite");
    expect(existsSync(path)).toBe(false);
    await open(path).close();
    expect(inspect(path, version)).toBe(5);
    expect(inspect(path, tables)).toEqual(["feedback", "heartbeat", "inbox", "outbox", "publications", "published_items", "questions", "subscriptions", "users"]);
  });

  it("brings a file of the first version up to date, keeping its users' languages", async () => {
    const path = join(dir, "v1.sqlite");
    inspect(path, (db) => {
      db.exec("CREATE TABLE users (user_id INTEGER PRIMARY KEY, language TEXT NOT NULL, updated_at INTEGER NOT NULL)");
      db.prepare("INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)").run(5, "kk", 1);
      db.exec("PRAGMA user_version = 1");
    });

    const storage = open(path);
    expect(await storage.getLanguage(5)).toBe("kk");
    await storage.subscribe(5, "private", "kk");
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk" }]);
    await storage.close();
    expect(inspect(path, version)).toBe(5);

    // Opened again: nothing to migrate, nothing lost.
    const again = open(path);
    expect(await again.getLanguage(5)).toBe("kk");
    expect(await again.isSubscribed(5)).toBe(true);
  });

  it("reads a language it does not know as no language", async () => {
    const path = join(dir, "odd.sqlite");
    await open(path).close();
    inspect(path, (db) => db.prepare("INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)").run(9, "en", 1));
    expect(await open(path).getLanguage(9)).toBeNull();
  });
});

describe("SqliteStorage: a file it may not write", () => {
  it("reads a copy of a WAL-mode file, refuses every change as a storage fault, and leaves the file as it was", async () => {
    const path = join(dir, "kept.sqlite");
    const writable = open(path);
    await writable.setLanguage(3, "kk");
    await writable.subscribe(3, "private", "kk");
    await writable.close();

    const copy = SqliteStorage.openReadOnly(path);
    opened.push(copy);
    expect(copy.readOnly).toBe(true);
    expect(await copy.getLanguage(3)).toBe("kk");
    expect(await copy.isSubscribed(3)).toBe(true);
    const refused = await copy.unsubscribe(3).then(() => null, (error: unknown) => error);
    expect(isStorageFault(refused)).toBe(true);
    expect(isStorageFault(new Error("a bug"))).toBe(false);
    expect(inspect(path, (db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
    expect(await open(path).isSubscribed(3)).toBe(true);
  });

  it("refuses a read-only copy of a file whose schema it would have to bring up to date", () => {
    const path = join(dir, "old.sqlite");
    inspect(path, (db) => db.exec("CREATE TABLE users (user_id INTEGER PRIMARY KEY, language TEXT NOT NULL, updated_at INTEGER NOT NULL); PRAGMA user_version = 1"));
    expect(() => SqliteStorage.openReadOnly(path)).toThrow(/version 1/);
  });
});
