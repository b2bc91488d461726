import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/knowledge/fields.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const URL_A = "https://example.org/a";

const FILES: Record<string, string> = {
  "sources.yaml": `sources:\n  - url: ${URL_A}\n    outlet: Example\n    lang: ru\n`,
  "timeline.yaml": `events:
  - id: stage-1
    date: 2019-01-06
    date_label: {ru: "6 января 2019", kk: "2019 жылғы 6 қаңтар"}
    kind: operation
    title: {ru: "Первый этап", kk: "Бірінші кезең"}
    figures: [person-a]
    facts:
      - about: what
        ru: "Первый этап прошёл 6 января 2019 года."
        kk: "Бірінші кезең 2019 жылғы 6 қаңтарда өтті."
        sources: [${URL_A}]
  - id: webinar
    date: null
    sort_date: 2019-11-13
    date_label: {ru: "дата не указана", kk: "күні белгісіз"}
    kind: event
    title: {ru: "Вебинар", kk: "Вебинар"}
    facts:
      - ru: "Прошёл вебинар."
        kk: "Вебинар өтті."
        sources: [${URL_A}]
`,
  "figures.yaml": `figures:
  - id: person-a
    group: kazakhstan
    kind: person
    name: {ru: "Персона А", kk: "Тұлға А"}
    role: {ru: "Роль", kk: "Рөл"}
    facts:
      - ru: "Персона А руководила этапом."
        kk: "Тұлға А кезеңді басқарды."
        sources: [${URL_A}]
`,
  "topics.yaml": `topics:
  - id: totals
    kind: totals
    title: {ru: "Итоги", kk: "Қорытынды"}
    facts:
      - ru: "Вернули 47 человек."
        kk: "47 адам оралды."
        sources: [${URL_A}]
`,
  "subscription-topics.yaml": `topics:
  - id: first-stage
    group: stage
    title: {ru: "Первый этап", kk: "Бірінші кезең"}
    about: [event:stage-1, figure:person-a, topic:totals]
`,
  "articles/ru/article-one.md": `---
id: article-one
lang: ru
title: "Статья"
source: Example
url: ${URL_A}
published: 2019-10-04
---
Первый абзац. Второе предложение.

## Заголовок

Третье предложение. В статье рассказано, как прошёл первый этап, кто его готовил и сколько людей вернулось домой; этого текста хватает, чтобы загрузчик счёл его статьёй, а не подписью к фото.
`,
  "articles/kk/article-one-kk.md": `---
id: article-one-kk
lang: kk
title: "Мақала"
source: Example
url: ${URL_A}
published: 2019-10-04
translation_of: article-one
---
Бірінші абзац. Екінші сөйлем.

## Тақырып

Үшінші сөйлем. Мақалада бірінші кезеңнің қалай өткені, оны кім дайындағаны және елге қанша адам оралғаны айтылады; бұл мәтін суретке жазылған түсініктеме емес, толық мақала болуға жетеді.
`,
};

let dir: string | null = null;

