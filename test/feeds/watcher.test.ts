import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../src/feeds/http.ts";
import { RelevanceClassifier } from "../../src/feeds/relevance.ts";
import type { FeedSource } from "../../src/feeds/types.ts";
import { FeedWatcher, type FoundItem, type WatcherOptions } from "../../src/feeds/watcher.ts";
import { Library } from "../../src/library.ts";
import { articlePage, atom, CapturedLog, InMemorySeenStoreForTests, LocalSite, ManualClock, rss, until, type FixtureItem } from "./helpers.ts";

const classifier = new RelevanceClassifier(new Library("knowledge"));
const sites: LocalSite[] = [];
afterAll(() => Promise.all(sites.map((s) => s.close())));
async function newSite(): Promise<LocalSite> {
  const site = await LocalSite.start();
  sites.push(site);
  return site;
}

const RU_TEXT = [
  "В ходе третьего, завершающего этапа гуманитарной операции «Жусан» из Сирии на родину вернулись 238 граждан Казахстана.",
  "Среди них 67 женщин и 171 ребёнок, девять детей — сироты. Вернувшиеся пройдут реабилитацию в специальном центре.",
  "Операция проведена по поручению президента при участии спецслужб, дипломатов и военных.",
];
const KK_TEXT = [
  "«Русафа» операциясы барысында Ирактан 14 қазақстандық бала елге оралды. Олар аналарымен бірге Бағдад түрмесінде екі жыл болған.",
  "Балалар бір ай бойы Нұр-Сұлтандағы орталықта психологтар, мұғалімдер мен дәрігерлердің қарамағында болады.",
  "Содан кейін олар еліміздің әр өңіріндегі туыстарына тапсырылады.",
];
const KK_LISTED_TEXT = [
  "Ұлттық қауіпсіздік комитеті «Жусан» операциясының барлық кезеңі аяқталғанын мәлімдеді. Сириядан елге 524 азамат оралды.",
  "Олардың 357-сі бала. Комитет өкілінің айтуынша, қазір жаңа кезеңдер жоспарланбаған, 41 адам қылмыстық жауапкершілікке тартылды.",
];

function options(over: Partial<WatcherOptions> & Pick<WatcherOptions, "feeds" | "http" | "clock" | "seen" | "onRelevant">): WatcherOptions {
  return { classifier, intervalMs: 30 * 60_000, ...over };
}

