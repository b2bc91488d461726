import { foldKazakh } from "./normalize.ts";

/*
 * A small Kazakh suffix stripper. Kazakh is agglutinative: root + derivation + plural +
 * possessive + case (or a verb's tense and person). We strip endings from the right, longest
 * first, on the folded spelling (қ → к, і → и …) so that words typed on a Russian keyboard stem
 * the same way. Each ending only comes off after the sounds Kazakh allows before it (the
 * allomorph rules: -тан after a voiceless consonant, -дан after a vowel or voiced consonant …),
 * which keeps most roots from losing letters that merely look like an ending.
 */

const VOWELS = "аеиоуыэюя";
const VOICELESS = "кпстшфхцчщ";
const VOICED = "бвгджз";
const SONORANTS = "лмнңрйь";
const ANY = VOWELS + VOICELESS + VOICED + SONORANTS;

/** Endings (folded) and the letters that may stand right before each. */
const ENDINGS: [string[], string][] = [
  // plural
  [["лар", "лер"], VOWELS + "рй"],
  [["дар", "дер"], "лмнңзжбвгд"],
  [["тар", "тер"], VOICELESS],
  // genitive
  [["ның", "ниң"], VOWELS + "мнң"],
  [["дың", "диң"], "лрйзж"],
  [["тың", "тиң"], VOICELESS + "бвгд"],
  // accusative, and the past tense that looks the same
  [["ны", "ни"], VOWELS],
  [["ды", "ди"], VOWELS + SONORANTS + "зж"],
  [["ты", "ти"], VOICELESS + "бвгд"],
  // dative
  [["га", "ге"], VOWELS + SONORANTS + VOICED],
  [["ка", "ке"], VOICELESS + "в"],
  [["на", "не"], VOWELS],
  // locative
  [["да", "де"], VOWELS + SONORANTS + VOICED],
  [["та", "те"], VOICELESS + "в"],
  [["нда", "нде"], VOWELS],
  // ablative
  [["дан", "ден"], VOWELS + "лрйзж"],
  [["тан", "тен"], VOICELESS + "бвгд"],
  [["нан", "нен"], VOWELS + "мнң"],
  // instrumental
  [["мен", "менен"], VOWELS + SONORANTS + "зж"],
  [["бен"], "зж"],
  [["пен"], VOICELESS + "бвгд"],
  // possessive
  [["сы", "си"], VOWELS],
  [["ы", "и"], VOICELESS + VOICED + SONORANTS],
  // (the first and second person, "-ым", "-ың", are left alone: news text hardly uses them, and
  // they would cut nouns such as басылым down to бас)
  [["ын", "ин"], VOICELESS + VOICED + SONORANTS],
  [["сын", "син"], VOWELS],
  [["мыз", "миз", "ымыз", "имиз", "ңыз", "ңиз", "ыңыз", "иңиз"], ANY],
  // adjectives of time and place: 2019 жылғы, Сириядағы
  [["гы", "ги"], VOWELS + SONORANTS + VOICED],
  [["кы", "ки"], VOICELESS],
  [["дагы", "деги", "тагы", "теги", "ндагы", "ндеги"], ANY],

  [["ыншы", "инши"], VOICELESS + VOICED + SONORANTS],
  [["ншы", "нши"], VOWELS],
  // verbs: participles, converbs, verbal nouns, passive, verbs made from nouns
  // the present tense: береді, жазылады, қайтарады
  [["ады", "еди"], VOICELESS + VOICED + SONORANTS],
  [["йды", "йди"], VOWELS],
  [["ган", "ген"], VOWELS + SONORANTS + VOICED],
  [["кан", "кен"], VOICELESS],
  [["ып", "ип"], VOICELESS + VOICED + SONORANTS],
  [["атын", "етин", "йтын", "йтин"], ANY],
  [["ушы", "уши"], ANY],
  [["у"], VOICELESS + VOICED + SONORANTS],
  [["ыл", "ил"], VOICELESS + VOICED + "нмр"],
];

/**
 * Word-building endings: -лық (-ness, -ian), -шы (agent), -сыз (without). Once one is off, what
 * is left is a root, so stripping stops there (бостандықта → бостан, not бос).
 */
