import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.ts";
import { evaluate, loadQuestions, share } from "../../src/eval/evaluate.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { LANGS } from "../../src/knowledge/types.ts";

const TARGET = 0.95;

describe("evaluation set", () => {
  const engine = new AnswerEngine(loadKnowledge("knowledge"));
  const questions = [...loadQuestions("test/eval/questions.yaml"), ...loadQuestions("test/eval/questions-2.yaml")];
  const report = evaluate(engine, questions);
  const failures = (lang: string) =>
    report.results.filter((r) => !r.correct && r.question.lang === lang).map((r) => `${r.question.q} — ${r.problem}`);

  it("has at least 60 questions, half of them in each language", () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((q) => q.lang === "ru").length).toBe(questions.filter((q) => q.lang === "kk").length);
  });

  for (const lang of LANGS) {
    it(`answers at least ${TARGET * 100}% of the in-domain ${lang} questions with the right fact and source`, () => {
      expect(share(report.inDomain[lang]), failures(lang).join("\n")).toBeGreaterThanOrEqual(TARGET);
    });

    it(`answers every out-of-domain ${lang} question "not found"`, () => {
      expect(share(report.outOfDomain[lang]), failures(lang).join("\n")).toBe(1);
    });
  }
});
