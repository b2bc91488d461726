import type { Update, User } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { createBot, createBotI18n, handleUpdate } from "../src/bot.ts";
import { TERMINAL_BOT, TerminalTransport, type Shown } from "../src/chat/transport.ts";
import { Library } from "../src/library.ts";
import { SqliteStorage } from "../src/storage/sqlite.ts";
import type { Storage } from "../src/storage/storage.ts";
import { UpdateInbox } from "../src/telegram/inbox.ts";

/** A storage whose every call fails, as a database that is read-only, full or gone would. */
function brokenStorage(): Storage {
  const storage = SqliteStorage.open(":memory:");
  return new Proxy(storage, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== "function" || property === "close") return value;
      return async () => {
        throw new Error("SQLITE_READONLY: attempt to write a readonly database");
      };
    },
  });
}

const user: User = { id: 100, is_bot: false, first_name: "Айгерим", language_code: "kk" };
const message = (updateId: number, text: string): Update =>
  ({
    update_id: updateId,
    message: { message_id: updateId, date: 0, text, chat: { id: user.id, type: "private", first_name: user.first_name }, from: user },
  }) as Update;

describe("without its database", () => {
  it("still answers, in the user's Telegram language, and records nothing", async () => {
    const shown: Shown[] = [];
    const storage = brokenStorage();
    const transport = new TerminalTransport(user, (s) => shown.push(s));
    const bot = createBot({ token: "0:test", i18n: createBotI18n(storage), library: new Library("knowledge"), storage, botInfo: TERMINAL_BOT, transport: transport.transformer });
    await bot.init();
    await bot.handleUpdate(message(1, "Үшінші кезеңде Сириядан қанша адам оралды?"));
    const texts = shown.flatMap((s) => (s.kind === "message" ? [s.message.text ?? ""] : []));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("238");
    expect(texts[0]).toMatch(/Дереккөз|📄/);
  });

  it("handles updates from memory, each once, when the inbox cannot store them", async () => {
    const handled: number[] = [];
    const inbox = new UpdateInbox(brokenStorage(), async (update) => void handled.push(update.update_id), { log: () => undefined });
    await inbox.receive([message(1, "a"), message(2, "b")]);
    await inbox.receive([message(2, "b")]); // delivered again
    // A marker after them: a chat's updates are handled in order, so a second handling of 2 would come before it.
    await inbox.receive([message(3, "marker")]);
    await vi.waitFor(() => expect(handled).toContain(3), { timeout: 5000 });
    expect(handled).toEqual([1, 2, 3]);
  });
});

describe("when answering fails", () => {
  it("tells the user so in their language instead of leaving them without a word", async () => {
    const shown: Shown[] = [];
    const storage = SqliteStorage.open(":memory:");
    const library = new Library("knowledge");
    Object.defineProperty(library, "engine", {
      get() {
        throw new Error("the answer engine is broken");
      },
    });
    const transport = new TerminalTransport(user, (s) => shown.push(s));
    const bot = createBot({ token: "0:test", i18n: createBotI18n(storage), library, storage, botInfo: TERMINAL_BOT, transport: transport.transformer });
    await bot.init();
    await handleUpdate(bot, message(1, "Үшінші кезеңде Сириядан қанша адам оралды?"));
    const texts = shown.flatMap((s) => (s.kind === "message" ? [s.message.text ?? ""] : []));
    expect(texts).toEqual([expect.stringMatching(/Бір қателік кетіп/)]);
  });
});
