import Database from "better-sqlite3";
import { cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articlePage, LocalSite, rss, type FixtureItem } from "../feeds/helpers.ts";
import { botEnvironment, expectNothingRefused, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

/*
 * The feed watcher in the real bot process, with a feed and its article pages served from
 * 127.0.0.1, and the admins' review through the Bot API stand-in: drafts reach the admins, ✅
 * announces once, ❌ never, and restarts in the middle of the review lose and repeat nothing.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const ADMIN = { id: 7001, first_name: "Алия", language_code: "ru" };
const ADMIN_KK = { id: 7002, first_name: "Бауыржан", language_code: "ru" };
const USER = { id: 7003, first_name: "Ерлан", language_code: "ru" };
const CARD = /Новый материал на проверку|Тексеруге жаңа материал/;
const ANNOUNCEMENT = /Новый материал об операции/;
const WAIT = { timeoutMs: 30_000 };

const RETURN: FixtureItem = { title: "«Жусан-3»: из Сирии вернулись 67 женщин и 171 ребёнок", lead: "Президент назвал этот этап операции завершающим.", link: "" };
const IRAQ: FixtureItem = { title: "Казахстан эвакуировал 14 детей из Ирака", lead: "Около двух лет дети провели с матерями в багдадской тюрьме «Русафа».", link: "" };
const BANK: FixtureItem = { title: "Jusan Bank снизил ставки по ипотеке", lead: "Банк предлагает клиентам новые условия кредитования.", link: "" };
const PAGES: Record<string, string[]> = {
  "/news/1": [
    "В ходе третьего, завершающего этапа гуманитарной операции «Жусан» из Сирии на родину вернулись 238 граждан Казахстана.",
    "Среди них 67 женщин и 171 ребёнок, девять детей — сироты. Вернувшиеся пройдут реабилитацию в специальном центре.",
  ],
  "/news/2": [
    "В ходе операции «Русафа» из Ирака в Казахстан вернули 14 детей, которые около двух лет провели с матерями в багдадской тюрьме.",
    "Дети месяц пробудут в центре в Нур-Султане под присмотром психологов, педагогов и врачей, затем их передадут родственникам.",
  ],
};

let api: BotApi;
let site: LocalSite;
let environment: BotEnvironment;
let bot: BotProcess;
let items: FixtureItem[];

const polls = () => bot.output().split("\n").filter((line) => line.includes('"msg":"feeds polled"')).length;

/** Waits until the bot process has finished `count` polls of the feeds since it started. */
async function polled(count: number): Promise<void> {
  for (const end = Date.now() + 60_000; polls() < count; await sleep(50)) {
    if (Date.now() > end) throw new Error(`${count} polls never finished:\n${bot.output().slice(-3000)}`);
  }
}

/** Waits until the bot has handled every update it received (the inbox in its database says so). */
async function handledAll(): Promise<void> {
  const db = new Database(join(environment.dataDir, "bot.sqlite"), { readonly: true });
  try {
    for (const end = Date.now() + 30_000; Number((db.prepare("SELECT COUNT(*) AS n FROM inbox WHERE done_at IS NULL").get() as { n: number }).n) > 0; await sleep(50)) {
      if (Date.now() > end) throw new Error("the bot never finished its updates");
    }
  } finally {
    db.close();
  }
}

const sends = (chatId: number, text: RegExp, since = 0) =>
  api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.params.chat_id === chatId && r.response?.ok === true && text.test(String(r.params.text)));
const messageId = (request: RecordedRequest) => (request.response?.ok ? (request.response.result as { message_id: number }).message_id : Number.NaN);
const buttons = (request: RecordedRequest) => (request.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
const card = (chatId: number, title: string, since = 0) =>
  api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && CARD.test(String(r.params.text)) && String(r.params.text).includes(title), { since, ...WAIT });
const reply = (chatId: number, since: number, text?: RegExp) =>
  api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && (!text || text.test(String(r.params.text))), { since, ...WAIT });
const callbackAnswer = (id: string, since: number) => api.waitFor((r) => r.method === "answerCallbackQuery" && r.params.callback_query_id === id, { since, ...WAIT });

