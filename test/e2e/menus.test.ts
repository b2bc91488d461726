import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, startWithStandIn, stopAll, type BotEnvironment, type BotProcess } from "./bot-process.ts";
import type { BotApi, RecordedRequest } from "./stand-in/bot-api.ts";

let api: BotApi;
let environment: BotEnvironment;
let bot: BotProcess;

type Keyboard = { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };

const buttonsOf = (request: RecordedRequest) => ((request.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();
const messageIdOf = (request: RecordedRequest) =>
  request.response?.ok ? (request.response.result as { message_id: number }).message_id : Number.NaN;

/** What the stand-in refused since `since`, apart from edits that would not change a menu. */
const refused = (since = 0) =>
  api.rejected.filter((r) => r.seq > since && !/message is not modified/.test(String(r.response?.ok === false && r.response.description)));

beforeAll(async () => ({ api, environment, bot } = await startWithStandIn()));

afterAll(() => stopAll({ bot, api, environment }));

/** The bot's menu message in reply to /menu (or to `command`) from `user`. */
async function openMenu(user: { id: number; first_name: string; language_code: string }, command = "/menu"): Promise<RecordedRequest> {
  const since = api.mark();
  api.userSends(user, command);
  return api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id && r.response?.ok === true, { since });
}

/** Presses `data` on a user's menu message and returns the bot's edit of it. */
async function press(user: { id: number }, messageId: number, data: string): Promise<RecordedRequest> {
  const since = api.mark();
  api.pressData(user, user.id, messageId, data);
  const edit = await api.waitFor(
    (r) => (r.method === "editMessageText" || r.method === "sendMessage") && r.params.chat_id === user.id && r.outcome === "answered",
    { since, timeoutMs: 10_000 },
  );
  await api.waitFor((r) => r.method === "answerCallbackQuery", { since, timeoutMs: 10_000 });
  return edit;
}

/** Actions that do something else than show a menu: tested on their own below. */
const isAction = (data: string) => !data.endsWith("/");

describe.each(["ru", "kk"] as const)("the menus in %s", (lang) => {
  it("lets a user reach every timeline event and every figure, each page within Telegram's limits and with sources", async () => {
    // Several users, each in a private chat, share the walk: one chat gets about one edit a second.
    const users = Array.from({ length: 25 }, (_, i) => ({ id: 3000 + i + (lang === "kk" ? 100 : 0), first_name: `U${i}`, language_code: lang }));
    const start = api.mark();
    const menus = await Promise.all(users.map((user) => openMenu(user)));
    const root = menus[0] as RecordedRequest;
    const pages = new Map([["m/", String(root.params.text)]]);
    const queue = buttonsOf(root).flatMap((b) => (b.callback_data && !isAction(b.callback_data) ? [b.callback_data] : []));
    const seen = new Set(["m/", ...queue]);
    for (let turn = 0; queue.length > 0; turn++) {
      const path = queue.shift() as string;
      const user = users[turn % users.length] as (typeof users)[number];
      const shown = await press(user, messageIdOf(menus[turn % users.length] as RecordedRequest), path);
      expect(shown.response?.ok, `${path}: ${shown.response?.ok ? "" : shown.response?.description}`).toBe(true);
      pages.set(path, String(shown.params.text));
      for (const button of buttonsOf(shown)) {
        expect(Buffer.byteLength(button.callback_data ?? "", "utf8")).toBeLessThanOrEqual(64);
        const data = button.callback_data;
        // Every menu button leads somewhere in the menu tree, or the bot calls it outdated.
        expect(data, `${button.text} on ${path}`).toMatch(/^m\//);
        if (data && data.startsWith("m/") && !isAction(data) && !seen.has(data)) {
          seen.add(data);
          queue.push(data);
        }
      }
    }

    const events = [...pages.keys()].filter((p) => /^m\/t:\d+\/e:/.test(p));
    const figures = [...pages.keys()].filter((p) => /^m\/f\/g:\w+\/p:/.test(p));
    expect(events.length).toBe(39);
    expect(figures.length).toBeGreaterThanOrEqual(15);
    for (const path of [...events, ...figures]) expect(pages.get(path), path).toMatch(/<a href="https?:\/\//);
    expect(pages.get("m/")).toContain(lang === "kk" ? "операциясы" : "Операция");
    expect(refused(start)).toEqual([]);
  }, 120_000);
});

describe("menu robustness", () => {
  const user = { id: 3500, first_name: "Мира", language_code: "ru" };

  it("opens the menus from commands and deep links", async () => {
    const start = api.mark();
    expect(String((await openMenu(user, "/timeline")).params.text)).toMatch(/Хронология/);
    expect(String((await openMenu(user, "/figures")).params.text)).toMatch(/Ключевые фигуры/);
    expect(String((await openMenu(user, "/start event_rusafa")).params.text)).toMatch(/Русафа/);
    expect(String((await openMenu(user, "/start figure_sales")).params.text)).toMatch(/Натан Сейлс/);
    expect(String((await openMenu(user, "/start timeline")).params.text)).toMatch(/Страница 1/);
    expect(refused(start)).toEqual([]);
  });

  it("switches the open menu to the other language", async () => {
    const menu = await openMenu(user);
    const kazakh = await press(user, messageIdOf(menu), "m/lang");
    expect(String(kazakh.params.text)).toMatch(/операциясы/);
    const russian = await press(user, messageIdOf(menu), "m/lang");
    expect(String(russian.params.text)).toMatch(/Операция/);
  });

  it("answers a stale or made-up button with a notice and a fresh menu", async () => {
    const start = api.mark();
    const menu = await openMenu(user);
    for (const data of ["m/t:99/", "m/t:1/e:no-such-event/", "m/f/g:mars/", "m/whatever", "open:e:nothing"]) {
      const since = api.mark();
      api.pressData(user, user.id, messageIdOf(menu), data);
      const notice = await api.waitFor("answerCallbackQuery", { since });
      expect(String(notice.params.text)).toMatch(/устарел/);
      const fresh = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id, { since });
      expect(String(fresh.params.text)).toMatch(/Операция «Жусан»/);
    }
    expect(refused(start)).toEqual([]);
  });

  it("shows the menu anew when its message can no longer be edited, and ignores a press that changes nothing", async () => {
    const since = api.mark();
    api.pressData(user, user.id, 987_654, "m/f/");
    const anew = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id && r.response?.ok === true, { since });
    expect(String(anew.params.text)).toMatch(/Ключевые фигуры/);
    const failedEdit = api.requests.find((r) => r.seq > since && r.method === "editMessageText");
    expect(failedEdit?.response?.ok === false && failedEdit.response.description).toMatch(/message to edit not found/);

    const menu = await openMenu(user);
    await press(user, messageIdOf(menu), "m/f/");
    const again = api.mark();
    api.pressData(user, user.id, messageIdOf(menu), "m/f/");
    await api.waitFor("answerCallbackQuery", { since: again });
    expect(bot.child.exitCode).toBeNull();
  });

  it("answers a button pressed on a message sent through inline mode with a note, in the user's language", async () => {
    const start = api.mark();
    const kazakh = { id: 3501, first_name: "Әлия", language_code: "kk" };
    for (const [who, note] of [[user, /только в чате со мной/], [kazakh, /тек менімен чатта/]] as const) {
      for (const data of ["m/", "m/f/", "m/t:1/", "m/sub", "m/help", "m/lang", "m/nonsense", "open:e:rusafa", "fb:up:abcdefghijkl", "lang:kk"]) {
        const id = api.pressInlineMessage(who, "AgAAAKs3AAB5oP8PMz5qSx3dMb0", data);
        const answer = await api.waitFor((r) => r.method === "answerCallbackQuery" && r.params.callback_query_id === id, { since: start, timeoutMs: 5000 });
        expect(String(answer.params.text), data).toMatch(note);
        expect(String(answer.params.text), data).toContain(`@${api.bot.username}`);
      }
    }
    expect(api.requests.filter((r) => r.seq > start && r.method !== "getUpdates" && r.method !== "answerCallbackQuery")).toEqual([]);
    expect(refused(start)).toEqual([]);
    expect(bot.output()).not.toMatch(/Missing information/);
  });

  it("asks the answer engine about a figure from the figure's card", async () => {
    const menu = await openMenu(user);
    const since = api.mark();
    api.pressData(user, user.id, messageIdOf(menu), "m/f/g:usa/p:sales/ask");
    const answer = await api.waitFor((r) => r.method === "sendMessage" && r.params.chat_id === user.id, { since });
    expect(String(answer.params.text)).toMatch(/Сейлс/);
  });

  it("keeps working after the bot restarts", async () => {
    const start = api.mark();
    const menu = await openMenu(user);
    expect(await bot.stop()).toBe(0);
    bot = await startBot(api, environment);
    const shown = await press(user, messageIdOf(menu), "m/t:2/");
    expect(String(shown.params.text)).toMatch(/Страница 2/);
    expect(refused(start)).toEqual([]);
  });
});
