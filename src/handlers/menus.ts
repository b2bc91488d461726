import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.ts";
import { createMenus, type MenuOptions, type Menus } from "../menus/menus.ts";
import { eventPath, figurePath, figuresPath, isCurrentMenuPath, timelinePath } from "../menus/paths.ts";
import { MENU_ROOT, onButton } from "../telegram/callback-data.ts";
import { answerQuestion } from "./question.ts";

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

  onButton(composer, "open", async (ctx, button) => {
    const kb = deps.library.knowledge;
    const event = button.entry === "event" ? kb.timeline.find((e) => e.id === button.id) : undefined;
    const figure = button.entry === "figure" ? kb.figures.find((f) => f.id === button.id) : undefined;
    const path = event ? eventPath(kb, event) : figure ? figurePath(figure) : null;
    await answerOutdated(ctx, path === null);
    await built.reply(ctx, path ?? MENU_ROOT);
  });

  onButton(composer, "menu", async (ctx, button, next) => {
    if (isCurrentMenuPath(deps.library.knowledge, button.path)) return next();
    await answerOutdated(ctx, true);
    await built.reply(ctx, MENU_ROOT);
  });
  composer.use(built.middleware.middleware());

  return { composer, menus: built };
}

async function answerOutdated(ctx: BotContext, outdated: boolean): Promise<void> {
  await ctx.answerCallbackQuery(outdated ? { text: ctx.t("menu-outdated") } : undefined);
}
