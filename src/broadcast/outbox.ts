import { GrammyError, type Api } from "grammy";
import { storageFaults } from "../log.ts";
import { metrics } from "../ops/metrics.ts";
import { Claims } from "../storage/claims.ts";
import type { Answered, Budget } from "../telegram/shared-send-budget.ts";
import type { OutboxMessage, Storage } from "../storage/storage.ts";

export interface OutboxOptions {
  /** At most this many announcements a second, all chats together (Telegram allows about 30). */
  perSecond: number;
  /** Announcements in flight at once: enough to keep the rate when Telegram answers slowly. */
  concurrency?: number;
  /** Shared with the bot's answers, which go first. */
  budget?: Budget;
  /** This process's claims (default: its own, not renewed): other processes sending from the same outbox skip what it holds. */
  claims?: Claims;
  log?: (message: string) => void;
}

/** A private chat gets at most one message a second, a group one every three (20 a minute). */
const PER_CHAT_MS = 1000;
const PER_GROUP_MS = 3000;

/** Give up on a message after this many attempts that failed for a reason that may pass. */
const MAX_ATTEMPTS = 8;
const IDLE_POLL_MS = 1000;
const FAULT_PAUSE_MS = 5000;
/** How often messages a dead process was sending are looked for (and counted as sent). */
const SETTLE_EVERY_MS = 5000;
const backoff = (attempts: number) => Math.min(5 * 60_000, 2000 * 2 ** attempts);

/**
 * Sends the announcements waiting in the storage's outbox, oldest first, never more than
 * `perSecond` in any second nor more than one a second to a chat. A message is recorded as being
 * sent before it goes out and as sent when Telegram confirms it, so after a crash nothing is sent
 * twice (see Storage.settleInterrupted). On a 429 everything waits retry_after; a chat that
 * blocked or removed the bot is unsubscribed; a group that became a supergroup is followed to its
 * new id. `api` must neither retry nor queue by itself (no auto-retry, no throttler): the
 * outbox decides when a message goes, and a message recorded as being sent must really be on its
 * way, or a crash at that moment would lose it.
 */
export class Outbox {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly busyChats = new Set<number>();
  private readonly lastSent = new Map<number, number>();
  /**
   * The latest sends, oldest first, each with the time its answer came (null while in flight).
   * A send reaches Telegram before its answer comes back, so a new send that starts a second
   * after the answer to the send `perSecond` places back keeps every one-second window at
   * Telegram within the limit, however the network delays each request.
   */
  private readonly recent: { answered: number | null }[] = [];
  private loop: Promise<void> | null = null;
  /** After a 429, nothing goes out until then. */
  private pausedUntil = 0;
  private nextSettle = 0;
  private readonly claims: Claims;

  constructor(
    private readonly api: Api,
    private readonly storage: Storage,
    private readonly options: OutboxOptions,
  ) {
    this.claims = options.claims ?? new Claims(storage);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Wait one window first: the process before a restart may have sent in the last second.
    this.loop = this.pause(1000).then(() => this.run());
  }

