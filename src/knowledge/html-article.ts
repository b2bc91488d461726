import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";
import type { ImportedArticle } from "./import.ts";
import { bylineElements, isDateLine, pageMetadata, withoutSiteName } from "./page-metadata.ts";

// Apart from import.ts: jsdom is loaded only by what reads pages (npm run add, the feed watcher), not by every bot process.

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
