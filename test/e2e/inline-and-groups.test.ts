import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNothingRefused, startWithStandIn, stopAll, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { maxInWindow, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;

const USER = { id: 4001, first_name: "Нурлан", language_code: "ru" };
const KK_USER = { id: 4002, first_name: "Гүлнар", language_code: "kk" };

interface InlineResult {
  id: string;
  title: string;
  description?: string;
  input_message_content: { message_text: string; parse_mode?: string };
}

/** Sends an inline query and returns the bot's answer to it. */
async function inline(user: typeof USER, query: string, offset = ""): Promise<RecordedRequest> {
  const since = api.mark();
  const id = api.inlineQuery(user, query, { offset });
  return api.waitFor((r) => r.method === "answerInlineQuery" && r.params.inline_query_id === id, { since });
}

const resultsOf = (request: RecordedRequest) => request.params.results as InlineResult[];

beforeAll(async () => ({ api, environment, bot } = await startWithStandIn({ rateLimits: { perGroupPerMinute: 20 } })));

afterAll(() => stopAll({ bot, api, environment }));

afterEach(() => expectNothingRefused(api));

describe("inline mode", () => {
  it("pages cited answers ten at a time, up to fifty, within Telegram's limits", async () => {
    // A broad question: every fact on returned children that scores close to the best one.
    const seen = new Set<string>();
    let offset = "";
    let pages = 0;
    do {
      const answer = await inline(USER, "Сколько детей вернули?", offset);
      const results = resultsOf(answer);
      expect(results.length).toBeLessThanOrEqual(10);
      for (const result of results) {
        expect(seen.has(result.id)).toBe(false);
        seen.add(result.id);
        expect(Buffer.byteLength(result.id)).toBeLessThanOrEqual(64);
        expect(result.input_message_content.parse_mode).toBe("HTML");
        expect(result.input_message_content.message_text).toMatch(/<a href="https?:\/\//);
      }
      offset = String(answer.params.next_offset ?? "");
      expect(Buffer.byteLength(offset)).toBeLessThanOrEqual(64);
      pages++;
    } while (offset && pages < 10);
    expect(seen.size).toBeGreaterThan(20);
    expect(seen.size).toBeLessThanOrEqual(50);
    expect(pages).toBe(Math.ceil(seen.size / 10));
  });

  it("answers in the query's language, for everyone alike, and caches the answer", async () => {
    const kk = await inline(USER, "Русафа операциясын кім басқарды?");
    const first = resultsOf(kk)[0];
    expect(first?.input_message_content.message_text).toMatch(/Василенко/);
    expect(first?.input_message_content.message_text).toMatch(/Дереккөз|📄/);
    expect(kk.params.is_personal).toBe(false);
    expect(Number(kk.params.cache_time)).toBeGreaterThan(0);

    const ru = await inline(KK_USER, "Кто руководил операцией «Русафа»?");
    expect(resultsOf(ru)[0]?.input_message_content.message_text).toMatch(/руководивший|руководил/);
  });

  it("offers the timeline's milestones and example questions for an empty query, in the user's language", async () => {
    const ru = await inline(USER, "");
    expect(ru.params.is_personal).toBe(true);
    const titles = resultsOf(ru).map((r) => r.title);
    expect(titles.some((t) => t.includes("«Жусан»: первый этап"))).toBe(true);
    const kk = await inline(KK_USER, "");
    expect(resultsOf(kk).map((r) => r.title).some((t) => t.includes("бірінші кезең"))).toBe(true);
  });

  it("says when nothing is found, with a button to the private chat", async () => {
    const answer = await inline(USER, "Какая погода завтра в Алматы?");
    expect(resultsOf(answer)).toHaveLength(1);
    expect(resultsOf(answer)[0]?.input_message_content.message_text).toMatch(/нет/);
    expect(answer.params.button).toMatchObject({ start_parameter: "inline" });
  });

  it("handles odd queries: spaces, emoji, markup, 256 characters", async () => {
    for (const query of ["   ", "🙂🙂", "<b>Жусан</b> & <i>", "*Жусан* _2019_", "Жусан ".repeat(43).slice(0, 256)]) {
      const answer = await inline(USER, query);
      expect(resultsOf(answer).length).toBeGreaterThan(0);
    }
  });
});

describe("group chats", () => {
  const group = () => api.group({ type: "supergroup", title: "Журналисты" });

  /** The bot's next message in a chat after `since`. */
  const reply = (chatId: number, since: number) =>
    api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && r.response?.ok === true, { since, timeoutMs: 15_000 });

  /**
   * The bot's messages in a group after `since` and before its answer to an /ask@bot sent now: a
   * chat's updates are handled in the order they came, so whatever the bot would still say to what
   * came before has been said by then.
   */
  const sentBeforeMarker = async (chatId: number, since: number) => {
    const marker = api.userSends(USER, `/ask@${api.bot.username} Кто руководил операцией «Русафа»?`, { chat: chatId });
    const answer = await api.waitFor(
      (r) => r.method === "sendMessage" && r.params.chat_id === chatId && (r.params.reply_parameters as { message_id?: number } | undefined)?.message_id === marker.message_id,
      { since, timeoutMs: 15_000 },
    );
    return api.requests.filter((r) => r.seq > since && r.seq < answer.seq && r.method === "sendMessage" && r.params.chat_id === chatId);
  };

  it("introduces itself once when added to a group", async () => {
    const since = api.mark();
    const chat = api.botAddedToGroup(USER, group().id);
    const intro = await reply(chat.id, since);
    expect(String(intro.params.text)).toMatch(/\/ask/);
    expect(await sentBeforeMarker(chat.id, since)).toHaveLength(1);
  });

  it("answers /ask@bot, /ask as a reply, a mention and a reply to its own message — each as a reply", async () => {
    const chat = group();
    let since = api.mark();
    const ask = api.userSends(USER, `/ask@${api.bot.username} Кто руководил операцией «Русафа»?`, { chat: chat.id });
    let answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/Василенко/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(ask.message_id);

    const question = api.userSends(KK_USER, "Үшінші кезеңде Сириядан қанша адам оралды?", { chat: chat.id });
    since = api.mark();
    const askReply = api.userSends(USER, "/ask", { chat: chat.id, replyTo: question.message_id });
    answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toContain("238");
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(askReply.message_id);

    since = api.mark();
    const mention = api.userSends(USER, `@${api.bot.username} Что означает название «Жусан»?`, { chat: chat.id });
    answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/полын/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(mention.message_id);

    since = api.mark();
    const followUp = api.userSends(USER, "А кто такой Натан Сейлс?", { chat: chat.id, replyTo: (answer.response as { result: { message_id: number } }).result.message_id });
    answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/Сейлс/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(followUp.message_id);
  });

  it("stays quiet about chatter that does not address it", async () => {
    const chat = group();
    const since = api.mark();
    for (const text of ["Всем привет!", "Кто руководил операцией «Русафа»?", "@someone_else посмотри", "/ask@other_bot Жусан", "/ Что означает название «Жусан»?", "/roll", "/roll@other_bot"]) {
      api.userSends(USER, text, { chat: chat.id });
    }
    expect(await sentBeforeMarker(chat.id, since)).toEqual([]);
  });

  it("answers an addressed question written after a slash, and an unknown command addressed to it with the commands that work here", async () => {
    const chat = group();
    let since = api.mark();
    const slashMention = api.userSends(USER, `/ @${api.bot.username} Что означает название «Жусан»?`, { chat: chat.id });
    let answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/полын/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(slashMention.message_id);

    since = api.mark();
    const slashReply = api.userSends(USER, "/Кто руководил операцией «Русафа»?", { chat: chat.id, replyTo: (answer.response as { result: { message_id: number } }).result.message_id });
    answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/Василенко/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(slashReply.message_id);

    since = api.mark();
    const unknown = api.userSends(KK_USER, `/roll@${api.bot.username}`, { chat: chat.id });
    answer = await reply(chat.id, since);
    expect(String(answer.params.text)).toMatch(/Мұндай команданы білмеймін[^]*\/ask/);
    expect((answer.params.reply_parameters as { message_id: number }).message_id).toBe(unknown.message_id);
  });

  it("explains itself on /start and /help in a group, and how to use /ask", async () => {
    const chat = group();
    let since = api.mark();
    api.userSends(USER, `/help@${api.bot.username}`, { chat: chat.id });
    expect(String((await reply(chat.id, since)).params.text)).toMatch(/\/ask/);
    since = api.mark();
    api.userSends(USER, "/ask", { chat: chat.id });
    expect(String((await reply(chat.id, since)).params.text)).toMatch(/Напишите вопрос/);
  });

  it("replies in the same forum topic", async () => {
    const forum = api.group({ type: "supergroup", title: "Форум", isForum: true });
    const since = api.mark();
    api.userSends(USER, "/ask Сколько детей вернули из Ирака?", { chat: forum.id, threadId: 77 });
    const answer = await reply(forum.id, since);
    expect(answer.params.message_thread_id).toBe(77);
    expect(String(answer.params.text)).toContain("14");
  });

  it("keeps to 20 messages a minute in a group, queueing the rest", async () => {
    const chat = group();
    const since = api.mark();
    const asked = 24;
    for (let i = 0; i < asked; i++) api.userSends({ id: 5000 + i, first_name: `Q${i}`, language_code: "ru" }, "/ask Сколько детей вернули из Ирака?", { chat: chat.id });
    await api.waitFor(
      () => api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.params.chat_id === chat.id && r.response?.ok).length >= 20,
      { since, timeoutMs: 40_000 },
    );
    const sends = api.sends.filter((s) => s.chatId === chat.id).map((s) => s.time);
    expect(maxInWindow(sends, 60_000)).toBeLessThanOrEqual(20);
    expect(api.rateLimitViolations.filter((v) => v.chatId === chat.id)).toEqual([]);
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);
});
