import type { AnswerEngine, AnswerReason } from "../answer/engine.ts";
import type { Lang } from "../knowledge/types.ts";
import { Ranker } from "../search/ranking.ts";

/**
 * The least confidence (0–1) with which the search engine's best passage must match a
 * headline and its lead for the item to be about the operation. Tuned on the tuning half of
 * test/feeds/relevance-set.yaml: halfway between its best-scoring unrelated item (0.44) and its
 * worst-scoring related one (0.53), with the ranker model of 2026-12-02. The scores move when the ranker or the glossary changes:
 * test/feeds/relevance.test.ts then says where the tuning half is best cut.
 */
export const RELEVANCE_THRESHOLD = 0.49;
/**
 * A listing page gives only headlines, and a headline alone says too little (on the tuning half:
 * 93% precision, 81% recall). One that scores at least this much has its page fetched, and the
 * headline with the page's first paragraph decides; below it (every unrelated headline but a few
 * on the tuning half, and one related one) the item is dropped unread.
 */
export const HEADLINE_ONLY_FLOOR = 0.25;
/** Entries whose passages score this close to the best one are named as what the item is about. */
const ABOUT_GAP = 2;
const MAX_ABOUT = 3;

export interface Relevance {
  relevant: boolean;
  score: number;
  /** What the search made of the text: "other-country" for another country's returns, and so on. */
  reason: AnswerReason;
  /** The structured entries the item matched best (`event:zhusan-2`, `figure:sain`, `topic:overview`): what topic subscriptions follow. */
  about: string[];
}

/**
 * Decides whether a news item is about the operation the way the bot decides whether it can
 * answer a question: the headline and lead are searched as a question would be, by the same
 * analyzer and index, and the ranker's confidence in the best passage is the item's score. A
 * text about another country's returns is refused, as a question about them is.
 */
export class RelevanceClassifier {
  constructor(
    private readonly library: { readonly engine: AnswerEngine },
    readonly threshold = RELEVANCE_THRESHOLD,
    private readonly ranker = new Ranker(),
  ) {}

  judge(item: { title: string; lead: string }, lang?: Lang): Relevance {
    const title = item.title.trim();
    const text = item.lead.trim() ? `${title}${/[.!?…]$/.test(title) ? "" : "."} ${item.lead.trim()}` : title;
    const retrieval = this.library.engine.retrieve(text, lang ? { fallbackLang: lang } : {});
    const score = retrieval.confidence ? this.ranker.confidence(retrieval.confidence) : 0;
    // Articles are left out: an article matching itself (a published one) or another says nothing of its topics.
    const entries = retrieval.hits.filter((hit) => hit.passage.origin.kind !== "article");
    const best = entries[0]?.score ?? 0;
    const about = new Set<string>();
    for (const hit of entries) {
      if (about.size === MAX_ABOUT || hit.score < best - ABOUT_GAP) break;
      const { origin } = hit.passage;
      about.add(`${origin.kind}:${origin.id}`);
    }
    return { relevant: score >= this.threshold, score, reason: retrieval.reason, about: score >= this.threshold ? [...about] : [] };
  }
}
