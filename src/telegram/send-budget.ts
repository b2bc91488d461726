import type { Transformer } from "grammy";
import { metrics } from "../ops/metrics.ts";
import { showsMessage } from "./methods.ts";

/** Telegram's limit for a bot, all chats together. */
export const TELEGRAM_PER_SECOND = 30;
/** Sends counted over a little more than a second: a request and its arrival at Telegram differ by the network's jitter. */
const MARGIN_MS = 150;

/** Telegram's one message a second into a chat, with the same margin. */
const CHAT_GAP_MS = 1000 + MARGIN_MS;
/** Chats whose last message time is kept; past this many the oldest times no longer matter. */
const MAX_CHATS = 10_000;

export type Priority = "answer" | "announcement";

/**
 * One budget of messages a second for everything the bot sends: answers and announcements
 * together never exceed Telegram's 30 a second in any one-second window, and an answer waiting
 * goes before an announcement waiting. (grammY's throttler and the outbox each kept their own
 * limit, and together could send 55 a second.)
 */
export class SendBudget {
  /** When the latest `perSecond` sends went, oldest first. */
  private readonly sent: number[] = [];
  private readonly waiting: Record<Priority, (() => void)[]> = { answer: [], announcement: [] };
  private timer: NodeJS.Timeout | null = null;
  private wakeAt = 0;
  /** Telegram turned an answer away (429): announcements wait until then, so that its retry gets through. */
  private announcementsFrom = 0;

  constructor(private readonly perSecond = TELEGRAM_PER_SECOND) {}

  /** Holds announcements back for as long as Telegram asked an answer to wait. */
  yieldToAnswers(retryAfterSeconds: number): void {
    this.announcementsFrom = Math.max(this.announcementsFrom, Date.now() + retryAfterSeconds * 1000 + MARGIN_MS);
  }

  /** Resolves when a message may go now; the send is counted from then. */
  acquire(priority: Priority): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting[priority].push(resolve);
      this.pump();
    }).then(() => void metrics.sent.inc({ kind: priority }));
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
      const oldest = this.sent.length < this.perSecond ? null : (this.sent[0] as number);
      if (oldest !== null && now < oldest + 1000 + MARGIN_MS) return wake(oldest + 1000 + MARGIN_MS);
      if (this.waiting.answer.length === 0 && now < this.announcementsFrom) return wake(this.announcementsFrom);
      if (oldest !== null) this.sent.shift();
      this.sent.push(now);
      (this.waiting.answer.shift() ?? this.waiting.announcement.shift())?.();
    }
  }

  /**
   * For the bot's own API: every message it sends (answers, edits) waits for the budget, and a new
   * message first waits, if need be, until a second has passed since the last one into the same
   * chat went. The budget comes last so that a send is counted when it goes: one counted and then
   * held for its chat let 31 go within a second. (The throttle before this lets a chat have one
   * message in flight at a time, so the chat's wait and its send cannot interleave with another.)
   */
  transformer(): Transformer {
    const lastSent = new Map<string, number>();
    return async (prev, method, payload, signal) => {
      if (!showsMessage(method)) return prev(method, payload, signal);
      if (method.startsWith("edit")) {
        await this.acquire("answer");
        return prev(method, payload, signal);
      }
      const chat = String((payload as { chat_id?: unknown } | undefined)?.chat_id);
      const wait = (lastSent.get(chat) ?? 0) + CHAT_GAP_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.acquire("answer");
      if (lastSent.size > MAX_CHATS) lastSent.clear();
      lastSent.set(chat, Date.now());
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429) this.yieldToAnswers(result.parameters?.retry_after ?? 1);
      return result;
    };
  }
}
