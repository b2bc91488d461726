import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/search/sentences.ts";

describe("splitSentences", () => {
  it("splits at full stops before a capital letter", () => {
    expect(splitSentences("Первое предложение. Второе! Третье? «Четвёртое».")).toEqual([
      "Первое предложение.",
      "Второе!",
      "Третье?",
      "«Четвёртое».",
    ]);
  });

  it("keeps initials and abbreviations inside a sentence", () => {
    expect(splitSentences("Е. Ашикбаев выступил в 2019 г. в Вашингтоне. Потом уехал.")).toEqual([
      "Е. Ашикбаев выступил в 2019 г. в Вашингтоне.",
      "Потом уехал.",
    ]);
  });

  it("does not split before a lower-case word", () => {
    expect(splitSentences("До 2 тыс. боевиков находятся в плену.")).toEqual(["До 2 тыс. боевиков находятся в плену."]);
  });
});
