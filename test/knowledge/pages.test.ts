import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromHtml } from "../../src/knowledge/html-article.ts";

/** Saved pages of a dozen shapes (og:, JSON-LD, @graph, microdata, none), each with what a reader of it would take as the article. */
const DIR = "test/knowledge/pages";

interface Expected {
  url: string;
  outlet: string;
  title: string;
  published: string | null;
  first: string;
  absent: string[];
}

describe("fromHtml on saved pages of different shapes", () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith(".html")).map((f) => f.slice(0, -".html".length)).sort();

  it("has a dozen of them", () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it.each(names)("%s: the headline without the site's name, the publication date, the text without bylines or dates", (name) => {
    const expected = JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8")) as Expected;
    const article = fromHtml(readFileSync(join(DIR, `${name}.html`), "utf8"), expected.url, expected.outlet);
    expect(article.title).toBe(expected.title);
    expect(article.published).toBe(expected.published);
    expect(article.paragraphs[0]).toBe(expected.first);
    const body = article.paragraphs.join("\n");
    for (const chrome of expected.absent) expect(body, chrome).not.toContain(chrome);
  });
});
