import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { botEnvironment, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { maxInWindow, startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const ADMIN = { id: 6001, first_name: "Админ", language_code: "ru" };
const USER = { id: 6002, first_name: "Ерлан", language_code: "kk" };
const SUBSCRIBERS = 1000;
const FIRST_SUBSCRIBER = 100_000;
const PER_SECOND = 25;

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;
let knowledgeDir: string;

async function reply(chatId: number, since: number): Promise<RecordedRequest> {
  return api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && r.response?.ok === true, { since, timeoutMs: 15_000 });
}

/** `npm run publish`, as an operator runs it, against the same database and knowledge base. */
function runPublish(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", "publish"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...environment.env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => done({ code, output }));
  });
}

function addArticle(id: string, title: string): void {
  writeFileSync(
    join(knowledgeDir, "articles", "ru", `${id}.md`),
    `---\nid: ${id}\nlang: ru\ntitle: "${title}"\nsource: Example News\nurl: https://example.kz/${id}\npublished: 2021-02-05\n---\n` +
      "В рамках операции «Жусан» из Сирии вернули 12 граждан Казахстана. Двое детей — сироты.\n\n" +
      "Всех вернувшихся встретили врачи и психологи; после проверки и обследования они проходят адаптацию в реабилитационном центре, а затем вернутся к родственникам.\n",
  );
}

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN, rateLimits: { globalPerSecond: PER_SECOND, perChatPerSecond: 1, perGroupPerMinute: 20 } });
  environment = botEnvironment(api, { ADMIN_IDS: String(ADMIN.id), BROADCAST_PER_SECOND: String(PER_SECOND) });
  knowledgeDir = join(environment.dataDir, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
  environment.env.KNOWLEDGE_DIR = knowledgeDir;
  bot = await startBot(api, environment);
});

afterAll(() => stopAll({ bot, api, environment }));

