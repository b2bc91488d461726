/**
 * Why the stand-in answered with an error:
 * - "validation": the request itself is wrong (bad HTML, bad markup, unknown method, wrong token…);
 *   these end up in `api.rejected`, which tests expect to stay empty.
 * - "chat": the test put the chat in that state (blocked, kicked, migrated, missing, left).
 * - "rate-limit": a configured rate limit was exceeded.
 * - "injected": `api.failNext()` asked for it.
 * - "conflict": overlapping getUpdates, or getUpdates while a webhook is set.
 */
export type ErrorKind = "validation" | "chat" | "rate-limit" | "injected" | "conflict";

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly kind: ErrorKind = "validation",
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

/** A 400 "Bad Request: …" caused by the request's content. */
export function badRequest(text: string): ApiError {
  return new ApiError(400, `Bad Request: ${text}`);
}

/**
 * Telegram's own descriptions. Most are confirmed from the Bot API / TDLib sources or from
 * error reports (see the stand-in tests); the few marked "assumed" are best guesses.
 */
export const TelegramErrors = {
  unauthorized: "Unauthorized",
  notFound: "Not Found",
  pollConflict:
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  webhookConflict:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  textEmpty: "Bad Request: message text is empty",
  textTooLong: "Bad Request: message is too long",
  captionTooLong: "Bad Request: message caption is too long",
  chatIdEmpty: "Bad Request: chat_id is empty",
  chatNotFound: "Bad Request: chat not found",
  migrated: "Bad Request: group chat was upgraded to a supergroup chat",
  blocked: "Forbidden: bot was blocked by the user",
  kickedFromGroup: "Forbidden: bot was kicked from the group chat",
  kickedFromSupergroup: "Forbidden: bot was kicked from the supergroup chat",
  kickedFromChannel: "Forbidden: bot was kicked from the channel chat",
  /** assumed */
  notMemberOfGroup: "Forbidden: bot is not a member of the group chat",
  /** assumed */
  notMemberOfSupergroup: "Forbidden: bot is not a member of the supergroup chat",
  /** assumed */
  notMemberOfChannel: "Forbidden: bot is not a member of the channel chat",
  messageToEditNotFound: "Bad Request: message to edit not found",
  messageToDeleteNotFound: "Bad Request: message to delete not found",
  replyNotFound: "Bad Request: message to be replied not found",
  messageCantBeEdited: "Bad Request: message can't be edited",
  noTextToEdit: "Bad Request: there is no text in the message to edit",
  notModified:
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  queryTooOld: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  callbackAnswerTooLong: "Bad Request: MESSAGE_TOO_LONG",
  buttonDataInvalid: "Bad Request: BUTTON_DATA_INVALID",
  buttonUrlInvalid: "Bad Request: BUTTON_URL_INVALID",
  /** assumed (the MTProto error exists; not seen through the Bot API) */
  buttonTextInvalid: "Bad Request: BUTTON_TEXT_INVALID",
  textButtonsNotAllowed:
    "Bad Request: can't parse InlineKeyboardButton: Text buttons are not allowed in the inline keyboard",
  /** invented: Telegram silently takes the first action; the stand-in is stricter */
  buttonSeveralActions:
    "Bad Request: can't parse InlineKeyboardButton: exactly one of the optional fields must be used",
  buttonNoText: `Bad Request: can't parse InlineKeyboardButton: Can't find field "text"`,
  replyMarkupTooLong: "Bad Request: reply markup is too long",
  replyMarkupUnparsable: "Bad Request: can't parse reply keyboard markup JSON object",
  /** assumed */
  inlineKeyboardNotArray: `Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays`,
  resultsTooMuch: "Bad Request: RESULTS_TOO_MUCH",
  resultIdDuplicate: "Bad Request: RESULT_ID_DUPLICATE",
  resultIdInvalid: "Bad Request: RESULT_ID_INVALID",
  nextOffsetInvalid: "Bad Request: NEXT_OFFSET_INVALID",
  startParamInvalid: "Bad Request: START_PARAM_INVALID",
  /** assumed */
  resultTitleEmpty: "Bad Request: RESULT_TITLE_EMPTY",
  commandsTooMuch: "Bad Request: BOT_COMMANDS_TOO_MUCH",
  commandInvalid: "Bad Request: BOT_COMMAND_INVALID",
  commandEmpty: "Bad Request: command must be non-empty",
  commandTooLong: "Bad Request: command length must not exceed 32",
  commandDescriptionEmpty: "Bad Request: command description must be non-empty",
  commandDescriptionTooLong: "Bad Request: command description length must not exceed 256",
  languageCodeInvalid: "Bad Request: invalid language code specified",
  /** assumed */
  chatActionInvalid: "Bad Request: wrong parameter action in request",
  /** assumed */
  noAdminsInPrivateChat: "Bad Request: there are no administrators in the private chat",
  tooManyRequests: (seconds: number) => `Too Many Requests: retry after ${seconds}`,
  parseEntities: (detail: string) => `Bad Request: can't parse entities: ${detail}`,
} as const;
