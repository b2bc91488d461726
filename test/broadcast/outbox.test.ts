import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api, GrammyError } from "grammy";
import { describe, it, vi, type TestContext } from "vitest";
import { Outbox, type OutboxOptions } from "../../src/broadcast/outbox.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";

/** One sendMessage call the fake Bot API received. */
interface Call {
  chatId: number;
  text: string;
  other: unknown;
  at: number;
}

type Reply = (chatId: number, text: string, call: number) => unknown;

/** A stand-in for grammY's Api: records each sendMessage and answers as `reply` says (throw to fail). */
function fakeApi(reply: Reply = () => undefined) {
  const calls: Call[] = [];
  const api = {
    async sendMessage(chatId: number, text: string, other?: unknown) {
      calls.push({ chatId, text, other, at: Date.now() });
      await reply(chatId, text, calls.length);
      return { message_id: calls.length, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text };
    },
  };
  return { calls, api: api as unknown as Api };
}

const apiError = (error_code: number, description: string, parameters?: { retry_after?: number; migrate_to_chat_id?: number }) =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, ...(parameters ? { parameters } : {}) }, "sendMessage", {});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fakes the clock and the timers until the test's cleanup, which needs them, is over. */
function fakeTime(context: TestContext): void {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  context.onTestFinished(() => {
    vi.useRealTimers();
  });
}

/** Lets the fake clock run, 20 ms at a time, until `condition` holds. */
async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await vi.advanceTimersByTimeAsync(20);
  }
}

/** Lets the fake clock run until `promise` settles. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await waitFor(() => done);
  return promise;
}

/** The most calls that started within any 1000 ms window (a window holds calls less than 1000 ms apart). */
function maxPerSecond(calls: Call[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && (times[j] as number) - (times[i] as number) < 1000) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

/** An outbox on a fresh in-memory storage, stopped and closed when the test finishes. */
function setup(context: TestContext, reply: Reply, options: Partial<OutboxOptions> = {}) {
  fakeTime(context);
  const storage = SqliteStorage.open(":memory:");
  const { calls, api } = fakeApi(reply);
  const logs: string[] = [];
  const outbox = new Outbox(api, storage, { perSecond: 30, log: (line) => logs.push(line), ...options });
  context.onTestFinished(async () => {
    await settled(outbox.stop());
    await storage.close();
  });
  return { storage, calls, outbox, logs };
}

describe("Outbox: pace and order", () => {
  it("sends oldest first, waits a second after start, and never more than perSecond in any second", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined, { perSecond: 5 });
    const messages = Array.from({ length: 20 }, (_, i) => ({ item: "event:e", chatId: 1000 + i, text: `message ${String(i + 1).padStart(2, "0")}` }));
    await storage.publish(["event:e"], messages);

    const started = Date.now();
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 20);

    expect(calls.map((c) => c.text)).toEqual(messages.map((m) => m.text));
    expect(calls.map((c) => c.chatId)).toEqual(messages.map((m) => m.chatId));
    // The process before a restart may have sent in its last second.
    expect((calls[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(990);
    expect(maxPerSecond(calls)).toBeLessThanOrEqual(5);
    // ...but it does keep the pace it is allowed: 20 messages at 5 a second take 3 to 4 seconds after the first.
    expect((calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0)).toBeLessThan(4500);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 20, failed: 0 });
  });

  it("sends as HTML without link previews", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined);
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 5, text: "<b>new</b>" }]);
    outbox.start();
    await waitFor(() => calls.length === 1);
    expect(calls[0]?.other).toEqual({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  it("leaves at least a second between two messages to one chat, three seconds in a group, and keeps each chat's order", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined, { perSecond: 30 });
    const items = ["article:a", "article:b", "article:c"];
    await storage.publish(items, [
      ...items.map((item) => ({ item, chatId: 7, text: `${item} to 7` })),
      ...items.map((item) => ({ item, chatId: 8, text: `${item} to 8` })),
      ...items.slice(0, 2).map((item) => ({ item, chatId: -5, text: `${item} to the group` })),
    ]);
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 8);

    for (const [chatId, spacing] of [
      [7, 1000],
      [8, 1000],
      [-5, 3000],
    ] as const) {
      const toChat = calls.filter((c) => c.chatId === chatId);
      expect(toChat.map((c) => c.text.split(" ")[0])).toEqual(items.slice(0, toChat.length));
      for (let i = 1; i < toChat.length; i++) {
        const gap = (toChat[i]?.at ?? 0) - (toChat[i - 1]?.at ?? 0);
        expect(gap, `chat ${chatId}, message ${i + 1}`).toBeGreaterThanOrEqual(spacing);
      }
    }
    expect(calls).toHaveLength(8);
  });
});

