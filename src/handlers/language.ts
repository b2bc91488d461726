import { Composer, InlineKeyboard } from "grammy";
import { PLAIN, type BotContext, type BotDeps } from "../context.ts";
import { callbackData, onButton } from "../telegram/callback-data.ts";

/** /language: choose Russian or Kazakh; the choice is saved and outlives restarts. */
export function language(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("language", async (ctx) => {
    await ctx.reply(ctx.t("language-choose"), {
      ...PLAIN,
      reply_markup: new InlineKeyboard().text(ctx.t("language-button-kk"), callbackData.language("kk")).text(ctx.t("language-button-ru"), callbackData.language("ru")),
    });
  });

  onButton(composer, "language", async (ctx, button) => {
    await deps.storage.setLanguage(ctx.from.id, button.lang);
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(deps.t(button.lang, "language-set"), PLAIN);
  });

  return composer;
}
