import { basename } from "node:path";
import type { Config } from "../config.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import type { Library } from "../library.ts";
import type { Draft, Storage } from "../storage/storage.ts";
import { systemClock } from "./clock.ts";
import { loadFeeds } from "./config.ts";
import { HttpClient } from "./http.ts";
import { RelevanceClassifier } from "./relevance.ts";
import type { Review } from "./review.ts";
import type { FeedWatcher } from "./watcher.ts";

/**
 * With several processes on one database, a publication left in `publishing` this long by another
 * process is taken for interrupted (a live one finishes within seconds).
 */
const PUBLISH_STALE_MS = 60_000;

export interface FeedServiceOptions {
  config: Pick<Config, "feedsFile" | "feedPollMinutes" | "adminIds">;
  storage: Storage;
  library: Library;
  review: Review;
  /** Sends a new draft to the admins. */
  tell(draft: Draft): Promise<void>;
  log(message: string): void;
}

/**
 * Starts watching the feeds in the bot process, or says in one log line why it does not (turned
 * off, nobody to review, a read-only database, a broken feeds file) and returns null. Only the
 * process that holds the poller role polls (one of several on PostgreSQL); before each poll it
 * tells the admins of drafts a stopped process found but did not get to tell them of, and
 * finishes publications a stopped process left half done. Each draft goes to the admins once.
 */
export async function startFeedWatcher(options: FeedServiceOptions): Promise<FeedWatcher | null> {
  const { config, storage, library, review, log } = options;
  if (config.feedPollMinutes === 0) return off(log, "FEED_POLL_MINUTES is 0");
  if (config.adminIds.length === 0) return off(log, "ADMIN_IDS is empty, so nobody could review what it finds");
  if (storage.readOnly) return off(log, "the database cannot be written");
  let feeds;
  try {
    feeds = loadFeeds(config.feedsFile, basename(config.feedsFile));
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    return off(log, `${config.feedsFile}: ${error.problems.join("; ")}`);
  }
  const started = Date.now();
  const tellOnce = async (draft: Draft) => {
    if (await storage.claimDraftNotice(draft.id, Date.now())) await options.tell(draft);
  };
  const minutes = config.feedPollMinutes ?? feeds.intervalMinutes;
  // Loaded only here: reading pages brings jsdom, which a bot process that does not watch never needs.
  const { FeedWatcher } = await import("./watcher.ts");
  const watcher = new FeedWatcher({
    feeds: feeds.feeds,
    http: new HttpClient({ clock: systemClock }),
    clock: systemClock,
    seen: { has: (key) => storage.hasSeen(key), add: (key) => storage.addSeen(key, Date.now()) },
    classifier: new RelevanceClassifier(library),
    intervalMs: minutes * 60_000,
    onRelevant: async (found) => {
      const draft = await review.found(found);
      if (draft) await tellOnce(draft);
    },
    mayPoll: async () => {
      if (!(await storage.holdFeedPoller())) return false;
      // On an SQLite file, whatever was being published when this process started was left by a stopped one.
      const resumed = await review.resumeInterrupted(storage.shared ? Date.now() - PUBLISH_STALE_MS : started);
      if (resumed > 0) log(`${resumed} publication(s) of reviewed drafts interrupted by a stop were finished`);
      for (const draft of await storage.untoldDrafts()) await tellOnce(draft);
      return true;
    },
  });
  watcher.start();
  log(`watching ${feeds.feeds.length} feed(s) from ${config.feedsFile} every ${minutes} min; drafts go to ${config.adminIds.length} admin(s)`);
  return watcher;
}

function off(log: (message: string) => void, why: string): null {
  log(`feed watcher off: ${why}`);
  return null;
}
