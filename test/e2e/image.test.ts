import { execFile, execFileSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, freePort, startBot, TEST_TOKEN } from "./bot-process.ts";
import { startBotApi, type BotApi } from "./stand-in/bot-api.ts";

/*
 * What the Docker image does, read from the Dockerfile itself (no Docker engine runs here): its
 * final stage's files copied into a folder the bot's user cannot write, the bundle built there as
 * root, then its CMD run as another user, and its HEALTHCHECK asked.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
const copied = [...finalStage.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] as string).split(/\s+/));
const command = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)?.[1] ?? "[]") as string[];
const healthcheck = /^\s+CMD (node -e .*)$/m.exec(finalStage)?.[1] ?? "";
/** The image's user is `node`; any user but root that owns nothing in the app folder will do. */
const NOBODY = 65534;

let api: BotApi;
let app: string;

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN });
  app = mkdtempSync(join(tmpdir(), "zhusan-image-"));
});

afterAll(async () => {
  await api.close();
  rmSync(app, { recursive: true, force: true });
});

describe.skipIf(process.getuid?.() !== 0)("the Docker image's start command", () => {
  it("runs as a user who cannot write the app folder: answers, reports ready to the HEALTHCHECK, stops cleanly, and leaves the bundle as built", async () => {
    expect(copied).toEqual(expect.arrayContaining(["package.json", "scripts", "src", "knowledge"]));
    expect(command[0]).toBe("node");
    chmodSync(app, 0o755);
    for (const path of copied) cpSync(join(ROOT, path), join(app, path), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(app, "node_modules"));
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: app });
    mkdirSync(join(app, "data"));
    chownSync(join(app, "data"), NOBODY, NOBODY);
    const built = statSync(join(app, "dist", ".built")).mtimeMs;

    const port = await freePort();
    const environment = botEnvironment(api, { NODE_ENV: "production", HEALTH_PORT: String(port) });
    delete environment.env.DATABASE_URL;
    const bot = await startBot(api, environment, { how: { args: command.slice(1), cwd: app, uid: NOBODY } });
    const since = api.mark();
    api.userSends({ id: 8101, first_name: "Образ", language_code: "ru" }, "Кто руководил операцией «Русафа»?");
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === 8101, { since });
    expect(answer.response?.ok).toBe(true);

    const ready = await new Promise<number | null>((done) =>
      execFile("sh", ["-c", healthcheck], { env: { PATH: process.env.PATH ?? "", HEALTH_PORT: String(port) } }, (error) =>
        done(error ? ((error as { code?: number }).code ?? 1) : 0),
      ),
    );
    expect(ready).toBe(0);

    expect(await bot.stop("SIGTERM")).toBe(0);
    expect(existsSync(join(app, "data", "zhusan.sqlite"))).toBe(true);
    expect(statSync(join(app, "dist", ".built")).mtimeMs).toBe(built);
    expect(bot.output()).not.toMatch(/Could not rebuild|EACCES|\n\s+at /);
    environment.cleanUp();
  });
});
