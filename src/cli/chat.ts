import "../env.ts";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { InlineKeyboardButton, Update, User } from "grammy/types";
import { createBot, createBotI18n, handleUpdate } from "../bot.ts";
import { htmlToTerminal } from "../chat/render.ts";
import { buttonsOf, TERMINAL_BOT, TerminalTransport, type Shown } from "../chat/transport.ts";
import { knowledgeDirOf } from "../config.ts";
import { translator } from "../i18n.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import { Library } from "../library.ts";
import { SqliteStorage } from "../storage/sqlite.ts";

const color = process.stdout.isTTY;
const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);

const storage = SqliteStorage.open(":memory:");
const i18n = createBotI18n(storage);
const t = translator(i18n);

let values: { lang?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { lang: { type: "string" }, help: { type: "boolean", short: "h" } } }));
} catch {
  values = { help: true, lang: "?" };
}
const envLang = process.env.LANG?.startsWith("kk") ? "kk" : "ru";
if (values.help || (values.lang !== undefined && values.lang !== "ru" && values.lang !== "kk")) {
  console.log(t((values.lang as "ru" | "kk" | undefined) === "kk" ? "kk" : envLang, "chat-usage"));
  process.exit(values.help && values.lang !== "?" ? 0 : 2);
}
const startLang = (values.lang as "ru" | "kk" | undefined) ?? envLang;
const user: User = { id: 100, is_bot: false, first_name: process.env.USER || t(startLang, "chat-guest"), language_code: startLang };
/** The terminal's own words follow the language the person chose with /language, as the bot's do. */
let lang = startLang;
async function followLanguage(): Promise<void> {
  lang = (await storage.getLanguage(user.id)) ?? startLang;
  if (!process.env.USER) user.first_name = t(lang, "chat-guest");
}

let library: Library;
try {
  library = new Library(knowledgeDirOf());
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/** The buttons of the latest message that has any, by the number the person types to press one. */
const buttons = new Map<number, { messageId: number; button: InlineKeyboardButton }>();

function show(shown: Shown): void {
  if (shown.kind === "notice") {
    console.log(dim(`  [${shown.text}]`));
    return;
  }
  const { message, edited } = shown;
  console.log(`\n${dim(t(lang, edited ? "chat-bot-edited" : "chat-bot"))}\n${htmlToTerminal(message.text ?? "", color)}`);
  if (buttonsOf(message).length > 0) buttons.clear();
  for (const button of buttonsOf(message)) {
    const number = buttons.size + 1;
    buttons.set(number, { messageId: message.message_id, button });
    console.log(`  [${number}] ${button.text}${"url" in button ? ` ‹${button.url}›` : ""}`);
  }
}

const transport = new TerminalTransport(user, show);
const bot = createBot({ token: "0:terminal-chat", i18n, library, storage, botInfo: TERMINAL_BOT, transport: transport.transformer });
await bot.init();

let updateId = 1;
let messageId = 1_000_000;
const chat = { id: user.id, type: "private" as const, first_name: user.first_name };

function typed(text: string): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: user,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

function pressed(number: number): Update | null {
  const target = buttons.get(number);
  if (!target || !("callback_data" in target.button)) return null;
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: user,
      chat_instance: "terminal",
      data: target.button.callback_data,
      message: { message_id: target.messageId, date: Math.floor(Date.now() / 1000), chat, from: bot.botInfo, text: "" },
    },
  };
}

console.log(dim(t(lang, "chat-intro")));
const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const promptText = () => (color ? `\n\u001b[1m${t(lang, "chat-you")}\u001b[22m ` : `\n${t(lang, "chat-you")} `);
input.setPrompt(promptText());
await handleUpdate(bot, typed("/start"));
input.prompt();
for await (const raw of input) {
  const line = raw.trim();
  if (!process.stdin.isTTY && line) console.log(line);
  if (/^\d+$/.test(line) && buttons.has(Number(line))) {
    const update = pressed(Number(line));
    if (update) await handleUpdate(bot, update);
    else console.log(dim(`  (${t(lang, "chat-link-button")})`));
  } else if (/^\d{1,2}$/.test(line) && buttons.size > 0) {
    console.log(dim(`  (${t(lang, "chat-no-button", { number: line })})`));
  } else if (line) {
    await handleUpdate(bot, typed(line));
  }
  await followLanguage();
  input.setPrompt(promptText());
  input.prompt();
}
await storage.close();
