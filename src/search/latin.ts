/*
 * Kazakh is typed in Cyrillic, in the Latin alphabets of 2017 (apostrophes: a', g', n', s'),
 * 2018 (acute accents: á, ǵ, ń, ó, ú, ý, ı) and 2021 (ä, ğ, ñ, ö, ü, ş, ı), and informally in plain
 * ASCII (qazaqstan, shygys, jusan); Russian is sometimes typed in Latin too (skolko detei). Every
 * one of them is turned into Cyrillic here before a question is analysed, so that one index of
 * Cyrillic stems serves them all. No library does this for Kazakh's several Latin alphabets.
 */

const VOWEL = /[aeiouyáäóöúüýı]/;
const LATIN_WORD = /[A-Za-zÀ-ɏḀ-ỿ]+(?:['’ʼ`´][A-Za-zÀ-ɏḀ-ỿ]+)*['’ʼ`´]?/g;
const CYRILLIC = /[\u0400-\u04ff]/;
/** Letters that only Kazakh Latin uses; one of them anywhere makes the whole text Kazakh. */
const KAZAKH_MARKS = /[qáäǵğńñóöúüýışçQÁÄǴĞŃÑÓÖÚÜÝŞÇ]|[aougnisc]['’ʼ`´]/i;

/** Longest first: "shch" before "sh" before "s". */
const SEQUENCES: [string, string][] = [
  ["shch", "щ"],
  ["sh", "ш"],
  ["ch", "ч"],
  ["zh", "ж"],
  ["kh", "х"],
  ["gh", "ғ"],
  ["ts", "ц"],
  // я and ю: ya, yu (informal), ıa, ıý (2018), ia, iu (2017 and informal)
  ["iia", "ия"],
  ["ıa", "ия"],
  ["ia", "ия"],
  ["ıý", "ию"],
  ["ıu", "ию"],
  ["iu", "ию"],
  ["ya", "я"],
  ["yu", "ю"],
  ["yo", "ё"],
  ["ye", "е"],
  // 2017 alphabet
  ["a'", "ә"],
  ["o'", "ө"],
  ["u'", "ү"],
  ["g'", "ғ"],
  ["n'", "ң"],
  ["i'", "и"],
  ["s'", "ш"],
  ["c'", "ч"],
  ["y'", "у"],
];

const LETTERS: Record<string, string> = {
  a: "а", á: "ә", ä: "ә", b: "б", c: "ц", ç: "ч", d: "д", e: "е", é: "е", f: "ф", g: "г", ǵ: "ғ", ğ: "ғ",
  h: "х", j: "ж", k: "к", l: "л", m: "м", n: "н", ń: "ң", ñ: "ң", o: "о", ó: "ө", ö: "ө", p: "п", q: "қ",
  r: "р", s: "с", ş: "ш", t: "т", u: "у", ú: "ү", ü: "ү", ý: "у", v: "в", w: "у", x: "кс", z: "з",
};

/** Latin letters that look like Cyrillic ones: in a word that mixes the two scripts they are typos. */
const LOOKALIKES: Record<string, string> = {
  a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", k: "к", m: "м", t: "т", b: "в", h: "н",
  A: "А", C: "С", E: "Е", O: "О", P: "Р", X: "Х", Y: "У", K: "К", M: "М", T: "Т", B: "В", H: "Н",
};

const APOSTROPHES = /['’ʼ`´]/g;

/** One Latin word (lower case, apostrophes as "'") in Cyrillic. */
function transliterate(word: string, kazakh: boolean): string {
  let out = "";
  for (let i = 0; i < word.length; ) {
    const sequence = SEQUENCES.find(([latin]) => word.startsWith(latin, i));
    if (sequence) {
      const afterVowel = VOWEL.test(word[i - 1] ?? "");
      // I' is both И and Й in the 2017 alphabet: Й after a vowel (qai'taryldy); and after a vowel
      // ıa, ia are Я, ıu, iu Ю (baıandama: баяндама), after a consonant ИЯ, ИЮ (Sırıa: Сирия).
      if (sequence[0] === "i'" && afterVowel) out += "й";
      // "ayel": Й then Е (әйел typed without its letters), not a soft Е; but "Tokayev" is Токаев.
      else if (sequence[0] === "ye" && /[aeou]/.test(word[i - 1] ?? "") && word[i + 2] !== "v") out += "йе";
      else if (afterVowel && /^[iı][aauý]$/.test(sequence[0])) out += sequence[1].slice(1);
      else out += sequence[1];
      i += sequence[0].length;
      continue;
    }
    const letter = word[i] as string;
    const previous = word[i - 1] ?? "";
    const next = word[i + 1] ?? "";
    // "ai", "oy": the second letter is й; "ii" is not.
    const afterVowel = VOWEL.test(previous) && !/[iıy]/.test(previous);
    const beforeVowel = VOWEL.test(next);
    if (letter === "'") out += "";
    else if (letter === "y") out += afterVowel && !beforeVowel ? "й" : "ы";
    // ı after a vowel is Й (qaıtaryldy, paıyzy); plain i is Й only before a consonant (qaitaryldy, not aiel → әіел).
    else if (letter === "ı" && afterVowel) out += "й";
    else if (letter === "i" || letter === "ı" || letter === "İ") out += afterVowel && !beforeVowel ? "й" : kazakh && letter === "i" ? "і" : "и";
    else out += LETTERS[letter] ?? letter;
    i++;
  }
  return out;
}

const isAcronym = (word: string) => word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();

/**
 * The text with every Latin word in Cyrillic: Kazakh by its Latin alphabets, Russian by the usual
 * transliteration. Acronyms (KNB, UNICEF) and the words `keep` accepts, given their Cyrillic
 * reading (names the sources write in Latin: "Atlantic Council"), stay as they are; Latin
 * look-alikes in a Cyrillic word ("Cирия" with a Latin C) become the Cyrillic letters they look like.
 */
export function cyrillize(text: string, keep: (word: string, cyrillic: string) => boolean = () => false): string {
  if (!/[A-Za-zÀ-ɏḀ-ỿ]/.test(text)) return text;
  const kazakh = KAZAKH_MARKS.test(text);
  const mixed = text.replace(/[\p{L}'’ʼ`´]+/gu, (word) =>
    CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (letter) => LOOKALIKES[letter] ?? letter) : word,
  );
  return mixed.replace(LATIN_WORD, (word) => {
    if (isAcronym(word.replace(APOSTROPHES, ""))) return word;
    let cyrillic = transliterate(word.normalize("NFC").toLowerCase().replace(APOSTROPHES, "'"), kazakh);
    // "Siri'ia" (И as i', Я as ia) comes out with one и too many; Kazakh has no "ии".
    if (kazakh) cyrillic = cyrillic.replace(/[иі]и/g, "и");
    if (keep(word.toLowerCase(), cyrillic)) return word;
    return word[0] === word[0]?.toLowerCase() ? cyrillic : cyrillic.charAt(0).toUpperCase() + cyrillic.slice(1);
  });
}
