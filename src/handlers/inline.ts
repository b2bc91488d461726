import { Composer, InlineKeyboard } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer, AnswerReason } from "../answer/engine.ts";
import { MESSAGE_LIMIT, shorten, visibleLength } from "../answer/html.ts";
import { renderHtml } from "../answer/render-html.ts";
import { noAnswerKey, passageLabel } from "../answer/wording.ts";
import type { BotContext, BotDeps } from "../context.ts";
import type { Lang, TimelineEvent } from "../knowledge/types.ts";
import { renderEvent, shortDate } from "../menus/render.ts";
import { passageRef } from "../search/passages.ts";
import { EXAMPLES } from "../telegram/callback-data.ts";

const PAGE = 10;
const MAX_RESULTS = 50;
const MAX_DESCRIPTION = 120;
/** Answers to a query are the same for everyone for a while; starting points follow the user's language. */
const CACHE_SECONDS = { query: 300, start: 60 };

/**
 * Inline mode (@bot question in any chat): up to 50 cited answers, ten a page; with an empty
 * query, the operation's milestones and example questions; when nothing is found, one result that
 * says so and a button to the bot's private chat.
 */
export function inline(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const offset = Math.max(0, Number.parseInt(ctx.inlineQuery.offset, 10) || 0);
    const openBot = new InlineKeyboard().url(ctx.t("inline-open-bot", { bot: ctx.me.username }), `https://t.me/${ctx.me.username}`);

    let results: InlineQueryResultArticle[];
    let personal: boolean;
    let notFound = false;
    if (!query) {
      results = startingPoints(deps, ctx.lang, openBot);
      personal = true;
    } else {
      const found = deps.library.engine.answers(query, { fallbackLang: ctx.lang, limit: MAX_RESULTS });
      // Results depend on who asks only when the question's words do not tell its language.
      personal = !found.langFromQuestion;
      results = found.answers.map((answer) => answerResult(answer, deps, openBot));
      if (results.length === 0) {
        notFound = true;
        results = [notFoundResult(deps, found.lang, found.reason)];
      }
    }

    const page = results.slice(offset, offset + PAGE);
    const more = offset + PAGE < results.length;
    await ctx.answerInlineQuery(page, {
      cache_time: query ? CACHE_SECONDS.query : CACHE_SECONDS.start,
      is_personal: personal,
      next_offset: more ? String(offset + PAGE) : "",
      ...(notFound ? { button: { text: ctx.t("inline-not-found-button"), start_parameter: "inline" } } : {}),
    });
  });

  return composer;
}

function message(html: string) {
  return { message_text: html, link_preview_options: { is_disabled: true } };
}

function answerResult(answer: Answer, deps: BotDeps, openBot: InlineKeyboard): InlineQueryResultArticle {
  const quote = answer.quotes[0];
  return {
    type: "article",
    id: quote ? passageRef(quote.passage) : "answer",
    title: shorten(quote ? passageLabel(quote.passage) : "", 64),
    description: shorten(quote?.text ?? "", MAX_DESCRIPTION),
    input_message_content: message(renderHtml(answer, deps.t)),
    reply_markup: openBot,
  };
}

function notFoundResult(deps: BotDeps, lang: Lang, reason: AnswerReason): InlineQueryResultArticle {
  const text = deps.t(lang, noAnswerKey(reason));
  return {
    type: "article",
    id: "not-found",
    title: deps.t(lang, "inline-not-found-title"),
    description: shorten(text, MAX_DESCRIPTION),
    input_message_content: message(deps.t(lang, "inline-not-found-message")),
  };
}

/** For an empty query: the timeline's milestones, then the example questions answered. */
function startingPoints(deps: BotDeps, lang: Lang, openBot: InlineKeyboard): InlineQueryResultArticle[] {
  const milestones = deps.library.knowledge.timeline.filter((e) => e.milestone).map((event) => milestoneResult(event, deps, lang, openBot));
  const examples = EXAMPLES.flatMap((n) => {
    const question = deps.t(lang, `example-${n}`);
    const answer = deps.library.engine.ask(question, { fallbackLang: lang });
    if (!answer.found) return [];
    return [{ ...answerResult(answer, deps, openBot), id: `example-${n}`, title: `❓ ${question}` }];
  });
  return [...milestones, ...examples];
}

function milestoneResult(event: TimelineEvent, deps: BotDeps, lang: Lang, openBot: InlineKeyboard): InlineQueryResultArticle {
  let html = renderEvent(event, lang, deps.t);
  // A long event page keeps only its main facts: what happened, and the sources.
  if (visibleLength(html) > MESSAGE_LIMIT) html = renderEvent({ ...event, facts: event.facts.filter((f) => (f.about ?? "what") === "what") }, lang, deps.t);
  return {
    type: "article",
    id: `event-${event.id}`,
    title: shorten(`📅 ${shortDate(event, lang, deps.t)} · ${event.title[lang]}`, 64),
    description: shorten(event.facts[0]?.text[lang] ?? "", MAX_DESCRIPTION),
    input_message_content: message(html),
    reply_markup: openBot,
  };
}
