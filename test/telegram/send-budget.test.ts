import { describe, expect, it } from "vitest";
import { SendBudget } from "../../src/telegram/send-budget.ts";

describe("SendBudget", () => {
  it("lets at most perSecond sends go in any second, answers before announcements", async () => {
    const budget = new SendBudget(5);
    const went: { what: string; at: number }[] = [];
    const take = (what: "answer" | "announcement", n: number) =>
      Array.from({ length: n }, () => budget.acquire(what).then(() => went.push({ what, at: Date.now() })));
    const announcements = take("announcement", 8);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answers = take("answer", 4);
    await Promise.all([...announcements, ...answers]);

    for (const { at } of went) expect(went.filter((w) => w.at >= at && w.at < at + 1000).length).toBeLessThanOrEqual(5);
    // The first five announcements went at once; the answers, asked for later, then went before the other three.
    expect(went.map((w) => w.what)).toEqual([...Array(5).fill("announcement"), ...Array(4).fill("answer"), ...Array(3).fill("announcement")]);
  }, 10_000);
});
