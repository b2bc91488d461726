import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Transformer } from "grammy";

/**
 * Keeps the bot's answers within Telegram's limits: about 30 messages a second overall, 20 a
 * minute per group, one a second per private chat. A "typing" action is not a message and is not
 * held back. (Announcements are paced by the outbox itself.)
 */
export function createThrottle(): Transformer {
  const throttle = apiThrottler({
    // A little over a second, so that messages stay a second apart when they reach Telegram too.
    out: { maxConcurrent: 1, minTime: 1050 },
  });
  return (prev, method, payload, signal) => (method === "sendChatAction" ? prev(method, payload, signal) : throttle(prev, method, payload, signal));
}
