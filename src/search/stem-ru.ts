import { newStemmer } from "snowball-stemmers";

const stemmer = newStemmer("russian");
const cache = new Map<string, string>();

/** Snowball keeps -ев/-ов in "Назарбаева" but drops it in "Назарбаев"; surnames stem alike without it. */
const SURNAME_SUFFIX = /(?<=^.{3,})[ео]в$/;

/** The Snowball stem of a Russian word (lower case, ё already folded to е). */
export function stemRussian(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = stemmer.stem(word).replace(SURNAME_SUFFIX, "");
    if (cache.size < 100_000) cache.set(word, stem);
  }
  return stem;
}
