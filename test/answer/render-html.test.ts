import { beforeAll, describe, expect, it } from "vitest";
import { AnswerEngine, type Answer, type Citation, type Quote } from "../../src/answer/engine.ts";
import { escapeHtml, MESSAGE_LIMIT, visibleLength } from "../../src/answer/html.ts";
import { renderHtml, sourceLink } from "../../src/answer/render-html.ts";
import { createI18n, translator, type Translate } from "../../src/i18n.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { LANGS, type Lang } from "../../src/knowledge/types.ts";
import type { QueryAnalysis } from "../../src/search/analyzer.ts";
import type { Passage } from "../../src/search/passages.ts";
// Telegram's own HTML parser (ported from TDLib) from the Bot API stand-in: what the user would see.
import { parseHtml } from "../e2e/stand-in/html.ts";

let t: Translate;

beforeAll(() => {
  t = translator(createI18n());
});

/** What Telegram shows for `html` (strict: an unescaped "&" or a broken tag fails the test). */
const shown = (html: string) => parseHtml(html, { strict: true });

const NASTY = `<script>alert("x")</script> & <b>bold</b> &amp; "quotes" 'single' <i`;

function passage(lang: Lang, extra: Partial<Passage> = {}): Passage {
  return {
    key: `event:test:0:${lang}`,
    lang,
    text: "quoted",
    context: "",
    asks: "",
    title: "Entry title",
    sources: [],
    origin: { kind: "event", id: "test", fact: 0 },
    sibling: null,
    translated: false,
    neighbours: { before: null, after: null },
    aboutPerson: false,
    about: null,
    ...extra,
  };
}

function citation(extra: Partial<Citation> = {}): Citation {
  return {
    title: "Page title",
    outlet: "Sputnik Казахстан",
    published: "2019-10-04",
    url: "https://ru.sputnik.kz/20191004/zhusan.html",
    translation: false,
    ...extra,
  };
}

const analysis: QueryAnalysis = { lang: null, type: "general", terms: [], truncated: false, latest: false, personal: false };

function answer(lang: Lang, quotes: Quote[]): Answer {
  return { found: true, reason: "answered", lang, quotes, differingFigures: false, sources: quotes.flatMap((q) => q.citations), related: [], suggestions: [], analysis };
}

const quote = (text: string, lang: Lang, citations: Citation[] = [citation()]): Quote => ({ text, passage: passage(lang), citations });

describe("escapeHtml", () => {
  it("escapes <, >, & and the double quote, and nothing else", () => {
    expect(escapeHtml(`a<b>c&d"e'f`)).toBe("a&lt;b&gt;c&amp;d&quot;e'f");
    expect(escapeHtml("Операция «Жусан» — 2019 ж.")).toBe("Операция «Жусан» — 2019 ж.");
    expect(escapeHtml("")).toBe("");
  });

  it("escapes & first, so an entity in the text is shown as typed", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(shown(escapeHtml("&lt; &amp; &#60;")).text).toBe("&lt; &amp; &#60;");
  });

  it("gives back exactly the original text once Telegram parses it", () => {
    for (const text of [NASTY, "<<>>&&", 'href="x"', "a < b > c", "🇰🇿 Қазақстан & <ҰҚК>"]) {
      const parsed = shown(escapeHtml(text));
      expect(parsed.text).toBe(text);
      expect(parsed.entities).toEqual([]);
    }
  });
});

describe("visibleLength", () => {
  it("counts what Telegram counts: tags removed, each entity one character", () => {
    const samples = [
      "plain",
      "<b>a&amp;b</b>",
      `<a href="https://example.kz/?a=1&amp;b=2">link</a> &lt;tag&gt; &quot;q&quot;`,
      `<blockquote>${escapeHtml(NASTY)}</blockquote>\n<i>курсив</i>`,
      "emoji 📄 and flags 🇰🇿",
      "&#60;&#x3c;",
    ];
    for (const html of samples) expect(visibleLength(html), html).toBe(shown(html).text.length);
  });

  it("is the message limit Telegram sets", () => {
    expect(MESSAGE_LIMIT).toBe(4096);
  });
});

