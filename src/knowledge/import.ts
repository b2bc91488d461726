import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";
import { dump } from "js-yaml";
import { detectLanguage } from "../search/language.ts";
import { tokenize } from "../search/tokenize.ts";
import { bylineElements, isDateLine, pageMetadata, withoutSiteName } from "./page-metadata.ts";
import type { Lang } from "./types.ts";

export interface ImportedArticle {
  id: string;
  lang: Lang;
  title: string;
  published: string | null;
  /** Paragraphs; a heading starts with "## ". */
  paragraphs: string[];
}

/** Lines of site chrome that a saved page often keeps around the article. */
const CHROME = /^(подписаться|поделиться|читайте также|еще новости|ещё новости|лента новостей|back to top|реклама|жазылу|бөлісу|тағы оқыңыз)$/i;
/** A short call to subscribe, or a cookie notice. */
const PROMO = /^(подписывайтесь|подпишитесь|присоединяйтесь|жазылыңыз|жазылып)(?!\p{L})|cookie|куки-?файл/iu;
const MAX_PROMO_CHARS = 200;
/** A byline or a photo credit: "Автор: …", "Текст: …", «Мәтін: …», "Фото: пресс-служба МИД". */
const CREDIT = /^(автор|авторы|текст|фото|фото и текст|источник фото|мәтін|сурет|суреттер|фотосурет|photo|text|by)\s*[:：]/i;
const MAX_BYLINE_CHARS = 150;

/** Removes the page's bylines and date lines, which a reader view would otherwise keep as the first paragraph. */
function removeBylines(document: Document): void {
  for (const element of bylineElements(document)) if ((element.textContent ?? "").trim().length <= MAX_BYLINE_CHARS) element.remove();
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * A saved article page: its title, its text (as readability would show it), its date if the page
 * says. The page's own structured data (JSON-LD, microdata, og:) is trusted over its markup.
 */
export function fromHtml(html: string, url: string, outlet?: string): Omit<ImportedArticle, "id" | "lang"> {
  const dom = new JSDOM(html, { url });
  const document = dom.window.document;
  const metadata = pageMetadata(document);
  const headings = [...document.querySelectorAll("h1")].map((h) => collapse(h.textContent ?? "")).filter(Boolean);
  // The one <h1> is the headline as the page shows it; <title> often cuts or decorates it.
  const h1 = headings.length === 1 ? headings[0] : undefined;
  removeBylines(document);
  const article = new Readability(document).parse();
  if (!article?.content) throw new Error("no article text found in the page");
  const title = withoutSiteName(metadata.headline ?? h1 ?? collapse(article.title ?? ""), [...metadata.siteNames, ...(outlet ? [outlet] : [])]);
  const content = new JSDOM(article.content).window.document;
  const notText = new Set([title, h1, ...metadata.authors, article.byline ? collapse(article.byline) : undefined].filter(Boolean).map((t) => `${t}`.toLowerCase()));
  const paragraphs = [...content.querySelectorAll("h1, h2, h3, h4, p, li, blockquote")]
    .filter((element) => !element.querySelector("p, li"))
    .map((element) => {
      const text = collapse(element.textContent ?? "");
      return /^H[1-4]$/.test(element.tagName) && text ? `## ${text}` : text;
    })
    .filter((text) => {
      const plain = text.replace(/^## /, "");
      return plain && !CHROME.test(plain) && !notText.has(plain.toLowerCase()) && !isDateLine(plain) &&
        !(PROMO.test(plain) && plain.length <= MAX_PROMO_CHARS) && !(CREDIT.test(plain) && plain.length <= MAX_BYLINE_CHARS);
    });
  return { title, published: metadata.published, paragraphs };
}

/** A Markdown file: a leading "# title" is the title; the rest, paragraph by paragraph. */
export function fromMarkdown(markdown: string): Omit<ImportedArticle, "id" | "lang" | "published"> {
  const body = markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
  const blocks = body.split(/\r?\n\s*\r?\n/).map((b) => b.replace(/\s*\r?\n\s*/g, " ").trim()).filter(Boolean);
  const heading = blocks[0]?.match(/^#\s+(.*)$/);
  return { title: heading?.[1]?.trim() ?? "", paragraphs: (heading ? blocks.slice(1) : blocks).map((b) => b.replace(/^#{2,6}\s+/, "## ")) };
}

/** The language the text is written in, by its words. */
export function languageOf(text: string): Lang | null {
  return detectLanguage(tokenize(text));
}

const LATIN: Record<string, string> = {
  ...Object.fromEntries(
    "а a б b в v г g д d е e ё e ж zh з z и i й i к k л l м m н n о o п p р r с s т t у u ф f х h ц ts ч ch ш sh щ sch ы y э e ю yu я ya ә a ғ g қ q ң n ө o ұ u ү u һ h і i"
      .split(" ")
      .reduce<[string, string][]>((pairs, value, i, all) => (i % 2 ? pairs : [...pairs, [value, all[i + 1] ?? ""]]), []),
  ),
  ъ: "",
  ь: "",
};

/** An id for an article: from the URL's last part when it is readable, else from the title in Latin letters. */
export function articleId(url: string, title: string): string {
  const slug = (text: string) =>
    [...text.toLowerCase()]
      .map((c) => LATIN[c] ?? c)
      .join("")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "");
  const last = new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "";
  const fromUrl = slug(decodeURIComponent(last).replace(/\.\w+$/, ""));
  return /[a-z]{3}/.test(fromUrl) && fromUrl.length >= 8 ? fromUrl : slug(title) || "article";
}

/** The article file: YAML front matter, then the paragraphs. */
export function articleFile(article: ImportedArticle & { outlet: string; url: string; translationOf?: string }): string {
  const front = dump({
    id: article.id,
    lang: article.lang,
    title: article.title,
    source: article.outlet,
    url: article.url,
    published: article.published,
    ...(article.translationOf ? { translation_of: article.translationOf } : {}),
  });
  return `---\n${front}---\n${article.paragraphs.join("\n\n")}\n`;
}