describe("the feed watcher", () => {
  let news: LocalSite;
  let broken: LocalSite;
  let clock: ManualClock;
  let seen: InMemorySeenStoreForTests;
  let log: CapturedLog;
  let found: FoundItem[];
  let watcher: FeedWatcher;
  let ruItems: FixtureItem[];
  let feeds: FeedSource[];

  beforeAll(async () => {
    news = await newSite();
    broken = await newSite();
    ruItems = [
      { title: "«Жусан-3»: из Сирии вернулись 67 женщин и 171 ребёнок", lead: "Президент назвал этот этап операции завершающим.", link: news.url("/ru/news/1"), date: "Fri, 31 May 2019 18:30:00 +0600" },
      { title: "Казахстан эвакуировал 14 детей из Ирака", lead: "Около двух лет дети провели с матерями в багдадской тюрьме «Русафа».", link: news.url("/ru/news/2") },
      { title: "Jusan Bank снизил ставки по ипотеке", lead: "Банк предлагает клиентам новые условия кредитования.", link: news.url("/ru/news/3") },
      { title: "Узбекистан вернул из Сирии 98 граждан", lead: "Операция «Мехр»: женщины и дети пройдут реабилитацию в Ташкенте.", link: news.url("/ru/news/4") },
    ];
    news.serve("/ru/rss", "application/rss+xml; charset=utf-8", () => rss("Новости", ruItems));
    news.serve("/kz/atom", "application/atom+xml", atom("Жаңалықтар", [
      { title: "«Русафа» операциясы: Ирактан 14 бала елге оралды", lead: "Балалар аналарымен бірге Бағдад түрмесінде екі жыл отырған.", link: news.url("/kz/news/10"), date: "2019-11-28T10:00:00+06:00" },
      { title: "Жусан – дала өсімдігі: емдік қасиеттері мен зияны", lead: "Халық медицинасында жусанды ертеден пайдаланады.", link: news.url("/kz/news/11") },
    ]));
    news.serve("/kz/news/", "text/html; charset=utf-8", `<html><body><ul>
      <li><a href="/kz/news/20/">ҰҚК: «Жусан» операциясының барлық кезеңі аяқталды</a></li>
      <li><a href="/kz/news/21/">Теңге бағамы сауда басында нығайды</a></li>
      <li><a href="/kz/about/">Біз туралы</a></li></ul></body></html>`);
    news.serve("/ru/news/1", "text/html; charset=utf-8", articlePage({ lang: "ru", title: "«Жусан-3»: из Сирии вернулись 67 женщин и 171 ребёнок", site: "Новости", paragraphs: RU_TEXT }));
    news.serve("/kz/news/10", "text/html; charset=utf-8", articlePage({ lang: "kk", title: "«Русафа» операциясы: Ирактан 14 бала елге оралды", site: "Жаңалықтар", paragraphs: KK_TEXT }));
    news.serve("/kz/news/20/", "text/html; charset=utf-8", articlePage({ lang: "kk", title: "ҰҚК: «Жусан» операциясының барлық кезеңі аяқталды", site: "Жаңалықтар", published: "2020-02-06T12:00:00+06:00", paragraphs: KK_LISTED_TEXT }));
    broken.serve("/broken.xml", "application/rss+xml", "<rss version='2.0'><channel><item><title>Жусан</ti");
    feeds = [
      { id: "news-ru", outlet: "Новости", lang: "ru", kind: "feed", url: news.url("/ru/rss") },
      { id: "news-kk", outlet: "Жаңалықтар", lang: "kk", kind: "feed", url: news.url("/kz/atom") },
      { id: "news-kk-list", outlet: "Жаңалықтар", lang: "kk", kind: "listing", url: news.url("/kz/news/"), linkPattern: /^http:\/\/127\.0\.0\.1:\d+\/kz\/news\/\d+\/$/ },
      { id: "broken", outlet: "Broken", lang: "ru", kind: "feed", url: broken.url("/broken.xml") },
      { id: "gone", outlet: "Gone", lang: "ru", kind: "feed", url: broken.url("/gone.xml") },
    ];
    clock = new ManualClock();
    seen = new InMemorySeenStoreForTests();
    log = new CapturedLog();
    found = [];
    watcher = new FeedWatcher(options({ feeds, clock, seen, log, maxPageAttempts: 2, http: new HttpClient({ clock, hostDelayMs: 0 }), onRelevant: (f) => void found.push(f) }));
  });

  it("hands over the new relevant items in Russian and Kazakh as drafts, and logs each failing source once", async () => {
    const report = await watcher.pollOnce();
    expect(report).toEqual({ polled: 5, failed: 2, notModified: 0, fresh: 8, relevant: 4, delivered: 3 });
    expect(found.map((f) => [f.source.id, f.draft.lang, f.draft.title, f.draft.published, f.changed])).toEqual([
      ["news-ru", "ru", "«Жусан-3»: из Сирии вернулись 67 женщин и 171 ребёнок", "2019-05-31", false],
      ["news-kk", "kk", "«Русафа» операциясы: Ирактан 14 бала елге оралды", "2019-11-28", false],
      ["news-kk-list", "kk", "ҰҚК: «Жусан» операциясының барлық кезеңі аяқталды", "2020-02-06", false],
    ]);
    expect(found[0]?.draft).toMatchObject({ outlet: "Новости", url: news.url("/ru/news/1"), paragraphs: RU_TEXT });
    for (const f of found) expect(f.relevance.about.length).toBeGreaterThan(0);
    expect(log.warnings()).toEqual([
      `feed could not be read: ${broken.url("/broken.xml")}: not a feed: Invalid feed format`,
      `feed could not be read: ${broken.url("/gone.xml")}: HTTP 404 Not Found`,
      `feed item's page could not be read: ${news.url("/ru/news/2")}: HTTP 404 Not Found`,
    ]);
    // The irrelevant ones were not fetched: the bank, the plant, another country's returns, the exchange rate.
    for (const path of ["/ru/news/3", "/ru/news/4", "/kz/news/11", "/kz/news/21/"]) expect(news.count(path), path).toBe(0);
  });

  it("asks again conditionally, gets 304, and tries the page that failed once more before giving it up", async () => {
    log.lines.length = 0;
    const report = await watcher.pollOnce();
    expect(report).toMatchObject({ polled: 5, notModified: 3, delivered: 0 });
    for (const path of ["/ru/rss", "/kz/atom", "/kz/news/"]) {
      expect(news.requests.filter((r) => r.path === path).at(-1)?.headers["if-none-match"], path).toBeTruthy();
    }
    expect(news.count("/ru/news/2")).toBe(2);
    expect(log.lines.find((l) => l.fields.url === news.url("/ru/news/2"))?.fields).toMatchObject({ attempts: 2, gaveUp: true });
    await watcher.pollOnce();
    expect(news.count("/ru/news/2")).toBe(2);
    expect(found).toHaveLength(3);
  });

  it("hands over an item again when its headline changes, and only that one", async () => {
    const first = ruItems[0] as FixtureItem;
    ruItems[0] = { ...first, title: "«Жусан-3»: из Сирии вернулись 238 человек, среди них 171 ребёнок" };
    ruItems[2] = { ...(ruItems[2] as FixtureItem), title: "Jusan Bank снизил ставки по ипотеке и автокредитам" };
    const report = await watcher.pollOnce();
    expect(report).toMatchObject({ fresh: 2, relevant: 1, delivered: 1 });
    expect(found.at(-1)).toMatchObject({ changed: true, item: { url: news.url("/ru/news/1") }, source: { id: "news-ru" } });
  });

  it("runs one poll at a time", async () => {
    const before = news.count("/ru/rss");
    const [a, b] = [watcher.pollOnce(), watcher.pollOnce()];
    expect(a).toBe(b);
    await a;
    expect(news.count("/ru/rss")).toBe(before + 1);
  });

  it("after a restart hands over nothing it handed over before", async () => {
    const again: FoundItem[] = [];
    const restarted = new FeedWatcher(options({ feeds, clock, seen, log, http: new HttpClient({ clock, hostDelayMs: 0 }), onRelevant: (f) => void again.push(f) }));
    const report = await restarted.pollOnce();
    expect(report).toMatchObject({ notModified: 0, fresh: 0, delivered: 0 });
    expect(again).toEqual([]);
  });
});

