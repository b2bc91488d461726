import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { splitSentences } from "../../src/search/sentences.ts";

let kb: KnowledgeBase;
let engine: AnswerEngine;

beforeAll(() => {
  kb = loadKnowledge("knowledge");
  engine = new AnswerEngine(kb);
});

describe("AnswerEngine", () => {
  it("quotes the passage that answers, with its source", () => {
    const answer = engine.ask("Сколько человек вернули во время третьего этапа операции «Жусан»?");
    expect(answer.found).toBe(true);
    expect(answer.lang).toBe("ru");
    expect(answer.quotes[0]?.text).toContain("238");
    expect(answer.sources[0]?.url).toMatch(/^https:\/\//);
    expect(answer.quotes[0]?.citations.length).toBeGreaterThan(0);
  });

  it("answers a Kazakh question in Kazakh, from the Kazakh text", () => {
    const answer = engine.ask("Үшінші кезеңде Сириядан қанша адам оралды?");
    expect(answer.found).toBe(true);
    expect(answer.lang).toBe("kk");
    expect(answer.quotes[0]?.passage.lang).toBe("kk");
    expect(answer.quotes[0]?.text).toContain("238");
  });

  it("answers why the operations are named as they are, however the question is put", () => {
    const cases: [string, string][] = [
      ["Что означает название операции «Жусан»?", "полынь"],
      ["Откуда взялось название операции, которой вывозили детей из Ирака?", "тюрьмы"],
      ["«Жусан» атауы нені білдіреді?", "полынь"],
    ];
    for (const [question, expected] of cases) expect(engine.ask(question).quotes[0]?.text, question).toContain(expected);
  });

  it("quotes one to three sentences, never a whole article, and cites at most three sources", () => {
    for (const question of ["Кто выступил на вебинаре для Конгресса США?", "Натан Сейлс", "Что такое полынь?"]) {
      const answer = engine.ask(question);
      expect(answer.found).toBe(true);
      expect(answer.sources.length).toBeLessThanOrEqual(3);
      expect(answer.quotes.length).toBeLessThanOrEqual(3);
      for (const quote of answer.quotes) expect(splitSentences(quote.text).length).toBeLessThanOrEqual(3);
    }
  });

  it("says plainly that it does not know, and then cites nothing", () => {
    for (const question of ["Какая погода завтра в Алматы?", "Кто выиграл чемпионат мира по футболу в 2018 году?", "Қазақстанда қанша облыс бар?"]) {
      const answer = engine.ask(question);
      expect(answer.found, question).toBe(false);
      expect(answer.reason).toBe("not-found");
      expect(answer.sources).toEqual([]);
      expect(answer.quotes).toEqual([]);
    }
  });

  it("does not answer with a passage about another year, nor a 'when' with a passage that has no date", () => {
    for (const question of [
      "Чем сейчас, в 2024 году, занимается Аида Сарина?",
      "Аида Сарина 2024 жылы қайда жұмыс істейді?",
      "Когда Мариани сравнил ситуацию с Францией?",
      "Қашан Тьерри Мариани Франциямен салыстырды?",
      "1986 жылғы Желтоқсан оқиғасынан кейін Қазақстанда неше адам сотталды?",
      "Подскажите точную дату конференции в Европарламенте, где представляли «Жусан»",
    ]) {
      expect(engine.ask(question).found, question).toBe(false);
    }
  });

  it("answers a question about the children from Iraq from what is said of them, not of those from Syria", () => {
    const question = "Добрый день! Не могли бы вы уточнить, где жили дети, привезённые из Ирака, в первый месяц после возвращения?";
    const { hits } = engine.retrieve(question, {});
    expect(hits[0]?.passage.text).toMatch(/Нур-Султан/);
  });

  it("does not answer a question about Zhusan with what was said of Rusafa alone, nor the other way round", () => {
    const [best] = engine.retrieve("Кто руководил операцией Жусан?", {}).hits;
    expect(best?.passage.text).not.toMatch(/Русаф/);
    const [rusafa] = engine.retrieve("Русафа операциясын кім басқарды?", {}).hits;
    expect(rusafa?.passage.text).toMatch(/Русаф/);
  });

  it("answers a question that names two people from a passage about one of them", () => {
    const answer = engine.ask("Элис Уэллс брифингте Помпео Казахстанға қанша человек үшін рахмет айтты деді?");
    expect(answer.found).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/Уэллс/);
    expect(answer.quotes[0]?.text).toContain("600");
  });

  it("cites a page by its own title or by none, never by the knowledge base entry's label, and dates it by its address when that states the date", () => {
    for (const question of ["Сколько детей вернули из Ирака?", "Ирактан неше бала оралды?", "Что такое Жусан?", "Кто руководил операцией Русафа?"]) {
      for (const source of engine.ask(question).sources) {
        expect(source.title, `${question}: ${source.url}`).toBe(kb.sources.get(source.url)?.title ?? null);
      }
    }
    expect(kb.sources.get("https://belief.cabar.asia/ru/2019/11/29/kazahstan-evakuiroval-14-detej-iz-iraka")?.published).toBe("2019-11-29");
  });

  it("says what the operation was when asked nothing but that, in either language", () => {
    for (const question of ["Что такое Жусан?", "жусан деген не", "Zhusan"]) {
      const answer = engine.ask(question);
      expect(answer.found, question).toBe(true);
      expect(answer.quotes[0]?.text, question).toMatch(/гуманитарн|гуманитарлық/);
    }
  });

  it("does not answer about another country's returns with what Kazakhstan's ambassador there said, yet still finds the ambassador", () => {
    for (const question of ["Сколько детей Россия вернула из Ирака и Сирии?", "Ресей Сириядан қанша бала қайтарды?", "skolko detei vernula rossiya iz iraka"]) {
      const answer = engine.ask(question);
      expect(answer.quotes.map((q) => q.text).join(" "), question).not.toMatch(/Абаев/);
    }
    expect(engine.ask("Что сказал посол Казахстана в России Абаев?").quotes[0]?.text).toMatch(/Абаев/);
    expect(engine.ask("Ресейдегі елші не деді?").quotes[0]?.text).toMatch(/Абаев/);
  });

  it("reads a country written in Latin letters as the country, not as a name to insist on", () => {
    const answer = engine.ask("chto skazal Sales pro Kazakhstan v iyune 2020");
    expect(answer.found).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/Сейлс.*июн|июн.*Сейлс/);
  });

  it("does not insist on a capitalised word no passage has as a name, such as the one that opens the question", () => {
    const answer = engine.ask("Документтері жоқ әйелдер мен балаларға құжаттарды қалпына келтірді ме, сол Ақтаудағы орталықта?");
    expect(answer.found).toBe(true);
    expect(answer.quotes[0]?.text).toMatch(/құжат/);
  });

  it("follows the question's language, and the fallback when the question does not tell", () => {
    expect(engine.ask("Жусан 2019", { fallbackLang: "kk" }).lang).toBe("kk");
    expect(engine.ask("Жусан 2019", { fallbackLang: "ru" }).lang).toBe("ru");
    expect(engine.ask("Сколько детей вернули?", { fallbackLang: "kk" }).lang).toBe("ru");
  });

  it("handles bad input without throwing", () => {
    const inputs = [
      "",
      "     ",
      "\n\t",
      "🙂🙂🙂",
      "😀 👍 🇰🇿",
      "Жусан ".repeat(2000),
      "а".repeat(10_000),
      "<b>Жусан</b> <script>alert(1)</script> &amp; &lt;",
      "**Жусан** _операция_ [ссылка](http://example.com) `код`",
      "Zhusan операциясы 2019 қайтарылды children",
      "ЖУСАН СКОЛЬКО ДЕТЕЙ",
      "?!.,;:()[]{}",
      "\u0000\u200b\ufeff",
    ];
    for (const input of inputs) {
      const answer = engine.ask(input);
      expect(["answered", "empty", "not-found", "uncertain"]).toContain(answer.reason);
      if (!answer.found) expect(answer.sources).toEqual([]);
    }
    expect(engine.ask("").reason).toBe("empty");
    expect(engine.ask("🙂🙂🙂").reason).toBe("empty");
    expect(engine.ask("?!.,;:()[]{}").reason).toBe("empty");
  });

  it("uses only the first words of a very long question", () => {
    const words = Array.from({ length: 500 }, (_, i) => `слово${String.fromCharCode(1072 + (i % 32), 1072 + Math.floor(i / 32))}`);
    const answer = engine.ask(`Сколько детей вернули на третьем этапе? ${words.join(" ")}`);
    expect(answer.analysis.truncated).toBe(true);
    expect(answer.analysis.terms[0]?.word).toBe("детей");
  });
});

