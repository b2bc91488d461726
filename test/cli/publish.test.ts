import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function publish(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli/publish.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

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
