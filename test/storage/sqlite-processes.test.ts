import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { sqliteFiles } from "./sqlite-files.ts";

/* The SQLite file beside another process that writes to it; the rest of what the file does is in sqlite.test.ts. */

const files = sqliteFiles();

describe("SqliteStorage: the file beside other processes", () => {
  it("waits while another process holds the write lock, then writes", async () => {
    const path = files.path("bot.sqlite");
    const storage = files.open(path);
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
});
