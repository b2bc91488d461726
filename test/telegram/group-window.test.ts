import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { groupWindow } from "../../src/telegram/group-window.ts";

type Prev = Parameters<ReturnType<typeof groupWindow>>[0];

/** Sends through the window and records when each reached the API. */
function harness(perMinute: number, windowMs: number) {
  const window = groupWindow(perMinute, windowMs);
  const arrived: { chat: number; at: number }[] = [];
  const prev = (async (_method: string, payload: { chat_id: number }) => {
    arrived.push({ chat: payload.chat_id, at: Date.now() });
    return { ok: true, result: true };
  }) as unknown as Prev;
  const send = (chat: number, method = "sendMessage") => window(prev, method as "sendMessage", { chat_id: chat, text: "x" } as never);
  return { arrived, send };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("groupWindow", () => {
  it("lets a group's burst go up to the limit at once, and the rest only as the window frees, in order", async () => {
    const { arrived, send } = harness(3, 300);
    const started = Date.now();
    const sends = Promise.all([1, 2, 3, 4, 5].map(() => send(-100)));
    await vi.runAllTimersAsync();
    await sends;
    const times = arrived.map((a) => a.at - started);
    expect(times.slice(0, 3).every((t) => t < 100)).toBe(true);
    expect(times[3]).toBeGreaterThanOrEqual(290);
    // No window of 300 ms holds more than three.
    for (let i = 3; i < times.length; i++) expect((times[i] as number) - (times[i - 3] as number)).toBeGreaterThanOrEqual(290);
  });

  it("never holds back private chats, other groups or chat actions", async () => {
    const { arrived, send } = harness(1, 10_000);
    await send(-100);
    const started = Date.now();
    const sends = Promise.all([send(42), send(-200), send(-100, "sendChatAction")]);
    await vi.runAllTimersAsync();
    await sends;
    expect(Date.now() - started).toBeLessThan(100);
    expect(arrived).toHaveLength(4);
  });

  it("counts a send from when Telegram answered it, however long the sending budget after the window held it", async () => {
    const window = groupWindow(2, 300);
    const holds = [250, 250, 0, 0];
    const arrived: number[] = [];
    const prev = (async () => {
      await new Promise((resolve) => setTimeout(resolve, holds.shift() ?? 0));
      arrived.push(Date.now());
      return { ok: true, result: true };
    }) as unknown as Prev;
    const sends = Promise.all([1, 2, 3, 4].map(() => window(prev, "sendMessage", { chat_id: -100, text: "x" } as never)));
    await vi.runAllTimersAsync();
    await sends;
    for (let i = 2; i < arrived.length; i++) expect((arrived[i] as number) - (arrived[i - 2] as number)).toBeGreaterThanOrEqual(290);
  });
});
