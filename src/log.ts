import { pino } from "pino";

/**
 * The bot's log: one JSON line per event on standard output (pino), written at once, so that the
 * last lines before an exit are never lost.
 */
export const logger = pino({ base: undefined }, pino.destination({ dest: 1, sync: true }));

/** One event worth an operator's eye, as a line of the log. */
export function log(message: string, fields: Record<string, unknown> = {}): void {
  logger.info(fields, message);
}

/** While a fault lasts it is reported once a minute at most. */
const REPEAT_MS = 60_000;

/**
 * Reports a failing part (the database, say) as one line when it starts failing, at most once a
 * minute while it goes on, and one line when it works again: a fault is neither silent nor a flood.
 */
export class FaultLog {
  private readonly failing = new Map<string, number>();

  failed(what: string, error: unknown): void {
    const last = this.failing.get(what);
    if (last !== undefined && Date.now() - last < REPEAT_MS) return;
    this.failing.set(what, Date.now());
    logger.error({ fault: what, reason: error instanceof Error ? error.message : String(error) }, `${what} failed`);
  }

  ok(what: string): void {
    if (this.failing.delete(what)) logger.info({ fault: what }, `${what} works again`);
  }
}

/** Faults of the database, shared by everything that uses it in this process. */
export const storageFaults = new FaultLog();
