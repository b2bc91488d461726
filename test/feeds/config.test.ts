import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFeeds } from "../../src/feeds/config.ts";
import { KnowledgeError } from "../../src/knowledge/fields.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const dir = mkdtempSync(join(tmpdir(), "zhusan-feeds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(yaml: string): string[] {
  const path = join(dir, "feeds.yaml");
  writeFileSync(path, yaml);
  try {
    loadFeeds(path);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  return [];
}

describe("knowledge/feeds.yaml", () => {
  it("loads, and lists only outlets the knowledge base cites, in Russian and Kazakh", () => {
    const { feeds, intervalMinutes } = loadFeeds("knowledge/feeds.yaml");
    expect(intervalMinutes).toBeGreaterThanOrEqual(5);
    expect(feeds.length).toBeGreaterThan(0);
    const outlets = new Set([...loadKnowledge("knowledge").sources.values()].map((s) => s.outlet));
    for (const feed of feeds) expect(outlets, feed.id).toContain(feed.outlet);
    expect(new Set(feeds.map((f) => f.lang))).toEqual(new Set(["ru", "kk"]));
    const listing = feeds.find((f) => f.kind === "listing");
    if (listing?.kind === "listing") expect(listing.linkPattern.test(`${listing.url}59322/`)).toBe(true);
  });

  it("reads a feed and a listing page", () => {
    const path = join(dir, "ok.yaml");
    writeFileSync(path, `feeds:\n  - {id: a, outlet: A, lang: ru, feed: "https://a.example/rss"}\n  - {id: b, outlet: B, lang: kk, listing: "https://b.example/news/", link_pattern: "^https://b\\\\.example/news/\\\\d+$"}\n`);
    const { feeds, intervalMinutes } = loadFeeds(path);
    expect(intervalMinutes).toBe(30);
    expect(feeds[0]).toEqual({ id: "a", outlet: "A", lang: "ru", kind: "feed", url: "https://a.example/rss" });
    expect(feeds[1]?.kind === "listing" && feeds[1].linkPattern.test("https://b.example/news/12")).toBe(true);
  });

  it("names the file and the field of every problem", () => {
    expect(
      problemsOf(`interval_minutes: 1
feeds:
  - {id: Bad_Id, outlet: "", lang: en, feed: "ftp://x"}
  - {id: both, outlet: X, lang: ru, feed: "https://x/rss", listing: "https://x/"}
  - {id: nopattern, outlet: X, lang: kk, listing: "https://y/"}
  - {id: badpattern, outlet: X, lang: kk, listing: "https://z/", link_pattern: "(["}
  - {id: extra, outlet: X, lang: ru, feed: "https://w/rss", link_pattern: "x", colour: red}
  - {id: extra, outlet: X, lang: ru, feed: "https://w/rss"}
`),
    ).toEqual([
      "feeds.yaml: interval_minutes: expected a whole number of minutes, at least 5",
      'feeds.yaml: feeds[0].id: "Bad_Id" must be [a-z0-9-] and at most 40 characters',
      "feeds.yaml: feeds[0].outlet: expected non-empty text",
      'feeds.yaml: feeds[0].lang: expected one of ru, kk, got "en"',
      'feeds.yaml: feeds[0].feed: "ftp://x" is not an http(s) URL',
      "feeds.yaml: feeds[1]: give either feed (an RSS/Atom address) or listing (a page) with link_pattern",
      "feeds.yaml: feeds[2].link_pattern: missing",
      expect.stringMatching(/^feeds\.yaml: feeds\[3\]\.link_pattern: not a regular expression: /),
      "feeds.yaml: feeds[4].colour: unknown field",
      "feeds.yaml: feeds[4].link_pattern: only for a listing page",
      'feeds.yaml: feeds[5].id: "extra" is used twice',
      "feeds.yaml: feeds[5]: https://w/rss is listed twice",
    ]);
  });

  it("says when the file is missing, empty or not YAML", () => {
    expect(problemsOf("feeds: []\n")).toEqual(["feeds.yaml: feeds: expected at least 1 item(s)"]);
    expect(problemsOf("feeds: [\n")).toEqual([expect.stringMatching(/^feeds\.yaml: \(YAML\): .* at line 2/)]);
    expect(() => loadFeeds(join(dir, "none.yaml"))).toThrow("feeds.yaml: feeds: file is missing");
  });
});
