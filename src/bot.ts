import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, BotError, GrammyError, HttpError, type Transformer } from "grammy";
import type { InlineQueryResult, Update, UserFromGetMe } from "grammy/types";
import { languageFromTelegram, PLAIN, type BotContext, type BotDeps } from "./context.ts";
import { group } from "./handlers/group.ts";
import { feedback } from "./handlers/feedback.ts";
import { help } from "./handlers/help.ts";
import { inline } from "./handlers/inline.ts";
import { language } from "./handlers/language.ts";
import { menus } from "./handlers/menus.ts";
import { question } from "./handlers/question.ts";
import { start } from "./handlers/start.ts";
import { unsupported } from "./handlers/unsupported.ts";
import { publish, type PublishOptions, type PublishResult } from "./broadcast/publisher.ts";
import { admin } from "./handlers/admin.ts";
import { review } from "./handlers/review.ts";
import { subscribe } from "./handlers/subscribe.ts";
import type { I18n } from "@grammyjs/i18n";
import { createI18n, translator } from "./i18n.ts";
import { logger, storageFaults } from "./log.ts";
import { metrics } from "./ops/metrics.ts";
import type { Library } from "./library.ts";
import { isStorageFault, type Storage } from "./storage/storage.ts";
import { SendBudget } from "./telegram/send-budget.ts";
import type { Budget } from "./telegram/shared-send-budget.ts";
import { createThrottle } from "./telegram/throttle.ts";
import { deliveries, deliveryTracker } from "./telegram/deliveries.ts";
import { HandleLater } from "./telegram/inbox.ts";
import { describeApiError, readableResponses } from "./telegram/responses.ts";
import { requestTimeout } from "./telegram/timeout.ts";

export interface BotOptions {
  token: string;
  /** From createBotI18n: the caller uses the same strings for what it sends outside updates. */
  i18n: I18n<BotContext>;
  library: Library;
  storage: Storage;
  adminIds?: readonly number[];
  apiRoot?: string;
  requestTimeoutSeconds?: number;
  /** Known in advance (terminal chat), so that no getMe is needed. */
  botInfo?: UserFromGetMe;
  /** Replaces the network: every Bot API call goes to this transformer instead (terminal chat). */
  transport?: Transformer;
  /** The messages-a-second budget the bot's answers share with the announcements. */
  sendBudget?: Budget;
  /** What /publish and an admin's ✅ do; by default it reloads and queues without waking an outbox. */
  publish?: (options?: PublishOptions) => Promise<PublishResult>;
}

/** Telegram may ask for a pause this long (in seconds) before an answer goes; beyond it the answer is given up. */
const MAX_RETRY_AFTER_SECONDS = 3600;

/**
 * The bot's strings, in the user's saved language, else Telegram's (kk → Kazakh, others → Russian).
 * The language negotiated is also put on the context as ctx.lang, so that the two always agree.
 */
export function createBotI18n(storage: Storage): I18n<BotContext> {
  return createI18n<BotContext>(async (ctx) => {
    if (!ctx.from) return (ctx.lang = "ru");
    // Without the database the user's Telegram language still answers.
    const saved = await storage.getLanguage(ctx.from.id).then(
      (lang) => (storageFaults.ok("reading a user's language"), lang),
      (error: unknown) => (storageFaults.failed("reading a user's language", error), null),
    );
    return (ctx.lang = saved ?? languageFromTelegram(ctx.from.language_code));
  });
}

/** A message's options with HTML parse mode, unless they name one (PLAIN in context.ts names none). */
const asHtml = <T extends object>(options: T): T => ("parse_mode" in options ? options : { ...options, parse_mode: "HTML" });

/** Every message the bot sends or edits, inline answers' included, is HTML unless its call names a parse mode. */
const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  if (method === "sendMessage" || method === "editMessageText") return prev(method, asHtml(payload), signal);
  if (method === "answerInlineQuery") {
    const { results } = payload as { results: readonly InlineQueryResult[] };
    const withHtml = results.map((result) =>
      "input_message_content" in result && result.input_message_content && "message_text" in result.input_message_content
        ? { ...result, input_message_content: asHtml(result.input_message_content) }
        : result,
    );
    return prev(method, { ...payload, results: withHtml }, signal);
  }
  return prev(method, payload, signal);
};

