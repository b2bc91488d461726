import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureBaseline, publish, type PublishResult } from "../../src/broadcast/publisher.ts";
import type { ArticleDraft } from "../../src/feeds/draft.ts";
import { Review, TITLE_EDIT_MS } from "../../src/feeds/review.ts";
import type { FoundItem } from "../../src/feeds/watcher.ts";
import { createI18n, translator } from "../../src/i18n.ts";
import { Library } from "../../src/library.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import type { Storage } from "../../src/storage/storage.ts";

const t = translator(createI18n());
const TEXT = [
  "В ходе нового этапа гуманитарной операции «Жусан» из Сирии на родину вернулись 12 граждан Казахстана: четверо мужчин, одна женщина и семеро детей.",
  "Женщина и дети пройдут реабилитацию в специальном центре, где с ними будут работать психологи, врачи и педагоги; мужчины ответят перед законом.",
];
const ALICE = { id: 101, name: "Алия" };
const BOB = { id: 202, name: "Бауыржан" };

function article(n: number, over: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    id: `zhusan-news-${n}`,
    lang: "ru",
    title: `Из Сирии вернули 12 граждан (${n})`,
    url: `https://news.example.kz/ru/${n}`,
    outlet: "Example News",
    published: "2021-02-05",
    paragraphs: TEXT,
    text: TEXT.join("\n\n"),
    ...over,
  };
}

function found(draft: ArticleDraft): FoundItem {
  return {
    source: { id: "example-ru", outlet: "Example News", lang: "ru", kind: "feed", url: "https://news.example.kz/rss" },
    item: { key: draft.url, url: draft.url, title: draft.title, lead: "", published: draft.published },
    relevance: { relevant: true, score: 0.8, reason: "answered" as FoundItem["relevance"]["reason"], about: ["event:zhusan-1"] },
    draft,
    changed: false,
  };
}

