import { Composer, InlineKeyboard } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import { callbackData, onButton } from "../telegram/callback-data.ts";

/** /language: choose Russian or Kazakh; the choice is saved and outlives restarts. */
export function language(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("language", async (ctx) => {
    const lang = await interfaceLanguage(ctx);
    await ctx.reply(deps.t(lang, "language-choose"), {
      reply_markup: new InlineKeyboard().text(deps.t(lang, "language-button-kk"), callbackData.language("kk")).text(deps.t(lang, "language-button-ru"), callbackData.language("ru")),
    });
  });

  onButton(composer, "language", async (ctx, button) => {
    await deps.storage.setLanguage(ctx.from.id, button.lang);
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(deps.t(button.lang, "language-set"));
  });

  return composer;
}