describe("Outbox: failures", () => {
  it("unsubscribes a chat that blocked the bot or is gone, fails a refused message, and retries a network error later", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox, logs } = setup(context, (chatId) => {
      if (chatId === 1) throw apiError(403, "Forbidden: bot was blocked by the user");
      if (chatId === 2) throw apiError(400, "Bad Request: chat not found");
      if (chatId === 3) throw apiError(400, "Bad Request: message is too long");
      if (chatId === 5) throw new Error("socket hang up");
    });
    for (const chatId of [1, 2, 3, 4, 5]) await storage.subscribe(chatId, "private", "ru");
    await storage.publish(["event:e"], [1, 2, 3, 4, 5].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));

    outbox.start();
    await waitFor(async () => {
      const counts = await storage.outboxCounts();
      return counts.failed === 3 && counts.sent === 1 && calls.length === 5;
    });
    await settled(outbox.stop());

    expect(await storage.isSubscribed(1)).toBe(false);
    expect(await storage.isSubscribed(2)).toBe(false);
    // A message Telegram refuses says nothing about the chat.
    expect(await storage.isSubscribed(3)).toBe(true);
    expect(await storage.isSubscribed(4)).toBe(true);
    expect(await storage.isSubscribed(5)).toBe(true);
    expect(await storage.subscribers()).toEqual([
      { chatId: 3, lang: "ru", topics: ["all"], weekly: false },
      { chatId: 4, lang: "ru", topics: ["all"], weekly: false },
      { chatId: 5, lang: "ru", topics: ["all"], weekly: false },
    ]);

    // The network error: still waiting, not due at once, due after the backoff, with the attempt counted.
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 1, failed: 3 });
    expect(await storage.nextOutbox(Date.now())).toBeNull();
    expect(await storage.nextOutbox(Date.now() + 5 * 60_000)).toMatchObject({ chatId: 5, attempts: 1 });
    expect(calls.filter((c) => c.chatId === 5)).toHaveLength(1);

    expect(logs.some((line) => line.includes("chat 1") && line.includes("unsubscribed"))).toBe(true);
    expect(logs.some((line) => line.includes("chat 2") && line.includes("unsubscribed"))).toBe(true);
  });

  it("on a 429 pauses everything for retry_after, then sends the message", async (context) => {
    const { expect } = context;
    let first = true;
    let pausedAt = 0;
    const { storage, calls, outbox } = setup(
      context,
      (chatId) => {
        if (chatId === 1 && first) {
          first = false;
          throw apiError(429, "Too Many Requests: retry after 1", { retry_after: 1 });
        }
      },
      // One at a time, so that no other send is already on its way when the 429 comes.
      { concurrency: 1, log: (line) => line.includes("wait") && (pausedAt = Date.now()) },
    );
    await storage.publish(["event:e"], [1, 2, 3].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));

    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 3);

    expect(pausedAt).toBeGreaterThan(0);
    const [refused, ...rest] = calls;
    expect(refused?.chatId).toBe(1);
    expect(rest).toHaveLength(3);
    for (const call of rest) expect(call.at - (refused?.at ?? 0), `to ${call.chatId}`).toBeGreaterThanOrEqual(1000);
    // The message that got the 429 goes out after the pause too.
    expect(rest.map((c) => c.chatId).sort()).toEqual([1, 2, 3]);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 3, failed: 0 });
  });

  it("follows a group that became a supergroup to its new id", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, (chatId) => {
      if (chatId === -100) throw apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1001234567890 });
    });
    await storage.subscribe(-100, "group", "kk");
    await storage.publish(["event:e"], [{ item: "event:e", chatId: -100, text: "news" }]);

    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 1);

    expect(calls.map((c) => [c.chatId, c.text])).toEqual([
      [-100, "news"],
      [-1001234567890, "news"],
    ]);
    expect(await storage.subscribers()).toEqual([{ chatId: -1001234567890, lang: "kk", topics: ["all"], weekly: false }]);
    expect(await storage.isSubscribed(-100)).toBe(false);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 0 });
  });
});

