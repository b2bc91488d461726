// The text pipeline of sendMessage & co.: parse_mode (or explicit entities), Telegram's clean-up
// of the result (control characters, surrounding blank space), auto-detected entities and the
// length checks.
import type { MessageEntity } from "grammy/types";
import { detectEntities } from "./entities.ts";
import { ApiError, badRequest, TelegramErrors } from "./errors.ts";
import { parseHtml, sortEntities, type FormattedText } from "./html.ts";

export type { FormattedText } from "./html.ts";

export const MESSAGE_TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface TextOptions {
  strictHtml: boolean;
}

/** Turns text + parse_mode (or entities) into what Telegram stores. */
export function formatText(
  text: string,
  parseMode: string | undefined,
  explicit: unknown,
  options: TextOptions,
): FormattedText {
  const mode = (parseMode ?? "").toLowerCase();
  let parsed: FormattedText;
  if (mode === "html") {
    parsed = parseHtml(text, { strict: options.strictHtml });
  } else if (mode === "") {
    parsed = { text, entities: explicitEntities(explicit, text.length) };
  } else if (mode === "markdown" || mode === "markdownv2") {
    throw badRequest(`parse_mode ${parseMode} is not implemented by the stand-in; the bot is expected to use HTML`);
  } else {
    throw badRequest("unsupported parse_mode");
  }
  const cleaned = cleanUp(parsed);
  const detected = detectEntities(cleaned.text, cleaned.entities.filter((e) => NO_AUTODETECT.has(e.type)));
  return { text: cleaned.text, entities: sortEntities([...cleaned.entities, ...detected]) };
}

/** Message text: non-empty and at most 4096 UTF-16 code units once parsed. */
export function checkMessageText(formatted: FormattedText): void {
  if (formatted.text.length === 0) throw new ApiError(400, TelegramErrors.textEmpty);
  if (formatted.text.length > MESSAGE_TEXT_LIMIT) throw new ApiError(400, TelegramErrors.textTooLong);
}

export function checkCaption(formatted: FormattedText): void {
  if (formatted.text.length > CAPTION_LIMIT) throw new ApiError(400, TelegramErrors.captionTooLong);
}

const NO_AUTODETECT = new Set(["code", "pre", "text_link", "text_mention", "url", "email", "mention", "bot_command", "hashtag"]);

function explicitEntities(raw: unknown, textLength: number): MessageEntity[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest("can't parse entities JSON object");
  return raw.filter((e): e is MessageEntity => {
    if (typeof e !== "object" || e === null) return false;
    const { type, offset, length } = e as Record<string, unknown>;
    return typeof type === "string" && Number.isInteger(offset) && Number.isInteger(length) &&
      (offset as number) >= 0 && (length as number) > 0 && (offset as number) + (length as number) <= textLength;
  });
}

/**
 * TDLib's clean_input_string + trimming: control characters (tab included) become spaces, '\r'
 * and U+2028..U+202E disappear, trailing blank space and leading blank lines are cut. Entities are
 * shifted and clipped accordingly.
 */
function cleanUp({ text, entities }: FormattedText): FormattedText {
  const units: string[] = [];
  const newIndex: number[] = [];
  for (let i = 0; i < text.length; i++) {
    newIndex.push(units.length);
    const code = text.charCodeAt(i);
    if (code === 0x0d || (code >= 0x2028 && code <= 0x202e)) continue;
    units.push(code < 0x20 && code !== 0x0a ? " " : text[i]!);
  }
  newIndex.push(units.length);

  let cleaned = units.join("");
  const trimmedEnd = cleaned.replace(/[ \n]+$/, "");
  const firstVisible = trimmedEnd.search(/[^ \n]/);
  const start = firstVisible <= 0 ? 0 : trimmedEnd.lastIndexOf("\n", firstVisible) + 1;
  cleaned = trimmedEnd.slice(start);

  const shift = (i: number): number => Math.min(Math.max((newIndex[i] ?? units.length) - start, 0), cleaned.length);
  const shifted = entities.flatMap((e) => {
    const offset = shift(e.offset);
    const length = shift(e.offset + e.length) - offset;
    return length > 0 ? [{ ...e, offset, length }] : [];
  });
  return { text: cleaned, entities: shifted };
}
