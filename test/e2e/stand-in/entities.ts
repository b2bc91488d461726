// Entities Telegram finds by itself in plain text: URLs, e-mails, /commands, @mentions and
// #hashtags. Used for messages "users" send and for the bot's own messages, as Telegram returns
// them in `entities` too. The patterns follow TDLib's matchers (match_bot_commands & co.),
// simplified: bare domains without a scheme are not detected.
import type { MessageEntity } from "grammy/types";

type DetectedType = "url" | "email" | "bot_command" | "mention" | "hashtag";

// Earlier patterns win when matches overlap (a URL may contain "/path", "@x" or "#frag").
const PATTERNS: ReadonlyArray<readonly [DetectedType, RegExp]> = [
  ["url", /https?:\/\/[^\s<>"]+/giu],
  ["email", /(?<![\p{L}\p{N}_.+-])[\p{L}\p{N}_.+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu],
  ["bot_command", /(?<![\p{L}\p{N}_/<>])\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\p{L}\p{N}_/<>@])/gu],
  ["mention", /(?<![\p{L}\p{N}_])@[a-zA-Z0-9_]{2,32}(?![\p{L}\p{N}_])/gu],
  ["hashtag", /(?<![\p{L}\p{Nd}_\u200c])#[\p{L}\p{Nd}_\u200c]{1,256}(?![\p{L}\p{Nd}_\u200c]*#)/gu],
];

const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/u;

export function detectEntities(text: string, taken: ReadonlyArray<{ offset: number; length: number }> = []): MessageEntity[] {
  const busy = taken.map((e) => [e.offset, e.offset + e.length] as const);
  const found: MessageEntity[] = [];
  const overlaps = (start: number, end: number): boolean =>
    busy.some(([s, e]) => start < e && s < end);

  for (const [type, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      let value = match[0];
      if (type === "url") value = value.replace(TRAILING_PUNCTUATION, "");
      if (type === "hashtag" && !/\p{L}/u.test(value)) continue;
      const offset = match.index;
      const end = offset + value.length;
      if (value.length === 0 || overlaps(offset, end)) continue;
      busy.push([offset, end]);
      found.push({ type, offset, length: value.length });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}
