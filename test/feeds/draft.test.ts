import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DraftError, draftFromPage } from "../../src/feeds/draft.ts";
import { HttpClient } from "../../src/feeds/http.ts";
import { FieldReader } from "../../src/knowledge/fields.ts";
import { articleFile } from "../../src/knowledge/import.ts";
import { parseArticle } from "../../src/knowledge/load.ts";
import { articlePage, LocalSite, ManualClock } from "./helpers.ts";

let site: LocalSite;
beforeAll(async () => {
  site = await LocalSite.start();
});
afterAll(() => site.close());

const PARAGRAPHS_KK = [
  "Қазақстан Сириядағы қақтығыс аймағынан тағы 12 азаматын елге қайтарды. Олардың арасында төрт ер адам, бір әйел және жеті бала бар.",
  "Сыртқы істер министрлігінің хабарлауынша, операция «Жусан» гуманитарлық операциясының жалғасы ретінде өтті. Ер адамдар заң алдында жауап береді.",
  "Әйел мен балалар оңалту орталығында психологтар мен дәрігерлердің көмегін алады, ал жетім балалар жақын туыстарына тапсырылады.",
];

describe("a relevant item's page as a draft", () => {
  it("extracts a Kazakh page fetched over HTTP as npm run add would", async () => {
    site.serve("/kz/news/59322/", "text/html; charset=utf-8", articlePage({ lang: "kk", title: "«Жусан» операциясы аясында 12 адам Сириядан қайтарылды", site: "AstanaTV", published: "2021-02-04T15:00:00+06:00", paragraphs: PARAGRAPHS_KK }));
    const url = site.url("/kz/news/59322/");
    const page = await new HttpClient({ clock: new ManualClock(), hostDelayMs: 0 }).get(url);
    if (page.status !== "ok") throw new Error("expected a page");
    const draft = draftFromPage(page.body, url, { outlet: "AstanaTV", lang: "ru" }, { title: "teaser", published: null });
    expect(draft).toEqual({
      id: "zhusan-operatsiyasy-ayasynda-12-adam-siriyadan-qaitaryldy",
      lang: "kk",
      title: "«Жусан» операциясы аясында 12 адам Сириядан қайтарылды",
      url,
      outlet: "AstanaTV",
      published: "2021-02-04",
      paragraphs: PARAGRAPHS_KK,
      text: PARAGRAPHS_KK.join("\n\n"),
    });
    // What the knowledge base would load once an admin publishes it.
    const problems: string[] = [];
    const article = parseArticle(articleFile(draft), new FieldReader("draft.md", problems));
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ id: draft.id, lang: "kk", outlet: "AstanaTV", published: "2021-02-04" });
  });

  it("takes the feed's date when the page has none, then the address's", () => {
    const page = articlePage({ lang: "ru", title: "Казахстан эвакуировал 14 детей из Ирака", site: "CABAR", paragraphs: ["Дети около двух лет провели вместе с матерями в багдадской тюрьме «Русафа». ".repeat(4)] });
    expect(draftFromPage(page, "https://x.example/ru/2019/11/29/deti", { outlet: "CABAR.asia", lang: "ru" }, { title: "", published: "2019-11-28" }).published).toBe("2019-11-28");
    expect(draftFromPage(page, "https://x.example/ru/2019/11/29/deti", { outlet: "CABAR.asia", lang: "ru" }).published).toBe("2019-11-29");
  });

  it("refuses a teaser and a page that is not text", () => {
    const short = articlePage({ lang: "ru", title: "Коротко", site: "X", paragraphs: ["Из Сирии вернули 12 человек."] });
    expect(() => draftFromPage(short, "https://x.example/a", { outlet: "X", lang: "ru" })).toThrow(new DraftError("only 28 characters of text; an article needs at least 200"));
    expect(() => draftFromPage("\u0000\u0001PNG", "https://x.example/b", { outlet: "X", lang: "ru" })).toThrow(/not a text page: it has NUL bytes/);
  });
});