  /** New messages were queued: look at once instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking new messages and waits for those in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
        storageFaults.ok("the announcement queue");
      } catch (error) {
        // The database may come back; the loop must outlive it.
        storageFaults.failed("the announcement queue", error);
        await this.pause(FAULT_PAUSE_MS);
      }
    }
  }

  /** One turn of the loop: sends the next message that is due, or waits for one. */
  private async step(): Promise<void> {
    const concurrency = this.options.concurrency ?? 4;
    if (this.inFlight.size >= concurrency) {
      await Promise.race(this.inFlight);
      return;
    }
    const now = Date.now();
    if (now >= this.nextSettle) {
      this.nextSettle = now + SETTLE_EVERY_MS;
      const settled = await this.storage.settleInterrupted(now);
      if (settled > 0) this.options.log?.(`outbox: ${settled} announcement(s) were being sent by a process that stopped; counted as sent, not sent twice`);
    }
    if (now < this.pausedUntil) {
      await this.pause(this.pausedUntil - now);
      return;
    }
    const message = await this.storage.nextOutbox(now, this.claims.lease(now));
    if (!message) {
      await this.pause(IDLE_POLL_MS);
      return;
    }
    const spacing = message.chatId < 0 ? PER_GROUP_MS : PER_CHAT_MS;
    const chatFree = Math.max((this.lastSent.get(message.chatId) ?? 0) + spacing, now);
    if (this.busyChats.has(message.chatId) || chatFree > now) {
      await this.storage.retryLater(message.id, this.busyChats.has(message.chatId) ? now + spacing : chatFree, "");
      return;
    }
    const slot = this.nextSlot(now);
    if (slot === null) {
      await Promise.race(this.inFlight);
      return;
    }
    if (slot > now) {
      await this.pause(slot - now);
      return;
    }
    // The budget first: a message recorded as being sent must be on its way at once, or a crash
    // while it waited would count it as sent though Telegram never saw it.
    const answered = await this.takeSlotAndStart(message);
    if (!answered) return;
    const entry: { answered: number | null } = { answered: null };
    this.recent.push(entry);
    if (this.recent.length > this.options.perSecond) this.recent.shift();
    this.busyChats.add(message.chatId);
    const sending = this.send(message)
      .catch((error: unknown) => storageFaults.failed("the announcement queue", error))
      .finally(() => {
        answered();
        entry.answered = Date.now();
        this.busyChats.delete(message.chatId);
        this.inFlight.delete(sending);
      });
    this.inFlight.add(sending);
  }

  /**
   * Waits for the send budget and marks the message as being sent; resolves with what to call once
   * its answer has come back, or null when it is no longer waiting.
   */
  private async takeSlotAndStart(message: OutboxMessage): Promise<Answered | null> {
    const budget = this.options.budget;
    if (budget?.startAnnouncement) return budget.startAnnouncement(message.id, message.chatId);
    const answered = (await budget?.acquire("announcement")) ?? (() => undefined);
    let started = false;
    try {
      started = await this.storage.startSending(message.id);
    } finally {
      if (!started) answered();
    }
    return started ? answered : null;
  }

  /**
   * The earliest time the next send keeps within `perSecond` in every one-second window, or null
   * while the send it must follow is still waiting for its answer.
   */
  private nextSlot(now: number): number | null {
    if (this.recent.length < this.options.perSecond) return now;
    const answered = this.recent[0]?.answered;
    return answered == null ? null : Math.max(now, answered + 1000);
  }

  private async send(message: OutboxMessage): Promise<void> {
    try {
      await this.api.sendMessage(message.chatId, message.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      await this.storage.markSent(message.id);
      this.lastSent.set(message.chatId, Date.now());
    } catch (error) {
      await this.handleFailure(message, error);
    }
  }

  private async handleFailure(message: OutboxMessage, error: unknown): Promise<void> {
    const { chatId, id } = message;
    if (error instanceof GrammyError) {
      const newChatId = error.parameters.migrate_to_chat_id;
      if (newChatId) {
        await this.storage.moveChat(chatId, newChatId);
        await this.storage.retryLater(id, Date.now(), `moved to ${newChatId}`);
        this.options.log?.(`outbox: chat ${chatId} became ${newChatId}; following it`);
        return;
      }
      if (error.error_code === 403 || /chat not found/i.test(error.description)) {
        await this.storage.markFailed(id, error.description);
        await this.storage.unsubscribe(chatId);
        this.options.log?.(`outbox: chat ${chatId} is gone (${error.description}); unsubscribed`);
        return;
      }
      const retryAfter = error.parameters.retry_after;
      if (retryAfter) {
        metrics.tooManyRequests.inc();
        // Telegram asks the bot as a whole to wait: the whole outbox waits, then carries on.
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfter * 1000);
        await this.storage.retryLater(id, this.pausedUntil, error.description);
        this.options.log?.(`outbox: Telegram asked to wait ${retryAfter} s`);
        return;
      }
      if (error.error_code === 400) {
        await this.storage.markFailed(id, error.description);
        this.options.log?.(`outbox: Telegram refused message ${id}: ${error.description}`);
        return;
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (message.attempts + 1 >= MAX_ATTEMPTS) {
      await this.storage.markFailed(id, reason);
      this.options.log?.(`outbox: giving up on message ${id} after ${MAX_ATTEMPTS} attempts: ${reason}`);
    } else {
      await this.storage.retryLater(id, Date.now() + backoff(message.attempts), reason);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
