import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Storage } from "../storage/storage.ts";

/** The bot's Prometheus metrics (prom-client), served at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "zhusan_" });

export const metrics = {
  updates: new Counter({
    name: "zhusan_updates_handled_total",
    help: "Updates handled, by result (ok, failed)",
    labelNames: ["result"] as const,
    registers: [registry],
  }),
  dropped: new Counter({ name: "zhusan_updates_dropped_total", help: "Messages dropped because their chat sent more than could be answered", registers: [registry] }),
  latency: new Histogram({
    name: "zhusan_update_seconds",
    help: "Time from an update's arrival to the end of its handling (its answer sent)",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  answers: new Counter({
    name: "zhusan_answers_total",
    help: "Questions by outcome: answered, uncertain (suggestions offered), not-found, other-country, personal, empty",
    labelNames: ["reason"] as const,
    registers: [registry],
  }),
  sent: new Counter({ name: "zhusan_messages_sent_total", help: "Messages sent, by kind (answer, announcement)", labelNames: ["kind"] as const, registers: [registry] }),
  tooManyRequests: new Counter({ name: "zhusan_telegram_429_total", help: "Bot API calls answered 429 Too Many Requests", registers: [registry] }),
};

/** Gauges read from the database at each scrape: what waits in the inbox and in the outbox. */
export function watchQueues(storage: Storage): void {
  new Gauge({
    name: "zhusan_inbox_pending",
    help: "Updates stored and not yet handled",
    registers: [registry],
    async collect() {
      this.set((await storage.inboxCounts()).pending);
    },
  });
  new Gauge({
    name: "zhusan_outbox_pending",
    help: "Announcements waiting to be sent",
    registers: [registry],
    async collect() {
      this.set((await storage.outboxCounts()).pending);
    },
  });
}
