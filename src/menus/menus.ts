import { GrammyError } from "grammy";
import { editMenuOnContext, MenuMiddleware, MenuTemplate, replyMenuToContext, type Body } from "grammy-inline-menu";
import { escapeHtml, shorten } from "../answer/html.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { FIGURE_GROUPS, otherLang, type Figure, type Lang } from "../knowledge/types.ts";
import { MENU_ROOT } from "../telegram/callback-data.ts";
import { ACTIONS, eventsOnPage, PAGE_SIZE, pageCount } from "./paths.ts";
import { renderEvent, renderFigure, shortDate } from "./render.ts";

/** Longest button label before it is cut with an ellipsis. */
const MAX_LABEL = 48;
const cut = (text: string) => shorten(text, MAX_LABEL);
const buttonName = (figure: Figure, lang: Lang) => (figure.shortName ?? figure.name)[lang];

/** A menu's HTML text. grammy-inline-menu passes a body's parse_mode on even when it has none, which the API would take for plain text. */
export const html = (text: string): Body => ({ text, parse_mode: "HTML", disable_web_page_preview: true });

/** The captured groups of the menu path being shown (grammy-inline-menu puts them in ctx.match). */
export const matched = (ctx: BotContext, group: number) => (ctx.match as RegExpMatchArray | undefined)?.[group] ?? "";

export interface MenuOptions {
  /** Answers a question in the chat, as if the user had typed it. */
  answer(ctx: BotContext, question: string): Promise<void>;
  /** Adds buttons of other features to the main menu (after the timeline and figures). */
  mainButtons?(main: MenuTemplate<BotContext>): void;
  /** Adds buttons of other features to a figure's card (after "ask about"). */
  figureButtons?(card: MenuTemplate<BotContext>): void;
}

export interface Menus {
  middleware: MenuMiddleware<BotContext>;
  /** Sends the menu at `path` as a new message. */
  reply(ctx: BotContext, path: string): Promise<unknown>;
}

/**
 * The main menu (timeline, key figures, language, help), the timeline's pages and events, the
 * figures' groups and cards. Everything is rendered in the user's language from the current
 * knowledge base, so a publish or a language switch shows up on the next press.
 */
