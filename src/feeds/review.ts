import { existsSync, rmSync } from "node:fs";
import type { PublishOptions, PublishResult } from "../broadcast/publisher.ts";
import { addArticle, articlePath } from "../knowledge/add-article.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import type { Library } from "../library.ts";
import { logger } from "../log.ts";
import type { Draft, DraftDecision, Storage } from "../storage/storage.ts";
import type { FoundItem } from "./watcher.ts";

/** An admin's title edit lasts this long; after it, their next message is a question again. */
export const TITLE_EDIT_MS = 15 * 60_000;
const MIN_TITLE = 3;
export const MAX_TITLE = 300;

/** The admin who presses a button, as Telegram names them. */
export interface Admin {
  id: number;
  name: string;
}

export type Outcome =
  | { kind: "published"; draft: Draft; result: PublishResult }
  | { kind: "rejected"; draft: Draft }
  /** Decided before, by the admin `draft.decision` names (perhaps the one asking). */
  | { kind: "decided"; draft: Draft }
  | { kind: "missing" }
  /** The knowledge base refused the article; the draft waits again. */
  | { kind: "invalid"; draft: Draft; problems: string[] };

export type TitleOutcome = { kind: "none" } | { kind: "too-short" } | { kind: "too-long" } | { kind: "retitled"; draft: Draft } | { kind: "decided"; draft: Draft };

export interface ReviewOptions {
  storage: Storage;
  library: Library;
  /** Reloads the knowledge base and queues the announcements of what is new (as /publish does). */
  publish(options: PublishOptions): Promise<PublishResult>;
  log?: { info(fields: object, message: string): void };
  now?: () => number;
}

/**
 * The admins' review of the drafts the feed watcher finds: every state lives in the storage and
 * every change of state is a conditional update, so two admins (or one pressing twice, or two bot
 * processes) decide a draft once. ✅ writes the article as `npm run add` does and publishes it;
 * nothing else reaches subscribers.
 */
export class Review {
  private readonly log: NonNullable<ReviewOptions["log"]>;
  private readonly now: () => number;

  constructor(private readonly options: ReviewOptions) {
    this.log = options.log ?? logger;
    this.now = options.now ?? Date.now;
  }

  /**
   * A relevant item the watcher found becomes a draft waiting for review; null when its address is
   * known already: a draft of it in any state (a rejected one never comes back), or an article.
   */
  async found({ source, relevance, draft }: FoundItem): Promise<Draft | null> {
    if (this.options.library.knowledge.articles.some((article) => article.url === draft.url)) return null;
    return this.options.storage.addDraft({ feed: source.id, article: draft, score: relevance.score, about: relevance.about }, this.now());
  }

  async reject(id: number, admin: Admin): Promise<Outcome> {
    const { storage } = this.options;
    const moved = await storage.moveDraft(id, "waiting", "rejected", this.decision(admin));
    const draft = await storage.draft(id);
    if (!draft) return { kind: "missing" };
    if (!moved) return { kind: "decided", draft };
    this.log.info({ admin: admin.id, draft: id, url: draft.article.url, decision: "rejected" }, "draft rejected");
    return { kind: "rejected", draft };
  }

  async publish(id: number, admin: Admin): Promise<Outcome> {
    const { storage } = this.options;
    const draft = await storage.draft(id);
    if (!draft) return { kind: "missing" };
    if (draft.status !== "waiting") return { kind: "decided", draft };
    const decision = this.decision(admin);
    const articleId = this.articleIdFor(draft);
    if (!(await storage.moveDraft(id, "waiting", "publishing", decision, articleId))) return { kind: "decided", draft: (await storage.draft(id)) ?? draft };
    const publishing = { ...draft, status: "publishing" as const, decision, articleId };
    try {
      const result = await this.complete(publishing);
      return { kind: "published", draft: { ...publishing, status: "published" }, result };
    } catch (error) {
      await storage.moveDraft(id, "publishing", "waiting", null);
      if (!(error instanceof KnowledgeError)) throw error;
      this.log.info({ admin: admin.id, draft: id, url: draft.article.url, decision: "refused", problems: error.problems }, "draft not published: the knowledge base refused it");
      return { kind: "invalid", draft: { ...draft, articleId }, problems: error.problems };
    }
  }

