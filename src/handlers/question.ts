import { Composer, InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { Answer } from "../answer/engine.ts";
import { shorten } from "../answer/html.ts";
import { renderHtml } from "../answer/render-html.ts";
import { passageLabel } from "../answer/wording.ts";
import { storageFaults } from "../log.ts";
import { metrics } from "../ops/metrics.ts";
import type { BotContext, BotDeps } from "../context.ts";
import { LANGS } from "../knowledge/types.ts";
import { passageRef } from "../search/passages.ts";
import { callbackData, onButton } from "../telegram/callback-data.ts";

/** Button labels are cut to this many characters. */
const MAX_LABEL = 60;
/** Questions are logged (for /stats) in lower case, spaces collapsed, at most this long. */
const LOGGED_QUESTION = 300;

const normalizeQuestion = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim().slice(0, LOGGED_QUESTION);

/**
 * The command a message starts with: Telegram marks it with a bot_command entity at offset 0
 * (`/name` or `/name@bot`, Latin letters, digits and _ only). `/ вопрос` and `/Жусан …` have none.
 */
export function leadingCommand(message: { text: string; entities?: MessageEntity[] }): { name: string; bot?: string } | null {
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity) return null;
  const [name = "", bot] = message.text.slice(1, entity.length).split("@");
  return { name: name.toLowerCase(), ...(bot ? { bot } : {}) };
}

/** The question in a text that is no command: a leading slash (`/ Что такое Жусан?`) is dropped. */
export const withoutSlash = (text: string) => text.replace(/^[\s/]+/u, "").trim();

/**
 * Any text in a private chat that is no command is a question: the answer, quoted with its
 * sources, and buttons under it. A slash before it (`/ вопрос`, `/Жусан …`: no command entity)
 * is dropped. A question edited into another one is answered again, as a reply to it.
 */
export function question(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");
  const asked = new AskedQuestions();

  privateChat.on("message:text", async (ctx, next) => {
    // A command no handler before took is unknown: unsupported.ts lists the commands.
    if (leadingCommand(ctx.message)) return next();
    const text = withoutSlash(ctx.message.text);
    if (!text) return next();
    asked.changed(ctx.chat.id, ctx.message.message_id, text);
    await answerQuestion(ctx, deps, text);
  });

  // An edit is not a command run again; nor is an edit that leaves the question as it was
  // (case, punctuation, spacing) answered twice.
  privateChat.on("edited_message:text", async (ctx) => {
    const message = ctx.editedMessage;
    if (leadingCommand(message)) return;
    const text = withoutSlash(message.text);
    if (!text || !asked.changed(ctx.chat.id, message.message_id, text)) return;
    await answerQuestion(ctx, deps, text, message.message_id);
  });

  onButton(composer, "more", async (ctx, button) => {
    const passage = deps.library.engine.passageByRef(button.ref);
    if (!passage) {
      await ctx.answerCallbackQuery({ text: ctx.t("answer-button-outdated") });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendAnswer(ctx, deps, deps.library.engine.explain(passage, button.lang));
  });

  return composer;
}

/** Edits compared ignore case, punctuation, emoji and spacing: «Русафа» is «русафа?». */
const comparable = (text: string) => text.toLowerCase().replace(/ё/g, "е").replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/**
 * The questions of the latest private messages, to tell an edit that changes a question from one
 * that does not. Kept in memory, the newest few thousand: an edit of a message asked before a
 * restart (or on another instance) is answered, which costs at most one repeated answer.
 */
class AskedQuestions {
  private readonly byMessage = new Map<string, string>();

  constructor(private readonly limit = 5000) {}

  /** Records `text` as the message's question; whether it differs from the one recorded before. */
  changed(chatId: number, messageId: number, text: string): boolean {
    const key = `${chatId}:${messageId}`;
    const now = comparable(text);
    const before = this.byMessage.get(key);
    this.byMessage.delete(key);
    this.byMessage.set(key, now);
    if (this.byMessage.size > this.limit) this.byMessage.delete(this.byMessage.keys().next().value as string);
    return before !== now;
  }
}

/**
 * Answers `text` in the current chat, in the language of the question, else the user's; as a
 * reply to the message `replyTo` when given (in a group; an edited question).
 */
export async function answerQuestion(ctx: BotContext, deps: BotDeps, text: string, replyTo?: number): Promise<void> {
  void ctx.replyWithChatAction("typing").catch(() => undefined);
  const answer = deps.library.engine.ask(text, { fallbackLang: ctx.lang });
  metrics.answers.inc({ reason: answer.reason });
  await sendAnswer(ctx, deps, answer, replyTo);
  // For /stats only: the answer does not wait for it, nor fail with it.
  if (answer.reason !== "empty") {
    await deps.storage.logQuestion(normalizeQuestion(text), answer.lang, answer.found, Date.now()).then(
      () => storageFaults.ok("logging questions"),
      (error: unknown) => storageFaults.failed("logging questions", error),
    );
  }
}

async function sendAnswer(ctx: BotContext, deps: BotDeps, answer: Answer, replyTo?: number): Promise<void> {
  await ctx.reply(renderHtml(answer, deps.t), {
    link_preview_options: { is_disabled: true },
    reply_markup: answerKeyboard(answer, deps, ctx.chat?.type === "private"),
    ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  });
}

/**
 * Under an answer: a button that opens the quoted timeline event or figure, the related facts
 * ("Ещё по теме") and, in a private chat, 👍 / 👎. Under "not found": the facts it may have been
 * about ("Возможно, вы спрашиваете").
 */
function answerKeyboard(answer: Answer, deps: BotDeps, canRate: boolean): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  const lang = LANGS.includes(answer.lang) ? answer.lang : "ru";
  const main = answer.quotes[0]?.passage;
  const origin = main?.origin;
  if (origin && (origin.kind === "event" || origin.kind === "figure")) {
    const key = origin.kind === "event" ? "answer-open-event" : "answer-open-figure";
    keyboard.text(deps.t(lang, key), callbackData.open(origin.kind, origin.id)).row();
  }
  for (const passage of answer.found ? answer.related : answer.suggestions) {
    keyboard.text(shorten(passageLabel(passage), MAX_LABEL), callbackData.more(lang, passageRef(passage))).row();
  }
  if (main && canRate) {
    const ref = passageRef(main);
    keyboard.text(deps.t(lang, "feedback-up"), callbackData.feedback("up", ref)).text(deps.t(lang, "feedback-down"), callbackData.feedback("down", ref));
  }
  return keyboard.inline_keyboard.some((row) => row.length > 0) ? keyboard : undefined;
}
