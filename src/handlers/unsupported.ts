import { Composer } from "grammy";
import { PLAIN, type BotContext } from "../context.ts";
import { leadingCommand } from "./question.ts";

/** Messages with nothing to read: each gets a short hint to write the question in words. */
const UNREADABLE = [
  "message:sticker",
  "message:dice",
  "message:photo",
  "message:voice",
  "message:video",
  "message:video_note",
  "message:document",
  "message:audio",
  "message:animation",
  "message:location",
  "message:venue",
  "message:contact",
  "message:poll",
  "message:game",
  "message:story",
] as const;

/**
 * Stickers, dice, photos, voice and other non-text messages in a private chat get a short hint,
 * and a command the bot does not know (or a lone "/") the list of its commands. In a group only
 * an unknown command addressed to the bot (`/x@bot`, or a reply to the bot) gets an answer, with
 * the commands that work there: a bare `/x` may be meant for another bot.
 */
export function unsupported(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // Every text that reaches here is a command no handler took, or slashes only (question.ts).
  composer.chatType("private").on("message:text", async (ctx) => {
    await ctx.reply(ctx.t("unknown-command"), PLAIN);
  });
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const command = leadingCommand(ctx.msg);
    const toBot = command?.bot?.toLowerCase() === ctx.me.username.toLowerCase() || (command && !command.bot && ctx.msg.reply_to_message?.from?.id === ctx.me.id);
    if (!toBot) return next();
    await ctx.reply(ctx.t("group-unknown-command", { bot: ctx.me.username }), {
      ...PLAIN,
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
    });
  });
  composer.chatType("private").on([...UNREADABLE], async (ctx) => {
    await ctx.reply(ctx.t("unsupported-message"), PLAIN);
  });
  return composer;
}
