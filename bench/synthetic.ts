import type { Bilingual, Fact, KnowledgeBase } from "../src/knowledge/types.ts";

const SYLLABLES = ["ка", "ра", "ту", "мен", "сал", "бек", "жан", "тас", "ор", "ли", "не", "ду", "ко", "ай", "ым", "ст", "ви", "зо"];

/** A pseudo-word for a number, so that the vocabulary grows with the copies as real text would. */
function pseudoWord(n: number): string {
  let word = "";
  let rest = n + SYLLABLES.length;
  while (rest > 0) {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return word;
}

/** Replaces every fourth word of a text with a pseudo-word particular to copy `copy`. */
function vary(text: string, copy: number, vocabulary: number): string {
  let i = 0;
  return text.replace(/[\p{L}]{4,}/gu, (word) => (i++ % 4 === 3 ? pseudoWord((copy * 7919 + i * 104_729) % vocabulary) : word));
}

const varyBilingual = (text: Bilingual, copy: number, vocabulary: number): Bilingual => ({
  ru: vary(text.ru, copy, vocabulary),
  kk: vary(text.kk, copy, vocabulary),
});

const varyFacts = (facts: Fact[], copy: number, vocabulary: number): Fact[] =>
  facts.map((fact) => ({ ...fact, text: varyBilingual(fact.text, copy, vocabulary) }));

/**
 * A knowledge base `factor` times the size of `kb`: each entry and article copied with a quarter
 * of its words replaced by pseudo-words from a vocabulary that grows with the copies.
 */
export function synthesize(kb: KnowledgeBase, factor: number): KnowledgeBase {
  const vocabulary = 2_000 * Math.ceil(Math.sqrt(factor)) * 10;
  const copies = Array.from({ length: factor }, (_, c) => c);
  return {
    sources: kb.sources,
    timeline: copies.flatMap((c) => kb.timeline.map((e) => ({ ...e, id: `${e.id}-${c}`, facts: varyFacts(e.facts, c, vocabulary) }))),
    figures: copies.flatMap((c) => kb.figures.map((f) => ({ ...f, id: `${f.id}-${c}`, facts: varyFacts(f.facts, c, vocabulary) }))),
    topics: copies.flatMap((c) => kb.topics.map((t) => ({ ...t, id: `${t.id}-${c}`, facts: varyFacts(t.facts, c, vocabulary) }))),
    articles: copies.flatMap((c) =>
      kb.articles.map((a) => ({
        ...a,
        id: `${a.id}-${c}`,
        translationOf: a.translationOf && `${a.translationOf}-${c}`,
        paragraphs: a.paragraphs.map((p) => ({ ...p, text: vary(p.text, c, vocabulary) })),
      })),
    ),
  };
}
