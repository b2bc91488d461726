import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../context.ts";
import { storageFaults } from "../log.ts";
import { onButton, parseCallback } from "../telegram/callback-data.ts";

/**
 * 👍 / 👎 under an answer: the vote is stored (one per user and answer; a second press replaces
 * it) for /stats, and the buttons go, so that it is clear the vote was taken.
 */
export function feedback(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onButton(composer, "feedback", async (ctx, button) => {
    const { vote, ref } = button;
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
      await ctx.answerCallbackQuery({ text: ctx.t("error-generic") });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("feedback-thanks") });
    const rows = message?.reply_markup?.inline_keyboard.filter((row) => !row.some((button) => "callback_data" in button && parseCallback(button.callback_data)?.kind === "feedback"));
    if (rows) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
  });

  return composer;
}
