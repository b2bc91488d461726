import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

/** /help: how to use the bot. */
export function help(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("help", async (ctx) => {
    await ctx.reply(ctx.t("help"));
  });
  return composer;
}
