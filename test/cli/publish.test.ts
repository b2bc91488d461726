import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const publish = (databaseUrl: string) => runCli("publish", databaseUrl);

describe("npm run publish on a database no bot has used yet", () => {
  it("says at once that the request waits for the first start, and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zhusan-publish-"));
    try {
      const result = await publish(`file:${join(dir, "bot.sqlite")}`);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Queued \(request \d+\), but no bot has used .* yet/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm run publish with a DATABASE_URL it cannot use", () => {
  it("says so in one line that names the variable, without a stack trace", async () => {
    for (const [url, code] of [["data.sqlite", 2], ["file:/proc/zhusan/db.sqlite", 1], ["file:/tmp", 1]] as const) {
      const result = await publish(url);
      expect(result.code, url).toBe(code);
      expect(result.stderr.trim().split("\n"), url).toHaveLength(1);
      expect(result.stderr, url).toMatch(/^DATABASE_URL/);
    }
  });
});