describe("sourceLink", () => {
  it("links the page title to its url, then the outlet and the date, in each language", () => {
    const ru = shown(sourceLink(citation(), "ru", t));
    expect(ru.text).toBe("📄 Page title — Sputnik Казахстан, 4 октября 2019 г.");
    expect(ru.entities).toEqual([expect.objectContaining({ type: "text_link", url: "https://ru.sputnik.kz/20191004/zhusan.html", length: "Page title".length })]);
    const kk = shown(sourceLink(citation(), "kk", t));
    expect(kk.text).toContain("Page title — Sputnik Казахстан");
    expect(kk.text).toContain("қазан");
    expect(kk.text).not.toContain("октября");
  });

  it("escapes every part: url, title, outlet", () => {
    const url = `https://example.kz/a?x=1&y=2&q="><b>x</b>`;
    const html = sourceLink(citation({ url, title: NASTY, outlet: "A & B <C>" }), "ru", t);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    const parsed = shown(html);
    expect(parsed.text).toContain(NASTY);
    expect(parsed.text).toContain("A & B <C>");
    expect(parsed.entities).toHaveLength(1);
    expect(parsed.entities[0]).toMatchObject({ type: "text_link", url });
  });

  it("shows the outlet as the link when the page's title is not known", () => {
    const parsed = shown(sourceLink(citation({ title: null, outlet: "Jana-kezen.kz", published: null }), "ru", t));
    expect(parsed.text).toBe("📄 Jana-kezen.kz, дата не указана");
    expect(parsed.entities[0]).toMatchObject({ type: "text_link", offset: 3, length: "Jana-kezen.kz".length });
    expect(shown(sourceLink(citation({ title: null, published: null }), "kk", t)).text).toContain("күні көрсетілмеген");
  });

  it("says when the quote is a translation", () => {
    expect(shown(sourceLink(citation({ translation: true }), "ru", t)).text).toContain("перевод");
    const kk = shown(sourceLink(citation({ translation: true }), "kk", t)).text;
    expect(kk).not.toBe(shown(sourceLink(citation(), "kk", t)).text);
    expect(kk).not.toContain("перевод");
  });

  it("gives a year or a month alone as it is known, never an invented day", () => {
    expect(shown(sourceLink(citation({ published: "2019" }), "ru", t)).text).toMatch(/, 2019 г\.$/);
    expect(shown(sourceLink(citation({ published: "2019-10" }), "ru", t)).text).toMatch(/, октябрь 2019 г\.$/);
    expect(shown(sourceLink(citation({ published: "2019" }), "kk", t)).text).toMatch(/, 2019 ж\.$/);
  });
});

