import { formatDate, type Translate } from "../i18n.ts";
import type { Lang } from "../knowledge/types.ts";
import type { Answer, Citation, Quote } from "./engine.ts";
import { noAnswerKey, passageLabel } from "./wording.ts";

/** The answer as plain text: quotes with their sources and links, or why there is none (and what it may have been). */
export function renderText(answer: Answer, t: Translate): string {
  const { lang } = answer;
  if (!answer.found) return [t(lang, noAnswerKey(answer.reason)), ...answer.suggestions.map((p) => `• ${passageLabel(p)}`)].join("\n");
  const [main, ...extra] = answer.quotes.map((quote) => renderQuote(quote, lang, t));
  const also = t(lang, answer.differingFigures ? "answer-also-figures" : "answer-also");
  return [main, ...(extra.length > 0 ? [also, ...extra] : [])].join("\n\n");
}

function renderQuote(quote: Quote, lang: Lang, t: Translate): string {
  const lines = [`«${quote.text}»`];
  if (quote.passage.lang !== lang) lines.push(t(lang, quote.passage.lang === "ru" ? "answer-quote-in-russian" : "answer-quote-in-kazakh"));
  for (const citation of quote.citations) lines.push(sourceLine(citation, lang, t), citation.url);
  return lines.join("\n");
}

export function sourceLine(citation: Citation, lang: Lang, t: Translate): string {
  const key = !citation.title ? "answer-source-untitled" : citation.translation ? "answer-source-translated" : "answer-source";
  return t(lang, key, {
    title: citation.title ?? "",
    outlet: citation.outlet,
    date: formatDate(t, lang, citation.published),
  });
}
