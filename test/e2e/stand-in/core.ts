// The stand-in's state shared by the method handlers and the test-facing API.
import type { BotCommand, InlineKeyboardMarkup, Message, MessageEntity, UserFromGetMe } from "grammy/types";
import { ApiError, TelegramErrors } from "./errors.ts";
import type { Params } from "./http.ts";
import { type RateLimits, RateLimiter } from "./limits.ts";
import { optString } from "./params.ts";
import { formatText, type FormattedText } from "./text.ts";
import { UpdateQueue } from "./updates.ts";
import { type ChatRecord, chatStateError, isGroupLike, World } from "./world.ts";

export interface BotApiOptions {
  /** default "123456789:TEST-stand-in-token"; the bot id is the part before ':' */
  token?: string;
  /** default "zhusan_test_bot" */
  botUsername?: string;
  botFirstName?: string;
  canJoinGroups?: boolean;
  canReadAllGroupMessages?: boolean;
  supportsInlineQueries?: boolean;
  /** how long a callback query stays answerable; default 15 000 */
  callbackQueryTimeoutMs?: number;
  /** how long an inline query stays answerable; default 15 000 */
  inlineQueryTimeoutMs?: number;
  /**
   * Reject a few things Telegram tolerates but that are bot bugs (default true): unescaped `&`,
   * `<a>` without a valid href, inline buttons with several actions.
   */
  strict?: boolean;
  rateLimits?: RateLimits & {
    /** count editMessageText/editMessageReplyMarkup as sends too (default false) */
    includeEdits?: boolean;
  };
  /** update_id of the first queued update; default 500 000 001 */
  firstUpdateId?: number;
}

export type ResolvedOptions = Required<Omit<BotApiOptions, "rateLimits">> & {
  rateLimits: NonNullable<BotApiOptions["rateLimits"]>;
};

export interface IssuedQuery {
  id: string;
  /** ms since the epoch */
  issuedAt: number;
  answeredAt?: number;
}

export interface CallbackAnswer {
  queryId: string;
  text?: string;
  showAlert?: boolean;
  url?: string;
  cacheTime?: number;
  /** ms since the epoch */
  time: number;
  /** ms between the button press and the answer */
  latencyMs: number;
}

export interface InlineAnswer {
  queryId: string;
  results: unknown[];
  nextOffset?: string;
  cacheTime?: number;
  isPersonal?: boolean;
  button?: Record<string, unknown>;
  time: number;
  latencyMs: number;
}

/** A message the bot sent, as the stand-in stores it now (after edits). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  method: string;
  text?: string;
  caption?: string;
  entities: MessageEntity[];
  replyMarkup?: InlineKeyboardMarkup;
  threadId?: number;
  replyTo?: number;
  /** ms since the epoch */
  sentAt: number;
  edits: number;
  message: Message;
}

export interface WebhookState {
  url: string;
  params: Params;
}

/** An ok answer that also carries Telegram's `description` (setWebhook does that). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export class Core {
  readonly world: World;
  readonly updates: UpdateQueue;
  readonly limiter: RateLimiter;
  readonly callbackQueries = new Map<string, IssuedQuery>();
  readonly inlineQueries = new Map<string, IssuedQuery>();
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly inlineAnswers: InlineAnswer[] = [];
  /** commands per `${scope}|${language_code}` */
  readonly commands = new Map<string, BotCommand[]>();
  /** descriptions per `${kind}|${language_code}`, kind being "description" or "short_description" */
  readonly descriptions = new Map<string, string>();
  webhook: WebhookState | undefined;

  constructor(readonly options: ResolvedOptions) {
    const botId = Number(options.token.split(":")[0]);
    const bot: UserFromGetMe = {
      id: Number.isSafeInteger(botId) && botId > 0 ? botId : 123456789,
      is_bot: true,
      first_name: options.botFirstName,
      username: options.botUsername,
      can_join_groups: options.canJoinGroups,
      can_read_all_group_messages: options.canReadAllGroupMessages,
      supports_inline_queries: options.supportsInlineQueries,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.world = new World(bot);
    this.updates = new UpdateQueue(options.firstUpdateId);
    this.limiter = new RateLimiter(options.rateLimits);
  }

  get bot(): UserFromGetMe {
    return this.world.bot;
  }

  /** The chat named by `chat_id`, failing as Telegram does for blocked, kicked, migrated… chats. */
  chat(params: Params, key = "chat_id"): ChatRecord {
    const chatId = optString(params, key);
    if (chatId === undefined || chatId === "") throw new ApiError(400, TelegramErrors.chatIdEmpty);
    const record = this.world.chat(chatId);
    const error = chatStateError(record);
    if (error !== undefined) throw error;
    return record;
  }

  format(params: Params, textKey: "text" | "caption"): FormattedText {
    const entitiesKey = textKey === "text" ? "entities" : "caption_entities";
    return formatText(optString(params, textKey) ?? "", optString(params, "parse_mode"), params[entitiesKey], {
      strictHtml: this.options.strict,
    });
  }

  /** Throws 429 when a configured rate limit would be exceeded by this send. */
  checkRate(method: string, record: ChatRecord, now: number): void {
    const violation = this.limiter.check(method, record.chat.id, isGroupLike(record.chat), now);
    if (violation === undefined) return;
    throw new ApiError(429, TelegramErrors.tooManyRequests(violation.retryAfter), "rate-limit", {
      retry_after: violation.retryAfter,
    });
  }

  recordSend(method: string, record: ChatRecord, now: number): void {
    this.limiter.record(method, record.chat.id, now);
  }
}

/** One call of a Bot API method, as handlers see it. */
export interface Call {
  method: string;
  params: Params;
  /** ms since the epoch, when the request arrived */
  now: number;
  /** aborted when the client goes away */
  signal: AbortSignal;
}

export type Handler = (core: Core, call: Call) => unknown;