describe("the feed watcher's failures", () => {
  it("gives a feed that does not answer up after the timeout, and still reads the others", async () => {
    const slow = await newSite();
    const fine = await newSite();
    slow.route("/slow.xml", () => {});
    fine.serve("/ok.xml", "application/rss+xml", rss("ok", [{ title: "Курс тенге укрепился", lead: "Доллар подешевел.", link: fine.url("/a") }]));
    const clock = new ManualClock();
    const log = new CapturedLog();
    const watcher = new FeedWatcher(options({
      feeds: [
        { id: "slow", outlet: "Slow", lang: "ru", kind: "feed", url: slow.url("/slow.xml") },
        { id: "fine", outlet: "Fine", lang: "ru", kind: "feed", url: fine.url("/ok.xml") },
      ],
      clock,
      log,
      seen: new InMemorySeenStoreForTests(),
      http: new HttpClient({ clock, hostDelayMs: 0, timeoutMs: 20_000 }),
      onRelevant: () => {},
    }));
    const poll = watcher.pollOnce();
    await until(() => slow.count("/slow.xml") === 1 && fine.count("/ok.xml") === 1 && clock.waiting.length === 1, "both requests");
    clock.advance(20_000);
    expect(await poll).toMatchObject({ polled: 2, failed: 1, fresh: 1, relevant: 0 });
    expect(log.warnings()).toEqual([`feed could not be read: ${slow.url("/slow.xml")}: no answer within 20 s`]);
  });

  it("keeps an item whose handler failed for the next poll", async () => {
    const site = await newSite();
    site.serve("/rss", "application/rss+xml", rss("Новости", [{ title: "Казахстан вернул из Сирии ещё 12 граждан в продолжение операции «Жусан»", lead: "Четверо мужчин предстанут перед судом.", link: site.url("/n/1") }]));
    site.serve("/n/1", "text/html", articlePage({ lang: "ru", title: "Из Сирии вернули 12 граждан", site: "Новости", paragraphs: RU_TEXT }));
    const clock = new ManualClock();
    const log = new CapturedLog();
    let calls = 0;
    const watcher = new FeedWatcher(options({
      feeds: [{ id: "n", outlet: "Новости", lang: "ru", kind: "feed", url: site.url("/rss") }],
      clock,
      log,
      seen: new InMemorySeenStoreForTests(),
      http: new HttpClient({ clock, hostDelayMs: 0 }),
      onRelevant: () => {
        calls++;
        if (calls === 1) throw new Error("database is locked");
      },
    }));
    expect(await watcher.pollOnce()).toMatchObject({ relevant: 1, delivered: 0 });
    expect(log.warnings()).toEqual([`feed item could not be handled: ${site.url("/n/1")}: database is locked`]);
    expect(await watcher.pollOnce()).toMatchObject({ notModified: 1, delivered: 1 });
    expect(await watcher.pollOnce()).toMatchObject({ notModified: 1, delivered: 0 });
    expect(calls).toBe(2);
  });

  it("polls on its interval by the injected clock, survives a fetch that throws, and stops", async () => {
    const clock = new ManualClock();
    const log = new CapturedLog();
    let requests = 0;
    const watcher = new FeedWatcher(options({
      feeds: [{ id: "x", outlet: "X", lang: "ru", kind: "feed", url: "http://127.0.0.1:9/rss" }],
      clock,
      log,
      intervalMs: 60_000,
      seen: new InMemorySeenStoreForTests(),
      http: new HttpClient({
        clock,
        hostDelayMs: 0,
        fetch: async () => {
          requests++;
          throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
        },
      }),
      onRelevant: () => {},
    }));
    watcher.start();
    await until(() => requests === 1 && clock.waiting.includes(60_000), "the first poll");
    clock.advance(60_000);
    await until(() => requests === 2 && clock.waiting.includes(60_000), "the second poll");
    await watcher.stop();
    expect(log.warnings()).toEqual([`feed could not be read: http://127.0.0.1:9/rss: ECONNREFUSED`, `feed could not be read: http://127.0.0.1:9/rss: ECONNREFUSED`]);
    expect(clock.waiting).toEqual([]);
  });
});

