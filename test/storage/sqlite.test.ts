import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, SqliteStorage } from "../../src/storage/sqlite.ts";
import { sqliteFiles } from "./sqlite-files.ts";
import { isStorageFault } from "../../src/storage/storage.ts";

/* What only the SQLite file does; what every storage does is in contract.test.ts. */

const files = sqliteFiles();

/** Looks at a database file from outside, as another process would. */
function inspect<T>(path: string, look: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return look(db);
  } finally {
    db.close();
  }
}

describe("SqliteStorage: the file", () => {
  it("creates the folder the file goes in", async () => {
    const path = files.path("nested", "deeper", "bot.sqlite");
    const storage = files.open(path);
    await storage.setLanguage(1, "ru");
    expect(existsSync(path)).toBe(true);
  });

  it("works in memory, where nothing is kept", async () => {
    const first = files.open(":memory:");
    await first.setLanguage(1, "kk");
    expect(await first.getLanguage(1)).toBe("kk");
    const second = files.open(":memory:");
    expect(await second.getLanguage(1)).toBeNull();
  });
});

describe("SqliteStorage: the file beside other processes", () => {
  it("is in WAL mode, so a reader or a backup never waits for the bot's writes", () => {
    const path = files.path("bot.sqlite");
    files.open(path);
    expect(inspect(path, (db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
  });

  it("keeps what was committed when the process is killed: nothing lives only in memory", async () => {
    const path = files.path("bot.sqlite");
    const storage = files.open(path);
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
    const path = files.path("fresh.sqlite");
    expect(existsSync(path)).toBe(false);
    await files.open(path).close();
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);
    expect(inspect(path, tables)).toEqual(["digests", "drafts", "feed_seen", "feedback", "heartbeat", "inbox", "outbox", "publications", "published_items", "questions", "send_log", "subscriptions", "title_edits", "users"]);
  });

  it("brings a file of the first version up to date, keeping its users' languages", async () => {
    const path = files.path("v1.sqlite");
    inspect(path, (db) => {
      db.exec("CREATE TABLE users (user_id INTEGER PRIMARY KEY, language TEXT NOT NULL, updated_at INTEGER NOT NULL)");
      db.prepare("INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)").run(5, "kk", 1);
      db.exec("PRAGMA user_version = 1");
    });

    const storage = files.open(path);
    expect(await storage.getLanguage(5)).toBe("kk");
    await storage.subscribe(5, "private", "kk");
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk", topics: ["all"], weekly: false }]);
    await storage.close();
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);

    // Opened again: nothing to migrate, nothing lost.
    const again = files.open(path);
    expect(await again.getLanguage(5)).toBe("kk");
    expect(await again.isSubscribed(5)).toBe(true);
  });

  it("makes the subscriptions of a file from before topic subscriptions (version 8) follow everything, at once", async () => {
    const path = files.path("v8.sqlite");
    await files.open(path).close();
    inspect(path, (db) => {
      db.exec(`ALTER TABLE subscriptions DROP COLUMN topics; ALTER TABLE subscriptions DROP COLUMN weekly;
        DROP INDEX published_items_by_time; ALTER TABLE published_items DROP COLUMN about; DROP TABLE digests; PRAGMA user_version = 8`);
      db.exec("INSERT INTO subscriptions (chat_id, kind, language, active, updated_at) VALUES (5, 'private', 'kk', 1, 1), (6, 'group', 'ru', 0, 1)");
      db.exec("INSERT INTO published_items (item, published_at) VALUES ('article:old', 1)");
    });
    const storage = files.open(path);
    expect(inspect(path, version)).toBe(SCHEMA_VERSION);
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk", topics: ["all"], weekly: false }]);
    expect(await storage.subscription(6)).toBeNull();
    expect(await storage.publishedBetween(0, Date.now())).toEqual([]);
  });

  it("reads a language it does not know as no language", async () => {
    const path = files.path("odd.sqlite");
    await files.open(path).close();
    inspect(path, (db) => db.prepare("INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)").run(9, "en", 1));
    expect(await files.open(path).getLanguage(9)).toBeNull();
  });
});

describe("SqliteStorage: a file it may not write", () => {
  it("reads a copy of a WAL-mode file, refuses every change as a storage fault, and leaves the file as it was", async () => {
    const path = files.path("kept.sqlite");
    const writable = files.open(path);
    await writable.setLanguage(3, "kk");
    await writable.subscribe(3, "private", "kk");
    await writable.close();

    const copy = files.open(path, (file) => SqliteStorage.openReadOnly(file));
    expect(copy.readOnly).toBe(true);
    expect(await copy.getLanguage(3)).toBe("kk");
    expect(await copy.isSubscribed(3)).toBe(true);
    const refused = await copy.unsubscribe(3).then(() => null, (error: unknown) => error);
    expect(isStorageFault(refused)).toBe(true);
    expect(isStorageFault(new Error("a bug"))).toBe(false);
    expect(inspect(path, (db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
    expect(await files.open(path).isSubscribed(3)).toBe(true);
  });

  it("refuses a read-only copy of a file whose schema it would have to bring up to date", () => {
    const path = files.path("old.sqlite");
    inspect(path, (db) => db.exec("CREATE TABLE users (user_id INTEGER PRIMARY KEY, language TEXT NOT NULL, updated_at INTEGER NOT NULL); PRAGMA user_version = 1"));
    expect(() => SqliteStorage.openReadOnly(path)).toThrow(/version 1/);
  });
});
