import { formatDate, type Translate } from "../i18n.ts";
import type { Lang } from "../knowledge/types.ts";
import type { Answer, Citation, Quote } from "./engine.ts";

/** The answer as plain text: quotes with their sources and links, or the "not found" message. */
export function renderText(answer: Answer, t: Translate): string {
  const { lang } = answer;
  if (!answer.found) return t(lang, answer.reason === "empty" ? "answer-empty" : "answer-not-found");
  const [main, ...extra] = answer.quotes.map((quote) => renderQuote(quote, lang, t));
  return [main, ...(extra.length > 0 ? [t(lang, "answer-also"), ...extra] : [])].join("\n\n");
}

function renderQuote(quote: Quote, lang: Lang, t: Translate): string {
  const lines = [`«${quote.text}»`];
  if (quote.passage.lang !== lang) lines.push(t(lang, quote.passage.lang === "ru" ? "answer-quote-in-russian" : "answer-quote-in-kazakh"));
  for (const citation of quote.citations) lines.push(sourceLine(citation, lang, t), citation.url);
  return lines.join("\n");
}

export function sourceLine(citation: Citation, lang: Lang, t: Translate): string {
  const key = !citation.pageTitle ? "answer-source-untitled" : citation.translation ? "answer-source-translated" : "answer-source";
  return t(lang, key, {
    title: citation.pageTitle ?? "",
    outlet: citation.outlet,
    date: formatDate(t, lang, citation.published),
  });
}
