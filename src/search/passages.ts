import { createHash } from "node:crypto";
import type { Article, Bilingual, Fact, FactAbout, KnowledgeBase, Lang, Source } from "../knowledge/types.ts";
import { LANGS, otherLang } from "../knowledge/types.ts";
import { splitSentences } from "./sentences.ts";

export type PassageOrigin =
  | { kind: "event" | "figure" | "topic"; id: string; fact: number }
  | { kind: "article"; id: string; paragraph: number; sentence: number };

/** A short reference to a passage that stays the same across reloads while the passage exists (for buttons and inline results). */
export const passageRef = (passage: Passage): string => createHash("sha1").update(passage.key).digest("base64url").slice(0, 12);

/** The unit of retrieval: a fact of a structured entry, or one sentence of an article. */
export interface Passage {
  /** Stable across loads of the same knowledge base: `event:zhusan-1:2:kk`, `article:<id>:3:1`. */
  key: string;
  lang: Lang;
  /** What gets quoted. */
  text: string;
  /** Where the passage stands (entry title, article title and heading): searched, never quoted. */
  context: string;
  /** Questions the passage's fact answers (from the knowledge base's `asks`): searched, never quoted. */
  asks: string;
  /** The entry's or the article's title, in the passage's language. */
  title: string;
  sources: Source[];
  origin: PassageOrigin;
  /** Key of the same passage in the other language, when there is one. */
  sibling: string | null;
  /** From an article that is a translation (its source is the original's page). */
  translated: boolean;
  /** For an article sentence: the sentences around it in its paragraph, to complete a quote. */
  neighbours: { before: string | null; after: string | null };
  /** A "who" fact of the timeline, or any fact about a person. */
  aboutPerson: boolean;
  /** What a timeline fact tells: what happened, who did it, the numbers, how sources disagree. */
  about: FactAbout | null;
}


export function buildPassages(kb: KnowledgeBase): Passage[] {
  const passages: Passage[] = [];
  const facts = (kind: "event" | "figure" | "topic", id: string, title: Bilingual, context: Bilingual, list: Fact[], person: (fact: Fact) => boolean) =>
    list.forEach((fact, index) => {
      for (const lang of LANGS) {
        const key = (l: Lang) => `${kind}:${id}:${index}:${l}`;
        passages.push({
          key: key(lang),
          lang,
          text: fact.text[lang],
          context: context[lang],
          asks: fact.asks[lang].join("\n"),
          title: title[lang],
          sources: fact.sources,
          origin: { kind, id, fact: index },
          sibling: key(otherLang(lang)),
          translated: false,
          neighbours: { before: null, after: null },
          aboutPerson: person(fact),
          about: fact.about,
        });
      }
    });

  for (const event of kb.timeline) {
    const context = { ru: `${event.title.ru}. ${event.dateLabel.ru}`, kk: `${event.title.kk}. ${event.dateLabel.kk}` };
    facts("event", event.id, event.title, context, event.facts, (fact) => fact.about === "who");
  }
  for (const figure of kb.figures) {
    const context = { ru: [figure.name.ru, ...figure.aliases].join(". "), kk: [figure.name.kk, ...figure.aliases].join(". ") };
    facts("figure", figure.id, figure.name, context, figure.facts, () => figure.kind === "person");
  }
  for (const topic of kb.topics) facts("topic", topic.id, topic.title, topic.title, topic.facts, () => false);

  const byId = new Map(kb.articles.map((a) => [a.id, a]));
  for (const article of kb.articles) {
    const counterpart = article.translationOf
      ? byId.get(article.translationOf)
      : kb.articles.find((a) => a.translationOf === article.id);
    passages.push(...articlePassages(article, counterpart));
  }
  return passages;
}

function articleSource(article: Article): Source {
  return { url: article.url, outlet: article.outlet, title: article.title, published: article.published, lang: article.lang };
}

const sentenceKey = (articleId: string, paragraph: number, sentence: number) => `article:${articleId}:${paragraph}:${sentence}`;

function articlePassages(article: Article, counterpart: Article | undefined): Passage[] {
  const passages: Passage[] = [];
  const source = articleSource(article);
  let heading = "";
  article.paragraphs.forEach((paragraph, p) => {
    if (paragraph.heading) {
      heading = paragraph.text;
      return;
    }
    const sentences = splitSentences(paragraph.text);
    const theirs = counterpart?.paragraphs[p];
    // Sentences pair up with the translation's only where both paragraphs split the same way.
    const aligned = theirs !== undefined && !theirs.heading && splitSentences(theirs.text).length === sentences.length;
    sentences.forEach((text, s) => {
      passages.push({
        key: sentenceKey(article.id, p, s),
        lang: article.lang,
        text,
        // The sentence before is context: "Шестой этап прошёл в марте. Операцию координировал …" answers who coordinated it.
        context: [article.title, heading, article.published?.slice(0, 4) ?? "", sentences[s - 1] ?? ""].filter((part) => part !== "").join(". "),
        asks: "",
        title: article.title,
        sources: [source],
        origin: { kind: "article", id: article.id, paragraph: p, sentence: s },
        sibling: aligned && counterpart ? sentenceKey(counterpart.id, p, s) : null,
        translated: article.translationOf !== null,
        neighbours: { before: sentences[s - 1] ?? null, after: sentences[s + 1] ?? null },
        aboutPerson: false,
        about: null,
      });
    });
  });
  return passages;
}
