import { escapeHtml, link, shorten } from "../answer/html.ts";
import { formatDate, type Translate } from "../i18n.ts";
import type { Lang } from "../knowledge/types.ts";
import { splitSentences } from "../search/sentences.ts";
import type { Item } from "./items.ts";

/** Announcements give this many sentences of the new material, and at most this many characters of them. */
const SENTENCES = 2;
const MAX_LEAD = 600;
/** Titles and outlets longer than this are cut, so that an announcement always fits in a message. */
const MAX_NAME = 300;

const lead = (text: string) => shorten(splitSentences(text).slice(0, SENTENCES).join(" "), MAX_LEAD);
const name = (text: string) => escapeHtml(shorten(text, MAX_NAME));

/** The message that tells a subscriber about a new item: title, one or two sentences, the link. */
export function announcement(item: Item, lang: Lang, t: Translate): string {
  if (item.kind === "event") {
    const { event } = item;
    const source = event.facts[0]?.sources[0];
    return [
      `🆕 <b>${escapeHtml(t(lang, "announce-event"))}</b>`,
      `📅 <b>${escapeHtml(event.dateLabel[lang])} · ${name(event.title[lang])}</b>`,
      escapeHtml(lead(event.facts[0]?.text[lang] ?? "")),
      source ? `📄 ${link(source.url, shorten(source.title ?? source.outlet, MAX_NAME))}${source.title ? ` — ${name(source.outlet)}` : ""}` : "",
      escapeHtml(t(lang, "announce-unsubscribe")),
    ]
      .filter(Boolean)
      .join("\n\n");
  }
  const article = item.translations[lang] ?? item.original;
  const body = article.paragraphs.find((p) => !p.heading)?.text ?? "";
  const language = article.lang === lang ? "" : ` ${t(lang, article.lang === "ru" ? "announce-in-russian" : "announce-in-kazakh")}`;
  return [
    `🆕 <b>${escapeHtml(t(lang, "announce-article"))}</b>`,
    `<b>${name(article.title)}</b> — ${name(article.outlet)}, ${escapeHtml(formatDate(t, lang, article.published))}`,
    escapeHtml(lead(body)),
    `📄 ${link(article.url, t(lang, "announce-read"))}${escapeHtml(language)}`,
    escapeHtml(t(lang, "announce-unsubscribe")),
  ]
    .filter(Boolean)
    .join("\n\n");
}
