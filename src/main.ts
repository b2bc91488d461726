import "./env.ts";
import { Api, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { createBot, createBotI18n, handleUpdate } from "./bot.ts";
import { languageFromTelegram, PLAIN } from "./context.ts";
import { Outbox } from "./broadcast/outbox.ts";
import { PublicationWatcher } from "./broadcast/publications.ts";
import { WeeklyDigests } from "./broadcast/digests.ts";
import { ensureBaseline, publish, type PublishOptions } from "./broadcast/publisher.ts";
import { ConfigError, dataDirOf, describeDatabase, loadConfig, type Config } from "./config.ts";
import { Review } from "./feeds/review.ts";
import { startFeedWatcher } from "./feeds/service.ts";
import { sendDraftToAdmins } from "./handlers/review.ts";
import { translator } from "./i18n.ts";
import { log } from "./log.ts";
import { watchQueues } from "./ops/metrics.ts";
import { serveOps } from "./ops/routes.ts";
import { KnowledgeError } from "./knowledge/fields.ts";
import { Library } from "./library.ts";
import { Claims } from "./storage/claims.ts";
import { openStorage } from "./storage/open.ts";
import { DatabaseUnavailable, type Storage } from "./storage/storage.ts";
import { setCommands } from "./telegram/commands.ts";
import { describeApiError, readableResponses } from "./telegram/responses.ts";
import { retryLater } from "./telegram/retry-later.ts";
import { requestTimeout } from "./telegram/timeout.ts";
import { UpdateInbox } from "./telegram/inbox.ts";
import { Poller } from "./telegram/polling.ts";
import { SendBudget } from "./telegram/send-budget.ts";
import { SharedSendBudget } from "./telegram/shared-send-budget.ts";
import { ALLOWED_UPDATES } from "./telegram/updates.ts";
import { webhookServer } from "./telegram/webhook.ts";

/** A stop waits this long for the updates in progress; the rest stay in the inbox for the next start. */
const FINISH_UPDATES_MS = 5000;
/** Between attempts to reach Telegram at start, at most this many seconds. */
const REACH_MAX_WAIT_S = 30;
/** A stop never takes longer than this. */
const STOP_DEADLINE_MS = 9000;
/** Handled updates are remembered this long: Telegram does not deliver an update again after a day. */
const INBOX_KEEP_MS = 2 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/** A problem the operator must fix; printed as one line, exit code 1. */
class StartupError extends Error {}

async function setUp(config: Config): Promise<{ library: Library; storage: Storage }> {
  const storage = await openStorage(config.database);
  try {
    // The one folder the bot may always write to.
    const lastGood = join(dataDirOf(config.database), "knowledge-last-good");
    return { library: new Library(config.knowledgeDir, { lastGood, log }), storage };
  } catch (error) {
    if (error instanceof KnowledgeError) throw new StartupError(error.message);
    throw error;
  }
}

/** Waits until Telegram answers getMe, saying so once an attempt; a token Telegram refuses stops the start. */
async function reachTelegram(api: Api, apiRoot: string): Promise<UserFromGetMe> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.getMe();
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) throw new StartupError("BOT_TOKEN: Telegram does not accept this token (401 Unauthorized)");
      const wait = Math.min(REACH_MAX_WAIT_S, 2 ** attempt);
      const problem = error instanceof GrammyError ? `${apiRoot} answered ${describeApiError(error)}` : `Cannot reach Telegram at ${apiRoot} (${describeApiError(error)})`;
      log(`${problem}; trying again in ${wait} s`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // Until the bot runs, a stop has nothing to finish (a start that cannot reach Telegram can wait long).
  let stop = async (signal: string): Promise<void> => {
    log(`${signal}: stopping before the start completed`);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  const config = loadConfig();
  const { library, storage } = await setUp(config);
  if (storage.readOnly) {
    log(`DATABASE_URL: ${describeDatabase(config.database)} cannot be written (a read-only disk or folder); answering from a read-only copy: languages and subscriptions are read, no change to them is kept`);
  }
  const i18n = createBotI18n(storage);
  const t = translator(i18n);
  // Without retries of their own: the outbox, polling and the start each retry in their own way.
  const plainApi = () => {
    const api = new Api(config.botToken, { apiRoot: config.apiRoot });
    api.config.use(readableResponses(), requestTimeout(config.requestTimeoutSeconds));
    return api;
  };
  const outboxApi = plainApi();
  // Several processes on one database share one budget through it; a process alone keeps its own, in memory.
  const sendBudget = storage.shared ? new SharedSendBudget(storage, config.broadcastPerSecond) : new SendBudget();
  const claims = new Claims(storage, config.leaseSeconds * 1000, log);
  const outbox = new Outbox(outboxApi, storage, { perSecond: config.broadcastPerSecond, budget: sendBudget, claims, log });
  const publishAndWake = async (options?: PublishOptions) => {
    const result = await publish(library, storage, t, options);
    outbox.wake();
    return result;
  };
  const publications = new PublicationWatcher(storage, publishAndWake, log, () => void library.reload());
  // What this process publishes by itself (an admin's ✅, /publish), the other instances reload after.
  const publishHere = (options?: PublishOptions) => publications.publishHere("an admin in Telegram", () => publishAndWake(options));
  const digests = new WeeklyDigests({ storage, library, t, queued: () => outbox.wake(), log });

  const bot = createBot({
    i18n,
    token: config.botToken,
    apiRoot: config.apiRoot,
    requestTimeoutSeconds: config.requestTimeoutSeconds,
    publish: publishHere,
    library,
    storage,
    adminIds: config.adminIds,
    sendBudget,
  });
  const pollApi = plainApi();
  bot.botInfo = await reachTelegram(pollApi, config.apiRoot);
  // Answering needs getMe and then updates; the command menu is tried beside it, and again later.
  void retryLater("set the command menu", () => setCommands(pollApi, t), { log });

  // Announcing needs a database it can write: nothing is sent that could not be marked as sent.
  if (!storage.readOnly) {
    await claims.start();
    const interrupted = await storage.settleInterrupted(claims.expiredBefore());
    if (interrupted > 0) log(`${interrupted} announcement(s) were being sent when the bot stopped; counted as sent, not sent twice`);
    await ensureBaseline(library.knowledge, storage);
    outbox.start();
    publications.start();
    digests.start();
  }

  watchQueues(storage);
  const inbox = new UpdateInbox(storage, (update, attempt) => handleUpdate(bot, update, attempt), {
    log,
    claims,
    onFlood: async (update) => {
      const { chat, from } = update.message ?? update.edited_message ?? {};
      if (!chat || !from || chat.type !== "private") return;
      const lang = (await storage.getLanguage(from.id).catch(() => null)) ?? languageFromTelegram(from.language_code);
      await bot.api.sendMessage(chat.id, t(lang, "rate-limited"), PLAIN);
    },
  });
  const resumed = await inbox.resume();
  if (resumed > 0) log(`${resumed} update(s) stored before the last stop are handled now`);
  const purge = () => void storage.inboxPurge(Date.now() - INBOX_KEEP_MS).catch((error: unknown) => log(`Could not purge the inbox: ${String(error)}`));
  if (!storage.readOnly) purge();
  const purging = setInterval(purge, PURGE_EVERY_MS).unref();

  let poller: Poller | null = null;
  let server: Server | null = null;
  if (config.webhook) {
    const { url, secret, port } = config.webhook;
    server = webhookServer({ secret, inbox, storage, log });
    await new Promise<void>((resolve) => server?.listen(port, resolve));
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES }).catch((error: unknown) => {
      if (error instanceof GrammyError) throw new StartupError(`WEBHOOK_URL: ${config.apiRoot} refused the webhook (${describeApiError(error)})`);
      throw error;
    });
    log(`@${bot.botInfo.username} is listening for webhooks on port ${port} (${url}) after ${Math.round(performance.now() - started)} ms`);
  } else {
    // A webhook left from an earlier run would keep updates from polling; a failure is logged by the poller too (409).
    await retryLater("delete the webhook", () => pollApi.deleteWebhook(), { log });
    poller = new Poller(pollApi, inbox, { log });
    poller.start();
    if (config.healthPort) {
      server = createServer((request, response) => {
        void serveOps(request, response, storage).then((served) => served || response.writeHead(404).end());
      });
      await new Promise<void>((resolve) => server?.listen(config.healthPort ?? 0, resolve));
      log(`health and metrics on port ${config.healthPort}`);
    }
    log(`@${bot.botInfo.username} is polling ${config.apiRoot} after ${Math.round(performance.now() - started)} ms`);
  }

  const feeds = await startFeedWatcher({
    config,
    storage,
    library,
    review: new Review({ storage, library, publish: publishHere }),
    tell: (draft) => sendDraftToAdmins(bot.api, { t, library, storage, adminIds: config.adminIds }, draft),
    log,
  });

  let stopping = false;
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: taking no more updates, finishing those in progress, then stopping`);
    // Whatever happens below (Telegram or the disk not answering), the process ends in time.
    setTimeout(() => {
      log(`still stopping after ${STOP_DEADLINE_MS / 1000} s; exiting (unfinished updates stay in the inbox)`);
      process.exit(0);
    }, STOP_DEADLINE_MS).unref();
    clearInterval(purging);
    await feeds?.stop();
    await storage.releaseFeedPoller().catch((error: unknown) => log(`Could not give up the feed poller's role: ${String(error)}`));
    await publications.stop();
    await digests.stop();
    await poller?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await inbox.stop(FINISH_UPDATES_MS);
    await outbox.stop();
    if (!storage.readOnly) await claims.stop();
    await storage.close();
    log("stopped");
    process.exit(0);
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DatabaseUnavailable) {
    console.error(error.message);
  } else {
    console.error("The bot could not start:", error);
  }
  process.exit(1);
});