const DERIVATIONS: [string[], string][] = [
  [["лык", "лик"], VOWELS + SONORANTS + "зж"],
  [["дык", "дик"], "лмнңзжбвгд"],
  [["тык", "тик"], VOICELESS],
  [["шы", "ши"], ANY],
  [["сыз", "сиз"], ANY],
  // verbs made from nouns (эвакуацияланды); the root must be long, or names such as Ерлан lose it
  [["лан", "лен"], VOWELS],
];

const SUFFIXES = [
  ...ENDINGS.flatMap(([forms, before]) => forms.map((form) => ({ form, before, derivation: false }))),
  ...DERIVATIONS.flatMap(([forms, before]) => forms.map((form) => ({ form, before, derivation: true }))),
].sort((a, b) => b.form.length - a.form.length);

/**
 * ң stays apart from н while stripping: -ны, -нда, -нан after a vowel would otherwise eat the
 * ң of roots such as кезең.
 */
const foldExceptNasal = (word: string) => foldKazakh(word, { keepNasal: true });

/** Words that end in what looks like an ending but is part of the root. */
const ROOTS = new Set(
  [
    "қазақстан", "жусан", "ирак", "сирия", "ауған", "ауғанстан", "иордания", "түркия", "ливан",
    "ақтау", "маңғыстау", "қарағанды", "нұр", "сұлтан", "астана", "бағдад", "вашингтон", "русафа",
    "адам", "әйел", "бала", "жетім", "кезең", "президент", "операция", "миссия", "тұтқын",
    "отан", "ана", "ата", "жыл", "ай", "күн", "ел", "сот", "үкім", "орталық", "мемлекет",
    "министр", "министрлік", "комитет", "ұйым", "сарапшы", "елші", "өкіл", "лагерь", "түрме",
    "қару", "соғыс", "қақтығыс", "террор", "терроризм", "терроршы", "экстремизм", "радикал",
    "діни", "теолог", "психолог", "мұғалім", "дәрігер", "құжат", "азамат", "әскери", "ұшақ",
    "жүз", "мың", "барлық", "бірінші", "екінші", "үшінші", "төртінші", "бесінші",
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
    "қазан", "қараша", "желтоқсан", "ел", "ер", "ай", "ат", "ас", "іс", "су", "ұл", "ақ", "өз", "үй", "ту", "жол", "баста", "басшы", "айып",
  ].map(foldExceptNasal),
);

/** Shorter stems must be known roots (ел, ер, ай…): a two-letter remainder is usually a root cut too far. */
const MIN_STEM = 3;
const MIN_DERIVED_ROOT = 4;
const cache = new Map<string, string>();


/** The stem of a Kazakh word (lower case, possibly typed without Kazakh letters). */
export function stemKazakh(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  let stem = foldExceptNasal(word);
  for (let round = 0; round < 5 && !ROOTS.has(stem); round++) {
    const next = stripOne(stem);
    if (!next) break;
    stem = next.stem;
    if (next.derivation) break;
  }
  stem = foldKazakh(stem);
  if (cache.size < 100_000) cache.set(word, stem);
  return stem;
}

/** The у of a verbal noun is a consonant: атау → атауы, оралу → оралуы take the possessive -ы. */
const possessiveAfterVerbalNoun = (form: string, stem: string) => (form === "ы" || form === "и") && stem.endsWith("у");

function stripOne(word: string): { stem: string; derivation: boolean } | null {
  let longest: { stem: string; derivation: boolean } | null = null;
  for (const { form, before, derivation } of SUFFIXES) {
    if (!word.endsWith(form)) continue;
    let stem = word.slice(0, -form.length);
    const last = stem.at(-1);
    if ((stem.length < MIN_STEM && !ROOTS.has(stem)) || last === undefined) continue;
    if (!before.includes(last) && !possessiveAfterVerbalNoun(form, stem)) continue;
    if (derivation && stem.length < MIN_DERIVED_ROOT) continue;
    if (![...stem].some((letter) => VOWELS.includes(letter))) continue;
    // A root's final қ/к/п turns voiced before a vowel: орталық → орталығы, кітап → кітабы.
    if (VOWELS.includes(form[0] ?? "")) stem = stem.replace(/г$/, "к").replace(/б$/, "п");
    if (ROOTS.has(stem)) return { stem, derivation };
    longest ??= { stem, derivation };
  }
  return longest;
}
