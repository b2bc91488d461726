import type { Transformer } from "grammy";
import { postsMessage } from "./methods.ts";

/** Telegram's limit: messages into one group in any minute. */
export const GROUP_PER_MINUTE = 20;
/** A minute and a little: a request and its arrival at Telegram differ. */
const WINDOW_MS = 61_000;
/** Groups remembered at most; those quiet for a minute are forgotten first. */
const MAX_GROUPS = 10_000;

interface GroupSends {
  /** When Telegram answered the latest sends, oldest first (at most GROUP_PER_MINUTE). */
  sent: number[];
  /** The group's last send waiting or going: the next waits for it, so they go in order. */
  turn: Promise<void>;
  waiting: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * At most GROUP_PER_MINUTE messages into one group in any minute, however the minute is placed:
 * a bucket refilled every minute (grammY's throttler, Bottleneck's reservoir) lets 20 go at the end
 * of one minute and 20 more at the start of the next, and Telegram answers 429. A group's burst of
 * questions is answered at once up to the limit, and the rest as the minute frees.
 */
export function groupWindow(perMinute = GROUP_PER_MINUTE, windowMs = WINDOW_MS): Transformer {
  const groups = new Map<number, GroupSends>();
  const forgetQuiet = (now: number) => {
    for (const [id, group] of groups) if (group.waiting === 0 && (group.sent.at(-1) ?? 0) < now - windowMs) groups.delete(id);
  };
  return async (prev, method, payload, signal) => {
    const chatId = Number((payload as { chat_id?: unknown } | undefined)?.chat_id);
    if (!(chatId < 0) || !postsMessage(method)) return prev(method, payload, signal);
    if (groups.size > MAX_GROUPS) forgetQuiet(Date.now());
    let group = groups.get(chatId);
    if (!group) groups.set(chatId, (group = { sent: [], turn: Promise.resolve(), waiting: 0 }));
    const current = group;
    current.waiting++;
    // A send counts from when Telegram has answered it, not from when it left this window: the
    // sending budget further down may hold it back for longer than the window's margin.
    const sent = current.turn.then(async () => {
      while (current.sent.length >= perMinute) {
        const wait = (current.sent[0] as number) + windowMs - Date.now();
        if (wait > 0) await sleep(wait);
        else current.sent.shift();
      }
      try {
        return await prev(method, payload, signal);
      } finally {
        current.sent.push(Date.now());
        current.waiting--;
      }
    });
    current.turn = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent;
  };
}
