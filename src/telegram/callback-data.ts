import type { Composer, Context, Filter, NextFunction } from "grammy";
import type { Lang } from "../knowledge/types.ts";

/*
 * The callback data of every button the bot sends. Buttons stay in chats for years, so a format
 * once sent never changes: a new need gets a new format.
 */

/** Telegram's limit on a button's callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_BYTES = 64;

/** grammy-inline-menu's root: every menu button's data starts with it (menus/paths.ts has the rest). */
export const MENU_ROOT = "m/";

/** The example questions under /start (locale keys example-1 … example-4). */
export const EXAMPLES = [1, 2, 3, 4] as const;
export type Example = (typeof EXAMPLES)[number];

type Vote = "up" | "down";
const ENTRY_CODES = { event: "e", figure: "f" } as const;
const REVIEW_CODES = { publish: "p", edit: "e", reject: "r" } as const;
type Entry = keyof typeof ENTRY_CODES;
type ReviewAction = keyof typeof REVIEW_CODES;

export type CallbackData =
  /** /language: the chosen interface language. */
  | { kind: "language"; lang: Lang }
  /** /start: ask example question `n`. */
  | { kind: "example"; n: Example }
  /** A related fact or a "did you mean" under an answer: answer with passage `ref` in `lang`. */
  | { kind: "more"; lang: Lang; ref: string }
  /** Under an answer: open the timeline event or figure it quotes. */
  | { kind: "open"; entry: Entry; id: string }
  /** 👍 / 👎 under an answer that quotes passage `ref`. */
  | { kind: "feedback"; vote: Vote; ref: string }
  /** Under a draft sent to admins. */
  | { kind: "review"; action: ReviewAction; draft: number }
  /** Any menu button; whether its path still leads somewhere is menus/paths.ts's to say. */
  | { kind: "menu"; path: string };

function checked(data: string): string {
  const bytes = Buffer.byteLength(data, "utf8");
  if (bytes > CALLBACK_DATA_BYTES) throw new RangeError(`callback data of ${bytes} bytes, over Telegram's ${CALLBACK_DATA_BYTES}: ${data}`);
  return data;
}

/** The callback data of each kind of button; each throws a RangeError past Telegram's 64 bytes. */
export const callbackData = {
  language: (lang: Lang) => checked(`lang:${lang}`),
  example: (n: Example) => checked(`ex:${n}`),
  more: (lang: Lang, ref: string) => checked(`more:${lang}:${ref}`),
  open: (entry: Entry, id: string) => checked(`open:${ENTRY_CODES[entry]}:${id}`),
  feedback: (vote: Vote, ref: string) => checked(`fb:${vote}:${ref}`),
  review: (action: ReviewAction, draft: number) => checked(`rv:${REVIEW_CODES[action]}:${draft}`),
};

const decode = <T extends Record<string, string>>(codes: T, code: string | undefined) =>
  (Object.keys(codes) as (keyof T & string)[]).find((key) => codes[key] === code) as keyof T & string;

const FORMATS: [RegExp, (match: RegExpExecArray) => CallbackData][] = [
  [/^lang:(ru|kk)$/, ([, lang]) => ({ kind: "language", lang: lang as Lang })],
  [/^ex:([1-4])$/, ([, n]) => ({ kind: "example", n: Number(n) as Example })],
  [/^more:(ru|kk):([\w-]{12})$/, ([, lang, ref = ""]) => ({ kind: "more", lang: lang as Lang, ref })],
  [/^open:(e|f):([a-z0-9-]+)$/, ([, code, id = ""]) => ({ kind: "open", entry: decode(ENTRY_CODES, code), id })],
  [/^fb:(up|down):([\w-]{12})$/, ([, vote, ref = ""]) => ({ kind: "feedback", vote: vote as Vote, ref })],
  [/^rv:([per]):(\d{1,15})$/, ([, code, draft]) => ({ kind: "review", action: decode(REVIEW_CODES, code), draft: Number(draft) })],
  [new RegExp(`^${MENU_ROOT}`), ({ input }) => ({ kind: "menu", path: input })],
];

/** What a pressed button's data asks for; null for data no button of the bot carries. */
export function parseCallback(data: string): CallbackData | null {
  for (const [format, parse] of FORMATS) {
    const match = format.exec(data);
    if (match) return parse(match);
  }
  return null;
}

/** Presses of one kind of button go to `handler` with their parsed data; every other press passes on. */
export function onButton<C extends Context, K extends CallbackData["kind"]>(
  composer: Composer<C>,
  kind: K,
  handler: (ctx: Filter<C, "callback_query:data">, button: Extract<CallbackData, { kind: K }>, next: NextFunction) => unknown,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const button = parseCallback(ctx.callbackQuery.data);
    if (button?.kind !== kind) return next();
    await handler(ctx, button as Extract<CallbackData, { kind: K }>, next);
  });
}
