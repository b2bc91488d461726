// The Bot API stand-in used by the end-to-end tests: its answers must match Telegram's, since the
// bot is written against (and matches on) what Telegram says.
import { Api, Bot, GrammyError, HttpError } from "grammy";
import type { Message, Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BotApi, type BotApiOptions, maxInWindow, startBotApi, TelegramErrors } from "./stand-in/bot-api.ts";

interface Reply {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: Record<string, number> };
}

let api: BotApi;

async function start(options: BotApiOptions = {}): Promise<BotApi> {
  await api?.close();
  api = await startBotApi(options);
  return api;
}

beforeEach(async () => {
  api = await startBotApi();
});

afterEach(async () => {
  await api.close();
});

async function call(method: string, params: Record<string, unknown> = {}, token = api.token): Promise<Reply> {
  const response = await fetch(`${api.url}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Reply["body"] };
}

/** The description of a call expected to fail, checking that the HTTP status is the error code. */
async function failure(method: string, params: Record<string, unknown>): Promise<string> {
  const { status, body } = await call(method, params);
  expect(body.ok, `${method} should fail: ${JSON.stringify(body)}`).toBe(false);
  expect(status).toBe(body.error_code);
  return body.description ?? "";
}

async function sendHtml(text: string, extra: Record<string, unknown> = {}): Promise<Reply> {
  return call("sendMessage", { chat_id: 1001, text, parse_mode: "HTML", ...extra });
}

const USER = 1001;

describe("routing and protocol", () => {
  it("answers a wrong token with 401 and an unknown method with 404", async () => {
    expect(await call("getMe", {}, "1:wrong")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await call("sendMesage", { chat_id: USER, text: "x" })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
    expect(api.rejected.map((r) => r.method)).toEqual(["getMe", "sendMesage"]);
  });

  it("serves getMe with the configured username and answers other known methods with true", async () => {
    await start({ botUsername: "other_test_bot" });
    const me = await call("getMe");
    expect(me.body.result).toMatchObject({
      id: 123456789,
      is_bot: true,
      username: "other_test_bot",
      can_join_groups: true,
      supports_inline_queries: true,
    });
    expect((await call("setMyName", { name: "X" })).body).toEqual({ ok: true, result: true });
    // method names are case-insensitive, and recorded under their canonical spelling
    expect((await call("GETME")).status).toBe(200);
    expect(api.requests.map((r) => r.method)).toEqual(["getMe", "setMyName", "getMe"]);
  });

  it("reads urlencoded, multipart and query-string parameters", async () => {
    const form = await fetch(`${api.url}/bot${api.token}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: String(USER),
        text: "<i>form</i>",
        parse_mode: "HTML",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "Go", callback_data: "go" }]] }),
      }),
    });
    expect(((await form.json()) as Reply["body"]).result).toMatchObject({
      text: "form",
      entities: [{ type: "italic", offset: 0, length: 4 }],
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });

    const multipart = new FormData();
    multipart.set("chat_id", String(USER));
    multipart.set("caption", "a photo");
    multipart.set("photo", new Blob([new Uint8Array(10)]), "photo.jpg");
    const upload = await fetch(`${api.url}/bot${api.token}/sendPhoto`, { method: "POST", body: multipart });
    expect(upload.status).toBe(200);
    expect(api.requests.at(-1)?.params.photo).toEqual({ filename: "photo.jpg", contentType: "application/octet-stream", size: 10 });

    const get = await fetch(`${api.url}/bot${api.token}/getChat?chat_id=${USER}`);
    expect(((await get.json()) as Reply["body"]).result).toMatchObject({ id: USER, type: "private" });
  });
});

