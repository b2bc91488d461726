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
    const ordinals = new Set(["еке", "екинши"]);
    expect(analyzer.analyzeQuery("екнші кезең", (term) => ordinals.has(term)).terms[0]?.stems).toContain("екинши");
  });

  it("leaves out what a Kazakh asker says of themself («оқимын», «мұғаліммін»), unless the sources have the word", () => {
    const words = (q: string, known = "") => analyzer.analyzeQuery(q, (term) => known !== "" && term.startsWith(known)).terms.map((t) => t.word);
    const asked = words("Мұғаліммін, курстық жұмыс жазып жатырмын: Русафа деген не?");
    expect(asked).toContain("русафа");
    expect(asked).not.toContain("мұғаліммін");
    expect(asked).not.toContain("жатырмын");
    expect(words("Өзбекпін туралы кітап бар ма?", "озбек")).toContain("өзбекпін");
  });

  it("takes a short question that points back («Как её зовут?») together with what the sentences before it told", () => {
    const asked = (q: string) => analyzer.analyzeQuery(q).terms.filter((t) => !t.context).map((t) => t.word);
    const told = "Мой дядя служил в Актау. Он говорил, что первый вылет сорвали: одна страна отказала в коридоре.";
    expect(asked(`${told} Какая это была страна?`)).toEqual(expect.arrayContaining(["вылет", "коридоре"]));
    expect(asked(`${told} Какая это была страна?`)).not.toContain("дядя");
    expect(asked(`${told} Какая страна отказала в воздушном коридоре для вылета в Сирию?`)).not.toContain("сорвали");
  });

  it("reads 'что' after a comma as a conjunction: a sentence that tells is not asked", () => {
    const asked = analyzer.analyzeQuery("Сестра уехала в 2014 году, потом мы узнали, что она в Ираке. А что стало с матерями детей из иракской тюрьмы?");
    expect(asked.terms.filter((t) => !t.context).map((t) => t.word)).not.toContain("2014");
  });

  it("does not take Jusan Bank and its sister companies for the operation", () => {
    const words = (q: string) => analyzer.analyzeQuery(q).terms.map((t) => t.word);
    expect(words("Jusan Bank-те депозит пайызы қанша?")).not.toContain("жусан");
    expect(words("какой процент по вкладу в Жусан банке")).not.toContain("жусан");
    expect(words("Жусан операциясы банк арқылы қаржыландырылды ма?")).toContain("жусан");
  });

  it("reads a digit after the operation's name or written as an ordinal as the stage's number, not a count of stages", () => {
    const concepts = (q: string) => analyzer.analyzeQuery(q).terms.flatMap((t) => t.concepts);
    expect(concepts("жусан 3 даты проведения")).toContain("_third");
    expect(concepts("3-й этап сколько детей")).toContain("_third");
    expect(concepts("2-ші кезеңде канша бала")).toContain("_second");
    expect(concepts("после 3 этапов сколько вернули")).not.toContain("_third");
    expect(analyzer.analyzeQuery("3-ші кезеңде").terms.map((t) => t.word)).not.toContain("ші");
  });
});