function press(user: typeof ADMIN, request: RecordedRequest, label: RegExp): string {
  const button = buttons(request).find((b) => label.test(b.text));
  if (!button) throw new Error(`no button ${label} under the card`);
  expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
  return api.pressButton(user, user.id, messageId(request), button.callback_data);
}

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN });
  site = await LocalSite.start();
  items = [{ ...BANK, link: site.url("/news/3") }];
  // No ETag: every poll reads the feed again, so an item that comes back is seen.
  site.route("/rss", (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(rss("Новости", items)));
  for (const [path, paragraphs] of Object.entries(PAGES)) {
    const title = path === "/news/1" ? RETURN.title : IRAQ.title;
    site.serve(path, "text/html; charset=utf-8", articlePage({ lang: "ru", title, site: "Местные новости", published: "2026-12-01T10:00:00+05:00", paragraphs }));
  }
  environment = botEnvironment(api, { ADMIN_IDS: `${ADMIN.id},${ADMIN_KK.id}`, FEED_POLL_MINUTES: "0.01" });
  const knowledgeDir = join(environment.dataDir, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
  const feedsFile = join(environment.dataDir, "feeds.yaml");
  writeFileSync(feedsFile, `feeds:\n  - id: local-ru\n    outlet: Местные новости\n    lang: ru\n    feed: ${site.url("/rss")}\n`);
  Object.assign(environment.env, { KNOWLEDGE_DIR: knowledgeDir, FEEDS_FILE: feedsFile });
  bot = await startBot(api, environment);
});

afterAll(async () => {
  await stopAll({ bot, api, environment });
  await site?.close();
});