describe("parse_mode HTML", () => {
  it.each([
    ["<div>x</div>", `Unsupported start tag "div" at byte offset 0`],
    ["Привет <p>", `Unsupported start tag "p" at byte offset 13`],
    ["1 < 2", `Unsupported start tag "" at byte offset 2`],
    ["<b>bold", `Can't find end tag corresponding to start tag "b"`],
    ["text</b>", "Unexpected end tag at byte offset 4"],
    ["<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`],
    ["<b", "Unclosed start tag at byte offset 0"],
    ["<span>x</span>", `Tag "span" must have class "tg-spoiler" at byte offset 0`],
    ["<tg-emoji>x</tg-emoji>", "Invalid custom emoji identifier specified"],
    ["AT&T", `Character "&" must be escaped as "&amp;" at byte offset 2`],
    ["<a>link</a>", `Tag "a" must have a valid href attribute at byte offset 0`],
    [`<a href="javascript:alert(1)">x</a>`, `Tag "a" must have a valid href attribute at byte offset 0`],
  ])("rejects %j", async (text, detail) => {
    expect(await failure("sendMessage", { chat_id: USER, text, parse_mode: "HTML" })).toBe(
      `Bad Request: can't parse entities: ${detail}`,
    );
  });

  it("keeps a bare & and drops an unusable link when not strict, as Telegram does", async () => {
    await start({ strict: false });
    const { body } = await sendHtml(`AT&T <a href="javascript:x">x</a> <a>https://t.me/x</a>`);
    expect(body.result).toMatchObject({
      text: "AT&T x https://t.me/x",
      entities: [{ type: "text_link", offset: 7, length: 14, url: "https://t.me/x" }],
    });
  });

  it("turns supported tags into entities with UTF-16 offsets", async () => {
    const html =
      `<b>Жусан</b> 🇰🇿 <i>i</i> <em>e</em> <u>u</u><s>s</s> <tg-spoiler>sp</tg-spoiler><span class="tg-spoiler">an</span> ` +
      `<a href="https://example.org/a?b=1&amp;c=2">src</a> <code>c</code> <pre><code class="language-ts">let x;</code></pre>` +
      `<blockquote expandable>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&amp;&quot;&#33;&#x41;`;
    const { body } = await sendHtml(html);
    const message = body.result as Message;
    expect(message.text).toBe('Жусан 🇰🇿 i e us span src c let x;q👍 <>&"!A');
    expect(message.entities).toEqual([
      { type: "bold", offset: 0, length: 5 },
      { type: "italic", offset: 11, length: 1 },
      { type: "italic", offset: 13, length: 1 },
      { type: "underline", offset: 15, length: 1 },
      { type: "strikethrough", offset: 16, length: 1 },
      { type: "spoiler", offset: 18, length: 2 },
      { type: "spoiler", offset: 20, length: 2 },
      { type: "text_link", offset: 23, length: 3, url: "https://example.org/a?b=1&c=2" },
      { type: "code", offset: 27, length: 1 },
      { type: "pre", offset: 29, length: 6, language: "ts" },
      { type: "expandable_blockquote", offset: 35, length: 1 },
      { type: "custom_emoji", offset: 36, length: 2, custom_emoji_id: "5368324170671202286" },
    ]);
  });

  it("takes text literally without parse_mode, and trims it like Telegram", async () => {
    const { body } = await call("sendMessage", { chat_id: USER, text: "\n \n<b>x</b> & y\r\n\n" });
    expect(body.result).toMatchObject({ text: "<b>x</b> & y" });
    expect((body.result as Message).entities).toBeUndefined();
  });
});

describe("message text limits", () => {
  it("rejects empty text, also after parsing or trimming", async () => {
    for (const params of [{}, { text: "" }, { text: " \n " }, { text: "<b></b>", parse_mode: "HTML" }]) {
      expect(await failure("sendMessage", { chat_id: USER, ...params })).toBe(TelegramErrors.textEmpty);
    }
  });

  it("counts the limit of 4096 in UTF-16 code units after entity parsing", async () => {
    const bold = `<b>${"ы".repeat(4096)}</b>`;
    expect((await sendHtml(bold)).status).toBe(200);
    expect(await failure("sendMessage", { chat_id: USER, text: "ы".repeat(4097) })).toBe(TelegramErrors.textTooLong);
    // an emoji is two UTF-16 code units
    expect(await failure("sendMessage", { chat_id: USER, text: "😀".repeat(2049) })).toBe(TelegramErrors.textTooLong);
    expect(await failure("sendMessage", { chat_id: USER, text: "&amp;".repeat(4097), parse_mode: "HTML" })).toBe(
      TelegramErrors.textTooLong,
    );
  });
});

describe("inline keyboards", () => {
  const keyboard = (...buttons: unknown[]) => ({ inline_keyboard: [buttons] });

  it.each([
    ["callback_data over 64 bytes", { text: "A", callback_data: "ж".repeat(33) }, TelegramErrors.buttonDataInvalid],
    ["an ftp URL", { text: "A", url: "ftp://example.org" }, TelegramErrors.buttonUrlInvalid],
    ["a URL without scheme", { text: "A", url: "example.org" }, TelegramErrors.buttonUrlInvalid],
    ["no action", { text: "A" }, TelegramErrors.textButtonsNotAllowed],
    ["an empty callback_data", { text: "A", callback_data: "" }, TelegramErrors.textButtonsNotAllowed],
    ["two actions", { text: "A", url: "https://x.org", callback_data: "a" }, TelegramErrors.buttonSeveralActions],
    ["empty text", { text: "", callback_data: "a" }, TelegramErrors.buttonTextInvalid],
    ["no text", { callback_data: "a" }, TelegramErrors.buttonNoText],
  ])("rejects a button with %s", async (_case, button, description) => {
    expect(await failure("sendMessage", { chat_id: USER, text: "x", reply_markup: keyboard(button) })).toBe(description);
  });

  it("accepts 64 bytes of callback data, tg:// links and up to 100 buttons", async () => {
    const ok = keyboard(
      { text: "A", callback_data: "ж".repeat(32) },
      { text: "B", url: "tg://resolve?domain=durov" },
      { text: "C", url: "https://example.org" },
    );
    expect((await call("sendMessage", { chat_id: USER, text: "x", reply_markup: ok })).status).toBe(200);
    const grid = (n: number) => ({
      inline_keyboard: Array.from({ length: n / 5 }, (_, row) =>
        Array.from({ length: 5 }, (_, col) => ({ text: `${row}${col}`, callback_data: `${row}:${col}` })),
      ),
    });
    expect((await call("sendMessage", { chat_id: USER, text: "x", reply_markup: grid(100) })).status).toBe(200);
    expect(await failure("sendMessage", { chat_id: USER, text: "x", reply_markup: grid(105) })).toBe(
      TelegramErrors.replyMarkupTooLong,
    );
  });
});

describe("chat states", () => {
  it("answers as Telegram for blocked, kicked, migrated and missing chats", async () => {
    const group = api.group({ title: "Группа" });
    const supergroup = api.group({ type: "supergroup" });
    const old = api.group();
    api.block(USER);
    api.kick(group.id);
    api.kick(supergroup.id);
    const upgraded = api.migrate(old.id, -1009876543210);
    api.missing(-1001111111111);

    const send = (chatId: number) => call("sendMessage", { chat_id: chatId, text: "x" });
    expect(await send(USER)).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    expect((await send(group.id)).body.description).toBe("Forbidden: bot was kicked from the group chat");
    expect((await send(supergroup.id)).body.description).toBe("Forbidden: bot was kicked from the supergroup chat");
    expect(await send(old.id)).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: -1009876543210 },
      },
    });
    expect(upgraded).toMatchObject({ id: -1009876543210, type: "supergroup", title: old.title });
    expect((await send(-1001111111111)).body.description).toBe("Bad Request: chat not found");
    expect((await call("sendChatAction", { chat_id: USER, action: "typing" })).status).toBe(403);
    // these are the test's doing, not the bot's mistakes
    expect(api.rejected).toEqual([]);

    api.restore(USER);
    expect((await send(USER)).status).toBe(200);
  });

  it("can notify the bot with my_chat_member when it is blocked", async () => {
    api.block(USER, { notify: true });
    expect(api.updates.at(-1)?.my_chat_member).toMatchObject({
      chat: { id: USER, type: "private" },
      new_chat_member: { status: "kicked", user: { id: api.bot.id, is_bot: true } },
    });
  });
});

