import "./env.ts";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, webhookCallback } from "grammy";
import { createServer, type Server } from "node:http";
import { createBot, createBotI18n } from "./bot.ts";
import { Outbox } from "./broadcast/outbox.ts";
import { PublicationWatcher } from "./broadcast/publications.ts";
import { ensureBaseline, publish } from "./broadcast/publisher.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { translator } from "./i18n.ts";
import { KnowledgeError } from "./knowledge/fields.ts";
import { Library } from "./library.ts";
import { SqliteStorage } from "./storage/sqlite.ts";
import type { Storage } from "./storage/storage.ts";
import { setCommands } from "./telegram/commands.ts";
import { requestTimeout } from "./telegram/timeout.ts";
import { ALLOWED_UPDATES } from "./telegram/updates.ts";

/** A problem the operator must fix; printed as one line, exit code 1. */
class StartupError extends Error {}

function log(message: string): void {
  console.log(`${new Date().toISOString()} ${message}`);
}

function setUp(config: Config): { library: Library; storage: Storage } {
  let library: Library;
  try {
    library = new Library(config.knowledgeDir);
  } catch (error) {
    if (error instanceof KnowledgeError) throw new StartupError(error.message);
    throw error;
  }
  return { library, storage: SqliteStorage.open(config.database.path) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const { library, storage } = setUp(config);
  const i18n = createBotI18n(storage);
  const t = translator(i18n);
  const outboxApi = new Api(config.botToken, { apiRoot: config.apiRoot });
  outboxApi.config.use(requestTimeout(config.requestTimeoutSeconds));
  const outbox = new Outbox(outboxApi, storage, { perSecond: config.broadcastPerSecond, log });
  const publishAndWake = async () => {
    const result = await publish(library, storage, t);
    outbox.wake();
    return result;
  };

  let lastHandled = 0;
  const bot = createBot({
    i18n,
    onHandled: (updateId) => (lastHandled = Math.max(lastHandled, updateId)),
    token: config.botToken,
    apiRoot: config.apiRoot,
    requestTimeoutSeconds: config.requestTimeoutSeconds,
    publish: publishAndWake,
    library,
    storage,
    adminIds: config.adminIds,
  });
  await bot.init();
  await setCommands(bot.api, t);

  const interrupted = await storage.settleInterrupted();
  if (interrupted > 0) log(`${interrupted} announcement(s) were being sent when the bot stopped; counted as sent, not sent twice`);
  await ensureBaseline(library.knowledge, storage);
  outbox.start();
  const publications = new PublicationWatcher(storage, publishAndWake, log);
  publications.start();

  let runner: RunnerHandle | null = null;
  let server: Server | null = null;
  if (config.webhook) {
    const { url, secret, port } = config.webhook;
    const handle = webhookCallback(bot, "http", { secretToken: secret });
    server = createServer((request, response) => {
      if (request.method !== "POST") {
        response.writeHead(405).end();
        return;
      }
      handle(request, response).catch((error: unknown) => {
        log(`Webhook request failed: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(port, resolve));
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
    log(`@${bot.botInfo.username} is listening for webhooks on port ${port} (${url}) after ${Math.round(performance.now() - started)} ms`);
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
    log(`@${bot.botInfo.username} is polling ${config.apiRoot} after ${Math.round(performance.now() - started)} ms`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the updates in progress, then stopping`);
    publications.stop();
    await outbox.stop();
    if (runner) {
      await runner.stop();
      // Tell Telegram the updates handled last are done, or it sends them again after a restart.
      if (lastHandled > 0) await bot.api.getUpdates({ offset: lastHandled + 1, limit: 1, timeout: 0 }).catch(() => undefined);
    }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await storage.close();
    log("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error("The bot could not start:", error);
  }
  process.exit(1);
});
