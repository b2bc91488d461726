import { formatDate, type Translate } from "../i18n.ts";
import type { Lang } from "../knowledge/types.ts";
import type { Answer, Citation, Quote } from "./engine.ts";
import { escapeHtml, MESSAGE_LIMIT, shorten, visibleLength } from "./html.ts";
import { noAnswerKey } from "./wording.ts";

/**
 * Longest quote, and longest title or outlet of a source, in characters, before they are cut: one
 * quote with its (at most three) sources always fits in a message.
 */
const MAX_QUOTE = 1200;
const MAX_NAME = 200;

/**
 * The answer as a Telegram HTML message: each quote in a blockquote with its sources as links,
 * or why there is none. Extra quotes are dropped to stay within Telegram's 4096 characters.
 */
export function renderHtml(answer: Answer, t: Translate): string {
  const { lang } = answer;
  if (!answer.found) return escapeHtml(t(lang, noAnswerKey(answer.reason)));
  const quotes = answer.quotes.map((quote) => renderQuote(quote, lang, t));
  const also = escapeHtml(t(lang, answer.differingFigures ? "answer-also-figures" : "answer-also"));
  for (let count = quotes.length; count > 1; count--) {
    const [main, ...extra] = quotes.slice(0, count);
    const html = [main, also, ...extra].join("\n\n");
    if (visibleLength(html) <= MESSAGE_LIMIT) return html;
  }
  return quotes[0] as string;
}

function renderQuote(quote: Quote, lang: Lang, t: Translate): string {
  const lines = [`<blockquote>${escapeHtml(shorten(quote.text, MAX_QUOTE))}</blockquote>`];
  if (quote.passage.lang !== lang) {
    lines.push(`<i>${escapeHtml(t(lang, quote.passage.lang === "ru" ? "answer-quote-in-russian" : "answer-quote-in-kazakh"))}</i>`);
  }
  for (const citation of quote.citations) lines.push(sourceLink(citation, lang, t));
  return lines.join("\n");
}

/** "📄 <a href=…>Title</a> — Outlet, date": every variable part escaped. */
export function sourceLink(citation: Citation, lang: Lang, t: Translate): string {
  const key = !citation.title ? "answer-link-untitled" : citation.translation ? "answer-link-translated" : "answer-link";
  return t(lang, key, {
    url: escapeHtml(citation.url),
    title: escapeHtml(shorten(citation.title ?? "", MAX_NAME)),
    outlet: escapeHtml(shorten(citation.outlet, MAX_NAME)),
    date: escapeHtml(formatDate(t, lang, citation.published)),
  });
}