describe("replies and forum topics", () => {
  it("records reply_parameters and message_thread_id, and checks the replied message", async () => {
    const forum = api.group({ type: "supergroup", isForum: true, title: "Forum" });
    const question = api.userSends(undefined, "Что такое Жусан?", { chat: forum.id, threadId: 7 });
    const { body } = await call("sendMessage", {
      chat_id: forum.id,
      text: "Ответ",
      message_thread_id: 7,
      reply_parameters: { message_id: question.message_id },
    });
    expect(body.result).toMatchObject({
      message_thread_id: 7,
      is_topic_message: true,
      reply_to_message: { message_id: question.message_id, text: "Что такое Жусан?" },
    });
    expect(api.sent(forum.id)).toMatchObject([{ text: "Ответ", threadId: 7, replyTo: question.message_id }]);

    expect(
      await failure("sendMessage", { chat_id: forum.id, text: "x", reply_parameters: { message_id: 999 } }),
    ).toBe(TelegramErrors.replyNotFound);
    const lenient = await call("sendMessage", {
      chat_id: forum.id,
      text: "x",
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect((lenient.body.result as Message).reply_to_message).toBeUndefined();
  });
});

describe("editing and deleting", () => {
  async function sendWithButton(): Promise<Message> {
    const markup = { inline_keyboard: [[{ text: "Ещё", callback_data: "more" }]] };
    return (await sendHtml("<b>Ответ</b>", { reply_markup: markup })).body.result as Message;
  }

  it("edits text and markup, and refuses edits that change nothing", async () => {
    const message = await sendWithButton();
    const same = {
      chat_id: USER,
      message_id: message.message_id,
      text: "<b>Ответ</b>",
      parse_mode: "HTML",
      reply_markup: message.reply_markup,
    };
    expect(await failure("editMessageText", same)).toBe(TelegramErrors.notModified);
    // the same text with other formatting is a change
    expect((await call("editMessageText", { ...same, text: "<i>Ответ</i>" })).status).toBe(200);
    // omitting reply_markup removes the keyboard
    const { body } = await call("editMessageText", { ...same, reply_markup: undefined, text: "Новый ответ" });
    expect(body.result).toMatchObject({ text: "Новый ответ", edit_date: expect.any(Number) });
    expect(api.sent(USER)).toMatchObject([{ messageId: message.message_id, text: "Новый ответ", replyMarkup: undefined, edits: 2 }]);

    const markup = { inline_keyboard: [[{ text: "Источники", url: "https://example.org" }]] };
    const edit = { chat_id: USER, message_id: message.message_id, reply_markup: markup };
    expect((await call("editMessageReplyMarkup", edit)).status).toBe(200);
    expect(await failure("editMessageReplyMarkup", edit)).toBe(TelegramErrors.notModified);
  });

  it("reports unknown and foreign messages", async () => {
    expect(await failure("editMessageText", { chat_id: USER, message_id: 42, text: "x" })).toBe(
      TelegramErrors.messageToEditNotFound,
    );
    const mine = api.userSends(undefined, "hi");
    expect(await failure("editMessageText", { chat_id: USER, message_id: mine.message_id, text: "x" })).toBe(
      TelegramErrors.messageCantBeEdited,
    );
    const message = await sendWithButton();
    expect((await call("deleteMessage", { chat_id: USER, message_id: message.message_id })).body.result).toBe(true);
    expect(await failure("deleteMessage", { chat_id: USER, message_id: message.message_id })).toBe(
      TelegramErrors.messageToDeleteNotFound,
    );
    expect(api.sent()).toEqual([]);
  });
});

describe("long polling", () => {
  it("delivers an update sent while a poll is waiting, promptly", async () => {
    const poll = call("getUpdates", { timeout: 30 });
    await api.waitFor("getUpdates", { settled: false });
    const started = Date.now();
    const message = api.userSends(undefined, "Привет");
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(500);
    expect(body.result).toEqual([{ update_id: 500_000_001, message }]);
  });

  it("honours offset, limit and allowed_updates", async () => {
    const ids = async (params: Record<string, unknown>) =>
      ((await call("getUpdates", params)).body.result as Update[]).map((u) => u.update_id);
    api.userSends(undefined, "1");
    api.userSends(undefined, "2");
    api.inlineQuery(undefined, "q");
    // message_reaction is opt-in: not kept under the default allowed_updates
    api.sendUpdate({
      message_reaction: {
        chat: { id: USER, type: "private", first_name: "A" },
        message_id: 1,
        date: 0,
        old_reaction: [],
        new_reaction: [],
      },
    });

    expect(await ids({ limit: 2 })).toEqual([500_000_001, 500_000_002]);
    // an offset confirms every update below it
    expect(await ids({ offset: 500_000_002 })).toEqual([500_000_002, 500_000_003]);
    // allowed_updates applies to updates that happen after it was set
    expect(await ids({ offset: 500_000_004, allowed_updates: ["inline_query"] })).toEqual([]);
    api.userSends(undefined, "3");
    api.inlineQuery(undefined, "q2");
    expect(await ids({})).toEqual([500_000_006]);
    expect(await ids({ offset: -1 })).toEqual([500_000_006]);
    expect(await ids({ offset: 500_000_007 })).toEqual([]);
    expect(api.pendingUpdates).toEqual([]);
    expect(api.updates).toHaveLength(6);
  });

  it("terminates an older poll with 409 when polls overlap, and refuses polling under a webhook", async () => {
    const first = call("getUpdates", { timeout: 30 });
    await api.waitFor("getUpdates", { settled: false });
    const second = call("getUpdates", { timeout: 0 });
    expect(await first).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: TelegramErrors.pollConflict },
    });
    expect((await second).status).toBe(200);

    expect((await call("setWebhook", { url: "https://bot.example.org/hook" })).body).toEqual({
      ok: true,
      result: true,
      description: "Webhook was set",
    });
    expect(await failure("getUpdates", {})).toBe(TelegramErrors.webhookConflict);
    expect((await call("getWebhookInfo")).body.result).toMatchObject({ url: "https://bot.example.org/hook" });
    expect((await call("deleteWebhook")).body.description).toBe("Webhook was deleted");
    expect((await call("getUpdates")).status).toBe(200);
  });

  it("answers an empty list when the timeout runs out", async () => {
    const started = Date.now();
    expect((await call("getUpdates", { timeout: 1 })).body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe("callback queries", () => {
  async function buttonMessage(): Promise<Message> {
    const markup = { inline_keyboard: [[{ text: "Источники", callback_data: "sources:1" }]] };
    return (await call("sendMessage", { chat_id: USER, text: "Ответ", reply_markup: markup })).body.result as Message;
  }

  it("queues a callback_query for a pressed button and accepts one answer", async () => {
    const message = await buttonMessage();
    const byText = api.pressButton(undefined, USER, message.message_id, "Источники");
    const id = api.pressButton(undefined, USER, message.message_id, "sources:1");
    expect(api.updates.at(-2)?.callback_query).toMatchObject({ id: byText, data: "sources:1" });
    expect(api.updates.at(-1)?.callback_query).toMatchObject({
      id,
      data: "sources:1",
      from: { id: USER },
      message: { message_id: message.message_id },
    });
    expect((await call("answerCallbackQuery", { callback_query_id: id, text: "Готово" })).body.result).toBe(true);
    expect(api.callbackAnswers).toMatchObject([{ queryId: id, text: "Готово" }]);
    expect(await failure("answerCallbackQuery", { callback_query_id: id })).toBe(TelegramErrors.queryTooOld);
    expect(await failure("answerCallbackQuery", { callback_query_id: "123" })).toBe(TelegramErrors.queryTooOld);
    expect(() => api.pressButton(undefined, USER, message.message_id, "nope")).toThrow(/no callback button/);
  });

  it("refuses late answers and answers over 200 characters", async () => {
    await start({ callbackQueryTimeoutMs: 150 });
    const message = await buttonMessage();
    const id = api.pressButton(undefined, USER, message.message_id, "sources:1");
    expect(await failure("answerCallbackQuery", { callback_query_id: id, text: "я".repeat(201) })).toBe(
      TelegramErrors.callbackAnswerTooLong,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await failure("answerCallbackQuery", { callback_query_id: id })).toBe(TelegramErrors.queryTooOld);
  });
});

describe("inline queries", () => {
  const article = (id: string, text = "Жусан", extra: Record<string, unknown> = {}) => ({
    type: "article",
    id,
    title: "Операция «Жусан»",
    input_message_content: { message_text: text, parse_mode: "HTML" },
    ...extra,
  });

  it("accepts a valid answer once", async () => {
    const id = api.inlineQuery({ language_code: "kk" }, "жусан", { chatType: "group" });
    expect(api.updates.at(-1)?.inline_query).toMatchObject({ id, query: "жусан", offset: "", chat_type: "group" });
    const answer = { inline_query_id: id, results: [article("1"), article("2")], next_offset: "10", cache_time: 0 };
    expect((await call("answerInlineQuery", answer)).body.result).toBe(true);
    expect(api.inlineAnswers).toMatchObject([{ queryId: id, nextOffset: "10", cacheTime: 0 }]);
    expect(await failure("answerInlineQuery", answer)).toBe(TelegramErrors.queryTooOld);
  });

  it.each([
    ["more than 50 results", { results: Array.from({ length: 51 }, (_, i) => article(String(i))) }, TelegramErrors.resultsTooMuch],
    ["duplicate ids", { results: [article("a"), article("a")] }, TelegramErrors.resultIdDuplicate],
    ["an id over 64 bytes", { results: [article("ж".repeat(33))] }, TelegramErrors.resultIdInvalid],
    ["an empty id", { results: [article("")] }, TelegramErrors.resultIdInvalid],
    ["a long next_offset", { results: [], next_offset: "x".repeat(65) }, TelegramErrors.nextOffsetInvalid],
    ["a bad start_parameter", { results: [], button: { text: "Go", start_parameter: "a b" } }, TelegramErrors.startParamInvalid],
    ["an empty message text", { results: [article("1", "<b></b>")] }, TelegramErrors.textEmpty],
    ["a message text over 4096", { results: [article("1", "x".repeat(4097))] }, TelegramErrors.textTooLong],
    ["bad HTML in a result", { results: [article("1", "<p>x</p>")] }, TelegramErrors.parseEntities(`Unsupported start tag "p" at byte offset 0`)],
    ["an empty title", { results: [article("1", "x", { title: " " })] }, TelegramErrors.resultTitleEmpty],
    ["a bad button in a result", { results: [article("1", "x", { reply_markup: { inline_keyboard: [[{ text: "A" }]] } })] }, TelegramErrors.textButtonsNotAllowed],
  ])("rejects %s", async (_case, answer, description) => {
    const id = api.inlineQuery(undefined, "q");
    expect(await failure("answerInlineQuery", { inline_query_id: id, ...answer })).toBe(description);
  });
});

describe("bot commands and descriptions", () => {
  it("stores commands per scope and language", async () => {
    const commands = [
      { command: "start", description: "Начать" },
      { command: "/ask", description: " Задать вопрос " },
    ];
    expect((await call("setMyCommands", { commands, language_code: "ru" })).body.result).toBe(true);
    const group = { type: "all_group_chats" };
    await call("setMyCommands", { commands: [{ command: "ask", description: "Сұрақ қою" }], scope: group, language_code: "kk" });
    expect((await call("getMyCommands", { language_code: "ru" })).body.result).toEqual([
      { command: "start", description: "Начать" },
      { command: "ask", description: "Задать вопрос" },
    ]);
    expect(api.commands({ type: "all_group_chats" }, "kk")).toEqual([{ command: "ask", description: "Сұрақ қою" }]);
    expect((await call("getMyCommands")).body.result).toEqual([]);
    await call("deleteMyCommands", { language_code: "ru" });
    expect(api.commands(undefined, "ru")).toEqual([]);

    await call("setMyDescription", { description: "Бот об операции «Жусан»", language_code: "ru" });
    await call("setMyShortDescription", { short_description: "О «Жусане»" });
    expect(api.description("ru")).toBe("Бот об операции «Жусан»");
    expect((await call("getMyShortDescription")).body.result).toEqual({ short_description: "О «Жусане»" });
  });

  it.each([
    ["an upper-case command", [{ command: "Ask", description: "x" }], {}, TelegramErrors.commandInvalid],
    ["a dash in a command", [{ command: "a-b", description: "x" }], {}, TelegramErrors.commandInvalid],
    ["an empty command", [{ command: "/", description: "x" }], {}, TelegramErrors.commandEmpty],
    ["a 33-character command", [{ command: "a".repeat(33), description: "x" }], {}, TelegramErrors.commandTooLong],
    ["an empty description", [{ command: "a", description: "  " }], {}, TelegramErrors.commandDescriptionEmpty],
    ["a 257-character description", [{ command: "a", description: "я".repeat(257) }], {}, TelegramErrors.commandDescriptionTooLong],
    ["101 commands", Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "x" })), {}, TelegramErrors.commandsTooMuch],
    ["a bad language code", [{ command: "a", description: "x" }], { language_code: "rus" }, TelegramErrors.languageCodeInvalid],
  ])("rejects %s", async (_case, commands, extra, description) => {
    expect(await failure("setMyCommands", { commands, ...extra })).toBe(description);
  });
});

describe("members and groups", () => {
  it("adds the bot to a group and answers membership questions", async () => {
    const admin = api.user({ first_name: "Ерлан", language_code: "kk" });
    const group = api.botAddedToGroup(admin, { type: "supergroup", title: "Жусан" });
    const [joined, service] = api.updates.slice(-2);
    expect(joined?.my_chat_member).toMatchObject({
      chat: group,
      from: admin,
      old_chat_member: { status: "left" },
      new_chat_member: { status: "member", user: { id: api.bot.id } },
    });
    expect(service?.message).toMatchObject({ chat: group, from: admin, new_chat_members: [{ id: api.bot.id }] });

    const member = await call("getChatMember", { chat_id: group.id, user_id: USER });
    expect(member.body.result).toMatchObject({ status: "member", user: { id: USER } });
    api.setMember(group.id, admin, "creator");
    api.setMember(group.id, api.bot.id, "administrator");
    const admins = (await call("getChatAdministrators", { chat_id: group.id })).body.result;
    expect(admins).toMatchObject([
      { status: "creator", user: { id: admin.id } },
      { status: "administrator", user: { id: api.bot.id, is_bot: true }, can_delete_messages: true },
    ]);
    expect((await call("leaveChat", { chat_id: group.id })).body.result).toBe(true);
    expect((await call("sendMessage", { chat_id: group.id, text: "x" })).status).toBe(403);
  });

  it("detects commands addressed to the bot, mentions, hashtags and links in user messages", () => {
    const group = api.group();
    const message = api.userSends({ id: 77, first_name: "Aса" }, "/ask@zhusan_test_bot кто такой @durov? #жусан https://example.org/a.", {
      chat: group.id,
    });
    expect(message.chat).toEqual(group);
    expect(message.entities).toEqual([
      { type: "bot_command", offset: 0, length: 20 },
      { type: "mention", offset: 31, length: 6 },
      { type: "hashtag", offset: 39, length: 6 },
      { type: "url", offset: 46, length: 21 },
    ]);
    expect(api.userSendsSticker().sticker).toMatchObject({ type: "regular" });
    expect(api.userSendsPhoto(undefined, { caption: "фото" })).toMatchObject({ caption: "фото", photo: expect.any(Array) });
    const edited = api.userEdits(undefined, api.userSends(undefined, "typo").message_id, "fixed");
    expect(api.updates.at(-1)?.edited_message).toEqual(edited);
    const post = api.channelPost({ title: "Новости", username: "news" }, "Пост");
    expect(post).toMatchObject({ chat: { type: "channel", username: "news" }, sender_chat: { type: "channel" } });
  });
});

describe("fault injection", () => {
  it("fails the next calls with 429 or 500, then recovers", async () => {
    api.failNext("sendMessage", 1, { retryAfter: 3 });
    api.failNext("sendMessage", 1, { status: 500, description: "Internal Server Error" });
    expect(await call("sendMessage", { chat_id: USER, text: "x" })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } },
    });
    expect(await call("sendMessage", { chat_id: USER, text: "x" })).toEqual({
      status: 500,
      body: { ok: false, error_code: 500, description: "Internal Server Error" },
    });
    expect((await call("sendMessage", { chat_id: USER, text: "x" })).status).toBe(200);
    expect(api.sent(USER)).toHaveLength(1);
    expect(api.rejected).toEqual([]);
  });

  it("delays an answer past a client timeout and drops connections", async () => {
    api.failNext("sendMessage", 1, { delayMs: 300 });
    const timedOut = fetch(`${api.url}/bot${api.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: USER, text: "slow" }),
      signal: AbortSignal.timeout(100),
    });
    await expect(timedOut).rejects.toThrow();
    const request = await api.waitFor("sendMessage");
    expect(request.outcome).toBe("aborted");
    // the message was sent all the same, as it can happen with Telegram
    expect(api.sent(USER)).toMatchObject([{ text: "slow" }]);

    api.failNext("getChat", 1, { dropConnection: true });
    await expect(call("getChat", { chat_id: USER })).rejects.toThrow();
    expect(api.requests.at(-1)?.outcome).toBe("dropped");
  });

  it("surfaces as GrammyError and HttpError in grammY's Api", async () => {
    const tg = new Api(api.token, { apiRoot: api.url });
    api.failNext("sendMessage", 1, { retryAfter: 2 });
    const error = await tg.sendMessage(USER, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 429, parameters: { retry_after: 2 } });
    api.failNext("sendMessage", 1, { dropConnection: true });
    await expect(tg.sendMessage(USER, "x")).rejects.toBeInstanceOf(HttpError);
    await expect(tg.sendMessage(USER, "<b>x", { parse_mode: "HTML" })).rejects.toThrow(
      `Can't find end tag corresponding to start tag "b"`,
    );
  });
});

