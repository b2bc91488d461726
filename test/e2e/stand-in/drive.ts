// Realistic updates from "users", queued for the bot's getUpdates.
import type { Chat, ChatMemberUpdated, Message, MessageEntity, Update, User } from "grammy/types";
import type { Core } from "./core.ts";
import { detectEntities } from "./entities.ts";
import { findButton } from "./markup.ts";
import type { UpdateInit } from "./updates.ts";
import { asReplyTarget, botAsUser, type ChatRecord, type GroupInit, memberObject, type UserInit } from "./world.ts";

/** A chat given by id (created on the fly if unknown) or by a description of a new group. */
export type ChatRef = number | GroupInit;

export interface UserMessageOptions {
  /** default: the private chat with the user */
  chat?: ChatRef;
  /** message_id being replied to, in the same chat */
  replyTo?: number;
  /** forum topic */
  threadId?: number;
  /** instead of the entities detected in the text */
  entities?: MessageEntity[];
}

export class Driver {
  private queryCounter = 0;

  constructor(private readonly core: Core) {}

  update(init: UpdateInit): Update {
    return this.core.updates.push(init);
  }

  userSends(user: UserInit | undefined, text: string, options: UserMessageOptions = {}): Message {
    const message = this.newMessage(user, options, {
      text,
      ...entitiesField(options.entities ?? detectEntities(text)),
    });
    this.update({ message: message as Update["message"] });
    return message;
  }

  userSendsSticker(user?: UserInit, options: UserMessageOptions & { emoji?: string } = {}): Message {
    const id = this.nextId("sticker");
    const message = this.newMessage(user, options, {
      sticker: {
        file_id: `${id}-file`, file_unique_id: id, type: "regular", width: 512, height: 512,
        is_animated: false, is_video: false, emoji: options.emoji ?? "👍", set_name: "StandInStickers",
      },
    });
    this.update({ message: message as Update["message"] });
    return message;
  }

  /** A 🎲 (or 🎯, 🏀…) the user throws: Telegram picks the value. */
  userSendsDice(user?: UserInit, options: UserMessageOptions & { emoji?: string } = {}): Message {
    const message = this.newMessage(user, options, { dice: { emoji: options.emoji ?? "🎲", value: 1 + Math.floor(Math.random() * 6) } });
    this.update({ message: message as Update["message"] });
    return message;
  }

  userSendsPhoto(user?: UserInit, options: UserMessageOptions & { caption?: string } = {}): Message {
    const id = this.nextId("photo");
    const caption = options.caption;
    const message = this.newMessage(user, options, {
      photo: [
        { file_id: `${id}-s`, file_unique_id: `${id}-s`, width: 90, height: 67, file_size: 1_300 },
        { file_id: `${id}-m`, file_unique_id: `${id}-m`, width: 320, height: 240, file_size: 18_000 },
        { file_id: `${id}-x`, file_unique_id: `${id}-x`, width: 1280, height: 960, file_size: 120_000 },
      ],
      ...(caption === undefined ? {} : { caption, ...captionEntities(detectEntities(caption)) }),
    });
    this.update({ message: message as Update["message"] });
    return message;
  }

  /** The user edits one of their earlier text messages. */
  userEdits(user: UserInit | undefined, messageId: number, text: string, options: { chat?: ChatRef } = {}): Message {
    const from = this.core.world.resolveUser(user);
    const record = this.chatFor(from, options.chat);
    const stored = record.messages.get(messageId);
    if (stored === undefined || stored.fromBot) {
      throw new Error(`userEdits: chat ${record.chat.id} has no message ${messageId} from a user`);
    }
    const { entities: _old, ...rest } = stored.message;
    stored.message = {
      ...rest,
      text,
      ...entitiesField(detectEntities(text)),
      edit_date: Math.floor(Date.now() / 1000),
    };
    stored.edits++;
    this.update({ edited_message: stored.message as Update["edited_message"] });
    return stored.message;
  }

  channelPost(channel: ChatRef, text: string): Message {
    const record = typeof channel === "number" && this.core.world.chats.has(channel)
      ? this.core.world.chat(channel)
      : this.core.world.group({ ...(typeof channel === "number" ? { id: channel } : channel), type: "channel" });
    const message: Message = {
      message_id: this.core.world.allocateMessageId(record),
      date: now(),
      chat: record.chat,
      sender_chat: record.chat,
      text,
      ...entitiesField(detectEntities(text)),
    };
    this.core.world.store(record, { message, fromBot: false, sentAt: Date.now(), edits: 0 });
    this.update({ channel_post: message as Update["channel_post"] });
    return message;
  }

  /** `user` adds the bot to a group: my_chat_member, then the new_chat_members service message. */
  botAddedToGroup(user: UserInit | undefined, group: ChatRef = {}): Chat {
    const from = this.core.world.resolveUser(user);
    const record = this.groupFor(group);
    const bot = botAsUser(this.core.bot);
    record.state = undefined;
    const before = record.members.get(bot.id) ?? memberObject("left", bot);
    const after = this.core.world.setMember(record, bot, "member");
    const change: ChatMemberUpdated = {
      chat: record.chat, from, date: now(), old_chat_member: before, new_chat_member: after,
    };
    this.update({ my_chat_member: change });
    const message: Message = {
      message_id: this.core.world.allocateMessageId(record),
      date: now(),
      chat: record.chat,
      from,
      new_chat_members: [bot],
    };
    this.core.world.store(record, { message, fromBot: false, sentAt: Date.now(), edits: 0 });
    this.update({ message: message as Update["message"] });
    return record.chat;
  }

