// sendMessage, the media sends and sendChatAction.
import type { Message } from "grammy/types";
import type { Call, Core, Handler } from "./core.ts";
import { ApiError, badRequest, TelegramErrors } from "./errors.ts";
import type { FormattedText } from "./html.ts";
import { isInlineKeyboard, type ReplyMarkup, validateReplyMarkup } from "./markup.ts";
import { optBool, optInt, optObject } from "./params.ts";
import { checkCaption, checkMessageText } from "./text.ts";
import { asReplyTarget, botAsUser, type ChatRecord, type StoredMessage } from "./world.ts";

interface NewMessage {
  formatted: FormattedText;
  textKey: "text" | "caption";
  markup: ReplyMarkup | undefined;
  media?: Partial<Message>;
}

export const sendMessage: Handler = (core, call) => {
  const formatted = core.format(call.params, "text");
  checkMessageText(formatted);
  const markup = validateReplyMarkup(call.params.reply_markup, { strict: core.options.strict });
  return deliver(core, call, { formatted, textKey: "text", markup });
};

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

export const sendChatAction: Handler = (core, call) => {
  const action = call.params.action;
  if (typeof action !== "string" || !CHAT_ACTIONS.has(action)) throw new ApiError(400, TelegramErrors.chatActionInvalid);
  core.chat(call.params);
  return true;
};

/** sendPhoto & co.: the file is not looked at, the message gets a plausible media object. */
export function sendMedia(field: MediaField): Handler {
  return (core, call) => {
    const file = call.params[field];
    if (file === undefined || file === "") throw badRequest(`there is no ${field} in the request`);
    const formatted = core.format(call.params, "caption");
    checkCaption(formatted);
    const markup = validateReplyMarkup(call.params.reply_markup, { strict: core.options.strict });
    return deliver(core, call, { formatted, textKey: "caption", markup, media: mediaStub(field, file) });
  };
}

export type MediaField = "photo" | "document" | "sticker" | "video" | "animation" | "audio" | "voice" | "video_note";

function deliver(core: Core, call: Call, content: NewMessage): Message {
  const record = core.chat(call.params);
  core.checkRate(call.method, record, call.now);
  const replyTo = findReplyTarget(core, record, call);
  const threadId = optInt(call.params, "message_thread_id");
  const message = botMessage(core, record, call.now, content, replyTo, threadId);
  const stored: StoredMessage = { message, fromBot: true, method: call.method, sentAt: call.now, edits: 0 };
  core.world.store(record, stored);
  core.recordSend(call.method, record, call.now);
  return message;
}

/** The message replied to, from reply_parameters or the older reply_to_message_id. */
function findReplyTarget(core: Core, record: ChatRecord, call: Call): Message | undefined {
  const parameters = optObject(call.params, "reply_parameters") ?? {};
  const messageId = optInt(parameters, "message_id") ?? optInt(call.params, "reply_to_message_id");
  if (messageId === undefined) return undefined;
  const allowWithout =
    optBool(parameters, "allow_sending_without_reply") ?? optBool(call.params, "allow_sending_without_reply") ?? false;
  const chat = parameters.chat_id === undefined ? record : core.world.chat(String(parameters.chat_id));
  const target = chat.messages.get(messageId);
  if (target === undefined && !allowWithout) throw new ApiError(400, TelegramErrors.replyNotFound);
  return target?.message;
}

function botMessage(
  core: Core,
  record: ChatRecord,
  now: number,
  content: NewMessage,
  replyTo: Message | undefined,
  threadId: number | undefined,
): Message {
  const chat = record.chat;
  const message: Message = {
    message_id: core.world.allocateMessageId(record),
    date: Math.floor(now / 1000),
    chat,
    ...(chat.type === "channel" ? { sender_chat: chat } : { from: botAsUser(core.bot) }),
    ...content.media,
  };
  if (threadId !== undefined) {
    message.message_thread_id = threadId;
    if (chat.type === "supergroup" && chat.is_forum) message.is_topic_message = true;
  }
  if (replyTo !== undefined) {
    message.reply_to_message = asReplyTarget(replyTo);
  }
  const { text, entities } = content.formatted;
  if (content.textKey === "text") {
    message.text = text;
    if (entities.length > 0) message.entities = entities;
  } else if (text !== "") {
    message.caption = text;
    if (entities.length > 0) message.caption_entities = entities;
  }
  // Only inline keyboards belong to the message; reply keyboards affect the user's client.
  if (isInlineKeyboard(content.markup)) message.reply_markup = content.markup;
  return message;
}

let fileCounter = 0;

function mediaStub(field: MediaField, file: unknown): Partial<Message> {
  const id = `stand-in-${field}-${++fileCounter}`;
  const base = { file_id: `${id}-file`, file_unique_id: id };
  const filename = typeof file === "object" && file !== null && "filename" in file ? String(file.filename) : undefined;
  switch (field) {
    case "photo":
      return {
        photo: [
          { ...base, file_id: `${base.file_id}-s`, width: 90, height: 60, file_size: 1_200 },
          { ...base, width: 1280, height: 853, file_size: 98_000 },
        ],
      };
    case "document":
      return { document: { ...base, ...(filename ? { file_name: filename } : {}), mime_type: "application/octet-stream" } };
    case "sticker":
      return { sticker: { ...base, type: "regular", width: 512, height: 512, is_animated: false, is_video: false } };
    case "video":
      return { video: { ...base, width: 640, height: 360, duration: 5 } };
    case "animation":
      return { animation: { ...base, width: 320, height: 240, duration: 2 } };
    case "audio":
      return { audio: { ...base, duration: 30 } };
    case "voice":
      return { voice: { ...base, duration: 3 } };
    case "video_note":
      return { video_note: { ...base, length: 240, duration: 3 } };
  }
}
