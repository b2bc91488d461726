import type { Lang, LoadedKnowledge } from "../knowledge/types.ts";
import { EVERYTHING } from "../storage/storage.ts";
import type { Item } from "./items.ts";

/** A subscription's key for a topic of subscription-topics.yaml, and for a figure of figures.yaml. */
export const topicKey = (id: string) => `t:${id}`;
export const figureKey = (id: string) => `f:${id}`;

/** Reads what a text is about, as the relevance classifier does for news items. */
export type Classify = (text: { title: string; lead: string }, lang: Lang) => { about: string[] };

/**
 * Whether a subscriber who follows `topics` hears of an item about `about` (knowledge base
 * entries): everything; a topic one of whose entries the item is about; a figure it is about.
 */
export function follows(topics: readonly string[], about: readonly string[], kb: Pick<LoadedKnowledge, "subscriptionTopics">): boolean {
  if (topics.includes(EVERYTHING)) return true;
  const entries = new Set(about);
  return topics.some((key) => {
    if (key.startsWith("f:")) return entries.has(`figure:${key.slice(2)}`);
    const topic = kb.subscriptionTopics.find((t) => topicKey(t.id) === key);
    return topic?.about.some((entry) => entries.has(entry)) ?? false;
  });
}

/**
 * What a new item is about: a timeline event, itself and the figures it names; an article, what
 * the classifier makes of its title and first paragraph.
 */
export function aboutItem(item: Item, classify: Classify): string[] {
  if (item.kind === "event") return [`event:${item.event.id}`, ...item.event.figureIds.map((id) => `figure:${id}`)];
  const { original } = item;
  const lead = original.paragraphs.find((p) => !p.heading)?.text ?? "";
  return classify({ title: original.title, lead }, original.lang).about;
}
