import "../env.ts";
import { ConfigError, describeDatabase, parseDatabaseUrl } from "../config.ts";
import { openStorage, schemaVersion } from "../storage/open.ts";
import { DatabaseUnavailable } from "../storage/storage.ts";

/** `npm run migrate`: brings the database DATABASE_URL names to the current schema, as the bot does when it starts. */
async function main(): Promise<number> {
  let database;
  let storage;
  try {
    database = parseDatabaseUrl(process.env.DATABASE_URL);
    storage = await openStorage(database);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof DatabaseUnavailable)) throw error;
    console.error(error.message);
    return 1;
  }
  try {
    if (storage.readOnly) {
      console.error(`DATABASE_URL: ${describeDatabase(database)} is at schema version ${schemaVersion(database)} but cannot be written (a read-only disk or folder).`);
      return 1;
    }
    console.log(`${describeDatabase(database)} is at the current schema (version ${schemaVersion(database)}).`);
    return 0;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
