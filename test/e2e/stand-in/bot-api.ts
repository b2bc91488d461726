// A local stand-in for the Telegram Bot API, for end-to-end tests of the bot.
//
//   const api = await startBotApi();
//   // start the bot with TELEGRAM_API_ROOT=api.url, then drive it:
//   api.userSends(undefined, "/start");
//   const reply = await api.waitFor("sendMessage");
//   expect(api.rejected).toEqual([]);
//   await api.close();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, BotCommandScope, Chat, ChatMember, Message, Update, User, UserFromGetMe } from "grammy/types";
import {
  type BotApiOptions,
  type CallbackAnswer,
  Core,
  Described,
  type InlineAnswer,
  type ResolvedOptions,
  type SentMessage,
} from "./core.ts";
import { Driver, type ChatRef, type UserMessageOptions } from "./drive.ts";
import { ApiError, TelegramErrors } from "./errors.ts";
import { HANDLERS } from "./handlers.ts";
import { type Params, readParams, writeJson } from "./http.ts";
import type { RateLimitViolation, SendRecord } from "./limits.ts";
import { canonicalMethod } from "./method-names.ts";
import { type ApiResponse, Recorder, type RecordedRequest, type RequestPredicate, type WaitOptions } from "./recorder.ts";
import type { UpdateInit } from "./updates.ts";
import {
  botAsUser,
  type ChatRecord,
  type GroupInit,
  type MemberStatus,
  type StoredMessage,
  type UserInit,
} from "./world.ts";

export type { BotApiOptions, CallbackAnswer, InlineAnswer, SentMessage } from "./core.ts";
export type { ChatRef, UserMessageOptions } from "./drive.ts";
export { TelegramErrors } from "./errors.ts";
export { maxInWindow, type RateLimits, type RateLimitViolation, type SendRecord } from "./limits.ts";
export type { ApiResponse, RecordedRequest, RequestPredicate, WaitOptions } from "./recorder.ts";
export { DEFAULT_USER, type GroupInit, type MemberStatus, type UserInit } from "./world.ts";

export type Failure =
  | { status: 500 | 502; description?: string }
  | { retryAfter: number }
  /** answer only after this delay (the request is carried out at once) */
  | { delayMs: number }
  | { dropConnection: true };

interface FailureRule {
  method: string;
  remaining: number;
  failure: Failure;
}

interface Answer {
  status: number;
  body: ApiResponse;
  errorKind?: RecordedRequest["errorKind"];
}

const DEFAULTS: ResolvedOptions = {
  token: "123456789:TEST-stand-in-token",
  botUsername: "zhusan_test_bot",
  botFirstName: "Zhusan Test Bot",
  canJoinGroups: true,
  canReadAllGroupMessages: false,
  supportsInlineQueries: true,
  callbackQueryTimeoutMs: 15_000,
  inlineQueryTimeoutMs: 15_000,
  strict: true,
  rateLimits: {},
  firstUpdateId: 500_000_001,
};

export async function startBotApi(options: BotApiOptions = {}): Promise<BotApi> {
  const api = new BotApi({ ...DEFAULTS, ...options, rateLimits: options.rateLimits ?? {} });
  await api.listen();
  return api;
}

export class BotApi {
  /** The API root to give the bot as TELEGRAM_API_ROOT (no trailing slash). */
  url = "";
  readonly token: string;
  private readonly core: Core;
  private readonly driver: Driver;
  private readonly recorder = new Recorder();
  private readonly failures: FailureRule[] = [];
  /** requests not answered yet, cut short by close() */
  private readonly inFlight = new Set<AbortController>();
  private readonly server: Server;

