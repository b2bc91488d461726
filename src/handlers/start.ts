import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../answer/html.ts";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import type { Lang } from "../knowledge/types.ts";
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
    const lang = await interfaceLanguage(ctx);
    const name = escapeHtml(ctx.from.first_name);
    await ctx.reply(`${deps.t(lang, "start-greeting", { name })}\n\n${deps.t(lang, "start-examples-title")}`, {
      parse_mode: "HTML",
      reply_markup: examplesKeyboard(deps, lang),
    });
  });

  onButton(privateChat, "example", async (ctx, button) => {
    await ctx.answerCallbackQuery();
    const lang = await interfaceLanguage(ctx);
    await answerQuestion(ctx, deps, deps.t(lang, `example-${button.n}`));
  });

  return composer;
}

function examplesKeyboard(deps: BotDeps, lang: Lang): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const n of EXAMPLES) keyboard.text(deps.t(lang, `example-${n}`), callbackData.example(n)).row();
  return keyboard;
}
