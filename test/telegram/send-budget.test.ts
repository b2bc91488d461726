import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SendBudget } from "../../src/telegram/send-budget.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("SendBudget", () => {
  it("lets at most perSecond sends go in any second, answers before announcements", async () => {
    const budget = new SendBudget(5);
    const went: { what: string; at: number }[] = [];
    const take = (what: "answer" | "announcement", n: number) =>
      Array.from({ length: n }, () =>
        budget.acquire(what).then((answered) => {
          went.push({ what, at: Date.now() });
          answered();
        }),
      );
    const announcements = take("announcement", 8);
    await vi.advanceTimersByTimeAsync(20);
    const answers = take("answer", 4);
    await vi.runAllTimersAsync();
    await Promise.all([...announcements, ...answers]);

    for (const { at } of went) expect(went.filter((w) => w.at >= at && w.at < at + 1000).length).toBeLessThanOrEqual(5);
    // The first five announcements went at once; the answers, asked for later, then went before the other three.
    expect(went.map((w) => w.what)).toEqual([...Array(5).fill("announcement"), ...Array(4).fill("answer"), ...Array(3).fill("announcement")]);
  });

  it("holds announcements back while Telegram makes an answer wait, so that the answer's retry gets through", async () => {
    const budget = new SendBudget(5);
    budget.yieldToAnswers(1);
    const asked = Date.now();
    let announced = 0;
    const announcement = budget.acquire("announcement").then((answered) => {
      announced = Date.now();
      answered();
    });
    await vi.runAllTimersAsync();
    await announcement;
    expect(announced - asked).toBeGreaterThanOrEqual(1000);
    const answered = Date.now();
    budget.yieldToAnswers(1);
    const answer = budget.acquire("answer");
    await vi.runAllTimersAsync();
    await answer;
    expect(Date.now() - answered).toBeLessThan(100);
  });

  it("counts a message held for its chat's second when it goes, so the messages that went stay within the budget", async () => {
    const budget = new SendBudget(2);
    const went: { chat: number; at: number }[] = [];
    const send = budget.transformer();
    const prev = async (_method: string, payload: unknown) => {
      went.push({ chat: (payload as { chat_id: number }).chat_id, at: Date.now() });
      return { ok: true as const, result: true };
    };
    const message = (chat: number) => send(prev as never, "sendMessage", { chat_id: chat, text: "x" } as never);
    await message(1);
    const heldForItsChat = message(1);
    await vi.advanceTimersByTimeAsync(600);
    const all = Promise.all([heldForItsChat, message(2), message(3)]);
    await vi.runAllTimersAsync();
    await all;

    expect(went).toHaveLength(4);
    for (const { at } of went) expect(went.filter((w) => w.at >= at && w.at < at + 1000).length).toBeLessThanOrEqual(2);
    const [first, second] = went.filter((w) => w.chat === 1);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it("keeps a send's slot until a second after its answer came back, however long it took", async () => {
    const budget = new SendBudget(2);
    const slow = await budget.acquire("announcement");
    const quick = await budget.acquire("announcement");
    quick();
    let third = 0;
    const waiting = budget.acquire("announcement").then((answered) => {
      third = Date.now();
      answered();
    });
    await vi.advanceTimersByTimeAsync(1300);
    expect(third).toBeGreaterThan(0); // the quick one's second is over
    let fourth = 0;
    const held = budget.acquire("announcement").then((answered) => {
      fourth = Date.now();
      answered();
    });
    await vi.advanceTimersByTimeAsync(300);
    expect(fourth).toBe(0); // the slow one is still on its way, the third's second not over
    const slowAnswered = Date.now();
    slow();
    await vi.runAllTimersAsync();
    await Promise.all([waiting, held]);
    expect(fourth).toBeGreaterThanOrEqual(Math.min(slowAnswered + 1000, third + 1000));
  });
});
