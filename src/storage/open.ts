import { describeDatabase, type DatabaseConfig } from "../config.ts";
import { PostgresStorage, SCHEMA_VERSION as POSTGRES_VERSION } from "./postgres.ts";
import { openDatabase, SCHEMA_VERSION as SQLITE_VERSION } from "./sqlite.ts";
import { DatabaseUnavailable, type Storage } from "./storage.ts";

/**
 * Opens the database DATABASE_URL names and brings its schema up to date: an SQLite file
 * (read-only if it cannot be written) or a PostgreSQL database. Throws DatabaseUnavailable naming
 * the variable and the reason, never the password.
 */
export async function openStorage(database: DatabaseConfig): Promise<Storage> {
  if (database.kind === "sqlite") return openDatabase(database.path);
  try {
    return await PostgresStorage.open(database.url);
  } catch (error) {
    // Node's error for a name with several addresses (localhost: ::1 and 127.0.0.1) has only a code.
    const reason = (error instanceof Error && (error.message || (error as { code?: string }).code)) || String(error);
    throw new DatabaseUnavailable(`DATABASE_URL: cannot open ${describeDatabase(database)}: ${reason}`);
  }
}

/** The schema version openStorage brings a database to. */
export function schemaVersion(database: DatabaseConfig): number {
  return database.kind === "sqlite" ? SQLITE_VERSION : POSTGRES_VERSION;
}