  constructor(options: ResolvedOptions) {
    this.token = options.token;
    this.core = new Core(options);
    this.driver = new Driver(this.core);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeJson(res, 500, { ok: false, error_code: 500, description: String(error) });
      });
    });
  }

  /** @internal use startBotApi() */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const controller of this.inFlight) controller.abort();
    this.core.updates.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ─── observing ────────────────────────────────────────────────────────────

  /** Every call the bot made, in arrival order, with the answer it got. */
  get requests(): readonly RecordedRequest[] {
    return this.recorder.requests;
  }

  /** Calls answered with an error because the call itself was wrong; tests expect none. */
  get rejected(): RecordedRequest[] {
    return this.recorder.rejected;
  }

  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.core.callbackAnswers;
  }

  get inlineAnswers(): readonly InlineAnswer[] {
    return this.core.inlineAnswers;
  }

  /** Every successful send (and edit, with rateLimits.includeEdits), timestamped. */
  get sends(): readonly SendRecord[] {
    return this.core.limiter.sends;
  }

  get rateLimitViolations(): readonly RateLimitViolation[] {
    return this.core.limiter.violations;
  }

  /** Every update queued so far. */
  get updates(): readonly Update[] {
    return this.core.updates.history;
  }

  /** Updates the bot has not confirmed yet. */
  get pendingUpdates(): readonly Update[] {
    return this.core.updates.unconfirmed;
  }

  get bot(): UserFromGetMe {
    return this.core.bot;
  }

  get webhook(): { url: string; params: Params } | undefined {
    return this.core.webhook;
  }

  /** The bot's messages as they are now (edited, minus deleted ones), oldest first. */
  sent(chatId?: number): SentMessage[] {
    const chats = chatId === undefined ? [...this.core.world.chats.values()] : [this.core.world.chats.get(chatId)];
    return chats
      .flatMap((record) => (record === undefined ? [] : [...record.messages.values()].map((m) => [record, m] as const)))
      .filter(([, stored]) => stored.fromBot)
      .map(([record, stored]) => toSentMessage(record, stored))
      .sort((a, b) => a.sentAt - b.sentAt || a.chatId - b.chatId || a.messageId - b.messageId);
  }

  /** Any stored message, the users' included. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.core.world.chats.get(chatId)?.messages.get(messageId)?.message;
  }

  /** The first recorded request (past or future) that matches; rejects with recent requests on timeout. */
  waitFor(match: string | RequestPredicate, options?: WaitOptions): Promise<RecordedRequest> {
    return this.recorder.waitFor(match, options);
  }

  /** The seq of the latest request, for `waitFor(…, { since })`. */
  mark(): number {
    return this.recorder.requests.length;
  }

  /** Human-readable list of the latest requests, for assertion messages. */
  describeRecent(count?: number): string {
    return this.recorder.describeRecent(count);
  }

  /** The commands set for a scope and language (default scope, no language by default). */
  commands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    const values = Object.entries(scope)
      .filter(([key]) => key !== "type")
      .map(([, value]) => String(value));
    return this.core.commands.get(`${[scope.type, ...values].join(":")}|${languageCode}`) ?? [];
  }

  description(languageCode = ""): string | undefined {
    return this.core.descriptions.get(`description|${languageCode}`);
  }

  shortDescription(languageCode = ""): string | undefined {
    return this.core.descriptions.get(`short_description|${languageCode}`);
  }

  // ─── the world ────────────────────────────────────────────────────────────

  /** A new user (fresh id unless given); pass the result, or `{ id }`, to the driving helpers. */
  user(init: UserInit = {}): User {
    return this.core.world.createUser(init);
  }

  /** A group ("group" by default), supergroup or channel; returns the Chat. */
  group(init: GroupInit = {}): Chat {
    return this.core.world.group(init).chat;
  }

  /** What getChatMember answers for this user (default "member"); admins show in getChatAdministrators. */
  setMember(chatId: number, user: number | UserInit, status: MemberStatus, extra: Partial<ChatMember> = {}): void {
    const id = typeof user === "number" ? user : user.id;
    const resolved =
      id === this.bot.id
        ? botAsUser(this.bot)
        : this.core.world.resolveUser(typeof user === "number" ? { id: user } : user);
    this.core.world.setMember(this.core.world.chat(chatId), resolved, status, extra);
  }

  /** The user blocked the bot: 403 "bot was blocked by the user" from now on. */
  block(chatId: number, options: { notify?: boolean } = {}): void {
    this.setState(chatId, { kind: "blocked" }, options.notify);
  }

  /** The bot was removed from the group: 403 "bot was kicked from the … chat" from now on. */
  kick(chatId: number, options: { notify?: boolean } = {}): void {
    this.setState(chatId, { kind: "kicked" }, options.notify);
  }

  /** The group became a supergroup: 400 with parameters.migrate_to_chat_id from now on. */
  migrate(chatId: number, newChatId: number): Chat {
    const old = this.core.world.chat(chatId);
    old.state = { kind: "migrated", to: newChatId };
    return this.core.world.group({ id: newChatId, type: "supergroup", title: old.chat.title ?? "Migrated group" }).chat;
  }

  /** The chat does not exist (for the bot): 400 "chat not found". */
  missing(chatId: number): void {
    this.core.world.chat(chatId).state = { kind: "missing" };
  }

  /** Undoes block/kick/migrate/missing/leaveChat. */
  restore(chatId: number): void {
    this.core.world.chat(chatId).state = undefined;
  }

  // ─── fault injection ──────────────────────────────────────────────────────

  /**
   * The next `count` calls of `method` fail this way ("*": any method but getUpdates). Several
   * rules for the same method apply in the order they were added.
   */
  failNext(method: string, count: number, failure: Failure): void {
    const canonical = method === "*" ? method : canonicalMethod(method);
    if (canonical === undefined) throw new Error(`failNext: "${method}" is not a Bot API method`);
    this.failures.push({ method: canonical, remaining: count, failure });
  }

  /** Forgets every failure still waiting to happen. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  // ─── driving the bot ──────────────────────────────────────────────────────

  /** Queues a raw update; update_id is assigned. */
  sendUpdate(update: UpdateInit): Update {
    return this.driver.update(update);
  }

  /** A text message; /commands, @mentions, #hashtags and URLs get their entities. */
  userSends(user: UserInit | undefined, text: string, options?: UserMessageOptions): Message {
    return this.driver.userSends(user, text, options);
  }

  userSendsSticker(user?: UserInit, options?: UserMessageOptions & { emoji?: string }): Message {
    return this.driver.userSendsSticker(user, options);
  }

  userSendsDice(user?: UserInit, options?: UserMessageOptions & { emoji?: string }): Message {
    return this.driver.userSendsDice(user, options);
  }

  userSendsPhoto(user?: UserInit, options?: UserMessageOptions & { caption?: string }): Message {
    return this.driver.userSendsPhoto(user, options);
  }

  userEdits(user: UserInit | undefined, messageId: number, text: string, options?: { chat?: ChatRef }): Message {
    return this.driver.userEdits(user, messageId, text, options);
  }

  channelPost(channel: ChatRef, text: string): Message {
    return this.driver.channelPost(channel, text);
  }

  botAddedToGroup(user?: UserInit, group?: ChatRef): Chat {
    return this.driver.botAddedToGroup(user, group);
  }

  /** Presses a callback button of the bot's message; returns the callback query id. */
  pressButton(user: UserInit | undefined, chatId: number, messageId: number, callbackDataOrText: string): string {
    return this.driver.pressButton(user, chatId, messageId, callbackDataOrText);
  }

  /** A press with any callback data on a message (an old button, or made-up data); returns the query id. */
  pressData(user: UserInit | undefined, chatId: number, messageId: number, data: string): string {
    return this.driver.pressData(user, chatId, messageId, data);
  }

  /** A press of a callback button on a message sent through inline mode (no chat); returns the query id. */
  pressInlineMessage(user: UserInit | undefined, inlineMessageId: string, data: string): string {
    return this.driver.pressInlineMessage(user, inlineMessageId, data);
  }

  /** Returns the inline query id. */
  inlineQuery(user: UserInit | undefined, query: string, options?: { offset?: string; chatType?: "sender" | Chat["type"] }): string {
    return this.driver.inlineQuery(user, query, options);
  }

  // ─── HTTP ─────────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const url = new URL(req.url ?? "/", this.url);
    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    if (route === null) {
      req.resume();
      writeJson(res, 404, { ok: false, error_code: 404, description: TelegramErrors.notFound });
      return;
    }
    const [, token = "", name = ""] = route;
    const method = canonicalMethod(name);
    const controller = new AbortController();
    this.inFlight.add(controller);
    res.on("close", () => {
      this.inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
    });

    let params: Params = {};
    let parseError: ApiError | undefined;
    try {
      params = await readParams(req, url);
    } catch (error) {
      parseError = error instanceof ApiError ? error : new ApiError(400, `Bad Request: ${String(error)}`);
    }
    const request = this.recorder.start(method ?? name, params, now);

    let answer: Answer;
    let failure: Failure | undefined;
    if (token !== this.token) answer = errorAnswer(new ApiError(401, TelegramErrors.unauthorized));
    else if (method === undefined) answer = errorAnswer(new ApiError(404, TelegramErrors.notFound));
    else if (parseError !== undefined) answer = errorAnswer(parseError);
    else {
      failure = this.takeFailure(method);
      if (failure !== undefined && "dropConnection" in failure) {
        this.recorder.settle(request, { outcome: "dropped", answeredAt: Date.now() });
        req.socket.destroy();
        return;
      }
      const injected = failure === undefined ? undefined : injectedError(failure);
      answer = injected !== undefined ? errorAnswer(injected) : await this.run(method, params, now, controller.signal);
    }
    if (failure !== undefined && "delayMs" in failure) await sleep(failure.delayMs, controller.signal);

    const gone = controller.signal.aborted || res.destroyed;
    this.recorder.settle(request, {
      outcome: gone ? "aborted" : "answered",
      status: answer.status,
      response: answer.body,
      answeredAt: Date.now(),
      ...(answer.errorKind !== undefined ? { errorKind: answer.errorKind } : {}),
    });
    if (!gone) writeJson(res, answer.status, answer.body);
  }

  private async run(method: string, params: Params, now: number, signal: AbortSignal): Promise<Answer> {
    const handler = HANDLERS[method];
    try {
      const result = handler === undefined ? true : await handler(this.core, { method, params, now, signal });
      const body: ApiResponse =
        result instanceof Described
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result };
      return { status: 200, body };
    } catch (error) {
      if (error instanceof ApiError) return errorAnswer(error);
      const description = `Internal Server Error: stand-in failure in ${method}: ${error instanceof Error ? error.stack : String(error)}`;
      return { status: 500, body: { ok: false, error_code: 500, description }, errorKind: "internal" };
    }
  }

  private takeFailure(method: string): Failure | undefined {
    const index = this.failures.findIndex(
      (rule) => rule.method === method || (rule.method === "*" && method !== "getUpdates"),
    );
    const rule = this.failures[index];
    if (rule === undefined) return undefined;
    if (--rule.remaining <= 0) this.failures.splice(index, 1);
    return rule.failure;
  }

  private setState(chatId: number, state: NonNullable<ChatRecord["state"]>, notify = false): void {
    const record = this.core.world.chat(chatId);
    record.state = state;
    if (!notify) return;
    const bot = botAsUser(this.bot);
    const by = record.chat.type === "private" ? this.core.world.resolveUser({ id: record.chat.id }) : this.core.world.resolveUser();
    this.driver.update({
      my_chat_member: {
        chat: record.chat,
        from: by,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: this.core.world.member(record, bot.id),
        new_chat_member: { status: "kicked", user: bot, until_date: 0 },
      },
    });
  }
}

