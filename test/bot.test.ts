import type { Transformer } from "grammy";
import type { InlineQueryResultArticle, InputTextMessageContent, Update, User } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, createBotI18n, handleUpdate } from "../src/bot.ts";
import { buttonsOf, TERMINAL_BOT, TerminalTransport, type Shown } from "../src/chat/transport.ts";
import { translator } from "../src/i18n.ts";
import { Library } from "../src/library.ts";
import { pageCount } from "../src/menus/paths.ts";
import { SqliteStorage } from "../src/storage/sqlite.ts";
import { callbackData } from "../src/telegram/callback-data.ts";

const user: User = { id: 100, is_bot: false, first_name: "Айгерим", language_code: "ru" };
const privateChat = { id: user.id, type: "private" as const, first_name: user.first_name };

let library: Library;
beforeAll(() => {
  library = new Library("knowledge");
});

/** The bot in the process, with every Bot API call it makes and every read of a user's language counted. */
function terminalBot() {
  const storage = SqliteStorage.open(":memory:");
  const i18n = createBotI18n(storage);
  const languageReads = { count: 0 };
  const getLanguage = storage.getLanguage.bind(storage);
  storage.getLanguage = (userId) => (languageReads.count++, getLanguage(userId));
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const shown: Shown[] = [];
  const terminal = new TerminalTransport(user, (s) => shown.push(s));
  const transport: Transformer = (prev, method, payload, signal) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return terminal.transformer(prev, method, payload, signal);
  };
  const bot = createBot({ token: "0:test", i18n, library, storage, botInfo: TERMINAL_BOT, transport });
  let updateId = 1;
  const send = async (update: Omit<Update, "update_id">) => {
    languageReads.count = 0;
    calls.length = 0;
    await handleUpdate(bot, { update_id: updateId++, ...update });
  };
  const typed = (text: string) => {
    const command = /^\/\w+/.exec(text);
    return send({
      message: { message_id: updateId, date: 0, chat: privateChat, from: user, text, ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}) },
    });
  };
  /** Presses the button `data` under the latest message that has buttons. */
  const press = (data: string) => {
    const message = shown.findLast((s) => s.kind === "message" && buttonsOf(s.message).length > 0);
    if (message?.kind !== "message") throw new Error("no message with buttons");
    return send({ callback_query: { id: String(updateId), from: user, chat_instance: "test", data, message: { ...message.message, text: "" } } });
  };
  const lastText = () => {
    const message = shown.findLast((s) => s.kind === "message");
    return message?.kind === "message" ? message.message.text : undefined;
  };
  return { bot, i18n, languageReads, calls, shown, typed, press, send, lastText };
}

describe("the interface language", () => {
  it("is read once per update, however many buttons a timeline page has", async () => {
    const chat = terminalBot();
    const t = translator(chat.i18n);
    await chat.bot.init();
    await chat.typed("/timeline");
    expect(chat.languageReads.count).toBe(1);
    const shown = chat.shown.at(-1);
    const next = shown?.kind === "message" ? buttonsOf(shown.message).find((b) => b.text === t("ru", "menu-next")) : undefined;
    if (!next || !("callback_data" in next)) throw new Error("the timeline's first page has no next page button");
    await chat.press(next.callback_data);
    expect(chat.languageReads.count).toBe(1);
    expect(chat.lastText()).toBe(t("ru", "menu-timeline-title", { page: 2, pages: pageCount(library.knowledge) }));
  });

  it("is the new one for the rest of the update that changes it, and after", async () => {
    const chat = terminalBot();
    const t = translator(chat.i18n);
    await chat.bot.init();
    await chat.typed("/menu");
    const shown = chat.shown.at(-1);
    const toggle = shown?.kind === "message" ? buttonsOf(shown.message).find((b) => b.text === t("ru", "menu-language")) : undefined;
    if (!toggle || !("callback_data" in toggle)) throw new Error("the main menu has no language button");
    await chat.press(toggle.callback_data);
    const redrawn = chat.shown.at(-1);
    expect(redrawn?.kind === "message" && redrawn.edited ? redrawn.message.text : undefined).toBe(t("kk", "menu-main-title"));
    expect(redrawn?.kind === "message" ? buttonsOf(redrawn.message).map((b) => b.text) : []).toContain(t("kk", "menu-timeline"));

    await chat.typed("/language");
    await chat.press(callbackData.language("ru"));
    expect(chat.lastText()).toBe(t("ru", "language-set"));
    await chat.typed("/menu");
    expect(chat.lastText()).toBe(t("ru", "menu-main-title"));
  });
});

describe("parse modes", () => {
  it("sends answers, menus and help as HTML, and plain texts without a parse mode", async () => {
    const chat = terminalBot();
    const t = translator(chat.i18n);
    await chat.bot.init();
    const sentBy = async (text: string) => {
      await chat.typed(text);
      const sent = chat.calls.find((c) => c.method === "sendMessage");
      if (!sent) throw new Error(`nothing sent for ${text}`);
      return sent.payload;
    };
    for (const text of ["/help", "/menu", "Сколько детей вернули из Ирака?"]) expect((await sentBy(text)).parse_mode).toBe("HTML");
    for (const text of ["/language", "/nosuchcommand"]) {
      const payload = await sentBy(text);
      expect(payload.parse_mode).toBeUndefined();
      expect(JSON.stringify(payload)).not.toContain("parse_mode");
    }
    expect((await sentBy("/nosuchcommand")).text).toBe(t("ru", "unknown-command"));
  });

  it("sends inline answers as HTML", async () => {
    const chat = terminalBot();
    await chat.bot.init();
    for (const query of ["", "Сколько детей вернули из Ирака?", "qwertyuiop"]) {
      await chat.send({ inline_query: { id: "1", from: user, query, offset: "", chat_type: "private" } });
      const results = chat.calls.find((c) => c.method === "answerInlineQuery")?.payload.results as InlineQueryResultArticle[];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect((result.input_message_content as InputTextMessageContent).parse_mode).toBe("HTML");
    }
  });
});
