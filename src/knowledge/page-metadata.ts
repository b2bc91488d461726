/** What a saved news page says about itself: its structured data first, its markup after. */
export interface PageMetadata {
  headline: string | null;
  /** An ISO date (YYYY-MM-DD), never guessed from loose text. */
  published: string | null;
  authors: string[];
  /** The site's own name (og:site_name, the publisher): a title ending with it has it cut off. */
  siteNames: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const ARTICLE_TYPE = /Article$|^BlogPosting$|^Report$/;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const asList = (value: Json | undefined): Json[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const typesOf = (node: JsonObject) => asList(node["@type"]).filter((t): t is string => typeof t === "string");

/** Every object of the page's JSON-LD blocks, @graph members included. */
function jsonLdNodes(document: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: Json) => {
    for (const item of asList(value)) {
      if (!isObject(item)) continue;
      nodes.push(item);
      if (item["@graph"] !== undefined) visit(item["@graph"]);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? "") as Json);
    } catch {
      // A broken block is one a browser ignores too; the page's other data still counts.
    }
  }
  return nodes;
}

/** Names of a schema.org author or publisher field: a string, a Person/Organization, or a list of them. */
function namesOf(value: Json | undefined): string[] {
  return asList(value)
    .map((item) => (typeof item === "string" ? item : isObject(item) && typeof item.name === "string" ? item.name : ""))
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Text that JSON-LD or an attribute holds with HTML entities still in it ("&quot;"). */
function decodeEntities(document: Document, text: string): string {
  const area = document.createElement("textarea");
  area.innerHTML = text;
  return area.value.replace(/\s+/g, " ").trim();
}

const isoDate = (value: string | null | undefined) => (value ? (ISO_DATE.exec(value)?.[0] ?? null) : null);

/** Month names, Russian (genitive) then Kazakh, each a month's number. */
const MONTHS: Record<string, number> = Object.fromEntries(
  `января февраля марта апреля мая июня июля августа сентября октября ноября декабря
   қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан`
    .split(/\s+/)
    .map((name, i) => [name, (i % 12) + 1]),
);
const MONTH = `(${Object.keys(MONTHS).join("|")})\\S*`;
const WRITTEN_DATES = [
  { pattern: new RegExp(`^(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})`, "iu"), day: 1, month: 2, year: 3 },
  { pattern: new RegExp(`^(\\d{4})\\s*(?:ж\\.|жылғы)?\\s*(\\d{1,2})\\s+${MONTH}`, "iu"), day: 2, month: 3, year: 1 },
];
const TIME = String.raw`(?:[,\s]+(?:в\s+)?\d{1,2}:\d{2})?`;
/** A line that is nothing but a date (and a time): "5 марта 2024", "12.03.2021 14:05", «2024 ж. 5 наурыз, 10:15». */
const DATE_LINE = new RegExp(
  String.raw`^(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+${MONTH}\s+\d{4}(?:\s*(?:г\.|года|ж\.))?|\d{4}\s*(?:ж\.|жылғы)?\s*\d{1,2}\s+${MONTH})${TIME}$`,
  "iu",
);

export const isDateLine = (text: string) => DATE_LINE.test(text.trim());

/** A date written out with its month's name ("5 марта 2024", «2024 ж. 5 наурыз»), which cannot be misread; digits alone ("04.10.2019") can. */
function writtenDate(text: string): string | null {
  for (const { pattern, day, month, year } of WRITTEN_DATES) {
    const match = pattern.exec(text.trim());
    const number = match && MONTHS[(match[month] as string).toLowerCase()];
    if (match && number) return `${match[year]}-${String(number).padStart(2, "0")}-${(match[day] as string).padStart(2, "0")}`;
  }
  return null;
}

/** Class names (and their parts: "entry__date", "article-author") of the elements that hold a byline, a date or a view count. */
const BYLINE_PARTS = new Set(["author", "authors", "byline", "date", "datetime", "pubdate", "published", "views"]);

/** The page's bylines, dates and view counters: elements marked so by their class, rel or itemprop. */
export function bylineElements(document: Document): Element[] {
  return [...document.querySelectorAll("[class], [rel=author], [itemprop]")].filter(
    (element) =>
      [...element.classList].some((c) => c.toLowerCase().split(/[-_]+/).some((part) => BYLINE_PARTS.has(part))) ||
      element.getAttribute("rel") === "author" ||
      ["author", "datePublished", "dateModified"].includes(element.getAttribute("itemprop") ?? ""),
  );
}

export function pageMetadata(document: Document): PageMetadata {
  const attribute = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name)?.trim() || null;
  const meta = (selector: string) => attribute(selector, "content");
  const article = jsonLdNodes(document).find((node) => typesOf(node).some((t) => ARTICLE_TYPE.test(t)));
  const text = (value: Json | undefined) => (typeof value === "string" && value.trim() ? decodeEntities(document, value) : null);
  const microdata = (prop: string) => {
    const element = document.querySelector(`[itemprop="${prop}"]`);
    if (!element) return null;
    return element.getAttribute("content") ?? element.getAttribute("datetime") ?? (element.textContent?.replace(/\s+/g, " ").trim() || null);
  };

  const headline = text(article?.headline) ?? text(microdata("headline") ?? undefined) ?? text(meta('meta[property="og:title"]') ?? undefined);
  const published =
    isoDate(typeof article?.datePublished === "string" ? article.datePublished : null) ??
    [meta('meta[property="article:published_time"]'), microdata("datePublished"), meta('meta[name="date"]'), attribute("time[datetime]", "datetime")]
      .map(isoDate)
      .find(Boolean) ??
    bylineElements(document)
      .map((element) => writtenDate(element.textContent ?? ""))
      .find(Boolean) ??
    null;
  // A meta author is sometimes a profile's address, not a name.
  const metaAuthor = meta('meta[name="author"]');
  const authors = [...namesOf(article?.author), ...(metaAuthor && !/^https?:/.test(metaAuthor) ? [metaAuthor] : [])];
  const siteNames = [meta('meta[property="og:site_name"]'), ...namesOf(article?.publisher)].filter((name): name is string => Boolean(name));
  return { headline, published, authors: [...new Set(authors)], siteNames: [...new Set(siteNames)] };
}

const SEPARATOR = String.raw`\s*[—–|:·•-]\s*`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The title without the site's name that pages add before or after it ("Заголовок — Степной вестник", "Site: Headline"). */
export function withoutSiteName(title: string, siteNames: string[]): string {
  for (const site of siteNames.filter(Boolean)) {
    const name = escape(site.trim());
    const stripped = title.replace(new RegExp(`${SEPARATOR}${name}$`, "iu"), "").replace(new RegExp(`^${name}${SEPARATOR}`, "iu"), "").trim();
    if (stripped && stripped !== title) return stripped;
  }
  return title;
}
