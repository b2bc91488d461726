import { Composer, GrammyError, InlineKeyboard, type Api } from "grammy";
import type { User } from "grammy/types";
import { escapeHtml, shorten } from "../answer/html.ts";
import { PLAIN, type BotContext, type BotDeps } from "../context.ts";
import { MAX_TITLE, Review, TITLE_EDIT_MS, type Admin, type Outcome } from "../feeds/review.ts";
import { formatDate } from "../i18n.ts";
import type { KnowledgeBase, Lang } from "../knowledge/types.ts";
import { logger, storageFaults } from "../log.ts";
import type { Draft } from "../storage/storage.ts";
import { callbackData, onButton } from "../telegram/callback-data.ts";
import { problemList } from "./admin.ts";

/** /review shows this many waiting drafts at most, oldest first. */
const LIST_LIMIT = 10;
const LEAD_CHARS = 500;
const OUTLET_CHARS = 100;

type CardDeps = Pick<BotDeps, "t" | "library">;

/** The names of the knowledge base entries a draft matched, in `lang`. */
function topicNames(kb: KnowledgeBase, about: string[], lang: Lang): string[] {
  return about.flatMap((key) => {
    const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const name =
      kind === "event" ? kb.timeline.find((e) => e.id === id)?.title[lang]
      : kind === "figure" ? kb.figures.find((f) => f.id === id)?.name[lang]
      : kind === "topic" ? kb.topics.find((t) => t.id === id)?.title[lang]
      : undefined;
    return name ? [name] : [];
  });
}

/** A draft as admins see it: title, outlet, date, first lines, link and topics. */
export function draftCard(deps: CardDeps, draft: Draft, lang: Lang): string {
  const topics = topicNames(deps.library.knowledge, draft.about, lang);
  return deps.t(lang, "review-card", {
    title: escapeHtml(shorten(draft.title, MAX_TITLE)),
    outlet: escapeHtml(shorten(draft.article.outlet, OUTLET_CHARS)),
    published: escapeHtml(formatDate(deps.t, lang, draft.article.published)),
    lead: escapeHtml(shorten(draft.article.text.replace(/\s*\n\s*/g, " "), LEAD_CHARS)),
    url: escapeHtml(draft.article.url),
    topics: escapeHtml(topics.length > 0 ? topics.join("; ") : deps.t(lang, "review-no-topics")),
  });
}

function draftKeyboard(deps: CardDeps, lang: Lang, id: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(deps.t(lang, "review-publish"), callbackData.review("publish", id))
    .text(deps.t(lang, "review-edit"), callbackData.review("edit", id))
    .row()
    .text(deps.t(lang, "review-reject"), callbackData.review("reject", id));
}

const cardOptions = (deps: CardDeps, lang: Lang, id: number) => ({
  link_preview_options: { is_disabled: true },
  reply_markup: draftKeyboard(deps, lang, id),
});

/** A decided draft's card ends with who decided, and has no buttons left. */
function decidedCard(deps: CardDeps, draft: Draft, lang: Lang): string {
  const { decision } = draft;
  const line = decision ? deps.t(lang, `review-status-${draft.status}`, { name: escapeHtml(decision.name), when: deps.t(lang, "review-when", { date: new Date(decision.at) }) }) : "";
  return `${draftCard(deps, draft, lang)}\n\n${line}`;
}

/**
 * Sends a new draft to every admin privately, each in their interface language (their /language,
 * else Russian). An admin who cannot be reached (never started the bot, blocked it) is a log line.
 * `api` is the bot's, which sends the cards as HTML.
 */
export async function sendDraftToAdmins(api: Api, deps: CardDeps & Pick<BotDeps, "storage" | "adminIds">, draft: Draft): Promise<void> {
  for (const admin of deps.adminIds) {
    const lang = (await deps.storage.getLanguage(admin).catch(() => null)) ?? "ru";
    try {
      await api.sendMessage(admin, draftCard(deps, draft, lang), cardOptions(deps, lang, draft.id));
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      logger.warn({ admin, draft: draft.id, code: error.error_code }, `a draft could not be sent to an admin: ${error.description}`);
    }
  }
}

const nameOf = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(" ");

/**
 * The review of the drafts the feed watcher finds, for the users in ADMIN_IDS in a private chat:
 * the buttons under each draft (✅ publish, ✏️ edit the title, ❌ reject), /review (what waits),
 * the title an admin sends after ✏️, and /cancel. Anyone else gets the reply to an unknown
 * command (the next handler), or a short refusal on a button.
 */
