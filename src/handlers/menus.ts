import { Composer } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import { createMenus, type MenuOptions, type Menus } from "../menus/menus.ts";
import { eventPath, figurePath, figuresPath, isCurrentMenuPath, MENU_ROOT, timelinePath } from "../menus/paths.ts";
import { answerQuestion } from "./question.ts";

const OPEN = /^open:(e|f):([a-z0-9-]+)$/;

/**
 * /menu, /timeline and /figures; the menus' buttons; buttons under answers that open an entry;
 * and a fresh menu, with a short notice, for a button that no longer leads anywhere.
 */
export function menus(deps: BotDeps, buttons: Pick<MenuOptions, "mainButtons" | "figureButtons"> = {}): { composer: Composer<BotContext>; menus: Menus } {
  const built = createMenus(deps, { answer: (ctx, question) => answerQuestion(ctx, deps, question), ...buttons });
  const composer = new Composer<BotContext>();

  composer.command("menu", (ctx) => built.reply(ctx, MENU_ROOT));
  composer.command("timeline", (ctx) => built.reply(ctx, timelinePath(1)));
  composer.command("figures", (ctx) => built.reply(ctx, figuresPath));

  composer.callbackQuery(OPEN, async (ctx) => {
    const [, kind, id] = ctx.match;
    const kb = deps.library.knowledge;
    const event = kind === "e" ? kb.timeline.find((e) => e.id === id) : undefined;
    const figure = kind === "f" ? kb.figures.find((f) => f.id === id) : undefined;
    const path = event ? eventPath(kb, event) : figure ? figurePath(figure) : null;
    await answerOutdated(ctx, deps, path === null);
    await built.reply(ctx, path ?? MENU_ROOT);
  });

  composer.callbackQuery(/^m\//, async (ctx, next) => {
    if (isCurrentMenuPath(deps.library.knowledge, ctx.callbackQuery.data)) return next();
    await answerOutdated(ctx, deps, true);
    await built.reply(ctx, MENU_ROOT);
  });
  composer.use(built.middleware.middleware());

  return { composer, menus: built };
}

async function answerOutdated(ctx: BotContext, deps: BotDeps, outdated: boolean): Promise<void> {
  await ctx.answerCallbackQuery(outdated ? { text: deps.t(await interfaceLanguage(ctx), "menu-outdated") } : undefined);
}
