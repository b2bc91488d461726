import { FIGURE_GROUPS, type Figure, type KnowledgeBase, type LoadedKnowledge, type TimelineEvent } from "../knowledge/types.ts";
import { MENU_ROOT } from "../telegram/callback-data.ts";

/*
 * Menu paths are the buttons' callback data (grammy-inline-menu's scheme: a menu ends with "/",
 * an action does not). They carry ASCII ids only, so they stay far below Telegram's 64 bytes,
 * and they hold all the state, so a menu keeps working after the bot restarts.
 */
export const PAGE_SIZE = 8;

export const timelinePath = (page: number) => `${MENU_ROOT}t:${page}/`;
export const figuresPath = `${MENU_ROOT}f/`;
export const groupPath = (group: string) => `${figuresPath}g:${group}/`;

export function pageCount(kb: KnowledgeBase): number {
  return Math.max(1, Math.ceil(kb.timeline.length / PAGE_SIZE));
}

export function eventsOnPage(kb: KnowledgeBase, page: number): TimelineEvent[] {
  return kb.timeline.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

export function eventPath(kb: KnowledgeBase, event: TimelineEvent): string {
  const page = Math.floor(kb.timeline.indexOf(event) / PAGE_SIZE) + 1;
  return `${timelinePath(page)}e:${event.id}/`;
}

export const figurePath = (figure: Figure) => `${groupPath(figure.group)}p:${figure.id}/`;

export const subscriptionPath = `${MENU_ROOT}s/`;

/** Actions: the language switch, help and a group's subscription in the main menu, "ask about" on a figure's card. */
export const ACTIONS = { language: "lang", help: "help", subscribe: "sub", ask: "ask" } as const;

const PATTERNS: [RegExp, (kb: LoadedKnowledge, match: RegExpExecArray) => boolean][] = [
  [/^m\/(?:lang|help|sub)?$/, () => true],
  [/^m\/s\/(?:off|all:(?:true|false)|d[TF]:(?:now|week))?$/, () => true],
  [/^m\/s\/t[TF]:([a-z0-9-]+)$/, (kb, [, id]) => kb.subscriptionTopics.some((topic) => topic.id === id)],
  [/^m\/s\/f[TF]:([a-z0-9-]+)$/, (kb, [, id]) => kb.figures.some((f) => f.id === id)],
  [/^m\/t:(\d+)\/$/, (kb, [, page]) => Number(page) >= 1 && Number(page) <= pageCount(kb)],
  [/^m\/t:(\d+)\/e:([a-z0-9-]+)\/$/, (kb, [, page, id]) => eventsOnPage(kb, Number(page)).some((e) => e.id === id)],
  [/^m\/f\/$/, () => true],
  [/^m\/f\/g:([a-z]+)\/$/, (_kb, [, group]) => (FIGURE_GROUPS as readonly string[]).includes(group ?? "")],
  [/^m\/f\/g:([a-z]+)\/p:([a-z0-9-]+)\/(?:ask|fol:(?:true|false))?$/, (kb, [, group, id]) => kb.figures.some((f) => f.id === id && f.group === group)],
];

/** Whether a button's callback data still leads somewhere in this knowledge base (old or tampered buttons do not). */
export function isCurrentMenuPath(kb: LoadedKnowledge, data: string): boolean {
  for (const [pattern, check] of PATTERNS) {
    const match = pattern.exec(data);
    if (match) return check(kb, match);
  }
  return false;
}

/** The menu a deep link opens: ?start=timeline, figures, event_<id>, figure_<id>. */
export function deepLinkPath(kb: KnowledgeBase, payload: string): string | null {
  if (payload === "menu") return MENU_ROOT;
  if (payload === "timeline") return timelinePath(1);
  if (payload === "figures") return figuresPath;
  const event = /^event_([a-z0-9-]+)$/.exec(payload);
  const found = event && kb.timeline.find((e) => e.id === event[1]);
  if (found) return eventPath(kb, found);
  const figure = /^figure_([a-z0-9-]+)$/.exec(payload);
  const person = figure && kb.figures.find((f) => f.id === figure[1]);
  return person ? figurePath(person) : null;
}
