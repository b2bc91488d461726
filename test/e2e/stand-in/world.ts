// What the stand-in knows about users, chats, their messages and members.
import type { Chat, ChatMember, Message, User, UserFromGetMe } from "grammy/types";
import { ApiError, TelegramErrors } from "./errors.ts";

export type ChatState =
  | { kind: "blocked" }
  | { kind: "kicked" }
  | { kind: "left" }
  | { kind: "missing" }
  | { kind: "migrated"; to: number };

export interface StoredMessage {
  message: Message;
  fromBot: boolean;
  /** the Bot API method that created it, for the bot's messages */
  method?: string;
  /** ms since the epoch */
  sentAt: number;
  edits: number;
}

export interface ChatRecord {
  chat: Chat;
  state?: ChatState;
  members: Map<number, ChatMember>;
  messages: Map<number, StoredMessage>;
  nextMessageId: number;
}

export type UserInit = Partial<User>;

export interface GroupInit {
  id?: number;
  type?: "group" | "supergroup" | "channel";
  title?: string;
  username?: string;
  /** supergroups only: topics enabled */
  isForum?: boolean;
}

export type MemberStatus = ChatMember["status"];

export const DEFAULT_USER: User = {
  id: 1001,
  is_bot: false,
  first_name: "Aigerim",
  last_name: "Nurlanovna",
  username: "aigerim_n",
  language_code: "ru",
};

export class World {
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, ChatRecord>();
  private nextUserId = DEFAULT_USER.id + 1;
  private groupsCreated = 0;

  constructor(readonly bot: UserFromGetMe) {
    this.users.set(DEFAULT_USER.id, { ...DEFAULT_USER });
  }

  /** Registers a new user; without an id it gets a fresh one. */
  createUser(init: UserInit = {}): User {
    const id = init.id ?? this.nextUserId++;
    return this.resolveUser({ ...init, id });
  }

  /** The user with this id (the default user when no id is given), updated with `init`. */
  resolveUser(init: UserInit = {}): User {
    const id = init.id ?? DEFAULT_USER.id;
    const known = this.users.get(id);
    const { id: _id, ...fields } = init;
    const user: User = { id, is_bot: false, first_name: `User ${id}`, ...known, ...fields };
    this.users.set(id, user);
    return user;
  }

  privateChat(user: User): ChatRecord {
    const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    const known = this.chats.get(user.id);
    if (known !== undefined) {
      known.chat = chat;
      return known;
    }
    return this.register(chat);
  }

  /** Registers (or updates) a group, supergroup or channel. */
  group(init: GroupInit = {}): ChatRecord {
    const known = init.id === undefined ? undefined : this.chats.get(init.id);
    const before = known?.chat.type === "private" ? undefined : known?.chat;
    const type = init.type ?? before?.type ?? "group";
    const n = ++this.groupsCreated;
    const id = init.id ?? (type === "group" ? -4_000_000_000 - n : -1_002_000_000_000 - n);
    const title = init.title ?? before?.title ?? `Test ${type} ${n}`;
    const username = init.username ?? before?.username;
    const named = username === undefined ? {} : { username };
    const chat: Chat =
      type === "group"
        ? { id, type, title }
        : type === "supergroup"
          ? { id, type, title, ...named, ...((init.isForum ?? before?.is_forum) ? { is_forum: true as const } : {}) }
          : { id, type, title, ...named };
    if (known !== undefined) {
      known.chat = chat;
      return known;
    }
    return this.register(chat);
  }

  /**
   * The chat a `chat_id` parameter names. Unknown numeric ids are created on the fly (a private
   * chat for positive ids, a group or supergroup for negative ones); unknown @usernames are not.
   */
  chat(chatId: number | string): ChatRecord {
    if (typeof chatId === "string" && !/^-?\d+$/.test(chatId)) {
      const username = chatId.replace(/^@/, "").toLowerCase();
      const found = [...this.chats.values()].find(
        (c) => chatId.startsWith("@") && c.chat.type !== "private" && c.chat.username?.toLowerCase() === username,
      );
      if (found === undefined) throw new ApiError(400, TelegramErrors.chatNotFound, "chat");
      return found;
    }
    const id = Number(chatId);
    const known = this.chats.get(id);
    if (known !== undefined) return known;
    if (id > 0) return this.privateChat(this.resolveUser({ id }));
    return this.group({ id, type: id <= -1_000_000_000_000 ? "supergroup" : "group" });
  }

