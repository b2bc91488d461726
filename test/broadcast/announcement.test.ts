import { beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_LIMIT } from "../../src/answer/html.ts";
import { announcement } from "../../src/broadcast/announcement.ts";
import { itemsOf, type Item } from "../../src/broadcast/items.ts";
import { createI18n, translator, type Translate } from "../../src/i18n.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { LANGS, type Article, type Lang, type Source, type TimelineEvent } from "../../src/knowledge/types.ts";
import { parseHtml } from "../e2e/stand-in/html.ts";

let t: Translate;

beforeAll(() => {
  t = translator(createI18n());
});

/** What Telegram shows (strict: an unescaped "&" or a broken tag fails the test). */
const shown = (html: string) => parseHtml(html, { strict: true });
const links = (html: string) => shown(html).entities.flatMap((e) => (e.type === "text_link" ? [e.url] : []));

const NASTY = `<script>alert("x")</script> & <b>bold</b> &amp;`;

function article(extra: Partial<Article> = {}): Article {
  return {
    id: "sputnik-sales-visit",
    lang: "ru",
    title: "Госдеп США: Казахстан — пример для мира",
    outlet: "Sputnik Казахстан",
    url: "https://m.ru.sputniknews.kz/world/20191004/11697187/usa-gosdep-kazakhstan-zhusan-vizit.html",
    published: "2019-10-04",
    translationOf: null,
    paragraphs: [
      { text: "Визит координатора", heading: true },
      { text: "Натан Сейлс посетил Казахстан. Он встретился с вернувшимися. Третье предложение не входит.", heading: false },
      { text: "Второй абзац не входит.", heading: false },
    ],
    file: "articles/ru/sputnik-sales-visit.md",
    ...extra,
  };
}

const articleItem = (original: Article, translations: Partial<Record<Lang, Article>> = {}): Item => ({
  key: `article:${original.id}`,
  kind: "article",
  original,
  translations: { [original.lang]: original, ...translations },
});

const source = (extra: Partial<Source> = {}): Source => ({
  url: "https://www.gov.kz/memleket/entities/mfa/press/news/details/1",
  outlet: "МИД РК",
  title: "Завершена операция «Жусан»",
  published: "2019-01-10",
  lang: "ru",
  ...extra,
});

function eventItem(extra: Partial<TimelineEvent> = {}): Item {
  const event: TimelineEvent = {
    id: "zhusan-1",
    date: "2019-01-06",
    sortDate: "2019-01-06",
    dateLabel: { ru: "6 января 2019", kk: "2019 жылғы 6 қаңтар" },
    kind: "operation",
    milestone: true,
    title: { ru: "Первый этап «Жусана»", kk: "«Жусанның» бірінші кезеңі" },
    figureIds: [],
    facts: [
      {
        text: {
          ru: "Из Сирии вернули 47 человек. Среди них 30 детей. Третье предложение не входит.",
          kk: "Сириядан 47 адам оралды. Олардың 30-ы балалар. Үшінші сөйлем кірмейді.",
        },
        about: "numbers",
        asks: { ru: [], kk: [] },
        sources: [source(), source({ url: "https://second.kz/", outlet: "Second" })],
      },
      { text: { ru: "Второй факт не входит.", kk: "Екінші дерек кірмейді." }, about: null, asks: { ru: [], kk: [] }, sources: [source({ url: "https://third.kz/" })] },
    ],
    ...extra,
  };
  return { key: `event:${event.id}`, kind: "event", event };
}

