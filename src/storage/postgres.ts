import postgres, { type ReservedSql, type Sql, type TransactionSql } from "postgres";
import { LANGS, type Lang } from "../knowledge/types.ts";
import { loggedSend, SEND_LOG_WINDOW_MS, slotWait, type SlotRequest, type SlotResult } from "../telegram/send-slots.ts";
import {
  draftFromRow,
  EVERYTHING,
  type ChatKind,
  type DislikedAnswer,
  type Draft,
  type DraftDecision,
  type DraftStatus,
  type Feedback,
  type Heartbeat,
  type InboxUpdate,
  type Lease,
  type NewDraft,
  type OutboxCounts,
  type OutboxMessage,
  type Publication,
  type PublishedItem,
  type QuestionStats,
  type Storage,
  type Subscriber,
  type Subscription,
} from "./storage.ts";

/**
 * Each entry moves the schema one version up, to the same tables as the SQLite file's version of
 * that number; never edit an entry once it has shipped. Times are milliseconds since 1970 (BIGINT).
 */
const MIGRATIONS = [
  `CREATE TABLE users (
     user_id BIGINT PRIMARY KEY,
     language TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   )`,
  `CREATE TABLE subscriptions (
     chat_id BIGINT PRIMARY KEY,
     kind TEXT NOT NULL,
     language TEXT NOT NULL,
     active BOOLEAN NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE published_items (
     item TEXT PRIMARY KEY,
     published_at BIGINT NOT NULL
   );
   CREATE TABLE outbox (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     item TEXT NOT NULL,
     chat_id BIGINT NOT NULL,
     text TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at BIGINT NOT NULL,
     sent_at BIGINT,
     error TEXT,
     UNIQUE (item, chat_id)
   );
   CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
   CREATE TABLE publications (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     requested_by TEXT NOT NULL,
     requested_at BIGINT NOT NULL,
     status TEXT NOT NULL,
     result TEXT
   );
   CREATE TABLE questions (
     day TEXT NOT NULL,
     question TEXT NOT NULL,
     language TEXT NOT NULL,
     found BOOLEAN NOT NULL,
     asked_at BIGINT NOT NULL
   );
   CREATE INDEX questions_by_day ON questions (day, found);`,
  `CREATE TABLE feedback (
     user_id BIGINT NOT NULL,
     message_id BIGINT NOT NULL,
     passage TEXT NOT NULL,
     vote SMALLINT NOT NULL,
     voted_at BIGINT NOT NULL,
     PRIMARY KEY (user_id, message_id)
   );
   CREATE INDEX feedback_by_time ON feedback (voted_at);`,
  `CREATE TABLE inbox (
     update_id BIGINT PRIMARY KEY,
     payload TEXT NOT NULL,
     received_at BIGINT NOT NULL,
     done_at BIGINT
   );
   CREATE INDEX inbox_pending ON inbox (done_at, update_id);`,
  `CREATE TABLE heartbeat (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     at BIGINT NOT NULL,
     running BOOLEAN NOT NULL
   );`,
  `ALTER TABLE inbox ADD COLUMN chat_key TEXT NOT NULL DEFAULT '';
   UPDATE inbox SET chat_key = 'update:' || update_id;
   ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
   ALTER TABLE inbox ADD COLUMN lease_until BIGINT;
   CREATE INDEX inbox_unhandled_by_chat ON inbox (chat_key, update_id) WHERE done_at IS NULL;
   ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
   ALTER TABLE outbox ADD COLUMN lease_until BIGINT;`,
  `CREATE TABLE send_log (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at BIGINT NOT NULL,
     answered_at BIGINT,
     chat_id BIGINT,
     kind TEXT NOT NULL
   );
   CREATE INDEX send_log_by_time ON send_log (at);
   CREATE INDEX send_log_by_chat ON send_log (chat_id, at);`,
  `CREATE TABLE feed_seen (
     key TEXT PRIMARY KEY,
     seen_at BIGINT NOT NULL
   );
   CREATE TABLE drafts (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     url TEXT NOT NULL UNIQUE,
     feed TEXT NOT NULL,
     article TEXT NOT NULL,
     title TEXT NOT NULL,
     score DOUBLE PRECISION NOT NULL,
     about TEXT NOT NULL,
     status TEXT NOT NULL,
     found_at BIGINT NOT NULL,
     told_at BIGINT,
     decided_by BIGINT,
     decided_name TEXT,
     decided_at BIGINT,
     article_id TEXT
   );
   CREATE INDEX drafts_by_status ON drafts (status, id);
   CREATE TABLE title_edits (
     admin_id BIGINT PRIMARY KEY,
     draft_id BIGINT NOT NULL,
     until BIGINT NOT NULL
   );`,
  `ALTER TABLE subscriptions ADD COLUMN topics TEXT NOT NULL DEFAULT '["all"]';
   ALTER TABLE subscriptions ADD COLUMN weekly BOOLEAN NOT NULL DEFAULT FALSE;
   ALTER TABLE published_items ADD COLUMN about TEXT;
   CREATE INDEX published_items_by_time ON published_items (published_at);
   CREATE TABLE digests (
     week TEXT PRIMARY KEY,
     queued_at BIGINT NOT NULL
   );`,
];

