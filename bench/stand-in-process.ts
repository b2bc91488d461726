import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { Chat, UserFromGetMe } from "grammy/types";
import { spawnBot, untilPolling, type BotEnvironment, type BotProcess } from "../test/e2e/bot-process.ts";
import type { BotApiOptions, UserMessageOptions } from "../test/e2e/stand-in/bot-api.ts";
import type { ChildMessage, Command, Reply, RequestEvent, Sent, Stats } from "../test/e2e/stand-in/child.ts";
import type { GroupInit, UserInit } from "../test/e2e/stand-in/world.ts";

export type { RequestEvent, Sent, Stats } from "../test/e2e/stand-in/child.ts";

const ROOT = resolve(import.meta.dirname, "..");
type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Waiter = { since: number; match: (r: RequestEvent) => boolean; done(r: RequestEvent): void };
/** Commands as the parent writes them: the id is added on sending. */
type Call = WithoutId<Command>;
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/**
 * The Bot API stand-in in a child process of its own (test/e2e/stand-in/child.ts), so that the
 * benchmark's own work (load generation, bookkeeping) cannot stall it: it stamps the bot's
 * requests on its own clock, and its 429s are the bot's. This side sees every request as an
 * event, when it arrives and when it is answered.
 */
export class StandInProcess {
  /** Requests by seq - 1, as last reported (arrived, then answered). */
  readonly requests: RequestEvent[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(r: RequestEvent) => void>();
  private nextId = 1;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
    readonly bot: UserFromGetMe,
  ) {
    child.on("message", (message: ChildMessage) => {
      if ("event" in message) this.onEvent(message.event);
      else if ("reply" in message) this.onReply(message.reply);
    });
    child.on("exit", () => {
      for (const call of this.pending.values()) call.reject(new Error("the stand-in's process exited"));
      this.pending.clear();
    });
  }

  static async start(options: BotApiOptions = {}): Promise<StandInProcess> {
    const child = fork(resolve(ROOT, "test/e2e/stand-in/child.ts"), [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, STAND_IN_OPTIONS: JSON.stringify(options) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((done, fail) => {
      child.once("exit", (code) => fail(new Error(`the stand-in's process exited (${code}) before it listened`)));
      child.once("message", (message: ChildMessage) => {
        if ("ready" in message) done(new StandInProcess(child, message.ready.url, message.ready.token, message.ready.bot));
        else fail(new Error(`unexpected first message from the stand-in: ${JSON.stringify(message)}`));
      });
    });
  }

  /** Queues a text message from `user` (in its private chat unless options.chat says otherwise). */
  userSends(user: UserInit, text: string, options?: UserMessageOptions): Promise<Sent> {
    return this.call({ op: "userSends", user, text, ...(options === undefined ? {} : { options }) }) as Promise<Sent>;
  }

  /** Queues many messages at once (one round trip). */
  userSendsMany(messages: Array<{ user: UserInit; text: string; options?: UserMessageOptions }>): Promise<Sent[]> {
    return this.call({ op: "userSendsMany", messages }) as Promise<Sent[]>;
  }

  group(init?: GroupInit): Promise<Chat> {
    return this.call({ op: "group", ...(init === undefined ? {} : { init }) }) as Promise<Chat>;
  }

  /** 429s, limit violations, refused requests and the stand-in's own event loop delay, so far. */
  stats(): Promise<Stats> {
    return this.call({ op: "stats" }) as Promise<Stats>;
  }

  /** The seq of the latest request seen here. */
  mark(): number {
    return this.requests.length;
  }

  /** Called for every event from now on (arrival and answer of each request). */
  onRequest(listener: (r: RequestEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first request after `since` whose latest event matches (already seen or to come). */
  waitFor(match: (r: RequestEvent) => boolean, { since = 0, timeoutMs = 5000 } = {}): Promise<RequestEvent> {
    for (let i = since; i < this.requests.length; i++) {
      const r = this.requests[i];
      if (r !== undefined && match(r)) return Promise.resolve(r);
    }
    return new Promise((done, fail) => {
      const waiter: Waiter = {
        since,
        match,
        done: (r) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          done(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        fail(new Error(`the stand-in: no matching request within ${timeoutMs} ms (${this.requests.length} requests so far)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((done) => this.child.once("exit", done));
    await this.call({ op: "close" }).catch(() => {});
    await exited;
  }

  private call(command: Call): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...command, id } as Command);
    });
  }

  private onReply(reply: Reply): void {
    const call = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.error !== undefined) call?.reject(new Error(reply.error));
    else call?.resolve(reply.result);
  }

  private onEvent(event: RequestEvent): void {
    this.requests[event.seq - 1] = event;
    for (const listener of this.listeners) listener(event);
    for (const waiter of [...this.waiters]) if (event.seq > waiter.since && waiter.match(event)) waiter.done(event);
  }
}

/** The stand-in's violations of Telegram's limits, one phrase each: which limit, where, when, and whether the stand-in itself had stalled just before. */
export function describeViolations(stats: Stats): string {
  return stats.violationDetails
    .map(
      (v) =>
        `${v.limit} (${v.max}) by ${v.method} into ${v.chatId} at ${(v.atMs / 1000).toFixed(1)} s, the stand-in stalled ${v.stallBeforeMs} ms in the second before; ` +
        `the ${v.windowSends.length} sends in its window came ${(-(v.windowSends[0] ?? 0) / 1000).toFixed(2)} s to ${(-(v.windowSends.at(-1) ?? 0) / 1000).toFixed(2)} s before it`,
    )
    .join("; ");
}

/** Starts the bot exactly as `npm start` does (spawnBot) against the stand-in's process, and waits for its first poll. */
export function startBotAgainst(api: StandInProcess, environment: BotEnvironment): Promise<BotProcess> {
  const since = api.mark();
  return untilPolling(spawnBot(environment), api.waitFor((r) => r.method === "getUpdates", { since, timeoutMs: 15_000 }));
}
