import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KnowledgeError } from "./fields.ts";
import { articleFile, type ImportedArticle } from "./import.ts";
import { loadKnowledge } from "./load.ts";
import type { Lang } from "./types.ts";

export type NewArticle = ImportedArticle & { outlet: string; url: string; translationOf?: string };

/** Where the article `id` in `lang` is kept in the knowledge base. */
export const articlePath = (knowledgeDir: string, lang: Lang, id: string) => join(knowledgeDir, "articles", lang, `${id}.md`);

/** The file an article would go to is there already. */
export class ArticleExists extends Error {
  override readonly name = "ArticleExists";
  constructor(readonly path: string) {
    super(`${path} exists already`);
  }
}

/**
 * Writes an article into the knowledge base (`npm run add`, and an admin's ✅ in Telegram) and
 * checks the whole knowledge base as the bot will load it: an article that would not pass is
 * removed again and the KnowledgeError thrown. Returns the file's path.
 */
export function addArticle(knowledgeDir: string, article: NewArticle, { overwrite = false } = {}): string {
  const path = articlePath(knowledgeDir, article.lang, article.id);
  if (existsSync(path) && !overwrite) throw new ArticleExists(path);
  mkdirSync(join(knowledgeDir, "articles", article.lang), { recursive: true });
  writeFileSync(path, articleFile(article));
  try {
    loadKnowledge(knowledgeDir);
  } catch (error) {
    if (error instanceof KnowledgeError) rmSync(path);
    throw error;
  }
  return path;
}
