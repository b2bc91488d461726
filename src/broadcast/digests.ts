import type { Translate } from "../i18n.ts";
import type { LoadedKnowledge } from "../knowledge/types.ts";
import type { Storage } from "../storage/storage.ts";
import { digestText, weekEnded } from "./digest.ts";
import { itemsOf, type Item } from "./items.ts";
import { follows } from "./topics.ts";

const CHECK_EVERY_MS = 60_000;

export interface DigestOptions {
  storage: Storage;
  library: { readonly knowledge: LoadedKnowledge };
  t: Translate;
  /** New messages were queued (the outbox sends them). */
  queued(): void;
  log(message: string): void;
  now?: () => number;
}

/**
 * Queues the weekly digests through the outbox once a digest week has ended: to each weekly
 * subscriber, in their language, the week's new items that match their topics (none when none
 * does). Looks when it starts and every minute; a week's digests are queued once whatever the
 * number of processes and restarts (Storage.queueDigests), so a week already queued is left alone.
 * A week with no weekly subscribers when it ends is not marked done: one who subscribes weekly
 * later gets it if a process starts before the next week ends.
 */
export class WeeklyDigests {
  private timer: NodeJS.Timeout | null = null;
  private done: string | null = null;
  private running: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: DigestOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    void this.check();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Queues the digests of the week that ended last unless this process did; how many it queued. */
  async queue(): Promise<number> {
    const { storage, library, t } = this.options;
    const week = weekEnded(this.now());
    if (this.done === week.week) return 0;
    const subscribers = (await storage.subscribers()).filter((s) => s.weekly);
    if (subscribers.length === 0) {
      this.finished(week.week, "no weekly subscribers");
      return 0;
    }
    const kb = library.knowledge;
    const items = itemsOf(kb);
    const published = (await storage.publishedBetween(week.since, week.until)).flatMap((p) => {
      const item = items.get(p.item);
      return item ? [{ item, about: p.about }] : [];
    });
    const messages = subscribers.flatMap(({ chatId, lang, topics }) => {
      const theirs: Item[] = published.filter((p) => follows(topics, p.about, kb)).map((p) => p.item);
      return theirs.length > 0 ? [{ item: `digest:${week.week}`, chatId, text: digestText(theirs, week, lang, t) }] : [];
    });
    const queued = await storage.queueDigests(week.week, messages);
    this.finished(week.week, queued ? `${messages.length} queued` : "queued before");
    if (!queued) return 0;
    if (messages.length > 0) this.options.queued();
    return messages.length;
  }

  /** This process is done with `week`: it says so once. */
  private finished(week: string, outcome: string): void {
    this.done = week;
    this.options.log(`digests of the week to ${week}: ${outcome}`);
  }

  private async check(): Promise<void> {
    if (this.running) return;
    this.running = this.queue()
      .then(() => undefined)
      .catch((error: unknown) => this.options.log(`digests: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.running = null));
    await this.running;
  }
}
