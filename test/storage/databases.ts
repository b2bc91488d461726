import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { DatabaseConfig } from "../../src/config.ts";
import { openStorage } from "../../src/storage/open.ts";
import type { Storage } from "../../src/storage/storage.ts";

/**
 * Databases for the storage tests, each new and empty: an SQLite file in a folder of its own, or
 * a schema of its own in the PostgreSQL database TEST_DATABASE_URL names (reached through
 * search_path), so that test files running side by side, and runs before, never see each other's rows.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL?.trim() || null;

export interface Backend {
  name: "SQLite" | "PostgreSQL";
  /** Why the backend's tests are skipped, or null when they run. */
  skipped: string | null;
  /** A new, empty database, dropped by cleanUp(). */
  database(): Promise<DatabaseConfig>;
}

const folders: string[] = [];
const schemas: string[] = [];
const opened: Storage[] = [];
let admin: postgres.Sql | null = null;

export const sqlite: Backend = {
  name: "SQLite",
  skipped: null,
  async database() {
    const folder = mkdtempSync(join(tmpdir(), "zhusan-storage-"));
    folders.push(folder);
    return { kind: "sqlite", path: join(folder, "bot.sqlite") };
  },
};

export const postgresql: Backend = {
  name: "PostgreSQL",
  skipped: POSTGRES_URL ? null : "TEST_DATABASE_URL is not set",
  async database() {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    await adminSql().unsafe(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return { kind: "postgres", url: postgresUrl({ search_path: schema }) };
  },
};

export const backends = [sqlite, postgresql];

/** TEST_DATABASE_URL with connection parameters added (the driver sends a URL's unknown parameters to the server). */
export function postgresUrl(parameters: Record<string, string>): string {
  if (!POSTGRES_URL) throw new Error("TEST_DATABASE_URL is not set");
  return `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}${new URLSearchParams(parameters)}`;
}

/** A connection of the test's own to the database TEST_DATABASE_URL names, for looking from outside. */
export function adminSql(): postgres.Sql {
  if (!POSTGRES_URL) throw new Error("TEST_DATABASE_URL is not set");
  admin ??= postgres(POSTGRES_URL, { max: 2, onnotice: () => {} });
  return admin;
}

/** Opens a storage that cleanUp() closes. */
export async function open(database: DatabaseConfig): Promise<Storage> {
  const storage = await openStorage(database);
  opened.push(storage);
  return storage;
}

/** Closes what the test opened, and drops its databases. */
export async function cleanUp(): Promise<void> {
  for (const storage of opened.splice(0)) await storage.close();
  for (const schema of schemas.splice(0)) await adminSql().unsafe(`DROP SCHEMA ${schema} CASCADE`);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** After the last test of a file: ends the test's own connection. */
export async function endAdmin(): Promise<void> {
  await admin?.end();
  admin = null;
}