export function review(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const flow = new Review({ storage: deps.storage, library: deps.library, publish: deps.publish });
  const isAdmin = (ctx: BotContext) => ctx.from !== undefined && deps.adminIds.includes(ctx.from.id);
  const everywhere = composer.filter(isAdmin);
  everywhere.chatType(["group", "supergroup"]).command("review", async (ctx) => {
    await ctx.reply(ctx.t("review-private-only"), { ...PLAIN, reply_parameters: { message_id: ctx.msg.message_id } });
  });
  const admins = everywhere.chatType("private");

  admins.command("review", async (ctx) => {
    const [waiting, count] = await Promise.all([deps.storage.drafts("waiting", LIST_LIMIT), deps.storage.draftCount("waiting")]);
    if (waiting.length === 0) return void (await ctx.reply(ctx.t("review-empty"), PLAIN));
    await ctx.reply(ctx.t("review-list", { count }), PLAIN);
    for (const draft of waiting) await ctx.reply(draftCard(deps, draft, ctx.lang), cardOptions(deps, ctx.lang, draft.id));
    if (count > waiting.length) await ctx.reply(ctx.t("review-more", { count: count - waiting.length }), PLAIN);
  });

  admins.command("cancel", async (ctx, next) => {
    if (!(await flow.cancelTitleEdit({ id: ctx.from.id, name: nameOf(ctx.from) }))) return next();
    await ctx.reply(ctx.t("review-edit-cancelled"), PLAIN);
  });

  admins.on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    const admin = { id: ctx.from.id, name: nameOf(ctx.from) };
    // Without the database an admin's question is still answered.
    const outcome = await flow.takeTitle(admin, ctx.msg.text).then(
      (taken) => (storageFaults.ok("reading an admin's title edit"), taken),
      (error: unknown) => (storageFaults.failed("reading an admin's title edit", error), { kind: "none" as const }),
    );
    if (outcome.kind === "none") return next();
    if (outcome.kind === "too-short" || outcome.kind === "too-long") return void (await ctx.reply(ctx.t(`review-title-${outcome.kind}`, { max: MAX_TITLE }), PLAIN));
    if (outcome.kind === "decided") return void (await ctx.reply(decidedText(deps, outcome.draft, admin, ctx.lang), PLAIN));
    await ctx.reply(ctx.t("review-title-changed"), PLAIN);
    await ctx.reply(draftCard(deps, outcome.draft, ctx.lang), cardOptions(deps, ctx.lang, outcome.draft.id));
  });

  onButton(composer, "review", async (ctx, button) => {
    if (!isAdmin(ctx)) return void (await ctx.answerCallbackQuery({ text: ctx.t("review-admins-only"), show_alert: true }));
    const { action, draft: id } = button;
    const admin = { id: ctx.from.id, name: nameOf(ctx.from) };
    if (action === "edit") {
      const outcome = await flow.startTitleEdit(id, admin);
      if (outcome.kind !== "editing") return answerDecided(ctx, deps, outcome, admin);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("review-edit-prompt", { title: escapeHtml(outcome.draft.title), minutes: TITLE_EDIT_MS / 60_000 }));
      return;
    }
    const outcome = action === "publish" ? await flow.publish(id, admin) : await flow.reject(id, admin);
    if (outcome.kind === "published") {
      await ctx.answerCallbackQuery({ text: ctx.t("review-published", { messages: outcome.result.queued }) });
      await editCard(ctx, decidedCard(deps, outcome.draft, ctx.lang));
    } else if (outcome.kind === "rejected") {
      await ctx.answerCallbackQuery({ text: ctx.t("review-rejected") });
      await editCard(ctx, decidedCard(deps, outcome.draft, ctx.lang));
    } else if (outcome.kind === "invalid") {
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("publish-invalid", { problems: problemList(outcome.problems, (count) => ctx.t("publish-more-problems", { count })) }), PLAIN);
    } else {
      await answerDecided(ctx, deps, outcome, admin);
    }
  });

  return composer;
}

/** Who decided a draft before, and when, as the admin who asks is told it. */
function decidedText(deps: CardDeps, draft: Draft, admin: Admin, lang: Lang): string {
  const { decision } = draft;
  // Moved back to waiting (a publication failed) while this admin pressed.
  if (!decision) return deps.t(lang, "review-try-again");
  if (decision.by === admin.id) return deps.t(lang, `review-yours-${draft.status}`);
  return deps.t(lang, `review-decided-${draft.status}`, { name: decision.name, when: deps.t(lang, "review-when", { date: new Date(decision.at) }) });
}

/** A press on a draft that is gone or decided: the admin is told by whom, and the card shows it. */
async function answerDecided(ctx: BotContext, deps: CardDeps, outcome: Outcome, admin: Admin): Promise<void> {
  if (outcome.kind !== "decided") return void (await ctx.answerCallbackQuery({ text: ctx.t("review-missing"), show_alert: true }));
  await ctx.answerCallbackQuery({ text: decidedText(deps, outcome.draft, admin, ctx.lang), show_alert: true });
  if (outcome.draft.status !== "waiting") await editCard(ctx, decidedCard(deps, outcome.draft, ctx.lang));
}

/** Replaces the card the button was under, without its buttons; a card already showing it stays. */
async function editCard(ctx: BotContext, text: string): Promise<void> {
  await ctx.editMessageText(text, { link_preview_options: { is_disabled: true }, reply_markup: { inline_keyboard: [] } }).catch((error: unknown) => {
    if (!(error instanceof GrammyError)) throw error;
  });
}
