// The update queue behind getUpdates: offsets confirm updates, allowed_updates filters new ones,
// long polls wait for the next update, and a newer poll terminates an older one with 409.
import type { Update } from "grammy/types";
import { ApiError, TelegramErrors } from "./errors.ts";

export type UpdateInit = Omit<Update, "update_id">;

// Delivered only when asked for explicitly in allowed_updates.
const OPT_IN = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export interface PollRequest {
  offset?: number;
  limit?: number;
  /** seconds */
  timeout?: number;
  allowedUpdates?: string[];
}

interface WaitingPoll {
  limit: number;
  resolve(updates: Update[]): void;
  reject(error: ApiError): void;
  timer: NodeJS.Timeout;
}

// A terminated poll is answered a moment later, so that a poll the client has already abandoned
// (grammY aborts its poll before the final confirming getUpdates) is seen as aborted, not as a 409.
const CONFLICT_GRACE_MS = 25;

export class UpdateQueue {
  /** every update ever queued, in order */
  readonly history: Update[] = [];
  private pending: Update[] = [];
  private allowed: ReadonlySet<string> | undefined;
  private waiting: WaitingPoll | undefined;
  private wakeScheduled = false;

  constructor(private nextId: number) {}

  push(init: UpdateInit): Update {
    const update = { update_id: this.nextId++, ...init } as Update;
    this.history.push(update);
    // As in Telegram, allowed_updates decides which updates are kept at the moment they happen.
    if (!this.isAllowed(update)) return update;
    this.pending.push(update);
    this.scheduleWake();
    return update;
  }

  /** Updates queued and not yet confirmed. */
  get unconfirmed(): readonly Update[] {
    return this.pending;
  }

  get isPolling(): boolean {
    return this.waiting !== undefined;
  }

  dropPending(): void {
    this.pending = [];
  }

  poll(request: PollRequest, signal: AbortSignal): Promise<Update[]> {
    this.confirm(request.offset);
    if (request.allowedUpdates !== undefined) {
      this.allowed = request.allowedUpdates.length === 0 ? undefined : new Set(request.allowedUpdates);
    }
    this.terminateWaiting();
    const limit = Math.min(Math.max(request.limit ?? 100, 1), 100);
    const ready = this.take(limit);
    const timeout = request.timeout ?? 0;
    if (ready.length > 0 || timeout <= 0) return Promise.resolve(ready);

    return new Promise((resolve, reject) => {
      const poll: WaitingPoll = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => this.finish(poll, this.take(limit)), timeout * 1000),
      };
      this.waiting = poll;
      signal.addEventListener("abort", () => this.finish(poll, []), { once: true });
    });
  }

  /** Answers a waiting poll with nothing (the stand-in is closing). */
  close(): void {
    if (this.waiting !== undefined) this.finish(this.waiting, []);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    this.pending = offset > 0 ? this.pending.filter((u) => u.update_id >= offset) : this.pending.slice(offset);
  }

  private take(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
    return this.allowed === undefined ? !OPT_IN.has(type) : this.allowed.has(type);
  }

  private terminateWaiting(): void {
    const old = this.waiting;
    if (old === undefined) return;
    this.waiting = undefined;
    clearTimeout(old.timer);
    setTimeout(() => old.reject(new ApiError(409, TelegramErrors.pollConflict, "conflict")), CONFLICT_GRACE_MS);
  }

  private finish(poll: WaitingPoll, updates: Update[]): void {
    if (this.waiting !== poll) return;
    this.waiting = undefined;
    clearTimeout(poll.timer);
    poll.resolve(updates);
  }

  // Updates queued in the same tick are delivered together, as one batch.
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const poll = this.waiting;
      if (poll === undefined) return;
      const ready = this.take(poll.limit);
      if (ready.length > 0) this.finish(poll, ready);
    });
  }
}
