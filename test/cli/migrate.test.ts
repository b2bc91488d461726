import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";
import { describeDatabase } from "../../src/config.ts";
import { SCHEMA_VERSION } from "../../src/storage/sqlite.ts";
import { cleanUp, endAdmin, postgresql } from "../storage/databases.ts";

afterEach(cleanUp);
afterAll(endAdmin);

const migrate = (databaseUrl: string) => runCli("migrate", databaseUrl);

describe("npm run migrate on an SQLite file", () => {
  it("creates the file at the current schema, says so in one line, and is done the second time too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zhusan-migrate-"));
    try {
      const path = join(dir, "bot.sqlite");
      for (let i = 0; i < 2; i++) {
        const result = await migrate(`file:${path}`);
        expect(result).toEqual({ code: 0, stdout: `${path} is at the current schema (version ${SCHEMA_VERSION}).\n`, stderr: "" });
      }
      expect(existsSync(path)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 with one line naming DATABASE_URL when it cannot", async () => {
    for (const url of ["file:/proc/zhusan/bot.sqlite", "mysql://localhost/zhusan"]) {
      const result = await migrate(url);
      expect(result.code, url).toBe(1);
      expect(result.stderr.trim().split("\n"), url).toHaveLength(1);
      expect(result.stderr, url).toMatch(/^DATABASE_URL/);
    }
  });
});

describe.skipIf(postgresql.skipped)(`npm run migrate on PostgreSQL${postgresql.skipped ? ` (skipped: ${postgresql.skipped})` : ""}`, () => {
  it("brings an empty schema to the current version and says so in one line, then finds nothing to do", async () => {
    const database = await postgresql.database();
    if (database.kind !== "postgres") throw new Error("not PostgreSQL");
    for (let i = 0; i < 2; i++) {
      const result = await migrate(database.url);
      expect(result).toEqual({ code: 0, stdout: `${describeDatabase(database)} is at the current schema (version ${SCHEMA_VERSION}).\n`, stderr: "" });
    }
  });

  it("exits 1 with one line naming DATABASE_URL, without a stack or the password, when the server does not answer", async () => {
    const result = await migrate("postgres://zhusan:s3cret-pw@127.0.0.1:1/zhusan");
    expect(result).toEqual({ code: 1, stdout: "", stderr: "DATABASE_URL: cannot open postgres://zhusan@127.0.0.1:1/zhusan: connect ECONNREFUSED 127.0.0.1:1\n" });
  });
});
