import { MIN_TEXT_CHARS, whyNotText } from "../knowledge/article-text.ts";
import { fromHtml } from "../knowledge/html-article.ts";
import { articleId, languageOf } from "../knowledge/import.ts";
import type { Lang } from "../knowledge/types.ts";
import { dateInUrl } from "../knowledge/url-date.ts";
import type { FeedItem, FeedSource } from "./types.ts";

/**
 * A new article as `npm run add` would write it, waiting for an admin's review: the fields of its
 * front matter and its paragraphs (a heading starts with "## "; `articleFile` writes the file).
 */
export interface ArticleDraft {
  id: string;
  lang: Lang;
  title: string;
  url: string;
  outlet: string;
  /** ISO date: the page's own, else the feed's, else the one its address states; null when none says. */
  published: string | null;
  paragraphs: string[];
  /** The paragraphs as plain text, for a preview. */
  text: string;
}

/** A page that is not an article `npm run add` would take. */
export class DraftError extends Error {
  override readonly name = "DraftError";
}

/**
 * Turns a fetched article page into a draft, with the same extraction, language detection, id
 * and checks as `npm run add`. `url` is the page's address as the feed links it.
 */
export function draftFromPage(html: string, url: string, source: Pick<FeedSource, "outlet" | "lang">, item?: Pick<FeedItem, "title" | "published">): ArticleDraft {
  const notText = whyNotText(html);
  if (notText) throw new DraftError(`not a text page: ${notText}`);
  let extracted;
  try {
    extracted = fromHtml(html, url, source.outlet);
  } catch (error) {
    throw new DraftError((error as Error).message);
  }
  const title = extracted.title || item?.title || "";
  if (!title) throw new DraftError("the page has no title");
  const body = extracted.paragraphs.filter((p) => !p.startsWith("## ")).join(" ");
  if (body.length < MIN_TEXT_CHARS) throw new DraftError(`only ${body.length} characters of text; an article needs at least ${MIN_TEXT_CHARS}`);
  return {
    id: articleId(url, title),
    lang: languageOf(`${title} ${extracted.paragraphs.join(" ")}`) ?? source.lang,
    title,
    url,
    outlet: source.outlet,
    published: extracted.published ?? item?.published ?? dateInUrl(url),
    paragraphs: extracted.paragraphs,
    text: extracted.paragraphs.map((p) => p.replace(/^## /, "")).join("\n\n"),
  };
}
