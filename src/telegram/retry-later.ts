import { GrammyError } from "grammy";
import { describeApiError } from "./responses.ts";

/** Seconds between the attempts after a failure; after the last one the task waits for the next start. */
export const RETRY_DELAYS_SECONDS = [15, 60, 300, 1800, 3600] as const;

export interface RetryLaterOptions {
  log: (message: string) => void;
  delaysSeconds?: readonly number[];
}

/**
 * Runs a task the bot can answer without (the command menu, say): a failed attempt is one log line
 * and the task is tried again in the background after a growing delay, a few times, then left until
 * the next start. Resolves with whether the first attempt worked; it never rejects. (p-retry waits
 * in the caller and knows nothing of Telegram's retry_after; this returns at once.)
 */
export function retryLater(what: string, task: () => Promise<unknown>, { log, delaysSeconds = RETRY_DELAYS_SECONDS }: RetryLaterOptions): Promise<boolean> {
  const attempt = async (index: number): Promise<boolean> => {
    try {
      await task();
      if (index > 0) log(`${capitalized(what)}: done at attempt ${index + 1}`);
      return true;
    } catch (error) {
      const delay = delaysSeconds[index];
      if (delay === undefined) {
        log(`Could not ${what} (${describeApiError(error)}); leaving it until the next start`);
        return false;
      }
      const wait = Math.max(delay, retryAfter(error));
      log(`Could not ${what} (${describeApiError(error)}); trying again in ${wait} s`);
      setTimeout(() => void attempt(index + 1), wait * 1000).unref();
      return false;
    }
  };
  return attempt(0);
}

function retryAfter(error: unknown): number {
  return error instanceof GrammyError ? (error.parameters.retry_after ?? 0) : 0;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
