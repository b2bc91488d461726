import { escapeHtml, link } from "../answer/html.ts";
import { formatDate, type Translate } from "../i18n.ts";
import type { Fact, Figure, Lang, Source, TimelineEvent } from "../knowledge/types.ts";

/** Numbers every distinct source of `facts` in order of first use. */
function numberSources(facts: Fact[]): Map<string, { n: number; source: Source }> {
  const numbered = new Map<string, { n: number; source: Source }>();
  for (const fact of facts) {
    for (const source of fact.sources) if (!numbered.has(source.url)) numbered.set(source.url, { n: numbered.size + 1, source });
  }
  return numbered;
}

function factLine(fact: Fact, lang: Lang, numbered: Map<string, { n: number }>): string {
  const refs = fact.sources.map((s) => numbered.get(s.url)?.n).join(", ");
  return `${escapeHtml(fact.text[lang])} <i>[${refs}]</i>`;
}

function sourceList(numbered: Map<string, { n: number; source: Source }>, lang: Lang, t: Translate): string {
  const lines = [...numbered.values()].map(({ n, source }) => {
    const outlet = source.title ? ` — ${escapeHtml(source.outlet)}` : "";
    return `${n}. ${link(source.url, source.title ?? source.outlet)}${outlet}, ${escapeHtml(formatDate(t, lang, source.published))}`;
  });
  return `<b>${escapeHtml(t(lang, "menu-sources"))}</b>\n${lines.join("\n")}`;
}

const SECTIONS = ["what", "who", "numbers", "dispute"] as const;

/** An event's page: date, title, what happened, who, the numbers, where sources disagree, and the sources. */
export function renderEvent(event: TimelineEvent, lang: Lang, t: Translate): string {
  const numbered = numberSources(event.facts);
  const parts = [`📅 <b>${escapeHtml(event.dateLabel[lang])}</b>\n<b>${escapeHtml(event.title[lang])}</b>`];
  for (const section of SECTIONS) {
    const facts = event.facts.filter((f) => (f.about ?? "what") === section);
    if (facts.length === 0) continue;
    const heading = section === "what" ? "" : `<b>${escapeHtml(t(lang, `menu-event-${section}`))}</b>\n`;
    parts.push(heading + facts.map((f) => factLine(f, lang, numbered)).join("\n"));
  }
  parts.push(sourceList(numbered, lang, t));
  return parts.join("\n\n");
}

/** A person's or organisation's card: name, role at the time, what they did, sources. */
export function renderFigure(figure: Figure, lang: Lang, t: Translate): string {
  const numbered = numberSources(figure.facts);
  return [
    `👤 <b>${escapeHtml(figure.name[lang])}</b>\n<i>${escapeHtml(figure.role[lang])}</i>`,
    figure.facts.map((f) => `• ${factLine(f, lang, numbered)}`).join("\n"),
    sourceList(numbered, lang, t),
  ].join("\n\n");
}

/** "5 янв. 2019" for a button: the event's date, as precise as it is known. */
export function shortDate(event: TimelineEvent, lang: Lang, t: Translate): string {
  if (!event.date) return "…";
  const [year, month, day] = event.date.split("-").map(Number);
  if (!month) return String(year);
  const date = new Date(year as number, month - 1, day ?? 1);
  return t(lang, day ? "date-short-day" : "date-short-month", { date });
}