function errorAnswer(error: ApiError): Answer {
  return {
    status: error.code,
    body: {
      ok: false,
      error_code: error.code,
      description: error.description,
      ...(error.parameters !== undefined ? { parameters: error.parameters } : {}),
    },
    errorKind: error.kind,
  };
}

/** The error a failure injects in place of the answer, if it is one (delays and drops are not). */
function injectedError(failure: Failure): ApiError | undefined {
  if ("status" in failure) {
    const description = failure.description ?? (failure.status === 502 ? "Bad Gateway" : "Internal Server Error");
    return new ApiError(failure.status, description, "injected");
  }
  if ("retryAfter" in failure) {
    const seconds = failure.retryAfter;
    return new ApiError(429, TelegramErrors.tooManyRequests(seconds), "injected", { retry_after: seconds });
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function toSentMessage(record: ChatRecord, stored: StoredMessage): SentMessage {
  const m = stored.message;
  return {
    chatId: record.chat.id,
    messageId: m.message_id,
    method: stored.method ?? "sendMessage",
    text: m.text,
    caption: m.caption,
    entities: m.entities ?? m.caption_entities ?? [],
    replyMarkup: m.reply_markup,
    threadId: m.message_thread_id,
    replyTo: m.reply_to_message?.message_id,
    sentAt: stored.sentAt,
    edits: stored.edits,
    message: m,
  };
}
