/** The updates the bot asks Telegram for (polling and webhook alike). */
export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "channel_post",
  "callback_query",
  "inline_query",
  "chosen_inline_result",
  "my_chat_member",
] as const;
