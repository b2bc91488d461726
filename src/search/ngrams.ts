import { foldKazakh } from "./normalize.ts";

/*
 * Character trigrams of words, with the word's edges marked: "родня" and "родство", "казашек" and
 * "казахстанок", "қайтарылды" and "қайтарған" share much of them though no stemmer joins them.
 * Comparing them is the usual remedy for an agglutinative language without a good stemmer, and for
 * typos (McNamee & Mayfield, 2004).
 */

const N = 3;

/** The word's distinct trigrams ("#ро", "род", … "ня#"), on its folded spelling. */
export function trigrams(word: string): string[] {
  const marked = `#${foldKazakh(word)}#`;
  const grams = new Set<string>();
  for (let i = 0; i + N <= marked.length; i++) grams.add(marked.slice(i, i + N));
  return [...grams];
}

/** A word as the comparison sees it: its trigrams, and its stem and concepts. */
export interface WordForm {
  grams: string[];
  terms: string[];
}

/**
 * Compares the question's words with a text's, word by word: 1 for the same stem or concept
 * (вывезли, вернули: _return), else the share of trigrams they have in common. The question's
 * trigrams are indexed once, so a text word costs one look-up per trigram.
 */
export class WordMatcher {
  private readonly byGram = new Map<string, number[]>();
  private readonly counts: Int32Array;
  private readonly total: number;

  constructor(private readonly words: (WordForm & { weight: number })[]) {
    words.forEach((word, i) => {
      for (const gram of word.grams) {
        const list = this.byGram.get(gram);
        if (list) list.push(i);
        else this.byGram.set(gram, [i]);
      }
    });
    this.counts = new Int32Array(words.length);
    this.total = words.reduce((sum, w) => sum + w.weight, 0);
  }

  /** How well each question word matches `word`, into `out`; returns the best of them. */
  private compare(word: WordForm, out: Float64Array): number {
    this.counts.fill(0);
    for (const gram of word.grams) for (const i of this.byGram.get(gram) ?? []) this.counts[i] = (this.counts[i] as number) + 1;
    let best = 0;
    this.words.forEach((q, i) => {
      const score = q.terms.some((t) => word.terms.includes(t)) ? 1 : (2 * (this.counts[i] as number)) / (q.grams.length + word.grams.length);
      out[i] = score;
      if (score > best) best = score;
    });
    return best;
  }

  /** For each question word its best match in `text`, weighted by the word's weight: 0–1. */
  match(text: WordForm[]): number {
    if (this.words.length === 0 || this.total === 0) return 0;
    const best = new Float64Array(this.words.length);
    const row = new Float64Array(this.words.length);
    for (const word of text) {
      this.compare(word, row);
      for (let i = 0; i < row.length; i++) if ((row[i] as number) > (best[i] as number)) best[i] = row[i] as number;
    }
    return this.words.reduce((sum, w, i) => sum + w.weight * (best[i] as number), 0) / this.total;
  }

  /**
   * How close the question is to the closest of `asks` (the questions a fact answers): the
   * harmonic mean of how much of the question that one covers and how much of it the question
   * covers. 1 when the user asks just that.
   */
  closest(asks: WordForm[][]): number {
    if (this.words.length === 0 || this.total === 0) return 0;
    let closest = 0;
    const best = new Float64Array(this.words.length);
    const row = new Float64Array(this.words.length);
    for (const ask of asks) {
      if (ask.length === 0) continue;
      best.fill(0);
      let backward = 0;
      for (const word of ask) {
        backward += this.compare(word, row);
        for (let i = 0; i < row.length; i++) if ((row[i] as number) > (best[i] as number)) best[i] = row[i] as number;
      }
      backward /= ask.length;
      const forward = this.words.reduce((sum, w, i) => sum + w.weight * (best[i] as number), 0) / this.total;
      if (forward + backward > 0) closest = Math.max(closest, (2 * forward * backward) / (forward + backward));
    }
    return closest;
  }
}
