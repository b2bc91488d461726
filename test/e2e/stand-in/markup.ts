// reply_markup validation. Inline keyboards are checked like Telegram does (plus one stricter
// rule, see TelegramErrors.buttonSeveralActions); other markups are accepted as they are.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { ApiError, TelegramErrors } from "./errors.ts";

export type ReplyMarkup = InlineKeyboardMarkup | Record<string, unknown>;

const ACTIONS = [
  "url", "callback_data", "web_app", "login_url", "switch_inline_query",
  "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
  "callback_game", "pay",
] as const;

const MAX_BUTTONS = 100;
const MAX_CALLBACK_DATA_BYTES = 64;

const reject = (description: string): ApiError => new ApiError(400, description);

/** Parses and validates `reply_markup`; undefined when absent. */
export function validateReplyMarkup(raw: unknown, options: { strict: boolean }): ReplyMarkup | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let markup = raw;
  if (typeof markup === "string") {
    try {
      markup = JSON.parse(markup);
    } catch {
      throw reject(TelegramErrors.replyMarkupUnparsable);
    }
  }
  if (typeof markup !== "object" || markup === null || Array.isArray(markup)) {
    throw reject(TelegramErrors.replyMarkupUnparsable);
  }
  const record = markup as Record<string, unknown>;
  if (!("inline_keyboard" in record)) return record;
  return validateInlineKeyboard(record.inline_keyboard, options);
}

function validateInlineKeyboard(rows: unknown, options: { strict: boolean }): InlineKeyboardMarkup {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw reject(TelegramErrors.inlineKeyboardNotArray);
  const keyboard = rows as unknown[][];
  if (keyboard.flat().length > MAX_BUTTONS) throw reject(TelegramErrors.replyMarkupTooLong);
  return { inline_keyboard: keyboard.map((row) => row.map((button) => validateButton(button, options))) };
}

function validateButton(raw: unknown, options: { strict: boolean }): InlineKeyboardButton {
  if (typeof raw !== "object" || raw === null || typeof (raw as { text?: unknown }).text !== "string") {
    throw reject(TelegramErrors.buttonNoText);
  }
  const button = raw as Record<string, unknown> & { text: string };
  if (button.text.trim() === "") throw reject(TelegramErrors.buttonTextInvalid);

  // An empty callback_data counts as absent, which makes it a (forbidden) text button.
  const actions = ACTIONS.filter((a) => ![undefined, null, "", false].includes(button[a] as never));
  if (actions.length === 0) throw reject(TelegramErrors.textButtonsNotAllowed);
  if (actions.length > 1 && options.strict) throw reject(TelegramErrors.buttonSeveralActions);

  const data = button.callback_data;
  if (data !== undefined && (typeof data !== "string" || Buffer.byteLength(data, "utf8") > MAX_CALLBACK_DATA_BYTES)) {
    throw reject(TelegramErrors.buttonDataInvalid);
  }
  const url = button.url;
  if (url !== undefined && (typeof url !== "string" || !/^(https?:\/\/[^\s/?#]+|tg:\/\/\S)/i.test(url.trim()))) {
    throw reject(TelegramErrors.buttonUrlInvalid);
  }
  return button as unknown as InlineKeyboardButton;
}

export function isInlineKeyboard(markup: ReplyMarkup | undefined): markup is InlineKeyboardMarkup {
  return markup !== undefined && Array.isArray((markup as { inline_keyboard?: unknown }).inline_keyboard);
}

/** The button whose callback_data, or else whose text, equals `dataOrText`. */
export function findButton(markup: ReplyMarkup | undefined, dataOrText: string): InlineKeyboardButton | undefined {
  if (!isInlineKeyboard(markup)) return undefined;
  const buttons = markup.inline_keyboard.flat();
  return (
    buttons.find((b) => "callback_data" in b && b.callback_data === dataOrText) ??
    buttons.find((b) => b.text === dataOrText)
  );
}
