import type { Transformer } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, User, UserFromGetMe } from "grammy/types";

export const TERMINAL_BOT: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Жусан",
  username: "zhusan_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** What the terminal shows: a message the bot sent or edited, a short notice, an inline answer. */
export type Shown =
  | { kind: "message"; message: Message; edited: boolean }
  | { kind: "notice"; text: string };

type Payload = Record<string, unknown>;

/**
 * A stand-in for the Bot API inside the process: the bot's calls are answered here and what it
 * sends is handed to `show`. No network, no token.
 */
export class TerminalTransport {
  private nextMessageId = 1;
  private readonly messages = new Map<number, Message>();

  constructor(
    private readonly user: User,
    private readonly show: (shown: Shown) => void,
  ) {}

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const result = this.call(method, (payload ?? {}) as Payload);
    return { ok: true, result } as never;
  };

  private call(method: string, payload: Payload): unknown {
    switch (method) {
      case "getMe":
        return TERMINAL_BOT;
      case "sendMessage": {
        const message = this.message(this.nextMessageId++, payload);
        this.show({ kind: "message", message, edited: false });
        return message;
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const old = this.messages.get(Number(payload.message_id));
        if (!old) return true;
        const message = this.message(old.message_id, { text: old.text, reply_markup: old.reply_markup, ...payload });
        this.show({ kind: "message", message, edited: true });
        return message;
      }
      case "answerCallbackQuery":
        if (typeof payload.text === "string" && payload.text) this.show({ kind: "notice", text: payload.text });
        return true;
      default:
        return true;
    }
  }

  private message(id: number, payload: Payload): Message {
    const message = {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: this.user.id, type: "private", first_name: this.user.first_name },
      from: TERMINAL_BOT,
      text: String(payload.text ?? ""),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup as InlineKeyboardMarkup } : {}),
    } as Message;
    this.messages.set(id, message);
    return message;
  }
}

/** The buttons of a message, row by row. */
export function buttonsOf(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}
