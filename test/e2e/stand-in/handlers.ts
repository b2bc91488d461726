// Which handler answers which Bot API method. Known methods without a handler answer `true`.
import * as settings from "./bot-settings.ts";
import * as chats from "./chats.ts";
import type { Handler } from "./core.ts";
import * as edit from "./edit.ts";
import * as queries from "./queries.ts";
import * as send from "./send.ts";

export const HANDLERS: Readonly<Record<string, Handler>> = {
  getMe: settings.getMe,
  getUpdates: settings.getUpdates,
  setWebhook: settings.setWebhook,
  deleteWebhook: settings.deleteWebhook,
  getWebhookInfo: settings.getWebhookInfo,
  setMyCommands: settings.setMyCommands,
  getMyCommands: settings.getMyCommands,
  deleteMyCommands: settings.deleteMyCommands,
  setMyDescription: settings.setMyDescription,
  getMyDescription: settings.getMyDescription,
  setMyShortDescription: settings.setMyShortDescription,
  getMyShortDescription: settings.getMyShortDescription,

  sendMessage: send.sendMessage,
  sendChatAction: send.sendChatAction,
  sendPhoto: send.sendMedia("photo"),
  sendDocument: send.sendMedia("document"),
  sendSticker: send.sendMedia("sticker"),
  sendVideo: send.sendMedia("video"),
  sendAnimation: send.sendMedia("animation"),
  sendAudio: send.sendMedia("audio"),
  sendVoice: send.sendMedia("voice"),
  sendVideoNote: send.sendMedia("video_note"),

  editMessageText: edit.editMessageText,
  editMessageReplyMarkup: edit.editMessageReplyMarkup,
  deleteMessage: edit.deleteMessage,

  answerCallbackQuery: queries.answerCallbackQuery,
  answerInlineQuery: queries.answerInlineQuery,

  getChat: chats.getChat,
  getChatMember: chats.getChatMember,
  getChatAdministrators: chats.getChatAdministrators,
  getChatMemberCount: chats.getChatMemberCount,
  getChatMembersCount: chats.getChatMemberCount,
  leaveChat: chats.leaveChat,
};
