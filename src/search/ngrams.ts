import { foldKazakh } from "./normalize.ts";
import { tokenize } from "./tokenize.ts";

/*
 * Character trigrams of words, with the word's edges marked: "родня" and "родство", "казашек" and
 * "казахстанок", "қайтарылды" and "қайтарған" share much of them though no stemmer joins them.
 * Comparing them is the usual remedy for an agglutinative language without a good stemmer, and for
 * typos (McNamee & Mayfield, 2004).
 */

const N = 3;

/** The word's trigrams ("#ро", "род", … "ня#"), on its folded spelling. */
export function trigrams(word: string): Set<string> {
  const marked = `#${foldKazakh(word)}#`;
  const grams = new Set<string>();
  for (let i = 0; i + N <= marked.length; i++) grams.add(marked.slice(i, i + N));
  return grams;
}

/** Dice's coefficient of two sets of trigrams: 1 for the same word, 0 for nothing in common. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const gram of a) if (b.has(gram)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * How closely a text's words match each of the question's words, by trigrams: for each question
 * word, the best match in the text (1 when the word itself is there), weighted by the word's
 * weight; 0–1.
 */
export function trigramMatch(words: { grams: Set<string>; weight: number }[], text: string): number {
  if (words.length === 0) return 0;
  const textGrams = [...new Set(tokenize(text))].filter((w) => w.length > 2).map(trigrams);
  let total = 0;
  let matched = 0;
  for (const { grams, weight } of words) {
    let best = 0;
    for (const candidate of textGrams) best = Math.max(best, dice(grams, candidate));
    total += weight;
    matched += weight * best;
  }
  return total > 0 ? matched / total : 0;
}

/** A word as the ask comparison sees it: its trigrams, and its stem and concepts. */
export interface WordForm {
  grams: Set<string>;
  terms: string[];
}

/** 1 for the same stem or concept (выслали, вывезли: _return), else how many trigrams they share. */
function wordMatch(a: WordForm, b: WordForm): number {
  if (a.terms.some((t) => b.terms.includes(t))) return 1;
  return dice(a.grams, b.grams);
}

/**
 * How close the question is to the closest of the questions a fact answers (asks): the harmonic
 * mean of how much of the question that one covers and how much of it the question covers, word
 * by word. 1 when the user asks just that.
 */
export function closestAsk(words: (WordForm & { weight: number })[], asks: WordForm[][]): number {
  if (words.length === 0) return 0;
  const total = words.reduce((sum, w) => sum + w.weight, 0) || 1;
  let best = 0;
  for (const ask of asks) {
    if (ask.length === 0) continue;
    let forward = 0;
    for (const word of words) {
      let match = 0;
      for (const candidate of ask) match = Math.max(match, wordMatch(word, candidate));
      forward += word.weight * match;
    }
    forward /= total;
    let backward = 0;
    for (const candidate of ask) {
      let match = 0;
      for (const word of words) match = Math.max(match, wordMatch(word, candidate));
      backward += match;
    }
    backward /= ask.length;
    if (forward + backward > 0) best = Math.max(best, (2 * forward * backward) / (forward + backward));
  }
  return best;
}
