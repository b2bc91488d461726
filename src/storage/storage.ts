import type { ArticleDraft } from "../feeds/draft.ts";
import type { Lang } from "../knowledge/types.ts";
import type { SlotRequest, SlotResult } from "../telegram/send-slots.ts";

export type ChatKind = "private" | "group";

/** Everything new, as a subscription's only topic. */
export const EVERYTHING = "all";

/**
 * What a subscribed chat follows — everything (EVERYTHING), subscription topics (`t:<id>` of
 * subscription-topics.yaml) and figures (`f:<id>` of figures.yaml) — and whether it hears of
 * them at once or in a weekly digest.
 */
export interface Subscription {
  topics: string[];
  weekly: boolean;
}

export interface Subscriber extends Subscription {
  chatId: number;
  lang: Lang;
}

/** A published item as the weekly digests see it. */
export interface PublishedItem {
  item: string;
  /** The knowledge base entries it is about (`event:<id>`, `figure:<id>`, `topic:<id>`). */
  about: string[];
  publishedAt: number;
}

/** One announcement to one chat, waiting in the outbox or done. */
export interface OutboxMessage {
  id: number;
  /** The knowledge item announced: `article:<id>` or `event:<id>`. */
  item: string;
  chatId: number;
  text: string;
  attempts: number;
}

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
}

export interface Heartbeat {
  at: number;
  running: boolean;
}

export interface Publication {
  id: number;
  status: "requested" | "running" | "done" | "failed";
  /** What the publish did, or why it failed, for whoever asked. */
  result: string | null;
}

export interface QuestionStats {
  answeredToday: number;
  notFoundToday: number;
  /** The questions asked most often that found nothing, most frequent first. */
  topNotFound: { question: string; count: number }[];
}

/** A user's 👍 (1) or 👎 (-1) for an answer that quoted `passage` (a passage key). */
export interface Feedback {
  userId: number;
  messageId: number;
  passage: string;
  vote: 1 | -1;
  at: number;
}

/** The answers that got 👎 most often, most disliked first. */
export interface DislikedAnswer {
  passage: string;
  down: number;
  up: number;
}

/** An update from Telegram waiting in the inbox to be handled. */
export interface InboxUpdate {
  updateId: number;
  /** The update as Telegram sent it (JSON). */
  payload: string;
}

/**
 * A claim's holder and how long it holds: one bot process (`owner`, unique to the process) until
 * `until` (ms since 1970), unless it renews the lease first. Another process takes over what a
 * claim covers only once its lease has run out: the process that held it is taken for dead.
 */
export interface Lease {
  owner: string;
  until: number;
}

/**
 * A draft's state. `publishing` is the moment between an admin's ✅ and the article being in the
 * knowledge base and announced: one admin holds it, and a crash there is finished at the next start.
 */
export type DraftStatus = "waiting" | "publishing" | "published" | "rejected";

/** Who decided on a draft and when. */
export interface DraftDecision {
  by: number;
  /** The admin's name as Telegram gave it, to tell the other admins. */
  name: string;
  at: number;
}

/** A news item the feed watcher found, made into an article, waiting for an admin's review or decided. */
export interface Draft {
  id: number;
  /** The feeds.yaml id of the source it came from. */
  feed: string;
  /** The article as the page gave it. */
  article: ArticleDraft;
  /** The title it is published under: the page's, or the one an admin gave it. */
  title: string;
  /** The relevance classifier's confidence, 0–1. */
  score: number;
  /** The knowledge base entries it matched (`event:<id>`, `figure:<id>`, `topic:<id>`, `article:<id>`). */
  about: string[];
  status: DraftStatus;
  foundAt: number;
  decision: DraftDecision | null;
  /** The id it has (or gets, while publishing) in the knowledge base. */
  articleId: string | null;
}

export type NewDraft = Pick<Draft, "feed" | "article" | "score" | "about">;

/**
 * What the bot keeps between restarts. Asynchronous so that a server database (PostgreSQL) can
 * implement it as well as the embedded SQLite file.
 */
export interface Storage {
  /**
   * Opened read-only (the disk or the folder does not let the bot write): what is stored can be
   * read, every change fails.
   */
  readonly readOnly: boolean;
  /**
   * Several bot processes may use the database at once (PostgreSQL): inbox updates and outbox
   * messages are claimed by one process at a time, under a lease. When false (an SQLite file, one
   * process at a time), whatever an earlier process claimed is abandoned by the time another starts.
   */
  readonly shared: boolean;

  /** The interface language the user chose with /language, if any. */
  getLanguage(userId: number): Promise<Lang | null>;
  setLanguage(userId: number, lang: Lang): Promise<void>;

