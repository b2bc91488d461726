import type { Transformer } from "grammy";
import { metrics } from "../ops/metrics.ts";
import { showsMessage } from "./methods.ts";

/** Telegram's limit for a bot, all chats together. */
export const TELEGRAM_PER_SECOND = 30;
/**
 * A send counts until a second after its answer came back (by then it has surely reached
 * Telegram), and a little more for the timers' own lateness.
 */
const WINDOW_MS = 1050;
/** A send whose answer never comes stops counting after this long (the API's own timeout is shorter). */
const MAX_IN_FLIGHT_MS = 30_000;

/** A retry_after counts from Telegram's answer: this much more for the network's jitter. */
const RETRY_MARGIN_MS = 150;
/** Telegram's one message a second into a chat, counted the same way. */
const CHAT_GAP_MS = WINDOW_MS;
/** Chats whose last message time is kept; past this many the oldest times no longer matter. */
const MAX_CHATS = 10_000;

export type Priority = "answer" | "announcement";

/** Called when a send's answer came back (or it failed). */
export type Answered = () => void;

interface Slot {
  granted: number;
  /** When the send's answer came back; Infinity while it is on its way. */
  answered: number;
}

/**
 * One budget of messages a second for everything the bot sends: answers and announcements
 * together never exceed Telegram's 30 a second in any one-second window, and an answer waiting
 * goes before an announcement waiting. (grammY's throttler and the outbox each kept their own
 * limit, and together could send 55 a second.) A send holds its slot from when it may go until a
 * second after its answer came back: counted from the moment it was let go, sends that a busy
 * process then held up on their way reached Telegram together, more than 30 in a second.
 */
export class SendBudget {
  private readonly slots: Slot[] = [];
  private readonly waiting: Record<Priority, ((slot: Slot) => void)[]> = { answer: [], announcement: [] };
  private timer: NodeJS.Timeout | null = null;
  private wakeAt = 0;
  /** Telegram turned an answer away (429): announcements wait until then, so that its retry gets through. */
  private announcementsFrom = 0;

  constructor(private readonly perSecond = TELEGRAM_PER_SECOND) {}

  /** Holds announcements back for as long as Telegram asked an answer to wait. */
  yieldToAnswers(retryAfterSeconds: number): void {
    this.announcementsFrom = Math.max(this.announcementsFrom, Date.now() + retryAfterSeconds * 1000 + RETRY_MARGIN_MS);
  }

  /** Resolves when a message may go now, with what to call once its answer has come back. */
  acquire(priority: Priority): Promise<Answered> {
    return new Promise<Slot>((resolve) => {
      this.waiting[priority].push(resolve);
      this.pump();
    }).then((slot) => {
      metrics.sent.inc({ kind: priority });
      return () => {
        if (slot.answered !== Infinity) return;
        slot.answered = Date.now();
        this.pump();
      };
    });
  }

  /** When a slot stops counting. */
  private static freedAt(slot: Slot): number {
    return slot.answered === Infinity ? slot.granted + MAX_IN_FLIGHT_MS : slot.answered + WINDOW_MS;
  }

  private pump(): void {
    const wake = (at: number) => {
      if (this.timer && this.wakeAt <= at) return;
      if (this.timer) clearTimeout(this.timer);
      this.wakeAt = at;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, at - Date.now());
    };
    while (this.waiting.answer.length + this.waiting.announcement.length > 0) {
      const now = Date.now();
      for (let i = this.slots.length - 1; i >= 0; i--) if (SendBudget.freedAt(this.slots[i] as Slot) <= now) this.slots.splice(i, 1);
      if (this.slots.length >= this.perSecond) return wake(Math.min(...this.slots.map(SendBudget.freedAt)));
      if (this.waiting.answer.length === 0 && now < this.announcementsFrom) return wake(this.announcementsFrom);
      const slot = { granted: now, answered: Infinity };
      this.slots.push(slot);
      (this.waiting.answer.shift() ?? this.waiting.announcement.shift())?.(slot);
    }
  }

  transformer(): Transformer {
    return budgetTransformer(this);
  }
}

/**
 * For the bot's own API, in front of a budget: every message it sends (answers, edits) waits for
 * its slot, and a new message first waits, if need be, until a second has passed since the answer
 * to the last one into the same chat, so that it does not hold up the others' slots. The budget
 * comes last so that a send takes its slot when it goes: one counted and then held for its chat let
 * 31 go within a second. (The throttle before this lets a chat have one message in flight at a
 * time, so the chat's wait and its send cannot interleave.)
 */
export function budgetTransformer(budget: {
  acquire(priority: Priority, chatId?: number): Promise<Answered | void>;
  yieldToAnswers(retryAfterSeconds: number): void;
}): Transformer {
  const lastSent = new Map<number, number>();
  return async (prev, method, payload, signal) => {
    if (!showsMessage(method)) return prev(method, payload, signal);
    const chat = Number((payload as { chat_id?: unknown } | undefined)?.chat_id);
    const intoChat = !method.startsWith("edit") && Number.isSafeInteger(chat);
    const wait = intoChat ? (lastSent.get(chat) ?? 0) + CHAT_GAP_MS - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const answered = (await budget.acquire("answer", intoChat ? chat : undefined)) ?? (() => undefined);
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429) budget.yieldToAnswers(result.parameters?.retry_after ?? 1);
      return result;
    } finally {
      answered();
      if (intoChat) {
        if (lastSent.size > MAX_CHATS) lastSent.clear();
        lastSent.set(chat, Date.now());
      }
    }
  };
}
