import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { LANGS, type LoadedKnowledge } from "../../src/knowledge/types.ts";
import { buildPassages, type Passage } from "../../src/search/passages.ts";
import { CALLBACK_DATA_BYTES, callbackData, EXAMPLES, MENU_ROOT, parseCallback, type CallbackData } from "../../src/telegram/callback-data.ts";
import { passageRef } from "../../src/search/passages.ts";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const VOTES = ["up", "down"] as const;
const REVIEW_ACTIONS = ["publish", "edit", "reject"] as const;
/** The longest draft id the review buttons carry (15 digits), and the longest entry id the knowledge base allows. */
const LONGEST_DRAFT = 999_999_999_999_999;
const LONGEST_ID = "a".repeat(24);

let kb: LoadedKnowledge;
let passages: Passage[];

beforeAll(() => {
  kb = loadKnowledge("knowledge");
  passages = buildPassages(kb);
});

/** Every button data the bot can build from the real knowledge base, with what it stands for. */
function everyButton(): [string, CallbackData][] {
  const refs = passages.map(passageRef);
  return [
    ...LANGS.map((lang): [string, CallbackData] => [callbackData.language(lang), { kind: "language", lang }]),
    ...EXAMPLES.map((n): [string, CallbackData] => [callbackData.example(n), { kind: "example", n }]),
    ...LANGS.flatMap((lang) => refs.map((ref): [string, CallbackData] => [callbackData.more(lang, ref), { kind: "more", lang, ref }])),
    ...kb.timeline.map((e): [string, CallbackData] => [callbackData.open("event", e.id), { kind: "open", entry: "event", id: e.id }]),
    ...kb.figures.map((f): [string, CallbackData] => [callbackData.open("figure", f.id), { kind: "open", entry: "figure", id: f.id }]),
    ...VOTES.flatMap((vote) => refs.map((ref): [string, CallbackData] => [callbackData.feedback(vote, ref), { kind: "feedback", vote, ref }])),
    ...REVIEW_ACTIONS.flatMap((action) => [1, 42, LONGEST_DRAFT].map((draft): [string, CallbackData] => [callbackData.review(action, draft), { kind: "review", action, draft }])),
  ];
}

describe("the formats stay byte for byte what buttons already in chats carry", () => {
  it("builds each format as it always was", () => {
    expect(callbackData.language("kk")).toBe("lang:kk");
    expect(callbackData.language("ru")).toBe("lang:ru");
    expect(EXAMPLES).toEqual([1, 2, 3, 4]);
    expect(EXAMPLES.map(callbackData.example)).toEqual(["ex:1", "ex:2", "ex:3", "ex:4"]);
    expect(callbackData.more("kk", "5Yyjy5BXP4eN")).toBe("more:kk:5Yyjy5BXP4eN");
    expect(callbackData.open("event", "zhusan-1")).toBe("open:e:zhusan-1");
    expect(callbackData.open("figure", "tokayev")).toBe("open:f:tokayev");
    expect(callbackData.feedback("up", "AYcMOLlxHiIe")).toBe("fb:up:AYcMOLlxHiIe");
    expect(callbackData.feedback("down", "AYcMOLlxHiIe")).toBe("fb:down:AYcMOLlxHiIe");
    expect(callbackData.review("publish", 7)).toBe("rv:p:7");
    expect(callbackData.review("edit", 7)).toBe("rv:e:7");
    expect(callbackData.review("reject", LONGEST_DRAFT)).toBe("rv:r:999999999999999");
    expect(MENU_ROOT).toBe("m/");
  });

  it("refers to a passage by the first 12 characters of its key's SHA-1 in base64url", () => {
    expect(passageRef({ key: "event:zhusan-1:0:ru" } as Passage)).toBe("5Yyjy5BXP4eN");
    expect(passageRef({ key: "article:x:3:1" } as Passage)).toBe("AYcMOLlxHiIe");
    for (const passage of passages) {
      expect(passageRef(passage)).toBe(createHash("sha1").update(passage.key).digest("base64url").slice(0, 12));
    }
  });

  it("reads the data of buttons sent before", () => {
    expect(parseCallback("lang:kk")).toEqual({ kind: "language", lang: "kk" });
    expect(parseCallback("ex:4")).toEqual({ kind: "example", n: 4 });
    expect(parseCallback("more:ru:a-_012345678")).toEqual({ kind: "more", lang: "ru", ref: "a-_012345678" });
    expect(parseCallback("open:e:rusafa")).toEqual({ kind: "open", entry: "event", id: "rusafa" });
    expect(parseCallback("open:f:un-2")).toEqual({ kind: "open", entry: "figure", id: "un-2" });
    expect(parseCallback("fb:up:abcdefghijkl")).toEqual({ kind: "feedback", vote: "up", ref: "abcdefghijkl" });
    expect(parseCallback("rv:e:12")).toEqual({ kind: "review", action: "edit", draft: 12 });
    for (const path of ["m/", "m/lang", "m/t:1/e:zhusan-1/", "m/whatever"]) expect(parseCallback(path)).toEqual({ kind: "menu", path });
  });
});

