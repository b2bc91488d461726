// Flood limits. Each limit is optional and off unless configured; every successful send is
// timestamped so tests can compute the rates the bot actually achieved.

export interface RateLimits {
  /** Sends per second across all chats (Telegram: about 30). */
  globalPerSecond?: number;
  /** Sends per second into one chat (Telegram: about 1). */
  perChatPerSecond?: number;
  /** Sends per minute into one group, supergroup or channel (Telegram: 20). */
  perGroupPerMinute?: number;
}

export type LimitName = "global" | "chat" | "group";

export interface SendRecord {
  method: string;
  chatId: number | string;
  /** ms since the epoch */
  time: number;
}

export interface RateLimitViolation extends SendRecord {
  limit: LimitName;
  /** the configured maximum that was reached */
  max: number;
  retryAfter: number;
}

export class RateLimiter {
  readonly sends: SendRecord[] = [];
  readonly violations: RateLimitViolation[] = [];

  constructor(private readonly limits: RateLimits = {}) {}

  /** Checks a send before it happens; a violation is recorded and returned. */
  check(method: string, chatId: number | string, isGroup: boolean, now: number): RateLimitViolation | undefined {
    const rules: Array<[LimitName, number | undefined, number, (s: SendRecord) => boolean]> = [
      ["global", this.limits.globalPerSecond, 1_000, () => true],
      ["chat", this.limits.perChatPerSecond, 1_000, (s) => s.chatId === chatId],
      ["group", isGroup ? this.limits.perGroupPerMinute : undefined, 60_000, (s) => s.chatId === chatId],
    ];
    for (const [limit, max, windowMs, applies] of rules) {
      if (max === undefined) continue;
      const inWindow = this.sends.filter((s) => s.time > now - windowMs && applies(s));
      if (inWindow.length < max) continue;
      const oldest = inWindow[inWindow.length - max]!.time;
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      const violation = { method, chatId, time: now, limit, max, retryAfter };
      this.violations.push(violation);
      return violation;
    }
    return undefined;
  }

  record(method: string, chatId: number | string, now: number): void {
    this.sends.push({ method, chatId, time: now });
  }
}

/** The largest number of timestamps that fall into any window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