describe("subscriptions", () => {
  it("subscribes a private chat to everything with /subscribe and shows what it follows, unsubscribes it, and opens the choice from the menu", async () => {
    let since = api.mark();
    api.userSends(USER, "/subscribe");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/Сіз бақылайтындар:\n• барлық жаңа материал/);
    since = api.mark();
    api.userSends(USER, "/unsubscribe");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/шықтыңыз/);

    since = api.mark();
    api.userSends(USER, "/menu");
    const menu = await reply(USER.id, since);
    const entry = (menu.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard
      .flat()
      .find((b) => b.callback_data === "m/s/");
    expect(entry?.text).toMatch(/Жазылым/);
    since = api.mark();
    api.pressButton(USER, USER.id, (menu.response as { result: { message_id: number } }).result.message_id, "m/s/");
    const edited = await api.waitFor("editMessageText", { since });
    expect(String(edited.params.text)).toMatch(/жазылмағансыз/);
    const after = (edited.params.reply_markup as { inline_keyboard: { callback_data: string; text: string }[][] }).inline_keyboard.flat();
    expect(after.find((b) => b.callback_data === "m/s/all:true")?.text).toMatch(/Барлық жаңа материал/);
  });

  it("lets only a group's admin subscribe the group", async () => {
    const group = api.group({ type: "supergroup", title: "Редакция" });
    let since = api.mark();
    api.userSends(USER, "/subscribe", { chat: group.id });
    expect(String((await reply(group.id, since)).params.text)).toMatch(/әкімшісі/);
    api.setMember(group.id, ADMIN.id, "administrator");
    since = api.mark();
    api.userSends(ADMIN, "/subscribe", { chat: group.id });
    expect(String((await reply(group.id, since)).params.text)).toMatch(/Готово/);
  });

  it("tells a group member who is no admin, in their language, why the menu's subscribe button did nothing", async () => {
    const group = api.group({ type: "supergroup", title: "Читатели" });
    const member = { id: 6003, first_name: "Сергей", language_code: "ru" };
    let since = api.mark();
    api.userSends(USER, "/menu", { chat: group.id });
    const menu = await reply(group.id, since);
    const messageId = (menu.response as { result: { message_id: number } }).result.message_id;
    for (const [who, refusal] of [[USER, /әкімшісі/], [member, /только её администратор/]] as const) {
      since = api.mark();
      const id = api.pressButton(who, group.id, messageId, "m/sub");
      const answer = await api.waitFor((r) => r.method === "answerCallbackQuery" && r.params.callback_query_id === id, { since });
      expect(String(answer.params.text)).toMatch(refusal);
    }
    expect(api.requests.filter((r) => r.seq > since && r.method === "editMessageText")).toEqual([]);
    expect(api.rejected.filter((r) => r.seq > since)).toEqual([]);
  });

  it("shows /stats to admins only; anyone else gets the reply to an unknown command", async () => {
    let since = api.mark();
    api.userSends(USER, "/stats");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/білмеймін/);
    since = api.mark();
    api.userSends(ADMIN, "Кто руководил операцией «Русафа»?");
    const answer = await reply(ADMIN.id, since);
    const buttons = (answer.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    const down = buttons.flat().find((button) => button.text === "👎");
    expect(down).toBeDefined();
    since = api.mark();
    const messageId = answer.response?.ok ? (answer.response.result as { message_id: number }).message_id : Number.NaN;
    api.pressButton(ADMIN, ADMIN.id, messageId, down?.callback_data ?? "");
    await api.waitFor((r) => r.method === "answerCallbackQuery" && /Спасибо за оценку/.test(String(r.params.text)), { since });
    const edited = await api.waitFor((r) => r.method === "editMessageReplyMarkup" && r.params.message_id === messageId, { since });
    const left = (edited.params.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat();
    expect(left.some((button) => button.text === "👍" || button.text === "👎")).toBe(false);

    since = api.mark();
    api.userSends(ADMIN, "/stats");
    const stats = String((await reply(ADMIN.id, since)).params.text);
    expect(stats).toMatch(/Подписчиков: \d+ на русском/);
    expect(stats).toMatch(/Вопросов сегодня: [1-9]/);
    expect(stats).toMatch(/Ответы с оценкой 👎[^]*Василенко[^]*👎 1, 👍 0/);

    // In a group it would show users' questions to everyone: only a pointer to the private chat.
    const group = api.group({ type: "supergroup", title: "Группа админа" });
    since = api.mark();
    api.userSends(ADMIN, "/stats", { chat: group.id });
    const inGroup = String((await reply(group.id, since)).params.text);
    expect(inGroup).toMatch(/только в личном чате/);
    expect(inGroup).not.toMatch(/Подписчиков/);
  });

  it(`announces a new article to ${SUBSCRIBERS} subscribers exactly once, within the rate limits, through 429s, 403s, a migrated group and a SIGKILL`, async () => {
    const storage = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
    for (let i = 0; i < SUBSCRIBERS; i++) await storage.subscribe(FIRST_SUBSCRIBER + i, "private", i % 3 === 0 ? "kk" : "ru");
    await storage.close();
    const blocked = [FIRST_SUBSCRIBER + 7, FIRST_SUBSCRIBER + 500, FIRST_SUBSCRIBER + 999];
    for (const chatId of blocked) api.block(chatId);
    const oldGroup = api.group({ type: "group", title: "Старая группа" });
    api.setMember(oldGroup.id, ADMIN.id, "administrator");
    let since = api.mark();
    api.userSends(ADMIN, "/subscribe", { chat: oldGroup.id });
    await reply(oldGroup.id, since);
    const newGroup = api.migrate(oldGroup.id, -1_009_999_000_001);

    const start = api.mark();
    addArticle("kazakhstan-vernul-12", "Казахстан вернул из Сирии ещё 12 граждан");
    const published = await runPublish();
    expect(published.code, published.output).toBe(0);
    expect(published.output).toMatch(/announcing article:kazakhstan-vernul-12/);

    const announced = (r: RecordedRequest) => r.seq > start && r.method === "sendMessage" && /ещё 12 граждан/.test(String(r.params.text));
    const delivered = () => api.requests.filter((r) => announced(r) && r.response?.ok === true);
    api.failNext("sendMessage", 2, { retryAfter: 1 });
    await api.waitFor(() => delivered().length >= 300, { timeoutMs: 60_000 });

    // Kill the bot while one announcement is on its way: Telegram gets it, the bot never hears back.
    since = api.mark();
    api.failNext("sendMessage", 1, { delayMs: 5000 });
    await api.waitFor((r) => announced(r), { since, settled: false, timeoutMs: 10_000 });
    await bot.stop("SIGKILL");
    bot = await startBot(api, environment);

    // Done when every subscriber has it, or when the outbox has nothing left to send and only the
    // (at most four) messages that were on their way at the kill may be missing.
    const expected = SUBSCRIBERS - blocked.length + 1;
    const outbox = async () => {
      const db = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
      const counts = await db.outboxCounts();
      await db.close();
      return counts;
    };
    for (const deadline = Date.now() + 90_000; delivered().length < expected; await new Promise((done) => setTimeout(done, 500))) {
      if (delivered().length >= expected - 4 && (await outbox()).pending === 0) break;
      if (Date.now() > deadline) {
        throw new Error(`delivered ${delivered().length} of ${expected}; outbox ${JSON.stringify(await outbox())}\n${bot.output().slice(-3000)}`);
      }
    }
    await new Promise((done) => setTimeout(done, 2000));

    const perChat = new Map<number, number>();
    for (const r of delivered()) perChat.set(Number(r.params.chat_id), (perChat.get(Number(r.params.chat_id)) ?? 0) + 1);
    const duplicates = [...perChat].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    // At most once: what was being sent at the kill counts as sent. Its request may or may not have
    // left (the outbox sends four at a time); every other subscriber gets exactly one.
    const db = new Database(join(environment.dataDir, "bot.sqlite"), { readonly: true });
    const uncertain = new Set((db.prepare("SELECT chat_id FROM outbox WHERE error LIKE 'interrupted%'").all() as { chat_id: number }[]).map((r) => r.chat_id));
    db.close();
    expect(uncertain.size).toBeLessThanOrEqual(4);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const chatId = FIRST_SUBSCRIBER + i;
      const got = perChat.get(chatId) ?? 0;
      if (blocked.includes(chatId)) expect(got, `chat ${chatId}`).toBe(0);
      else if (uncertain.has(chatId)) expect(got, `chat ${chatId}`).toBeLessThanOrEqual(1);
      else expect(got, `chat ${chatId}`).toBe(1);
    }
    expect(perChat.get(newGroup.id)).toBe(1);
    expect(perChat.get(oldGroup.id)).toBeUndefined();

    const times = api.sends.filter((s) => s.time >= (api.requests[start]?.time ?? 0)).map((s) => s.time);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(PER_SECOND);
    const around = (t: number) => api.sends.filter((x) => x.time > t - 1000 && x.time <= t).map((x) => `${x.chatId}@${x.time - t}`).join(" ");
    expect(api.rateLimitViolations.map((v) => `${v.limit} ${v.chatId} ${v.method} ${v.time}: ${around(v.time)}`)).toEqual([]);
    expect(api.rejected).toEqual([]);

    const kk = delivered().find((r) => Number(r.params.chat_id) === FIRST_SUBSCRIBER);
    expect(String(kk?.params.text)).toMatch(/Жаңа материал|жаңа материал/);
    const after = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
    const subscribed = new Set((await after.subscribers()).map((s) => s.chatId));
    await after.close();
    for (const chatId of blocked) expect(subscribed.has(chatId)).toBe(false);
  }, 240_000);

  it("publishes nothing twice, and says so", async () => {
    const since = api.mark();
    const again = await runPublish();
    expect(again.output).toMatch(/nothing new/);
    await new Promise((done) => setTimeout(done, 1500));
    expect(api.requests.filter((r) => r.seq > since && r.method === "sendMessage")).toEqual([]);
  });

  it("says at once that a publish waits for the stopped bot, announces it when the bot starts, and answers meanwhile", async () => {
    await bot.stop("SIGTERM");
    const storage = SqliteStorage.open(join(environment.dataDir, "bot.sqlite"));
    await storage.subscribe(USER.id, "private", "ru");
    await storage.close();
    addArticle("vernuvshiesya-v-shkolah", "Вернувшиеся из Сирии дети пошли в школы");
    const asked = Date.now();
    const queued = await runPublish();
    expect(queued.code, queued.output).toBe(0);
    expect(queued.output).toMatch(/is not running .*announces what is new when it starts/);
    expect(Date.now() - asked).toBeLessThan(10_000);

    const start = api.mark();
    bot = await startBot(api, environment);
    const announced = (r: RecordedRequest) => r.seq > start && r.method === "sendMessage" && r.params.chat_id === USER.id && /пошли в школы/.test(String(r.params.text));
    await api.waitFor(announced, { timeoutMs: 30_000 }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${queued.output}\n${bot.output().slice(-3000)}`);
    });
    // While the announcement fills Telegram's budget (here the stand-in's limit equals BROADCAST_PER_SECOND), a question is still answered.
    const since = api.mark();
    api.userSends(USER, "Русафа операциясын кім басқарды?");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/Василенко/);
  }, 60_000);

  it("refuses to publish a broken knowledge base, naming the file and field, and keeps answering", async () => {
    writeFileSync(join(knowledgeDir, "articles", "ru", "broken.md"), "---\nid: broken\nlang: ru\n---\nТекст.\n");
    const result = await runPublish();
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/articles\/ru\/broken\.md: title: missing/);
    const since = api.mark();
    api.userSends(USER, "Русафа операциясын кім басқарды?");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/Василенко/);
  });

  it("reports a knowledge base with a great many problems to /publish in one message that fits", async () => {
    for (let i = 0; i < 60; i++) {
      writeFileSync(join(knowledgeDir, "articles", "ru", `broken-${"x".repeat(60)}-${i}.md`), `---\nid: broken-${i}\nlang: ru\n---\nТекст.\n`);
    }
    const since = api.mark();
    api.userSends(ADMIN, "/publish");
    const report = String((await reply(ADMIN.id, since)).params.text);
    expect(report).toMatch(/не прошла проверку/);
    expect(report).toMatch(/… и ещё \d+ ошиб/);
    expect(report.length).toBeLessThanOrEqual(4096);
  });
});