/** The version a database is at once opened: how many migrations it has had. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const DAY_MS = 86_400_000;
const TOP_NOT_FOUND = 10;
const TOP_DISLIKED = 10;
/** A server that does not answer this soon is reported, rather than waited for (the driver's default is 30 s). */
const CONNECT_TIMEOUT_S = 10;
const asLang = (value: unknown): Lang => LANGS.find((lang) => lang === value) ?? "ru";
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Storage in a PostgreSQL database (DATABASE_URL=postgres://…), in the schema its search_path
 * names (`public` unless the URL says `?search_path=…`). Opening it brings the schema up to date.
 */
export class PostgresStorage implements Storage {
  readonly readOnly = false;
  readonly shared = true;

  /** The connection that holds the feed poller's lock, while this process holds it. */
  private poller: ReservedSql | null = null;

  private constructor(private readonly sql: Sql) {}

  /** Connects and migrates; the connection errors are the driver's own. */
  static async open(url: string): Promise<PostgresStorage> {
    const sql = postgres(url, { connect_timeout: CONNECT_TIMEOUT_S, onnotice: () => {} });
    const storage = new PostgresStorage(sql);
    try {
      await storage.migrate();
    } catch (error) {
      await sql.end({ timeout: 0 });
      throw error;
    }
    return storage;
  }

  /**
   * Every missing migration in one transaction, under a lock per schema: a second instance
   * starting at the same moment waits, then finds nothing left to do.
   */
  private async migrate(): Promise<void> {
    await this.sql.begin(async (sql) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('zhusan-bot migrations ' || COALESCE(current_schema(), '')))`;
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`;
      const [row] = await sql`SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations`;
      const version = Number(row?.version ?? 0);
      for (const [i, ddl] of MIGRATIONS.slice(version).entries()) {
        await sql.unsafe(ddl);
        await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${version + i + 1}, ${Date.now()})`;
      }
    });
  }

  async getLanguage(userId: number): Promise<Lang | null> {
    const [row] = await this.sql`SELECT language FROM users WHERE user_id = ${userId}`;
    return LANGS.find((lang) => lang === row?.language) ?? null;
  }

  async setLanguage(userId: number, lang: Lang): Promise<void> {
    await this.sql`
      INSERT INTO users (user_id, language, updated_at) VALUES (${userId}, ${lang}, ${Date.now()})
      ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`;
  }

  async subscribe(chatId: number, kind: ChatKind, lang: Lang): Promise<void> {
    await this.sql`
      INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly)
      VALUES (${chatId}, ${kind}, ${lang}, TRUE, ${Date.now()}, ${JSON.stringify([EVERYTHING])}, FALSE)
      ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, language = excluded.language, updated_at = excluded.updated_at,
        topics = CASE WHEN subscriptions.active THEN subscriptions.topics ELSE excluded.topics END,
        weekly = subscriptions.active AND subscriptions.weekly, active = TRUE`;
  }

  async setSubscription(chatId: number, kind: ChatKind, lang: Lang, { topics, weekly }: Subscription): Promise<void> {
    await this.sql`
      INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly)
      VALUES (${chatId}, ${kind}, ${lang}, TRUE, ${Date.now()}, ${JSON.stringify(topics)}, ${weekly})
      ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, language = excluded.language, active = TRUE, updated_at = excluded.updated_at,
        topics = excluded.topics, weekly = excluded.weekly`;
  }

  async unsubscribe(chatId: number): Promise<void> {
    await this.sql.begin(async (sql) => {
      await sql`UPDATE subscriptions SET active = FALSE, updated_at = ${Date.now()} WHERE chat_id = ${chatId}`;
      await sql`UPDATE outbox SET status = 'failed', error = 'unsubscribed' WHERE chat_id = ${chatId} AND status = 'pending'`;
    });
  }

  async isSubscribed(chatId: number): Promise<boolean> {
    return (await this.sql`SELECT 1 FROM subscriptions WHERE chat_id = ${chatId} AND active`).length > 0;
  }

  async subscription(chatId: number): Promise<Subscription | null> {
    const [row] = await this.sql`SELECT topics, weekly FROM subscriptions WHERE chat_id = ${chatId} AND active`;
    return row ? subscriptionFromRow(row) : null;
  }

  async subscribers(): Promise<Subscriber[]> {
    const rows = await this.sql`SELECT chat_id, language, topics, weekly FROM subscriptions WHERE active ORDER BY chat_id`;
    return rows.map((row) => ({ chatId: Number(row.chat_id), lang: asLang(row.language), ...subscriptionFromRow(row) }));
  }

  async subscriberCounts(): Promise<Record<Lang, number>> {
    const counts: Record<Lang, number> = { ru: 0, kk: 0 };
    for (const row of await this.sql`SELECT language, COUNT(*) AS n FROM subscriptions WHERE active GROUP BY language`) {
      counts[asLang(row.language)] += Number(row.n);
    }
    return counts;
  }

  async moveChat(oldChatId: number, newChatId: number): Promise<void> {
    await this.sql.begin(async (sql) => {
      await sql`
        INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly)
        SELECT ${newChatId}::bigint, kind, language, active, ${Date.now()}::bigint, topics, weekly FROM subscriptions WHERE chat_id = ${oldChatId}
        ON CONFLICT (chat_id) DO UPDATE SET active = excluded.active, language = excluded.language, topics = excluded.topics, weekly = excluded.weekly`;
      await sql`UPDATE subscriptions SET active = FALSE WHERE chat_id = ${oldChatId}`;
      // A message the new chat already has stays with the old one, as SQLite's UPDATE OR IGNORE leaves it.
      await sql`
        UPDATE outbox SET chat_id = ${newChatId} WHERE chat_id = ${oldChatId} AND status IN ('pending', 'sending')
        AND NOT EXISTS (SELECT 1 FROM outbox other WHERE other.item = outbox.item AND other.chat_id = ${newChatId})`;
    });
  }

  async publishedItems(): Promise<Set<string>> {
    return new Set((await this.sql`SELECT item FROM published_items`).map((row) => String(row.item)));
  }

  async publish(items: string[], messages: { item: string; chatId: number; text: string }[], about = new Map<string, string[]>()): Promise<void> {
    const now = Date.now();
    const rows = items.map((item) => ({ item, about: about.has(item) ? JSON.stringify(about.get(item)) : null }));
    // As one JSON parameter (text: a jsonb parameter would be JSON-encoded again): a broadcast to every subscriber can exceed the protocol's 65535 parameters.
    await this.sql.begin(async (sql) => {
      await sql`
        INSERT INTO published_items (item, published_at, about)
        SELECT item, ${now}::bigint, about FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS i(item TEXT, about TEXT)
        ON CONFLICT DO NOTHING`;
      await queue(sql, messages, now);
    });
  }

  async publishedBetween(since: number, until: number): Promise<PublishedItem[]> {
    const rows = await this.sql`
      SELECT item, about, published_at FROM published_items WHERE about IS NOT NULL AND published_at >= ${since} AND published_at < ${until}
      ORDER BY published_at, item COLLATE "C"`;
    return rows.map((row) => ({ item: String(row.item), about: JSON.parse(String(row.about)) as string[], publishedAt: Number(row.published_at) }));
  }

  async queueDigests(week: string, messages: { item: string; chatId: number; text: string }[]): Promise<boolean> {
    const now = Date.now();
    return this.sql.begin(async (sql) => {
      const claimed = await sql`INSERT INTO digests (week, queued_at) VALUES (${week}, ${now}) ON CONFLICT DO NOTHING`;
      if (claimed.count === 0) return false;
      await queue(sql, messages, now);
      return true;
    });
  }

  async nextOutbox(now: number, lease?: Lease): Promise<OutboxMessage | null> {
    const owner = lease?.owner ?? null;
    const due = this.sql`
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${now}
      AND (claimed_by IS NULL OR claimed_by = ${owner} OR lease_until IS NULL OR lease_until < ${now})
      ORDER BY next_attempt_at, id LIMIT 1`;
    // SKIP LOCKED: a message another process is claiming this instant is passed over, not waited for.
    const [row] = lease
      ? await this.sql`
          UPDATE outbox SET claimed_by = ${lease.owner}, lease_until = ${lease.until} WHERE id = (${due} FOR UPDATE SKIP LOCKED)
          RETURNING id, item, chat_id, text, attempts`
      : await this.sql`SELECT id, item, chat_id, text, attempts FROM outbox WHERE id = (${due})`;
    return row ? { id: Number(row.id), item: String(row.item), chatId: Number(row.chat_id), text: String(row.text), attempts: Number(row.attempts) } : null;
  }

  async startSending(id: number): Promise<boolean> {
    return (await this.sql`UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ${id} AND status = 'pending'`).count > 0;
  }

  async markSent(id: number): Promise<void> {
    await this.sql`UPDATE outbox SET status = 'sent', sent_at = ${Date.now()}, error = NULL WHERE id = ${id}`;
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.sql`UPDATE outbox SET status = 'failed', error = ${error} WHERE id = ${id}`;
  }

  async retryLater(id: number, at: number, error: string): Promise<void> {
    // A message failed meanwhile (its chat unsubscribed) stays failed.
    await this.sql`
      UPDATE outbox SET status = 'pending', next_attempt_at = ${at}, error = ${error}, claimed_by = NULL, lease_until = NULL
      WHERE id = ${id} AND status IN ('pending', 'sending')`;
  }

  async settleInterrupted(expiredBefore: number): Promise<number> {
    return (
      await this.sql`
        UPDATE outbox SET status = 'sent', error = 'interrupted while sending; not sent again'
        WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < ${expiredBefore})`
    ).count;
  }

  async outboxCounts(): Promise<OutboxCounts> {
    const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
    for (const row of await this.sql`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`) {
      const status = String(row.status);
      if (status === "sent") counts.sent += Number(row.n);
      else if (status === "failed") counts.failed += Number(row.n);
      else counts.pending += Number(row.n);
    }
    return counts;
  }

  async requestPublication(requestedBy: string): Promise<number> {
    const [row] = await this.sql`INSERT INTO publications (requested_by, requested_at, status) VALUES (${requestedBy}, ${Date.now()}, 'requested') RETURNING id`;
    return Number(row?.id);
  }

  async recordPublication(requestedBy: string, result: string): Promise<number> {
    const [row] = await this.sql`
      INSERT INTO publications (requested_by, requested_at, status, result) VALUES (${requestedBy}, ${Date.now()}, 'done', ${result}) RETURNING id`;
    return Number(row?.id);
  }

  async takePublication(): Promise<Publication | null> {
    const [row] = await this.sql`
      UPDATE publications SET status = 'running'
      WHERE id = (SELECT id FROM publications WHERE status = 'requested' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return row ? { id: Number(row.id), status: "running", result: null } : null;
  }

  async finishPublication(id: number, status: "done" | "failed", result: string): Promise<void> {
    await this.sql`UPDATE publications SET status = ${status}, result = ${result} WHERE id = ${id}`;
  }

  async publication(id: number): Promise<Publication | null> {
    const [row] = await this.sql`SELECT status, result FROM publications WHERE id = ${id}`;
    if (!row) return null;
    return { id, status: String(row.status) as Publication["status"], result: row.result === null ? null : String(row.result) };
  }

  async latestPublished(): Promise<number> {
    const [row] = await this.sql`SELECT COALESCE(MAX(id), 0) AS id FROM publications WHERE status = 'done'`;
    return Number(row?.id ?? 0);
  }

  async beat(at: number, running: boolean): Promise<void> {
    await this.sql`
      INSERT INTO heartbeat (id, at, running) VALUES (1, ${at}, ${running})
      ON CONFLICT (id) DO UPDATE SET at = excluded.at, running = excluded.running`;
  }

  async lastBeat(): Promise<Heartbeat | null> {
    const [row] = await this.sql`SELECT at, running FROM heartbeat WHERE id = 1`;
    return row ? { at: Number(row.at), running: row.running === true } : null;
  }

  async logQuestion(question: string, lang: Lang, found: boolean, at: number): Promise<void> {
    await this.sql`INSERT INTO questions (day, question, language, found, asked_at) VALUES (${dayOf(at)}, ${question}, ${lang}, ${found}, ${at})`;
    // Questions are kept for a month: enough for the statistics, no longer than they are needed.
    if (Math.random() < 0.01) await this.sql`DELETE FROM questions WHERE asked_at < ${at - 31 * DAY_MS}`;
  }

  async questionStats(now: number): Promise<QuestionStats> {
    const day = dayOf(now);
    const [counts] = await this.sql`
      SELECT COUNT(*) FILTER (WHERE found) AS answered, COUNT(*) FILTER (WHERE NOT found) AS not_found FROM questions WHERE day = ${day}`;
    // COLLATE "C": code point order, as SQLite sorts, whatever the database's collation.
    const top = await this.sql`
      SELECT question, COUNT(*) AS n FROM questions WHERE NOT found AND asked_at >= ${now - 7 * DAY_MS}
      GROUP BY question ORDER BY n DESC, question COLLATE "C" LIMIT ${TOP_NOT_FOUND}`;
    return {
      answeredToday: Number(counts?.answered ?? 0),
      notFoundToday: Number(counts?.not_found ?? 0),
      topNotFound: top.map((row) => ({ question: String(row.question), count: Number(row.n) })),
    };
  }

  async recordFeedback({ userId, messageId, passage, vote, at }: Feedback): Promise<void> {
    await this.sql`
      INSERT INTO feedback (user_id, message_id, passage, vote, voted_at) VALUES (${userId}, ${messageId}, ${passage}, ${vote}, ${at})
      ON CONFLICT (user_id, message_id) DO UPDATE SET passage = excluded.passage, vote = excluded.vote, voted_at = excluded.voted_at`;
  }

  async dislikedAnswers(now: number): Promise<DislikedAnswer[]> {
    const rows = await this.sql`
      SELECT passage, COUNT(*) FILTER (WHERE vote < 0) AS down, COUNT(*) FILTER (WHERE vote > 0) AS up FROM feedback WHERE voted_at >= ${now - 30 * DAY_MS}
      GROUP BY passage HAVING COUNT(*) FILTER (WHERE vote < 0) > 0 ORDER BY down DESC, up, passage COLLATE "C" LIMIT ${TOP_DISLIKED}`;
    return rows.map((row) => ({ passage: String(row.passage), down: Number(row.down), up: Number(row.up) }));
  }

  async inboxAdd(updates: (InboxUpdate & { chat?: string })[], now: number): Promise<InboxUpdate[]> {
    const rows = await this.sql`
      INSERT INTO inbox (update_id, payload, received_at, chat_key)
      SELECT "updateId", payload, ${now}::bigint, COALESCE(chat, 'update:' || "updateId")
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::text::jsonb) AS u("updateId" BIGINT, payload TEXT, chat TEXT)
      ON CONFLICT (update_id) DO NOTHING RETURNING update_id`;
    const added = new Set(rows.map((row) => Number(row.update_id)));
    // delete(): an update_id given twice in one call is new once.
    return updates.filter(({ updateId }) => added.delete(updateId)).map(({ updateId, payload }) => ({ updateId, payload }));
  }

  /**
   * Under a lock for the schema's inbox claims: which chats are free is decided and the claim
   * made as one step, so that no chat is ever split between two processes.
   */
  async inboxClaim({ owner, until }: Lease, expiredBefore: number, chats: number): Promise<InboxUpdate[]> {
    const rows = await this.sql.begin(async (sql) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('zhusan-bot inbox claims ' || COALESCE(current_schema(), '')))`;
      return sql`
        UPDATE inbox SET claimed_by = ${owner}, lease_until = ${until}
        WHERE done_at IS NULL AND NOT (claimed_by IS NOT DISTINCT FROM ${owner} AND lease_until >= ${expiredBefore}) AND chat_key IN (
          SELECT chat_key FROM inbox WHERE done_at IS NULL GROUP BY chat_key
          HAVING NOT bool_or(claimed_by IS NOT NULL AND claimed_by <> ${owner} AND lease_until >= ${expiredBefore})
            AND bool_or(NOT (claimed_by IS NOT DISTINCT FROM ${owner} AND lease_until >= ${expiredBefore}))
          ORDER BY MIN(update_id) LIMIT ${chats})
        RETURNING update_id, payload`;
    });
    return rows.map((row) => ({ updateId: Number(row.update_id), payload: String(row.payload) })).sort((a, b) => a.updateId - b.updateId);
  }

  async inboxPending(limit: number): Promise<InboxUpdate[]> {
    const rows = await this.sql`SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id LIMIT ${limit}`;
    return rows.map((row) => ({ updateId: Number(row.update_id), payload: String(row.payload) }));
  }

  async inboxDone(updateId: number, now: number): Promise<void> {
    await this.sql`UPDATE inbox SET done_at = ${now} WHERE update_id = ${updateId}`;
  }

  async inboxPurge(before: number): Promise<void> {
    await this.sql`DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ${before}`;
  }

  async inboxCounts(): Promise<{ pending: number; done: number }> {
    const [row] = await this.sql`SELECT COUNT(*) FILTER (WHERE done_at IS NULL) AS pending, COUNT(*) FILTER (WHERE done_at IS NOT NULL) AS done FROM inbox`;
    return { pending: Number(row?.pending ?? 0), done: Number(row?.done ?? 0) };
  }

  async renewClaims({ owner, until }: Lease): Promise<void> {
    await this.sql.begin(async (sql) => {
      await sql`UPDATE inbox SET lease_until = ${until} WHERE claimed_by = ${owner} AND done_at IS NULL`;
      await sql`UPDATE outbox SET lease_until = ${until} WHERE claimed_by = ${owner} AND status IN ('pending', 'sending')`;
    });
  }

  async releaseClaims(owner: string | null): Promise<void> {
    await this.sql.begin(async (sql) => {
      await sql`UPDATE inbox SET claimed_by = NULL, lease_until = NULL WHERE done_at IS NULL AND claimed_by IS NOT NULL AND (${owner}::text IS NULL OR claimed_by = ${owner})`;
      await sql`UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE status = 'pending' AND claimed_by IS NOT NULL AND (${owner}::text IS NULL OR claimed_by = ${owner})`;
    });
  }

  /**
   * Under a lock for the schema's send log, so that the count and the record are one step for all
   * processes together; by the server's clock, the one clock they share.
   */
  async takeSendSlot(request: SlotRequest): Promise<SlotResult> {
    return this.sql.begin(async (sql) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('zhusan-bot send budget ' || COALESCE(current_schema(), '')))`;
      const [clock] = await sql`SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now`;
      const now = Number(clock?.now);
      const rows = await sql`
        SELECT at, answered_at, chat_id, kind FROM send_log
        WHERE at > ${now - SEND_LOG_WINDOW_MS} AND (answered_at IS NULL OR answered_at > ${now - 1000} OR chat_id = ${request.chatId})`;
      const wait = slotWait(rows.map(loggedSend), request, now);
      if (wait > 0) return { wait };
      if (request.outboxId !== undefined) {
        const started = await sql`UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ${request.outboxId} AND status = 'pending'`;
        if (started.count === 0) return { gone: true as const };
      }
      const [row] = await sql`INSERT INTO send_log (at, chat_id, kind) VALUES (${now}, ${request.chatId}, ${request.kind}) RETURNING id`;
      if (Math.random() < 0.01) await sql`DELETE FROM send_log WHERE at < ${now - SEND_LOG_WINDOW_MS}`;
      return { slot: Number(row?.id) };
    });
  }

  async sendAnswered(slot: number): Promise<void> {
    await this.sql`UPDATE send_log SET answered_at = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint WHERE id = ${slot}`;
  }

  async hasSeen(key: string): Promise<boolean> {
    return (await this.sql`SELECT 1 FROM feed_seen WHERE key = ${key}`).length > 0;
  }

  async addSeen(key: string, now: number): Promise<void> {
    await this.sql`INSERT INTO feed_seen (key, seen_at) VALUES (${key}, ${now}) ON CONFLICT DO NOTHING`;
  }

  async addDraft({ feed, article, score, about }: NewDraft, now: number): Promise<Draft | null> {
    const [row] = await this.sql`
      INSERT INTO drafts (url, feed, article, title, score, about, status, found_at)
      VALUES (${article.url}, ${feed}, ${JSON.stringify(article)}, ${article.title}, ${score}, ${JSON.stringify(about)}, 'waiting', ${now})
      ON CONFLICT (url) DO NOTHING RETURNING *`;
    return row ? draftFromRow(row) : null;
  }

  async draft(id: number): Promise<Draft | null> {
    const [row] = await this.sql`SELECT * FROM drafts WHERE id = ${id}`;
    return row ? draftFromRow(row) : null;
  }

  async drafts(status: DraftStatus, limit: number): Promise<Draft[]> {
    return (await this.sql`SELECT * FROM drafts WHERE status = ${status} ORDER BY id LIMIT ${limit}`).map(draftFromRow);
  }

  async draftCount(status: DraftStatus): Promise<number> {
    const [row] = await this.sql`SELECT COUNT(*) AS n FROM drafts WHERE status = ${status}`;
    return Number(row?.n ?? 0);
  }

  async untoldDrafts(): Promise<Draft[]> {
    return (await this.sql`SELECT * FROM drafts WHERE status = 'waiting' AND told_at IS NULL ORDER BY id`).map(draftFromRow);
  }

  async claimDraftNotice(id: number, now: number): Promise<boolean> {
    return (await this.sql`UPDATE drafts SET told_at = ${now} WHERE id = ${id} AND told_at IS NULL`).count > 0;
  }

  async moveDraft(id: number, from: DraftStatus, to: DraftStatus, decision: DraftDecision | null, articleId?: string): Promise<boolean> {
    const moved = await this.sql`
      UPDATE drafts SET status = ${to}, decided_by = ${decision?.by ?? null}, decided_name = ${decision?.name ?? null},
        decided_at = ${decision?.at ?? null}, article_id = COALESCE(${articleId ?? null}::text, article_id)
      WHERE id = ${id} AND status = ${from}`;
    return moved.count > 0;
  }

  async retitleDraft(id: number, title: string): Promise<boolean> {
    return (await this.sql`UPDATE drafts SET title = ${title} WHERE id = ${id} AND status = 'waiting'`).count > 0;
  }

  async beginTitleEdit(adminId: number, draftId: number, until: number): Promise<void> {
    await this.sql`
      INSERT INTO title_edits (admin_id, draft_id, until) VALUES (${adminId}, ${draftId}, ${until})
      ON CONFLICT (admin_id) DO UPDATE SET draft_id = excluded.draft_id, until = excluded.until`;
  }

  async titleEdit(adminId: number, now: number): Promise<number | null> {
    const [row] = await this.sql`SELECT draft_id FROM title_edits WHERE admin_id = ${adminId} AND until >= ${now}`;
    return row ? Number(row.draft_id) : null;
  }

  async endTitleEdit(adminId: number, now: number): Promise<boolean> {
    const rows = await this.sql`DELETE FROM title_edits WHERE admin_id = ${adminId} RETURNING until`;
    return rows.some((row) => Number(row.until) >= now);
  }

  /**
   * A session-level advisory lock for the schema, held on a connection of its own: the server
   * frees it when that connection ends, so a process that dies gives the role up at once. Asking
   * again checks that the connection (and so the lock) is still there.
   */
  async holdFeedPoller(): Promise<boolean> {
    try {
      const held = this.poller !== null;
      this.poller ??= await this.sql.reserve();
      const [row] = await this.poller`SELECT pg_try_advisory_lock(hashtext('zhusan-bot feed poller ' || COALESCE(current_schema(), ''))) AS locked`;
      const locked = row?.locked === true;
      // The lock counts how often it was taken: once is enough.
      if (locked && held) await this.poller`SELECT pg_advisory_unlock(hashtext('zhusan-bot feed poller ' || COALESCE(current_schema(), '')))`;
      if (!locked) this.dropPoller();
      return locked;
    } catch (error) {
      this.dropPoller();
      throw error;
    }
  }

  async releaseFeedPoller(): Promise<void> {
    if (!this.poller) return;
    await this.poller`SELECT pg_advisory_unlock_all()`.catch(() => undefined);
    this.dropPoller();
  }

  private dropPoller(): void {
    this.poller?.release();
    this.poller = null;
  }

  /**
   * Waits for the queries in progress, then closes the connections; at most two seconds (the
   * driver waits that long for a connection the server has already dropped).
   */
  async close(): Promise<void> {
    await this.releaseFeedPoller();
    await this.sql.end({ timeout: 2 });
  }
}

/** Queues each message once: a second queueing of the same item for the same chat is ignored. */
async function queue(sql: TransactionSql, messages: { item: string; chatId: number; text: string }[], now: number): Promise<void> {
  await sql`
    INSERT INTO outbox (item, chat_id, text, status, next_attempt_at)
    SELECT item, "chatId", text, 'pending', ${now}::bigint FROM jsonb_to_recordset(${JSON.stringify(messages)}::text::jsonb) AS m(item TEXT, "chatId" BIGINT, text TEXT)
    ON CONFLICT DO NOTHING`;
}

function subscriptionFromRow(row: Record<string, unknown>): Subscription {
  return { topics: JSON.parse(String(row.topics)) as string[], weekly: row.weekly === true };
}
