/** Whether a Bot API method puts a new message into a chat (what Telegram's per-chat limits count). */
export const postsMessage = (method: string): boolean => /^(send|copy|forward)/.test(method) && method !== "sendChatAction";

/** …or edits one: what reaches the user. */
export const showsMessage = (method: string): boolean => postsMessage(method) || method.startsWith("edit");