describe("Outbox: start, wake and stop", () => {
  it("stop() waits for the messages in flight and records them as sent", async (context) => {
    const { expect } = context;
    let answered = false;
    const { storage, calls, outbox } = setup(context, async () => {
      await sleep(400);
      answered = true;
    });
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "slow" }]);
    outbox.start();
    await waitFor(() => calls.length === 1);
    expect(answered).toBe(false);

    await settled(outbox.stop());
    expect(answered).toBe(true);
    expect(await storage.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 0 });

    // Stopped: nothing more goes out.
    await storage.publish(["event:f"], [{ item: "event:f", chatId: 2, text: "later" }]);
    outbox.wake();
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(1);
  });

  it("stop() right after start() returns at once and sends nothing", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined);
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "x" }]);
    outbox.start();
    const started = Date.now();
    await settled(outbox.stop());
    expect(Date.now() - started).toBeLessThan(500);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(0);
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it("wake() sends newly queued messages at once instead of at the next poll", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined);
    outbox.start();
    // Past the first second: the outbox found nothing and is idle until its next poll.
    await vi.advanceTimersByTimeAsync(1150);
    const queued = Date.now();
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "x" }]);
    outbox.wake();
    await waitFor(() => calls.length === 1, 2000);
    expect((calls[0]?.at ?? 0) - queued).toBeLessThan(300);
  });

  it("start() twice runs one loop", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined, { perSecond: 2 });
    await storage.publish(["event:e"], [1, 2, 3, 4].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
    outbox.start();
    outbox.start();
    await waitFor(() => calls.length === 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(2);
    expect(maxPerSecond(calls)).toBeLessThanOrEqual(2);
  });
});

