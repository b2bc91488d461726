import { createHash } from "node:crypto";
import { setTimeout as rest } from "node:timers/promises";
import { logger } from "../log.ts";
import type { Lang } from "../knowledge/types.ts";
import type { Clock } from "./clock.ts";
import { draftFromPage, type ArticleDraft } from "./draft.ts";
import type { HttpClient, Validators } from "./http.ts";
import { feedItems, listingItems } from "./parse.ts";
import { HEADLINE_ONLY_FLOOR, type Relevance } from "./relevance.ts";
import type { SeenStore } from "./seen.ts";
import type { FeedItem, FeedSource } from "./types.ts";

/** A relevant item, its page made into a draft. */
export interface FoundItem {
  source: FeedSource;
  item: FeedItem;
  relevance: Relevance;
  draft: ArticleDraft;
  /** The feed had this item before with another title or lead (an edited headline). */
  changed: boolean;
}

/** The log lines the watcher writes; the project's pino logger by default. */
export interface FeedLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface WatcherOptions {
  feeds: FeedSource[];
  http: HttpClient;
  clock: Clock;
  seen: SeenStore;
  classifier: { judge(item: { title: string; lead: string }, lang?: Lang): Relevance };
  /** Called once for each new relevant item; when it throws, the item comes again at the next poll. */
  onRelevant(found: FoundItem): Promise<void> | void;
  intervalMs: number;
  log?: FeedLog;
  /** An item whose page cannot be fetched or read this many polls in a row is given up (default 3). */
  maxPageAttempts?: number;
  /** Asked before each poll of the loop `start` runs: false skips that poll (another process polls). */
  mayPoll?(): Promise<boolean>;
}

export interface PollReport {
  polled: number;
  failed: number;
  notModified: number;
  /** Items not seen before (or changed). */
  fresh: number;
  relevant: number;
  /** Relevant items handed to onRelevant. */
  delivered: number;
}

/**
 * Polls every source on an interval and hands each new item about the operation, with its page
 * made into a draft, to `onRelevant`. What it has handled is kept in the SeenStore, so nothing
 * comes twice across restarts; a failing source or page is one log line and never stops the loop.
 */
export class FeedWatcher {
  private readonly validators = new Map<string, Validators>();
  /**
   * Relevant items whose page could not be had or whose handler failed, by URL, with the number of
   * page failures: tried again at each poll, even when their feed answers 304.
   */
  private readonly pending = new Map<string, { sourceId: string; item: FeedItem; failures: number }>();
  private readonly log: FeedLog;
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private polling: Promise<PollReport> | null = null;
  private lane: Promise<void> = Promise.resolve();

