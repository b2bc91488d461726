import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createI18n, translator, type Translate } from "../src/i18n.ts";
import { LANGS, type Lang } from "../src/knowledge/types.ts";
import { parseHtml } from "./e2e/stand-in/html.ts";

/** A Fluent file's messages: id → its text (value and indented continuation lines), comments left out. */
function messages(lang: Lang): Map<string, string> {
  const source = readFileSync(new URL(`../src/locales/${lang}.ftl`, import.meta.url), "utf8");
  const result = new Map<string, string>();
  let current: string | null = null;
  for (const line of source.split(/\r?\n/)) {
    const start = /^([a-zA-Z][\w-]*)\s*=\s?(.*)$/.exec(line);
    if (start) {
      current = start[1]!;
      expect(result.has(current), `${lang}.ftl: ${current} is defined twice`).toBe(false);
      result.set(current, start[2] ?? "");
    } else if (/^\s+\S/.test(line) && current) {
      result.set(current, `${result.get(current)}\n${line.trim()}`);
    } else {
      // A comment, a blank line or anything else at the start of a line ends the message.
      if (line.trim() !== "") current = null;
      expect(line === "" || line.startsWith("#"), `${lang}.ftl: unexpected line ${JSON.stringify(line)}`).toBe(true);
    }
  }
  return result;
}

const variablesOf = (text: string) => [...new Set([...text.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1]!))].sort();
const tagsOf = (text: string) => [...text.matchAll(/<\/?([a-z-]+)/g)].map((m) => m[0]).sort();
const commandsOf = (text: string) => [...new Set([...text.matchAll(/(?<![<\w/])\/([a-z_]+)/g)].map((m) => m[1]!))].sort();

/** A value for each variable: a Date for the ones DATETIME formats, a number for counts, else a marker. */
function valuesFor(variables: string[]): Record<string, string | number | Date> {
  const numbers = new Set(["page", "pages", "ru", "kk", "answered", "notFound", "pending", "sent", "failed", "messages"]);
  return Object.fromEntries(
    variables.map((name) => [name, name === "date" ? new Date(2019, 9, 4) : numbers.has(name) ? 7 : name === "url" ? "https://example.kz/page" : `VAR_${name}`]),
  );
}

const ru = messages("ru");
const kk = messages("kk");

describe("the Russian and the Kazakh strings", () => {
  it("have the same message ids", () => {
    expect(ru.size).toBeGreaterThan(50);
    expect([...kk.keys()].sort()).toEqual([...ru.keys()].sort());
  });

  it("use the same variables in each message", () => {
    for (const [id, text] of ru) expect(variablesOf(kk.get(id) ?? ""), id).toEqual(variablesOf(text));
  });

  it("use the same HTML tags and the same /commands in each message", () => {
    for (const [id, text] of ru) {
      const other = kk.get(id) ?? "";
      expect(tagsOf(other), id).toEqual(tagsOf(text));
      expect(commandsOf(other), id).toEqual(commandsOf(text));
    }
  });

  it("leave no message empty", () => {
    for (const lang of LANGS) {
      for (const [id, text] of messages(lang)) expect(text.trim(), `${lang}: ${id}`).not.toBe("");
    }
  });
});

describe("formatting every message through the bot's i18n", () => {
  let t: Translate;
  let warn: ReturnType<typeof vi.spyOn>;

  beforeAll(() => {
    t = translator(createI18n());
  });

  afterEach(() => {
    warn?.mockRestore();
  });

  it("formats every message in both languages, each from its own file, with no leftover placeholder", () => {
    warn = vi.spyOn(console, "warn");
    for (const lang of LANGS) {
      for (const [id, text] of messages(lang)) {
        const variables = variablesOf(text);
        const values = valuesFor(variables);
        const formatted = t(lang, id, values);
        expect(formatted, `${lang}: ${id}`).not.toBe(`{${id}}`);
        expect(formatted, `${lang}: ${id}`).not.toMatch(/\{\s*\$|\{\?\?\?\}|\{[a-z-]+\}/);
        // useIsolating is off: no invisible bidi marks around values (they would break links).
        expect(formatted, `${lang}: ${id}`).not.toMatch(/[\u2068\u2069]/);
        for (const name of variables) {
          const value = values[name];
          if (typeof value === "string" || typeof value === "number") expect(formatted, `${lang}: ${id} shows $${name}`).toContain(String(value));
        }
      }
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("fails loudly, rather than showing a placeholder, when a variable is missing", () => {
    expect(() => t("ru", "start-greeting")).toThrow(/name/);
    expect(() => t("kk", "answer-link", { url: "u" })).toThrow();
  });

  it("formats dates in each language's own words", () => {
    const date = new Date(2019, 9, 4);
    expect(t("ru", "date-day", { date })).toBe("4 октября 2019 г.");
    expect(t("kk", "date-day", { date })).toContain("қазан");
    expect(t("kk", "date-day", { date })).toContain("2019");
    expect(t("ru", "date-month", { date })).toContain("октябрь");
    expect(t("ru", "date-year", { year: "2019" })).toBe("2019 г.");
    expect(t("kk", "date-year", { year: "2019" })).toBe("2019 ж.");
  });

  it("speaks Kazakh in Kazakh: the messages that are words differ from the Russian ones", () => {
    const same: string[] = [];
    for (const [id, text] of ru) {
      const values = valuesFor(variablesOf(text));
      if (t("ru", id, values) === t("kk", id, values)) same.push(id);
    }
    // Only these read the same: the language buttons (each language named in itself), the source
    // links (no words, only the title, outlet and date), the 👍 / 👎 buttons, and «Хронология» and
    // «бот», Kazakh words too.
    expect(same.sort()).toEqual([
      "answer-link",
      "answer-link-untitled",
      "chat-bot",
      "feedback-down",
      "feedback-up",
      "language-button-kk",
      "language-button-ru",
      "menu-timeline",
    ]);
  });

  it("gives valid Telegram HTML for every message that has tags, in both languages", () => {
    for (const lang of LANGS) {
      for (const [id, text] of messages(lang)) {
        if (!/<[a-z]/.test(text)) continue;
        const formatted = t(lang, id, valuesFor(variablesOf(text)));
        expect(() => parseHtml(formatted, { strict: true }), `${lang}: ${id}`).not.toThrow();
        expect(parseHtml(formatted, { strict: true }).text.length, `${lang}: ${id}`).toBeLessThanOrEqual(4096);
      }
    }
  });
});
