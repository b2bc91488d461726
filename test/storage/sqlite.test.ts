import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, SqliteStorage } from "../../src/storage/sqlite.ts";
import { isStorageFault } from "../../src/storage/storage.ts";

/* What only the SQLite file does; what every storage does is in contract.test.ts. */

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

describe("SqliteStorage: migrations", () => {
  const version = (db: Database.Database) => Number(db.pragma("user_version", { simple: true }));
  const tables = (db: Database.Database) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

  it("creates every table on a fresh file and records the schema version", async () => {
    const path = join(dir, "fresh.sqlite");
    expect(existsSync(path)).toBe(false);
    await open(path).close();
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);
    expect(inspect(path, tables)).toEqual(["digests", "drafts", "feed_seen", "feedback", "heartbeat", "inbox", "outbox", "publications", "published_items", "questions", "send_log", "subscriptions", "title_edits", "users"]);
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
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk", topics: ["all"], weekly: false }]);
    await storage.close();
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);

    // Opened again: nothing to migrate, nothing lost.
    const again = open(path);
    expect(await again.getLanguage(5)).toBe("kk");
    expect(await again.isSubscribed(5)).toBe(true);
  });

  it("makes the subscriptions of a file from before topic subscriptions (version 8) follow everything, at once", async () => {
    const path = join(dir, "v8.sqlite");
    await open(path).close();
    inspect(path, (db) => {
      db.exec(`ALTER TABLE subscriptions DROP COLUMN topics; ALTER TABLE subscriptions DROP COLUMN weekly;
        DROP INDEX published_items_by_time; ALTER TABLE published_items DROP COLUMN about; DROP TABLE digests; PRAGMA user_version = 8`);
      db.exec("INSERT INTO subscriptions (chat_id, kind, language, active, updated_at) VALUES (5, 'private', 'kk', 1, 1), (6, 'group', 'ru', 0, 1)");
      db.exec("INSERT INTO published_items (item, published_at) VALUES ('article:old', 1)");
    });
    const storage = open(path);
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk", topics: ["all"], weekly: false }]);
    expect(await storage.subscription(6)).toBeNull();
    expect(await storage.publishedBetween(0, Date.now())).toEqual([]);
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
