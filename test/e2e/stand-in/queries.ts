// answerCallbackQuery and answerInlineQuery.
import type { Core, Handler, IssuedQuery } from "./core.ts";
import { ApiError, badRequest, TelegramErrors } from "./errors.ts";
import { validateReplyMarkup } from "./markup.ts";
import { optArray, optBool, optInt, optObject, optString, requireString } from "./params.ts";
import { checkMessageText, formatText } from "./text.ts";

const CALLBACK_TEXT_LIMIT = 200;
const MAX_INLINE_RESULTS = 50;
const MAX_ID_BYTES = 64;

function claim(queries: Map<string, IssuedQuery>, id: string, now: number, timeoutMs: number): IssuedQuery {
  const query = queries.get(id);
  if (query === undefined || query.answeredAt !== undefined || now - query.issuedAt > timeoutMs) {
    throw new ApiError(400, TelegramErrors.queryTooOld);
  }
  query.answeredAt = now;
  return query;
}

export const answerCallbackQuery: Handler = (core, call) => {
  const id = requireString(call.params, "callback_query_id");
  const text = optString(call.params, "text");
  const query = claim(core.callbackQueries, id, call.now, core.options.callbackQueryTimeoutMs);
  if (text !== undefined && [...text].length > CALLBACK_TEXT_LIMIT) {
    query.answeredAt = undefined;
    throw new ApiError(400, TelegramErrors.callbackAnswerTooLong);
  }
  core.callbackAnswers.push({
    queryId: id,
    ...(text !== undefined ? { text } : {}),
    ...(call.params.show_alert !== undefined ? { showAlert: optBool(call.params, "show_alert") } : {}),
    ...(call.params.url !== undefined ? { url: optString(call.params, "url") } : {}),
    ...(call.params.cache_time !== undefined ? { cacheTime: optInt(call.params, "cache_time") } : {}),
    time: call.now,
    latencyMs: call.now - query.issuedAt,
  });
  return true;
};

export const answerInlineQuery: Handler = (core, call) => {
  const id = requireString(call.params, "inline_query_id");
  if (typeof call.params.results === "string") throw badRequest("can't parse inline query results JSON object");
  const results = optArray(call.params, "results") ?? [];
  results.forEach((result) => checkResult(core, result));

  // What follows is checked by Telegram's servers, after the Bot API's own parsing above.
  const query = claim(core.inlineQueries, id, call.now, core.options.inlineQueryTimeoutMs);
  try {
    checkAnswer(call.params, results);
  } catch (error) {
    query.answeredAt = undefined;
    throw error;
  }
  const nextOffset = optString(call.params, "next_offset");
  const cacheTime = optInt(call.params, "cache_time");
  const isPersonal = optBool(call.params, "is_personal");
  const button = optObject(call.params, "button");
  core.inlineAnswers.push({
    queryId: id,
    results,
    ...(nextOffset !== undefined ? { nextOffset } : {}),
    ...(cacheTime !== undefined ? { cacheTime } : {}),
    ...(isPersonal !== undefined ? { isPersonal } : {}),
    ...(button !== undefined ? { button } : {}),
    time: call.now,
    latencyMs: call.now - query.issuedAt,
  });
  return true;
};

function checkResult(core: Core, raw: unknown): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw badRequest("can't parse inline query result: expected an Object");
  }
  const result = raw as Record<string, unknown>;
  for (const field of ["type", "id"]) {
    if (result[field] === undefined) throw badRequest(`can't parse inline query result: Can't find field "${field}"`);
    if (typeof result[field] !== "string") {
      throw badRequest(`can't parse inline query result: Field "${field}" must be of type String`);
    }
  }
  if (result.type === "article") {
    if (typeof result.title !== "string") throw badRequest(`can't parse inline query result: Can't find field "title"`);
    if (result.title.trim() === "") throw new ApiError(400, TelegramErrors.resultTitleEmpty);
    if (result.input_message_content === undefined) {
      throw badRequest(`can't parse inline query result: Can't find field "input_message_content"`);
    }
  }
  const content = result.input_message_content;
  if (typeof content === "object" && content !== null && "message_text" in content) {
    const input = content as Record<string, unknown>;
    const text = typeof input.message_text === "string" ? input.message_text : "";
    const parseMode = typeof input.parse_mode === "string" ? input.parse_mode : undefined;
    checkMessageText(formatText(text, parseMode, input.entities, { strictHtml: core.options.strict }));
  }
  validateReplyMarkup(result.reply_markup, { strict: core.options.strict });
}

function checkAnswer(params: Record<string, unknown>, results: unknown[]): void {
  if (results.length > MAX_INLINE_RESULTS) throw new ApiError(400, TelegramErrors.resultsTooMuch);
  const ids = results.map((r) => (r as { id: string }).id);
  if (ids.some((id) => id === "" || Buffer.byteLength(id, "utf8") > MAX_ID_BYTES)) {
    throw new ApiError(400, TelegramErrors.resultIdInvalid);
  }
  if (new Set(ids).size !== ids.length) throw new ApiError(400, TelegramErrors.resultIdDuplicate);
  const nextOffset = optString(params, "next_offset");
  if (nextOffset !== undefined && Buffer.byteLength(nextOffset, "utf8") > MAX_ID_BYTES) {
    throw new ApiError(400, TelegramErrors.nextOffsetInvalid);
  }
  const startParameter = optObject(params, "button")?.start_parameter;
  if (startParameter !== undefined && (typeof startParameter !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(startParameter))) {
    throw new ApiError(400, TelegramErrors.startParamInvalid);
  }
}