  /** A chat not subscribed follows everything, at once; a subscribed one keeps what it follows (its language changes). */
  subscribe(chatId: number, kind: ChatKind, lang: Lang): Promise<void>;
  /** Subscribes the chat to exactly `subscription` (at least one topic). */
  setSubscription(chatId: number, kind: ChatKind, lang: Lang, subscription: Subscription): Promise<void>;
  /** Also drops the announcements still waiting to go to the chat; what it followed is forgotten. */
  unsubscribe(chatId: number): Promise<void>;
  isSubscribed(chatId: number): Promise<boolean>;
  /** What a subscribed chat follows, or null when it is not subscribed. */
  subscription(chatId: number): Promise<Subscription | null>;
  subscribers(): Promise<Subscriber[]>;
  subscriberCounts(): Promise<Record<Lang, number>>;
  /** A group became a supergroup: its subscription and pending messages follow the new id. */
  moveChat(oldChatId: number, newChatId: number): Promise<void>;

  /** The knowledge items already announced (or there before announcements began). */
  publishedItems(): Promise<Set<string>>;
  /**
   * Marks `items` published and queues each message of `messages` once (a second queueing of
   * the same item for the same chat is ignored), in one transaction. `about` says what each item
   * is about, for the weekly digests: an item without it (the baseline) is in none.
   */
  publish(items: string[], messages: { item: string; chatId: number; text: string }[], about?: Map<string, string[]>): Promise<void>;
  /** The items published (with what they are about) from `since` until before `until`, oldest first. */
  publishedBetween(since: number, until: number): Promise<PublishedItem[]>;
  /**
   * Queues the digests of `week` unless they have been queued already (by this or another
   * process): true for the one call that does. The week counts as done even with no messages.
   */
  queueDigests(week: string, messages: { item: string; chatId: number; text: string }[]): Promise<boolean>;