describe("the feed watcher's pace", () => {
  it("classifies one item at a time across feeds, resting after each as long as it took, so that answers get their turns", async () => {
    const site = await newSite();
    const items = (feed: string) => Array.from({ length: 4 }, (_, i) => ({ title: `Курс тенге ${feed} ${i}`, lead: "Новости рынка.", link: site.url(`/${feed}/${i}`) }));
    site.serve("/a", "application/rss+xml", rss("A", items("a")));
    site.serve("/b", "application/rss+xml", rss("B", items("b")));
    const spans: { start: number; end: number }[] = [];
    const clock = new ManualClock();
    const watcher = new FeedWatcher(options({
      feeds: ["a", "b"].map((id) => ({ id, outlet: id, lang: "ru" as const, kind: "feed" as const, url: site.url(`/${id}`) })),
      clock,
      seen: new InMemorySeenStoreForTests(),
      http: new HttpClient({ clock, hostDelayMs: 0 }),
      classifier: {
        judge: () => {
          const start = performance.now();
          while (performance.now() - start < 10);
          spans.push({ start, end: performance.now() });
          return { relevant: false, score: 0, reason: "not-found", about: [] };
        },
      },
      onRelevant: () => {},
    }));
    expect(await watcher.pollOnce()).toMatchObject({ fresh: 8, relevant: 0 });
    expect(spans).toHaveLength(8);
    for (let i = 1; i < spans.length; i++) {
      const before = spans[i - 1]!;
      expect(spans[i]!.start - before.end).toBeGreaterThanOrEqual(before.end - before.start - 1);
    }
  });
});
