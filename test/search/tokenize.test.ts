import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/tokenize.ts";

describe("tokenize", () => {
  it("splits hyphenated words and keeps a name with a number whole too", () => {
    expect(tokenize("Нур-Султан, Жусан-3")).toEqual(["нур", "султан", "жусан", "3", "жусан3"]);
  });

  it("drops a Kazakh ending written after an abbreviation or a number", () => {
    expect(tokenize("БҰҰ-ның ҰҚК-ға АҚШ-тағы 47-сі 600-ге ЕҚЫҰ-дағы")).toEqual(["бұұ", "ұқк", "ақш", "47", "600", "еқыұ"]);
  });
});
