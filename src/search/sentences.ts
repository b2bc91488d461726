/** Abbreviations after which a full stop does not end a sentence (lower case, without the dot). */
const ABBREVIATIONS = new Set(["г", "гг", "т", "е", "др", "им", "ул", "см", "млн", "млрд", "тыс", "ж", "жж", "б", "обл", "рис", "стр", "англ"]);

/**
 * Splits a paragraph into sentences at ., ! ? and … followed by a capital letter, a digit or an
 * opening quote, but not after an initial ("Е. Ашикбаев") or a known abbreviation ("2019 г.").
 */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["»”)]*)\s+(?=["«“(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const match of paragraph.matchAll(boundary)) {
    const end = (match.index ?? 0) + (match[1]?.length ?? 0);
    const before = paragraph.slice(start, match.index).split(/[\s(«"]+/).at(-1) ?? "";
    if (match[1] === "." && (/^\p{Lu}$/u.test(before) || ABBREVIATIONS.has(before.toLowerCase()))) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
