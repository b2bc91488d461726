import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Transformer } from "grammy";
import { groupWindow } from "./group-window.ts";

/**
 * Keeps the bot's answers within Telegram's limits: about 30 messages a second overall, 20 a
 * minute per group, one a second per private chat. A "typing" action is not a message and is not
 * held back. (Announcements are paced by the outbox itself.)
 */
export function createThrottle(): Transformer {
  const throttle = apiThrottler({
    // A little over a second, so that messages stay a second apart when they reach Telegram too.
    out: { maxConcurrent: 1, minTime: 1050 },
    // A second apart in a group too; its 20 a minute are counted by groupWindow over any minute.
    group: { maxConcurrent: 1, minTime: 1050 },
  });
  const perMinute = groupWindow();
  return (prev, method, payload, signal) =>
    method === "sendChatAction"
      ? prev(method, payload, signal)
      : throttle((m, p, s) => perMinute(prev, m, p, s), method, payload, signal);
}
