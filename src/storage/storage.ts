import type { Lang } from "../knowledge/types.ts";

export type ChatKind = "private" | "group";

export interface Subscriber {
  chatId: number;
  lang: Lang;
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
 * What the bot keeps between restarts. Asynchronous so that a server database (PostgreSQL) can
 * implement it as well as the embedded SQLite file.
 */
export interface Storage {
  /**
   * Opened read-only (the disk or the folder does not let the bot write): what is stored can be
   * read, every change fails.
   */
  readonly readOnly: boolean;

  /** The interface language the user chose with /language, if any. */
  getLanguage(userId: number): Promise<Lang | null>;
  setLanguage(userId: number, lang: Lang): Promise<void>;

  subscribe(chatId: number, kind: ChatKind, lang: Lang): Promise<void>;
  /** Also drops the announcements still waiting to go to the chat. */
  unsubscribe(chatId: number): Promise<void>;
  isSubscribed(chatId: number): Promise<boolean>;
  subscribers(): Promise<Subscriber[]>;
  subscriberCounts(): Promise<Record<Lang, number>>;
  /** A group became a supergroup: its subscription and pending messages follow the new id. */
  moveChat(oldChatId: number, newChatId: number): Promise<void>;

  /** The knowledge items already announced (or there before announcements began). */
  publishedItems(): Promise<Set<string>>;
  /**
   * Marks `items` published and queues each message of `messages` once (a second queueing of
   * the same item for the same chat is ignored), in one transaction.
   */
  publish(items: string[], messages: { item: string; chatId: number; text: string }[]): Promise<void>;

  /** The oldest message due now, or null. */
  nextOutbox(now: number): Promise<OutboxMessage | null>;
  /**
   * Records that a message is being sent, before it goes to Telegram. False when it is no longer
   * waiting (its chat unsubscribed meanwhile): then it must not be sent.
   */
  startSending(id: number): Promise<boolean>;
  markSent(id: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  retryLater(id: number, at: number, error: string): Promise<void>;
  /**
   * After a crash: messages that were being sent may or may not have reached Telegram. They are
   * counted as sent, never sent twice. Returns how many there were.
   */
  settleInterrupted(): Promise<number>;
  outboxCounts(): Promise<OutboxCounts>;

  /** Asks the running bot to reload the knowledge base and announce what is new. */
  requestPublication(requestedBy: string): Promise<number>;
  /** The oldest requested publication, now marked running, or null. */
  takePublication(): Promise<Publication | null>;
  finishPublication(id: number, status: "done" | "failed", result: string): Promise<void>;
  publication(id: number): Promise<Publication | null>;
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
   * Stores updates before they are confirmed to Telegram. Returns the ones that were new: an
   * update_id already stored (Telegram delivered it again) is left alone.
   */
  inboxAdd(updates: InboxUpdate[], now: number): Promise<InboxUpdate[]>;
  /** The updates not yet handled, oldest first: after a restart, also those that were in progress. */
  inboxPending(limit: number): Promise<InboxUpdate[]>;
  /** The update has been handled (its reply sent, or its failure logged). */
  inboxDone(updateId: number, now: number): Promise<void>;
  /** Forgets handled updates older than `before`: Telegram never delivers an update again after a day. */
  inboxPurge(before: number): Promise<void>;
  inboxCounts(): Promise<{ pending: number; done: number }>;

  close(): Promise<void>;
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

/** A fault of the database itself (full, read-only, locked, its file gone, its server unreachable), not a bug in the bot. */
export function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_") || CONNECTION_FAULTS.has(code) || SERVER_FAULT.test(code));
}