/** The bot with all its handlers. Does no I/O until it is started. */
export function createBot(options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { apiRoot: options.apiRoot ?? "https://api.telegram.org" },
  });
  if (options.transport) {
    bot.api.config.use(options.transport);
  } else {
    bot.api.config.use(readableResponses(), requestTimeout(options.requestTimeoutSeconds ?? 15));
    // Innermost after the timeout: a send takes its slot of the budget only once its chat's own
    // limits let it go.
    bot.api.config.use((options.sendBudget ?? new SendBudget()).transformer());
    bot.api.config.use(createThrottle());
    bot.api.config.use(async (prev, method, payload, signal) => {
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429) metrics.tooManyRequests.inc();
      return result;
    });
    // A long retry_after is waited out: the answer comes late rather than never.
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: MAX_RETRY_AFTER_SECONDS }));
  }
  bot.api.config.use(deliveryTracker(), htmlByDefault);

  const { i18n } = options;
  const t = translator(i18n);
  const deps: BotDeps = {
    library: options.library,
    storage: options.storage,
    i18n,
    t,
    adminIds: options.adminIds ?? [],
    publish: options.publish ?? ((publishOptions) => publish(options.library, options.storage, t, publishOptions)),
  };

  // Negotiates the interface language once per update: ctx.t and ctx.lang.
  bot.use(i18n.middleware());
  // Which callback queries got their answer, so that a failed handler still stops the spinner.
  const answered = new WeakSet<BotContext>();
  bot.on("callback_query", async (ctx, next) => {
    ctx.api.config.use((prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") answered.add(ctx);
      return prev(method, payload, signal);
    });
    // A button on a message sent through inline mode (the bot puts only links there, so an old
    // or foreign one): every button of the bot needs the chat it is in, which such a press lacks.
    if (!ctx.callbackQuery.message) {
      await ctx.answerCallbackQuery({ text: ctx.t("inline-message-buttons", { bot: ctx.me.username }) });
      return;
    }
    await next();
  });
  const subscriptions = subscribe(deps);
  const menu = menus(deps, { mainButtons: subscriptions.mainButtons, figureButtons: subscriptions.figureButtons });
  bot.use(start(deps, menu.menus), help(), group(deps), language(deps), subscriptions.composer(menu.menus), admin(deps), review(deps));
  bot.use(menu.composer, question(deps), feedback(deps), inline(deps), unsupported());
  bot.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("answer-button-outdated") });
  });

  bot.catch(async (error) => {
    const { ctx } = error;
    const cause = error.error;
    // Telegram refusing a call, or not answering, is one line; a bug in our code keeps its stack.
    const storage = isStorageFault(cause);
    if (cause instanceof GrammyError) logger.warn({ update: ctx.update.update_id, method: cause.method, code: cause.error_code }, cause.description);
    else if (cause instanceof HttpError) logger.warn({ update: ctx.update.update_id }, describeApiError(cause));
    else if (storage) storageFaults.failed("saving a user's choice", cause);
    else logger.error({ update: ctx.update.update_id, err: cause }, "update failed");
    const blocked = cause instanceof GrammyError && cause.error_code === 403;
    const apology = storage ? "error-not-saved" : "error-generic";
    if (ctx.callbackQuery && !answered.has(ctx)) {
      await ctx.answerCallbackQuery({ text: ctx.t(apology), show_alert: storage }).catch(() => undefined);
      return;
    }
    if (ctx.chat?.type !== "private" || blocked) return;
    await ctx.reply(ctx.t(apology), PLAIN).catch(() => undefined);
  });
  return bot;
}

/**
 * Handles one update as `bot.start()` would: grammY's handleUpdate throws a handler's error instead
 * of passing it to `bot.catch`, so without this a failed update was logged and the user heard nothing.
 * Returns whether the handlers succeeded. With `retryable`, an update that failed on Telegram's
 * side (429 after auto-retry's attempts, 5xx, no network) before anything reached the user throws
 * HandleLater instead: it is handled again later rather than answered with an apology.
 */
export async function handleUpdate(bot: Bot<BotContext>, update: Update, { retryable = false } = {}): Promise<boolean> {
  const delivery = { delivered: false };
  try {
    await deliveries.run(delivery, () => bot.handleUpdate(update));
    return true;
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    const cause = error.error;
    const transient = (cause instanceof GrammyError && (cause.error_code === 429 || cause.error_code >= 500)) || cause instanceof HttpError;
    if (retryable && transient && !delivery.delivered) throw new HandleLater(describeApiError(cause as Error));
    await bot.errorHandler(error as BotError<BotContext>);
    return false;
  }
}
