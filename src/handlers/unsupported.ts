import { Composer } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";

/**
 * Stickers, photos, voice and other non-text messages in a private chat get a short hint, and so
 * does a command the bot does not know.
 */
export function unsupported(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message:entities:bot_command", async (ctx) => {
    await ctx.reply(deps.t(await interfaceLanguage(ctx), "unknown-command"));
  });
  composer
    .chatType("private")
    .on(["message:sticker", "message:photo", "message:voice", "message:video", "message:video_note", "message:document", "message:audio", "message:animation", "message:location", "message:contact", "message:poll"], async (ctx) => {
      await ctx.reply(deps.t(await interfaceLanguage(ctx), "unsupported-message"));
    });
  return composer;
}
