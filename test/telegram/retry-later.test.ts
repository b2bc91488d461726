import { GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { retryLater } from "../../src/telegram/retry-later.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const refused = (code: number, description: string, retryAfter?: number) =>
  new GrammyError("Call to 'setMyCommands' failed!", { ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) }, "setMyCommands", {});

describe("retryLater", () => {
  it("reports the first attempt at once and tries again in the background after growing delays", async () => {
    const lines: string[] = [];
    let calls = 0;
    const task = vi.fn(async () => {
      if (++calls < 3) throw refused(404, "Not Found");
    });
    expect(await retryLater("set the command menu", task, { log: (line) => lines.push(line), delaysSeconds: [10, 60] })).toBe(false);
    expect(lines).toEqual(["Could not set the command menu (setMyCommands: 404 Not Found); trying again in 10 s"]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    expect(lines[1]).toMatch(/trying again in 60 s$/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(task).toHaveBeenCalledTimes(3);
    expect(lines[2]).toBe("Set the command menu: done at attempt 3");
  });

  it("waits at least what Telegram asks, and gives up after the last delay", async () => {
    const lines: string[] = [];
    const task = vi.fn(() => Promise.reject(refused(429, "Too Many Requests: retry after 120", 120)));
    expect(await retryLater("set the command menu", task, { log: (line) => lines.push(line), delaysSeconds: [10] })).toBe(false);
    expect(lines[0]).toMatch(/trying again in 120 s$/);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(task).toHaveBeenCalledTimes(2);
    expect(lines[1]).toMatch(/leaving it until the next start$/);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it("says nothing when the first attempt works", async () => {
    const lines: string[] = [];
    expect(await retryLater("set the command menu", () => Promise.resolve(), { log: (line) => lines.push(line) })).toBe(true);
    expect(lines).toEqual([]);
  });
});
