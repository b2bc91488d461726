import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { PublishOptions, PublishResult } from "./broadcast/publisher.ts";
import type { Translate } from "./i18n.ts";
import type { Lang } from "./knowledge/types.ts";
import type { Library } from "./library.ts";
import type { Storage } from "./storage/storage.ts";

export interface LanguageFlavor {
  /**
   * The interface language, the one `ctx.t` speaks: the user's choice, else Telegram's language
   * code (kk → kk, anything else → ru). Negotiated once per update, and again by
   * `ctx.i18n.renegotiateLocale()` after a change (see createBotI18n).
   */
  lang: Lang;
}

export type BotContext = Context & I18nFlavor & LanguageFlavor;

/** What handlers need from the rest of the program. */
export interface BotDeps {
  library: Library;
  storage: Storage;
  i18n: I18n<BotContext>;
  t: Translate;
  adminIds: readonly number[];
  /** Reloads the knowledge base and queues announcements of what is new (/publish, an admin's ✅). */
  publish(options?: PublishOptions): Promise<PublishResult>;
}

/**
 * The options of a message sent as plain text: the bot's API sends every message whose call names
 * no parse mode as HTML (htmlByDefault in bot.ts); this one names it, as none.
 */
export const PLAIN = { parse_mode: undefined };

export function languageFromTelegram(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith("kk") ? "kk" : "ru";
}
