import { foldKazakh, normalize } from "./normalize.ts";

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const NAME_AND_NUMBER = /^\p{L}+-\d+$/u;

/**
 * Kazakh writes case and possessive endings after an abbreviation or a number with a hyphen
 * (БҰҰ-ның, ҰҚК-ға, АҚШ-тағы, 47-сі, 600-ге): such an ending is dropped, folded spellings included.
 */
const HYPHENATED_ENDINGS = new Set(
  `ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде дан ден тан тен нан нен
   мен бен пен дағы дегі тағы тегі ндағы ндегі сы сі ы і ын ін сын сін ншы нші ыншы інші ғы гі қы кі
   лар лер дар дер тар тер ке`
    .split(/\s+/)
    .map((ending) => foldKazakh(ending)),
);

/** Russian particles written with a hyphen ("мужиков-то", "где-нибудь", "всё-таки"): they add no meaning. */
const PARTICLES = new Set(["то", "нибудь", "либо", "таки", "ка"]);
/** With a particle these are indefinite ("где-то", "кто-нибудь"): no longer question words, and nothing to search for. */
const INDEFINITE = new Set(
  "где куда откуда кто кого кому кем что чего чем как какой какая какое какие какого какую каком каких когда сколько почему зачем чей чья чье чьи"
    .split(" ")
    .map((w) => foldKazakh(w)),
);

/**
 * The words of a text, normalized. Hyphenated words split into their parts ("Нур-Султан" → нур,
 * султан); a name with a number ("Жусан-3") also stays whole, as "жусан3", so that it can be
 * asked for as such.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const word of normalize(text).match(WORD) ?? []) {
    const parts = word.split("-");
    if (parts.length === 2 && (parts[0] as string).length > 1 && HYPHENATED_ENDINGS.has(foldKazakh(parts[1] as string))) parts.pop();
    if (parts.length === 2 && PARTICLES.has(parts[1] as string)) {
      parts.pop();
      if (INDEFINITE.has(foldKazakh(parts[0] as string))) continue;
    }
    words.push(...parts);
    if (NAME_AND_NUMBER.test(word)) words.push(word.replace("-", ""));
  }
  return words;
}
