import { Composer } from "grammy";
import type { Message } from "grammy/types";
import { PLAIN, type BotContext, type BotDeps } from "../context.ts";
import { answerQuestion, leadingCommand, withoutSlash } from "./question.ts";

/**
 * Group chats: the bot answers when addressed — /ask (also as a reply to someone's message), a
 * mention, a reply to one of its messages — always as a reply, and stays quiet otherwise. A
 * slash before an addressed question (`@bot / вопрос`, no command entity) is dropped, as in a
 * private chat.
 */
export function group(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const groups = composer.chatType(["group", "supergroup"]);

  composer.command("ask", async (ctx) => {
    const replied = ctx.msg.reply_to_message;
    const question = ctx.match.trim() || replied?.text || replied?.caption || "";
    if (!question.trim()) {
      await ctx.reply(ctx.t("group-ask-usage", { bot: ctx.me.username }), {
        ...PLAIN,
        reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
      });
      return;
    }
    await answerQuestion(ctx, deps, question, ctx.msg.message_id);
  });

  groups.command(["start", "help"], async (ctx) => {
    await ctx.reply(ctx.t("group-help", { bot: ctx.me.username }));
  });

  groups.on("message:text", async (ctx, next) => {
    const message = ctx.msg;
    // Commands: the handlers after this one, and unsupported.ts for one addressed to the bot it does not know.
    if (leadingCommand(message)) return next();
    const mentioned = withoutMention(message, ctx.me.username);
    const repliesToBot = message.reply_to_message?.from?.id === ctx.me.id;
    if (mentioned === null && !repliesToBot) return next();
    await answerQuestion(ctx, deps, withoutSlash(mentioned ?? message.text), message.message_id);
  });

  composer.on("my_chat_member", async (ctx) => {
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const joined = ["left", "kicked"].includes(before.status) && ["member", "administrator"].includes(after.status);
    if (!joined || (ctx.chat.type !== "group" && ctx.chat.type !== "supergroup")) return;
    await ctx.reply(ctx.t("group-intro", { bot: ctx.me.username }));
  });

  return composer;
}

/** The message's text without the mention of the bot, or null if the bot is not mentioned. */
function withoutMention(message: Message.TextMessage, username: string): string | null {
  const mention = `@${username}`.toLowerCase();
  const entity = message.entities?.find(
    (e) => e.type === "mention" && message.text.slice(e.offset, e.offset + e.length).toLowerCase() === mention,
  );
  if (!entity) return null;
  return (message.text.slice(0, entity.offset) + message.text.slice(entity.offset + entity.length)).trim();
}
