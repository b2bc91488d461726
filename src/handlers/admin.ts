import { Composer } from "grammy";
import { escapeHtml, shorten } from "../answer/html.ts";
import { PLAIN, type BotContext, type BotDeps } from "../context.ts";
import { KnowledgeError } from "../knowledge/fields.ts";

/** Questions shown in /stats, cut to this length. */
const MAX_QUESTION = 80;
/** A knowledge-base problem as shown in /publish, and all of them together: within one message. */
const MAX_PROBLEM = 300;
const MAX_PROBLEMS_CHARS = 3000;

/** As many problems as fit in one message, each cut short, and how many more there are. */
export function problemList(problems: string[], more: (count: number) => string): string {
  const shown: string[] = [];
  let length = 0;
  for (const problem of problems) {
    const line = `• ${shorten(problem, MAX_PROBLEM)}`;
    if (length + line.length > MAX_PROBLEMS_CHARS) break;
    shown.push(line);
    length += line.length + 1;
  }
  return shown.length < problems.length ? [...shown, more(problems.length - shown.length)].join("\n") : shown.join("\n");
}

/**
 * /stats and /publish, for the users in ADMIN_IDS only and in a private chat with the bot (their
 * output lists users' questions); anyone else gets the reply to an unknown command (the next
 * handler), an admin in a group a pointer to the private chat.
 */
export function admin(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const everywhere = composer.filter((ctx) => ctx.from !== undefined && deps.adminIds.includes(ctx.from.id));
  everywhere.chatType(["group", "supergroup"]).command(["stats", "publish"], async (ctx) => {
    await ctx.reply(ctx.t("admin-private-only"), { ...PLAIN, reply_parameters: { message_id: ctx.msg.message_id } });
  });
  const admins = everywhere.chatType("private");

  admins.command("stats", async (ctx) => {
    const [subscribers, questions, outbox, disliked] = await Promise.all([
      deps.storage.subscriberCounts(),
      deps.storage.questionStats(Date.now()),
      deps.storage.outboxCounts(),
      deps.storage.dislikedAnswers(Date.now()),
    ]);
    const top = questions.topNotFound.map(({ question, count }) => `• ${escapeHtml(shorten(question, MAX_QUESTION))} — ${count}`);
    const dislikedLines = disliked.map(({ passage, down, up }) => {
      const quoted = deps.library.engine.index.byKey(passage);
      const what = quoted ? `${quoted.title}: «${shorten(quoted.text, MAX_QUESTION)}»` : passage;
      return `• ${escapeHtml(what)} — 👎 ${down}, 👍 ${up}`;
    });
    await ctx.reply(
      ctx.t("stats", {
        ru: subscribers.ru,
        kk: subscribers.kk,
        answered: questions.answeredToday,
        notFound: questions.notFoundToday,
        pending: outbox.pending,
        sent: outbox.sent,
        failed: outbox.failed,
        top: top.length > 0 ? top.join("\n") : ctx.t("stats-none"),
        disliked: dislikedLines.length > 0 ? dislikedLines.join("\n") : ctx.t("stats-none"),
      }),
    );
  });

  admins.command("publish", async (ctx) => {
    try {
      const result = await deps.publish();
      const key = result.baseline ? "publish-baseline" : result.announced.length > 0 ? "publish-done" : "publish-nothing";
      await ctx.reply(ctx.t(key, { items: result.announced.length, messages: result.queued }), PLAIN);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      await ctx.reply(ctx.t("publish-invalid", { problems: problemList(error.problems, (count) => ctx.t("publish-more-problems", { count })) }), PLAIN);
    }
  });

  return composer;
}
