import { describe, expect, it } from "vitest";
import { stemRussian } from "../../src/search/stem-ru.ts";

describe("stemRussian", () => {
  it("stems the forms of a word alike (Snowball)", () => {
    expect(new Set(["дети", "детей"].map(stemRussian)).size).toBe(1);
    expect(new Set(["этап", "этапа", "этапе", "этапы"].map(stemRussian)).size).toBe(1);
    expect(new Set(["женщина", "женщины", "женщин"].map(stemRussian)).size).toBe(1);
    expect(new Set(["вернули", "вернулись"].map(stemRussian)).size).toBe(1);
  });

  it("stems every case of a surname alike", () => {
    expect(new Set(["назарбаев", "назарбаева", "назарбаевым"].map(stemRussian)).size).toBe(1);
    expect(new Set(["токаев", "токаева", "токаеву"].map(stemRussian)).size).toBe(1);
  });
});
