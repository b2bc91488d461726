import { describe, expect, it } from "vitest";
import { Analyzer } from "../../src/search/analyzer.ts";

const analyzer = new Analyzer();

describe("Analyzer", () => {
  it("indexes the year of a date, not the word 'year' after it", () => {
    expect(analyzer.indexTerms("2019 жылғы 11 қыркүйекте 3 жылдан 9 жылға", "kk")).toEqual(["2019", "11", "кыркуйек", "_september", "3", "жыл", "9", "жыл"]);
    expect(analyzer.indexTerms("в 2020 году на 9 лет", "ru")).toEqual(["2020", "9", "лет"]);
  });

  it("does not search for 'год' after a year in a question", () => {
    const words = analyzer.analyzeQuery("Сколько вернули, если считать 2021 год?").terms.map((t) => t.word);
    expect(words).toContain("2021");
    expect(words).not.toContain("год");
  });

  it("gives a question about radicalism its own concept besides terrorism", () => {
    const [term] = analyzer.analyzeQuery("радикалды").terms;
    expect(term?.concepts).toEqual(expect.arrayContaining(["_terror", "_radical"]));
  });

  it("reads 'когда', 'где', 'кто' after a comma as conjunctions, not as what is asked", () => {
    const type = (q: string) => analyzer.analyzeQuery(q).type;
    expect(type("Племяннику было 7, когда его привезли из Сирии. Учили ли детей в центре?")).toBe("general");
    expect(type("Как Василенко оценил сделанное, когда представлял операции в Европарламенте?")).toBe("general");
    expect(type("Подскажите, пожалуйста, когда прошла конференция в Европарламенте?")).toBe("when");
    expect(type("Я хотела спросить, когда вернули детей")).toBe("when");
  });

  it("takes 'how many' for what is asked when another question word is there too", () => {
    expect(analyzer.analyzeQuery("в 2021 кого вернули сколко мужчин и детей").type).toBe("count");
  });

  it("reads every form of the question words for what is asked, not as words to search for", () => {
    expect(analyzer.analyzeQuery("бірінші топта еркектер нешеу болды").type).toBe("count");
    const asked = analyzer.analyzeQuery("Какого числа вернулась первая группа?");
    expect(asked.type).toBe("when");
    expect(asked.terms.map((t) => t.word)).not.toContain("какого");
  });

  it("reads a short question word typed without a vowel («қашн», «когд») for the word", () => {
    expect(analyzer.analyzeQuery("русафа операциясы қашн болд").type).toBe("when");
    expect(analyzer.analyzeQuery("когд вернули детей").type).toBe("when");
    expect(analyzer.analyzeQuery("русафа операциясы қашн болд").terms.map((t) => t.word)).toEqual(["русафа", "операциясы"]);
  });

  it("puts back a vowel left out of a word the sources have («жетімдр», «адм»), but leaves whole words alone", () => {
    const known = new Set(["жетим", "адам"]);
    const stems = (q: string) => analyzer.analyzeQuery(q, (term) => known.has(term)).terms.map((t) => t.stems);
    expect(stems("жетімдр неше")).toEqual([expect.arrayContaining(["жетим"])]);
    expect(stems("адм саны")).toEqual([expect.arrayContaining(["адам"])]);
    expect(stems("балалр мен адм")).toEqual([expect.arrayContaining(["балалр"]), expect.arrayContaining(["адам"])]);
  });

  it("leaves out what a Kazakh asker says of themself («оқимын», «мұғаліммін»), unless the sources have the word", () => {
    const words = (q: string, known = "") => analyzer.analyzeQuery(q, (term) => known !== "" && term.startsWith(known)).terms.map((t) => t.word);
    const asked = words("Мұғаліммін, курстық жұмыс жазып жатырмын: Русафа деген не?");
    expect(asked).toContain("русафа");
    expect(asked).not.toContain("мұғаліммін");
    expect(asked).not.toContain("жатырмын");
    expect(words("Өзбекпін туралы кітап бар ма?", "озбек")).toContain("өзбекпін");
  });
});
