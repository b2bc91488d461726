import { describe, expect, it } from "vitest";
import { dateInUrl } from "../../src/knowledge/url-date.ts";

describe("dateInUrl", () => {
  it("reads the date an address states in the usual shapes", () => {
    expect(dateInUrl("https://belief.cabar.asia/ru/2019/11/29/kazahstan-evakuiroval-14-detej-iz-iraka")).toBe("2019-11-29");
    expect(dateInUrl("https://m.ru.sputniknews.kz/world/20191004/11697187/usa-gosdep-kazakhstan-zhusan-vizit.html")).toBe("2019-10-04");
    expect(dateInUrl("https://law.umn.edu/news/2021-02-11-professor-fionnuala-ni-aolain-urges-57-countries")).toBe("2021-02-11");
    expect(dateInUrl("https://www.middleeastmonitor.com/20210205-kazakhstan-repartiates-12-kazakh-nationals-from-syria/")).toBe("2021-02-05");
    expect(dateInUrl("https://astanatimes.com/2019/11/kazakhstan-repatriates-14-children-from-iraq/")).toBe("2019-11");
  });

  it("gives nothing for numbers that need not be dates, nor for impossible dates", () => {
    expect(dateInUrl("https://jana-kezen.kz/ru/archives/9357")).toBeNull();
    expect(dateInUrl("https://www.habilian.ir/en/202102094220/world/kazakhstan.html")).toBeNull();
    expect(dateInUrl("https://e.kz/news/2019/")).toBeNull();
    expect(dateInUrl("https://e.kz/20191345/x")).toBeNull();
    expect(dateInUrl("not a url")).toBeNull();
  });
});
