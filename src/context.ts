import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { PublishOptions, PublishResult } from "./broadcast/publisher.ts";
import type { Translate } from "./i18n.ts";
import type { Lang } from "./knowledge/types.ts";
import type { Library } from "./library.ts";
import type { Storage } from "./storage/storage.ts";

export type BotContext = Context & I18nFlavor;

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

/** The interface language: the user's choice, else Telegram's language code (kk → kk, anything else → ru). */
export async function interfaceLanguage(ctx: BotContext): Promise<Lang> {
  return (await ctx.i18n.getLocale()) === "kk" ? "kk" : "ru";
}

export function languageFromTelegram(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith("kk") ? "kk" : "ru";
}
