// The real bot process against telegram-test-api, a Bot API emulator written by others, so that a
// misreading of the Bot API shared by the bot and our own stand-in (test/e2e/stand-in/) can show.
//
// What the emulator does not have, and the stand-in's suites cover instead:
// - inline queries: it has no way to send one (inline-and-groups.test.ts);
// - setMyCommands, sendChatAction, getChatMember and every other method but getMe, getUpdates,
//   sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery, deleteMessage and
//   the webhook's: it answers them with a 500 and a bare {"message"}, not a Bot API error; the bot
//   answers anyway, logging the command menu's failure as one line and skipping "typing…" (the
//   command lists: bot.test.ts; group admins: subscriptions.test.ts);
// - entities: only its makeCommand adds one (bot_command, so commands work); other entities are
//   whatever the test passes, so mentions are left to inline-and-groups.test.ts;
// - HTML: it stores the text as sent, so entities, lengths and limits are checked by the stand-in;
// - webhooks: it posts updates without the secret header, which the bot refuses by design
//   (webhook.test.ts);
// - edits are stored in place and not handed to the client again, so they are read back from its
//   history; it ignores getUpdates' offset and timeout (each update is handed out once, at once).
// The package's main module replaces its exports with the class, which TypeScript cannot follow.
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnvironment, freePort, spawnBot, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";

type Server = TelegramServer;
type Client = ReturnType<Server["getClient"]>;
type Keyboard = { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };
/** A message the bot sent, as the emulator stores it: the sendMessage parameters. */
interface BotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; parse_mode?: string; reply_markup?: Keyboard; reply_parameters?: { message_id: number } };
}

let server: Server;
let environment: BotEnvironment;
let bot: BotProcess;

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bot.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A private chat with the bot: the user's id is the chat's. */
function user(id: number, firstName: string, languageCode: string): { client: Client; from: { language_code: string } } {
  // The client polls for the bot's messages for at most `timeout` ms.
  return { client: server.getClient(TEST_TOKEN, { userId: id, chatId: id, firstName, timeout: 15_000 }), from: { language_code: languageCode } };
}

/** The bot's messages to the client's chat that it has not read yet (waits for at least one). */
async function botMessages(client: Client): Promise<BotMessage[]> {
  const { result } = (await client.getUpdates()) as unknown as { result: BotMessage[] };
  return result;
}

async function oneBotMessage(client: Client): Promise<BotMessage> {
  const messages = await botMessages(client);
  expect(messages).toHaveLength(1);
  return messages[0] as BotMessage;
}

const buttons = (message: BotMessage) => (message.message.reply_markup?.inline_keyboard ?? []).flat();

/** Presses a button of one of the bot's messages, as Telegram sends the press. */
async function press(chat: ReturnType<typeof user>, message: BotMessage, data: string): Promise<void> {
  const callback = chat.client.makeCallbackQuery(data, {
    from: chat.from,
    message: { message_id: message.messageId, text: message.message.text, date: Math.floor(Date.now() / 1000) },
  } as never);
  await chat.client.sendCallback(callback);
}

/** The bot's message as it is now, after any edits (the emulator keeps them in its history only). */
async function current(client: Client, messageId: number): Promise<BotMessage | undefined> {
  const history = (await client.getUpdatesHistory()) as unknown as BotMessage[];
  return history.find((update) => update.messageId === messageId && "chat_id" in update.message);
}

beforeAll(async () => {
  server = new TelegramServer({ host: "127.0.0.1", port: await freePort() });
  await server.start();
  environment = botEnvironment({ token: TEST_TOKEN, url: server.config.apiURL });
  bot = spawnBot(environment);
  await until("the bot to poll the emulator", () => (/is polling/.test(bot.output()) ? true : undefined));
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await server?.stop();
  environment?.cleanUp();
});