export function createMenus(deps: BotDeps, options: MenuOptions): Menus {
  const { t } = deps;
  const kb = () => deps.library.knowledge;
  const label = (key: string) => (ctx: BotContext) => ctx.t(key);

  const event = new MenuTemplate<BotContext>((ctx) => {
    const found = kb().timeline.find((e) => e.id === matched(ctx, 2));
    return html(found ? renderEvent(found, ctx.lang, t) : "");
  });
  event.manualRow((ctx) => {
    const timeline = kb().timeline;
    const index = timeline.findIndex((e) => e.id === matched(ctx, 2));
    const pageOf = (i: number) => Math.floor(i / PAGE_SIZE) + 1;
    const neighbour = (offset: number, key: string) => {
      const other = timeline[index + offset];
      return other ? [{ text: ctx.t(key), relativePath: `../../t:${pageOf(index + offset)}/e:${other.id}/` }] : [];
    };
    const page = pageOf(index);
    return [
      [...neighbour(-1, "menu-event-prev"), ...neighbour(1, "menu-event-next")],
      [{ text: ctx.t("menu-event-list"), relativePath: `../../t:${page}/` }, { text: ctx.t("menu-main"), relativePath: "../.." }],
    ];
  });

  const timelinePage = new MenuTemplate<BotContext>((ctx) => html(ctx.t("menu-timeline-title", { page: Number(matched(ctx, 1)), pages: pageCount(kb()) })));
  timelinePage.chooseIntoSubmenu("e", event, {
    columns: 1,
    maxRows: PAGE_SIZE,
    choices: (ctx) => eventsOnPage(kb(), Number(matched(ctx, 1))).map((e) => e.id),
    buttonText: (ctx, id) => {
      const found = kb().timeline.find((e) => e.id === id);
      return found ? cut(`${shortDate(found, ctx.lang, t)} · ${found.title[ctx.lang]}`) : id;
    },
  });
  timelinePage.manualRow((ctx) => {
    const page = Number(matched(ctx, 1));
    const paging = [
      ...(page > 1 ? [{ text: ctx.t("menu-prev"), relativePath: `../t:${page - 1}/` }] : []),
      ...(page < pageCount(kb()) ? [{ text: ctx.t("menu-next"), relativePath: `../t:${page + 1}/` }] : []),
    ];
    return [paging, [{ text: ctx.t("menu-main"), relativePath: ".." }]];
  });

  const card = new MenuTemplate<BotContext>((ctx) => {
    const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
    return html(figure ? renderFigure(figure, ctx.lang, t) : "");
  });
  card.interact(ACTIONS.ask, {
    text: (ctx) => {
      const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
      return cut(ctx.t("menu-ask-about", { name: figure ? buttonName(figure, ctx.lang) : "" }));
    },
    do: async (ctx) => {
      const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
      await ctx.answerCallbackQuery();
      if (figure) await options.answer(ctx, ctx.t("menu-ask-question", { name: figure.name[ctx.lang] }));
      return false;
    },
  });
  options.figureButtons?.(card);
  card.manualRow((ctx) => [[{ text: ctx.t("menu-back"), relativePath: ".." }, { text: ctx.t("menu-main"), relativePath: "../../.." }]]);

  const group = new MenuTemplate<BotContext>((ctx) => html(ctx.t("menu-group-title", { group: escapeHtml(ctx.t(`menu-group-${matched(ctx, 1)}`)) })));
  group.chooseIntoSubmenu("p", card, {
    columns: 2,
    maxRows: 20,
    choices: (ctx) => kb().figures.filter((f) => f.group === matched(ctx, 1)).map((f) => f.id),
    buttonText: (ctx, id) => {
      const figure = kb().figures.find((f) => f.id === id);
      return cut(figure ? buttonName(figure, ctx.lang) : id);
    },
  });
  group.manualRow((ctx) => [[{ text: ctx.t("menu-back"), relativePath: ".." }, { text: ctx.t("menu-main"), relativePath: "../.." }]]);

  const figures = new MenuTemplate<BotContext>((ctx) => html(ctx.t("menu-figures-title")));
  figures.chooseIntoSubmenu("g", group, {
    columns: 2,
    choices: FIGURE_GROUPS,
    buttonText: (ctx, key) => ctx.t(`menu-group-${key}`),
  });
  figures.manualRow((ctx) => [[{ text: ctx.t("menu-main"), relativePath: ".." }]]);

  const main = new MenuTemplate<BotContext>((ctx) => html(ctx.t("menu-main-title")));
  main.manual((ctx) => ({ text: ctx.t("menu-timeline"), relativePath: "t:1/" }));
  // The pages are entered through the button above (with its page number), not listed here.
  main.chooseIntoSubmenu("t", timelinePage, {
    choices: () => Array.from({ length: pageCount(kb()) }, (_, i) => String(i + 1)),
    hide: (_ctx, path) => path === MENU_ROOT,
  });
  main.submenu("f", figures, { text: label("menu-figures") });
  options.mainButtons?.(main);
  main.interact(ACTIONS.language, {
    text: label("menu-language"),
    do: async (ctx) => {
      const next = otherLang(ctx.lang);
      if (ctx.from) await deps.storage.setLanguage(ctx.from.id, next);
      await ctx.i18n.renegotiateLocale();
      return ".";
    },
  });
  main.interact(ACTIONS.help, {
    text: label("menu-help"),
    joinLastRow: true,
    do: async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("help"));
      return false;
    },
  });

  const middleware = new MenuMiddleware<BotContext>(MENU_ROOT, main, {
    sendMenu: async (menu, ctx, path) => {
      try {
        return await editMenuOnContext(menu, ctx, path);
      } catch (error) {
        // The message with the menu was deleted or is too old to edit: send the menu anew.
        if (error instanceof GrammyError && /message to edit not found|message can't be edited/.test(error.description)) {
          return replyMenuToContext(menu, ctx, path);
        }
        throw error;
      }
    },
  });
  return { middleware, reply: (ctx, path) => middleware.replyToContext(ctx, path) };
}
