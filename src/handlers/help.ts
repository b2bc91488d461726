import { Composer } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";

/** /help: how to use the bot. */
export function help(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("help", async (ctx) => {
    await ctx.reply(deps.t(await interfaceLanguage(ctx), "help"), { parse_mode: "HTML" });
  });
  return composer;
}
