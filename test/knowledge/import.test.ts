import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load as parseYaml } from "js-yaml";
import { FieldReader } from "../../src/knowledge/fields.ts";
import { fromHtml } from "../../src/knowledge/html-article.ts";
import { articleFile, articleId, fromMarkdown, languageOf, type ImportedArticle } from "../../src/knowledge/import.ts";
import { loadKnowledge, parseArticle } from "../../src/knowledge/load.ts";
import { PAGE } from "./saved-page.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhusan-import-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a fixture to the temp folder and reads it back as the importer would get it. */
function fixture(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return readFileSync(path, "utf8");
}

describe("fromHtml: a saved article page", () => {
  it("keeps the article's paragraphs, list items and quotes, marks headings, and drops the site's chrome", () => {
    const article = fromHtml(fixture("page.html", PAGE), "https://ru.sputnik.kz/20191004/zhusan-itogi.html");
    expect(article.title).toBe("Операция «Жусан»: итоги");
    expect(article.paragraphs).toContain("В ходе операции «Жусан» из Сирии вернули 595 граждан Казахстана, из них 406 детей. Об этом сообщило Министерство иностранных дел.");
    expect(article.paragraphs).toContain("## Реабилитация");
    // The headline is the title, not a heading of the text.
    expect(article.paragraphs[0]).toMatch(/^В ходе операции/);
    expect(article.paragraphs).toContain("Первый этап прошёл в январе 2019 года.");
    expect(article.paragraphs).toContain("Второй этап прошёл в мае 2019 года.");
    expect(article.paragraphs).toContain("Мы вернули наших граждан домой, — заявил представитель министерства.");
    // Entities decoded to the characters they stand for: the article file holds plain text.
    expect(article.paragraphs).toContain("Вернувшиеся прошли реабилитацию в Мангистауской области & других регионах. Женщины <и> дети получили помощь психологов и теологов.");
    const all = article.paragraphs.join("\n");
    for (const chrome of ["Поделиться", "Читайте также", "Главная", "Спорт", "Все права защищены"]) expect(all).not.toContain(chrome);
    // In the page's order.
    const order = ["В ходе операции", "## Реабилитация", "Вернувшиеся", "Первый этап", "Второй этап", "Мы вернули"].map((start) => article.paragraphs.findIndex((p) => p.startsWith(start)));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > (order[i - 1] ?? -1)))).toBe(true);
  });

  it("takes the date from the page's article:published_time first, as an ISO date", () => {
    expect(fromHtml(PAGE, "https://ru.sputnik.kz/a.html").published).toBe("2019-10-04");
  });

  it("takes the date from datePublished, a date meta or a <time datetime> when that is all there is", () => {
    const page = (head: string, body = "") =>
      `<html><head><title>Заголовок статьи</title>${head}</head><body><article>${body}<p>${"Текст статьи об операции «Жусан», достаточно длинный для readability. ".repeat(4)}</p></article></body></html>`;
    expect(fromHtml(page(`<meta itemprop="datePublished" content="2020-02-07">`), "https://e.kz/a").published).toBe("2020-02-07");
    expect(fromHtml(page(`<meta name="date" content="2021-01-05 10:00">`), "https://e.kz/a").published).toBe("2021-01-05");
    expect(fromHtml(page("", `<time datetime="2019-05-10T08:00:00Z">10 мая</time>`), "https://e.kz/a").published).toBe("2019-05-10");
  });

  it("leaves the date unknown when the page does not give an ISO date, never guessing one", () => {
    const body = `<article><p>${"Текст статьи об операции «Жусан», достаточно длинный для readability. ".repeat(4)}</p><p>Опубликовано 04.10.2019</p></article>`;
    const article = fromHtml(`<html><head><title>T</title><meta name="date" content="04.10.2019"></head><body>${body}</body></html>`, "https://e.kz/a");
    expect(article.published).toBeNull();
  });

  it("says so when the page has no article text", () => {
    expect(() => fromHtml(fixture("empty.html", "<html><head><title>Пусто</title></head><body></body></html>"), "https://e.kz/")).toThrow(/no article text/);
  });
});

