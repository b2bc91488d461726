import type { Update } from "grammy/types";
import { storageFaults } from "../log.ts";
import { metrics } from "../ops/metrics.ts";
import { Claims } from "../storage/claims.ts";
import { answerWithin, NoAnswerInTime, type Storage } from "../storage/storage.ts";

export interface InboxOptions {
  /** Updates being handled at once, all chats together. */
  concurrency?: number;
  /**
   * A chat's messages beyond this many waiting are more than can be answered: they are dropped.
   * A private chat is answered once a second, a group 20 times a minute.
   */
  maxQueued?: { private: number; group: number };
  /** Told once when a chat starts flooding (with its first dropped update), to let the chat know. */
  onFlood?: (update: Update) => Promise<void>;
  /** How long an update that failed on Telegram's side waits before each further try. */
  retryDelaysMs?: number[];
  /** This process's claims (default: its own, not renewed): which updates it handles when several share the database. */
  claims?: Claims;
  log: (message: string) => void;
}

const CONCURRENCY = 64;
/** An update that failed on Telegram's side is handled again after these delays, then given up. */
const RETRY_DELAYS_MS = [15_000, 60_000];
const RECENT = 10_000;
/** Updates left by a dead process, or stored by another for a chat this one holds, are looked for this often. */
const CLAIM_EVERY_MS = 1000;
/** Chats claimed at once at most. */
const CLAIM_CHATS = 1000;
/**
 * Updates not stored within this are not confirmed, so that Telegram delivers them again: a lost
 * server can hold a query for as long as its driver takes to reconnect, and polling waits for the store.
 */
const STORE_WITHIN_MS = 3000;
/** About ten seconds of answers in a private chat, a minute and a half in a group. */
const MAX_QUEUED = { private: 10, group: 30 };

/** Thrown by a handler when an update failed before anything reached the user, and may be handled again. */
export class HandleLater extends Error {}

const isMessage = (update: Update) => Boolean(update.message ?? update.edited_message ?? update.channel_post);
const isPrivate = (update: Update) => (update.message ?? update.edited_message)?.chat.type === "private";

/** Whose update it is: one chat's updates are handled in the order they came, others' alongside. */
export function chatKey(update: Update): string {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.channel_post?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat;
  if (chat) return `chat:${chat.id}`;
  const user = update.callback_query?.from ?? update.inline_query?.from ?? update.chosen_inline_result?.from;
  return user ? `user:${user.id}` : `update:${update.update_id}`;
}

/**
 * The durable inbox: every update is stored (keyed by update_id) before it is confirmed to
 * Telegram, handled once — an update_id Telegram delivers again is not handled again — and marked
 * done. What a crash or a stop leaves unhandled is handled at the next start. No library keeps
 * updates durably (grammY's runner confirms them when it fetches them).
 *
 * Several processes may share the inbox (webhook mode on PostgreSQL, each receiving some
 * updates): a process handles only the updates it has claimed, a chat's all in one process at a
 * time, so they stay in order; what a dead process held is taken over once its lease runs out.
 */
