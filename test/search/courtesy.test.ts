import { describe, expect, it } from "vitest";
import { stripCourtesy } from "../../src/search/courtesy.ts";

const words = (text: string) => stripCourtesy(text).split(/[^\p{L}\d]+/u).filter(Boolean);

describe("stripCourtesy", () => {
  it("cuts greetings, thanks and requests to answer out of a Russian question", () => {
    expect(words("Добрый день, а кто был инициатором операции? Спасибо!")).toEqual(["а", "кто", "был", "инициатором", "операции"]);
    expect(words("Здравствуйте! Подскажите, пожалуйста, сколько детей вернули? Заранее спасибо")).toEqual(["сколько", "детей", "вернули"]);
  });

  it("does so in Kazakh, typed with or without Kazakh letters", () => {
    expect(words("Сәлеметсіз бе! Айтып жіберіңізші, Сириядан қанша бала келді? Алдын ала рахмет")).toEqual(["Сириядан", "қанша", "бала", "келді"]);
    expect(words("салеметсиз бе айтып жиберинизши канша бала")).toEqual(["канша", "бала"]);
    expect(words("Операцияға неліктен «Жусан» деген атау берілгенін түсіндіріп бере аласыз ба?")).toEqual(["Операцияға", "неліктен", "Жусан", "деген", "атау", "берілгенін"]);
    expect(words("Объясните, почему операцию так назвали?")).toEqual(["почему", "операцию", "так", "назвали"]);
  });

  it("keeps the words of a phrase when they stand alone", () => {
    expect(words("В какой день вернули детей?")).toEqual(["В", "какой", "день", "вернули", "детей"]);
  });
});
