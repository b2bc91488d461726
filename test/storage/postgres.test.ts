import postgres from "postgres";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../src/config.ts";
import { SCHEMA_VERSION } from "../../src/storage/postgres.ts";
import { openStorage } from "../../src/storage/open.ts";
import { SCHEMA_VERSION as SQLITE_SCHEMA_VERSION } from "../../src/storage/sqlite.ts";
import { DatabaseUnavailable, isStorageFault } from "../../src/storage/storage.ts";
import { adminSql, cleanUp, endAdmin, open, postgresql, postgresUrl } from "./databases.ts";

/* What only the PostgreSQL storage does: several connections and instances on one database at once. */

afterEach(cleanUp);
afterAll(endAdmin);

/** A new schema, and a URL that reaches it under an application_name of its own, to find its connections by. */
async function schema(): Promise<{ name: string; database: DatabaseConfig }> {
  const database = await postgresql.database();
  const name = database.kind === "postgres" ? (new URL(database.url).searchParams.get("search_path") ?? "") : "";
  return { name, database: { kind: "postgres", url: postgresUrl({ search_path: name, application_name: name }) } };
}

/** Every migration, each recorded once. */
const ALL_VERSIONS = Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe("the PostgreSQL schema version", () => {
  it("numbers the same schema as the SQLite file's", () => {
    expect(SCHEMA_VERSION).toBe(SQLITE_SCHEMA_VERSION);
  });
});

describe.skipIf(postgresql.skipped)(`PostgresStorage: migrations${postgresql.skipped ? ` (skipped: ${postgresql.skipped})` : ""}`, () => {
  it("creates every table in an empty schema and records each version once", async () => {
    const { name, database } = await schema();
    await open(database);
    const tables = await adminSql()`SELECT table_name FROM information_schema.tables WHERE table_schema = ${name} ORDER BY table_name`;
    expect(tables.map((row) => row.table_name)).toEqual([
      "digests",
      "drafts",
      "feed_seen",
      "feedback",
      "heartbeat",
      "inbox",
      "outbox",
      "publications",
      "published_items",
      "questions",
      "schema_migrations",
      "send_log",
      "subscriptions",
      "title_edits",
      "users",
    ]);
    const versions = await adminSql().unsafe(`SELECT version FROM ${name}.schema_migrations ORDER BY version`);
    expect(versions.map((row) => row.version)).toEqual(ALL_VERSIONS);
  });

  it("brings a schema of the first version up to date, keeping its users' languages", async () => {
    const { name, database } = await schema();
    await adminSql().unsafe(`
      CREATE TABLE ${name}.users (user_id BIGINT PRIMARY KEY, language TEXT NOT NULL, updated_at BIGINT NOT NULL);
      INSERT INTO ${name}.users VALUES (5, 'kk', 1), (9, 'en', 1);
      CREATE TABLE ${name}.schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);
      INSERT INTO ${name}.schema_migrations VALUES (1, 1);`);
    const storage = await open(database);
    expect(await storage.getLanguage(5)).toBe("kk");
    // A language it does not know reads as none.
    expect(await storage.getLanguage(9)).toBeNull();
    await storage.subscribe(5, "private", "kk");
    await storage.close();

    const again = await open(database);
    expect(await again.isSubscribed(5)).toBe(true);
    expect((await adminSql().unsafe(`SELECT version FROM ${name}.schema_migrations ORDER BY version`)).map((row) => row.version)).toEqual(ALL_VERSIONS);
  });

  it("makes the subscriptions of a schema from before topic subscriptions (version 8) follow everything, at once", async () => {
    const { name, database } = await schema();
    await (await open(database)).close();
    await adminSql().unsafe(`
      ALTER TABLE ${name}.subscriptions DROP COLUMN topics, DROP COLUMN weekly;
      DROP INDEX ${name}.published_items_by_time;
      ALTER TABLE ${name}.published_items DROP COLUMN about;
      DROP TABLE ${name}.digests;
      DELETE FROM ${name}.schema_migrations WHERE version > 8;
      INSERT INTO ${name}.subscriptions (chat_id, kind, language, active, updated_at) VALUES (5, 'private', 'kk', TRUE, 1), (6, 'group', 'ru', FALSE, 1);
      INSERT INTO ${name}.published_items (item, published_at) VALUES ('article:old', 1);`);
    const storage = await open(database);
    expect((await adminSql().unsafe(`SELECT version FROM ${name}.schema_migrations ORDER BY version`)).map((row) => row.version)).toEqual(ALL_VERSIONS);
    expect(await storage.subscribers()).toEqual([{ chatId: 5, lang: "kk", topics: ["all"], weekly: false }]);
    expect(await storage.subscription(6)).toBeNull();
    expect(await storage.publishedBetween(0, Date.now())).toEqual([]);
  });

  it("lets several instances start on one empty schema at once: one migrates, all open, each sees the others' writes", async () => {
    const { name, database } = await schema();
    const instances = await Promise.all([1, 2, 3, 4].map(() => open(database)));
    expect((await adminSql().unsafe(`SELECT version FROM ${name}.schema_migrations ORDER BY version`)).map((row) => row.version)).toEqual(ALL_VERSIONS);
    const [a, b, c, d] = instances;
    await a!.setLanguage(1, "kk");
    await b!.subscribe(2, "private", "ru");
    const id = await c!.requestPublication("cli");
    expect(await d!.getLanguage(1)).toBe("kk");
    expect(await a!.subscribers()).toEqual([{ chatId: 2, lang: "ru", topics: ["all"], weekly: false }]);
    expect((await b!.takePublication())?.id).toBe(id);
  });
});

