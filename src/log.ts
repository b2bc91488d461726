/** One line on standard output, with the time. */
export function log(message: string): void {
  console.log(`${new Date().toISOString()} ${message}`);
}

/** While a fault lasts it is reported once a minute at most. */
const REPEAT_MS = 60_000;

/**
 * Reports a failing part (the database, say) as one line when it starts failing, at most once a
 * minute while it goes on, and one line when it works again: a fault is neither silent nor a flood.
 */
export class FaultLog {
  private readonly failing = new Map<string, number>();

  constructor(private readonly write: (message: string) => void = log) {}

  failed(what: string, error: unknown): void {
    const last = this.failing.get(what);
    if (last !== undefined && Date.now() - last < REPEAT_MS) return;
    this.failing.set(what, Date.now());
    this.write(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  ok(what: string): void {
    if (this.failing.delete(what)) this.write(`${what} works again`);
  }
}

/** Faults of the database, shared by everything that uses it in this process. */
export const storageFaults = new FaultLog();
