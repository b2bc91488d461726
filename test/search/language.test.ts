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

  it("takes a mixed message for the language its closing verb or question word is in", () => {
    expect(detect("Sputnik-тің статьясында 2019 жылы сколько детей и женщин оралды деп жазылған?")).toBe("kk");
    expect(detect("Жусан операциясы кезінде вообще сколько мужчин қайтарылды 2019 жылы?")).toBe("kk");
    expect(detect("Алиса Уэллс деген кім, Помпеоның сапарынан кейін что она сказала про вернувшихся?")).toBe("ru");
    expect(detect("Что сказал Тоқаев?")).toBe("ru");
  });

  it("reads a letterless Kazakh question with 'не' as Kazakh, not Russian", () => {
    expect(detect("операцияда корганыс министрлиги не истеди")).not.toBe("ru");
  });

  it("does not guess when nothing tells", () => {
    expect(detect("Жусан 2019")).toBeNull();
    expect(detect("")).toBeNull();
  });

  it("does not take a Russian word that ends like a Kazakh verb for one when the sources know it as Russian", () => {
    const question = tokenize("а на третьем этапе жетім балалар сколько было среди детей?");
    expect(detectLanguage(question)).toBe("kk");
    expect(detectLanguage(question, (word) => (word === "среди" ? "ru" : null))).toBe("ru");
  });
});
