import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weekEnded } from "../../src/broadcast/digest.ts";
import { botEnvironment, expectNothingRefused, startBot, stopAll, TEST_TOKEN, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import { startBotApi, type BotApi, type RecordedRequest } from "./stand-in/bot-api.ts";

/*
 * Topic subscriptions and the weekly digest in the real bot process: subscribers choose topics in
 * the /subscribe menu and follow a figure from its card; `npm run add`-style articles and a
 * timeline entry are published with `npm run publish` and reach exactly those they match, once
 * each; a weekly subscriber gets one digest, and restarts repeat nothing.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const IRAQ_FAN = { id: 8001, first_name: "Айгерим", language_code: "ru" };
const COURTS_FAN = { id: 8002, first_name: "Данияр", language_code: "ru" };
const MANY = { id: 8003, first_name: "Марат", language_code: "ru" };
const ALL = { id: 8004, first_name: "Ерлан", language_code: "kk" };
const WEEKLY = { id: 8005, first_name: "Ольга", language_code: "ru" };
const SAIN_FAN = { id: 8006, first_name: "Асель", language_code: "ru" };
const USERS = [IRAQ_FAN, COURTS_FAN, MANY, ALL, WEEKLY, SAIN_FAN];
const WAIT = { timeoutMs: 30_000 };

/** Each new item, as a subscriber sees it in an announcement or a digest. */
const ITEMS = {
  iraq: "Из Ирака вернули ещё 6 детей",
  courts: "Суд вынес приговор вернувшейся из Сирии жительнице Актобе",
  stage3: "Третий этап «Жусана»: дети проходят реабилитацию в Актау",
  sain: "Заявление Саина",
} as const;
type Key = keyof typeof ITEMS;
const KK_EVENT_TITLE = "Саиннің мәлімдемесі";

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;
let knowledgeDir: string;

const messageId = (request: RecordedRequest) => (request.response?.ok ? (request.response.result as { message_id: number }).message_id : Number.NaN);
const buttons = (request: RecordedRequest) => (request.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
const reply = (chatId: number, since: number) => api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === chatId && r.response?.ok === true, { since, ...WAIT });
const delivered = (since = 0) => api.requests.filter((r) => r.seq > since && r.method === "sendMessage" && r.response?.ok === true && USERS.some((u) => u.id === r.params.chat_id));
const announcementsTo = (chatId: number, since = 0) => delivered(since).filter((r) => r.params.chat_id === chatId && /Новый материал|Новое в хронологии|жаңа материал|хронологиясында жаңа/i.test(String(r.params.text)));
const digestsTo = (chatId: number, since = 0) => delivered(since).filter((r) => r.params.chat_id === chatId && /Дайджест за неделю|Апталық шолу/.test(String(r.params.text)));
const itemsIn = (request: RecordedRequest) =>
  (Object.keys(ITEMS) as Key[]).filter((key) => String(request.params.text).includes(ITEMS[key]) || (key === "sain" && String(request.params.text).includes(KK_EVENT_TITLE)));

/** Presses a button of the menu message `menu` and waits for the menu to be redrawn; returns the redrawn menu. */
async function press(user: typeof IRAQ_FAN, menu: RecordedRequest, data: string): Promise<RecordedRequest> {
  const button = buttons(menu).find((b) => b.callback_data === data);
  if (!button) throw new Error(`no button ${data}: ${buttons(menu).map((b) => b.callback_data).join(" ")}`);
  expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
  const since = api.mark();
  api.pressButton(user, user.id, messageId(menu), data);
  const edit = await api.waitFor((r) => r.method === "editMessageText" && r.params.chat_id === user.id, { since, ...WAIT });
  return { ...edit, response: menu.response };
}

/** /subscribe, then each topic of `topics`, then weekly if asked: the menu as it is in the end. */
async function choose(user: typeof IRAQ_FAN, topics: string[], weekly = false): Promise<RecordedRequest> {
  const since = api.mark();
  api.userSends(user, "/subscribe");
  let menu = await reply(user.id, since);
  for (const topic of topics) menu = await press(user, menu, `m/s/tT:${topic}`);
  if (weekly) menu = await press(user, menu, "m/s/dT:week");
  return menu;
}

/** `npm run publish`, as an operator runs it, against the same database and knowledge base. */
function runPublish(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", "publish"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...environment.env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => done({ code, output }));
  });
}

