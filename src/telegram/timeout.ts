import type { Transformer } from "grammy";

/**
 * Abandons a Bot API request that takes longer than `seconds` (long polling excepted), so that
 * auto-retry sends it again instead of the bot waiting on a dead connection.
 */
export function requestTimeout(seconds: number): Transformer {
  return (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const timeout = AbortSignal.timeout(seconds * 1000);
    // grammY types its signal with the abort-controller polyfill; at run time it is Node's own.
    const combined = signal ? AbortSignal.any([signal as unknown as AbortSignal, timeout]) : timeout;
    return prev(method, payload, combined as unknown as typeof signal);
  };
}