describe("the review of drafts", () => {
  let dir: string;
  let library: Library;
  let storage: Storage;
  let review: Review;
  let lines: { fields: Record<string, unknown>; message: string }[];
  let now: number;
  let publishes: PublishResult[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "zhusan-review-"));
    cpSync("knowledge", join(dir, "knowledge"), { recursive: true });
    library = new Library(join(dir, "knowledge"));
    storage = SqliteStorage.open(":memory:");
    await ensureBaseline(library.knowledge, storage); // the baseline, without indexing the knowledge base again
    await storage.subscribe(1, "private", "ru");
    await storage.subscribe(2, "private", "kk");
    lines = [];
    now = 1_700_000_000_000;
    publishes = [];
    review = new Review({
      storage,
      library,
      publish: async () => {
        const result = await publish(library, storage, t);
        publishes.push(result);
        return result;
      },
      log: { info: (fields, message) => lines.push({ fields: fields as Record<string, unknown>, message }) },
      now: () => now,
    });
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const articleFiles = () => readdirSync(join(dir, "knowledge", "articles", "ru"));

  it("makes a found item a waiting draft once; an address the knowledge base has already is no draft", async () => {
    const draft = await review.found(found(article(1)));
    expect(draft).toMatchObject({ status: "waiting", title: article(1).title, about: ["event:zhusan-1"], score: 0.8, feed: "example-ru", decision: null });
    expect(await review.found(found(article(1, { title: "Другой заголовок" })))).toBeNull();
    const known = library.knowledge.articles[0]!;
    expect(await review.found(found(article(2, { url: known.url })))).toBeNull();
    expect(await storage.draftCount("waiting")).toBe(1);
  });

  it("✅ writes the article as npm run add does, reloads the index and announces it to every subscriber once", async () => {
    const { id } = (await review.found(found(article(1))))!;
    const outcome = await review.publish(id, ALICE);
    expect(outcome.kind).toBe("published");
    expect(publishes).toEqual([{ announced: ["article:zhusan-news-1"], queued: 2, baseline: false }]);
    const file = readFileSync(join(dir, "knowledge", "articles", "ru", "zhusan-news-1.md"), "utf8");
    expect(file).toMatch(/^---\nid: zhusan-news-1\nlang: ru\ntitle: Из Сирии вернули 12 граждан \(1\)\nsource: Example News\nurl: https:\/\/news.example.kz\/ru\/1\npublished: '2021-02-05'\n---\n/);
    expect(library.knowledge.articles.some((a) => a.id === "zhusan-news-1")).toBe(true);
    expect(await storage.outboxCounts()).toEqual({ pending: 2, sent: 0, failed: 0 });
    expect(await storage.draft(id)).toMatchObject({ status: "published", decision: { by: ALICE.id, name: ALICE.name, at: now }, articleId: "zhusan-news-1" });
    expect(lines).toEqual([{ message: "draft published", fields: expect.objectContaining({ admin: ALICE.id, draft: id, decision: "published", article: "zhusan-news-1" }) }]);
  });

  it("decides once when two admins press at once, or one presses twice: the other is told who decided", async () => {
    const { id } = (await review.found(found(article(1))))!;
    const [a, b] = await Promise.all([review.publish(id, ALICE), review.reject(id, BOB)]);
    const winner = a.kind === "published" ? ALICE : BOB;
    expect([a.kind, b.kind].sort()).toEqual(a.kind === "published" ? ["decided", "published"] : ["decided", "rejected"]);
    const loser = a.kind === "decided" ? a : b;
    expect(loser.kind === "decided" && loser.draft.decision?.by).toBe(winner.id);
    const again = await review.publish(id, winner);
    expect(again.kind === "decided" && again.draft.decision).toMatchObject({ by: winner.id, name: winner.name });
    expect(lines).toHaveLength(1);
    expect(publishes.length).toBeLessThanOrEqual(1);
    expect((await storage.outboxCounts()).pending).toBe(a.kind === "published" ? 2 : 0);
  });

  it("❌ marks a draft rejected: nothing is written or announced, and its address never comes back", async () => {
    const before = articleFiles();
    const { id } = (await review.found(found(article(1))))!;
    expect(await review.reject(id, BOB)).toMatchObject({ kind: "rejected", draft: { status: "rejected", decision: { by: BOB.id } } });
    expect(await review.found(found(article(1, { title: "Заголовок исправили" })))).toBeNull();
    expect((await review.publish(id, ALICE)).kind).toBe("decided");
    expect(articleFiles()).toEqual(before);
    expect(publishes).toEqual([]);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
    expect(lines).toEqual([{ message: "draft rejected", fields: { admin: BOB.id, draft: id, url: article(1).url, decision: "rejected" } }]);
  });

  it("✏️ takes the admin's next message as the title, which the article is published under", async () => {
    const { id } = (await review.found(found(article(1))))!;
    expect((await review.startTitleEdit(id, ALICE)).kind).toBe("editing");
    expect(await review.takeTitle(BOB, "Не моё")).toEqual({ kind: "none" });
    expect(await review.takeTitle(ALICE, " a ")).toEqual({ kind: "too-short" });
    expect(await review.takeTitle(ALICE, "x".repeat(301))).toEqual({ kind: "too-long" });
    expect(await review.takeTitle(ALICE, "  Двенадцать граждан\nвернулись из Сирии ")).toMatchObject({ kind: "retitled", draft: { title: "Двенадцать граждан вернулись из Сирии" } });
    expect(await review.takeTitle(ALICE, "Следующее сообщение — вопрос")).toEqual({ kind: "none" });
    await review.publish(id, ALICE);
    expect(library.knowledge.articles.find((a) => a.id === "zhusan-news-1")?.title).toBe("Двенадцать граждан вернулись из Сирии");
    expect(lines.map((l) => [l.message, l.fields.admin])).toEqual([["draft title edited", ALICE.id], ["draft published", ALICE.id]]);
  });

  it("ends a title edit on /cancel or when its time runs out, and keeps no title for a draft decided meanwhile", async () => {
    const { id } = (await review.found(found(article(1))))!;
    await review.startTitleEdit(id, ALICE);
    expect(await review.cancelTitleEdit(ALICE)).toBe(true);
    expect(await review.cancelTitleEdit(ALICE)).toBe(false);
    expect(await review.takeTitle(ALICE, "Новый заголовок")).toEqual({ kind: "none" });

    await review.startTitleEdit(id, ALICE);
    now += TITLE_EDIT_MS + 1;
    expect(await review.takeTitle(ALICE, "Новый заголовок")).toEqual({ kind: "none" });

    await review.startTitleEdit(id, ALICE);
    await review.reject(id, BOB);
    expect(await review.takeTitle(ALICE, "Новый заголовок")).toMatchObject({ kind: "decided", draft: { status: "rejected", title: article(1).title } });
    expect((await review.startTitleEdit(id, ALICE)).kind).toBe("decided");
  });

  it("puts a draft the knowledge base refuses back to waiting, with nothing written", async () => {
    const before = articleFiles();
    const { id } = (await review.found(found(article(1, { paragraphs: ["Слишком коротко."], text: "Слишком коротко." }))))!;
    const outcome = await review.publish(id, ALICE);
    expect(outcome.kind === "invalid" && outcome.problems.join(" ")).toMatch(/zhusan-news-1/);
    expect(articleFiles()).toEqual(before);
    expect(await storage.draft(id)).toMatchObject({ status: "waiting", decision: null });
    expect(publishes).toEqual([]);
  });

  it("gives the article another id when one of the knowledge base has the draft's", async () => {
    const taken = library.knowledge.articles.find((a) => a.lang === "ru")!.id;
    const { id } = (await review.found(found(article(1, { id: taken }))))!;
    await review.publish(id, ALICE);
    expect((await storage.draft(id))?.articleId).toBe(`${taken}-2`);
    expect(existsSync(join(dir, "knowledge", "articles", "ru", `${taken}-2.md`))).toBe(true);
  });

  it("finishes a publication a stopped process left half done, announcing it once", async () => {
    const { id } = (await review.found(found(article(1))))!;
    await storage.moveDraft(id, "waiting", "publishing", { by: ALICE.id, name: ALICE.name, at: now - 1 }, "zhusan-news-1");
    expect(await review.resumeInterrupted(now - 1)).toBe(0);
    expect(await review.resumeInterrupted(now)).toBe(1);
    expect(await storage.draft(id)).toMatchObject({ status: "published", decision: { by: ALICE.id } });
    expect(await review.resumeInterrupted(now)).toBe(0);
    expect(await storage.outboxCounts()).toEqual({ pending: 2, sent: 0, failed: 0 });
  });
});