describe.skipIf(postgresql.skipped)(`PostgresStorage: two instances at once${postgresql.skipped ? ` (skipped: ${postgresql.skipped})` : ""}`, () => {
  it("lets exactly one instance start sending each message", async () => {
    const { database } = await schema();
    const [a, b] = await Promise.all([open(database), open(database)]);
    await a!.publish(["event:e"], Array.from({ length: 50 }, (_, i) => ({ item: "event:e", chatId: i + 1, text: "x" })));
    const ids: number[] = [];
    for (let next = await a!.nextOutbox(Date.now()); next; next = await a!.nextOutbox(Date.now())) {
      const won = await Promise.all([a!.startSending(next.id), b!.startSending(next.id), b!.startSending(next.id)]);
      expect(won.filter(Boolean), `message ${next.id}`).toHaveLength(1);
      ids.push(next.id);
    }
    expect(ids).toHaveLength(50);
    expect(await b!.settleInterrupted(Date.now())).toBe(50);
  });

  it("gives each update delivered to two instances at once back to exactly one of them", async () => {
    const { database } = await schema();
    const [a, b] = await Promise.all([open(database), open(database)]);
    const batch = (from: number) => Array.from({ length: 20 }, (_, i) => ({ updateId: from + i, payload: `{"update_id":${from + i}}` }));
    // Overlapping deliveries: 100–119 and 110–129 to one, 105–124 to the other, all at once.
    const [first, second, third] = await Promise.all([a!.inboxAdd(batch(100), 1), b!.inboxAdd(batch(105), 1), a!.inboxAdd(batch(110), 1)]);
    const taken = [...first!, ...second!, ...third!].map((update) => update.updateId).sort((x, y) => x - y);
    expect(taken).toEqual(Array.from({ length: 30 }, (_, i) => 100 + i));
    expect(await b!.inboxCounts()).toEqual({ pending: 30, done: 0 });
  });

  it("hands each requested publication to one taker", async () => {
    const { database } = await schema();
    const [a, b] = await Promise.all([open(database), open(database)]);
    const requested = [await a!.requestPublication("cli"), await a!.requestPublication("admin")];
    const taken = await Promise.all([a!.takePublication(), b!.takePublication(), a!.takePublication(), b!.takePublication()]);
    expect(taken.filter((publication) => publication !== null).map((publication) => publication!.id).sort()).toEqual(requested.sort());
  });
});

