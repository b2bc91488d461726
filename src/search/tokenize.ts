import { normalize } from "./normalize.ts";

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const NAME_AND_NUMBER = /^\p{L}+-\d+$/u;

/**
 * The words of a text, normalized. Hyphenated words split into their parts ("Нур-Султан" → нур,
 * султан); a name with a number ("Жусан-3") also stays whole, as "жусан3", so that it can be
 * asked for as such.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const word of normalize(text).match(WORD) ?? []) {
    words.push(...word.split("-"));
    if (NAME_AND_NUMBER.test(word)) words.push(word.replace("-", ""));
  }
  return words;
}
