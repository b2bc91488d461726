import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/search/language.ts";
import { tokenize } from "../../src/search/tokenize.ts";

const detect = (text: string) => detectLanguage(tokenize(text));

describe("detectLanguage", () => {
  it("recognises Russian questions", () => {
    expect(detect("Сколько детей вернули из Сирии?")).toBe("ru");
    expect(detect("кто руководил операцией")).toBe("ru");
    expect(detect("Когда был первый этап?")).toBe("ru");
  });

  it("recognises Kazakh questions, with or without Kazakh letters", () => {
    expect(detect("Сириядан қанша бала қайтарылды?")).toBe("kk");
    expect(detect("жусан операциясы кашан басталды")).toBe("kk");
    expect(detect("неше бала оралды")).toBe("kk");
    expect(detect("Операцияға кім басшылық етті?")).toBe("kk");
  });

  it("takes a message mixing the two languages for the language its question words are in", () => {
    expect(detect("Жусан-3 кезінде сколько жетім бала вывезли?")).toBe("ru");
    expect(detect("Операцияның атауы «Жусан» орысша что означает?")).toBe("ru");
    expect(detect("Слушайте, үшінші этапта вообще қанша адам әкелінді?")).toBe("kk");
    expect(detect("Назарбаев 2019 жылғы мәлімдемесінде не айтты?")).toBe("kk");
  });

  it("does not guess when nothing tells", () => {
    expect(detect("Жусан 2019")).toBeNull();
    expect(detect("")).toBeNull();
  });
});
