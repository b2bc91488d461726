// getMe, getUpdates, webhooks, commands and descriptions.
import type { BotCommand } from "grammy/types";
import { Described, type Handler } from "./core.ts";
import { ApiError, badRequest, TelegramErrors } from "./errors.ts";
import type { Params } from "./http.ts";
import { optArray, optBool, optInt, optObject, optString } from "./params.ts";

export const getMe: Handler = (core) => core.bot;

export const getUpdates: Handler = (core, call) => {
  if (core.webhook !== undefined) throw new ApiError(409, TelegramErrors.webhookConflict, "conflict");
  const allowed = optArray(call.params, "allowed_updates");
  return core.updates.poll(
    {
      offset: optInt(call.params, "offset"),
      limit: optInt(call.params, "limit"),
      timeout: optInt(call.params, "timeout"),
      allowedUpdates: allowed?.map(String),
    },
    call.signal,
  );
};

export const setWebhook: Handler = (core, call) => {
  const url = optString(call.params, "url") ?? "";
  if (url === "") return deleteWebhook(core, call);
  if (!/^https:\/\//i.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  core.webhook = { url, params: call.params };
  if (optBool(call.params, "drop_pending_updates")) core.updates.dropPending();
  return new Described(true, "Webhook was set");
};

export const deleteWebhook: Handler = (core, call) => {
  const had = core.webhook !== undefined;
  core.webhook = undefined;
  if (optBool(call.params, "drop_pending_updates")) core.updates.dropPending();
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
};

export const getWebhookInfo: Handler = (core) => {
  const webhook = core.webhook;
  return {
    url: webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: core.updates.unconfirmed.length,
    ...(webhook === undefined
      ? {}
      : { max_connections: optInt(webhook.params, "max_connections") ?? 40, ip_address: "127.0.0.1" }),
    ...(webhook?.params.allowed_updates !== undefined ? { allowed_updates: webhook.params.allowed_updates } : {}),
  };
};

const SCOPES: Record<string, ReadonlyArray<string>> = {
  default: [],
  all_private_chats: [],
  all_group_chats: [],
  all_chat_administrators: [],
  chat: ["chat_id"],
  chat_administrators: ["chat_id"],
  chat_member: ["chat_id", "user_id"],
};

const MAX_COMMANDS = 100;

/** `${scope}|${language_code}`: the key under which commands are stored. */
function commandsKey(params: Params): string {
  const scope = optObject(params, "scope") ?? { type: "default" };
  const type = typeof scope.type === "string" ? scope.type : "";
  const fields = SCOPES[type];
  if (fields === undefined) throw badRequest("unsupported bot command scope type specified");
  const values = fields.map((field) => {
    const value = scope[field];
    if (value === undefined || value === "") throw badRequest(`${field} is not specified in the bot command scope`);
    return String(value);
  });
  return [[type, ...values].join(":"), languageCode(params)].join("|");
}

function languageCode(params: Params): string {
  const code = optString(params, "language_code") ?? "";
  if (code !== "" && !/^[a-z]{2}$/.test(code)) throw new ApiError(400, TelegramErrors.languageCodeInvalid);
  return code;
}

export const setMyCommands: Handler = (core, call) => {
  const key = commandsKey(call.params);
  const raw = optArray(call.params, "commands") ?? [];
  // The Bot API's own checks, then the server's (too many, invalid characters).
  const commands: BotCommand[] = raw.map((item) => {
    if (typeof item !== "object" || item === null) throw badRequest("can't parse BotCommand: expected an Object");
    const { command, description } = item as Record<string, unknown>;
    if (typeof command !== "string") throw badRequest(`can't parse BotCommand: Can't find field "command"`);
    if (typeof description !== "string") throw badRequest(`can't parse BotCommand: Can't find field "description"`);
    const name = command.trim().replace(/^\//, "");
    const text = description.trim();
    if (name === "") throw new ApiError(400, TelegramErrors.commandEmpty);
    if ([...name].length > 32) throw new ApiError(400, TelegramErrors.commandTooLong);
    if (text === "") throw new ApiError(400, TelegramErrors.commandDescriptionEmpty);
    if ([...text].length > 256) throw new ApiError(400, TelegramErrors.commandDescriptionTooLong);
    return { command: name, description: text };
  });
  if (commands.length > MAX_COMMANDS) throw new ApiError(400, TelegramErrors.commandsTooMuch);
  if (commands.some((c) => !/^[a-z0-9_]+$/.test(c.command))) throw new ApiError(400, TelegramErrors.commandInvalid);
  if (commands.length === 0) core.commands.delete(key);
  else core.commands.set(key, commands);
  return true;
};

export const getMyCommands: Handler = (core, call) => core.commands.get(commandsKey(call.params)) ?? [];

export const deleteMyCommands: Handler = (core, call) => {
  core.commands.delete(commandsKey(call.params));
  return true;
};

function setText(kind: "description" | "short_description"): Handler {
  return (core, call) => {
    const key = `${kind}|${languageCode(call.params)}`;
    const text = optString(call.params, kind) ?? "";
    if (text === "") core.descriptions.delete(key);
    else core.descriptions.set(key, text);
    return true;
  };
}

function getText(kind: "description" | "short_description"): Handler {
  return (core, call) => ({ [kind]: core.descriptions.get(`${kind}|${languageCode(call.params)}`) ?? "" });
}

export const setMyDescription = setText("description");
export const setMyShortDescription = setText("short_description");
export const getMyDescription = getText("description");
export const getMyShortDescription = getText("short_description");