describe("across languages", () => {
  const onlyArticles = (lang: "ru" | "kk"): KnowledgeBase => ({
    ...kb,
    articles: kb.articles.filter((a) => a.lang === lang).map((a) => ({ ...a, translationOf: null })),
    timeline: [],
    figures: [],
    topics: [],
  });

  it("finds a Russian-only fact for a Kazakh question, and says the quote is in Russian", () => {
    const answer = new AnswerEngine(onlyArticles("ru")).ask("2019 жылы қанша бала мен әйел қайтарылды?");
    expect(answer.found).toBe(true);
    expect(answer.lang).toBe("kk");
    expect(answer.quotes[0]?.passage.lang).toBe("ru");
    expect(answer.quotes[0]?.text).toContain("520 детей");
  });

  it("finds a Kazakh-only fact for a Russian question", () => {
    const answer = new AnswerEngine(onlyArticles("kk")).ask("Сколько детей и женщин вернули в 2019 году?");
    expect(answer.found).toBe(true);
    expect(answer.lang).toBe("ru");
    expect(answer.quotes[0]?.passage.lang).toBe("kk");
    expect(answer.quotes[0]?.text).toContain("520 бала");
  });

  it("quotes the translation of a Russian article for a Kazakh question and says it is a translation", () => {
    const articles = new AnswerEngine({ ...kb, timeline: [], figures: [], topics: [] });
    const answer = articles.ask("Елге оралған ересектерге қандай айып тағылды?");
    const quote = answer.quotes[0];
    expect(quote?.passage.key).toMatch(/^article:sputnik-sales-visit-kk:/);
    expect(quote?.citations[0]?.translation).toBe(true);
    expect(quote?.citations[0]?.url).toBe("https://m.ru.sputniknews.kz/world/20191004/11697187/usa-gosdep-kazakhstan-zhusan-vizit.html");
  });
});

