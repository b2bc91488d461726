// editMessageText, editMessageReplyMarkup and deleteMessage.
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Call, Core, Handler } from "./core.ts";
import { ApiError, badRequest, TelegramErrors } from "./errors.ts";
import { isInlineKeyboard, validateReplyMarkup } from "./markup.ts";
import { optInt, optString } from "./params.ts";
import { checkMessageText } from "./text.ts";
import type { ChatRecord, StoredMessage } from "./world.ts";

export const editMessageText: Handler = (core, call) => {
  const formatted = core.format(call.params, "text");
  checkMessageText(formatted);
  const markup = inlineMarkup(core, call);
  if (optString(call.params, "inline_message_id") !== undefined) return true;

  const { stored, record } = editable(core, call);
  if (stored.message.text === undefined) throw new ApiError(400, TelegramErrors.noTextToEdit);
  const entities = formatted.entities.length > 0 ? formatted.entities : undefined;
  if (
    stored.message.text === formatted.text &&
    sameJson(stored.message.entities, entities) &&
    sameJson(stored.message.reply_markup, markup)
  ) {
    throw new ApiError(400, TelegramErrors.notModified);
  }
  return update(core, call, record, stored, (m) => {
    const { entities: _old, reply_markup: _oldMarkup, ...rest } = m;
    return {
      ...rest,
      text: formatted.text,
      ...(entities ? { entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    };
  });
};

export const editMessageReplyMarkup: Handler = (core, call) => {
  const markup = inlineMarkup(core, call);
  if (optString(call.params, "inline_message_id") !== undefined) return true;
  const { stored, record } = editable(core, call);
  if (sameJson(stored.message.reply_markup, markup)) throw new ApiError(400, TelegramErrors.notModified);
  return update(core, call, record, stored, (m) => {
    const { reply_markup: _old, ...rest } = m;
    return markup ? { ...rest, reply_markup: markup } : rest;
  });
};

export const deleteMessage: Handler = (core, call) => {
  const record = core.chat(call.params);
  const messageId = optInt(call.params, "message_id");
  if (messageId === undefined || !record.messages.delete(messageId)) {
    throw new ApiError(400, TelegramErrors.messageToDeleteNotFound);
  }
  return true;
};

/** The new inline keyboard; omitting it removes the current one, as in Telegram. */
function inlineMarkup(core: Core, call: Call): InlineKeyboardMarkup | undefined {
  const markup = validateReplyMarkup(call.params.reply_markup, { strict: core.options.strict });
  if (markup !== undefined && !isInlineKeyboard(markup)) throw badRequest("inline keyboard expected");
  return markup;
}

function editable(core: Core, call: Call) {
  const record = core.chat(call.params);
  const messageId = optInt(call.params, "message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const stored = record.messages.get(messageId);
  if (stored === undefined) throw new ApiError(400, TelegramErrors.messageToEditNotFound);
  if (!stored.fromBot) throw new ApiError(400, TelegramErrors.messageCantBeEdited);
  return { stored, record };
}

function update(core: Core, call: Call, record: ChatRecord, stored: StoredMessage, change: (m: Message) => Message): Message {
  if (core.options.rateLimits.includeEdits) core.checkRate(call.method, record, call.now);
  stored.message = { ...change(stored.message), edit_date: Math.floor(call.now / 1000) };
  stored.edits++;
  if (core.options.rateLimits.includeEdits) core.recordSend(call.method, record, call.now);
  return stored.message;
}

/** Structural equality of JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
