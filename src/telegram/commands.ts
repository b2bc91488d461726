import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Translate } from "../i18n.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";

const PRIVATE_COMMANDS = ["start", "menu", "timeline", "figures", "subscribe", "unsubscribe", "language", "help"] as const;
const GROUP_COMMANDS = ["ask", "subscribe", "unsubscribe", "help"] as const;

function commands(names: readonly string[], t: Translate, lang: Lang): BotCommand[] {
  return names.map((command) => ({ command, description: t(lang, `command-${command}`) }));
}

/** The command menu in private chats and in groups, in each language (and Russian for everyone else). */
export async function setCommands(api: Api, t: Translate): Promise<void> {
  for (const [names, scope] of [
    [PRIVATE_COMMANDS, { type: "all_private_chats" }],
    [GROUP_COMMANDS, { type: "all_group_chats" }],
  ] as const) {
    await api.setMyCommands(commands(names, t, "ru"), { scope });
    for (const lang of LANGS) await api.setMyCommands(commands(names, t, lang), { scope, language_code: lang });
  }
}
