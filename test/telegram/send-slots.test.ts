import { describe, expect, it } from "vitest";
import { IN_FLIGHT_MAX_MS, slotWait, type LoggedSend } from "../../src/telegram/send-slots.ts";

const NOW = 1_000_000;
/** A send whose slot was taken at `at` and whose answer came back `latency` ms later (null: still on its way). */
const answer = (at: number, chatId: number | null, latency: number | null = 0): LoggedSend => ({ at, answeredAt: latency === null ? null : at + latency, chatId, kind: "answer" });
const announcement = (at: number, chatId: number): LoggedSend => ({ at, answeredAt: at, chatId, kind: "announcement" });
const request = (kind: "answer" | "announcement", chatId: number | null) => ({ kind, chatId, announcementsPerSecond: 25 });

describe("slotWait: Telegram's limits over the sends of every process", () => {
  it("lets a send go while fewer than 30 count in the last second, else waits until the 30th newest stops counting", () => {
    const log = Array.from({ length: 29 }, (_, i) => answer(NOW - 100 - i, 1000 + i));
    expect(slotWait(log, request("answer", 1), NOW)).toBe(0);
    const full = [...log, answer(NOW - 900, 2000)];
    // The oldest of the 30, answered at NOW - 900, stops counting a second after its answer.
    expect(slotWait(full, request("answer", 1), NOW)).toBe(100);
    // A send counts from its answer, not its slot: one taken 1.5 s ago and answered 0.6 s later still counts.
    expect(slotWait([...log, answer(NOW - 1500, 2000, 600)], request("answer", 1), NOW)).toBe(100);
    expect(slotWait([...log, answer(NOW - 1000, 2000)], request("answer", 1), NOW)).toBe(0);
  });

  it("counts a send still on its way until its answer comes back, asking again soon, and not for ever", () => {
    const log = Array.from({ length: 30 }, (_, i) => answer(NOW - 5000 - i, 1000 + i, null));
    const wait = slotWait(log, request("answer", 1), NOW);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(100);
    // Its process died: after IN_FLIGHT_MAX_MS it counts as answered then.
    const stale = Array.from({ length: 30 }, (_, i) => answer(NOW - IN_FLIGHT_MAX_MS - 1000 - i, 1000 + i, null));
    expect(slotWait(stale, request("answer", 1), NOW)).toBe(0);
  });

  it("gives announcements at most their own share of a second, leaving the rest to answers", () => {
    const log = Array.from({ length: 25 }, (_, i) => announcement(NOW - 10 - i, 1000 + i));
    expect(slotWait(log, request("announcement", 1), NOW)).toBeGreaterThan(0);
    expect(slotWait(log, request("answer", 1), NOW)).toBe(0);
    expect(slotWait(log, { ...request("announcement", 1), announcementsPerSecond: 26 }, NOW)).toBe(0);
  });

  it("keeps a chat to one message a second, whichever process sent the last one, and other chats free", () => {
    const log = [answer(NOW - 450, 7, 50)];
    expect(slotWait(log, request("answer", 7), NOW)).toBe(600);
    expect(slotWait(log, request("announcement", 7), NOW)).toBe(600);
    expect(slotWait(log, request("answer", 8), NOW)).toBe(0);
    // An edit (no chat) counts in all only.
    expect(slotWait(log, request("answer", null), NOW)).toBe(0);
    expect(slotWait([answer(NOW - 10, null)], request("answer", 7), NOW)).toBe(0);
  });

  it("keeps a group to 20 messages in any minute, however they are spread", () => {
    const group = -100123;
    const log = Array.from({ length: 20 }, (_, i) => answer(NOW - 59_000 + i * 2900, group));
    // The oldest of the 20 stops counting a minute after its answer.
    expect(slotWait(log, request("answer", group), NOW)).toBe(1000);
    expect(slotWait(log.slice(1), request("answer", group), NOW)).toBe(0);
    // A private chat has no minute limit: only its second.
    const user = log.map((send) => ({ ...send, chatId: 5 }));
    expect(slotWait(user, request("answer", 5), NOW)).toBe(0);
  });

  it("waits for the longest of the limits that apply", () => {
    const log = [...Array.from({ length: 30 }, (_, i) => answer(NOW - 900 + i, 100 + i)), answer(NOW - 100, 7)];
    expect(slotWait(log, request("answer", 7), NOW)).toBe(900);
  });
});