function addArticle(id: string, title: string, lead: string): void {
  writeFileSync(
    join(knowledgeDir, "articles", "ru", `${id}.md`),
    `---\nid: ${id}\nlang: ru\ntitle: "${title}"\nsource: Example News\nurl: https://example.kz/${id}\npublished: 2026-12-03\n---\n${lead}\n\n` +
      "Подробности корреспонденты обещают рассказать позже, когда станут известны новые обстоятельства; редакция продолжает следить за развитием событий и будет сообщать о них читателям.\n",
  );
}

/** What waits in the outbox, as the bot's database says. */
function pendingInOutbox(): number {
  const db = new Database(join(environment.dataDir, "bot.sqlite"), { readonly: true });
  try {
    return Number((db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

async function outboxEmpty(): Promise<void> {
  for (const end = Date.now() + 60_000; pendingInOutbox() > 0; await sleep(100)) {
    if (Date.now() > end) throw new Error(`the outbox never emptied:\n${bot.output().slice(-3000)}`);
  }
}

/** Waits until the bot process has logged `line` `count` times. */
async function logged(line: RegExp, count = 1): Promise<void> {
  for (const end = Date.now() + 30_000; bot.output().split("\n").filter((l) => line.test(l)).length < count; await sleep(50)) {
    if (Date.now() > end) throw new Error(`never logged ${line}:\n${bot.output().slice(-3000)}`);
  }
}

beforeAll(async () => {
  api = await startBotApi({ token: TEST_TOKEN });
  environment = botEnvironment(api);
  knowledgeDir = join(environment.dataDir, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
  environment.env.KNOWLEDGE_DIR = knowledgeDir;
  bot = await startBot(api, environment);
});

afterAll(() => stopAll({ bot, api, environment }));

describe("topic subscriptions and the weekly digest", () => {
  it("lets a private chat choose topics and how often in /subscribe, and follow a figure from its card", async () => {
    const iraq = await choose(IRAQ_FAN, ["iraq"]);
    expect(String(iraq.params.text)).toMatch(/Вы следите за:\n• Ирак и тюрьма «Русафа»\n\nСообщения приходят сразу/);
    expect(buttons(iraq).find((b) => b.callback_data === "m/s/all:true")?.text).toMatch(/Всё новое/);
    await choose(COURTS_FAN, ["courts"]);
    const many = await choose(MANY, ["iraq", "rehabilitation", "zhusan-3"]);
    expect(String(many.params.text)).toMatch(/• Ирак и тюрьма «Русафа»\n• Реабилитация и возвращение к жизни\n• «Жусан-3» \(май 2019\)/);
    const weekly = await choose(WEEKLY, ["iraq", "courts"], true);
    expect(String(weekly.params.text)).toMatch(/Раз в неделю: дайджест по понедельникам/);
    // Plain /subscribe follows everything, at once; in Kazakh for a Kazakh-speaking user.
    const all = await choose(ALL, []);
    expect(String(all.params.text)).toMatch(/Сіз бақылайтындар:\n• барлық жаңа материал/);

    let since = api.mark();
    api.userSends(SAIN_FAN, "/figures");
    let menu = await reply(SAIN_FAN.id, since);
    menu = await press(SAIN_FAN, menu, "m/f/g:kazakhstan/");
    menu = await press(SAIN_FAN, menu, "m/f/g:kazakhstan/p:sain/");
    expect(buttons(menu).find((b) => b.callback_data.endsWith("/fol:true"))?.text).toBe("🔔 Следить за новостями");
    menu = await press(SAIN_FAN, menu, "m/f/g:kazakhstan/p:sain/fol:true");
    expect(buttons(menu).find((b) => b.callback_data.endsWith("/fol:false"))?.text).toBe("🔕 Не следить");
    since = api.mark();
    api.userSends(SAIN_FAN, "/subscribe");
    expect(String((await reply(SAIN_FAN.id, since)).params.text)).toMatch(/Вы следите за:\n• Аружан Саин/);
    expectNothingRefused(api);
  }, 60_000);

  it("announces each new item once to exactly the subscribers it matches who hear at once, however many of their topics it matches", async () => {
    const start = api.mark();
    addArticle("iraq-six-children", ITEMS.iraq, "Дети, которые находились с матерями в багдадской тюрьме «Русафа», прибыли в Казахстан в рамках гуманитарной операции.");
    addArticle("aktobe-sentence", ITEMS.courts, "Суд приговорил женщину, вернувшуюся из Сирии в ходе операции «Жусан», к восьми годам лишения свободы за участие в террористической организации.");
    addArticle("stage-3-rehabilitation", ITEMS.stage3, "Вернувшиеся в ходе третьего этапа операции «Жусан» дети проходят реабилитацию в центре адаптации в Актау.");
    appendFileSync(
      join(knowledgeDir, "timeline.yaml"),
      `
  - id: sain-2026
    date: "2026-12"
    date_label: {ru: "декабрь 2026", kk: "2026 жылғы желтоқсан"}
    kind: statement
    title: {ru: "${ITEMS.sain}", kk: "${KK_EVENT_TITLE}"}
    figures: [sain]
    facts:
      - ru: "В декабре 2026 года Аружан Саин рассказала об итогах операции «Жусан»."
        kk: "2026 жылғы желтоқсанда Аружан Саин «Жусан» операциясының қорытындысы туралы айтты."
        sources: [https://aruzhansain.kz/?p=1553]
`,
    );
    const published = await runPublish();
    expect(published.code, published.output).toBe(0);
    expect(published.output).toMatch(/announcing .*9 message\(s\) queued/);

    const expected: [typeof IRAQ_FAN, Key[]][] = [
      [IRAQ_FAN, ["iraq"]],
      [COURTS_FAN, ["courts"]],
      [MANY, ["iraq", "stage3"]],
      [ALL, ["iraq", "courts", "stage3", "sain"]],
      [WEEKLY, []],
      [SAIN_FAN, ["sain"]],
    ];
    await api.waitFor(() => delivered(start).length >= 9, { timeoutMs: 60_000 });
    await outboxEmpty();
    for (const [user, items] of expected) {
      const got = announcementsTo(user.id, start).flatMap(itemsIn).sort();
      expect(got, `${user.first_name}`).toEqual([...items].sort());
    }
    expect(delivered(start)).toHaveLength(9);
    expect(String(announcementsTo(ALL.id, start)[0]?.params.text)).toMatch(/жаңа материал|хронологиясында жаңа/i);
    expectNothingRefused(api);
  }, 90_000);

  it("sends the weekly subscriber one digest of the week's items on their topics once the week has ended, and repeats nothing after restarts", async () => {
    await bot.stop("SIGTERM");
    // A week passes: what was published this week is dated into the week that has ended.
    const week = weekEnded(Date.now());
    const db = new Database(join(environment.dataDir, "bot.sqlite"));
    db.prepare("UPDATE published_items SET published_at = ? WHERE about IS NOT NULL").run(week.until - 3_600_000);
    db.close();

    const since = api.mark();
    bot = await startBot(api, environment);
    const digest = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === WEEKLY.id && r.response?.ok === true, { since, ...WAIT });
    expect(String(digest.params.text)).toMatch(/^📬 <b>Дайджест за неделю/);
    expect(itemsIn(digest).sort()).toEqual(["courts", "iraq"]);
    expect(String(digest.params.text)).toContain("https://example.kz/iraq-six-children");
    await logged(/digests of the week to .*: 1 queued/);
    await outboxEmpty();
    expect(delivered(since)).toHaveLength(1);

    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      await bot.stop(signal);
      const again = api.mark();
      bot = await startBot(api, environment);
      await logged(/digests of the week to .*: queued before/);
      await outboxEmpty();
      expect(delivered(again)).toEqual([]);
    }
    for (const user of USERS) expect(digestsTo(user.id), user.first_name).toHaveLength(user === WEEKLY ? 1 : 0);
    expectNothingRefused(api);
  }, 90_000);
});