  allocateMessageId(record: ChatRecord): number {
    return record.nextMessageId++;
  }

  store(record: ChatRecord, stored: StoredMessage): void {
    record.messages.set(stored.message.message_id, stored);
  }

  setMember(record: ChatRecord, user: User, status: MemberStatus, extra: Partial<ChatMember> = {}): ChatMember {
    const member = { ...memberObject(status, user), ...extra } as ChatMember;
    record.members.set(user.id, member);
    return member;
  }

  /** Configured membership, else "member" (Telegram would know; the stand-in assumes). */
  member(record: ChatRecord, userId: number): ChatMember {
    const user = userId === this.bot.id ? botAsUser(this.bot) : this.resolveUser({ id: userId });
    return record.members.get(userId) ?? memberObject("member", user);
  }

  private register(chat: Chat): ChatRecord {
    const record: ChatRecord = { chat, members: new Map(), messages: new Map(), nextMessageId: 1 };
    this.chats.set(chat.id, record);
    return record;
  }
}

export function botAsUser(bot: UserFromGetMe): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}

/** A message as embedded in `reply_to_message` (which never nests further). */
export function asReplyTarget(message: Message): NonNullable<Message["reply_to_message"]> {
  const { reply_to_message: _nested, ...rest } = message;
  return { ...rest, reply_to_message: undefined };
}

export function isGroupLike(chat: Chat): boolean {
  return chat.type !== "private";
}

export function memberObject(status: MemberStatus, user: User): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true,
        can_delete_messages: true, can_manage_video_chats: true, can_restrict_members: true,
        can_promote_members: false, can_change_info: true, can_invite_users: true,
        can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
        can_pin_messages: true, can_send_welcome_messages: false,
      };
    case "member":
      return { status, user };
    case "restricted":
      return {
        status, user, is_member: true, can_send_messages: false, can_send_audios: false,
        can_send_documents: false, can_send_photos: false, can_send_videos: false,
        can_send_video_notes: false, can_send_voice_notes: false, can_send_polls: false,
        can_send_other_messages: false, can_add_web_page_previews: false, can_react_to_messages: false,
        can_change_info: false, can_invite_users: false, can_edit_tag: false, can_pin_messages: false,
        can_manage_topics: false, until_date: 0,
      };
    case "left":
      return { status, user };
    case "kicked":
      return { status, user, until_date: 0 };
  }
}

/** The error Telegram gives for a chat in this state, if any. */
export function chatStateError(record: ChatRecord): ApiError | undefined {
  const state = record.state;
  if (state === undefined) return undefined;
  const type = record.chat.type;
  switch (state.kind) {
    case "missing":
      return new ApiError(400, TelegramErrors.chatNotFound, "chat");
    case "migrated":
      return new ApiError(400, TelegramErrors.migrated, "chat", { migrate_to_chat_id: state.to });
    case "blocked":
    case "kicked":
      return new ApiError(
        403,
        type === "private"
          ? TelegramErrors.blocked
          : type === "group"
            ? TelegramErrors.kickedFromGroup
            : type === "supergroup"
              ? TelegramErrors.kickedFromSupergroup
              : TelegramErrors.kickedFromChannel,
        "chat",
      );
    case "left":
      return new ApiError(
        403,
        type === "supergroup"
          ? TelegramErrors.notMemberOfSupergroup
          : type === "channel"
            ? TelegramErrors.notMemberOfChannel
            : TelegramErrors.notMemberOfGroup,
        "chat",
      );
  }
}