describe("fromMarkdown", () => {
  it("takes a leading # line as the title and the rest paragraph by paragraph, joining wrapped lines", () => {
    const md = fixture(
      "note.md",
      "# Операция «Жусан»\n\nПервый абзац,\nперенесённый на две строки.\n\n### Подзаголовок\n\nВторой абзац.\n\n\n\nТретий   абзац.\n",
    );
    expect(fromMarkdown(md)).toEqual({
      title: "Операция «Жусан»",
      paragraphs: ["Первый абзац, перенесённый на две строки.", "## Подзаголовок", "Второй абзац.", "Третий   абзац."],
    });
  });

  it("skips front matter, reads Windows line ends and has no title when the file gives none", () => {
    const md = fixture("win.md", "---\ntitle: old\nurl: x\n---\r\nАбзац один\r\nпродолжение.\r\n\r\n## Раздел\r\n\r\nАбзац два.\r\n");
    const windows = md.replace(/\n/g, "\r\n").replace(/\r\r\n/g, "\r\n");
    for (const text of [md, windows]) {
      expect(fromMarkdown(text)).toEqual({ title: "", paragraphs: ["Абзац один продолжение.", "## Раздел", "Абзац два."] });
    }
  });

  it("gives nothing for an empty file", () => {
    expect(fromMarkdown("")).toEqual({ title: "", paragraphs: [] });
    expect(fromMarkdown("\n\n   \n")).toEqual({ title: "", paragraphs: [] });
  });
});

describe("articleId", () => {
  it("uses the URL's last part when it is readable", () => {
    expect(articleId("https://m.ru.sputniknews.kz/world/20191004/11697187/usa-gosdep-kazakhstan-zhusan-vizit.html", "ignored")).toBe("usa-gosdep-kazakhstan-zhusan-vizit");
    expect(articleId("https://example.kz/news/zhusan-operation-results/?utm=1#top", "ignored")).toBe("zhusan-operation-results");
  });

  it("treats an underscore in the URL like any other separator", () => {
    expect(articleId("https://example.kz/news/Zhusan_Operation-Results/", "ignored")).toBe("zhusan-operation-results");
  });

  it("transliterates a Cyrillic URL part", () => {
    expect(articleId(`https://kaz.example.kz/${encodeURIComponent("жусан-операциясы-қорытынды")}`, "x")).toBe("zhusan-operatsiyasy-qorytyndy");
  });

  it("falls back to the title in Latin letters when the URL's last part is a number", () => {
    expect(articleId("https://jana-kezen.kz/ru/archives/9357", "Операция «Жусан»: вернулись 238 человек")).toBe("operatsiya-zhusan-vernulis-238-chelovek");
    expect(articleId("https://kazinform.kz/kz/12345", "«Жусан» операциясы: Сириядан 595 адам оралды")).toBe("zhusan-operatsiyasy-siriyadan-595-adam-oraldy");
  });

  it("is at most 60 characters of [a-z0-9-], with no dash at either end, and never empty", () => {
    const long = articleId("https://e.kz/1", "Очень длинный заголовок статьи об операции «Жусан» и о возвращении граждан из Сирии и Ирака");
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(articleId("https://e.kz/1", "«»!?")).toBe("article");
    expect(articleId("https://e.kz/", "")).toBe("article");
  });
});

describe("languageOf", () => {
  it("tells Kazakh from Russian", () => {
    expect(languageOf("«Жусан» операциясы барысында Сириядан 595 адам елге оралды, олардың 406-сы балалар.")).toBe("kk");
    expect(languageOf("В ходе операции «Жусан» из Сирии вернули 595 граждан, из них 406 детей.")).toBe("ru");
  });
});