  /**
   * Finishes the publications a stopped process left half done (✅ pressed, the process gone
   * before the article was announced) whose decision is older than `decidedBefore`. Announcing
   * is idempotent: what was announced already is not announced again.
   */
  async resumeInterrupted(decidedBefore: number): Promise<number> {
    const { storage } = this.options;
    let resumed = 0;
    for (const draft of await storage.drafts("publishing", 100)) {
      if (!draft.decision || !draft.articleId || draft.decision.at >= decidedBefore) continue;
      try {
        await this.complete({ ...draft, articleId: draft.articleId });
        resumed++;
      } catch (error) {
        await storage.moveDraft(draft.id, "publishing", "waiting", null);
        this.log.info({ draft: draft.id, reason: error instanceof Error ? error.message : String(error) }, "an interrupted publication failed; the draft waits again");
      }
    }
    return resumed;
  }

  /** The admin's next message will be the draft's title. */
  async startTitleEdit(id: number, admin: Admin): Promise<Outcome | { kind: "editing"; draft: Draft }> {
    const draft = await this.options.storage.draft(id);
    if (!draft) return { kind: "missing" };
    if (draft.status !== "waiting") return { kind: "decided", draft };
    await this.options.storage.beginTitleEdit(admin.id, id, this.now() + TITLE_EDIT_MS);
    return { kind: "editing", draft };
  }

  /** A message from an admin: the new title if they are editing one ("none" otherwise). A title too short or too long leaves the edit going. */
  async takeTitle(admin: Admin, text: string): Promise<TitleOutcome> {
    const { storage } = this.options;
    const id = await storage.titleEdit(admin.id, this.now());
    if (id === null) return { kind: "none" };
    const title = text.replace(/\s+/g, " ").trim();
    if (title.length < MIN_TITLE) return { kind: "too-short" };
    if (title.length > MAX_TITLE) return { kind: "too-long" };
    const retitled = await storage.retitleDraft(id, title);
    await storage.endTitleEdit(admin.id, this.now());
    const draft = await storage.draft(id);
    if (!draft) return { kind: "none" };
    if (!retitled) return { kind: "decided", draft };
    this.log.info({ admin: admin.id, draft: id, url: draft.article.url, decision: "retitled", title }, "draft title edited");
    return { kind: "retitled", draft };
  }

  /** Ends the admin's title edit; false when none was going on. */
  cancelTitleEdit(admin: Admin): Promise<boolean> {
    return this.options.storage.endTitleEdit(admin.id, this.now());
  }

  private decision(admin: Admin): DraftDecision {
    return { by: admin.id, name: admin.name, at: this.now() };
  }

  /**
   * The id the article gets: an article of the knowledge base with the same address already has
   * one; otherwise the draft's own, or with -2, -3… when another article or file has it.
   */
  private articleIdFor(draft: Draft): string {
    const { library } = this.options;
    const same = library.knowledge.articles.find((article) => article.url === draft.article.url);
    if (same) return same.id;
    const taken = (id: string) => library.knowledge.articles.some((article) => article.id === id) || existsSync(articlePath(library.dir, draft.article.lang, id));
    const base = draft.article.id;
    let id = base;
    for (let n = 2; taken(id); n++) id = `${base}-${n}`;
    return id;
  }

  /**
   * Writes the article (unless the knowledge base has it already, or an interrupted attempt wrote
   * it) and publishes it as being about what the draft is about; a failed publish takes back the
   * file it wrote.
   */
  private async complete(draft: Draft & { articleId: string }): Promise<PublishResult> {
    const { library, storage } = this.options;
    const { article } = draft;
    const there = library.knowledge.articles.some((a) => a.id === draft.articleId) || existsSync(articlePath(library.dir, article.lang, draft.articleId));
    const written = there
      ? null
      : addArticle(library.dir, { id: draft.articleId, lang: article.lang, title: draft.title, published: article.published, paragraphs: article.paragraphs, outlet: article.outlet, url: article.url });
    let result: PublishResult;
    try {
      // Subscribers' topics are matched against what the draft was found to be about.
      result = await this.options.publish({ about: new Map([[`article:${draft.articleId}`, draft.about]]) });
    } catch (error) {
      if (written) rmSync(written, { force: true });
      throw error;
    }
    await storage.moveDraft(draft.id, "publishing", "published", draft.decision, draft.articleId);
    this.log.info(
      { admin: draft.decision?.by, draft: draft.id, url: article.url, decision: "published", article: draft.articleId, announced: result.announced, queued: result.queued },
      "draft published",
    );
    return result;
  }
}