describe.skipIf(postgresql.skipped)(`PostgresStorage: faults${postgresql.skipped ? ` (skipped: ${postgresql.skipped})` : ""}`, () => {
  it("cannot open a server that does not listen: DatabaseUnavailable, one line naming DATABASE_URL and the reason, without the password", async () => {
    const url = "postgres://zhusan:s3cret-pw@127.0.0.1:1/zhusan";
    const error = await failure(openStorage({ kind: "postgres", url }));
    expect(error).toBeInstanceOf(DatabaseUnavailable);
    const { message } = error as DatabaseUnavailable;
    expect(message).toBe("DATABASE_URL: cannot open postgres://zhusan@127.0.0.1:1/zhusan: connect ECONNREFUSED 127.0.0.1:1");
  });

  it("cannot open a database that does not exist, and says which", async () => {
    const error = await failure(openStorage({ kind: "postgres", url: postgresUrl({}).replace(/\/[^/?]*\?/, "/zhusan_no_such_database?") }));
    expect(error).toBeInstanceOf(DatabaseUnavailable);
    expect((error as Error).message).toMatch(/^DATABASE_URL: cannot open postgres:\/\/.*\/zhusan_no_such_database: database "zhusan_no_such_database" does not exist$/);
  });

  it("tells the server's and the network's faults from the bot's own mistakes", async () => {
    const unreachable = postgres("postgres://postgres@127.0.0.1:1/test", { max: 1 });
    const refused = await failure(unreachable`SELECT 1`);
    await unreachable.end();
    expect(refused).toMatchObject({ code: "ECONNREFUSED" });
    expect(isStorageFault(refused)).toBe(true);

    const readOnly = await failure(adminSql().begin("read only", (sql) => sql`CREATE TEMPORARY TABLE zhusan_t (x INT)`));
    expect(readOnly).toMatchObject({ code: "25006" });
    expect(isStorageFault(readOnly)).toBe(true);

    const mistake = await failure(adminSql()`SELECT * FROM zhusan_no_such_table`);
    expect(mistake).toMatchObject({ code: "42P01" });
    expect(isStorageFault(mistake)).toBe(false);
    for (const code of ["08006", "53100", "57P01", "58030", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "ECONNRESET"]) expect(isStorageFault({ code }), code).toBe(true);
    for (const code of ["23505", "42601", "22P02", "40001"]) expect(isStorageFault({ code }), code).toBe(false);
  });

  it("fails a write cut off by the server as a storage fault, then connects again for the next one", async () => {
    const { name, database } = await schema();
    const storage = await open(database);
    await storage.setLanguage(1, "ru");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = adminSql().begin(async (sql) => {
      await sql.unsafe(`LOCK TABLE ${name}.users IN ACCESS EXCLUSIVE MODE`);
      locked();
      await held;
    });
    await isLocked;
    const writing = failure(storage.setLanguage(1, "kk"));
    for (let waiting = 0; waiting === 0; await new Promise((resolve) => setTimeout(resolve, 20))) {
      [{ waiting }] = (await adminSql()`SELECT COUNT(*)::int AS waiting FROM pg_stat_activity WHERE application_name = ${name} AND wait_event_type = 'Lock'`) as unknown as [{ waiting: number }];
    }
    await adminSql()`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${name}`;
    const cut = await writing;
    release();
    await holding;
    // The driver reports the server's 57P01 as the connection closing.
    expect(cut).toMatchObject({ code: expect.stringMatching(/^(57P01|CONNECTION_CLOSED)$/) });
    expect(isStorageFault(cut)).toBe(true);

    await storage.setLanguage(1, "kk");
    expect(await storage.getLanguage(1)).toBe("kk");
  });
});