describe("news watching and review", () => {
  let returnCard: RecordedRequest;
  let iraqCard: RecordedRequest;
  let iraqCardKk: RecordedRequest;
  let returnCardKk: RecordedRequest;

  it("sends each relevant item's draft privately to every admin, in their language, and nothing to subscribers", async () => {
    let since = api.mark();
    api.userSends(USER, "/subscribe");
    await reply(USER.id, since);
    since = api.mark();
    api.userSends(ADMIN_KK, "/language");
    const choose = await reply(ADMIN_KK.id, since);
    api.pressButton(ADMIN_KK, ADMIN_KK.id, messageId(choose), "lang:kk");
    await api.waitFor("editMessageText", { since, ...WAIT });
    await polled(1);

    since = api.mark();
    items = [{ ...RETURN, link: site.url("/news/1") }, { ...IRAQ, link: site.url("/news/2") }, ...items];
    returnCard = await card(ADMIN.id, RETURN.title, since);
    iraqCard = await card(ADMIN.id, IRAQ.title, since);
    returnCardKk = await card(ADMIN_KK.id, RETURN.title, since);
    iraqCardKk = await card(ADMIN_KK.id, IRAQ.title, since);
    const text = String(returnCard.params.text);
    expect(text).toContain("Местные новости, 1 декабря 2026 г.");
    expect(text).toContain("вернулись 238 граждан");
    expect(text).toContain(site.url("/news/1"));
    expect(text).toMatch(/Темы: (?!не определены)\S/);
    expect(String(returnCardKk.params.text)).toMatch(/Тексеруге жаңа материал[^]*Неге қатысты: (?!анықталмады)\S/);
    expect(buttons(returnCard).map((b) => b.text)).toEqual(["✅ Опубликовать", "✏️ Изменить заголовок", "❌ Отклонить"]);
    expect(buttons(returnCardKk).map((b) => b.text)).toEqual(["✅ Жариялау", "✏️ Тақырыбын өзгерту", "❌ Қабылдамау"]);
    await polled(polls() + 1);
    expect(sends(ADMIN.id, CARD)).toHaveLength(2);
    expect(sends(ADMIN_KK.id, CARD)).toHaveLength(2);
    expect(api.requests.some((r) => r.method === "sendMessage" && String(r.params.text).includes(BANK.title))).toBe(false);
    expect(sends(USER.id, ANNOUNCEMENT)).toEqual([]);
  }, 90_000);

  it("refuses /review and the buttons to anyone but an admin", async () => {
    let since = api.mark();
    api.userSends(USER, "/review");
    expect(String((await reply(USER.id, since)).params.text)).toMatch(/Такой команды я не знаю/);
    const data = buttons(returnCard).find((b) => b.text.startsWith("✅"))!.callback_data;
    since = api.mark();
    const id = api.pressData(USER, USER.id, messageId(await reply(USER.id, 0)), data);
    expect(String((await callbackAnswer(id, since)).params.text)).toMatch(/только администраторы/);
  });

  it("keeps an admin's title edit and every draft across a crash, and sends no draft twice", async () => {
    let since = api.mark();
    press(ADMIN, returnCard, /Изменить заголовок/);
    expect(String((await reply(ADMIN.id, since)).params.text)).toMatch(/Пришлите новый заголовок[^]*\/cancel/);
    // Killed once the press is handled: a kill while it is handled would handle it again (the inbox's at-least-once).
    await handledAll();
    await bot.stop("SIGKILL");
    since = api.mark();
    bot = await startBot(api, environment);
    await polled(2);
    expect(sends(ADMIN.id, CARD, since)).toEqual([]);
    expect(sends(ADMIN_KK.id, CARD, since)).toEqual([]);

    since = api.mark();
    api.userSends(ADMIN, "Третий этап «Жусана»: 238 человек вернулись из Сирии");
    await reply(ADMIN.id, since, /Заголовок изменён/);
    returnCard = await card(ADMIN.id, "Третий этап «Жусана»: 238 человек вернулись из Сирии", since);

    since = api.mark();
    api.userSends(ADMIN, "/review");
    await reply(ADMIN.id, since, /Ждут проверки: 2/);
    await card(ADMIN.id, IRAQ.title, since);
  }, 90_000);

  it("publishes once when two admins press ✅ at once, and announces it to subscribers once, under the new title", async () => {
    const since = api.mark();
    const [first, second] = [press(ADMIN, returnCard, /Опубликовать/), press(ADMIN_KK, returnCardKk, /Жариялау/)];
    const answers = [String((await callbackAnswer(first, since)).params.text), String((await callbackAnswer(second, since)).params.text)];
    const published = answers.filter((text) => /^(Опубликовано|Жарияланды)\./.test(text));
    const told = answers.filter((text) => /решение администратора|шешімі/.test(text));
    expect([published.length, told.length]).toEqual([1, 1]);
    expect(told[0]).toMatch(/Алия|Бауыржан/);
    const announcement = await reply(USER.id, since, ANNOUNCEMENT);
    expect(String(announcement.params.text)).toContain("Третий этап «Жусана»: 238 человек вернулись из Сирии");
    expect(String(announcement.params.text)).toContain(site.url("/news/1"));
    await api.waitFor((r) => r.method === "editMessageText" && /Опубликовано: |Жарияланды: /.test(String(r.params.text)), { since, ...WAIT });
  }, 60_000);

  it("❌ announces nothing, and the item never comes back, even with a new headline", async () => {
    let since = api.mark();
    const id = press(ADMIN_KK, iraqCardKk, /Қабылдамау/);
    expect(String((await callbackAnswer(id, since)).params.text)).toMatch(/Қабылданбады/);
    const late = press(ADMIN, iraqCard, /Отклонить/);
    expect(String((await callbackAnswer(late, since)).params.text)).toMatch(/уже отклонён — решение администратора Бауыржан/);

    since = api.mark();
    items = items.map((item) => (item.link === site.url("/news/2") ? { ...item, title: `${IRAQ.title}: подробности` } : item));
    await polled(polls() + 2);
    expect(sends(ADMIN.id, CARD, since)).toEqual([]);
    expect(sends(ADMIN_KK.id, CARD, since)).toEqual([]);
    expect(api.requests.some((r) => r.method === "sendMessage" && r.params.chat_id === USER.id && String(r.params.text).includes("14 детей"))).toBe(false);
  }, 60_000);

  it("after a stop and a start, repeats no draft and no announcement", async () => {
    await bot.stop("SIGTERM");
    const since = api.mark();
    bot = await startBot(api, environment);
    await polled(2);
    expect(sends(ADMIN.id, CARD, since)).toEqual([]);
    expect(sends(ADMIN_KK.id, CARD, since)).toEqual([]);
    expect(sends(USER.id, ANNOUNCEMENT)).toHaveLength(1);
    const stillWaiting = api.mark();
    api.userSends(ADMIN, "/review");
    await reply(ADMIN.id, stillWaiting, /Новых материалов на проверку нет/);
    expectNothingRefused(api);
  }, 60_000);
});
