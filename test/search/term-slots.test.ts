import { describe, expect, it } from "vitest";
import { TermSlots } from "../../src/search/term-slots.ts";

describe("TermSlots", () => {
  it("finds every term's slot and nothing else, however many terms collide", () => {
    const ids = Array.from({ length: 200 }, (_, i) => i * 1024 + 7);
    const slots = new TermSlots(ids);
    ids.forEach((id, slot) => expect(slots.slot(id)).toBe(slot));
    for (const other of [0, 8, 1031 + 1, 1_000_000]) expect(slots.slot(other)).toBe(-1);
  });

  it("answers -1 for everything when the question has no known terms", () => {
    expect(new TermSlots([]).slot(42)).toBe(-1);
  });
});
