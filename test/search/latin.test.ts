import { describe, expect, it } from "vitest";
import { cyrillize } from "../../src/search/latin.ts";

describe("cyrillize", () => {
  it("reads Kazakh in the 2018 and 2021 Latin alphabets", () => {
    expect(cyrillize("Sırıadan qansha bala qaıtaryldy?")).toBe("Сириядан қанша бала қайтарылды?");
    expect(cyrillize("Salem! Jusan operatsiasy kimniń bastamasy?")).toBe("Салем! Жусан операциясы кімнің бастамасы?");
    expect(cyrillize("ákelindi")).toBe("әкелінді");
    expect(cyrillize("Ğalym, Şymkent, öñir")).toBe("Ғалым, Шымкент, өңір");
  });

  it("reads the 2017 apostrophe alphabet", () => {
    expect(cyrillize("Siri'iadan qans'a bala qai'taryldy?")).toBe("Сіриядан қанша бала қайтарылды?");
    expect(cyrillize("Tu'rkiia")).toBe("Түркия");
  });

  it("reads Kazakh and Russian typed in plain ASCII", () => {
    expect(cyrillize("siriyadan qansha bala qaitaryldy")).toBe("сіріядан қанша бала қайтарылды");
    expect(cyrillize("shygys qazaqstan")).toBe("шыгыс қазақстан");
    expect(cyrillize("skolko detei vernuli iz sirii")).toBe("сколко детей вернули из сирии");
    expect(cyrillize("Tokayev Ashikbayev Rakhymberdiyev")).toBe("Токаев Ашикбаев Рахымбердиев");
    expect(cyrillize("kansha ayel boldy")).toBe("канша айел болды");
  });

  it("keeps acronyms and the words the caller knows in Latin, and mends Latin look-alikes in Cyrillic words", () => {
    expect(cyrillize("KNB, UNICEF")).toBe("KNB, UNICEF");
    expect(cyrillize("Atlantic Council", (w) => ["atlantic", "council"].includes(w))).toBe("Atlantic Council");
    expect(cyrillize("Sales pro Kazakhstan", (_, cyrillic) => cyrillic === "салес")).toBe("Sales про Казахстан");
    expect(cyrillize("Cирия")).toBe("Сирия");
  });

  it("leaves Cyrillic text alone", () => {
    const text = "Сколько детей вернули из Сирии?";
    expect(cyrillize(text)).toBe(text);
  });
});
