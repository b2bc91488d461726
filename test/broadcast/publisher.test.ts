import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBaseline, publish } from "../../src/broadcast/publisher.ts";
import { createI18n, translator } from "../../src/i18n.ts";
import { addArticle } from "../../src/knowledge/add-article.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { Library } from "../../src/library.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";

const t = translator(createI18n());

let dir: string;
let library: Library;
/** The knowledge base as the repository has it: what each test starts from. */
let baseline: KnowledgeBase;
let storage: SqliteStorage;

function add(id: string, title: string, paragraphs: string[]): void {
  addArticle(library.dir, { id, lang: "ru", title, published: "2026-12-03", paragraphs, outlet: "Example News", url: `https://example.kz/${id}` });
}

const IRAQ = [
  "В рамках гуманитарной операции в Казахстан из Ирака вернули ещё шесть детей, которые вместе с матерями находились в багдадской тюрьме «Русафа».",
  "Дети пройдут обследование и вернутся к родственникам; матери остаются в заключении в Ираке.",
];

// One library for the file: indexing the knowledge base is most of what a publish costs, and
// every publish reloads it from the folder, which each test starts with a fresh copy of.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhusan-publisher-"));
  cpSync("knowledge", join(dir, "knowledge"), { recursive: true });
  library = new Library(join(dir, "knowledge"));
  baseline = library.knowledge;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  rmSync(library.dir, { recursive: true, force: true });
  cpSync("knowledge", library.dir, { recursive: true });
  storage = SqliteStorage.open(":memory:");
  await ensureBaseline(baseline, storage);
  await storage.setSubscription(1, "private", "ru", { topics: ["all"], weekly: false });
  await storage.setSubscription(2, "private", "kk", { topics: ["t:iraq"], weekly: false });
  await storage.setSubscription(3, "private", "ru", { topics: ["t:courts"], weekly: false });
  await storage.setSubscription(4, "private", "ru", { topics: ["t:iraq"], weekly: true });
  await storage.setSubscription(5, "private", "ru", { topics: ["t:iraq", "t:rehabilitation", "f:sain"], weekly: false });
});

afterEach(async () => {
  await storage.close();
});

const queued = async () => {
  const messages = [];
  for (let next = await storage.nextOutbox(Date.now()); next; next = await storage.nextOutbox(Date.now())) {
    messages.push(next);
    await storage.startSending(next.id);
    await storage.markSent(next.id);
  }
  return messages;
};

describe("announcing what is new to those who follow it", () => {
  it("makes the knowledge base the baseline on a database where nothing was published, announcing nothing", async () => {
    const fresh = SqliteStorage.open(":memory:");
    try {
      await fresh.setSubscription(1, "private", "ru", { topics: ["all"], weekly: false });
      expect(await publish(library, fresh, t)).toEqual({ announced: [], queued: 0, baseline: true });
      expect(await fresh.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
      // Every item of the knowledge base, as the other tests start from.
      expect(await fresh.publishedItems()).toEqual(await storage.publishedItems());
    } finally {
      await fresh.close();
    }
  });

  it("classifies an article added by hand from its title and first paragraph, and announces it once to each subscriber it matches who hears at once", async () => {
    add("iraq-six-children", "Из Ирака вернули ещё шесть детей", IRAQ);
    const result = await publish(library, storage, t);
    expect(result).toEqual({ announced: ["article:iraq-six-children"], queued: 3, baseline: false });
    expect((await queued()).map((m) => m.chatId)).toEqual([1, 2, 5]);
    const [item] = await storage.publishedBetween(0, Date.now() + 1);
    expect(item?.item).toBe("article:iraq-six-children");
    expect(item?.about).toContain("event:rusafa");
  });

  it("takes what a reviewed draft was about instead of classifying it", async () => {
    // The text is the Iraq article's; the draft was found to be about the courts.
    add("court-news", "Суд вынес приговор", IRAQ);
    await publish(library, storage, t, { about: new Map([["article:court-news", ["topic:prosecution"]]]) });
    expect((await queued()).map((m) => m.chatId)).toEqual([1, 3]);
  });

  it("announces a new timeline event to those who follow it or a figure it names", async () => {
    const timeline = join(library.dir, "timeline.yaml");
    writeFileSync(
      timeline,
      `${readFileSync(timeline, "utf8")}
  - id: sain-2026
    date: "2026-12"
    date_label: {ru: "декабрь 2026", kk: "2026 жылғы желтоқсан"}
    kind: statement
    title: {ru: "Заявление Саина", kk: "Саиннің мәлімдемесі"}
    figures: [sain]
    facts:
      - ru: "В декабре 2026 года Саин рассказал об итогах операции «Жусан»."
        kk: "2026 жылғы желтоқсанда Саин «Жусан» операциясының қорытындысы туралы айтты."
        sources: [https://aruzhansain.kz/?p=1553]
`,
    );
    expect((await publish(library, storage, t)).announced).toEqual(["event:sain-2026"]);
    expect((await queued()).map((m) => m.chatId)).toEqual([1, 5]);
  });
});
