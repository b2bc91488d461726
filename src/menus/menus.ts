import { GrammyError } from "grammy";
import { editMenuOnContext, MenuMiddleware, MenuTemplate, replyMenuToContext, type Body } from "grammy-inline-menu";
import { escapeHtml, shorten } from "../answer/html.ts";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import { FIGURE_GROUPS, otherLang, type Figure, type Lang } from "../knowledge/types.ts";
import { MENU_ROOT } from "../telegram/callback-data.ts";
import { ACTIONS, eventsOnPage, PAGE_SIZE, pageCount } from "./paths.ts";
import { renderEvent, renderFigure, shortDate } from "./render.ts";

/** Longest button label before it is cut with an ellipsis. */
const MAX_LABEL = 48;
const cut = (text: string) => shorten(text, MAX_LABEL);
const buttonName = (figure: Figure, lang: Lang) => (figure.shortName ?? figure.name)[lang];

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
  const label = (key: string) => async (ctx: BotContext) => t(await interfaceLanguage(ctx), key);

  const event = new MenuTemplate<BotContext>(async (ctx) => {
    const found = kb().timeline.find((e) => e.id === matched(ctx, 2));
    return html(found ? renderEvent(found, await interfaceLanguage(ctx), t) : "");
  });
  event.manualRow(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    const timeline = kb().timeline;
    const index = timeline.findIndex((e) => e.id === matched(ctx, 2));
    const pageOf = (i: number) => Math.floor(i / PAGE_SIZE) + 1;
    const neighbour = (offset: number, key: string) => {
      const other = timeline[index + offset];
      return other ? [{ text: t(lang, key), relativePath: `../../t:${pageOf(index + offset)}/e:${other.id}/` }] : [];
    };
    const page = pageOf(index);
    return [
      [...neighbour(-1, "menu-event-prev"), ...neighbour(1, "menu-event-next")],
      [{ text: t(lang, "menu-event-list"), relativePath: `../../t:${page}/` }, { text: t(lang, "menu-main"), relativePath: "../.." }],
    ];
  });

  const timelinePage = new MenuTemplate<BotContext>(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    return html(t(lang, "menu-timeline-title", { page: Number(matched(ctx, 1)), pages: pageCount(kb()) }));
  });
  timelinePage.chooseIntoSubmenu("e", event, {
    columns: 1,
    maxRows: PAGE_SIZE,
    choices: (ctx) => eventsOnPage(kb(), Number(matched(ctx, 1))).map((e) => e.id),
    buttonText: async (ctx, id) => {
      const lang = await interfaceLanguage(ctx);
      const found = kb().timeline.find((e) => e.id === id);
      return found ? cut(`${shortDate(found, lang, t)} · ${found.title[lang]}`) : id;
    },
  });
  timelinePage.manualRow(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    const page = Number(matched(ctx, 1));
    const paging = [
      ...(page > 1 ? [{ text: t(lang, "menu-prev"), relativePath: `../t:${page - 1}/` }] : []),
      ...(page < pageCount(kb()) ? [{ text: t(lang, "menu-next"), relativePath: `../t:${page + 1}/` }] : []),
    ];
    return [paging, [{ text: t(lang, "menu-main"), relativePath: ".." }]];
  });

  const card = new MenuTemplate<BotContext>(async (ctx) => {
    const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
    return html(figure ? renderFigure(figure, await interfaceLanguage(ctx), t) : "");
  });
  card.interact(ACTIONS.ask, {
    text: async (ctx) => {
      const lang = await interfaceLanguage(ctx);
      const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
      return cut(t(lang, "menu-ask-about", { name: figure ? buttonName(figure, lang) : "" }));
    },
    do: async (ctx) => {
      const lang = await interfaceLanguage(ctx);
      const figure = kb().figures.find((f) => f.id === matched(ctx, 2));
      await ctx.answerCallbackQuery();
      if (figure) await options.answer(ctx, t(lang, "menu-ask-question", { name: figure.name[lang] }));
      return false;
    },
  });
  options.figureButtons?.(card);
  card.manualRow(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    return [[{ text: t(lang, "menu-back"), relativePath: ".." }, { text: t(lang, "menu-main"), relativePath: "../../.." }]];
  });

  const group = new MenuTemplate<BotContext>(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    return html(t(lang, "menu-group-title", { group: escapeHtml(t(lang, `menu-group-${matched(ctx, 1)}`)) }));
  });
  group.chooseIntoSubmenu("p", card, {
    columns: 2,
    maxRows: 20,
    choices: (ctx) => kb().figures.filter((f) => f.group === matched(ctx, 1)).map((f) => f.id),
    buttonText: async (ctx, id) => {
      const lang = await interfaceLanguage(ctx);
      const figure = kb().figures.find((f) => f.id === id);
      return cut(figure ? buttonName(figure, lang) : id);
    },
  });
  group.manualRow(async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    return [[{ text: t(lang, "menu-back"), relativePath: ".." }, { text: t(lang, "menu-main"), relativePath: "../.." }]];
  });

  const figures = new MenuTemplate<BotContext>(async (ctx) => html(t(await interfaceLanguage(ctx), "menu-figures-title")));
  figures.chooseIntoSubmenu("g", group, {
    columns: 2,
    choices: FIGURE_GROUPS,
    buttonText: async (ctx, key) => t(await interfaceLanguage(ctx), `menu-group-${key}`),
  });
  figures.manualRow(async (ctx) => [[{ text: t(await interfaceLanguage(ctx), "menu-main"), relativePath: ".." }]]);

  const main = new MenuTemplate<BotContext>(async (ctx) => html(t(await interfaceLanguage(ctx), "menu-main-title")));
  main.manual(async (ctx) => ({ text: t(await interfaceLanguage(ctx), "menu-timeline"), relativePath: "t:1/" }));
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
      const next = otherLang(await interfaceLanguage(ctx));
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
      await ctx.reply(t(await interfaceLanguage(ctx), "help"), { parse_mode: "HTML" });
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
