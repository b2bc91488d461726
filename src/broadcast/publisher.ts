import { RelevanceClassifier } from "../feeds/relevance.ts";
import type { Translate } from "../i18n.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Library } from "../library.ts";
import type { Storage } from "../storage/storage.ts";
import { announcement } from "./announcement.ts";
import { itemsOf } from "./items.ts";
import { aboutItem, follows } from "./topics.ts";

export interface PublishResult {
  /** Keys of the items announced for the first time. */
  announced: string[];
  /** Announcements queued: one per new item per subscriber who follows it and hears at once. */
  queued: number;
  /** There was nothing published before: the current items became the baseline, announced to no one. */
  baseline: boolean;
}

export interface PublishOptions {
  /** What items are about when it is known already (a reviewed draft's `about`), by item key; the others are classified. */
  about?: ReadonlyMap<string, string[]>;
}

/**
 * Reloads the knowledge base (which validates it: on an error nothing changes) and queues an
 * announcement of every new article and timeline event to every subscriber who hears at once and
 * follows it (topics.ts), in their language; weekly subscribers hear of it in their digest.
 */
export async function publish(library: Library, storage: Storage, t: Translate, options: PublishOptions = {}): Promise<PublishResult> {
  const kb = library.reload();
  if (await ensureBaseline(kb, storage)) return { announced: [], queued: 0, baseline: true };
  const items = itemsOf(kb);
  const published = await storage.publishedItems();
  const fresh = [...items.values()].filter((item) => !published.has(item.key));
  const classifier = new RelevanceClassifier(library);
  const about = new Map(fresh.map((item) => [item.key, options.about?.get(item.key) ?? aboutItem(item, (text, lang) => classifier.judge(text, lang))]));
  const subscribers = (await storage.subscribers()).filter((subscriber) => !subscriber.weekly);
  const messages = fresh.flatMap((item) =>
    subscribers
      .filter(({ topics }) => follows(topics, about.get(item.key) ?? [], kb))
      .map(({ chatId, lang }) => ({ item: item.key, chatId, text: announcement(item, lang, t) })),
  );
  await storage.publish(
    fresh.map((item) => item.key),
    messages,
    about,
  );
  return { announced: fresh.map((item) => item.key), queued: messages.length, baseline: false };
}

/**
 * The first time (nothing published yet), the knowledge base as it is becomes the baseline:
 * marked published, announced to no one. Returns whether it did that.
 */
export async function ensureBaseline(kb: KnowledgeBase, storage: Storage): Promise<boolean> {
  if ((await storage.publishedItems()).size > 0) return false;
  await storage.publish([...itemsOf(kb).keys()], []);
  return true;
}