describe("the bot through telegram-test-api", () => {
  const ru = () => user(9101, "Айгерим", "ru");
  const kk = () => user(9102, "Дәурен", "kk");

  it("starts although the emulator has no setMyCommands, saying so in one line", async () => {
    const line = await until("the command menu's failure", () => bot.output().split("\n").find((l) => /Could not set the command menu/.test(l)));
    expect(line).toMatch(/setMyCommands: 502 not a Bot API answer: API method 'setMyCommands' is not supported/);
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  it("greets on /start in the user's language, with example questions that answer when pressed", async () => {
    const chat = ru();
    await chat.client.sendCommand(chat.client.makeCommand("/start", { from: chat.from }));
    const greeting = await oneBotMessage(chat.client);
    expect(greeting.message.text).toContain("Здравствуйте, Айгерим!");
    const examples = buttons(greeting).filter((button) => button.callback_data);
    expect(examples.length).toBeGreaterThanOrEqual(3);

    await press(chat, greeting, examples[0]?.callback_data ?? "");
    const answer = await oneBotMessage(chat.client);
    expect(answer.message.text).toContain("<blockquote>");
    expect(answer.message.text).toMatch(/<a href="https:\/\//);

    const kazakh = kk();
    await kazakh.client.sendCommand(kazakh.client.makeCommand("/start", { from: kazakh.from }));
    expect((await oneBotMessage(kazakh.client)).message.text).toContain("Сәлеметсіз бе, Дәурен!");
  });

  it("answers a Russian and a Kazakh question in their language, with the fact and a linked source", async () => {
    const chat = ru();
    await chat.client.sendMessage(chat.client.makeMessage("Сколько человек вернули из Сирии на третьем этапе операции «Жусан»?", { from: chat.from }));
    const russian = await oneBotMessage(chat.client);
    expect(russian.message.text).toContain("238");
    expect(russian.message.text).toMatch(/<a href="https:\/\/[^"]+">/);
    expect(russian.message.parse_mode).toBe("HTML");

    const kazakh = kk();
    await kazakh.client.sendMessage(kazakh.client.makeMessage("Үшінші кезеңде Сириядан қанша адам оралды?", { from: kazakh.from }));
    const answer = await oneBotMessage(kazakh.client);
    expect(answer.message.text).toContain("238");
    expect(answer.message.text).toMatch(/<a href="https:\/\/[^"]+">/);
    expect(answer.message.text).toMatch(/Дереккөз|📄/);
    expect(answer.message.text).not.toMatch(/вернули/);
  });

  it("opens /menu and moves through it when a button is pressed, editing the menu message", async () => {
    const chat = kk();
    await chat.client.sendCommand(chat.client.makeCommand("/menu", { from: chat.from }));
    const menu = await oneBotMessage(chat.client);
    const timeline = buttons(menu).find((button) => button.callback_data?.startsWith("m/t"));
    expect(timeline, JSON.stringify(buttons(menu))).toBeDefined();

    await press(chat, menu, timeline?.callback_data ?? "");
    const edited = await until("the menu's edit", async () => {
      const now = await current(chat.client, menu.messageId);
      return now && now.message.text !== menu.message.text ? now : undefined;
    });
    expect(buttons(edited).length).toBeGreaterThan(1);
    expect(buttons(edited).map((button) => button.callback_data)).not.toEqual(buttons(menu).map((button) => button.callback_data));
  });

  it("answers /ask in a group, as a reply to the question", async () => {
    const group = server.getClient(TEST_TOKEN, { userId: 9103, chatId: -9104, type: "group", chatTitle: "Жусан", firstName: "Мария", timeout: 15_000 });
    const ask = group.makeCommand("/ask Сколько человек вернули из Сирии на третьем этапе операции «Жусан»?", { from: { language_code: "ru" } });
    await group.sendCommand(ask);
    const answer = await oneBotMessage(group);
    expect(Number(answer.message.chat_id)).toBe(-9104);
    expect(answer.message.text).toContain("238");
    expect(answer.message.reply_parameters?.message_id).toEqual(expect.any(Number));
  });

  it("logged every unsupported call as one line, and nothing as a stack", () => {
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output()).not.toMatch(/\n\s+at /);
    for (const line of bot.output().trim().split("\n")) expect(() => JSON.parse(line), line).not.toThrow();
  });
});
