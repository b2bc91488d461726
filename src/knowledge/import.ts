import { dump } from "js-yaml";
import { detectLanguage } from "../search/language.ts";
import { tokenize } from "../search/tokenize.ts";
import type { Lang } from "./types.ts";

export interface ImportedArticle {
  id: string;
  lang: Lang;
  title: string;
  published: string | null;
  /** Paragraphs; a heading starts with "## ". */
  paragraphs: string[];
}

/** A Markdown file: a leading "# title" is the title; the rest, paragraph by paragraph. */
export function fromMarkdown(markdown: string): Omit<ImportedArticle, "id" | "lang" | "published"> {
  const body = markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
  const blocks = body.split(/\r?\n\s*\r?\n/).map((b) => b.replace(/\s*\r?\n\s*/g, " ").trim()).filter(Boolean);
  const heading = blocks[0]?.match(/^#\s+(.*)$/);
  return { title: heading?.[1]?.trim() ?? "", paragraphs: (heading ? blocks.slice(1) : blocks).map((b) => b.replace(/^#{2,6}\s+/, "## ")) };
}

/** The language the text is written in, by its words. */
export function languageOf(text: string): Lang | null {
  return detectLanguage(tokenize(text));
}

const LATIN: Record<string, string> = {
  ...Object.fromEntries(
    "а a б b в v г g д d е e ё e ж zh з z и i й i к k л l м m н n о o п p р r с s т t у u ф f х h ц ts ч ch ш sh щ sch ы y э e ю yu я ya ә a ғ g қ q ң n ө o ұ u ү u һ h і i"
      .split(" ")
      .reduce<[string, string][]>((pairs, value, i, all) => (i % 2 ? pairs : [...pairs, [value, all[i + 1] ?? ""]]), []),
  ),
  ъ: "",
  ь: "",
};

/** An id for an article: from the URL's last part when it is readable, else from the title in Latin letters. */
export function articleId(url: string, title: string): string {
  const slug = (text: string) =>
    [...text.toLowerCase()]
      .map((c) => LATIN[c] ?? c)
      .join("")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "");
  const last = new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? "";
  const fromUrl = slug(decodeURIComponent(last).replace(/\.\w+$/, ""));
  return /[a-z]{3}/.test(fromUrl) && fromUrl.length >= 8 ? fromUrl : slug(title) || "article";
}

/** The article file: YAML front matter, then the paragraphs. */
export function articleFile(article: ImportedArticle & { outlet: string; url: string; translationOf?: string }): string {
  const front = dump({
    id: article.id,
    lang: article.lang,
    title: article.title,
    source: article.outlet,
    url: article.url,
    published: article.published,
    ...(article.translationOf ? { translation_of: article.translationOf } : {}),
  });
  return `---\n${front}---\n${article.paragraphs.join("\n\n")}\n`;
}