  /**
   * The oldest message due now that no other process holds (a claim whose lease has not run out),
   * or null. With `lease`, the message is claimed: other processes skip it until the lease ends or
   * the claim is released (retryLater, releaseClaims); the holder gets it again.
   */
  nextOutbox(now: number, lease?: Lease): Promise<OutboxMessage | null>;
  /**
   * Records that a message is being sent, before it goes to Telegram; its claim stays. False when
   * it is no longer waiting (its chat unsubscribed meanwhile, or another process started it): then
   * it must not be sent.
   */
  startSending(id: number): Promise<boolean>;
  markSent(id: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** Puts the message back in the queue, due at `at`, for any process to take. */
  retryLater(id: number, at: number, error: string): Promise<void>;
  /**
   * Messages whose sender died while sending them (their lease ended before `expiredBefore`) may
   * or may not have reached Telegram: they are counted as sent, never sent twice. Those a live
   * process is sending are left alone. Returns how many there were.
   */
  settleInterrupted(expiredBefore: number): Promise<number>;
  outboxCounts(): Promise<OutboxCounts>;

  /** Asks the running bot to reload the knowledge base and announce what is new. */
  requestPublication(requestedBy: string): Promise<number>;
  /** A publication a bot process carried out by itself (an admin's ✅, /publish), recorded as done so that the other processes reload after it. */
  recordPublication(requestedBy: string, result: string): Promise<number>;
  /** The oldest requested publication, now marked running, or null. */
  takePublication(): Promise<Publication | null>;
  finishPublication(id: number, status: "done" | "failed", result: string): Promise<void>;
  publication(id: number): Promise<Publication | null>;
  /** The id of the latest publication carried out (done), by any process; 0 when none has been. */
  latestPublished(): Promise<number>;
  /** A running bot says so every few seconds, and that it stopped when it stops: `npm run publish` tells from it whether one will take its request. */
  beat(at: number, running: boolean): Promise<void>;
  /** The last thing a bot said of itself on this storage, or null if none ever has. */
  lastBeat(): Promise<Heartbeat | null>;

  logQuestion(question: string, lang: Lang, found: boolean, at: number): Promise<void>;
  questionStats(now: number): Promise<QuestionStats>;

  /** One vote per user and answer message: a second one replaces the first. */
  recordFeedback(feedback: Feedback): Promise<void>;
  /** The passages quoted by answers that got 👎 in the last 30 days, most disliked first. */
  dislikedAnswers(now: number): Promise<DislikedAnswer[]>;

  /**
   * Stores updates, unclaimed, before they are confirmed to Telegram; `chat` (default: the update
   * alone) groups the updates that must be handled in order. Returns the ones that were new: an
   * update_id already stored (Telegram delivered it again, to this process or another) is left alone.
   */
  inboxAdd(updates: (InboxUpdate & { chat?: string })[], now: number): Promise<InboxUpdate[]>;
  /**
   * Claims for `lease` every update not yet handled of the chats no other process holds (none of
   * their unhandled updates claimed by another owner under a lease ending at or after
   * `expiredBefore`), at most `chats` chats, oldest first; returns those it claimed now, oldest
   * first, not those the owner already held. A chat is handled by one process at a time, in order.
   */
  inboxClaim(lease: Lease, expiredBefore: number, chats: number): Promise<InboxUpdate[]>;
  /** The updates not yet handled, oldest first, whoever holds them. */
  inboxPending(limit: number): Promise<InboxUpdate[]>;
  /** The update has been handled (its reply sent, or its failure logged). */
  inboxDone(updateId: number, now: number): Promise<void>;
  /** Forgets handled updates older than `before`: Telegram never delivers an update again after a day. */
  inboxPurge(before: number): Promise<void>;
  inboxCounts(): Promise<{ pending: number; done: number }>;

  /** Extends the lease of every claim `lease.owner` holds on unhandled updates and unsent messages. */
  renewClaims(lease: Lease): Promise<void>;
  /**
   * Gives back the claims `owner` holds (every owner's when null) on unhandled updates and on
   * messages not yet being sent, for any process to take at once. Messages being sent stay claimed.
   */
  releaseClaims(owner: string | null): Promise<void>;

  /**
   * One send budget for every process on the database: when Telegram's limits allow a send now
   * (send-slots.ts, over every process's recent sends, by the database's clock), records it and
   * returns its slot; otherwise records nothing and returns how many ms to wait before asking again.
   * With `outboxId`, the slot also starts sending that message (as startSending, in the same
   * transaction, so that no time passes between the two); `gone` when it is no longer waiting:
   * then nothing is recorded and it must not be sent.
   */
  takeSendSlot(request: SlotRequest): Promise<SlotResult>;
  /** The send in `slot` got its answer (or failed): it counts for the limits' windows from now. */
  sendAnswered(slot: number): Promise<void>;

  /** The feed watcher's memory of what it has handled (SeenStore). */
  hasSeen(key: string): Promise<boolean>;
  addSeen(key: string, now: number): Promise<void>;

  /**
   * Stores a new draft, waiting for review; null when a draft of the same address exists already,
   * whatever its state (a rejected address never comes back).
   */
  addDraft(draft: NewDraft, now: number): Promise<Draft | null>;
  draft(id: number): Promise<Draft | null>;
  /** The drafts in `status`, oldest first. */
  drafts(status: DraftStatus, limit: number): Promise<Draft[]>;
  /** How many drafts are in `status`. */
  draftCount(status: DraftStatus): Promise<number>;
  /** Drafts waiting whose admins have not been told yet, oldest first. */
  untoldDrafts(): Promise<Draft[]>;
  /** Marks the admins told of a draft: true for the one caller that does, so that it goes to them once. */
  claimDraftNotice(id: number, now: number): Promise<boolean>;
  /**
   * Moves a draft from `from` to `to` if it is still in `from` (false otherwise: someone else
   * moved it first), recording `decision` (null clears it) and, when given, its article id.
   */
  moveDraft(id: number, from: DraftStatus, to: DraftStatus, decision: DraftDecision | null, articleId?: string): Promise<boolean>;
  /** Gives a waiting draft another title; false when it is no longer waiting. */
  retitleDraft(id: number, title: string): Promise<boolean>;

  /** An admin's next message is the new title of `draftId`, until `until` (one edit per admin). */
  beginTitleEdit(adminId: number, draftId: number, until: number): Promise<void>;
  /** The draft whose title the admin is editing, or null when none (or the time ran out). */
  titleEdit(adminId: number, now: number): Promise<number | null>;
  /** Ends the admin's edit; false when there was none going on. */
  endTitleEdit(adminId: number, now: number): Promise<boolean>;

  /**
   * Whether this process is the one that polls the feeds: takes the role when no other process
   * holds it and keeps it until releaseFeedPoller, close, or the end of the process.
   */
  holdFeedPoller(): Promise<boolean>;
  releaseFeedPoller(): Promise<void>;

  close(): Promise<void>;
}

/** A row of the `drafts` table, as either database returns it. */
export function draftFromRow(row: Record<string, unknown>): Draft {
  return {
    id: Number(row.id),
    feed: String(row.feed),
    article: JSON.parse(String(row.article)) as ArticleDraft,
    title: String(row.title),
    score: Number(row.score),
    about: JSON.parse(String(row.about)) as string[],
    status: String(row.status) as DraftStatus,
    foundAt: Number(row.found_at),
    decision: row.decided_by === null ? null : { by: Number(row.decided_by), name: String(row.decided_name ?? ""), at: Number(row.decided_at) },
    articleId: row.article_id === null ? null : String(row.article_id),
  };
}

/** The database DATABASE_URL names could not be opened; the message says so in one line. */
export class DatabaseUnavailable extends Error {
  override name = "DatabaseUnavailable";
}

/** The network's and the PostgreSQL driver's codes for a server that cannot be reached or went away. */
const CONNECTION_FAULTS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);
/**
 * PostgreSQL's SQLSTATEs for the server rather than the query: connection exceptions (08),
 * insufficient resources such as a full disk (53), shutting down (57P), system errors (58), and
 * a read-only transaction (25006, a standby).
 */
const SERVER_FAULT = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P[0-9A-Z]{2}|58[0-9A-Z]{3}|25006)$/;

/** The database did not answer in time: the query may still run, later. */
export class NoAnswerInTime extends Error {}

/** The database's answer, or a NoAnswerInTime when it has not come within `ms` (a lost server can hold a query while its driver reconnects). */
export function answerWithin<T>(query: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerInTime(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([query, timeout]).finally(() => clearTimeout(timer));
}

/** A fault of the database itself (full, read-only, locked, its file gone, its server unreachable), not a bug in the bot. */
export function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_") || CONNECTION_FAULTS.has(code) || SERVER_FAULT.test(code));
}
