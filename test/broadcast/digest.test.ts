import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MESSAGE_LIMIT } from "../../src/answer/html.ts";
import { digestText, weekEnded } from "../../src/broadcast/digest.ts";
import { WeeklyDigests } from "../../src/broadcast/digests.ts";
import { itemsOf, type Item } from "../../src/broadcast/items.ts";
import { createI18n, translator, type Translate } from "../../src/i18n.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { Article, LoadedKnowledge } from "../../src/knowledge/types.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { parseHtml } from "../e2e/stand-in/html.ts";

let t: Translate;
let kb: LoadedKnowledge;

beforeAll(() => {
  t = translator(createI18n());
  kb = loadKnowledge("knowledge");
});

const shown = (html: string) => parseHtml(html, { strict: true });
const links = (html: string) => shown(html).entities.flatMap((e) => (e.type === "text_link" ? [e.url] : []));
const at = (iso: string) => Date.parse(iso);

function article(n: number, title = `Материал номер ${n} о возвращении граждан из Сирии`): Item {
  const original: Article = {
    id: `news-${n}`,
    lang: "ru",
    title,
    outlet: "Example News",
    url: `https://example.kz/news/${n}`,
    published: "2026-12-03",
    translationOf: null,
    paragraphs: [{ text: "Текст.", heading: false }],
    file: `articles/ru/news-${n}.md`,
  };
  return { key: `article:news-${n}`, kind: "article", original, translations: { ru: original } };
}

describe("digest weeks", () => {
  it("end on Mondays at 10:00 in Kazakhstan (05:00 UTC), and a week is named by the day it ends", () => {
    expect(weekEnded(at("2026-12-07T05:00:00Z"))).toEqual({ week: "2026-12-07", since: at("2026-11-30T05:00:00Z"), until: at("2026-12-07T05:00:00Z") });
    expect(weekEnded(at("2026-12-07T04:59:59Z")).week).toBe("2026-11-30");
    expect(weekEnded(at("2026-12-13T23:30:00Z")).week).toBe("2026-12-07");
    // Monday 01:00 in Kazakhstan is still Sunday in UTC.
    expect(weekEnded(at("2026-12-13T20:00:00Z")).week).toBe("2026-12-07");
    expect(weekEnded(at("2027-01-04T06:00:00Z")).week).toBe("2027-01-04");
  });
});

describe("a digest's text", () => {
  const week = weekEnded(at("2026-12-08T12:00:00Z"));

  it("lists each item with its outlet, date and link under the week's dates, in the subscriber's language", () => {
    const items = [article(1), itemsOf(kb).get("event:rusafa") as Item];
    const ru = digestText(items, week, "ru", t);
    expect(shown(ru).text).toMatch(/^📬 Дайджест за неделю: 30 ноября 2026 г\. – 7 декабря 2026 г\./);
    expect(shown(ru).text).toContain("Материал номер 1 о возвращении граждан из Сирии — Example News, 3 декабря 2026 г.");
    expect(shown(ru).text).toContain("«Русафа»: 14 детей из Ирака");
    expect(links(ru)[0]).toBe("https://example.kz/news/1");
    expect(links(ru)).toHaveLength(2);
    expect(shown(ru).text).toMatch(/\/subscribe[^]*\/unsubscribe/);
    const kk = digestText(items, week, "kk", t);
    expect(shown(kk).text).toMatch(/^📬 Апталық шолу/);
    expect(shown(kk).text).toContain("«Русафа»: Ирактан 14 бала");
    expect(shown(kk).text).toContain("(орыс тілінде)");
  });

  it("escapes what the articles say", () => {
    const text = digestText([article(1, `<script>alert("x")</script> & <b>`)], week, "ru", t);
    expect(shown(text).text).toContain(`<script>alert("x")</script> & <b>`);
  });

  it("fits in one message however many items there are, and says how many it left out", () => {
    const items = Array.from({ length: 80 }, (_, i) => article(i, `${"Очень длинный заголовок материала об операции «Жусан» ".repeat(4)}${i}`));
    for (const lang of ["ru", "kk"] as const) {
      const text = digestText(items, week, lang, t);
      expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      const listed = links(text).length;
      expect(listed).toBeGreaterThan(5);
      expect(listed).toBeLessThan(80);
      expect(shown(text).text).toContain(String(80 - listed));
    }
    expect(shown(digestText(items, week, "ru", t)).text).toMatch(/и ещё \d+ материал/);
  });
});

