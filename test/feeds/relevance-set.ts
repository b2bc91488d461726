import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import type { Lang } from "../../src/knowledge/types.ts";

export interface LabelledItem {
  lang: Lang;
  relevant: boolean;
  title: string;
  lead: string;
}

/**
 * The labelled headlines, split in two halves by position within each language and label
 * (1st, 3rd, 5th… tuning; 2nd, 4th, 6th… held out), so each half has both languages and both labels.
 */
export function relevanceSet(): { tuning: LabelledItem[]; heldOut: LabelledItem[] } {
  const { items } = load(readFileSync(new URL("relevance-set.yaml", import.meta.url), "utf8")) as { items: LabelledItem[] };
  const seen = new Map<string, number>();
  const tuning: LabelledItem[] = [];
  const heldOut: LabelledItem[] = [];
  for (const item of items) {
    const group = `${item.lang}:${item.relevant}`;
    const position = seen.get(group) ?? 0;
    seen.set(group, position + 1);
    (position % 2 === 0 ? tuning : heldOut).push(item);
  }
  return { tuning, heldOut };
}