describe("rate limits", () => {
  it("answers 429 past the per-chat limit and records every send", async () => {
    await start({ rateLimits: { perChatPerSecond: 1, globalPerSecond: 3 } });
    expect((await call("sendMessage", { chat_id: USER, text: "1" })).status).toBe(200);
    const limited = await call("sendMessage", { chat_id: USER, text: "2" });
    expect(limited).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    for (const chatId of [2002, 2003]) {
      expect((await call("sendMessage", { chat_id: chatId, text: "x" })).status).toBe(200);
    }
    expect((await call("sendMessage", { chat_id: 2004, text: "x" })).status).toBe(429);
    expect(api.rateLimitViolations.map((v) => [v.limit, v.chatId])).toEqual([
      ["chat", USER],
      ["global", 2004],
    ]);
    expect(api.sends.map((s) => s.chatId)).toEqual([USER, 2002, 2003]);
    expect(maxInWindow(api.sends.map((s) => s.time), 1000)).toBe(3);
    expect(api.rejected).toEqual([]);
  });

  it("limits groups per minute", async () => {
    await start({ rateLimits: { perGroupPerMinute: 2 } });
    const group = api.group();
    await call("sendMessage", { chat_id: group.id, text: "1" });
    await call("sendMessage", { chat_id: group.id, text: "2" });
    const { body } = await call("sendMessage", { chat_id: group.id, text: "3" });
    expect(body.parameters?.retry_after).toBeGreaterThanOrEqual(59);
    // private chats are not limited per minute
    for (let i = 0; i < 3; i++) expect((await call("sendMessage", { chat_id: USER, text: `${i}` })).status).toBe(200);
  });
});

