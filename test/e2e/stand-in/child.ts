// The stand-in in a process of its own: `node --import tsx test/e2e/stand-in/child.ts`, forked
// with an IPC channel (see bench/stand-in-process.ts). A benchmark's load generator then never
// stalls the stand-in's event loop, so the stand-in stamps each request when it really arrives and
// its 429s are the bot's, not the harness's.
//
// Options: STAND_IN_OPTIONS (JSON BotApiOptions). Once listening it sends { ready }; it then sends
// a RequestEvent when each request arrives and when it is answered, and answers each Command
// with a Reply carrying the command's id. It exits after "close", or when the parent goes away.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Chat, Update, UserFromGetMe } from "grammy/types";
import { startBotApi, type BotApiOptions, type RecordedRequest, type UserMessageOptions } from "./bot-api.ts";
import type { GroupInit, UserInit } from "./world.ts";

/** A request the bot made, as far as a benchmark needs it. */
export interface RequestEvent {
  seq: number;
  method: string;
  outcome: RecordedRequest["outcome"];
  chatId?: number | string;
  /** ms since the epoch (the stand-in's clock), when the request arrived */
  time: number;
  answeredAt?: number;
  ok?: boolean;
  errorCode?: number;
}

export interface Sent {
  update: Update;
  /** ms since the epoch (the stand-in's clock), when the update was queued */
  queuedAt: number;
  /** the seq of the latest request when the update was queued: the bot's requests for it come after */
  mark: number;
}

export interface Stats {
  requests: number;
  /** answers with error_code 429 */
  tooMany: number;
  /** sends past the configured limits (each answered 429) */
  violations: number;
  /** requests refused because the request itself was wrong, described */
  rejected: string[];
  /** the stand-in's own event loop: the longest stall and the 99th percentile, in ms */
  lagMaxMs: number;
  lagP99Ms: number;
  /** each send past a limit: which limit, into which chat, when (ms after the stand-in started), the stand-in's own longest stall in the second before it, and the sends that filled the limit's window (ms before it) */
  violationDetails: Array<{ limit: string; max: number; chatId: number | string; method: string; atMs: number; stallBeforeMs: number; windowSends: number[] }>;
}

export type Command =
  | { id: number; op: "userSends"; user: UserInit; text: string; options?: UserMessageOptions }
  | { id: number; op: "userSendsMany"; messages: Array<{ user: UserInit; text: string; options?: UserMessageOptions }> }
  | { id: number; op: "group"; init?: GroupInit }
  | { id: number; op: "stats" }
  | { id: number; op: "close" };

export type Reply = { id: number; result?: unknown; error?: string };

export type ChildMessage =
  | { ready: { url: string; token: string; bot: UserFromGetMe } }
  | { event: RequestEvent }
  | { reply: Reply };

async function main(): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  const options = JSON.parse(process.env.STAND_IN_OPTIONS ?? "{}") as BotApiOptions;
  const api = await startBotApi(options);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const startedAt = Date.now();
  // When the event loop stalled (end, length): requests arriving during a stall are stamped at its end, together.
  const stalls: Array<{ end: number; ms: number }> = [];
  let tick = Date.now();
  setInterval(() => {
    const now = Date.now();
    if (now - tick - 10 > 50) stalls.push({ end: now, ms: now - tick - 10 });
    tick = now;
  }, 10).unref();

  // Sees every request when it arrives and when it is answered (a waiter that never matches).
  api
    .waitFor(
      (r) => {
        const response = r.response;
        send({
          event: {
            seq: r.seq,
            method: r.method,
            outcome: r.outcome,
            ...(r.params.chat_id === undefined ? {} : { chatId: r.params.chat_id as number | string }),
            time: r.time,
            ...(r.answeredAt === undefined ? {} : { answeredAt: r.answeredAt }),
            ...(response === undefined ? {} : { ok: response.ok }),
            ...(response?.ok === false ? { errorCode: response.error_code } : {}),
          },
        });
        return false;
      },
      { settled: false, timeoutMs: 2 ** 31 - 1 },
    )
    .catch(() => {});

  const sent = (update: Update): Sent => ({ update, queuedAt: Date.now(), mark: api.mark() });
  const run = (command: Command): unknown => {
    switch (command.op) {
      case "userSends":
        api.userSends(command.user, command.text, command.options);
        return sent(api.updates.at(-1) as Update);
      case "userSendsMany":
        return command.messages.map(({ user, text, options: messageOptions }) => {
          api.userSends(user, text, messageOptions);
          return sent(api.updates.at(-1) as Update);
        });
      case "group":
        return api.group(command.init) satisfies Chat;
      case "stats":
        return {
          requests: api.requests.length,
          tooMany: api.requests.filter((r) => r.response?.ok === false && r.response.error_code === 429).length,
          violations: api.rateLimitViolations.length,
          rejected: api.rejected.map((r) => `${r.method}: ${r.response?.ok === false ? r.response.description : ""}`),
          lagMaxMs: lag.max / 1e6,
          lagP99Ms: lag.percentile(99) / 1e6,
          violationDetails: api.rateLimitViolations.map((v) => {
            const windowMs = v.limit === "group" ? 60_000 : 1000;
            return {
            limit: v.limit,
            max: v.max,
            chatId: v.chatId,
            method: v.method,
            atMs: v.time - startedAt,
            stallBeforeMs: Math.max(0, ...stalls.filter((stall) => stall.end > v.time - 1000 && stall.end <= v.time + 20).map((stall) => stall.ms)),
            // the sends that filled the window, in ms before the refused one
            windowSends: api.sends
              .filter((send) => send.time > v.time - windowMs && send.time <= v.time && (v.limit === "global" || send.chatId === v.chatId))
              .map((send) => send.time - v.time),
            };
          }),
        } satisfies Stats;
      case "close":
        return null;
    }
  };

  process.on("message", (command: Command) => {
    let reply: Reply;
    try {
      reply = { id: command.id, result: run(command) };
    } catch (error) {
      reply = { id: command.id, error: error instanceof Error ? error.message : String(error) };
    }
    if (command.op !== "close") {
      send({ reply });
      return;
    }
    void api.close().then(() => process.send?.({ reply }, () => process.exit(0)));
  });
  process.on("disconnect", () => process.exit(0));
  send({ ready: { url: api.url, token: api.token, bot: api.bot } });
}

if (process.send !== undefined) await main();