export class UpdateInbox {
  /** The last update queued for each chat: the next one waits for it. */
  private readonly chats = new Map<string, Promise<void>>();
  /** How many updates each chat has queued or in progress. */
  private readonly depth = new Map<string, number>();
  /** Chats whose messages are being dropped, until their queue is empty again. */
  private readonly flooding = new Set<string>();
  private readonly queued = new Set<number>();
  private readonly recent = new Set<number>();
  private readonly waiting: (() => void)[] = [];
  /** Updates waiting to be handled again, with how many times they have been tried. */
  private readonly attempts = new Map<number, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** Updates waiting out a retry delay: still claimed by this process, not to be queued before their time. */
  private readonly retrying = new Set<number>();
  /** Updates handled here that the database could not be told were done: never handled again, and told when it answers. */
  private readonly unrecorded = new Set<number>();
  private active = 0;
  private stopping = false;
  private readonly concurrency: number;
  private readonly retryDelays: number[];
  private readonly claims: Claims;
  private claiming: Promise<number> | null = null;
  private claimAgain = false;
  private claimTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    /**
     * Resolves false for an update that failed but has been dealt with (logged, the user told);
     * may throw HandleLater while `retryable`.
     */
    private readonly handle: (update: Update, attempt: { retryable: boolean }) => Promise<boolean | void>,
    private readonly options: InboxOptions,
  ) {
    this.concurrency = options.concurrency ?? CONCURRENCY;
    this.retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.claims = options.claims ?? new Claims(storage);
  }

  /**
   * Stores the updates and queues the new ones. Once it resolves they are safe: only then may they
   * be confirmed to Telegram. Throws when they could not be stored in time (then they must not be).
   */
  async receive(updates: Update[]): Promise<void> {
    if (updates.length === 0) return;
    try {
      const rows = updates.map((update) => ({ updateId: update.update_id, chat: chatKey(update), payload: JSON.stringify(update) }));
      await answerWithin(this.storage.inboxAdd(rows, Date.now()), STORE_WITHIN_MS);
      storageFaults.ok("storing updates");
    } catch (error) {
      // A store that is only slow may still land; handled from memory, the update could then be
      // claimed and answered again by another process. Delivered again, it is stored once.
      if (error instanceof NoAnswerInTime) throw error;
      // Without the database the bot still answers, from memory: what a crash would lose then is
      // less than what not answering at all loses.
      storageFaults.failed("storing updates (they are handled without being kept)", error);
      for (const update of updates) if (!this.recent.has(update.update_id)) this.enqueue(update);
      return;
    }
    // Stored: from here on a claim that fails is made again by the next one. Waiting for it a while
    // lets this process take the chat before another process is handed the chat's next update.
    await answerWithin(this.claim(), STORE_WITHIN_MS).catch(() => undefined);
  }

  /**
   * Queues what an earlier run stored but did not finish (and, from then on, what other processes
   * leave or store for this one), as this process's claims allow. Returns how many it queued now.
   */
  async resume(): Promise<number> {
    const queued = await this.claim();
    this.claimTimer ??= setInterval(() => void this.claim(), CLAIM_EVERY_MS);
    this.claimTimer.unref();
    return queued;
  }

  /** Claims and queues what this process may handle; one claim at a time, another after it if asked meanwhile. */
  private claim(): Promise<number> {
    if (this.claiming) {
      this.claimAgain = true;
      return this.claiming;
    }
    const run = async () => {
      let queued = 0;
      do {
        this.claimAgain = false;
        try {
          await this.recordDone();
          const claimed = await this.storage.inboxClaim(this.claims.lease(), Date.now(), CLAIM_CHATS);
          storageFaults.ok("claiming updates");
          for (const { updateId, payload } of claimed) {
            if (this.retrying.has(updateId) || this.queued.has(updateId)) continue;
            // Handled here already, while the database could not be told so.
            if (this.recent.has(updateId)) this.unrecorded.add(updateId);
            else this.enqueue(JSON.parse(payload) as Update);
          }
          queued += claimed.length;
        } catch (error) {
          storageFaults.failed("claiming updates", error);
        }
      } while (this.claimAgain && !this.stopping);
      return queued;
    };
    this.claiming = run().finally(() => (this.claiming = null));
    return this.claiming;
  }

  /** Tells the database of the updates handled while it could not be told. */
  private async recordDone(): Promise<void> {
    for (const updateId of this.unrecorded) {
      await this.storage.inboxDone(updateId, Date.now());
      this.unrecorded.delete(updateId);
    }
  }

  /** Updates queued or being handled. */
  get size(): number {
    return this.queued.size;
  }

  /**
   * Takes no more updates and waits at most `ms` for those being handled; what is left stays in
   * the inbox for the next start.
   */
  async stop(ms: number): Promise<void> {
    this.stopping = true;
    if (this.claimTimer) clearInterval(this.claimTimer);
    for (const release of this.waiting.splice(0)) release();
    // Updates waiting for another try stay in the storage, for the next start.
    for (const timer of this.retryTimers) clearTimeout(timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.chats.values()]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]);
    clearTimeout(timer);
  }

  private enqueue(update: Update): void {
    if (this.stopping || this.queued.has(update.update_id)) return;
    this.remember(update.update_id);
    const key = chatKey(update);
    const depth = this.depth.get(key) ?? 0;
    const limits = this.options.maxQueued ?? MAX_QUEUED;
    if (isMessage(update) && depth >= (isPrivate(update) ? limits.private : limits.group)) {
      this.drop(update, key);
      return;
    }
    this.queued.add(update.update_id);
    this.depth.set(key, depth + 1);
    const arrived = Date.now();
    const next = (this.chats.get(key) ?? Promise.resolve()).then(() => this.process(update, arrived));
    this.chats.set(key, next);
    void next.finally(() => {
      if (this.chats.get(key) === next) this.chats.delete(key);
      const left = (this.depth.get(key) ?? 1) - 1;
      if (left > 0) this.depth.set(key, left);
      else {
        this.depth.delete(key);
        this.flooding.delete(key);
        // Another process may have stored the chat's next update meanwhile, and waits for this one to let the chat go.
        if (this.storage.shared && !this.stopping) void this.claim();
      }
    });
  }

  /** A message from a chat that already has more waiting than can be answered: not handled. */
  private drop(update: Update, key: string): void {
    metrics.dropped.inc();
    void this.storage.inboxDone(update.update_id, Date.now()).catch(() => undefined);
    if (this.flooding.has(key)) return;
    this.flooding.add(key);
    this.options.log(`${key} sends more than can be answered; its messages are dropped until it has been answered (update ${update.update_id} first)`);
    void this.options.onFlood?.(update).catch((error: unknown) => this.options.log(`Could not tell ${key} to slow down: ${String(error)}`));
  }

  /** Update ids seen lately, so that one delivered again while the database is down is still handled once. */
  private remember(updateId: number): void {
    this.recent.add(updateId);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.values().next().value as number);
  }

  private async process(update: Update, arrived: number): Promise<void> {
    if (!this.stopping && this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.stopping) return;
    this.active++;
    const attempt = this.attempts.get(update.update_id) ?? 0;
    try {
      const handled = await this.handle(update, { retryable: attempt < this.retryDelays.length });
      metrics.updates.inc({ result: handled === false ? "failed" : "ok" });
    } catch (error) {
      if (error instanceof HandleLater) {
        this.retry(update, attempt);
        return;
      }
      metrics.updates.inc({ result: "failed" });
      this.options.log(`Update ${update.update_id} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.active--;
      this.waiting.shift()?.();
      metrics.latency.observe((Date.now() - arrived) / 1000);
    }
    await answerWithin(this.storage.inboxDone(update.update_id, Date.now()), STORE_WITHIN_MS).then(
      () => storageFaults.ok("marking updates done"),
      (error: unknown) => {
        storageFaults.failed("marking updates done", error);
        this.unrecorded.add(update.update_id);
      },
    );
    this.queued.delete(update.update_id);
    this.attempts.delete(update.update_id);
  }

  /** Handles the update again after a while; it stays pending in the storage meanwhile. */
  private retry(update: Update, attempt: number): void {
    this.queued.delete(update.update_id);
    this.attempts.set(update.update_id, attempt + 1);
    const delay = this.retryDelays[attempt] ?? 0;
    this.options.log(`Update ${update.update_id}: Telegram failed before anything was sent; handling it again in ${delay / 1000} s`);
    this.retrying.add(update.update_id);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.retrying.delete(update.update_id);
      this.enqueue(update);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}
