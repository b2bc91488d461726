import { mkdirSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import type { Database as SqliteDatabase, JSValue, NormalQueryResult as Row } from "node-sqlite3-wasm";
import { LANGS, type Lang } from "../knowledge/types.ts";
import type { Storage } from "./storage.ts";

// A CommonJS module whose exports Node cannot list for an ES import.
const { Database, SQLite3Error } = createRequire(import.meta.url)("node-sqlite3-wasm") as typeof import("node-sqlite3-wasm");

/** Each entry moves the schema one version up; never edit an entry once it has shipped. */
const MIGRATIONS = [
  `CREATE TABLE users (
     user_id INTEGER PRIMARY KEY,
     language TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
];

/*
 * node-sqlite3-wasm locks a database by creating the directory "<file>.lock" for the length of
 * each transaction. A process killed inside a transaction leaves it behind; since no transaction
 * here lasts more than milliseconds, a lock older than this is stale and is removed.
 */
const STALE_LOCK_MS = 10_000;
const BUSY_RETRY_MS = 5;
const BUSY_GIVE_UP_MS = 15_000;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Storage in an embedded SQLite file (WebAssembly build: nothing to compile). */
export class SqliteStorage implements Storage {
  private constructor(
    private readonly db: SqliteDatabase,
    private readonly path: string,
  ) {}

  static open(path: string): SqliteStorage {
    if (path !== ":memory:") {
      mkdirSync(dirname(path), { recursive: true });
      removeStaleLock(path, STALE_LOCK_MS);
    }
    const storage = new SqliteStorage(new Database(path), path);
    storage.migrate();
    return storage;
  }

  private migrate(): void {
    const version = Number(this.get("PRAGMA user_version")?.user_version ?? 0);
    MIGRATIONS.slice(version).forEach((sql, i) => {
      this.transaction(() => {
        this.db.exec(sql);
        this.db.exec(`PRAGMA user_version = ${version + i + 1}`);
      });
    });
  }

  async getLanguage(userId: number): Promise<Lang | null> {
    const language = this.get("SELECT language FROM users WHERE user_id = ?", [userId])?.language;
    return LANGS.find((lang) => lang === language) ?? null;
  }

  async setLanguage(userId: number, lang: Lang): Promise<void> {
    this.run(
      `INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
      [userId, lang, Date.now()],
    );
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  protected transaction<T>(work: () => T): T {
    return this.retrying(() => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = work();
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  protected run(sql: string, values: JSValue[] = []): void {
    this.retrying(() => this.db.run(sql, values));
  }

  protected get(sql: string, values: JSValue[] = []): Row | null {
    return this.retrying(() => this.db.get(sql, values) as Row | null);
  }

  protected all(sql: string, values: JSValue[] = []): Row[] {
    return this.retrying(() => this.db.all(sql, values) as Row[]);
  }

  /** Runs `work`, waiting while another process holds the database. */
  private retrying<T>(work: () => T): T {
    const started = Date.now();
    for (;;) {
      try {
        return work();
      } catch (error) {
        const busy = error instanceof SQLite3Error && /locked|busy/i.test(error.message);
        if (!busy || Date.now() - started > BUSY_GIVE_UP_MS) throw error;
        if (this.path !== ":memory:") removeStaleLock(this.path, STALE_LOCK_MS);
        sleep(BUSY_RETRY_MS);
      }
    }
  }
}

function removeStaleLock(path: string, olderThanMs: number): void {
  const lock = `${path}.lock`;
  try {
    if (Date.now() - statSync(lock).mtimeMs >= olderThanMs) rmSync(lock, { recursive: true, force: true });
  } catch {
    // no lock: nothing to remove
  }
}
