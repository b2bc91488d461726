import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { fileURLToPath } from "node:url";
import type { Lang } from "./knowledge/types.ts";

export type Translate = (lang: Lang, key: string, variables?: Record<string, string | number | Date>) => string;

const LOCALES_DIR = fileURLToPath(new URL("./locales", import.meta.url));

/** The bot's strings (src/locales/*.ftl), Russian being the default. */
export function createI18n<C extends Context>(localeNegotiator?: (ctx: C) => Promise<string | undefined>): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: "ru",
    fluentBundleOptions: { useIsolating: false },
    ...(localeNegotiator ? { localeNegotiator } : {}),
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}

export const translator = (i18n: Pick<I18n, "t">): Translate => (lang, key, variables) => i18n.t(lang, key, variables);

/** An ISO date (YYYY-MM-DD, YYYY-MM or YYYY), or null, as words in `lang`. */
export function formatDate(t: Translate, lang: Lang, iso: string | null): string {
  if (!iso) return t(lang, "date-unknown");
  const [year, month, day] = iso.split("-").map(Number);
  if (!month) return t(lang, "date-year", { year: String(year) });
  const date = new Date(year as number, month - 1, day ?? 1);
  return t(lang, day ? "date-day" : "date-month", { date });
}
