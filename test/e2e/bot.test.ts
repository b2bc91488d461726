import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNothingRefused, startBot, startWithStandIn, stopAll, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import type { BotApi, RecordedRequest, UserInit } from "./stand-in/bot-api.ts";

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;

const RU_USER = { id: 2001, first_name: "Айгерим", language_code: "ru" };
const KK_USER = { id: 2002, first_name: "Дәурен", language_code: "kk" };
const TESTER = { id: 2004, first_name: "Тестер", language_code: "ru" };

/** The bot's next message to a chat, sent after `since`. */
async function nextMessage(chatId: number, since: number, timeoutMs = 10_000): Promise<RecordedRequest> {
  return api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && r.outcome === "answered" && r.response?.ok === true, {
    since,
    timeoutMs,
  });
}

const textOf = (request: RecordedRequest) => String(request.params.text);
const messageIdOf = (request: RecordedRequest) =>
  request.response?.ok ? (request.response.result as { message_id: number }).message_id : Number.NaN;

/**
 * The bot's messages to a private chat after `since` and before its answer to a /help the user
 * sends now: a chat's updates are handled in the order they came, so whatever the bot would still
 * say to what came before has been said by then.
 */
async function sentBeforeMarker(user: UserInit & { id: number }, since: number): Promise<RecordedRequest[]> {
  api.userSends(user, "/help");
  const help = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id && /Как со мной говорить/.test(textOf(r)), { since, timeoutMs: 15_000 });
  return api.requests.filter((r) => r.seq > since && r.seq < help.seq && r.method === "sendMessage" && r.params.chat_id === user.id);
}

beforeAll(async () => ({ api, environment, bot } = await startWithStandIn()));

afterAll(() => stopAll({ bot, api, environment }));

afterEach(() => expectNothingRefused(api));

