import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Translate } from "../i18n.ts";
import { LANGS, type Lang } from "../knowledge/types.ts";

const PRIVATE_COMMANDS = ["start", "menu", "timeline", "figures", "language", "help"] as const;

function commands(t: Translate, lang: Lang): BotCommand[] {
  return PRIVATE_COMMANDS.map((command) => ({ command, description: t(lang, `command-${command}`) }));
}

/** The command menu in each language (and Russian for everyone else). */
export async function setCommands(api: Api, t: Translate): Promise<void> {
  await api.setMyCommands(commands(t, "ru"));
  for (const lang of LANGS) await api.setMyCommands(commands(t, lang), { language_code: lang });
}