  constructor(private readonly options: WatcherOptions) {
    this.log = options.log ?? logger;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = new AbortController();
    const signal = this.stopping.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        try {
          if (await (this.options.mayPoll?.() ?? true)) {
            const report = await this.pollOnce(signal);
            if (!signal.aborted) this.log.info(report, "feeds polled");
          }
        } catch (error) {
          this.log.warn({ reason: reasonOf(error) }, "feed poll failed");
        }
        if (!signal.aborted) await this.options.clock.sleep(this.options.intervalMs, signal);
      }
    })();
  }

  /** Stops polling; requests in progress are abandoned. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = null;
  }

  /** Polls every source once (sources on different hosts at the same time); a call during a poll gets that poll's report. Never throws. */
  pollOnce(signal?: AbortSignal): Promise<PollReport> {
    this.polling ??= (async () => {
      const report: PollReport = { polled: 0, failed: 0, notModified: 0, fresh: 0, relevant: 0, delivered: 0 };
      await Promise.all(this.options.feeds.map((source) => this.pollSource(source, report, signal)));
      return report;
    })().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollSource(source: FeedSource, report: PollReport, signal?: AbortSignal): Promise<void> {
    report.polled++;
    let items: FeedItem[];
    try {
      const outcome = await this.options.http.get(source.url, this.validators.get(source.id), signal);
      if (outcome.status === "not-modified") {
        report.notModified++;
        items = [];
      } else {
        items = source.kind === "feed" ? feedItems(outcome.body, outcome.url) : listingItems(outcome.body, outcome.url, source.linkPattern);
        this.validators.set(source.id, outcome.validators);
      }
    } catch (error) {
      report.failed++;
      if (!signal?.aborted) this.log.warn({ feed: source.id, url: source.url, reason: reasonOf(error) }, "feed could not be read");
      items = [];
    }
    const listed = new Set(items.map((item) => item.url));
    for (const { sourceId, item } of this.pending.values()) if (sourceId === source.id && !listed.has(item.url)) items.push(item);
    for (const item of items) {
      if (signal?.aborted) return;
      try {
        await this.handle(source, item, report, signal);
      } catch (error) {
        if (signal?.aborted) return;
        this.log.warn({ feed: source.id, url: item.url, reason: reasonOf(error) }, "feed item could not be handled");
        this.pending.set(item.url, { sourceId: source.id, item, failures: this.pending.get(item.url)?.failures ?? 0 });
      }
    }
  }

  private async handle(source: FeedSource, item: FeedItem, report: PollReport, signal?: AbortSignal): Promise<void> {
    const { seen } = this.options;
    const { itemKey, versionKey } = seenKeys(item);
    if (await seen.has(versionKey)) return;
    report.fresh++;
    const changed = await seen.has(itemKey);
    let relevance = await this.judge(item, source.lang);
    let draft: ArticleDraft | null = null;
    if (item.lead === "" && relevance.score >= HEADLINE_ONLY_FLOOR) {
      draft = await this.draft(source, item, signal);
      if (!draft) return;
      relevance = await this.judge({ title: item.title, lead: leadOf(draft) }, source.lang);
    } else if (item.lead === "") {
      relevance = { ...relevance, relevant: false };
    }
    if (relevance.relevant) {
      report.relevant++;
      draft ??= await this.draft(source, item, signal);
      if (!draft) return;
      await this.options.onRelevant({ source, item, relevance, draft, changed });
      report.delivered++;
      this.log.info({ feed: source.id, url: item.url, score: Number(relevance.score.toFixed(3)), changed }, "relevant feed item");
    }
    await seen.add(itemKey);
    await seen.add(versionKey);
    this.pending.delete(item.url);
  }

  /**
   * Classifying is synchronous work, tens of milliseconds for a long lead. The items of every feed
   * take turns, and after each the watcher rests as long as it took: the bot's answers, which need
   * several turns of the event loop each, always have at least half the process.
   */
  private judge(item: { title: string; lead: string }, lang: Lang): Promise<Relevance> {
    const turn = this.lane.then(async () => {
      const started = performance.now();
      const relevance = this.options.classifier.judge(item, lang);
      // Timers count whole milliseconds: rounded up, the rest is never shorter than the work.
      await rest(Math.ceil(performance.now() - started) + 1);
      return relevance;
    });
    this.lane = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** The item's page as a draft; null (and one log line) when it cannot be had this time. */
  private async draft(source: FeedSource, item: FeedItem, signal?: AbortSignal): Promise<ArticleDraft | null> {
    try {
      const page = await this.options.http.get(item.url, {}, signal);
      if (page.status !== "ok") throw new Error("the page answered 304 to an unconditional request");
      return draftFromPage(page.body, item.url, source, item);
    } catch (error) {
      if (signal?.aborted) return null;
      const failures = (this.pending.get(item.url)?.failures ?? 0) + 1;
      const giveUp = failures >= (this.options.maxPageAttempts ?? 3);
      this.log.warn({ feed: source.id, url: item.url, reason: reasonOf(error), attempts: failures, gaveUp: giveUp }, "feed item's page could not be read");
      if (!giveUp) {
        this.pending.set(item.url, { sourceId: source.id, item, failures });
        return null;
      }
      this.pending.delete(item.url);
      const { itemKey, versionKey } = seenKeys(item);
      await this.options.seen.add(itemKey);
      await this.options.seen.add(versionKey);
      return null;
    }
  }
}

const MAX_PAGE_LEAD = 300;

/** The page's first paragraph, as a feed's lead would be. */
function leadOf(draft: ArticleDraft): string {
  const first = draft.paragraphs.find((p) => !p.startsWith("## ")) ?? "";
  return first.length <= MAX_PAGE_LEAD ? first : first.slice(0, first.lastIndexOf(" ", MAX_PAGE_LEAD));
}

/** An item is known by its address (a story in two feeds comes once); each wording of it by a hash. */
function seenKeys(item: FeedItem): { itemKey: string; versionKey: string } {
  const itemKey = `feed-item:${item.url}`;
  const version = createHash("sha1").update(`${item.title}\n${item.lead}`).digest("base64url").slice(0, 12);
  return { itemKey, versionKey: `${itemKey}#${version}` };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
