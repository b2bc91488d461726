import type { Transformer } from "grammy";
import { storageFaults } from "../log.ts";
import { metrics } from "../ops/metrics.ts";
import { answerWithin, type Storage } from "../storage/storage.ts";
import { budgetTransformer, SendBudget, type Answered, type Priority } from "./send-budget.ts";
import type { SlotResult } from "./send-slots.ts";

export type { Answered };

/** What the bot's API and the outbox wait on before each message: this process's budget or one shared by all. */
export interface Budget {
  /**
   * Resolves when a message into `chatId` may go now; the send is counted from then. A shared
   * budget resolves with what to call once the send's answer has come back.
   */
  acquire(priority: Priority, chatId?: number): Promise<Answered | void>;
  /** Holds announcements back for as long as Telegram asked an answer to wait. */
  yieldToAnswers(retryAfterSeconds: number): void;
  transformer(): Transformer;
  /**
   * Waits for an announcement's slot and starts sending outbox message `id` with it, in one step
   * (Storage.takeSendSlot); null when the message is no longer waiting. Without it, the outbox
   * acquires, then starts sending.
   */
  startAnnouncement?(id: number, chatId: number): Promise<Answered | null>;
}

type Slot = number | Answered | null | false;

interface Waiter {
  chatId: number | null;
  outboxId?: number;
  /** Told to wait: not asked again before then. */
  notBefore?: number;
  /**
   * With the slot taken (null: none is needed; a function: this process's own budget gave it), or
   * false when the message is no longer waiting.
   */
  resolve: (slot: Slot) => void;
}

/** Sends refused a slot in a row before the others wait too. */
const REFUSALS_BEFORE_PAUSE = 3;
/**
 * An answer whose slot the database has not given within this long goes by this process's own
 * budget (a lost server can hold a query for as long as its driver waits to reconnect).
 */
const SLOT_TIMEOUT_MS = 2000;
/** After the database failed to give a slot, answers keep to this process's own budget this long before asking it again. */
const LOCAL_AFTER_FAULT_MS = 5000;

/** The database is not asked: it failed a moment ago. */
class LocalForNow extends Error {}

/**
 * The send budget of several processes on one database (PostgreSQL): every send takes a slot in
 * the database's send log (Storage.takeSendSlot), so that 30 a second in all, one a second into a
 * chat and 20 a minute into a group hold across the processes together, and announcements never
 * take more than `announcementsPerSecond` of them; each send counts from its slot until a second
 * after its answer came back. Within a process the waiting sends ask one at a time, answers first:
 * the slot is taken the moment before the send goes. While the database
 * cannot be reached, or keeps an answer's slot waiting, the process keeps to a budget of its own
 * (the limits then hold per process).
 */
export class SharedSendBudget implements Budget {
  private readonly waiting: Record<Priority, Waiter[]> = { answer: [], announcement: [] };
  private pumping = false;
  /** Ends the pump's wait early: a new send may be able to go at once. */
  private wake: (() => void) | null = null;
  private announcementsFrom = 0;
  /** Until then answers keep to this process's own budget: the database failed to give a slot. */
  private localUntil = 0;
  private readonly fallback = new SendBudget();

  constructor(
    private readonly storage: Storage,
    private readonly announcementsPerSecond: number,
  ) {}

  yieldToAnswers(retryAfterSeconds: number): void {
    this.announcementsFrom = Math.max(this.announcementsFrom, Date.now() + retryAfterSeconds * 1000);
    this.fallback.yieldToAnswers(retryAfterSeconds);
  }

  async acquire(priority: Priority, chatId?: number): Promise<Answered> {
    return this.answered(await this.wait(priority, { chatId: chatId ?? null }));
  }

  async startAnnouncement(id: number, chatId: number): Promise<Answered | null> {
    const slot = await this.wait("announcement", { chatId, outboxId: id });
    return slot === false ? null : this.answered(slot);
  }

