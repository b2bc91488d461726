import { beforeAll, describe, expect, it } from "vitest";
import { itemsOf, type Item } from "../../src/broadcast/items.ts";
import { aboutItem, figureKey, follows, topicKey } from "../../src/broadcast/topics.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { LoadedKnowledge } from "../../src/knowledge/types.ts";

let kb: LoadedKnowledge;

beforeAll(() => {
  kb = loadKnowledge("knowledge");
});

describe("who follows an item", () => {
  it("everything follows every item, even one about nothing known", () => {
    expect(follows(["all"], [], kb)).toBe(true);
    expect(follows(["all"], ["event:rusafa"], kb)).toBe(true);
  });

  it("a topic follows the items about any of its entries, and only those", () => {
    expect(follows([topicKey("iraq")], ["topic:abroad", "event:rusafa"], kb)).toBe(true);
    expect(follows([topicKey("iraq")], ["event:zhusan-3", "topic:totals-stages"], kb)).toBe(false);
    expect(follows([topicKey("courts")], ["topic:prosecution"], kb)).toBe(true);
    expect(follows([topicKey("rehabilitation")], ["event:knb-film"], kb)).toBe(true);
    expect(follows([topicKey("world")], ["figure:pompeo"], kb)).toBe(true);
    expect(follows([topicKey("zhusan-2")], ["event:zhusan-2"], kb)).toBe(true);
  });

  it("a figure follows the items about it; several topics follow what any one of them does", () => {
    expect(follows([figureKey("sain")], ["event:osce-sain-2022", "figure:sain"], kb)).toBe(true);
    expect(follows([figureKey("sain")], ["event:osce-sain-2022"], kb)).toBe(false);
    expect(follows([topicKey("courts"), figureKey("sain"), topicKey("iraq")], ["event:rusafa"], kb)).toBe(true);
    expect(follows([topicKey("courts"), figureKey("sain")], ["event:rusafa"], kb)).toBe(false);
  });

  it("nothing follows an item about nothing, and a topic that is gone follows nothing", () => {
    expect(follows([topicKey("iraq"), figureKey("sain")], [], kb)).toBe(false);
    expect(follows([topicKey("no-such-topic")], ["event:rusafa"], kb)).toBe(false);
    expect(follows([], ["event:rusafa"], kb)).toBe(false);
  });

  it("every stage the timeline holds has a topic, and every topic has a title in both languages", () => {
    const stages = kb.subscriptionTopics.filter((topic) => topic.group === "stage").flatMap((topic) => topic.about);
    for (const id of ["zhusan-1", "zhusan-2", "zhusan-3", "zhusan-2021"]) expect(stages).toContain(`event:${id}`);
    expect(kb.subscriptionTopics.find((topic) => topic.id === "iraq")?.about).toContain("event:rusafa");
    for (const topic of kb.subscriptionTopics) expect(topic.title.ru && topic.title.kk, topic.id).toBeTruthy();
  });
});

describe("what a new item is about", () => {
  it("a timeline event is about itself and the figures it names, without asking the classifier", () => {
    const rusafa = itemsOf(kb).get("event:rusafa") as Item;
    const about = aboutItem(rusafa, () => {
      throw new Error("not asked");
    });
    expect(about).toEqual(["event:rusafa", "figure:tokayev", "figure:s-vasilenko", "figure:mfa", "figure:knb", "figure:unicef", "figure:sain", "figure:sher"]);
  });

  it("an article is about what the classifier makes of its title and first paragraph (not a heading), in its language", () => {
    const article = itemsOf(kb).get("article:sputnik-sales-visit") as Item & { kind: "article" };
    const asked: unknown[] = [];
    const about = aboutItem(article, (text, lang) => {
      asked.push({ ...text, lang });
      return { about: ["figure:sales"] };
    });
    expect(about).toEqual(["figure:sales"]);
    const first = article.original.paragraphs.find((p) => !p.heading)?.text;
    expect(asked).toEqual([{ title: article.original.title, lead: first, lang: "ru" }]);
  });
});
