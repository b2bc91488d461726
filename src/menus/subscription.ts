import { MenuTemplate } from "grammy-inline-menu";
import { escapeHtml } from "../answer/html.ts";
import { figureKey, topicKey } from "../broadcast/topics.ts";
import type { BotContext, BotDeps } from "../context.ts";
import type { Lang } from "../knowledge/types.ts";
import { EVERYTHING, type Subscription } from "../storage/storage.ts";
import { html, matched } from "./menus.ts";

const DELIVERY = ["now", "week"] as const;

export interface SubscriptionMenu {
  /** The menu of what a private chat follows and how (the main menu's "s" submenu, /subscribe). */
  menu: MenuTemplate<BotContext>;
  /** Adds "follow" to a figure's card. */
  followButton(card: MenuTemplate<BotContext>): void;
}

/**
 * What a private chat follows: everything, or topics (the stages and themes of
 * subscription-topics.yaml) and figures (followed from their cards); at once or in a weekly
 * digest. Each press is saved at once; following nothing is unsubscribing.
 */
export function subscriptionMenu(deps: BotDeps): SubscriptionMenu {
  const { t, storage } = deps;
  const kb = () => deps.library.knowledge;
  const notPrivate = (ctx: BotContext) => ctx.chat?.type !== "private";
  // Read once per update: every button of the menu asks.
  const read = new WeakMap<BotContext, Promise<Subscription | null>>();
  const current = (ctx: BotContext) => {
    let subscription = read.get(ctx);
    if (!subscription) read.set(ctx, (subscription = ctx.chat ? storage.subscription(ctx.chat.id) : Promise.resolve(null)));
    return subscription;
  };
  const topicsOf = async (ctx: BotContext) => (await current(ctx))?.topics ?? [];

  /** Saves what the chat follows from now on; the menu is drawn again. */
  const change = async (ctx: BotContext, next: (now: Subscription) => Subscription): Promise<true> => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return true;
    const subscription = next((await current(ctx)) ?? { topics: [], weekly: false });
    if (subscription.topics.length === 0) await storage.unsubscribe(chatId);
    else await storage.setSubscription(chatId, "private", ctx.lang, subscription);
    read.delete(ctx);
    return true;
  };
  /**
   * Follows or stops following one topic or figure. A topic chosen in the menu narrows
   * "everything" down to it; a figure followed from its card is added to what the chat follows.
   */
  const follow = (ctx: BotContext, key: string, on: boolean, narrow: boolean) =>
    change(ctx, (now) => {
      const others = now.topics.filter((topic) => topic !== key && !(narrow && topic === EVERYTHING));
      return { ...now, topics: on ? [...others, key] : others };
    });

  const menu = new MenuTemplate<BotContext>(async (ctx) => html(describe(ctx.lang, await current(ctx))));
  menu.toggle("all", {
    text: (ctx) => ctx.t("follow-everything"),
    isSet: async (ctx) => (await topicsOf(ctx)).includes(EVERYTHING),
    set: (ctx, on) => change(ctx, (now) => ({ ...now, topics: on ? [EVERYTHING] : [] })),
  });
  menu.select("t", {
    columns: 1,
    showFalseEmoji: true,
    choices: () => kb().subscriptionTopics.map((topic) => topic.id),
    buttonText: (ctx, id) => kb().subscriptionTopics.find((topic) => topic.id === id)?.title[ctx.lang] ?? id,
    isSet: async (ctx, id) => (await topicsOf(ctx)).includes(topicKey(id)),
    set: (ctx, id, on) => follow(ctx, topicKey(id), on, true),
  });
  // Figures are followed from their cards; here they can be let go.
  menu.select("f", {
    columns: 2,
    choices: async (ctx) => (await topicsOf(ctx)).filter((key) => key.startsWith("f:")).map((key) => key.slice(2)).filter((id) => kb().figures.some((f) => f.id === id)),
    buttonText: (ctx, id) => {
      const figure = kb().figures.find((f) => f.id === id);
      return figure ? (figure.shortName ?? figure.name)[ctx.lang] : id;
    },
    isSet: () => true,
    set: (ctx, id, on) => follow(ctx, figureKey(id), on, true),
  });
  menu.select("d", {
    columns: 2,
    choices: DELIVERY,
    buttonText: (ctx, key) => ctx.t(`follow-${key}`),
    isSet: async (ctx, key) => (await current(ctx))?.weekly === (key === "week"),
    set: (ctx, key) => change(ctx, (now) => ({ topics: now.topics.length > 0 ? now.topics : [EVERYTHING], weekly: key === "week" })),
  });
  menu.interact("off", {
    text: (ctx) => ctx.t("follow-nothing"),
    hide: async (ctx) => (await current(ctx)) === null,
    do: (ctx) => change(ctx, () => ({ topics: [], weekly: false })),
  });
  menu.manualRow((ctx) => [[{ text: ctx.t("menu-main"), relativePath: ".." }]]);

  /** The menu's text: what the chat follows and how, in `lang`. */
  function describe(lang: Lang, subscription: Subscription | null): string {
    const title = `🔔 <b>${escapeHtml(t(lang, "follow-title"))}</b>`;
    if (!subscription) return [title, escapeHtml(t(lang, "follow-status-none")), escapeHtml(t(lang, "follow-figures-hint"))].join("\n\n");
    const names = subscription.topics.flatMap((key) => {
      if (key === EVERYTHING) return [t(lang, "follow-status-everything")];
      const topic = kb().subscriptionTopics.find((s) => topicKey(s.id) === key);
      const figure = kb().figures.find((f) => figureKey(f.id) === key);
      return topic ? [topic.title[lang]] : figure ? [figure.name[lang]] : [];
    });
    return [
      title,
      `${escapeHtml(t(lang, "follow-status"))}\n${names.map((name) => `• ${escapeHtml(name)}`).join("\n")}`,
      escapeHtml(t(lang, subscription.weekly ? "follow-status-week" : "follow-status-now")),
      escapeHtml(t(lang, "follow-figures-hint")),
    ].join("\n\n");
  }

  const followButton = (card: MenuTemplate<BotContext>) =>
    card.toggle("fol", {
      hide: notPrivate,
      text: (ctx) => ctx.t("follow-figure"),
      formatState: (ctx, _text, on) => ctx.t(on ? "follow-figure-stop" : "follow-figure"),
      isSet: async (ctx) => (await topicsOf(ctx)).includes(figureKey(matched(ctx, 2))),
      set: (ctx, on) => follow(ctx, figureKey(matched(ctx, 2)), on, false),
    });

  return { menu, followButton };
}