  /** Presses the inline button with this callback_data (or else this text); returns the query id. */
  pressButton(user: UserInit | undefined, chatId: number, messageId: number, callbackDataOrText: string): string {
    const stored = this.core.world.chat(chatId).messages.get(messageId);
    if (stored === undefined) throw new Error(`pressButton: chat ${chatId} has no message ${messageId}`);
    const button = findButton(stored.message.reply_markup, callbackDataOrText);
    if (button === undefined || !("callback_data" in button)) {
      const buttons = stored.message.reply_markup?.inline_keyboard.flat().map((b) => JSON.stringify(b)) ?? [];
      throw new Error(
        `pressButton: message ${messageId} has no callback button "${callbackDataOrText}"; buttons: ${buttons.join(", ") || "none"}`,
      );
    }
    return this.pressData(user, chatId, messageId, button.callback_data);
  }

  /**
   * A press with any callback data on a message, whether or not the message shows that button now:
   * a button of an older version of the message, or data a client made up.
   */
  pressData(user: UserInit | undefined, chatId: number, messageId: number, data: string): string {
    const from = this.core.world.resolveUser(user);
    const record = this.core.world.chat(chatId);
    const stored = record.messages.get(messageId);
    // A message the stand-in does not have (deleted, say): the client still shows its text.
    const message = stored?.message ?? { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: record.chat, text: "…" };
    const id = this.queryId();
    this.core.callbackQueries.set(id, { id, issuedAt: Date.now() });
    this.update({
      callback_query: {
        id,
        from,
        message: message as Message,
        chat_instance: String(-8_000_000_000_000_000_000n - BigInt(record.chat.id)),
        data,
      },
    });
    return id;
  }

  /**
   * A press of a callback button on a message sent through inline mode (via @bot): the query has
   * inline_message_id and no message, so the bot learns no chat. Returns the query id.
   */
  pressInlineMessage(user: UserInit | undefined, inlineMessageId: string, data: string): string {
    const from = this.core.world.resolveUser(user);
    const id = this.queryId();
    this.core.callbackQueries.set(id, { id, issuedAt: Date.now() });
    this.update({
      callback_query: { id, from, inline_message_id: inlineMessageId, chat_instance: String(-7_000_000_000_000_000_000n - BigInt(from.id)), data },
    });
    return id;
  }

  /** An inline query typed in `@bot query`; returns the query id. */
  inlineQuery(
    user: UserInit | undefined,
    query: string,
    options: { offset?: string; chatType?: "sender" | Chat["type"] } = {},
  ): string {
    const from = this.core.world.resolveUser(user);
    const id = this.queryId();
    this.core.inlineQueries.set(id, { id, issuedAt: Date.now() });
    this.update({
      inline_query: { id, from, query, offset: options.offset ?? "", chat_type: options.chatType ?? "sender" },
    });
    return id;
  }

  private newMessage(user: UserInit | undefined, options: UserMessageOptions, content: Partial<Message>): Message {
    const from = this.core.world.resolveUser(user);
    const record = this.chatFor(from, options.chat);
    const message: Message = {
      message_id: this.core.world.allocateMessageId(record),
      date: now(),
      chat: record.chat,
      from,
      ...content,
    };
    if (options.threadId !== undefined) {
      message.message_thread_id = options.threadId;
      if (record.chat.type === "supergroup" && record.chat.is_forum) message.is_topic_message = true;
    }
    if (options.replyTo !== undefined) {
      const target = record.messages.get(options.replyTo);
      if (target === undefined) throw new Error(`chat ${record.chat.id} has no message ${options.replyTo} to reply to`);
      message.reply_to_message = asReplyTarget(target.message);
    }
    this.core.world.store(record, { message, fromBot: false, sentAt: Date.now(), edits: 0 });
    return message;
  }

  private chatFor(user: User, chat: ChatRef | undefined): ChatRecord {
    return chat === undefined ? this.core.world.privateChat(user) : this.groupFor(chat);
  }

  private groupFor(chat: ChatRef): ChatRecord {
    return typeof chat === "number" ? this.core.world.chat(chat) : this.core.world.group(chat);
  }

  private queryId(): string {
    return String(4_000_000_000_000_000_000n + BigInt(++this.queryCounter));
  }

  private nextId(kind: string): string {
    return `stand-in-${kind}-${++this.queryCounter}`;
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function entitiesField(entities: MessageEntity[]): { entities?: MessageEntity[] } {
  return entities.length > 0 ? { entities } : {};
}

function captionEntities(entities: MessageEntity[]): { caption_entities?: MessageEntity[] } {
  return entities.length > 0 ? { caption_entities: entities } : {};
}