describe("round trips", () => {
  it("every button the knowledge base gives reads back as what it was built from", () => {
    const buttons = everyButton();
    expect(buttons.length).toBeGreaterThan(2 * 2 * passages.length);
    for (const [data, meant] of buttons) expect(parseCallback(data), data).toEqual(meant);
    expect(new Set(buttons.map(([data]) => data)).size).toBe(buttons.length);
  });

  it("the longest ids and draft numbers read back too", () => {
    for (const entry of ["event", "figure"] as const) expect(parseCallback(callbackData.open(entry, LONGEST_ID))).toEqual({ kind: "open", entry, id: LONGEST_ID });
    for (const action of REVIEW_ACTIONS) expect(parseCallback(callbackData.review(action, LONGEST_DRAFT))).toEqual({ kind: "review", action, draft: LONGEST_DRAFT });
  });
});

describe("Telegram's 64 bytes", () => {
  it("holds for every button the knowledge base gives, and for the longest ids it allows", () => {
    expect(CALLBACK_DATA_BYTES).toBe(64);
    const data = [...everyButton().map(([built]) => built), callbackData.open("event", LONGEST_ID), callbackData.open("figure", LONGEST_ID)];
    for (const built of data) expect(bytes(built), built).toBeLessThanOrEqual(CALLBACK_DATA_BYTES);
  });

  it("is enforced when a button is built: up to 64 bytes pass, one more throws", () => {
    for (let length = 0; length <= 80; length++) {
      const id = "x".repeat(length);
      const fits = "open:e:".length + length <= CALLBACK_DATA_BYTES;
      if (fits) expect(bytes(callbackData.open("event", id))).toBe("open:e:".length + length);
      else expect(() => callbackData.open("event", id), `${length}`).toThrow(RangeError);
    }
    expect(bytes(callbackData.more("ru", "r".repeat(56)))).toBe(CALLBACK_DATA_BYTES);
    expect(() => callbackData.more("ru", "r".repeat(57))).toThrow(RangeError);
    expect(bytes(callbackData.feedback("down", "r".repeat(56)))).toBe(CALLBACK_DATA_BYTES);
    expect(() => callbackData.feedback("down", "r".repeat(57))).toThrow(RangeError);
  });

  it("counts UTF-8 bytes, not characters", () => {
    const cyrillic = "ж".repeat(29);
    expect(`open:f:${cyrillic}`.length).toBeLessThanOrEqual(CALLBACK_DATA_BYTES);
    expect(() => callbackData.open("figure", cyrillic)).toThrow(RangeError);
    expect(bytes(callbackData.open("figure", "ж".repeat(28)))).toBe(63);
    expect(() => callbackData.more("kk", "🙂".repeat(15))).toThrow(RangeError);
    expect(bytes(callbackData.more("kk", "🙂".repeat(14)))).toBe(64);
  });
});

describe("old or tampered data is refused", () => {
  it("reads nothing into data no button carries", () => {
    for (const data of [
      "",
      "lang:en",
      "lang:KK",
      "lang:kk ",
      " lang:kk",
      "lang:kk\n",
      "ex:0",
      "ex:5",
      "ex:12",
      "ex:",
      "more:en:abcdefghijkl",
      "more:ru:abcdefghijk",
      "more:ru:abcdefghijklm",
      "more:ru:abcdefghij.l",
      "more:ru",
      "open:x:rusafa",
      "open:e:",
      "open:e:Rusafa",
      "open:e:rus_afa",
      "open:e:../x",
      "fb:meh:abcdefghijkl",
      "fb:up:abcdefghijk",
      "fb:up:abcdefghijkl:x",
      "rv:x:1",
      "rv:p:",
      "rv:p:-1",
      "rv:p:1.5",
      "rv:p:1234567890123456",
      "m",
      "M/",
      " m/",
      "x/m/",
    ]) {
      expect(parseCallback(data), JSON.stringify(data)).toBeNull();
    }
  });
});
