import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { Claims } from "../../src/storage/claims.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";
import { NoAnswerInTime, type Storage } from "../../src/storage/storage.ts";
import { HandleLater, UpdateInbox } from "../../src/telegram/inbox.ts";

const message = (updateId: number, chatId: number, text = "вопрос"): Update =>
  ({
    update_id: updateId,
    message: { message_id: updateId, date: 0, text, chat: { id: chatId, type: "private", first_name: "U" }, from: { id: chatId, is_bot: false, first_name: "U" } },
  }) as Update;

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

describe("UpdateInbox", () => {
  it("handles each update once, a chat's in order, other chats alongside", async () => {
    const storage = SqliteStorage.open(":memory:");
    const handled: number[] = [];
    const inbox = new UpdateInbox(
      storage,
      async (update) => {
        await tick(update.message?.chat.id === 1 ? 20 : 1);
        handled.push(update.update_id);
      },
      { log: () => undefined },
    );
    await inbox.receive([message(1, 1), message(2, 1), message(3, 2)]);
    await inbox.receive([message(2, 1), message(3, 2)]); // delivered again
    await tick(100);
    expect(handled.filter((id) => id !== 3)).toEqual([1, 2]);
    // Chat 2's update did not wait for chat 1's slower ones.
    expect(handled.indexOf(3)).toBeLessThan(2);
    expect([...handled].sort()).toEqual([1, 2, 3]);
    expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 3 });
  });

  it("leaves what a stop interrupts in the storage, and handles it after a restart", async () => {
    const storage = SqliteStorage.open(":memory:");
    const first = new UpdateInbox(storage, async () => void (await tick(50)), { log: () => undefined, concurrency: 1 });
    await first.receive([message(1, 1), message(2, 2), message(3, 3)]);
    await first.stop(10);
    expect((await storage.inboxCounts()).pending).toBeGreaterThan(0);

    // The next process on the same SQLite file: what the first one claimed is free as it starts.
    const claims = new Claims(storage);
    await claims.start();
    const second = new UpdateInbox(storage, async () => void (await tick(1)), { log: () => undefined, claims });
    expect(await second.resume()).toBeGreaterThan(0);
    await tick(50);
    expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 3 });
    await second.stop(10);
    await claims.stop();
  });

  it("does not handle again an update it answered while the database could not be told so, and tells it later", async () => {
    const storage = SqliteStorage.open(":memory:");
    let doneFails = true;
    const flaky = new Proxy(storage, {
      get(target, property) {
        if (property === "inboxDone" && doneFails) return () => Promise.reject(Object.assign(new Error("gone"), { code: "ECONNREFUSED" }));
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const handled: number[] = [];
    // A lease of 1 ms: by the next claim the first update's has run out, as a database away for a while lets it.
    const inbox = new UpdateInbox(flaky, async (update) => void handled.push(update.update_id), { log: () => undefined, claims: new Claims(flaky, 1) });
    await inbox.receive([message(1, 1)]);
    await tick(20);
    doneFails = false;
    await inbox.receive([message(2, 2)]);
    await tick(20);
    expect(handled).toEqual([1, 2]);
    expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 2 });
    await inbox.stop(10);
  });

  it("drops a chat's messages beyond what can be answered, telling it once, and takes them again once it is answered", async () => {
    const storage = SqliteStorage.open(":memory:");
    const handled: number[] = [];
    const floods: number[] = [];
    const inbox = new UpdateInbox(
      storage,
      async (update) => {
        await tick(5);
        handled.push(update.update_id);
      },
      { log: () => undefined, maxQueued: { private: 3, group: 3 }, onFlood: async (update) => void floods.push(update.update_id) },
    );
    await inbox.receive([1, 2, 3, 4, 5, 6].map((id) => message(id, 1)));
    await inbox.receive([message(7, 2)]);
    await tick(100);
    expect([...handled].sort()).toEqual([1, 2, 3, 7]);
    expect(floods).toEqual([4]);
    expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 7 });
    await inbox.receive([message(8, 1)]);
    await tick(50);
    expect(handled).toContain(8);
  });

  it("handles again, later, an update that failed on Telegram's side before anything was sent; the last try may not ask again", async () => {
    const storage = SqliteStorage.open(":memory:");
    const tries: boolean[] = [];
    const inbox = new UpdateInbox(
      storage,
      async (_update, { retryable }) => {
        tries.push(retryable);
        if (retryable) throw new HandleLater("sendMessage: 429 Too Many Requests");
        return false;
      },
      { log: () => undefined, retryDelaysMs: [30, 30] },
    );
    await inbox.receive([message(1, 1)]);
    await tick(15);
    expect(tries).toEqual([true]);
    expect(await storage.inboxCounts()).toEqual({ pending: 1, done: 0 });
    await tick(150);
    expect(tries).toEqual([true, true, false]);
    expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 1 });
  });
  it("does not confirm an update the database does not store in time, so that it is answered once even when the store lands later", async () => {
    vi.useFakeTimers();
    try {
      const storage = SqliteStorage.open(":memory:");
      let land: (() => Promise<void>) | undefined;
      let slow = true;
      const slowOnce = new Proxy(storage, {
        get(target, property) {
          if (property === "inboxAdd" && slow) {
            slow = false;
            return (...args: Parameters<Storage["inboxAdd"]>) =>
              new Promise<Awaited<ReturnType<Storage["inboxAdd"]>>>((resolve) => (land = () => target.inboxAdd(...args).then(resolve)));
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const handled: string[] = [];
      const inbox = new UpdateInbox(slowOnce, async (update) => void handled.push(`first:${update.update_id}`), { log: () => undefined });
      const received = inbox.receive([message(1, 1)]);
      const outcome = expect(received).rejects.toBeInstanceOf(NoAnswerInTime);
      await vi.advanceTimersByTimeAsync(5000);
      await outcome;
      expect(handled).toEqual([]);

      // The store lands; another process sharing the database takes the update, and Telegram delivers it here again.
      await land?.();
      const other = new UpdateInbox(storage, async (update) => void handled.push(`other:${update.update_id}`), { log: () => undefined });
      await other.resume();
      await inbox.receive([message(1, 1)]);
      await vi.advanceTimersByTimeAsync(2000);
      expect(handled).toEqual(["other:1"]);
      expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 1 });
      await inbox.stop(10);
      await other.stop(10);
    } finally {
      vi.useRealTimers();
    }
  });
});