describe("announcement of an article", () => {
  it("gives the title, outlet and date, the first two sentences of the text, the link and how to unsubscribe", () => {
    const html = announcement(articleItem(article()), "ru", t);
    const { text } = shown(html);
    expect(text).toBe(
      [
        "🆕 Новый материал об операции «Жусан»",
        "Госдеп США: Казахстан — пример для мира — Sputnik Казахстан, 4 октября 2019 г.",
        "Натан Сейлс посетил Казахстан. Он встретился с вернувшимися.",
        "📄 Читать",
        "Отписаться от новостей: /unsubscribe",
      ].join("\n\n"),
    );
    expect(links(html)).toEqual([article().url]);
  });

  it("is in Kazakh for a Kazakh subscriber, from the Kazakh translation when there is one", () => {
    const kk = article({
      id: "sputnik-sales-visit-kk",
      lang: "kk",
      title: "АҚШ Мемлекеттік департаменті: Қазақстан — әлемге үлгі",
      translationOf: "sputnik-sales-visit",
      paragraphs: [{ text: "Натан Сейлс Қазақстанға келді. Ол оралғандармен кездесті. Үшінші сөйлем.", heading: false }],
    });
    const html = announcement(articleItem(article(), { kk }), "kk", t);
    const { text } = shown(html);
    expect(text).toContain(t("kk", "announce-article"));
    expect(text).toContain("АҚШ Мемлекеттік департаменті: Қазақстан — әлемге үлгі — Sputnik Казахстан, 2019 ж. 4 қазан");
    expect(text).toContain("Натан Сейлс Қазақстанға келді. Ол оралғандармен кездесті.");
    expect(text).not.toContain("Үшінші");
    expect(text).toContain(t("kk", "announce-unsubscribe"));
    expect(text).not.toContain(t("kk", "announce-in-russian"));
    expect(links(html)).toEqual([article().url]);
    // The Russian subscriber still gets the original.
    expect(shown(announcement(articleItem(article(), { kk }), "ru", t)).text).toContain("Госдеп США");
  });

  it("says the article is in Russian when a Kazakh subscriber gets the original, and the other way round", () => {
    const toKk = shown(announcement(articleItem(article()), "kk", t)).text;
    expect(toKk).toContain(t("kk", "announce-article"));
    expect(toKk).toContain("Госдеп США");
    expect(toKk).toContain(`${t("kk", "announce-read")} ${t("kk", "announce-in-russian")}`);
    const kkOriginal = article({ lang: "kk", title: "Қазақша мақала", paragraphs: [{ text: "Мәтін.", heading: false }] });
    expect(shown(announcement(articleItem(kkOriginal), "ru", t)).text).toContain("📄 Читать (на казахском языке)");
  });

  it("says plainly that the date is unknown rather than inventing one", () => {
    expect(shown(announcement(articleItem(article({ published: null })), "ru", t)).text).toContain("Sputnik Казахстан, дата не указана");
    expect(shown(announcement(articleItem(article({ published: null })), "kk", t)).text).toContain("күні көрсетілмеген");
  });

  it("escapes the title, the outlet, the text and the url", () => {
    const url = `https://example.kz/a?x=1&y=2&q="><b>x</b>`;
    for (const lang of LANGS) {
      const html = announcement(
        articleItem(article({ title: NASTY, outlet: "A & B <C>", url, paragraphs: [{ text: `${NASTY} Второе <i>предложение</i>.`, heading: false }] })),
        lang,
        t,
      );
      expect(html).not.toContain("<script>");
      const parsed = shown(html);
      expect(parsed.text.split(NASTY).length - 1, lang).toBe(2);
      expect(parsed.text).toContain("A & B <C>");
      expect(parsed.text).toContain("<i>предложение</i>");
      expect(links(html)).toEqual([url]);
      expect(parsed.entities.filter((e) => e.type === "italic")).toEqual([]);
    }
  });

  it("leaves the text out when the article has only headings", () => {
    const { text } = shown(announcement(articleItem(article({ paragraphs: [{ text: "Только заголовок", heading: true }] })), "ru", t));
    expect(text).not.toContain("Только заголовок");
    expect(text).not.toContain("\n\n\n");
  });
});

