import { escapeHtml, link, shorten } from "../answer/html.ts";
import { formatDate, type Translate } from "../i18n.ts";
import type { Lang } from "../knowledge/types.ts";
import type { Item } from "./items.ts";

const DAY_MS = 86_400_000;
/** Kazakhstan's time (UTC+5 all year): the digests' week runs from Monday 10:00 to Monday 10:00 there. */
const KZ_OFFSET_MS = 5 * 3_600_000;
const DIGEST_HOUR = 10;
/** Telegram's limit for a message's text. */
const MAX_MESSAGE = 4096;
const MAX_NAME = 200;

/** One digest week: what was published from `since` until before `until`, named by the day it ends (`2026-12-07`). */
export interface DigestWeek {
  week: string;
  since: number;
  until: number;
}

/** The latest digest week that has ended at `now`. */
export function weekEnded(now: number): DigestWeek {
  const local = new Date(now + KZ_OFFSET_MS);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  let end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday, DIGEST_HOUR) - KZ_OFFSET_MS;
  if (end > now) end -= 7 * DAY_MS;
  return { week: kzDay(end), since: end - 7 * DAY_MS, until: end };
}

/** The day in Kazakhstan at `time`, as an ISO date. */
const kzDay = (time: number) => new Date(time + KZ_OFFSET_MS).toISOString().slice(0, 10);

const name = (text: string) => escapeHtml(shorten(text, MAX_NAME));

/** One item of a digest: its title, outlet and date, and its link. */
function entry(item: Item, lang: Lang, t: Translate): string {
  if (item.kind === "event") {
    const { event } = item;
    const source = event.facts[0]?.sources[0];
    const sourceLink = source ? `\n📄 ${link(source.url, shorten(source.title ?? source.outlet, MAX_NAME))}` : "";
    return `📅 <b>${escapeHtml(event.dateLabel[lang])} · ${name(event.title[lang])}</b>${sourceLink}`;
  }
  const article = item.translations[lang] ?? item.original;
  const language = article.lang === lang ? "" : ` ${t(lang, article.lang === "ru" ? "announce-in-russian" : "announce-in-kazakh")}`;
  return (
    `• <b>${name(article.title)}</b> — ${name(article.outlet)}, ${escapeHtml(formatDate(t, lang, article.published))}\n` +
    `📄 ${link(article.url, t(lang, "announce-read"))}${escapeHtml(language)}`
  );
}

/**
 * A subscriber's weekly digest: the week's items that match their topics, oldest first, each with
 * its link, in one message. Items that do not fit in Telegram's 4096 characters are counted at the
 * end instead («…и ещё 3»).
 */
export function digestText(items: Item[], week: DigestWeek, lang: Lang, t: Translate): string {
  const head = `📬 <b>${escapeHtml(t(lang, "digest-title", { from: formatDate(t, lang, kzDay(week.since)), to: formatDate(t, lang, kzDay(week.until - 1)) }))}</b>`;
  const foot = escapeHtml(t(lang, "digest-footer"));
  const entries = items.map((item) => entry(item, lang, t));
  const more = (left: number) => (left > 0 ? [escapeHtml(t(lang, "digest-more", { count: left }))] : []);
  const text = (shown: number) => [head, ...entries.slice(0, shown), ...more(entries.length - shown), foot].join("\n\n");
  let shown = entries.length;
  while (shown > 0 && text(shown).length > MAX_MESSAGE) shown--;
  return text(shown);
}