describe("the weekly digests", () => {
  let dir: string;
  let storage: SqliteStorage;
  let now: number;
  let woken: number;
  const digests = (s = storage) => new WeeklyDigests({ storage: s, library: { knowledge: kb }, t, queued: () => woken++, log: () => undefined, now: () => now });
  const queued = async () => {
    const messages = [];
    for (let next = await storage.nextOutbox(Number.MAX_SAFE_INTEGER); next; next = await storage.nextOutbox(Number.MAX_SAFE_INTEGER)) {
      messages.push(next);
      await storage.startSending(next.id);
      await storage.markSent(next.id);
    }
    return messages;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "zhusan-digest-"));
    cpSync("knowledge", join(dir, "knowledge"), { recursive: true });
    storage = SqliteStorage.open(join(dir, "bot.sqlite"));
    woken = 0;
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends each weekly subscriber one digest of the week's items that match their topics, in their language, once", async () => {
    await storage.publish(["event:zhusan-1"], []);
    await storage.publish(["event:rusafa", "event:trial-sept-2019", "event:zhusan-2"], [], new Map([
      ["event:rusafa", ["event:rusafa", "figure:sain"]],
      ["event:trial-sept-2019", ["event:trial-sept-2019"]],
      ["event:zhusan-2", ["event:zhusan-2"]],
    ]));
    await storage.setSubscription(1, "private", "ru", { topics: ["t:iraq", "t:courts"], weekly: true });
    await storage.setSubscription(2, "private", "kk", { topics: ["f:sain"], weekly: true });
    await storage.setSubscription(3, "private", "ru", { topics: ["t:zhusan-1"], weekly: true });
    await storage.setSubscription(4, "private", "ru", { topics: ["all"], weekly: false });
    await storage.setSubscription(5, "private", "ru", { topics: ["all"], weekly: true });

    // During the week in which they were published: the week before is digested (nothing in it).
    now = Date.now() + 60_000;
    expect(await digests().queue()).toBe(0);
    expect(await queued()).toEqual([]);

    now += 7 * 86_400_000;
    expect(await digests().queue()).toBe(3);
    expect(woken).toBe(1);
    const sent = await queued();
    const week = weekEnded(now).week;
    expect(sent.map((m) => [m.chatId, m.item])).toEqual([1, 2, 5].map((chatId) => [chatId, `digest:${week}`]));
    const text = (chatId: number) => shown(sent.find((m) => m.chatId === chatId)?.text ?? "").text;
    expect(text(1)).toMatch(/«Русафа»[^]*Первый крупный суд/);
    expect(text(1)).not.toMatch(/Жусан-2/);
    expect(text(2)).toMatch(/^📬 Апталық шолу[^]*Ирактан 14 бала/);
    expect(text(2)).not.toMatch(/сот/i);
    // Everything: the three announced items, not the baseline.
    expect(text(5)).toMatch(/«Русафа»[^]*Первый крупный суд[^]*второй этап/);
    expect(text(5)).not.toMatch(/первый этап/);

    // Asked again, by this process or another (a restart, a second instance): nothing more.
    expect(await digests().queue()).toBe(0);
    const other = SqliteStorage.open(join(dir, "bot.sqlite"));
    expect(await digests(other).queue()).toBe(0);
    await other.close();
    expect(await queued()).toEqual([]);
  });

  it("leaves a week without weekly subscribers open for one who subscribes before the next week ends", async () => {
    await storage.publish(["event:zhusan-1"], []);
    await storage.publish(["event:rusafa"], [], new Map([["event:rusafa", ["event:rusafa"]]]));
    now = Date.now() + 7 * 86_400_000 + 60_000;
    expect(await digests().queue()).toBe(0);
    await storage.setSubscription(1, "private", "ru", { topics: ["t:iraq"], weekly: true });
    expect(await digests().queue()).toBe(1);
    expect(await digests().queue()).toBe(0);
  });
});
