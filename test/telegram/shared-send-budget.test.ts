import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { Storage } from "../../src/storage/storage.ts";
import { SharedSendBudget } from "../../src/telegram/shared-send-budget.ts";
import { maxInWindow } from "../e2e/stand-in/limits.ts";
import { backends, cleanUp, endAdmin, open } from "../storage/databases.ts";

afterEach(async () => {
  vi.useRealTimers();
  await cleanUp();
});
afterAll(endAdmin);

for (const backend of backends) {
  // SQLite's send log reads the time from Date.now, which fake timers replace; PostgreSQL's is the
  // server's clock, so on PostgreSQL the sends wait real seconds.
  const fakeClock = backend.name === "SQLite";
  describe.skipIf(backend.skipped)(`SharedSendBudget on ${backend.name}${backend.skipped ? ` (skipped: ${backend.skipped})` : ""}`, () => {
    it("keeps three processes' answers and announcements within 30 a second together, announcements within theirs, a chat within one a second", async () => {
      const database = await backend.database();
      const budgets = await Promise.all([1, 2, 3].map(async () => new SharedSendBudget(await open(database), 10)));
      if (fakeClock) vi.useFakeTimers();
      const went: { kind: string; chat: number; at: number }[] = [];
      // Each "send" is answered at once: it counts until a second after that.
      const send = (budget: SharedSendBudget, kind: "answer" | "announcement", chat: number) =>
        budget.acquire(kind, chat).then((answered) => {
          went.push({ kind, chat, at: Date.now() });
          answered();
        });
      const all = Promise.all(
        budgets.flatMap((budget, b) => [
          ...Array.from({ length: 12 }, (_, i) => send(budget, "announcement", 1000 + b * 100 + i)),
          ...Array.from({ length: 15 }, (_, i) => send(budget, "answer", 5000 + b * 100 + i)),
          // The same chat from every process.
          send(budget, "answer", 7),
        ]),
      );
      if (fakeClock) await vi.runAllTimersAsync();
      await all;
      expect(went).toHaveLength(3 * 28);
      expect(maxInWindow(went.map((w) => w.at), 1000)).toBeLessThanOrEqual(30);
      expect(maxInWindow(went.filter((w) => w.kind === "announcement").map((w) => w.at), 1000)).toBeLessThanOrEqual(10);
      expect(maxInWindow(went.filter((w) => w.chat === 7).map((w) => w.at), 1000)).toBe(1);
    }, 30_000);
  });
}

describe("SharedSendBudget when the database does not answer", () => {
  it("lets an answer go by the process's own budget, and does not ask the database again at once", async () => {
    let asked = 0;
    const unanswering = {
      takeSendSlot: () => {
        asked++;
        return new Promise(() => undefined);
      },
      sendAnswered: async () => undefined,
    } as unknown as Storage;
    const budget = new SharedSendBudget(unanswering, 10);
    vi.useFakeTimers();
    const first = budget.acquire("answer", 1);
    await vi.runAllTimersAsync(); // the wait for the database's slot runs out
    await first;
    const second = budget.acquire("answer", 2);
    await vi.runAllTimersAsync();
    await second;
    expect(asked).toBe(1);
  });
});
