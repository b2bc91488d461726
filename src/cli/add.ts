import "../env.ts";
import { existsSync, readFileSync } from "node:fs";
import { extname, relative } from "node:path";
import { parseArgs } from "node:util";
import { knowledgeDirOf } from "../config.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import { MIN_TEXT_CHARS, whyNotText } from "../knowledge/article-text.ts";
import { addArticle, ArticleExists } from "../knowledge/add-article.ts";
import { fromHtml } from "../knowledge/html-article.ts";
import { articleId, fromMarkdown, languageOf } from "../knowledge/import.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";

const USAGE =
  "usage: npm run add -- <file.html|file.md> --url <link> --source <outlet> [--lang ru|kk] [--published YYYY-MM-DD] [--title …] [--id …] [--translation-of <id>] [--force]";

function isWebAddress(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: "string" },
        source: { type: "string" },
        lang: { type: "string" },
        published: { type: "string" },
        title: { type: "string" },
        id: { type: "string" },
        "translation-of": { type: "string" },
        force: { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (!input || !values.url || !values.source || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  if (!isWebAddress(values.url)) {
    console.error(`--url must be the article's web address (http:// or https://), not "${values.url}"`);
    return 2;
  }
  if (!existsSync(input)) {
    console.error(`No such file: ${input}`);
    return 2;
  }
  const bytes = readFileSync(input);
  const content = bytes.toString("utf8");
  const notText = whyNotText(content);
  if (notText) {
    console.error(`${input} is not an article saved as text (${notText}); save the page as .html or the text as .md`);
    return 1;
  }
  const html = [".html", ".htm"].includes(extname(input).toLowerCase());
  let extracted;
  try {
    extracted = html ? fromHtml(content, values.url, values.source) : { ...fromMarkdown(content), published: null };
  } catch (error) {
    console.error(`Could not read the article in ${input}: ${(error as Error).message}`);
    return 1;
  }
  const title = values.title ?? extracted.title;
  const lang = (values.lang ?? languageOf(`${title} ${extracted.paragraphs.join(" ")}`) ?? "ru") as Lang;
  if (!LANGS.includes(lang)) {
    console.error(`--lang must be ru or kk`);
    return 2;
  }
  if (!title || extracted.paragraphs.length === 0) {
    console.error(`${input} has no ${title ? "text" : "title"}; give it with ${title ? "a body" : "--title"}.`);
    return 1;
  }
  const length = extracted.paragraphs.filter((p) => !p.startsWith("## ")).join(" ").length;
  if (length < MIN_TEXT_CHARS) {
    console.error(`${input} has only ${length} characters of text; an article needs at least ${MIN_TEXT_CHARS}.`);
    return 1;
  }

  const knowledgeDir = knowledgeDirOf();
  // A translation shares its original's page, so the id made from the address would be the original's.
  const translationOf = values["translation-of"];
  const id = values.id ?? (translationOf ? `${translationOf}-${lang}` : articleId(values.url, title));
  let path;
  try {
    path = addArticle(
      knowledgeDir,
      {
        id,
        lang,
        title,
        published: values.published ?? extracted.published,
        paragraphs: extracted.paragraphs,
        outlet: values.source,
        url: values.url,
        ...(translationOf ? { translationOf } : {}),
      },
      { overwrite: values.force },
    );
  } catch (error) {
    if (error instanceof ArticleExists) {
      console.error(`${relative(process.cwd(), error.path)} exists already; choose another --id or add --force.`);
      return 1;
    }
    if (!(error instanceof KnowledgeError)) throw error;
    console.error(`The article would not pass the knowledge base's checks, so it was not added:\n${error.message}`);
    return 1;
  }
  console.log(`Added ${relative(process.cwd(), path)} (${lang}, ${extracted.paragraphs.length} paragraphs). Check it, then run npm run publish to announce it.`);
  return 0;
}

process.exitCode = main();
