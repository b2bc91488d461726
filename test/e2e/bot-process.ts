import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { startBotApi, type BotApi, type BotApiOptions } from "./stand-in/bot-api.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** Shaped like a real token (digits, a colon, 35 characters), which the bot checks at start. */
export const TEST_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** The real bot process, started the way `npm start` starts it, against the stand-in. */
export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface BotEnvironment {
  /** Folder for the database; kept across restarts of the same test. */
  dataDir: string;
  env: Record<string, string>;
  cleanUp(): void;
}

/** The stand-in, or any other Bot API server the bot is pointed at. */
export type ApiServer = Pick<BotApi, "token" | "url">;

export function botEnvironment(api: ApiServer, env: Record<string, string> = {}): BotEnvironment {
  const dataDir = mkdtempSync(join(tmpdir(), "zhusan-e2e-"));
  return {
    dataDir,
    env: {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: `file:${join(dataDir, "bot.sqlite")}`,
      TELEGRAM_TIMEOUT_SECONDS: "2",
      // The feeds of knowledge/feeds.yaml are on the internet: a test that watches feeds serves its own.
      FEED_POLL_MINUTES: "0",
      ...env,
    },
    cleanUp: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The arguments `npm start` gives node (package.json's `start` script is `node <arguments>`). */
function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`the start script should run node: ${scripts.start}`);
  return args;
}

/** Another way to start the bot than `npm start` in this checkout: the image's command, as its user, in its folder. */
export interface StartCommand {
  /** node's arguments (default: those of `npm start`). */
  args?: string[];
  cwd?: string;
  /** The user and group to run as (the test must run as root). */
  uid?: number;
  gid?: number;
}

/** Starts the bot exactly as `npm start` does (or as `how` says), without waiting for anything. */
export function spawnBot(environment: BotEnvironment, how: StartCommand = {}): BotProcess {
  const child = spawn(process.execPath, how.args ?? startArguments(), {
    cwd: how.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...environment.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(how.uid === undefined ? {} : { uid: how.uid, gid: how.gid ?? how.uid }),
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts the bot exactly as `npm start` does and waits for its first poll. */
export async function startBot(api: BotApi, environment: BotEnvironment, { waitForPoll = true, how = {} as StartCommand } = {}): Promise<BotProcess> {
  const since = api.mark();
  const bot = spawnBot(environment, how);
  return waitForPoll ? untilPolling(bot, api.waitFor("getUpdates", { since, timeoutMs: 15_000, settled: false })) : bot;
}

/** The bot once `polled` resolves (its first getUpdates reached the stand-in); an error with its output if it exits first. */
export async function untilPolling(bot: BotProcess, polled: Promise<unknown>): Promise<BotProcess> {
  await Promise.race([
    polled,
    bot.exited.then((code) => {
      throw new Error(`the bot exited (${code}) before polling:\n${bot.output()}`);
    }),
  ]);
  return bot;
}

/** What a test file runs: the stand-in, the bot's environment and the bot itself. */
export interface Running {
  api: BotApi;
  environment: BotEnvironment;
  bot: BotProcess;
}

/** Starts a stand-in and the bot against it (for a test file's beforeAll). */
export async function startWithStandIn(apiOptions: BotApiOptions = {}, env: Record<string, string> = {}): Promise<Running> {
  const api = await startBotApi({ token: TEST_TOKEN, ...apiOptions });
  const environment = botEnvironment(api, env);
  return { api, environment, bot: await startBot(api, environment) };
}

/** Stops whatever of the bot, the stand-in and the environment was started (for afterAll, so that a failed start still cleans up). */
export async function stopAll({ bot, api, environment }: Partial<Running>): Promise<void> {
  await bot?.stop();
  await api?.close();
  environment?.cleanUp();
}

/** Every request the bot made was one Telegram would accept. */
export function expectNothingRefused(api: BotApi): void {
  expect(api.rejected.map((r) => `${r.method}: ${r.response?.ok === false && r.response.description}`)).toEqual([]);
}

/** A port nothing listens on. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