describe("announcement of a timeline event", () => {
  it("gives the date and title, the first fact's first two sentences and its first source", () => {
    const html = announcement(eventItem(), "ru", t);
    expect(shown(html).text).toBe(
      [
        "🆕 Новое в хронологии операции «Жусан»",
        "📅 6 января 2019 · Первый этап «Жусана»",
        "Из Сирии вернули 47 человек. Среди них 30 детей.",
        "📄 Завершена операция «Жусан» — МИД РК",
        "Отписаться от новостей: /unsubscribe",
      ].join("\n\n"),
    );
    expect(links(html)).toEqual(["https://www.gov.kz/memleket/entities/mfa/press/news/details/1"]);
  });

  it("is in Kazakh for a Kazakh subscriber", () => {
    const { text } = shown(announcement(eventItem(), "kk", t));
    expect(text).toContain(t("kk", "announce-event"));
    expect(text).toContain("📅 2019 жылғы 6 қаңтар · «Жусанның» бірінші кезеңі");
    expect(text).toContain("Сириядан 47 адам оралды. Олардың 30-ы балалар.");
    expect(text).not.toContain("Үшінші");
    expect(text).not.toMatch(/Из Сирии|Первый этап/);
  });

  it("names the outlet when the source page's title is not known, and has no link without a source", () => {
    const untitled = eventItem();
    if (untitled.kind !== "event") throw new Error("not an event");
    untitled.event.facts[0]!.sources = [source({ title: null, outlet: "Kazinform" })];
    const text = shown(announcement(untitled, "ru", t)).text;
    expect(text).toContain("📄 Kazinform");
    expect(text).not.toContain("Kazinform — Kazinform");

    const sourceless = eventItem({ facts: [{ text: { ru: "Факт без источника.", kk: "Дереккөзсіз дерек." }, about: null, asks: { ru: [], kk: [] }, sources: [] }] });
    const html = announcement(sourceless, "ru", t);
    expect(links(html)).toEqual([]);
    expect(shown(html).text).not.toContain("📄");
  });

  it("escapes the title, the date label, the fact and the source", () => {
    const event = eventItem({
      title: { ru: NASTY, kk: NASTY },
      dateLabel: { ru: "<весна> & лето", kk: "<көктем> & жаз" },
      facts: [{ text: { ru: `${NASTY}.`, kk: `${NASTY}.` }, about: null, asks: { ru: [], kk: [] }, sources: [source({ title: NASTY, outlet: "O&O", url: "https://e.kz/?a=1&b=<2>" })] }],
    });
    for (const lang of LANGS) {
      const html = announcement(event, lang, t);
      const parsed = shown(html);
      expect(parsed.text.split(NASTY).length - 1, lang).toBe(3);
      expect(parsed.text).toContain(lang === "ru" ? "<весна> & лето" : "<көктем> & жаз");
      expect(parsed.text).toContain("O&O");
      expect(links(html)).toEqual(["https://e.kz/?a=1&b=<2>"]);
    }
  });
});

describe("every announcement of the real knowledge base", () => {
  it("is valid Telegram HTML within 4096 characters, in both languages, linking only to its sources", () => {
    const kb = loadKnowledge("knowledge");
    const items = [...itemsOf(kb).values()];
    expect(items.filter((i) => i.kind === "article").length).toBeGreaterThan(0);
    expect(items.filter((i) => i.kind === "event").length).toBe(kb.timeline.length);
    const urls = new Set([...kb.sources.values()].map((s) => s.url).concat(kb.articles.map((a) => a.url)));
    for (const item of items) {
      const texts = LANGS.map((lang) => {
        const html = announcement(item, lang, t);
        const parsed = shown(html);
        expect(parsed.text.length, `${item.key} ${lang}`).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(parsed.text, `${item.key} ${lang}`).toContain("/unsubscribe");
        for (const url of links(html)) expect(urls.has(url), url).toBe(true);
        return parsed.text;
      });
      expect(texts[0], item.key).not.toBe(texts[1]);
    }
  });
});

describe("an announcement of extreme material", () => {
  it("stays within 4096 characters when the first sentence is very long", () => {
    const long = `${"слово ".repeat(1000)}конец.`;
    const html = announcement(articleItem(article({ paragraphs: [{ text: long, heading: false }] })), "ru", t);
    expect(shown(html).text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });
});
