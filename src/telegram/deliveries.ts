import { AsyncLocalStorage } from "node:async_hooks";
import type { Transformer } from "grammy";
import { showsMessage } from "./methods.ts";

/** Whether the update being handled has sent the user anything yet (a reply, an edit). */
export const deliveries = new AsyncLocalStorage<{ delivered: boolean }>();

/** Notes in `deliveries` every message sent or edited while an update is handled. */
export function deliveryTracker(): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const delivery = deliveries.getStore();
    if (delivery && result.ok && showsMessage(method)) delivery.delivered = true;
    return result;
  };
}
