import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../src/config.ts";
import type { OutboxMessage, Storage } from "../../src/storage/storage.ts";
import type { SlotResult } from "../../src/telegram/send-slots.ts";
import { backends, cleanUp, endAdmin, open } from "./databases.ts";

/*
 * What every storage does, whichever database it keeps things in: run against SQLite always,
 * and against PostgreSQL when TEST_DATABASE_URL names one.
 */
const DAY = 86_400_000;
/** What a chat that subscribes follows until it chooses: everything, at once. */
const EVERYTHING_NOW = { topics: ["all"], weekly: false };

/** Sends every message due, as the outbox does, and returns them in the order they went. */
async function sendAll(storage: Storage): Promise<OutboxMessage[]> {
  const sent: OutboxMessage[] = [];
  for (let next = await storage.nextOutbox(Date.now()); next; next = await storage.nextOutbox(Date.now())) {
    sent.push(next);
    await storage.startSending(next.id);
    await storage.markSent(next.id);
  }
  return sent;
}

afterEach(cleanUp);
afterAll(endAdmin);

for (const backend of backends) {
  const title = (part: string) => `${backend.name} storage: ${part}${backend.skipped ? ` (skipped: ${backend.skipped})` : ""}`;
  /** A storage on a new, empty database. */
  const fresh = async (): Promise<Storage> => open(await backend.database());

  describe.skipIf(backend.skipped)(title("opening and closing"), () => {
    it("keeps language preferences after it is closed and opened again", async () => {
      const database = await backend.database();
      const first = await open(database);
      expect(await first.getLanguage(1)).toBeNull();
      await first.setLanguage(1, "kk");
      await first.setLanguage(2, "ru");
      await first.setLanguage(2, "kk");
      await first.close();

      const second = await open(database);
      expect(await second.getLanguage(1)).toBe("kk");
      expect(await second.getLanguage(2)).toBe("kk");
      expect(await second.getLanguage(3)).toBeNull();
    });

    it("keeps subscriptions, published items and the outbox across a reopen", async () => {
      const database = await backend.database();
      const first = await open(database);
      await first.subscribe(10, "private", "ru");
      await first.publish(["article:a"], [{ item: "article:a", chatId: 10, text: "hello" }]);
      await first.close();

      const second = await open(database);
      expect(await second.subscribers()).toEqual([{ chatId: 10, lang: "ru", ...EVERYTHING_NOW }]);
      expect(await second.publishedItems()).toEqual(new Set(["article:a"]));
      expect(await second.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
    });

    it("is writable", async () => {
      expect((await fresh()).readOnly).toBe(false);
    });

    it("shows what one connection commits to another at once, while both are open", async () => {
      const database = await backend.database();
      const bot = await open(database);
      const other = await open(database);
      await bot.inboxAdd([{ updateId: 7, payload: "{}" }], Date.now());
      await bot.setLanguage(1, "kk");
      expect(await other.inboxPending(10)).toEqual([{ updateId: 7, payload: "{}" }]);
      expect(await other.getLanguage(1)).toBe("kk");
    });

    it("can be closed twice", async () => {
      const storage = await fresh();
      await storage.close();
      await expect(storage.close()).resolves.toBeUndefined();
    });
  });

  describe.skipIf(backend.skipped)(title("languages"), () => {
    it("keeps one language per user, the last chosen, and none for a user who never chose", async () => {
      const storage = await fresh();
      expect(await storage.getLanguage(1)).toBeNull();
      await storage.setLanguage(1, "ru");
      await storage.setLanguage(1, "kk");
      // Telegram ids above 2^31 (and below 2^53): kept exactly.
      await storage.setLanguage(7_000_000_001, "ru");
      expect(await storage.getLanguage(1)).toBe("kk");
      expect(await storage.getLanguage(7_000_000_001)).toBe("ru");
      expect(await storage.getLanguage(7_000_000_002)).toBeNull();
    });
  });

  describe.skipIf(backend.skipped)(title("subscriptions"), () => {
    it("subscribes, unsubscribes and tells whether a chat is subscribed", async () => {
      const storage = await fresh();
      expect(await storage.isSubscribed(10)).toBe(false);
      await storage.subscribe(10, "private", "ru");
      expect(await storage.isSubscribed(10)).toBe(true);
      await storage.unsubscribe(10);
      expect(await storage.isSubscribed(10)).toBe(false);
      await storage.subscribe(10, "private", "kk");
      expect(await storage.isSubscribed(10)).toBe(true);
      expect(await storage.subscribers()).toEqual([{ chatId: 10, lang: "kk", ...EVERYTHING_NOW }]);
    });

    it("drops the announcements still waiting for a chat that unsubscribes, and only those", async () => {
      const storage = await fresh();
      await storage.subscribe(10, "private", "ru");
      await storage.subscribe(11, "private", "ru");
      await storage.publish(["article:a"], [
        { item: "article:a", chatId: 10, text: "a" },
        { item: "article:a", chatId: 11, text: "a" },
      ]);
      await storage.unsubscribe(10);
      expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 1 });
      expect((await storage.nextOutbox(Date.now()))?.chatId).toBe(11);
    });

    it("unsubscribing a chat that never subscribed does nothing", async () => {
      const storage = await fresh();
      await storage.unsubscribe(99);
      expect(await storage.isSubscribed(99)).toBe(false);
      expect(await storage.subscribers()).toEqual([]);
    });

    it("lists active subscribers by chat id with their language, and counts them by language", async () => {
      const storage = await fresh();
      await storage.subscribe(30, "private", "kk");
      await storage.subscribe(-1001234567890, "group", "ru");
      await storage.subscribe(20, "private", "ru");
      await storage.subscribe(40, "private", "kk");
      await storage.unsubscribe(40);
      // Subscribing again changes the language instead of adding a second subscription.
      await storage.subscribe(20, "private", "kk");

      expect(await storage.subscribers()).toEqual([
        { chatId: -1001234567890, lang: "ru", ...EVERYTHING_NOW },
        { chatId: 20, lang: "kk", ...EVERYTHING_NOW },
        { chatId: 30, lang: "kk", ...EVERYTHING_NOW },
      ]);
      expect(await storage.subscriberCounts()).toEqual({ ru: 1, kk: 2 });
    });

    it("counts nobody when nobody is subscribed", async () => {
      expect(await (await fresh()).subscriberCounts()).toEqual({ ru: 0, kk: 0 });
    });

    it("moves a group's subscription and its pending messages to its new id when it becomes a supergroup", async () => {
      const storage = await fresh();
      await storage.subscribe(-100, "group", "kk");
      await storage.publish(
        ["article:a", "article:b", "article:c"],
        [
          { item: "article:a", chatId: -100, text: "a" },
          { item: "article:b", chatId: -100, text: "b" },
          { item: "article:c", chatId: -100, text: "c" },
          { item: "article:a", chatId: 7, text: "a for someone else" },
        ],
      );
      // "a" was already sent to the old group; "b" is being sent; "c" waits.
      const a = await storage.nextOutbox(Date.now());
      expect(a?.item).toBe("article:a");
      await storage.startSending(a!.id);
      await storage.markSent(a!.id);
      const b = await storage.nextOutbox(Date.now());
      expect(b?.item).toBe("article:b");
      await storage.startSending(b!.id);

      await storage.moveChat(-100, -1009);

      expect(await storage.isSubscribed(-100)).toBe(false);
      expect(await storage.isSubscribed(-1009)).toBe(true);
      expect(await storage.subscribers()).toEqual([{ chatId: -1009, lang: "kk", ...EVERYTHING_NOW }]);

      await storage.retryLater(b!.id, 0, "moved");
      const pending = (await sendAll(storage)).map(({ item, chatId }) => ({ item, chatId }));
      expect(pending).toEqual([
        { item: "article:b", chatId: -1009 },
        { item: "article:c", chatId: -1009 },
        { item: "article:a", chatId: 7 },
      ]);
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 4, failed: 0 });
    });

    it("moving a chat whose new id already has the same announcement queued leaves that one message with the old id", async () => {
      const storage = await fresh();
      await storage.subscribe(-100, "group", "ru");
      await storage.publish(["article:a", "article:b"], [
        { item: "article:a", chatId: -100, text: "a, old id" },
        { item: "article:b", chatId: -100, text: "b, old id" },
        { item: "article:a", chatId: -1009, text: "a, new id" },
      ]);
      await storage.moveChat(-100, -1009);
      const queued = (await sendAll(storage)).map(({ text, chatId }) => ({ text, chatId }));
      expect(queued).toEqual([
        { text: "a, old id", chatId: -100 },
        { text: "b, old id", chatId: -1009 },
        { text: "a, new id", chatId: -1009 },
      ]);
    });

    it("keeps what a chat follows and how, and starts a chat that subscribes again from everything, at once", async () => {
      const storage = await fresh();
      expect(await storage.subscription(10)).toBeNull();
      await storage.subscribe(10, "private", "ru");
      expect(await storage.subscription(10)).toEqual(EVERYTHING_NOW);
      await storage.setSubscription(10, "private", "kk", { topics: ["t:iraq", "f:sain"], weekly: true });
      // Subscribing a subscribed chat again keeps its choice; only the language follows.
      await storage.subscribe(10, "private", "ru");
      expect(await storage.subscribers()).toEqual([{ chatId: 10, lang: "ru", topics: ["t:iraq", "f:sain"], weekly: true }]);
      await storage.unsubscribe(10);
      expect(await storage.subscription(10)).toBeNull();
      await storage.subscribe(10, "private", "ru");
      expect(await storage.subscription(10)).toEqual(EVERYTHING_NOW);
      await storage.setSubscription(11, "private", "kk", { topics: ["t:courts"], weekly: false });
      expect(await storage.isSubscribed(11)).toBe(true);
      expect(await storage.subscription(11)).toEqual({ topics: ["t:courts"], weekly: false });
    });

    it("moves what a group follows with it when it becomes a supergroup", async () => {
      const storage = await fresh();
      await storage.setSubscription(-100, "group", "ru", { topics: ["t:courts"], weekly: true });
      await storage.moveChat(-100, -1009);
      expect(await storage.subscribers()).toEqual([{ chatId: -1009, lang: "ru", topics: ["t:courts"], weekly: true }]);
    });

    it("moving a chat that was not subscribed subscribes nobody", async () => {
      const storage = await fresh();
      await storage.moveChat(-100, -1009);
      expect(await storage.isSubscribed(-1009)).toBe(false);
      expect(await storage.subscribers()).toEqual([]);
    });
  });

  describe.skipIf(backend.skipped)(title("publishing and the outbox"), () => {
    it("marks items published and queues each message once", async () => {
      const storage = await fresh();
      expect(await storage.publishedItems()).toEqual(new Set());
      await storage.publish(["article:a", "event:e"], [
        { item: "article:a", chatId: 1, text: "A to 1" },
        { item: "article:a", chatId: 2, text: "A to 2" },
      ]);
      // The same item for the same chat again (a publish repeated after a crash) is ignored.
      await storage.publish(["article:a"], [
        { item: "article:a", chatId: 1, text: "A to 1, again" },
        { item: "event:e", chatId: 1, text: "E to 1" },
      ]);
      expect(await storage.publishedItems()).toEqual(new Set(["article:a", "event:e"]));
      expect(await storage.outboxCounts()).toEqual({ pending: 3, sent: 0, failed: 0 });

      const texts = (await sendAll(storage)).map((message) => message.text);
      expect(texts).toEqual(["A to 1", "A to 2", "E to 1"]);
    });

    it("ignores the same message twice in one publish, keeping the first", async () => {
      const storage = await fresh();
      await storage.publish(["article:a", "article:a"], [
        { item: "article:a", chatId: 1, text: "first" },
        { item: "article:a", chatId: 1, text: "second" },
      ]);
      expect(await storage.publishedItems()).toEqual(new Set(["article:a"]));
      expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
      expect((await storage.nextOutbox(Date.now()))?.text).toBe("first");
    });

    it("queues a broadcast to many chats in one publish", async () => {
      const storage = await fresh();
      const chats = Array.from({ length: 3000 }, (_, i) => i + 1);
      await storage.publish(["article:big"], chats.map((chatId) => ({ item: "article:big", chatId, text: `to ${chatId}` })));
      expect(await storage.outboxCounts()).toEqual({ pending: 3000, sent: 0, failed: 0 });
      expect(await storage.nextOutbox(Date.now())).toMatchObject({ chatId: 1, text: "to 1" });
    });

    it("can mark items published without queueing anything (the first publish)", async () => {
      const storage = await fresh();
      await storage.publish(["article:a", "article:b"], []);
      expect(await storage.publishedItems()).toEqual(new Set(["article:a", "article:b"]));
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
      expect(await storage.nextOutbox(Date.now())).toBeNull();
    });

    it("hands out the oldest due message with what is needed to send it", async () => {
      const storage = await fresh();
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "<b>new</b> & more, «ещё» — 'жаңа' \\ \"x\"" }]);
      const message = await storage.nextOutbox(Date.now());
      expect(message).toEqual({ id: expect.any(Number), item: "event:e", chatId: 42, text: "<b>new</b> & more, «ещё» — 'жаңа' \\ \"x\"", attempts: 0 });
    });

    it("does not hand out a message queued after `now`", async () => {
      const storage = await fresh();
      const before = Date.now() - 60_000;
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
      expect(await storage.nextOutbox(before)).toBeNull();
    });

    it("takes a message out of the queue while it is being sent, and counts it sent when it is", async () => {
      const storage = await fresh();
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
      const message = (await storage.nextOutbox(Date.now()))!;
      expect(await storage.startSending(message.id)).toBe(true);
      expect(await storage.nextOutbox(Date.now())).toBeNull();
      expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
      // Already being sent: a second start is refused.
      expect(await storage.startSending(message.id)).toBe(false);
      await storage.markSent(message.id);
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 0 });
      expect(await storage.nextOutbox(Date.now() + DAY)).toBeNull();
    });

    it("refuses to start sending a message whose chat unsubscribed after it was handed out", async () => {
      const storage = await fresh();
      await storage.subscribe(42, "private", "ru");
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
      const message = (await storage.nextOutbox(Date.now()))!;
      await storage.unsubscribe(42);
      expect(await storage.startSending(message.id)).toBe(false);
      // A retry asked for meanwhile does not bring it back.
      await storage.retryLater(message.id, 0, "network down");
      expect(await storage.nextOutbox(Date.now() + DAY)).toBeNull();
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 1 });
    });

    it("retries a message later: not due before its time, then with the attempt counted", async () => {
      const storage = await fresh();
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
      const message = (await storage.nextOutbox(Date.now()))!;
      await storage.startSending(message.id);
      const at = Date.now() + 30_000;
      await storage.retryLater(message.id, at, "network down");

      expect(await storage.nextOutbox(Date.now())).toBeNull();
      expect(await storage.nextOutbox(at - 1)).toBeNull();
      expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
      const again = await storage.nextOutbox(at);
      expect(again).toMatchObject({ id: message.id, attempts: 1 });

      await storage.startSending(message.id);
      await storage.retryLater(message.id, at + 1000, "still down");
      expect((await storage.nextOutbox(at + 1000))?.attempts).toBe(2);
    });

    it("puts a message retried later behind the messages already due", async () => {
      const storage = await fresh();
      await storage.publish(["event:e"], [
        { item: "event:e", chatId: 1, text: "first" },
        { item: "event:e", chatId: 2, text: "second" },
      ]);
      const first = (await storage.nextOutbox(Date.now()))!;
      expect(first.text).toBe("first");
      await storage.startSending(first.id);
      await storage.retryLater(first.id, Date.now() + 1, "chat busy");
      const now = Date.now() + 10;
      expect((await storage.nextOutbox(now))?.text).toBe("second");
    });

    it("marks a message failed for good", async () => {
      const storage = await fresh();
      await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "x" }]);
      const message = (await storage.nextOutbox(Date.now()))!;
      await storage.startSending(message.id);
      await storage.markFailed(message.id, "Forbidden: bot was blocked by the user");
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 1 });
      expect(await storage.nextOutbox(Date.now() + DAY)).toBeNull();
    });

    it("after a crash, counts messages that were being sent as sent and never hands them out again", async () => {
      const database = await backend.database();
      const before = await open(database);
      await before.publish(["event:e"], [
        { item: "event:e", chatId: 1, text: "one" },
        { item: "event:e", chatId: 2, text: "two" },
        { item: "event:e", chatId: 3, text: "three" },
      ]);
      const one = (await before.nextOutbox(Date.now()))!;
      await before.startSending(one.id);
      const two = (await before.nextOutbox(Date.now()))!;
      await before.startSending(two.id);
      // The process dies here, with "one" and "two" on their way to Telegram.
      await before.close();

      const after = await open(database);
      expect(await after.settleInterrupted(Date.now())).toBe(2);
      expect(await after.settleInterrupted(Date.now())).toBe(0);
      expect(await after.outboxCounts()).toEqual({ pending: 1, sent: 2, failed: 0 });
      const next = await after.nextOutbox(Date.now() + DAY);
      expect(next?.text).toBe("three");
      await after.startSending(next!.id);
      await after.markSent(next!.id);
      expect(await after.nextOutbox(Date.now() + DAY)).toBeNull();
    });

    it("counts the outbox by state", async () => {
      const storage = await fresh();
      expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
      await storage.publish(["event:e"], [1, 2, 3, 4, 5].map((chatId) => ({ item: "event:e", chatId, text: "x" })));
      const take = async () => {
        const message = (await storage.nextOutbox(Date.now()))!;
        await storage.startSending(message.id);
        return message.id;
      };
      await storage.markSent(await take());
      await storage.markSent(await take());
      await storage.markFailed(await take(), "gone");
      await take(); // being sent: still pending
      expect(await storage.outboxCounts()).toEqual({ pending: 2, sent: 2, failed: 1 });
    });
  });

  describe.skipIf(backend.skipped)(title("what published items are about, and the weekly digests"), () => {
    it("keeps what each announced item is about, by time, and leaves the baseline out", async () => {
      const storage = await fresh();
      await storage.publish(["article:baseline"], []);
      const before = Date.now();
      await storage.publish(["article:a", "event:e"], [], new Map([["article:a", ["event:rusafa", "topic:prosecution"]], ["event:e", ["event:e", "figure:sain"]]]));
      const after = Date.now() + 1;
      const published = await storage.publishedBetween(before, after);
      expect(published.map(({ item, about }) => ({ item, about }))).toEqual([
        { item: "article:a", about: ["event:rusafa", "topic:prosecution"] },
        { item: "event:e", about: ["event:e", "figure:sain"] },
      ]);
      for (const { publishedAt } of published) expect(publishedAt).toBeGreaterThanOrEqual(before);
      expect(await storage.publishedBetween(after, after + DAY)).toEqual([]);
    });

    it("queues a week's digests once, however often and by however many connections it is asked", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      const digest = (chatId: number) => ({ item: "digest:2026-12-07", chatId, text: `digest for ${chatId}` });
      const results = await Promise.all([a.queueDigests("2026-12-07", [digest(1), digest(2)]), b.queueDigests("2026-12-07", [digest(1), digest(2)])]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.queueDigests("2026-12-07", [digest(3)])).toBe(false);
      expect((await sendAll(b)).map(({ item, chatId, text }) => ({ item, chatId, text }))).toEqual([digest(1), digest(2)]);
      // A week with nothing to send is done too.
      expect(await b.queueDigests("2026-12-14", [])).toBe(true);
      expect(await a.queueDigests("2026-12-14", [digest(1)])).toBe(false);
      expect(await a.outboxCounts()).toEqual({ pending: 0, sent: 2, failed: 0 });
    });
  });

  describe.skipIf(backend.skipped)(title("publication requests"), () => {
    it("records a publication a bot process carried out by itself as the latest done", async () => {
      const storage = await fresh();
      const requested = await storage.requestPublication("cli");
      const id = await storage.recordPublication("an admin in Telegram", "Reloaded; announcing article:a: 2 message(s) queued.");
      expect(id).toBeGreaterThan(requested);
      expect(await storage.publication(id)).toEqual({ id, status: "done", result: "Reloaded; announcing article:a: 2 message(s) queued." });
      expect(await storage.latestPublished()).toBe(id);
      // It is never taken as a request; the one requested still is.
      expect((await storage.takePublication())?.id).toBe(requested);
      expect(await storage.takePublication()).toBeNull();
    });

    it("hands a requested publication to one taker, runs it and records its result", async () => {
      const storage = await fresh();
      expect(await storage.takePublication()).toBeNull();
      const id = await storage.requestPublication("cli");
      expect(await storage.publication(id)).toEqual({ id, status: "requested", result: null });

      expect(await storage.takePublication()).toEqual({ id, status: "running", result: null });
      expect(await storage.publication(id)).toEqual({ id, status: "running", result: null });
      // A publication that is running is not taken again.
      expect(await storage.takePublication()).toBeNull();

      await storage.finishPublication(id, "done", "2 new items, 10 messages");
      expect(await storage.publication(id)).toEqual({ id, status: "done", result: "2 new items, 10 messages" });
      expect(await storage.takePublication()).toBeNull();
    });

    it("takes requests oldest first and records failures", async () => {
      const storage = await fresh();
      const first = await storage.requestPublication("admin 1");
      const second = await storage.requestPublication("cli");
      expect(second).toBeGreaterThan(first);
      expect((await storage.takePublication())?.id).toBe(first);
      await storage.finishPublication(first, "failed", "timeline.yaml: events[3].date: expected an ISO date");
      expect((await storage.takePublication())?.id).toBe(second);
      expect(await storage.publication(first)).toEqual({ id: first, status: "failed", result: "timeline.yaml: events[3].date: expected an ISO date" });
    });

    it("tells the latest publication carried out, by whichever process, and none before any", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      expect(await a.latestPublished()).toBe(0);
      const first = await a.requestPublication("cli");
      const second = await a.requestPublication("cli");
      await b.takePublication();
      await b.finishPublication(first, "done", "ok");
      expect(await a.latestPublished()).toBe(first);
      await a.takePublication();
      await a.finishPublication(second, "failed", "broken");
      expect(await b.latestPublished()).toBe(first);
    });

    it("knows no publication it was never asked for", async () => {
      expect(await (await fresh()).publication(12345)).toBeNull();
    });

    it("keeps the bot's last heartbeat, running or stopped, and none before a bot ever ran", async () => {
      const storage = await fresh();
      expect(await storage.lastBeat()).toBeNull();
      await storage.beat(1000, true);
      await storage.beat(Date.UTC(2030, 0, 1), true);
      expect(await storage.lastBeat()).toEqual({ at: Date.UTC(2030, 0, 1), running: true });
      await storage.beat(Date.UTC(2030, 0, 2), false);
      expect(await storage.lastBeat()).toEqual({ at: Date.UTC(2030, 0, 2), running: false });
    });

    it("lets a publication requested by one process be taken by another (the same database)", async () => {
      const database: DatabaseConfig = await backend.database();
      const cli = await open(database);
      const bot = await open(database);
      const id = await cli.requestPublication("cli");
      expect((await bot.takePublication())?.id).toBe(id);
      expect(await cli.takePublication()).toBeNull();
      await bot.finishPublication(id, "done", "ok");
      expect(await cli.publication(id)).toEqual({ id, status: "done", result: "ok" });
    });
  });

  describe.skipIf(backend.skipped)(title("question statistics and feedback"), () => {
    const now = Date.UTC(2024, 4, 15, 12, 0, 0);

    it("counts today's answered and unanswered questions (by UTC day)", async () => {
      const storage = await fresh();
      await storage.logQuestion("Сколько детей вернули?", "ru", true, now - 3600_000);
      await storage.logQuestion("Қанша бала оралды?", "kk", true, now);
      await storage.logQuestion("Какая погода?", "ru", false, now);
      // Yesterday, and just before midnight UTC: not today.
      await storage.logQuestion("Кто руководил?", "ru", true, now - DAY);
      await storage.logQuestion("Что такое Жусан?", "ru", false, Date.UTC(2024, 4, 14, 23, 59, 59));
      // Just after midnight UTC: today.
      await storage.logQuestion("Где Русафа?", "ru", false, Date.UTC(2024, 4, 15, 0, 0, 1));

      const stats = await storage.questionStats(now);
      expect(stats.answeredToday).toBe(2);
      expect(stats.notFoundToday).toBe(2);
    });

    it("lists the questions that found nothing in the last seven days, most asked first, then in code point order", async () => {
      const storage = await fresh();
      const ask = async (question: string, times: number, at = now, found = false) => {
        for (let i = 0; i < times; i++) await storage.logQuestion(question, "ru", found, at - i * 1000);
      };
      await ask("погода в Алматы", 3);
      await ask("курс доллара", 5, now - 2 * DAY);
      await ask("футбол", 1);
      await ask("а кто такой Сейлс", 3, now - 6 * DAY);
      // Upper case before lower case, Latin before Cyrillic, whatever the database's collation.
      await ask("Zhusan", 3);
      await ask("zhusan", 3);
      // Found an answer: not listed however often it is asked.
      await ask("Сколько детей вернули?", 10, now, true);
      // Older than seven days: not listed.
      await ask("старый вопрос", 20, now - 8 * DAY);

      const { topNotFound } = await storage.questionStats(now);
      expect(topNotFound).toEqual([
        { question: "курс доллара", count: 5 },
        { question: "Zhusan", count: 3 },
        { question: "zhusan", count: 3 },
        { question: "а кто такой Сейлс", count: 3 },
        { question: "погода в Алматы", count: 3 },
        { question: "футбол", count: 1 },
      ]);
    });

    it("keeps one 👍 or 👎 per user and answer, and lists the answers most disliked in the last 30 days", async () => {
      const storage = await fresh();
      const vote = (userId: number, messageId: number, passage: string, vote: 1 | -1, at = now) =>
        storage.recordFeedback({ userId, messageId, passage, vote, at });
      await vote(1, 10, "event:rusafa:0:ru", -1);
      await vote(2, 11, "event:rusafa:0:ru", -1);
      await vote(3, 12, "event:rusafa:0:ru", 1);
      await vote(1, 13, "topic:name:0:kk", 1);
      await vote(1, 13, "topic:name:0:kk", -1); // changed its mind: one vote, the last
      await vote(4, 14, "topic:name:0:kk", -1, now - 31 * DAY); // too old
      await vote(5, 15, "figure:sales:0:ru", 1); // only liked: not listed

      expect(await storage.dislikedAnswers(now)).toEqual([
        { passage: "event:rusafa:0:ru", down: 2, up: 1 },
        { passage: "topic:name:0:kk", down: 1, up: 0 },
      ]);
    });

    it("lists at most ten disliked answers, ties by fewer 👍 then by passage", async () => {
      const storage = await fresh();
      for (let i = 0; i < 12; i++) await storage.recordFeedback({ userId: i, messageId: 1, passage: `p${String(i).padStart(2, "0")}`, vote: -1, at: now });
      await storage.recordFeedback({ userId: 99, messageId: 2, passage: "p00", vote: 1, at: now });
      const disliked = await storage.dislikedAnswers(now);
      expect(disliked).toHaveLength(10);
      expect(disliked[0]).toEqual({ passage: "p01", down: 1, up: 0 });
      expect(disliked.map((answer) => answer.passage)).not.toContain("p00");
    });

    it("lists at most ten unanswered questions", async () => {
      const storage = await fresh();
      for (let i = 0; i < 15; i++) await storage.logQuestion(`вопрос ${String(i).padStart(2, "0")}`, "ru", false, now);
      const { topNotFound } = await storage.questionStats(now);
      expect(topNotFound).toHaveLength(10);
      expect(topNotFound[0]).toEqual({ question: "вопрос 00", count: 1 });
    });

    it("is all zero and empty with no questions and no votes", async () => {
      const storage = await fresh();
      expect(await storage.questionStats(now)).toEqual({ answeredToday: 0, notFoundToday: 0, topNotFound: [] });
      expect(await storage.dislikedAnswers(now)).toEqual([]);
    });
  });

  describe.skipIf(backend.skipped)(title("the inbox"), () => {
    const update = (updateId: number) => ({ updateId, payload: JSON.stringify({ update_id: updateId, message: { text: `«сообщение» ${updateId}` } }) });

    it("stores updates and returns only the new ones: one delivered again is left alone", async () => {
      const storage = await fresh();
      expect(await storage.inboxAdd([update(1), update(2)], 1000)).toEqual([update(1), update(2)]);
      expect(await storage.inboxAdd([update(2), { updateId: 3, payload: "{}" }, update(1)], 2000)).toEqual([{ updateId: 3, payload: "{}" }]);
      // The same update twice in one delivery is new once.
      expect(await storage.inboxAdd([update(4), update(4)], 3000)).toEqual([update(4)]);
      expect(await storage.inboxAdd([], 4000)).toEqual([]);
      expect(await storage.inboxPending(10)).toEqual([update(1), update(2), { updateId: 3, payload: "{}" }, update(4)]);
    });

    it("hands out pending updates oldest first, as many as asked, until they are done", async () => {
      const storage = await fresh();
      await storage.inboxAdd([update(30), update(10), update(20)], 1000);
      expect(await storage.inboxPending(2)).toEqual([update(10), update(20)]);
      await storage.inboxDone(10, 2000);
      expect(await storage.inboxPending(10)).toEqual([update(20), update(30)]);
      expect(await storage.inboxCounts()).toEqual({ pending: 2, done: 1 });
    });

    it("still knows a handled update when it is delivered again, until it is purged", async () => {
      const storage = await fresh();
      await storage.inboxAdd([update(1), update(2), update(3)], 1000);
      await storage.inboxDone(1, 2000);
      await storage.inboxDone(2, 5000);
      expect(await storage.inboxAdd([update(1)], 6000)).toEqual([]);

      // Forgets handled updates done before the time given; pending ones stay, however old.
      await storage.inboxPurge(4000);
      expect(await storage.inboxCounts()).toEqual({ pending: 1, done: 1 });
      expect(await storage.inboxPending(10)).toEqual([update(3)]);
      expect(await storage.inboxAdd([update(1), update(2)], 7000)).toEqual([update(1)]);
    });

    it("counts nothing in an empty inbox", async () => {
      const storage = await fresh();
      expect(await storage.inboxCounts()).toEqual({ pending: 0, done: 0 });
      expect(await storage.inboxPending(10)).toEqual([]);
    });
  });
  describe.skipIf(backend.skipped)(title("the feed watcher's memory, drafts and their review"), () => {
    const T = 1_000_000;
    const article = (n: number) => ({
      id: `item-${n}`,
      lang: "ru" as const,
      title: `Заголовок ${n}`,
      url: `https://example.kz/news/${n}`,
      outlet: "Example",
      published: n % 2 ? "2021-02-05" : null,
      paragraphs: ["## Подзаголовок", `Текст ${n}.`],
      text: `Подзаголовок\n\nТекст ${n}.`,
    });
    const draft = (n: number) => ({ feed: "example-ru", article: article(n), score: 0.75, about: ["event:zhusan-1", "topic:overview"] });
    const admin = (by: number, at = T + 5) => ({ by, name: `Админ ${by}`, at });

    it("remembers the keys the watcher has seen, across a reopen", async () => {
      const database = await backend.database();
      const first = await open(database);
      expect(await first.hasSeen("feed-item:a")).toBe(false);
      await first.addSeen("feed-item:a", T);
      await first.addSeen("feed-item:a", T + 1);
      expect(await first.hasSeen("feed-item:a")).toBe(true);
      await first.close();
      expect(await (await open(database)).hasSeen("feed-item:a")).toBe(true);
    });

    it("stores a draft with everything it needs, waiting, and hands it back whole after a reopen", async () => {
      const database = await backend.database();
      const first = await open(database);
      const stored = await first.addDraft(draft(1), T);
      const expected = { feed: "example-ru", article: article(1), title: "Заголовок 1", score: 0.75, about: ["event:zhusan-1", "topic:overview"], status: "waiting", foundAt: T, decision: null, articleId: null };
      expect(stored).toEqual({ id: expect.any(Number), ...expected });
      await first.close();
      const second = await open(database);
      expect(await second.draft(stored!.id)).toEqual(stored);
      expect(await second.drafts("waiting", 10)).toEqual([stored]);
      expect(await second.draft(stored!.id + 1000)).toBeNull();
    });

    it("never stores a second draft of the same address, whatever became of the first (a rejected one never comes back)", async () => {
      const storage = await fresh();
      const first = (await storage.addDraft(draft(1), T))!;
      expect(await storage.addDraft(draft(1), T + 1)).toBeNull();
      expect(await storage.moveDraft(first.id, "waiting", "rejected", admin(7))).toBe(true);
      expect(await storage.addDraft({ ...draft(1), article: { ...article(1), title: "Изменённый заголовок" } }, T + 2)).toBeNull();
      expect(await storage.drafts("waiting", 10)).toEqual([]);
      expect(await storage.draftCount("rejected")).toBe(1);
    });

    it("lists drafts by state, oldest first, as many as asked, and counts them", async () => {
      const storage = await fresh();
      const ids = [];
      for (const n of [1, 2, 3, 4]) ids.push((await storage.addDraft(draft(n), T + n))!.id);
      await storage.moveDraft(ids[1]!, "waiting", "published", admin(7));
      expect((await storage.drafts("waiting", 2)).map((d) => d.id)).toEqual([ids[0], ids[2]]);
      expect(await storage.draftCount("waiting")).toBe(3);
      expect((await storage.drafts("published", 10)).map((d) => d.id)).toEqual([ids[1]]);
    });

    it("decides a draft once: a second move from the same state fails, and the decision says who and when", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      const { id } = (await a.addDraft(draft(1), T))!;
      const moves = await Promise.all([a.moveDraft(id, "waiting", "publishing", admin(7), "item-1"), b.moveDraft(id, "waiting", "rejected", admin(8))]);
      expect(moves.filter(Boolean)).toHaveLength(1);
      const decided = (await a.draft(id))!;
      expect(decided.decision).toEqual(moves[0] ? admin(7) : admin(8));
      expect(decided.status).toBe(moves[0] ? "publishing" : "rejected");
      expect(decided.articleId).toBe(moves[0] ? "item-1" : null);
      expect(await a.moveDraft(id, "waiting", "rejected", admin(9))).toBe(false);
      expect((await a.draft(id))!.decision).toEqual(decided.decision);
    });

    it("moves a draft being published back to waiting, forgetting who decided but keeping its article id", async () => {
      const storage = await fresh();
      const { id } = (await storage.addDraft(draft(1), T))!;
      await storage.moveDraft(id, "waiting", "publishing", admin(7), "item-1");
      expect(await storage.moveDraft(id, "publishing", "waiting", null)).toBe(true);
      expect(await storage.draft(id)).toMatchObject({ status: "waiting", decision: null, articleId: "item-1" });
    });

    it("gives a waiting draft a new title, and none once it is decided", async () => {
      const storage = await fresh();
      const { id } = (await storage.addDraft(draft(1), T))!;
      expect(await storage.retitleDraft(id, "Новый заголовок")).toBe(true);
      expect(await storage.draft(id)).toMatchObject({ title: "Новый заголовок", article: { title: "Заголовок 1" } });
      await storage.moveDraft(id, "waiting", "rejected", admin(7));
      expect(await storage.retitleDraft(id, "Ещё один")).toBe(false);
      expect((await storage.draft(id))!.title).toBe("Новый заголовок");
    });

    it("tells the admins of a draft once, however many processes try, and lists the waiting drafts not told yet", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      const one = (await a.addDraft(draft(1), T))!;
      const two = (await a.addDraft(draft(2), T))!;
      expect((await b.untoldDrafts()).map((d) => d.id)).toEqual([one.id, two.id]);
      const claims = await Promise.all([a.claimDraftNotice(one.id, T), b.claimDraftNotice(one.id, T)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await a.moveDraft(two.id, "waiting", "rejected", admin(7));
      expect(await b.untoldDrafts()).toEqual([]);
    });

    it("keeps an admin's title edit until it ends or its time runs out, one draft per admin, across a reopen", async () => {
      const database = await backend.database();
      const first = await open(database);
      expect(await first.titleEdit(7, T)).toBeNull();
      await first.beginTitleEdit(7, 1, T + 100);
      await first.beginTitleEdit(7, 2, T + 100);
      await first.close();
      const second = await open(database);
      expect(await second.titleEdit(7, T + 100)).toBe(2);
      expect(await second.titleEdit(8, T)).toBeNull();
      expect(await second.titleEdit(7, T + 101)).toBeNull();
      expect(await second.endTitleEdit(7, T + 101)).toBe(false);
      await second.beginTitleEdit(7, 3, T + 100);
      expect(await second.endTitleEdit(7, T)).toBe(true);
      expect(await second.titleEdit(7, T)).toBeNull();
      expect(await second.endTitleEdit(7, T)).toBe(false);
    });

    it("lets one process at a time be the feed poller, and another take over once it lets go or closes", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      expect(await a.holdFeedPoller()).toBe(true);
      expect(await a.holdFeedPoller()).toBe(true);
      if (!a.shared) return; // An SQLite file has one process at a time: it is always the poller.
      expect(await b.holdFeedPoller()).toBe(false);
      await a.releaseFeedPoller();
      expect(await b.holdFeedPoller()).toBe(true);
      expect(await a.holdFeedPoller()).toBe(false);
      await b.close();
      expect(await a.holdFeedPoller()).toBe(true);
    });
  });
  describe.skipIf(backend.skipped)(title("claims and leases (several processes on one database)"), () => {
    const update = (updateId: number, chat: string) => ({ updateId, chat, payload: `{"update_id":${updateId}}` });
    const ids = (updates: { updateId: number }[]) => updates.map((u) => u.updateId);
    const T = 1_000_000;
    const lease = (owner: string, until = T + 10_000) => ({ owner, until });
    /** Two processes' storages on one new database. */
    const two = async (): Promise<[Storage, Storage]> => {
      const database = await backend.database();
      return [await open(database), await open(database)];
    };

    it("gives each chat's updates to one owner, oldest chat first, and the same updates never twice", async () => {
      const [a, b] = await two();
      await a.inboxAdd([update(1, "chat:1"), update(2, "chat:2"), update(3, "chat:1")], T);
      expect(ids(await a.inboxClaim(lease("x"), T, 1))).toEqual([1, 3]);
      expect(ids(await b.inboxClaim(lease("y"), T, 10))).toEqual([2]);
      expect(await a.inboxClaim(lease("x"), T, 10)).toEqual([]);
      expect(await b.inboxClaim(lease("y"), T, 10)).toEqual([]);
      // Looking at what waits, whoever holds it, claims nothing.
      expect(ids(await a.inboxPending(10))).toEqual([1, 2, 3]);
    });

    it("keeps a held chat's new updates, stored by any process, for its holder until the chat has none left unhandled", async () => {
      const [a, b] = await two();
      await a.inboxAdd([update(1, "chat:1")], T);
      expect(ids(await a.inboxClaim(lease("x"), T, 10))).toEqual([1]);
      await b.inboxAdd([update(2, "chat:1"), update(3, "chat:9")], T);
      expect(ids(await b.inboxClaim(lease("y"), T, 10))).toEqual([3]);
      expect(ids(await a.inboxClaim(lease("x"), T, 10))).toEqual([2]);
      await a.inboxDone(1, T);
      await a.inboxDone(2, T);
      await b.inboxAdd([update(4, "chat:1")], T);
      expect(ids(await b.inboxClaim(lease("y"), T, 10))).toEqual([4]);
    });

    it("takes over a dead owner's updates once its lease has run out, not before, and a renewed lease holds", async () => {
      const [a, b] = await two();
      await a.inboxAdd([update(1, "chat:1"), update(2, "chat:2")], T);
      await a.inboxClaim(lease("x", T + 1000), T, 1);
      await b.inboxClaim(lease("y", T + 1000), T, 1);
      await b.renewClaims(lease("y", T + 5000));
      expect(await a.inboxClaim(lease("z"), T + 1000, 10)).toEqual([]);
      // At T + 1001 x's lease is over, y's renewed one is not.
      expect(ids(await a.inboxClaim(lease("z"), T + 1001, 10))).toEqual([1]);
      expect(ids(await a.inboxClaim(lease("w"), T + 5001, 10))).toEqual([2]);
    });

    it("frees the claims an owner gives back, or every owner's, for another to take at once", async () => {
      const [a, b] = await two();
      await a.inboxAdd([update(1, "chat:1"), update(2, "chat:2"), update(3, "chat:3")], T);
      await a.inboxClaim(lease("x"), T, 2);
      await b.inboxClaim(lease("y"), T, 1);
      await a.releaseClaims("x");
      expect(ids(await b.inboxClaim(lease("z"), T, 10))).toEqual([1, 2]);
      await a.releaseClaims(null);
      expect(ids(await a.inboxClaim(lease("x"), T, 10))).toEqual([1, 2, 3]);
    });

    it("never splits a chat between owners claiming at the same time", async () => {
      const [a, b] = await two();
      const updates = Array.from({ length: 100 }, (_, i) => update(i + 1, `chat:${i % 20}`));
      const owners = ["p", "q", "r", "s"];
      const taken = new Map<number, string>();
      const claimer = async (storage: Storage, owner: string) => {
        for (let round = 0; round < 10; round++) {
          for (const { updateId } of await storage.inboxClaim(lease(owner), T, 3)) {
            expect(taken.has(updateId), `update ${updateId}`).toBe(false);
            taken.set(updateId, owner);
          }
        }
      };
      const adding = (async () => {
        for (let i = 0; i < updates.length; i += 10) await a.inboxAdd(updates.slice(i, i + 10), T);
      })();
      await Promise.all([adding, ...owners.map((owner, i) => claimer(i % 2 ? a : b, owner))]);
      for (const owner of owners) await claimer(a, owner);
      expect(taken.size).toBe(100);
      for (let chat = 0; chat < 20; chat++) {
        const holders = new Set(updates.filter((u) => u.chat === `chat:${chat}`).map((u) => taken.get(u.updateId)));
        expect(holders.size, `chat ${chat}`).toBe(1);
      }
    });

    it("hands a claimed announcement to its holder again and the next one to another owner, and takes it over after the lease", async () => {
      const [a, b] = await two();
      await a.publish(["event:e"], [1, 2].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
      const t = Date.now() + DAY;
      const first = await a.nextOutbox(t, lease("x", t + 1000));
      expect(first?.chatId).toBe(1);
      expect((await b.nextOutbox(t, lease("y", t + 1000)))?.chatId).toBe(2);
      expect((await a.nextOutbox(t, lease("x", t + 1000)))?.chatId).toBe(1);
      expect(await b.nextOutbox(t + 1000, lease("z", t + 9000))).toBeNull();
      expect((await b.nextOutbox(t + 1001, lease("z", t + 9000)))?.chatId).toBe(1);
    });

    it("gives a message retried later back to every owner", async () => {
      const [a, b] = await two();
      await a.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "x" }]);
      const now = Date.now();
      const message = (await a.nextOutbox(now, lease("x", now + 60_000)))!;
      expect(await b.nextOutbox(now, lease("y", now + 60_000))).toBeNull();
      await a.retryLater(message.id, now, "chat busy");
      expect((await b.nextOutbox(now, lease("y", now + 60_000)))?.id).toBe(message.id);
    });

    it("counts as sent only what a dead owner was sending, never what a live one is sending, and gives back only unsent claims", async () => {
      const [a, b] = await two();
      await a.publish(["event:e"], [1, 2, 3, 4].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
      const now = Date.now();
      const dead = (await a.nextOutbox(now, lease("x", now + 1000)))!;
      await a.startSending(dead.id);
      const live = (await b.nextOutbox(now, lease("y", now + 1000)))!;
      await b.startSending(live.id);
      const waiting = (await b.nextOutbox(now, lease("y", now + 1000)))!;
      await b.renewClaims(lease("y", now + 60_000));
      expect(await b.settleInterrupted(now + 1000)).toBe(0);
      expect(await b.settleInterrupted(now + 1001)).toBe(1);
      expect(await a.outboxCounts()).toEqual({ pending: 3, sent: 1, failed: 0 });

      // y stops: the message it only held goes back, the one on its way stays its own.
      await b.releaseClaims("y");
      const taken = [await a.nextOutbox(now, lease("z")), await a.nextOutbox(now, lease("w"))].map((m) => m?.id);
      expect(taken).toContain(waiting.id);
      expect(taken).not.toContain(live.id);
      expect(await a.startSending(live.id)).toBe(false);
      await b.markSent(live.id);
      expect(await a.settleInterrupted(now + 120_000)).toBe(0);
    });

    it("lets owners draining one outbox at the same time start each message exactly once", async () => {
      const [a, b] = await two();
      await a.publish(["event:e"], Array.from({ length: 60 }, (_, i) => ({ item: "event:e", chatId: i + 1, text: "x" })));
      const started = new Map<number, string>();
      const drain = async (storage: Storage, owner: string) => {
        for (let next = await storage.nextOutbox(Date.now(), lease(owner, Date.now() + 60_000)); next; next = await storage.nextOutbox(Date.now(), lease(owner, Date.now() + 60_000))) {
          if (!(await storage.startSending(next.id))) continue;
          expect(started.has(next.id), `message ${next.id}`).toBe(false);
          started.set(next.id, owner);
          await storage.markSent(next.id);
        }
      };
      await Promise.all([drain(a, "x"), drain(b, "y"), drain(a, "z"), drain(b, "w")]);
      expect(started.size).toBe(60);
      expect(await a.outboxCounts()).toEqual({ pending: 0, sent: 60, failed: 0 });
    });
  });
  describe.skipIf(backend.skipped)(title("the send budget shared by every process"), () => {
    const slot = (storage: Storage, kind: "answer" | "announcement", chatId: number | null) => storage.takeSendSlot({ kind, chatId, announcementsPerSecond: 25 });
    const taken = (results: SlotResult[]) => results.filter((result) => "slot" in result);

    it("takes 30 slots at once, all processes together, then tells the next one how long to wait", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      const results: SlotResult[] = [];
      for (let i = 0; i < 40; i++) results.push(await slot(i % 2 ? a : b, "answer", 1000 + i));
      expect(taken(results)).toHaveLength(30);
      // Each slot is its own, to report its answer with.
      expect(new Set(taken(results).map((result) => (result as { slot: number }).slot)).size).toBe(30);
      // The 30 are on their way: the others are asked to look again soon.
      for (const result of results.filter((r) => "wait" in r)) expect((result as { wait: number }).wait).toBeLessThanOrEqual(1000);
    });

    it("counts a send until a second after its answer came back", async () => {
      const storage = await fresh();
      const first = await slot(storage, "answer", 7);
      expect(first).toEqual({ slot: expect.any(Number) });
      expect(await slot(storage, "answer", 7)).toEqual({ wait: expect.any(Number) });
      await storage.sendAnswered((first as { slot: number }).slot);
      const wait = await slot(storage, "answer", 7);
      expect((wait as { wait: number }).wait).toBeGreaterThan(900);
      expect((wait as { wait: number }).wait).toBeLessThanOrEqual(1000);
    });

    it("leaves answers the slots that announcements may not take", async () => {
      const storage = await fresh();
      const announced: SlotResult[] = [];
      for (let i = 0; i < 30; i++) announced.push(await slot(storage, "announcement", 1000 + i));
      expect(taken(announced)).toHaveLength(25);
      const answered: SlotResult[] = [];
      for (let i = 0; i < 6; i++) answered.push(await slot(storage, "answer", 2000 + i));
      expect(taken(answered)).toHaveLength(5);
    });

    it("gives a chat one slot at a time, whoever asks, and other chats theirs", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      expect(await slot(a, "answer", -100777)).toEqual({ slot: expect.any(Number) });
      expect(await slot(b, "announcement", -100777)).toEqual({ wait: expect.any(Number) });
      expect(await slot(b, "answer", -100778)).toEqual({ slot: expect.any(Number) });
      expect(await slot(a, "answer", null)).toEqual({ slot: expect.any(Number) });
    });

    it("starts sending an announcement with its slot, and takes no slot for one no longer waiting", async () => {
      const database = await backend.database();
      const [a, b] = [await open(database), await open(database)];
      await a.subscribe(1, "private", "ru");
      await a.publish(["event:e"], [1, 2].map((chatId) => ({ item: "event:e", chatId, text: "x" })));
      const [one, two] = [(await a.nextOutbox(Date.now(), { owner: "x", until: Date.now() + 60_000 }))!, (await b.nextOutbox(Date.now(), { owner: "y", until: Date.now() + 60_000 }))!];
      expect(await a.takeSendSlot({ kind: "announcement", chatId: one.chatId, announcementsPerSecond: 25, outboxId: one.id })).toEqual({ slot: expect.any(Number) });
      expect(await b.startSending(one.id)).toBe(false);
      expect(await b.takeSendSlot({ kind: "announcement", chatId: one.chatId, announcementsPerSecond: 25, outboxId: one.id })).toEqual({ wait: expect.any(Number) });
      await a.unsubscribe(two.chatId);
      expect(await b.takeSendSlot({ kind: "announcement", chatId: two.chatId, announcementsPerSecond: 25, outboxId: two.id })).toEqual({ gone: true });
      // The slot was not taken: the chat may have one at once.
      expect(await b.takeSendSlot({ kind: "answer", chatId: two.chatId, announcementsPerSecond: 25 })).toEqual({ slot: expect.any(Number) });
      expect(await a.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 1 });
    });
  });
}