describe("with grammY's Bot", () => {
  it("runs a polling bot end to end", async () => {
    const bot = new Bot(api.token, { client: { apiRoot: api.url } });
    bot.command("start", (ctx) => ctx.reply("<b>Сәлем!</b>", { parse_mode: "HTML" }));
    bot.command("ask", (ctx) =>
      ctx.reply(`Вопрос: ${ctx.match}`, {
        reply_parameters: { message_id: ctx.msg.message_id },
        reply_markup: { inline_keyboard: [[{ text: "Источники", callback_data: "src" }]] },
      }),
    );
    bot.callbackQuery("src", (ctx) => ctx.answerCallbackQuery({ text: "Источники" }));
    const running = bot.start({ timeout: 30 });

    api.userSends({ language_code: "kk" }, "/start");
    const greeting = await api.waitFor("sendMessage");
    expect(greeting.response).toMatchObject({ ok: true, result: { text: "Сәлем!", entities: [{ type: "bold" }] } });

    const group = api.group({ type: "supergroup" });
    const question = api.userSends(undefined, "/ask@zhusan_test_bot что такое Жусан?", { chat: group.id });
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === group.id);
    expect(api.sent(group.id)).toMatchObject([{ text: "Вопрос: что такое Жусан?", replyTo: question.message_id }]);

    const messageId = (answer.response as { result: Message }).result.message_id;
    api.pressButton(undefined, group.id, messageId, "src");
    await api.waitFor("answerCallbackQuery");
    expect(api.callbackAnswers).toMatchObject([{ text: "Источники" }]);

    await bot.stop();
    await running;
    expect(api.requests.map((r) => r.method)).toEqual(
      expect.arrayContaining(["getMe", "deleteWebhook", "getUpdates", "sendMessage", "answerCallbackQuery"]),
    );
    // stop() aborts the waiting poll: that one must not be taken for a second bot instance
    expect(api.requests.filter((r) => r.status === 409 && r.outcome === "answered")).toEqual([]);
    expect(api.rejected).toEqual([]);
    expect(api.pendingUpdates).toEqual([]);
  });

  it("lets waitFor explain what happened when it times out", async () => {
    await call("getMe");
    await expect(api.waitFor("sendMessage", { timeoutMs: 50 })).rejects.toThrow(
      /waitFor\(sendMessage\) timed out after 50 ms\. Last 1 of 1 requests:\n {2}#1 getMe \{\} → ok/,
    );
  });
});