describe("the bot process", () => {
  it("registers its commands for private chats and groups, in Russian, Kazakh and by default", async () => {
    // Set beside the start, not before it: the bot answers meanwhile.
    await api.waitFor(() => api.requests.filter((r) => r.method === "setMyCommands" && r.response?.ok).length >= 6, { timeoutMs: 10_000 });
    const privateChats = { type: "all_private_chats" as const };
    expect(api.commands(privateChats, "ru").map((c) => c.command)).toEqual(["start", "menu", "timeline", "figures", "subscribe", "unsubscribe", "language", "help"]);
    expect(api.commands(privateChats, "kk").find((c) => c.command === "help")?.description).toMatch(/пайдалану/);
    expect(api.commands(privateChats).length).toBe(8);
    expect(api.commands({ type: "all_group_chats" }, "kk").map((c) => c.command)).toEqual(["ask", "subscribe", "unsubscribe", "help"]);
  });

  it("greets in Russian or Kazakh by the user's Telegram language, with example questions as buttons", async () => {
    let since = api.mark();
    api.userSends(RU_USER, "/start");
    const ru = await nextMessage(RU_USER.id, since);
    expect(textOf(ru)).toContain("Здравствуйте, Айгерим!");
    const buttons = (ru.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThanOrEqual(3);

    since = api.mark();
    api.userSends(KK_USER, "/start");
    expect(textOf(await nextMessage(KK_USER.id, since))).toContain("Сәлеметсіз бе, Дәурен!");

    since = api.mark();
    const [first] = buttons;
    api.pressButton(RU_USER, RU_USER.id, messageIdOf(ru), first?.callback_data ?? "");
    const answer = await nextMessage(RU_USER.id, since);
    expect(textOf(answer)).toContain("<blockquote>");
    expect(textOf(answer)).toMatch(/<a href="https:\/\//);
  });

  it("answers a question in the question's language, with the quote and its linked source", async () => {
    let since = api.mark();
    api.userSends(RU_USER, "Сколько человек вернули из Сирии на третьем этапе операции «Жусан»?");
    const ru = await nextMessage(RU_USER.id, since);
    expect(textOf(ru)).toContain("238");
    expect(textOf(ru)).toMatch(/<a href="https:\/\/[^"]+">/);
    expect(ru.params.parse_mode).toBe("HTML");
    expect(api.requests.some((r) => r.seq > since && r.method === "sendChatAction" && r.params.action === "typing")).toBe(true);

    since = api.mark();
    api.userSends(RU_USER, "Үшінші кезеңде Сириядан қанша адам оралды?");
    const kk = await nextMessage(RU_USER.id, since);
    expect(textOf(kk)).toContain("238");
    expect(textOf(kk)).toMatch(/Дереккөз|📄/);
    expect(textOf(kk)).not.toMatch(/вернули/);
  });

  it("says plainly when it does not know, and cites nothing", async () => {
    const since = api.mark();
    api.userSends(RU_USER, "Какая погода завтра в Алматы?");
    const reply = textOf(await nextMessage(RU_USER.id, since));
    expect(reply).toMatch(/нет ответа/);
    expect(reply).not.toContain("<a href");
  });

  it("refuses another country's returns and personal requests with the reason, in the question's language, Latin Kazakh included", async () => {
    const cases: [string, RegExp][] = [
      ["Сколько детей вернул Узбекистан из Сирии?", /другие страны/],
      ["Помогите, пожалуйста, связаться с сестрой в лагере аль-Холь", /не могу помочь с личным делом/],
      ["Ózbekstan Sırıadan qansha balany qaıtardy?", /Басқа елдердің/],
      ["apamnyn kyzy Irak turmesinde, kimge habarlasam bolady", /жеке мәселеге көмектесе алмаймын/],
    ];
    for (const [question, reason] of cases) {
      const since = api.mark();
      api.userSends(TESTER, question);
      const reply = textOf(await nextMessage(TESTER.id, since));
      expect(reply, question).toMatch(reason);
      expect(reply).not.toContain("<a href");
    }
  });

  it("offers the closest facts as buttons when it is not sure, and answers the one pressed", async () => {
    let since = api.mark();
    // A "when" that only an undated passage matches: offered, not answered.
    api.userSends(TESTER, "Когда Мариани сравнил ситуацию с Францией?");
    const offer = await nextMessage(TESTER.id, since);
    expect(textOf(offer)).toMatch(/Возможно, вы спрашиваете/);
    const buttons = (offer.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThanOrEqual(1);
    expect(buttons.length).toBeLessThanOrEqual(3);
    for (const button of buttons) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    since = api.mark();
    api.pressButton(TESTER, TESTER.id, messageIdOf(offer), buttons[0]?.callback_data ?? "");
    const answer = await nextMessage(TESTER.id, since);
    expect(textOf(answer)).toContain("<blockquote>");
    expect(textOf(answer)).toMatch(/<a href="https:\/\//);
  });

  it("copes with bad input and with updates it has nothing to say to", async () => {
    for (const text of ["🙂🙂🙂", "<b>Жусан</b> <script>alert(1)</script> & &amp;", "а".repeat(4000), "**Жусан** _операция_ [x](http://e.xample)"]) {
      const since = api.mark();
      api.userSends(TESTER, text);
      expect(textOf(await nextMessage(TESTER.id, since)).length).toBeGreaterThan(0);
    }
    let since = api.mark();
    api.userSendsSticker(TESTER);
    expect(textOf(await nextMessage(TESTER.id, since))).toMatch(/только текст/);
    since = api.mark();
    api.userSendsDice(TESTER);
    expect(textOf(await nextMessage(TESTER.id, since))).toMatch(/только текст/);
    since = api.mark();
    api.userSendsDice(KK_USER, { emoji: "🎯" });
    expect(textOf(await nextMessage(KK_USER.id, since))).toMatch(/тек мәтінді/);

    api.channelPost(api.group({ type: "channel", title: "Канал" }).id, "Пост в канале");
    since = api.mark();
    api.userSends(TESTER, "Что означает название «Жусан»?");
    expect(textOf(await nextMessage(TESTER.id, since))).toMatch(/полын/);
    expect(bot.child.exitCode).toBeNull();
  });

  it("answers a question written after a slash, and lists its commands for a command it does not know", async () => {
    for (const [user, text, expected] of [
      [RU_USER, "/ Что означает название «Жусан»?", /полын/],
      [RU_USER, "/Что означает название Жусан?", /полын/],
      [KK_USER, "/Жусан атауы нені білдіреді?", /жусан/i],
    ] as const) {
      const since = api.mark();
      api.userSends(user, text);
      const reply = textOf(await nextMessage(user.id, since));
      expect(reply, text).toMatch(expected);
      expect(reply, text).toContain("<blockquote>");
    }
    for (const [user, text, expected] of [
      [RU_USER, "/timline", /Такой команды я не знаю/],
      [RU_USER, "/", /Такой команды я не знаю/],
      [KK_USER, "/zhusan neni bildiredi", /Мұндай команданы білмеймін/],
    ] as const) {
      const since = api.mark();
      api.userSends(user, text);
      const reply = textOf(await nextMessage(user.id, since));
      expect(reply, text).toMatch(expected);
      expect(reply, text).toMatch(/\/menu[^]*\/help/);
    }
  });

  it("answers a question edited into another one, as a reply to it, and stays quiet about an edit that changes nothing", async () => {
    let since = api.mark();
    const sent = api.userSends(TESTER, "Кто руководил операцией Русафа");
    expect(textOf(await nextMessage(TESTER.id, since))).toContain("Василенко");

    // Punctuation and case only: the answer above still stands.
    since = api.mark();
    api.userEdits(TESTER, sent.message_id, "кто руководил операцией «Русафа»?");
    expect(await sentBeforeMarker(TESTER, since)).toEqual([]);

    since = api.mark();
    api.userEdits(TESTER, sent.message_id, "Что означает название «Жусан»?");
    const again = await nextMessage(TESTER.id, since);
    expect(textOf(again)).toMatch(/полын/);
    expect((again.params.reply_parameters as { message_id: number }).message_id).toBe(sent.message_id);

    // An edit into a command does not run it.
    since = api.mark();
    api.userEdits(TESTER, sent.message_id, "/menu");
    expect(await sentBeforeMarker(TESTER, since)).toEqual([]);
  });

  it("tells someone who floods it to slow down once, drops what cannot be answered, and keeps answering others at once", async () => {
    const flooder = { id: 2005, first_name: "Быстрый", language_code: "ru" };
    const since = api.mark();
    for (let i = 0; i < 14; i++) api.userSends(flooder, `Сколько детей вернули? ${i}`);
    await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === flooder.id && /очень быстро/.test(String(r.params.text)), { since, timeoutMs: 15_000 });
    const other = api.mark();
    api.userSends(KK_USER, "Русафа операциясын кім басқарды?");
    const otherReply = await nextMessage(KK_USER.id, other, 15_000);
    expect(textOf(otherReply)).toContain("Василенко");
    expect(otherReply.time - api.requests.find((r) => r.seq > other)!.time).toBeLessThan(1000);
    // The flooder's first ten are answered (a second apart), the rest dropped; one notice.
    const toFlooder = () => api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.params.chat_id === flooder.id && r.response?.ok === true);
    await api.waitFor(() => toFlooder().filter((r) => textOf(r).includes("<blockquote>")).length >= 10, { timeoutMs: 20_000 });
    const beforeMarker = (await sentBeforeMarker(flooder, since)).filter((r) => r.response?.ok === true);
    expect(beforeMarker.filter((r) => textOf(r).includes("<blockquote>"))).toHaveLength(10);
    expect(beforeMarker.filter((r) => /очень быстро/.test(textOf(r)))).toHaveLength(1);
  }, 45_000);

  it("keeps the language a user chose across a restart", async () => {
    const user = { id: 2003, first_name: "Асель", language_code: "ru" };
    let since = api.mark();
    api.userSends(user, "/language");
    const choose = await nextMessage(user.id, since);
    since = api.mark();
    api.pressButton(user, user.id, messageIdOf(choose), "lang:kk");
    const edited = await api.waitFor("editMessageText", { since });
    expect(String(edited.params.text)).toMatch(/қазақша/);

    expect(await bot.stop("SIGTERM")).toBe(0);
    bot = await startBot(api, environment);
    since = api.mark();
    api.userSends(user, "/start");
    expect(textOf(await nextMessage(user.id, since))).toContain("Сәлеметсіз бе, Асель!");
  });

  it("still delivers the answer when the Bot API fails: 5xx, 429 with retry_after, a timeout", async () => {
    const question = "Кто руководил операцией «Русафа»?";

    let since = api.mark();
    api.failNext("sendMessage", 1, { status: 502 });
    api.userSends(RU_USER, question);
    expect(textOf(await nextMessage(RU_USER.id, since, 15_000))).toContain("Василенко");

    since = api.mark();
    api.failNext("sendMessage", 1, { retryAfter: 1 });
    const asked = Date.now();
    api.userSends(RU_USER, question);
    const afterRateLimit = await nextMessage(RU_USER.id, since, 15_000);
    expect(textOf(afterRateLimit)).toContain("Василенко");
    expect(afterRateLimit.time - asked).toBeGreaterThanOrEqual(1000);

    since = api.mark();
    api.failNext("sendMessage", 1, { delayMs: 4000 });
    api.userSends(RU_USER, question);
    const retried = await api.waitFor(
      (r) => r.method === "sendMessage" && r.params.chat_id === RU_USER.id && r.outcome === "answered" && r.response?.ok === true && r.status === 200,
      { since, timeoutMs: 20_000 },
    );
    expect(textOf(retried)).toContain("Василенко");
    expect(api.requests.some((r) => r.seq > since && r.method === "sendMessage" && r.outcome === "aborted")).toBe(true);
  }, 60_000);

  it("stops cleanly on SIGINT and SIGTERM", async () => {
    expect(await bot.stop("SIGINT")).toBe(0);
    expect(bot.output()).toMatch(/stopped/);
    bot = await startBot(api, environment);
  });
});