describe("AnswerEngine with an article just added", () => {
  it("answers from it at once: its new names, a sentence read with the one before it, its year", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "zhusan-kb-")), "knowledge");
    cpSync("knowledge", dir, { recursive: true });
    writeFileSync(
      join(dir, "articles", "ru", "zhusan-shestoi-etap.md"),
      "---\nid: zhusan-shestoi-etap\nlang: ru\ntitle: \"Из лагеря аль-Холь вернули ещё девять граждан\"\nsource: Степной вестник\nurl: https://example.kz/zhusan-6\npublished: 2024-03-05\n---\n" +
        "Шестой этап гуманитарной операции прошёл в начале марта. Операцию координировал заместитель председателя комитета Бекзат Примеров. " +
        "Из лагеря аль-Холь в Казахстан вернули девять граждан: двух женщин и семерых детей.\n",
    );
    const fresh = new AnswerEngine(loadKnowledge(dir));
    for (const question of ["Кто такой Бекзат Примеров?", "Кто координировал шестой этап?", "Бекзат Примеров кім?"]) {
      expect(fresh.ask(question).quotes[0]?.text, question).toMatch(/Примеров/);
    }
    expect(fresh.ask("аль-Холь 2024 сколько вернули").quotes[0]?.text).toMatch(/девять граждан/);
  });
});
