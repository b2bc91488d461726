import { existsSync, readFileSync } from "node:fs";
import { load as parseYaml, YAMLException } from "js-yaml";
import { FieldReader, KnowledgeError } from "../knowledge/fields.ts";
import { LANGS } from "../knowledge/types.ts";
import type { FeedSource } from "./types.ts";

export interface FeedsConfig {
  /** How often every source is polled. */
  intervalMinutes: number;
  feeds: FeedSource[];
}

const DEFAULT_INTERVAL_MINUTES = 30;
const MIN_INTERVAL_MINUTES = 5;

/**
 * Reads and validates `feeds.yaml` (in the knowledge folder). Throws a KnowledgeError naming the
 * file and every bad field, as the rest of the knowledge base does.
 */
export function loadFeeds(path: string, name = "feeds.yaml"): FeedsConfig {
  const problems: string[] = [];
  const reader = new FieldReader(name, problems);
  const config = readFeeds(path, reader);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return config;
}

function readFeeds(path: string, reader: FieldReader): FeedsConfig {
  const empty = { intervalMinutes: DEFAULT_INTERVAL_MINUTES, feeds: [] };
  if (!existsSync(path)) {
    reader.problem("feeds", "file is missing");
    return empty;
  }
  const text = readFileSync(path, "utf8");
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    reader.problem("(YAML)", error instanceof YAMLException && error.mark ? `${error.reason} at line ${error.mark.line + 1}` : String(error));
    return empty;
  }
  const root = reader.object(doc, "(document)");
  if (!root) return empty;
  reader.unknownKeys(root, "(document)", ["interval_minutes", "feeds"]);
  const intervalMinutes = root.interval_minutes === undefined ? DEFAULT_INTERVAL_MINUTES : readInterval(root.interval_minutes, reader);
  const read = reader.list(root.feeds, "feeds", { min: 1 }).map((raw, i) => readFeed(raw, `feeds[${i}]`, reader));
  const ids = new Set<string>();
  const urls = new Set<string>();
  read.forEach((feed, i) => {
    if (!feed) return;
    if (ids.has(feed.id)) reader.problem(`feeds[${i}].id`, `"${feed.id}" is used twice`);
    if (urls.has(feed.url)) reader.problem(`feeds[${i}]`, `${feed.url} is listed twice`);
    ids.add(feed.id);
    urls.add(feed.url);
  });
  return { intervalMinutes, feeds: read.filter((feed): feed is FeedSource => feed !== null) };
}

function readInterval(value: unknown, reader: FieldReader): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= MIN_INTERVAL_MINUTES) return value;
  reader.problem("interval_minutes", `expected a whole number of minutes, at least ${MIN_INTERVAL_MINUTES}`);
  return DEFAULT_INTERVAL_MINUTES;
}

function readFeed(raw: unknown, path: string, reader: FieldReader): FeedSource | null {
  const obj = reader.object(raw, path);
  if (!obj) return null;
  reader.unknownKeys(obj, path, ["id", "outlet", "lang", "feed", "listing", "link_pattern"]);
  const common = {
    id: reader.id(obj.id, `${path}.id`, 40),
    outlet: reader.text(obj.outlet, `${path}.outlet`),
    lang: reader.oneOf(obj.lang, `${path}.lang`, LANGS),
  };
  if ((obj.feed === undefined) === (obj.listing === undefined)) {
    reader.problem(path, "give either feed (an RSS/Atom address) or listing (a page) with link_pattern");
    return null;
  }
  if (obj.feed !== undefined) {
    if (obj.link_pattern !== undefined) reader.problem(`${path}.link_pattern`, "only for a listing page");
    return { ...common, kind: "feed", url: reader.url(obj.feed, `${path}.feed`) };
  }
  const url = reader.url(obj.listing, `${path}.listing`);
  const pattern = reader.text(obj.link_pattern, `${path}.link_pattern`);
  let linkPattern = /$^/;
  try {
    if (pattern) linkPattern = new RegExp(pattern, "u");
  } catch (error) {
    reader.problem(`${path}.link_pattern`, `not a regular expression: ${(error as Error).message}`);
  }
  return { ...common, kind: "listing", url, linkPattern };
}
