import "../env.ts";
import { parseArgs } from "node:util";
import { AnswerEngine } from "../answer/engine.ts";
import { knowledgeDirOf } from "../config.ts";
import { renderText } from "../answer/render-text.ts";
import { createI18n, translator } from "../i18n.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";

const USAGE = 'usage: npm run ask -- [--json] [--lang ru|kk] "<question>"';

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { json: { type: "boolean" }, lang: { type: "string" } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const question = args.positionals.join(" ");
  const fallbackLang = args.values.lang ?? "ru";
  if (args.positionals.length === 0 || !(LANGS as readonly string[]).includes(fallbackLang)) {
    console.error(USAGE);
    return 2;
  }

  let engine: AnswerEngine;
  try {
    engine = new AnswerEngine(loadKnowledge(knowledgeDirOf()));
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    console.error(error.message);
    return 1;
  }
  const t = translator(createI18n());
  const answer = engine.ask(question, { fallbackLang: fallbackLang as Lang });
  if (args.values.json) {
    const text = answer.found ? answer.quotes.map((q) => q.text).join("\n\n") : renderText(answer, t);
    const sources = answer.sources.map(({ title, outlet, published, url }) => ({ title, outlet, published, url }));
    console.log(JSON.stringify({ found: answer.found, lang: answer.lang, text, sources }));
  } else {
    console.log(renderText(answer, t));
  }
  return 0;
}

process.exitCode = main();