  /** Reports the send's answer to the log (or to this process's budget): it counts in the limits' windows from then. */
  private answered(slot: Slot): Answered {
    if (typeof slot === "function") return slot;
    return () => {
      if (typeof slot !== "number") return;
      this.storage.sendAnswered(slot).catch((error: unknown) => storageFaults.failed("the shared send budget", error));
    };
  }

  private wait(priority: Priority, request: Omit<Waiter, "resolve">): Promise<Slot> {
    return new Promise((resolve) => {
      this.waiting[priority].push({ ...request, resolve });
      this.wake?.();
      void this.pump();
    });
  }

  /**
   * Asks for the waiting sends' slots one at a time, answers first, each in the order it came; a
   * send told to wait (its chat's second, say) is asked again after that wait, and those behind it
   * meanwhile, so that one chat never holds up the others.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    // Refusals in a row, and the earliest time one of them may go: after a few, the limit in all is
    // what holds everyone, and asking the others too would only load the database.
    let refused = 0;
    let earliest = Infinity;
    try {
      for (;;) {
        if (refused >= REFUSALS_BEFORE_PAUSE) {
          await this.pause(Math.max(1, earliest - Date.now()));
          refused = 0;
          earliest = Infinity;
        }
        const now = Date.now();
        const announcing = now >= this.announcementsFrom;
        const candidates = announcing ? [...this.waiting.answer, ...this.waiting.announcement] : this.waiting.answer;
        const waiter = candidates.find((w) => (w.notBefore ?? 0) <= now);
        if (!waiter) {
          if (this.waiting.answer.length + this.waiting.announcement.length === 0) return;
          const next = Math.min(...candidates.map((w) => w.notBefore ?? 0), announcing ? Infinity : this.announcementsFrom);
          await this.pause(Math.max(1, next - now));
          continue;
        }
        const priority: Priority = this.waiting.answer.includes(waiter) ? "answer" : "announcement";
        const done = (slot: number | null | false) => {
          this.waiting[priority].splice(this.waiting[priority].indexOf(waiter), 1);
          waiter.resolve(slot);
        };
        let result: SlotResult;
        let asked: Promise<SlotResult> | null = null;
        try {
          const { chatId, outboxId } = waiter;
          if (outboxId === undefined && Date.now() < this.localUntil) throw new LocalForNow();
          asked = this.storage.takeSendSlot({ kind: priority, chatId, announcementsPerSecond: this.announcementsPerSecond, ...(outboxId === undefined ? {} : { outboxId }) });
          // An announcement's slot also marks it as being sent: it waits for the database's word, whatever it takes.
          result = outboxId === undefined ? await answerWithin(asked, SLOT_TIMEOUT_MS) : await asked;
          storageFaults.ok("the shared send budget");
        } catch (error) {
          if (!(error instanceof LocalForNow)) {
            storageFaults.failed("the shared send budget (this process keeps to the limits by itself meanwhile)", error);
            this.localUntil = Date.now() + LOCAL_AFTER_FAULT_MS;
            // A slot given after all, too late: the answer went by this process's budget, so it is over by then.
            void asked?.then((late) => ("slot" in late ? this.storage.sendAnswered(late.slot) : undefined)).catch(() => undefined);
          }
          // Without the database an announcement cannot be marked as being sent: it waits in the outbox.
          if (waiter.outboxId !== undefined) done(false);
          else {
            this.waiting[priority].splice(this.waiting[priority].indexOf(waiter), 1);
            void this.fallback.acquire(priority).then((answered) => waiter.resolve(answered));
          }
          continue;
        }
        if ("gone" in result) done(false);
        else if ("wait" in result) {
          waiter.notBefore = Date.now() + result.wait;
          refused++;
          earliest = Math.min(earliest, waiter.notBefore);
        } else {
          refused = 0;
          earliest = Infinity;
          metrics.sent.inc({ kind: priority });
          done(result.slot);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  transformer(): Transformer {
    return budgetTransformer(this);
  }
}
