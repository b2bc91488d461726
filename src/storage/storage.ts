import type { Lang } from "../knowledge/types.ts";

/**
 * What the bot keeps between restarts. Asynchronous so that a server database (PostgreSQL) can
 * implement it as well as the embedded SQLite file.
 */
export interface Storage {
  /** The interface language the user chose with /language, if any. */
  getLanguage(userId: number): Promise<Lang | null>;
  setLanguage(userId: number, lang: Lang): Promise<void>;
  close(): Promise<void>;
}
