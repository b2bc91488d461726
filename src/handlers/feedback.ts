import { Composer } from "grammy";
import { interfaceLanguage, type BotContext, type BotDeps } from "../context.ts";
import { storageFaults } from "../log.ts";

const FEEDBACK = /^fb:(up|down):([\w-]{12})$/;

/** The callback data of a 👍 / 👎 button under an answer that quotes the passage `ref`. */
export const feedbackData = (vote: "up" | "down", ref: string) => `fb:${vote}:${ref}`;

/**
 * 👍 / 👎 under an answer: the vote is stored (one per user and answer; a second press replaces
 * it) for /stats, and the buttons go, so that it is clear the vote was taken.
 */
export function feedback(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(FEEDBACK, async (ctx) => {
    const [, vote, ref = ""] = ctx.match as RegExpMatchArray;
    const message = ctx.callbackQuery.message;
    const recorded = await deps.storage
      .recordFeedback({
        userId: ctx.from.id,
        messageId: message?.message_id ?? 0,
        passage: deps.library.engine.passageByRef(ref)?.key ?? ref,
        vote: vote === "up" ? 1 : -1,
        at: Date.now(),
      })
      .then(
        () => (storageFaults.ok("recording votes"), true),
        (error: unknown) => (storageFaults.failed("recording votes", error), false),
      );
    if (!recorded) {
      await ctx.answerCallbackQuery({ text: deps.t(await interfaceLanguage(ctx), "error-generic") });
      return;
    }
    await ctx.answerCallbackQuery({ text: deps.t(await interfaceLanguage(ctx), "feedback-thanks") });
    const rows = message?.reply_markup?.inline_keyboard.filter((row) => !row.some((button) => "callback_data" in button && FEEDBACK.test(button.callback_data)));
    if (rows) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
  });

  return composer;
}
