import { describe, expect, it } from "vitest";
import { trigrams, WordMatcher } from "../../src/search/ngrams.ts";

const form = (word: string, terms: string[] = [word]) => ({ grams: trigrams(word), terms, weight: 1 });

describe("trigrams", () => {
  it("joins words that share their letters but not their stems, as typed with or without Kazakh letters", () => {
    const similarity = (question: string, text: string) => new WordMatcher([form(question, [])]).match([form(text, [])]);
    expect(similarity("родня", "родня")).toBe(1);
    expect(similarity("родственники", "родство")).toBeGreaterThan(0.4);
    expect(similarity("қайтарылды", "кайтарылды")).toBe(1);
    expect(similarity("суд", "полынь")).toBe(0);
  });
});

describe("WordMatcher", () => {
  it("scores how well a text's words match the question's, by stem, concept or trigrams", () => {
    const matcher = new WordMatcher([form("детей", ["дет", "_child"]), form("ирака", ["ирак"])]);
    expect(matcher.match([form("ирака", ["ирак"]), form("детей", ["дет", "_child"])])).toBe(1);
    expect(matcher.match([form("балалар", ["бала", "_child"]), form("иракта", ["иракт"])])).toBeGreaterThan(0.7);
    expect(matcher.match([form("погода"), form("алматы")])).toBe(0);
  });

  it("is 1 for the question asked just so, and less for one that asks more or other things", () => {
    const matcher = new WordMatcher([form("руководил", ["руковод"]), form("русафой", ["русаф"])]);
    const same = [[form("руководил", ["руковод"]), form("русафой", ["русаф"])]];
    const wider = [[form("руководил", ["руковод"]), form("русафой", ["русаф"]), form("багдаде", ["багдад"]), form("детей", ["дет"])]];
    expect(matcher.closest(same)).toBe(1);
    expect(matcher.closest(wider)).toBeLessThan(1);
    expect(matcher.closest([])).toBe(0);
  });
});
