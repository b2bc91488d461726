import { describe, expect, it } from "vitest";
import { closestAsk, dice, trigramMatch, trigrams } from "../../src/search/ngrams.ts";

const form = (word: string, terms: string[] = [word]) => ({ grams: trigrams(word), terms, weight: 1 });

describe("trigrams", () => {
  it("joins words that share their letters but not their stems", () => {
    expect(dice(trigrams("родня"), trigrams("родня"))).toBe(1);
    expect(dice(trigrams("родственники"), trigrams("родство"))).toBeGreaterThan(0.4);
    expect(dice(trigrams("қайтарылды"), trigrams("кайтарылды"))).toBe(1);
    expect(dice(trigrams("суд"), trigrams("полынь"))).toBe(0);
  });

  it("scores how well a text's words match the question's", () => {
    const words = [form("детей"), form("ирака")];
    expect(trigramMatch(words, "Из Ирака вернули 14 детей.")).toBe(1);
    expect(trigramMatch(words, "Погода в Алматы.")).toBe(0);
  });
});

describe("closestAsk", () => {
  it("is 1 for the question asked just so, and less for one that asks more or other things", () => {
    const question = [form("кто", ["_who"]), form("руководил", ["руковод"]), form("русафой", ["русаф"])];
    const same = [[form("кто", ["_who"]), form("руководил", ["руковод"]), form("русафой", ["русаф"])]];
    const wider = [[form("руководил", ["руковод"]), form("русафой", ["русаф"]), form("багдаде", ["багдад"]), form("детей", ["дет"])]];
    expect(closestAsk(question, same)).toBe(1);
    expect(closestAsk(question, wider)).toBeLessThan(1);
    expect(closestAsk(question, [])).toBe(0);
  });
});
