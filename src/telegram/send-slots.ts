/** What a send is, for Telegram's limits: an answer (or an edit of one) or an announcement. */
export type SendKind = "answer" | "announcement";

/**
 * A send recorded in the shared log: when its slot was taken and when its answer came back (null
 * while it is on its way), both by the database's clock; into which chat (null: an edit, counted
 * only in all); of what kind.
 */
export interface LoggedSend {
  at: number;
  answeredAt: number | null;
  chatId: number | null;
  kind: SendKind;
}

/** A request for a slot: a send of `kind` into `chatId` (null: counted only against the overall limit). */
export interface SlotRequest {
  kind: SendKind;
  chatId: number | null;
  /** Announcements in any second at most, all processes together (BROADCAST_PER_SECOND). */
  announcementsPerSecond: number;
  /** The outbox message the slot is for: it is marked as being sent with the slot, in one step. */
  outboxId?: number;
}

/** What a request for a slot got: the slot (to report its answer with), a wait, or the message no longer waiting. */
export type SlotResult = { slot: number } | { wait: number } | { gone: true };

/** Telegram's limits for a bot, all its processes together. */
export const LIMITS = { perSecond: 30, groupPerMinute: 20 } as const;
/** A send whose answer never came (its process died) counts as answered this long after its slot. */
export const IN_FLIGHT_MAX_MS = 30_000;
/** How far back the log must be read to decide: the longest window, and a send in flight before it. */
export const SEND_LOG_WINDOW_MS = 60_000 + IN_FLIGHT_MAX_MS;
/** Asked again this soon while the send that decides is still on its way. */
const IN_FLIGHT_POLL_MS = 50;

const isGroup = (chatId: number | null) => chatId !== null && chatId < 0;

/**
 * Whether a send may go at `now` given the sends logged lately (any order): 0 if it may, else how
 * many ms until it may. A send counts in a window until the window's length after its answer came
 * back: it reached Telegram between its slot and its answer, so however the network and each
 * process delay the requests, no window at Telegram holds more than the limit. At most 30 in any
 * second in all, one into the chat; at most 20 into a group in any minute; and announcements at
 * most `announcementsPerSecond` in any second, the rest of the 30 left to answers.
 */
export function slotWait(log: readonly LoggedSend[], request: SlotRequest, now: number): number {
  const end = (send: LoggedSend) => send.answeredAt ?? (send.at < now - IN_FLIGHT_MAX_MS ? send.at + IN_FLIGHT_MAX_MS : Infinity);
  /** The wait until fewer than `max` of `sends` count in the `window` ending now. */
  const waitFor = (sends: readonly LoggedSend[], max: number, window: number) => {
    const counting = sends
      .map(end)
      .filter((at) => at > now - window)
      .sort((a, b) => b - a);
    if (counting.length < max) return 0;
    const deciding = counting[max - 1] as number;
    return deciding === Infinity ? IN_FLIGHT_POLL_MS : Math.max(1, Math.ceil(deciding + window - now));
  };
  const waits = [waitFor(log, LIMITS.perSecond, 1000)];
  if (request.kind === "announcement") waits.push(waitFor(log.filter((s) => s.kind === "announcement"), request.announcementsPerSecond, 1000));
  if (request.chatId !== null) {
    const chat = log.filter((s) => s.chatId === request.chatId);
    waits.push(waitFor(chat, 1, 1000));
    if (isGroup(request.chatId)) waits.push(waitFor(chat, LIMITS.groupPerMinute, 60_000));
  }
  return Math.max(0, ...waits);
}

/** A row of the send log as either database returns it. */
export function loggedSend(row: Record<string, unknown>): LoggedSend {
  return {
    at: Number(row.at),
    answeredAt: row.answered_at === null || row.answered_at === undefined ? null : Number(row.answered_at),
    chatId: row.chat_id === null ? null : Number(row.chat_id),
    kind: row.kind === "announcement" ? "announcement" : "answer",
  };
}
