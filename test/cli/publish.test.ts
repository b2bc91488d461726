import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function publish(databaseUrl: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ["--import", "tsx", "src/cli/publish.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

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
