import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../answer/html.ts";
import type { BotContext, BotDeps } from "../context.ts";
import type { Menus } from "../menus/menus.ts";
import { deepLinkPath } from "../menus/paths.ts";
import { callbackData, EXAMPLES, onButton } from "../telegram/callback-data.ts";
import { answerQuestion } from "./question.ts";

/**
 * /start: a greeting in the user's language, what the bot does, and example questions as buttons
 * that ask them; with a deep link (?start=timeline, figures, event_<id>, figure_<id>), that menu.
 */
export function start(deps: BotDeps, menus: Menus): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  privateChat.command("start", async (ctx) => {
    const path = ctx.match ? deepLinkPath(deps.library.knowledge, ctx.match) : null;
    if (path) return void (await menus.reply(ctx, path));
    const name = escapeHtml(ctx.from.first_name);
    await ctx.reply(`${ctx.t("start-greeting", { name })}\n\n${ctx.t("start-examples-title")}`, { reply_markup: examplesKeyboard(ctx) });
  });

  onButton(privateChat, "example", async (ctx, button) => {
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, deps, ctx.t(`example-${button.n}`));
  });

  return composer;
}

function examplesKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const n of EXAMPLES) keyboard.text(ctx.t(`example-${n}`), callbackData.example(n)).row();
  return keyboard;
}
