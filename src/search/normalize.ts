const KAZAKH_FOLD: Record<string, string> = {
  ә: "а",
  ғ: "г",
  қ: "к",
  ң: "н",
  ө: "о",
  ұ: "у",
  ү: "у",
  һ: "х",
  і: "и",
};

/** Letters that occur in Kazakh Cyrillic but not in Russian. */
export const KAZAKH_LETTERS = /[әғқңөұүһі]/;

/** Lower case, NFC, ё → е, and no combining accents or invisible characters. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u0302\u0304\u0305\u0307-\u036f]/g, "")
    .normalize("NFC")
    .replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/g, "")
    .toLowerCase()
    .replace(/ё/g, "е");
}

/**
 * Maps Kazakh-only letters to the Russian letters people type instead of them on a Russian
 * keyboard (қ → к, ү → у, і → и …), so "кайтарылды" and "қайтарылды" meet in the index.
 */
export function foldKazakh(word: string, { keepNasal = false } = {}): string {
  return word.replace(keepNasal ? /[әғқөұүһі]/g : /[әғқңөұүһі]/g, (letter) => KAZAKH_FOLD[letter] ?? letter);
}
