import { describe, expect, it } from "vitest";
import { FeedFormatError, feedItems, listingItems, plainText } from "../../src/feeds/parse.ts";
import { atom, rss } from "./helpers.ts";

describe("feed items", () => {
  it("reads RSS in Russian: absolute links, plain-text leads, the day of the date", () => {
    const body = rss("Новости", [
      { title: "«Жусан-3»: из Сирии вернулись 238 человек", lead: "Среди них <b>171</b> ребёнок &amp; 67 женщин", link: "/news/zhusan-3", date: "Fri, 31 May 2019 18:30:00 +0600" },
      { title: "Без ссылки", lead: "x", link: "" },
    ]);
    expect(feedItems(body, "https://outlet.example/rss")).toEqual([
      {
        key: "/news/zhusan-3",
        url: "https://outlet.example/news/zhusan-3",
        title: "«Жусан-3»: из Сирии вернулись 238 человек",
        lead: "Среди них 171 ребёнок & 67 женщин",
        published: "2019-05-31",
      },
    ]);
  });

  it("reads Atom in Kazakh", () => {
    const body = atom("Жаңалықтар", [{ title: "Ирактан 14 бала оралды", lead: "<p>Бағдадтан арнайы рейспен</p>", link: "https://kk.example/a/1", date: "2019-11-27T09:00:00+06:00" }]);
    expect(feedItems(body, "https://kk.example/feed")).toEqual([
      { key: "https://kk.example/a/1", url: "https://kk.example/a/1", title: "Ирактан 14 бала оралды", lead: "Бағдадтан арнайы рейспен", published: "2019-11-27" },
    ]);
  });

  it("refuses what is not a feed, saying so", () => {
    expect(() => feedItems("<rss><channel><item><title>cut", "https://x.example/")).toThrow(FeedFormatError);
    expect(() => feedItems("<html><body>Сайт на ремонте</body></html>", "https://x.example/")).toThrow(/not a feed/);
  });

  it("turns HTML into text", () => {
    expect(plainText("<p>Жусан&nbsp;&#171;2&#187;</p><script>x()</script> &laquo;ok&raquo; &#x41;")).toBe("Жусан «2» «ok» A");
  });
});

describe("listing pages", () => {
  it("keeps the links that match the pattern, once each, with their headline", () => {
    const html = `<html><body>
      <a href="/kz/news/59322/"><img alt=""></a><a href="/kz/news/59322/">«Жусан» операциясы аясында 12 адам Сириядан қайтарылды</a>
      <a href="https://site.example/kz/news/59400/#comments">Ауа райы</a>
      <a href="/kz/about/">Біз туралы</a><a href="mailto:x@y">mail</a>
    </body></html>`;
    expect(listingItems(html, "https://site.example/kz/news/", /^https:\/\/site\.example\/kz\/news\/\d+\/?$/)).toEqual([
      { key: "https://site.example/kz/news/59322/", url: "https://site.example/kz/news/59322/", title: "«Жусан» операциясы аясында 12 адам Сириядан қайтарылды", lead: "", published: null },
      { key: "https://site.example/kz/news/59400/", url: "https://site.example/kz/news/59400/", title: "Ауа райы", lead: "", published: null },
    ]);
  });
});