/** One request the local Bot API received. */
interface Received {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

type Answer = { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

const ok = (chatId: unknown): Answer => ({
  status: 200,
  body: { ok: true, result: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: "x" } },
});
const refuse = (error_code: number, description: string, parameters?: Record<string, number>): Answer => ({
  status: error_code,
  body: { ok: false, error_code, description, ...(parameters ? { parameters } : {}) },
});

/**
 * A Bot API on 127.0.0.1 answering as `answer` says, and an outbox that talks to it through
 * grammY's real Api (so Telegram's error answers become GrammyErrors the way they do in production).
 */
async function setupHttp(context: TestContext, answer: (body: Record<string, unknown>, n: number) => Answer, options: Partial<OutboxOptions> & { path?: string } = {}) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      received.push({ path: req.url ?? "", body, at: Date.now() });
      const { status, body: reply } = await answer(body, received.length);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fakeTime(context);
  const { port } = server.address() as AddressInfo;
  const storage = SqliteStorage.open(options.path ?? ":memory:");
  const logs: string[] = [];
  const api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${port}` });
  const outbox = new Outbox(api, storage, { perSecond: 30, log: (line) => logs.push(line), ...options });
  context.onTestFinished(async () => {
    await settled(outbox.stop());
    await storage.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { storage, received, outbox, logs };
}

const TOKEN = "123456789:TEST-outbox-token";

describe("Outbox: through grammY's Api to a Bot API on 127.0.0.1", () => {
  it("posts sendMessage to the bot's URL with the chat, the text, HTML and no link preview", async (context) => {
    const { expect } = context;
    const { storage, received, outbox } = await setupHttp(context, (body) => ok(body.chat_id));
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 42, text: "<b>Жаңа</b> &amp; «Жусан»" }]);
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 1);
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(received[0]?.body).toEqual({ chat_id: 42, text: "<b>Жаңа</b> &amp; «Жусан»", parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  it("understands Telegram's own answers: retry_after on a 429, a 403, migrate_to_chat_id", async (context) => {
    const { expect } = context;
    let limited = false;
    let limitedAnswerAt = 0;
    const { storage, received, outbox, logs } = await setupHttp(
      context,
      (body) => {
        if (body.chat_id === 1 && !limited) {
          limited = true;
          limitedAnswerAt = Date.now();
          return refuse(429, "Too Many Requests: retry after 1", { retry_after: 1 });
        }
        if (body.chat_id === 2) return refuse(403, "Forbidden: bot was blocked by the user");
        if (body.chat_id === -100) return refuse(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1009 });
        return ok(body.chat_id);
      },
      { concurrency: 1 },
    );
    await storage.subscribe(1, "private", "ru");
    await storage.subscribe(2, "private", "kk");
    await storage.subscribe(-100, "group", "kk");
    await storage.publish(["event:e"], [1, 2, -100].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
    outbox.start();
    await waitFor(async () => {
      const counts = await storage.outboxCounts();
      return counts.sent === 2 && counts.failed === 1;
    });

    const chats = received.map((r) => r.body.chat_id);
    expect(chats.filter((c) => c === 1)).toHaveLength(2);
    expect(chats.filter((c) => c === 2)).toHaveLength(1);
    expect(chats.filter((c) => c === -100)).toHaveLength(1);
    expect(chats.filter((c) => c === -1009)).toHaveLength(1);
    expect(received.find((r) => r.body.chat_id === -1009)?.body.text).toBe("to -100");
    // Everything after the 429 waited retry_after.
    for (const r of received.filter((r) => r.at > limitedAnswerAt)) expect(r.at - limitedAnswerAt).toBeGreaterThanOrEqual(1000);
    expect(logs.some((line) => line.includes("wait 1 s"))).toBe(true);
    expect(await storage.subscribers()).toEqual([
      { chatId: -1009, lang: "kk", topics: ["all"], weekly: false },
      { chatId: 1, lang: "ru", topics: ["all"], weekly: false },
    ]);
  });

  it("records a message as being sent before it reaches Telegram, so the next process after a crash never sends it again", async (context) => {
    const { expect } = context;
    const dir = mkdtempSync(join(tmpdir(), "zhusan-outbox-"));
    context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "bot.sqlite");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { storage, received, outbox } = await setupHttp(context, (body) => held.then(() => ok(body.chat_id)), { path });
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 7, text: "once" }]);
    outbox.start();
    await waitFor(() => received.length === 1);

    // The process dies now, the request on its way. The next process finds it and does not resend it.
    const next = SqliteStorage.open(path);
    try {
      expect(await next.settleInterrupted(Number.MAX_SAFE_INTEGER)).toBe(1);
      expect(await next.nextOutbox(Date.now() + 86_400_000)).toBeNull();
      expect(await next.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 0 });
    } finally {
      await next.close();
    }
    release();
    await waitFor(async () => (await storage.outboxCounts()).sent === 1);
    expect(received).toHaveLength(1);
  });
});

describe("Outbox: limits while Telegram answers slowly", () => {
  it("has at most `concurrency` sends in flight", async (context) => {
    const { expect } = context;
    let inFlight = 0;
    let most = 0;
    const { storage, calls, outbox } = setup(
      context,
      async () => {
        most = Math.max(most, ++inFlight);
        await sleep(250);
        inFlight--;
      },
      { perSecond: 30, concurrency: 2 },
    );
    await storage.publish(["event:e"], [1, 2, 3, 4, 5, 6].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 6);
    expect(calls).toHaveLength(6);
    expect(most).toBe(2);
  });

  it("starts a send only a second after the answer to the send `perSecond` places back", async (context) => {
    const { expect } = context;
    const answeredAt: number[] = [];
    const { storage, calls, outbox } = setup(
      context,
      async (_chatId, _text, call) => {
        await sleep(300);
        answeredAt[call - 1] = Date.now();
      },
      { perSecond: 2 },
    );
    await storage.publish(["event:e"], [1, 2, 3, 4].map((chatId) => ({ item: "event:e", chatId, text: `to ${chatId}` })));
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 4);
    expect(calls).toHaveLength(4);
    // Slow answers: the sends at Telegram could bunch up if the outbox counted from its own start times.
    expect((calls[2]?.at ?? 0) - (answeredAt[0] ?? Infinity)).toBeGreaterThanOrEqual(1000);
    expect((calls[3]?.at ?? 0) - (answeredAt[1] ?? Infinity)).toBeGreaterThanOrEqual(1000);
  });
});

describe("Outbox: giving up and blocked chats", () => {
  it("gives up on a message after its eighth failed attempt", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox, logs } = setup(context, () => {
      throw new Error("socket hang up");
    });
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "x" }]);
    // Seven attempts already failed.
    const message = (await storage.nextOutbox(Date.now()))!;
    for (let i = 0; i < 7; i++) {
      await storage.startSending(message.id);
      await storage.retryLater(message.id, 0, "socket hang up");
    }
    expect((await storage.nextOutbox(Date.now()))?.attempts).toBe(7);
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).failed === 1);
    expect(calls).toHaveLength(1);
    expect(logs.some((line) => line.includes("giving up") && line.includes("socket hang up"))).toBe(true);
    expect(await storage.nextOutbox(Date.now() + 86_400_000)).toBeNull();
  });

  it("retries a message that failed for a passing reason when it has attempts left", async (context) => {
    const { expect } = context;
    const { storage, outbox } = setup(context, () => {
      throw new Error("socket hang up");
    });
    await storage.publish(["event:e"], [{ item: "event:e", chatId: 1, text: "x" }]);
    const message = (await storage.nextOutbox(Date.now()))!;
    for (let i = 0; i < 6; i++) {
      await storage.startSending(message.id);
      await storage.retryLater(message.id, 0, "socket hang up");
    }
    outbox.start();
    await waitFor(async () => (await storage.nextOutbox(Date.now() + 86_400_000))?.attempts === 7);
    expect(await storage.outboxCounts()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it("outlives a database that fails for a while, and then sends what waits", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, () => undefined);
    await storage.publish(["article:a"], [{ item: "article:a", chatId: 7, text: "a" }]);
    const nextOutbox = storage.nextOutbox.bind(storage);
    let failures = 2;
    storage.nextOutbox = async (now: number) => {
      if (failures-- > 0) throw new Error("SQLITE_IOERR: disk I/O error");
      return nextOutbox(now);
    };
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).sent === 1, 20_000);
    expect(calls.map((c) => c.text)).toEqual(["a"]);
  });

  it("sends nothing more to a chat after it answered 403", async (context) => {
    const { expect } = context;
    const { storage, calls, outbox } = setup(context, (chatId) => {
      if (chatId === 1) throw apiError(403, "Forbidden: bot was blocked by the user");
    });
    await storage.subscribe(1, "private", "ru");
    await storage.publish(["article:a", "article:b"], [
      { item: "article:a", chatId: 1, text: "a" },
      { item: "article:b", chatId: 1, text: "b" },
    ]);
    outbox.start();
    await waitFor(async () => (await storage.outboxCounts()).pending === 0);
    expect(calls.filter((c) => c.chatId === 1)).toHaveLength(1);
  });
});
