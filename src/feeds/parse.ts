import { parseFeed } from "feedsmith";
import { JSDOM } from "jsdom";
import type { FeedItem } from "./types.ts";

/** A feed or listing page that could not be read; the message is one line for the log. */
export class FeedFormatError extends Error {
  override readonly name = "FeedFormatError";
}

/** A lead longer than this is cut at a word: the classifier reads only the beginning anyway. */
const MAX_LEAD = 600;

/** The items of an RSS, Atom, RDF or JSON feed, with absolute links; items without a link or a title are skipped. */
export function feedItems(body: string, feedUrl: string): FeedItem[] {
  let parsed;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    throw new FeedFormatError(`not a feed: ${(error as Error).message}`);
  }
  const raw: { id?: string; link?: string; title?: string; lead?: string; date?: string }[] = [];
  switch (parsed.format) {
    case "rss":
      for (const item of parsed.feed.items ?? []) {
        raw.push({ id: item.guid?.value, link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined), title: item.title, lead: item.description, date: item.pubDate ?? item.dc?.dates?.[0] });
      }
      break;
    case "atom":
      for (const entry of parsed.feed.entries ?? []) {
        const link = entry.links?.find((l) => !l.rel || l.rel === "alternate")?.href ?? entry.links?.[0]?.href;
        raw.push({ id: entry.id, link, title: entry.title?.value, lead: entry.summary?.value ?? entry.content?.value, date: entry.published ?? entry.updated });
      }
      break;
    case "rdf":
      for (const item of parsed.feed.items ?? []) raw.push({ id: item.rdf?.about, link: item.link, title: item.title, lead: item.description, date: item.dc?.dates?.[0] });
      break;
    case "json":
      for (const item of parsed.feed.items ?? []) {
        raw.push({ id: item.id, link: item.url ?? item.external_url, title: item.title, lead: item.summary ?? item.content_text ?? item.content_html, date: item.date_published });
      }
      break;
  }
  return raw.flatMap(({ id, link, title, lead, date }) => {
    const url = absolute(link, feedUrl);
    const heading = plainText(title ?? "");
    if (!url || !heading) return [];
    return [{ key: id?.trim() || url, url, title: heading, lead: cut(plainText(lead ?? ""), MAX_LEAD), published: isoDate(date) }];
  });
}

/** The links of a listing page that match the pattern, each once, with their text as the title. */
export function listingItems(html: string, pageUrl: string, linkPattern: RegExp): FeedItem[] {
  const document = new JSDOM(html, { url: pageUrl }).window.document;
  const items = new Map<string, FeedItem>();
  for (const anchor of document.querySelectorAll("a[href]")) {
    const url = absolute(anchor.getAttribute("href") ?? undefined, pageUrl);
    if (!url || !linkPattern.test(url)) continue;
    const title = collapse(anchor.textContent ?? "") || collapse(anchor.getAttribute("title") ?? "");
    const known = items.get(url);
    // A teaser often links its picture and its headline: the longer text is the headline.
    if (!known || title.length > known.title.length) items.set(url, { key: url, url, title, lead: "", published: null });
  }
  return [...items.values()].filter((item) => item.title !== "");
}

function absolute(link: string | undefined, base: string): string | null {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    url.hash = "";
    return ["http:", "https:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", laquo: "«", raquo: "»", mdash: "—", ndash: "–", hellip: "…" };

/** HTML (a feed's description often is) as plain text. */
export function plainText(html: string): string {
  return collapse(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
        if (name[0] === "#") return String.fromCodePoint(name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
        return ENTITIES[name.toLowerCase()] ?? entity;
      }),
  );
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = text.lastIndexOf(" ", max);
  return `${text.slice(0, end > 0 ? end : max)}…`;
}

/** The calendar day a feed's date names, in the date's own time zone (RFC 822 or ISO 8601). */
function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (iso?.[1]) return iso[1];
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  const month = rfc ? months.indexOf((rfc[2] ?? "").toLowerCase()) : -1;
  if (!rfc || month < 0) return null;
  return `${rfc[3]}-${String(month + 1).padStart(2, "0")}-${(rfc[1] ?? "").padStart(2, "0")}`;
}