function knowledgeDir(changes: Record<string, string | null> = {}): string {
  dir = mkdtempSync(join(tmpdir(), "zhusan-kb-"));
  for (const [name, content] of Object.entries({ ...FILES, ...changes })) {
    if (content === null) continue;
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function problems(changes: Record<string, string | null>): string[] {
  try {
    loadKnowledge(knowledgeDir(changes));
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  throw new Error("the knowledge base loaded");
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe("loadKnowledge", () => {
  it("loads what subscribers can follow, and names an entry that does not exist, a missing title and an unknown group", () => {
    expect(loadKnowledge(knowledgeDir()).subscriptionTopics).toEqual([
      { id: "first-stage", group: "stage", title: { ru: "Первый этап", kk: "Бірінші кезең" }, about: ["event:stage-1", "figure:person-a", "topic:totals"] },
    ]);
    const broken = FILES["subscription-topics.yaml"]?.replace("figure:person-a", "figure:person-b").replace("group: stage", "group: era").replace(/    title: .*\n/, "") ?? "";
    expect(problems({ "subscription-topics.yaml": broken })).toEqual([
      'subscription-topics.yaml: topics[0].group: expected one of stage, theme, got "era"',
      "subscription-topics.yaml: topics[0].title: expected a mapping",
      "subscription-topics.yaml: topics[0].title.ru: missing",
      "subscription-topics.yaml: topics[0].title.kk: missing",
      'subscription-topics.yaml: topics[0].about[1]: no entry "figure:person-b" (event:<id> in timeline.yaml, figure:<id> in figures.yaml, topic:<id> in topics.yaml)',
    ]);
    expect(problems({ "subscription-topics.yaml": null })).toEqual(["subscription-topics.yaml: topics: file is missing"]);
  });

  it("loads a valid knowledge base, the timeline in date order", () => {
    const kb = loadKnowledge(knowledgeDir());
    expect(kb.timeline.map((e) => e.id)).toEqual(["stage-1", "webinar"]);
    expect(kb.timeline[0]?.facts[0]?.sources[0]?.outlet).toBe("Example");
    expect(kb.articles.map((a) => a.id)).toEqual(["article-one", "article-one-kk"]);
    expect(kb.articles[0]?.paragraphs).toEqual([
      { text: "Первый абзац. Второе предложение.", heading: false },
      { text: "Заголовок", heading: true },
      { text: "Третье предложение. В статье рассказано, как прошёл первый этап, кто его готовил и сколько людей вернулось домой; этого текста хватает, чтобы загрузчик счёл его статьёй, а не подписью к фото.", heading: false },
    ]);
  });

  it("names the file and the field of a missing or bad value", () => {
    expect(problems({ "figures.yaml": FILES["figures.yaml"]?.replace(/    role: .*\n/, "") ?? "" })).toEqual([
      "figures.yaml: figures[0].role: expected a mapping",
      "figures.yaml: figures[0].role.ru: missing",
      "figures.yaml: figures[0].role.kk: missing",
    ]);
    expect(problems({ "timeline.yaml": FILES["timeline.yaml"]?.replace("2019-01-06", "6 января") ?? "" })).toEqual([
      "timeline.yaml: events[0].date: expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or null",
    ]);
    expect(problems({ "timeline.yaml": FILES["timeline.yaml"]?.replace("2019-01-06", "2019-02-31") ?? "" })).toEqual([
      "timeline.yaml: events[0].date: 2019-02-31 is not a day of the calendar",
    ]);
  });

  it("keeps what is known only by its year or month after the dated days of that year or month", () => {
    expect(problems({ "timeline.yaml": FILES["timeline.yaml"]?.replace("2019-01-06", "2019").replace("2019-11-13", "2019-02") ?? "" })).toEqual([
      'timeline.yaml: events[1].sort_date: out of order: comes after "stage-1" (2019)',
    ]);
    expect(loadKnowledge(knowledgeDir({ "timeline.yaml": FILES["timeline.yaml"]?.replace("2019-11-13", "2019") ?? "" })).timeline.map((e) => e.id)).toEqual(["stage-1", "webinar"]);
  });

  it("reads a figure's short name for buttons, and refuses one too long for a button", () => {
    const figures = (short: string) => FILES["figures.yaml"]?.replace("    role:", `    short_name: {ru: "${short}", kk: "${short}"}\n    role:`) ?? "";
    expect(loadKnowledge(knowledgeDir({ "figures.yaml": figures("Персона") })).figures[0]?.shortName).toEqual({ ru: "Персона", kk: "Персона" });
    expect(problems({ "figures.yaml": figures("П".repeat(33)) })).toEqual([
      "figures.yaml: figures[0].short_name.ru: at most 32 characters (has 33)",
      "figures.yaml: figures[0].short_name.kk: at most 32 characters (has 33)",
    ]);
  });

  it("shows where a YAML file does not parse, and the line", () => {
    const broken = (FILES["timeline.yaml"] ?? "").replace("kind: operation", "kind: [operation");
    const [problem] = problems({ "timeline.yaml": broken });
    expect(problem).toMatch(/^timeline\.yaml: \(YAML\): .+ at line \d+, column \d+: .+/);
  });

  it("refuses a fact whose source is not listed", () => {
    const topics = FILES["topics.yaml"]?.replace(`sources: [${URL_A}]`, "sources: [https://example.org/unknown]") ?? "";
    expect(problems({ "topics.yaml": topics })).toEqual([
      "topics.yaml: topics[0].facts[0].sources[0]: https://example.org/unknown is not listed in sources.yaml",
    ]);
  });

  it("refuses a timeline event naming an unknown figure, and duplicate ids", () => {
    const timeline = (FILES["timeline.yaml"] ?? "").replace("[person-a]", "[nobody]").replace("id: webinar", "id: stage-1");
    expect(problems({ "timeline.yaml": timeline })).toEqual([
      'timeline.yaml: events[1].id: "stage-1" is used twice',
      'timeline.yaml: events[0].figures[0]: no figure "nobody" in figures.yaml',
    ]);
  });

  it("reports a file that does not parse or is missing instead of skipping it", () => {
    expect(problems({ "figures.yaml": "figures: [\n" })[0]).toMatch(/^figures\.yaml: \(YAML\): /);
    expect(problems({ "topics.yaml": null })).toEqual(["topics.yaml: topics: file is missing"]);
  });

  it("checks an article's front matter", () => {
    const article = (FILES["articles/ru/article-one.md"] ?? "").replace("published: 2019-10-04\n", "").replace("id: article-one", "id: other");
    expect(problems({ "articles/ru/article-one.md": article })).toEqual([
      "articles/ru/article-one.md: published: missing (write null when the page gives no date)",
      'articles/ru/article-one.md: id: must equal the file name "article-one"',
      'articles/kk/article-one-kk.md: translation_of: no article "article-one"',
    ]);
    expect(problems({ "articles/ru/article-one.md": "Просто текст без front matter." })).toEqual([
      "articles/ru/article-one.md: (front matter): the file must start with YAML front matter between --- lines",
      'articles/kk/article-one-kk.md: translation_of: no article "article-one"',
    ]);
  });

  it("refuses an article file that is not text, even one put in the folder by hand", () => {
    const binary = `${FILES["articles/ru/article-one.md"] ?? ""}\u0000\u0000ELF\u0001`;
    expect(problems({ "articles/ru/article-one.md": binary })).toEqual(["articles/ru/article-one.md: (body): not an article's text: it has NUL bytes"]);
    const bell = `${FILES["articles/ru/article-one.md"] ?? ""}Текст\u0007`;
    expect(problems({ "articles/ru/article-one.md": bell })).toEqual(["articles/ru/article-one.md: (body): not an article's text: it has the control character U+0007"]);
  });

  it("refuses an article with too little text to answer from", () => {
    const caption = (FILES["articles/ru/article-one.md"] ?? "").replace(/## Заголовок[\s\S]*$/, "");
    expect(problems({ "articles/ru/article-one.md": caption })).toEqual([
      "articles/ru/article-one.md: (body): only 33 characters of text; an article needs at least 200",
    ]);
  });

  it("requires a translation to link to its original's page", () => {
    const translation = (FILES["articles/kk/article-one-kk.md"] ?? "").replace(`url: ${URL_A}`, "url: https://example.org/kk");
    expect(problems({ "articles/kk/article-one-kk.md": translation })).toEqual([
      "articles/kk/article-one-kk.md: url: a translation links to its original's url",
    ]);
  });
});