describe("renderHtml", () => {
  it("quotes in a blockquote, then the source link", () => {
    const html = renderHtml(answer("ru", [quote("В ходе первого этапа вернули 47 человек.", "ru")]), t);
    const parsed = shown(html);
    expect(parsed.text).toBe("В ходе первого этапа вернули 47 человек.\n📄 Page title — Sputnik Казахстан, 4 октября 2019 г.");
    expect(parsed.entities.map((e) => e.type).sort()).toEqual(["blockquote", "text_link"]);
    expect(parsed.entities.find((e) => e.type === "blockquote")).toMatchObject({ offset: 0, length: "В ходе первого этапа вернули 47 человек.".length });
  });

  it("escapes the quote, the titles and the outlets, in both languages", () => {
    for (const lang of LANGS) {
      const q = quote(NASTY, lang, [citation({ title: NASTY, outlet: `<${lang}> & co` })]);
      const html = renderHtml(answer(lang, [q, quote(`second ${NASTY}`, lang, [citation({ url: "https://b.kz/", outlet: "B&B" })])]), t);
      const parsed = shown(html);
      expect(parsed.text.split(NASTY).length - 1, lang).toBe(3);
      expect(parsed.text).toContain(`<${lang}> & co`);
      expect(parsed.text).toContain("B&B");
      expect(parsed.text).toContain(t(lang, "answer-also"));
      expect(parsed.entities.filter((e) => e.type === "bold" || e.type === "italic")).toEqual([]);
    }
  });

  it("notes a quote in the other language, in the answer's language", () => {
    const kkAnswer = shown(renderHtml(answer("kk", [{ ...quote("Цитата по-русски.", "ru"), passage: passage("ru") }]), t));
    expect(kkAnswer.text).toContain(t("kk", "answer-quote-in-russian"));
    const ruAnswer = shown(renderHtml(answer("ru", [{ ...quote("Қазақша үзінді.", "kk"), passage: passage("kk") }]), t));
    expect(ruAnswer.text).toContain("(цитата на казахском языке)");
    const same = shown(renderHtml(answer("ru", [quote("Цитата.", "ru")]), t));
    expect(same.text).not.toContain("(цитата на");
  });

  it("says plainly that nothing was found, or asks for words, in each language", () => {
    for (const lang of LANGS) {
      const notFound: Answer = { found: false, reason: "not-found", lang, quotes: [], differingFigures: false, sources: [], related: [], suggestions: [], analysis };
      expect(renderHtml(notFound, t)).toBe(escapeHtml(t(lang, "answer-not-found")));
      expect(renderHtml({ ...notFound, reason: "empty" }, t)).toBe(escapeHtml(t(lang, "answer-empty")));
      expect(shown(renderHtml(notFound, t)).entities).toEqual([]);
    }
    const notFound = (lang: Lang): Answer => ({ found: false, reason: "not-found", lang, quotes: [], differingFigures: false, sources: [], related: [], suggestions: [], analysis });
    expect(renderHtml(notFound("kk"), t)).not.toBe(renderHtml(notFound("ru"), t));
  });

  it("cuts a very long quote with an ellipsis", () => {
    const long = "Очень длинное предложение об операции «Жусан». ".repeat(100);
    const parsed = shown(renderHtml(answer("ru", [quote(long, "ru")]), t));
    const quoted = parsed.text.split("\n")[0] ?? "";
    expect(quoted.endsWith("…")).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(1200);
    expect(long.startsWith(quoted.slice(0, -1))).toBe(true);
  });

  it("stays within 4096 characters by dropping extra quotes, and counts an escaped & as one character", () => {
    for (const lang of LANGS) {
      const quotes = [1, 2, 3].map((n) => quote(`${n} ${"& <> ".repeat(239)}`.trim(), lang, [citation({ title: "T".repeat(300), url: `https://e.kz/${n}` })]));
      const html = renderHtml(answer(lang, quotes), t);
      const parsed = shown(html);
      expect(parsed.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(visibleLength(html)).toBe(parsed.text.length);
      // The main quote stays, whole (under 1200 characters); what does not fit goes.
      expect(parsed.text.startsWith(quotes[0]!.text)).toBe(true);
      expect(parsed.text).not.toContain(quotes[2]!.text);
    }
  });

  it("keeps every extra quote that fits", () => {
    const quotes = [1, 2, 3].map((n) => quote(`Факт номер ${n}.`, "ru", [citation({ url: `https://e.kz/${n}` })]));
    const parsed = shown(renderHtml(answer("ru", quotes), t));
    for (const q of quotes) expect(parsed.text).toContain(q.text);
    expect(parsed.entities.filter((e) => e.type === "text_link").map((e) => (e as { url: string }).url)).toEqual(["https://e.kz/1", "https://e.kz/2", "https://e.kz/3"]);
  });

  it("stays within 4096 characters even when the citations alone are long", () => {
    const long = "Очень длинное предложение. ".repeat(100);
    const citations = [1, 2, 3].map((n) => citation({ title: "Т".repeat(1000), url: `https://e.kz/${n}` }));
    const html = renderHtml(answer("ru", [quote(long, "ru", citations)]), t);
    expect(visibleLength(html)).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });
});

describe("renderHtml on the real knowledge base", () => {
  it("renders real answers in both languages as valid Telegram HTML within 4096 characters, every link a source's url", () => {
    const kb = loadKnowledge("knowledge");
    const engine = new AnswerEngine(kb);
    const urls = new Set([...kb.sources.values()].map((s) => s.url).concat(kb.articles.map((a) => a.url)));
    const questions = [
      "Сколько человек вернули во время третьего этапа операции «Жусан»?",
      "Үшінші кезеңде Сириядан қанша адам оралды?",
      "Кто руководил операцией «Русафа»?",
      "Натан Сейлс",
      "жусан",
      "Что такое полынь?",
      "Какая погода завтра в Алматы?",
    ];
    let answered = 0;
    for (const question of questions) {
      for (const fallbackLang of LANGS) {
        const result = engine.ask(question, { fallbackLang });
        const html = renderHtml(result, t);
        const parsed = shown(html);
        expect(parsed.text.length, question).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(parsed.text.length, question).toBeGreaterThan(0);
        for (const entity of parsed.entities) if (entity.type === "text_link") expect(urls.has(entity.url), entity.url).toBe(true);
        if (result.found) {
          answered++;
          expect(parsed.entities.some((e) => e.type === "text_link"), question).toBe(true);
        }
      }
    }
    expect(answered).toBeGreaterThanOrEqual(8);
  });
});
