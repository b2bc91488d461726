import type { Article, KnowledgeBase, Lang, TimelineEvent } from "../knowledge/types.ts";

/** Something subscribers hear about once: an article (with its translation) or a timeline event. */
export type Item = { key: string; kind: "article"; original: Article; translations: Partial<Record<Lang, Article>> } | { key: string; kind: "event"; event: TimelineEvent };

/** Every announceable item of a knowledge base, keyed `article:<original id>` or `event:<id>`. */
export function itemsOf(kb: KnowledgeBase): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const article of kb.articles.filter((a) => !a.translationOf)) {
    const translations: Partial<Record<Lang, Article>> = { [article.lang]: article };
    for (const translation of kb.articles.filter((a) => a.translationOf === article.id)) translations[translation.lang] = translation;
    items.set(`article:${article.id}`, { key: `article:${article.id}`, kind: "article", original: article, translations });
  }
  for (const event of kb.timeline) items.set(`event:${event.id}`, { key: `event:${event.id}`, kind: "event", event });
  return items;
}
