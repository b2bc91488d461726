// getChat, getChatMember, getChatAdministrators, getChatMemberCount and leaveChat.
import type { ChatFullInfo } from "grammy/types";
import type { Handler } from "./core.ts";
import { ApiError, TelegramErrors } from "./errors.ts";
import { requireInt } from "./params.ts";

export const getChat: Handler = (core, call): ChatFullInfo => {
  const { chat } = core.chat(call.params);
  const common = {
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: true,
      limited_gifts: true,
      unique_gifts: true,
      premium_subscription: true,
      gifts_from_channels: true,
    },
  };
  return { ...chat, ...common } as ChatFullInfo;
};

export const getChatMember: Handler = (core, call) => {
  const record = core.chat(call.params);
  return core.world.member(record, requireInt(call.params, "user_id"));
};

export const getChatAdministrators: Handler = (core, call) => {
  const record = core.chat(call.params);
  if (record.chat.type === "private") throw new ApiError(400, TelegramErrors.noAdminsInPrivateChat);
  const admins = [...record.members.values()].filter((m) => m.status === "creator" || m.status === "administrator");
  return admins.sort((a, b) => Number(b.status === "creator") - Number(a.status === "creator"));
};

export const getChatMemberCount: Handler = (core, call) => {
  const record = core.chat(call.params);
  if (record.chat.type === "private") return 2;
  const present = [...record.members.values()].filter((m) => m.status !== "left" && m.status !== "kicked");
  return Math.max(present.length, 2);
};

export const leaveChat: Handler = (core, call) => {
  const record = core.chat(call.params);
  record.state = { kind: "left" };
  return true;
};
