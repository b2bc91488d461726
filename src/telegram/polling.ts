import { GrammyError, type Api } from "grammy";
import type { UpdateInbox } from "./inbox.ts";
import { describeApiError } from "./responses.ts";
import { ALLOWED_UPDATES } from "./updates.ts";

export interface PollerOptions {
  /** Long-polling timeout: how long Telegram may hold a getUpdates open when there is nothing new. */
  timeoutSeconds?: number;
  log: (message: string) => void;
}

type PollSignal = Parameters<Api["getUpdates"]>[1];

const LONG_POLL_SECONDS = 25;
/** A getUpdates is abandoned when it has not answered this long after its long-poll timeout. */
const GRACE_SECONDS = 10;
const MAX_BACKOFF_MS = 10_000;
const backoff = (failures: number) => Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
/** A server that answers an empty getUpdates at once instead of holding it (an emulator, a proxy) is asked again after this pause, not in a tight loop. */
const EARLY_EMPTY_PAUSE_MS = 200;

/**
 * Long polling into the inbox. An update is confirmed to Telegram (by the next getUpdates' offset)
 * only once the inbox has stored it. A failed poll is retried after a short backoff of its own
 * (at most ten seconds), a hung one is abandoned, and a stop aborts the poll in progress. `api`
 * must not retry by itself: a failed poll is simply made again.
 */
export class Poller {
  private readonly abort = new AbortController();
  private offset = 0;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly api: Api,
    private readonly inbox: UpdateInbox,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops polling at once, aborting the request in progress. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const timeout = this.options.timeoutSeconds ?? LONG_POLL_SECONDS;
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout((timeout + GRACE_SECONDS) * 1000)]);
        const asked = Date.now();
        // grammY types its signal with the abort-controller polyfill; at run time it is Node's own.
        const updates = await this.api.getUpdates({ offset: this.offset, timeout, allowed_updates: [...ALLOWED_UPDATES] }, signal as unknown as PollSignal);
        await this.inbox.receive(updates);
        const last = updates.at(-1);
        if (last) this.offset = last.update_id + 1;
        failures = 0;
        if (updates.length === 0 && timeout > 0 && Date.now() - asked < EARLY_EMPTY_PAUSE_MS) await this.sleep(EARLY_EMPTY_PAUSE_MS);
      } catch (error) {
        if (this.abort.signal.aborted) break;
        failures++;
        this.options.log(`Polling failed (${describe(error)}); trying again in ${backoff(failures) / 1000} s`);
        await this.sleep(backoff(failures));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.abort.signal.addEventListener("abort", done);
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409) return "another process is polling with this token, or a webhook is set";
  return describeApiError(error);
}