describe("articleFile", () => {
  const imported: ImportedArticle & { outlet: string; url: string } = {
    id: "zhusan-itogi",
    lang: "ru",
    title: 'Операция "Жусан": итоги #1 — [обзор]',
    published: "2019-10-04",
    paragraphs: ["Первый абзац.", "## Раздел", "Второй абзац: с двоеточием и «кавычками», достаточно длинный, чтобы загрузчик принял его за статью, а не за подпись к фотографии или анонс; в нём рассказано, как прошёл этап и кто в нём участвовал."],
    outlet: "Sputnik: Казахстан",
    url: "https://ru.sputnik.kz/20191004/zhusan-itogi.html?a=1&b=2",
  };

  it("writes YAML front matter then the paragraphs, one blank line apart", () => {
    const file = articleFile(imported);
    const match = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(file);
    expect(match).not.toBeNull();
    expect(parseYaml(match![1]!)).toEqual({
      id: "zhusan-itogi",
      lang: "ru",
      title: 'Операция "Жусан": итоги #1 — [обзор]',
      source: "Sputnik: Казахстан",
      url: "https://ru.sputnik.kz/20191004/zhusan-itogi.html?a=1&b=2",
      published: "2019-10-04",
    });
    expect(match![2]).toBe("Первый абзац.\n\n## Раздел\n\nВторой абзац: с двоеточием и «кавычками», достаточно длинный, чтобы загрузчик принял его за статью, а не за подпись к фотографии или анонс; в нём рассказано, как прошёл этап и кто в нём участвовал.\n");
  });

  it("keeps an unknown date as null and names the original of a translation", () => {
    const meta = (file: string) => parseYaml(/^---\n([\s\S]*?)---\n/.exec(file)?.[1] ?? "") as Record<string, unknown>;
    const unknownDate = meta(articleFile({ ...imported, published: null }));
    expect(unknownDate).toHaveProperty("published", null);
    expect(unknownDate).not.toHaveProperty("translation_of");
    expect(meta(articleFile({ ...imported, lang: "kk", id: "zhusan-itogi-kk", translationOf: "zhusan-itogi" }))).toMatchObject({ lang: "kk", translation_of: "zhusan-itogi" });
  });

  it("is read back by the knowledge loader as the same article", () => {
    for (const published of ["2019-10-04", null]) {
      const problems: string[] = [];
      const article = parseArticle(articleFile({ ...imported, published }), new FieldReader("zhusan-itogi.md", problems));
      expect(problems).toEqual([]);
      expect(article).toEqual({
        id: "zhusan-itogi",
        lang: "ru",
        title: imported.title,
        outlet: imported.outlet,
        url: imported.url,
        published,
        translationOf: null,
        paragraphs: [
          { text: "Первый абзац.", heading: false },
          { text: "Раздел", heading: true },
          { text: "Второй абзац: с двоеточием и «кавычками», достаточно длинный, чтобы загрузчик принял его за статью, а не за подпись к фотографии или анонс; в нём рассказано, как прошёл этап и кто в нём участвовал.", heading: false },
        ],
      });
    }
  });

  it("turns a whole page into an article the loader accepts", () => {
    const url = "https://ru.sputnik.kz/20191004/zhusan-itogi.html";
    const page = fromHtml(PAGE, url);
    const file = articleFile({ ...page, id: articleId(url, page.title), lang: languageOf(page.paragraphs.join(" ")) ?? "kk", outlet: "Sputnik Казахстан", url });
    const problems: string[] = [];
    const article = parseArticle(file, new FieldReader("a.md", problems));
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ id: "zhusan-itogi", lang: "ru", published: "2019-10-04", url });
    expect(article?.paragraphs.filter((p) => !p.heading).length).toBeGreaterThanOrEqual(5);
  });
});

describe("into the knowledge base", () => {
  let knowledge: string;

  beforeAll(() => {
    knowledge = join(dir, "knowledge");
    cpSync("knowledge", knowledge, { recursive: true });
  });

  it("a Markdown file in Kazakh becomes an article file that the knowledge base loads", () => {
    const md = fromMarkdown(
      fixture("kk-note.md", "# «Жусан» операциясы туралы\n\n«Жусан» операциясы барысында Сириядан 595 адам елге оралды, олардың 406-сы балалар.\n\nОлар Ақтаудағы оңалту орталықтарында дәрігерлер, психологтар мен теологтардан көмек алып, кейін өз өңірлеріне оралды.\n"),
    );
    const url = "https://kazinform.kz/kz/12345";
    const lang = languageOf(`${md.title} ${md.paragraphs.join(" ")}`);
    expect(lang).toBe("kk");
    const id = articleId(url, md.title);
    const file = articleFile({ ...md, id, lang: "kk", published: null, outlet: "Kazinform", url });
    expect(file).toBe(
      "---\nid: zhusan-operatsiyasy-turaly\nlang: kk\ntitle: «Жусан» операциясы туралы\nsource: Kazinform\nurl: https://kazinform.kz/kz/12345\npublished: null\n---\n«Жусан» операциясы барысында Сириядан 595 адам елге оралды, олардың 406-сы балалар.\n\nОлар Ақтаудағы оңалту орталықтарында дәрігерлер, психологтар мен теологтардан көмек алып, кейін өз өңірлеріне оралды.\n",
    );
    writeFileSync(join(knowledge, "articles", "kk", `${id}.md`), file);
    const article = loadKnowledge(knowledge).articles.find((a) => a.id === id);
    expect(article).toMatchObject({ lang: "kk", title: "«Жусан» операциясы туралы", published: null, outlet: "Kazinform", url, translationOf: null });
    expect(article?.paragraphs).toHaveLength(2);
  });
});
