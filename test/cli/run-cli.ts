import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A command-line entry (src/cli/<name>.ts) run as its npm script runs it, on the database `databaseUrl` names. */
export async function runCli(name: string, databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", `src/cli/${name}.ts`], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}
