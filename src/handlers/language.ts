import { Composer, InlineKeyboard } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import type { Lang } from "../knowledge/types.ts";

const CHOICE = /^lang:(ru|kk)$/;

/** /language: choose Russian or Kazakh; the choice is saved and outlives restarts. */
export function language(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("language", async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    await ctx.reply(deps.t(lang, "language-choose"), {
      reply_markup: new InlineKeyboard().text(deps.t(lang, "language-button-kk"), "lang:kk").text(deps.t(lang, "language-button-ru"), "lang:ru"),
    });
  });

  composer.callbackQuery(CHOICE, async (ctx) => {
    const lang = ctx.match[1] as Lang;
    await deps.storage.setLanguage(ctx.from.id, lang);
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(deps.t(lang, "language-set"));
  });

  return composer;
}
